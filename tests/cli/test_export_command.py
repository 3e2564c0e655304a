"""`erhverv export` through the CLI: every format, filters as find's, files written whole, refusals."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, invoke
from reading_exports import CASES, csv_rows, headings, of_type, parse

from erhverv_cli import export as core
from erhverv_cli.vocab import CaseType, values

FORMATS = tuple(core.EXPORTERS)


def _count(output_format: str, text: str) -> int:
    """How many cases an export holds, read the way each format is read."""
    if output_format == "csv":
        return len(csv_rows(text)[1])
    if output_format == "json":
        return len(json.loads(text))
    if output_format == "markdown":
        return len(headings(text, 3))
    return len(parse(text).all("article"))


@pytest.mark.parametrize("output_format", FORMATS)
def test_cli_exports_the_whole_corpus(runner: Any, output_format: str) -> None:
    result: Any = invoke(runner, "export", "--format", output_format)
    assert result.exit_code == 0, result.output
    assert _count(output_format, result.stdout) == len(CASES)


@pytest.mark.parametrize("output_format", FORMATS)
@pytest.mark.parametrize("case_type", values(CaseType))
def test_cli_type_filter_reduces_the_export(runner: Any, output_format: str, case_type: str) -> None:
    result: Any = invoke(runner, "export", "--type", case_type, "--format", output_format)
    assert result.exit_code == 0, result.output
    assert _count(output_format, result.stdout) == len(of_type(case_type))


def test_cli_filters_combine_like_find(runner: Any) -> None:
    exported: Any = invoke(
        runner, "export", "--type", "fokuseret", "--region", "Midtjylland", "--format", "json"
    )
    found: Any = invoke(runner, "find", "--type", "fokuseret", "--region", "Midtjylland", "--format", "json")
    assert exported.exit_code == 0 and found.exit_code == 0
    exported_ids = [item["id"] for item in json.loads(exported.stdout)]
    assert exported_ids == [item["id"] for item in json.loads(found.stdout)]
    assert 0 < len(exported_ids) < len(of_type("fokuseret"))


@pytest.mark.parametrize(
    ("suffix", "output_format"), [(".csv", "csv"), (".json", "json"), (".md", "markdown"), (".html", "html")]
)
def test_cli_output_writes_the_file(runner: Any, tmp_path: Path, suffix: str, output_format: str) -> None:
    target = tmp_path / f"katalog{suffix}"
    result: Any = invoke(runner, "export", "--type", "basal", "--output", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert str(target) in result.stderr
    assert _count(output_format, target.read_text(encoding="utf-8")) == len(of_type("basal"))


def test_cli_refuses_a_suffix_that_names_another_format(runner: Any, tmp_path: Path) -> None:
    target = tmp_path / "cases.csv"
    result: Any = invoke(runner, "export", "--format", "json", "--output", str(target))
    assert result.exit_code == 2
    assert "'cases.csv' does not end in .json" in result.stderr
    assert not target.exists()
    unknown: Any = invoke(runner, "export", "--output", str(tmp_path / "cases.txt"))
    assert unknown.exit_code == 2
    assert "cannot tell the format from 'cases.txt'" in unknown.stderr


def test_cli_refuses_a_missing_folder(runner: Any, tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "katalog.html"
    result: Any = invoke(runner, "export", "--output", str(target))
    assert result.exit_code == 2
    assert "does not exist" in result.output
    assert str(target.parent) in result.output
    assert not target.parent.exists()


def test_cli_refuses_a_folder_as_output(runner: Any, tmp_path: Path) -> None:
    result: Any = invoke(runner, "export", "--output", str(tmp_path))
    assert result.exit_code == 2
    assert "is a folder" in result.output


def test_cli_reports_an_empty_selection(runner: Any, tmp_path: Path) -> None:
    years = [case["started"] for case in CASES if case.get("started")]
    target = tmp_path / "empty.csv"
    result: Any = invoke(runner, "export", "--since", str(max(years) + 1), "--output", str(target))
    assert result.exit_code == 1
    assert "no cases match" in result.stderr
    assert not target.exists()


def test_cli_rejects_unknown_filter_values(runner: Any) -> None:
    result: Any = invoke(runner, "export", "--type", "fokusert")
    assert result.exit_code == 2
    assert "fokuseret" in result.stderr


def test_cli_export_reads_another_data_dir(runner: Any, tmp_path: Path) -> None:
    chosen = [path for path in sorted(CORPUS.glob("*.yaml"))][:3]
    for path in chosen:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    result: Any = invoke(runner, "export", "--data-dir", str(tmp_path), "--format", "csv")
    assert result.exit_code == 0, result.output
    ids = Counter(row["id"] for row in csv_rows(result.stdout)[1])
    assert ids == Counter(path.stem for path in chosen)
