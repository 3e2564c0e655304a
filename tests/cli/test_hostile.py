"""Hostile case files through every command and format, piped (Typer's CliRunner).

The corpus holds the accepted hostile cases (markup, Markdown and HTML, CSV formulas, NFD text,
very long words: valid text that reaches every renderer) and beside them every refused one
(terminal escapes, bidi and zero-width characters, huge numbers: each skipped with one warning).
Whatever is asked, the answer is well formed in its format, prints case text literally, and
carries no raw control, bidi or zero-width character. The pty variants are in test_hostile_pty.py.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from pathlib import Path

import pytest
import yaml
from hostile import (
    ACCEPTED_IDS,
    REFUSED,
    check_clean,
    check_csv,
    check_format,
    check_skip_warnings,
    hostile_corpus,
    strict_json,
)
from typer.testing import CliRunner, Result

from erhverv_cli.cli import app

FORMATS = ("table", "json", "jsonl", "csv", "tsv", "markdown")
SHOW_FORMATS = (*FORMATS, "yaml")
MARKUP = "[bold]x[/bold]"  # the title payload of the rich-markup case
# A word of each accepted case that a query can find it by.
WORDS = {
    "csv-formula-in-every-field": "HYPERLINK",
    "long-lines-and-words-in-every-field": "ordene",
    "markdown-html-in-every-field": "script",
    "nfd-danish-in-every-field": "rådgivning",
    "rich-markup-in-every-field": "bold",
}
COMMANDS: dict[str, tuple[str, ...]] = {
    "list": ("list",),
    "find": ("find", "Erhvervsservice"),
    "find-fields": ("find", "Erhvervsservice", "--fields", "number,id,title,sectors,score,snippet"),
    "find-filter": ("find", "--kommune", "Aalborg", "--since", "2000"),
    "compare": ("compare", "rich-markup-in-every-field", *ACCEPTED_IDS[:3]),
    "stats": ("stats", "--by", "sector"),
    "stats-overview": ("stats",),
    "similar": ("similar", "csv-formula-in-every-field"),
    "vocab": ("vocab", "sector"),
}
SHOWS_TITLES = {"list", "find", "find-fields", "find-filter", "compare", "similar"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile_corpus(tmp_path_factory.mktemp("hostile") / "cases")


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """One cache for the module: built by the first command, read by the others."""
    return {"ERHVERV_CACHE_DIR": str(tmp_path_factory.mktemp("hostile-cache"))}


def run(runner: CliRunner, env: dict[str, str], corpus: Path, *arguments: str) -> Result:
    result = runner.invoke(app, [*arguments, "--data-dir", str(corpus)], env=env)
    check_clean(result.stdout, result.stderr)
    return result


def answered(result: Result, corpus: Path) -> str:
    assert result.exit_code == 0, result.stderr
    check_skip_warnings(result.stderr, corpus)
    return result.stdout


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_query_command_and_format(
    name: str, fmt: str, runner: CliRunner, env: dict[str, str], corpus: Path
) -> None:
    output = answered(run(runner, env, corpus, *COMMANDS[name], "--format", fmt), corpus)
    check_format(fmt, output)
    if name in SHOWS_TITLES:
        assert MARKUP in output  # Rich markup printed as written, never interpreted
    if name.startswith("stats") or name == "vocab":
        assert "[/bold]" in output or name == "stats-overview"
    if name == "find-fields" and fmt in ("json", "jsonl"):
        rows = strict_json(output) if fmt == "json" else [strict_json(line) for line in output.splitlines()]
        assert all(set(row) == {"number", "id", "title", "sectors", "score", "snippet"} for row in rows)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case_id", ACCEPTED_IDS)
def test_find_by_the_payload(
    case_id: str, fmt: str, runner: CliRunner, env: dict[str, str], corpus: Path
) -> None:
    output = answered(
        run(runner, env, corpus, "find", WORDS[case_id], "--format", fmt, "--fields", "id,title,snippet"),
        corpus,
    )
    check_format(fmt, output)
    assert case_id in output


def test_fields_without_a_value_lists_them(runner: CliRunner, env: dict[str, str], corpus: Path) -> None:
    output = answered(run(runner, env, corpus, "find", "bold", "--fields"), corpus)
    assert {"id", "title", "snippet", "score"} <= set(output.split())


@pytest.mark.parametrize("fmt", SHOW_FORMATS)
@pytest.mark.parametrize("case_id", ACCEPTED_IDS)
def test_show_every_case_in_every_format(
    case_id: str, fmt: str, runner: CliRunner, env: dict[str, str], corpus: Path
) -> None:
    output = answered(run(runner, env, corpus, "show", case_id, "--format", fmt), corpus)
    check_format(fmt, output)
    if fmt == "yaml":
        shown = yaml.safe_load(output)
        assert shown["id"] == case_id
        source = yaml.safe_load((corpus / f"{case_id}.yaml").read_text(encoding="utf-8"))
        assert shown["title"] == unicodedata.normalize("NFC", source["title"])
    if fmt == "json":
        record = strict_json(output)
        assert record["id"] == case_id
        assert all(unicodedata.is_normalized("NFC", value) for value in _texts(record))
    if case_id == "rich-markup-in-every-field":
        assert MARKUP in output and "[link=https://evil.example]x[/link]" in output


def _texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    return []


@pytest.mark.parametrize("case_id", ACCEPTED_IDS)
def test_similar_from_every_case(case_id: str, runner: CliRunner, env: dict[str, str], corpus: Path) -> None:
    for fmt in ("table", "json", "csv", "markdown"):
        check_format(fmt, answered(run(runner, env, corpus, "similar", case_id, "--format", fmt), corpus))


@pytest.mark.parametrize("fmt", ["csv", "json", "markdown", "html"])
def test_export_to_standard_output(fmt: str, runner: CliRunner, env: dict[str, str], corpus: Path) -> None:
    output = answered(run(runner, env, corpus, "export", "--format", fmt), corpus)
    check_format(fmt, output)
    if fmt == "html":
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in output or "\\u003cscript" in output
        assert "onerror=" not in output.replace("onerror=&quot;", "")
    if fmt == "json":
        assert {record["id"] for record in strict_json(output)} == set(ACCEPTED_IDS)


def test_export_csv_for_excel(runner: CliRunner, env: dict[str, str], corpus: Path) -> None:
    result = runner.invoke(app, ["export", "--format", "csv", "--excel", "--data-dir", str(corpus)], env=env)
    assert result.stdout.startswith("\ufeff")  # the byte-order mark Excel needs, and the only one
    check_clean(result.stdout[1:], result.stderr)
    check_csv(answered(result, corpus)[1:], ";")


@pytest.mark.parametrize("fmt", ["xlsx", "sqlite"])
def test_export_to_a_file(
    fmt: str, runner: CliRunner, env: dict[str, str], corpus: Path, tmp_path: Path
) -> None:
    target = tmp_path / f"cases.{fmt}"
    result = run(runner, env, corpus, "export", "--output", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[-1].startswith(f"wrote {target}")
    assert target.stat().st_size > 0
    if fmt == "sqlite":  # data for Datasette: text kept as written, "=" and all
        connection = sqlite3.connect(target)
        titles = [row[0] for row in connection.execute("SELECT title FROM cases")]
        connection.close()
    else:
        from openpyxl import load_workbook

        cells = [
            cell for sheet in load_workbook(target).worksheets for row in sheet.iter_rows() for cell in row
        ]
        assert all(cell.data_type != "f" for cell in cells)  # no text became a formula
        titles = [cell.value for cell in cells]
        formula_like = [cell for cell in cells if isinstance(cell.value, str) and cell.value.startswith("=")]
        assert formula_like
        assert all(cell.data_type == "s" for cell in formula_like)
    assert any(MARKUP in str(title) for title in titles)


# -- validate: every refused file, every report format ----------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_validate_reports_every_refused_file(fmt: str, runner: CliRunner, corpus: Path) -> None:
    result = runner.invoke(app, ["validate", "--format", fmt, str(corpus)])
    check_clean(result.stdout, result.stderr)
    assert result.exit_code == 1
    if fmt == "json":
        errors = strict_json(result.stdout)["errors"]
        assert {Path(error["file"]).name for error in errors} == {path.name for path in REFUSED}
    else:
        for path in REFUSED:
            assert f"{path.name}:" in result.stdout or f"file={corpus / path.name}" in result.stdout
