"""A query with nothing searchable in it (stop words, stray syntax) finds nothing, in every format,
through the fast path and the Typer app alike, and in the API: it is not cache damage."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS
from typer.testing import CliRunner

from erhverv_cli.cli import app
from erhverv_cli.search.engine import find
from erhverv_cli.search.index import CorpusIndex

QUERIES = ["og", "*", '"', "og -", "AND", "og og"]
FORMATS = ["json", "jsonl", "csv", "tsv", "markdown", "table"]


@pytest.mark.parametrize("query", QUERIES)
def test_the_core_finds_nothing_and_says_so(index: CorpusIndex, query: str) -> None:
    results = find(index, query)
    assert (results.total, results.complete, list(results)) == (0, 0, [])


@pytest.mark.parametrize("output_format", FORMATS)
@pytest.mark.parametrize("query", QUERIES)
def test_no_cases_match_in_every_format(runner: CliRunner, query: str, output_format: str) -> None:
    result = runner.invoke(app, ["find", query, "--format", output_format])
    assert result.exit_code == 1, result.output
    assert result.stderr.strip() == "erhverv: error: no cases match"


def test_explain_says_there_is_nothing_to_search_for(runner: CliRunner) -> None:
    result = runner.invoke(app, ["find", "og *", "--explain"])
    assert result.exit_code == 1
    assert "No searchable words" in result.stdout
    assert "damaged" not in result.stderr


@pytest.mark.parametrize("output_format", ["json", "csv"])
def test_the_fast_path_neither_rebuilds_the_cache_nor_warns(tmp_path: Path, output_format: str) -> None:
    command = [sys.executable, "-m", "erhverv_cli", "find", "og", "--format", output_format, "--data-dir"]
    env = {"ERHVERV_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "NO_COLOR": "1"}
    for _ in range(2):  # the first run builds the cache, the second uses it
        done = subprocess.run([*command, str(CORPUS)], capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 1
        assert done.stderr == "erhverv: error: no cases match\n"


@pytest.mark.parametrize(
    ("output_format", "empty"),
    [
        ("table", ""),
        ("jsonl", ""),
        ("json", "[]\n"),
        ("csv", "number,"),
        ("tsv", "number\t"),
        ("markdown", "| number |"),
    ],
)
def test_nothing_found_prints_the_empty_form_of_each_format(
    runner: CliRunner, output_format: str, empty: str
) -> None:
    """As the README says: the table prints nothing; the others print a document a script can read."""
    result = runner.invoke(app, ["find", "zzzqqqxx", "--format", output_format])
    assert result.exit_code == 1
    assert result.stdout.startswith(empty) and (result.stdout == "") == (empty == "")
    if output_format == "markdown":
        assert result.stdout.splitlines()[1].startswith("|---|") and len(result.stdout.splitlines()) == 2
