"""Every input of the official YAML test suite gets a clean verdict: located findings, never a crash.

The inputs are not case files, so nearly all of them are invalid; what matters is that each one
is answered with exit 0 or 1 and findings that point into the file, never an exception or an
"internal error".
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES, invoke
from typer.testing import CliRunner

from erhverv_cli.validation import Finding, validate_file

# Vendored (MIT, see its LICENSE), so a fresh clone runs this without the shared test data.
SUITE = FIXTURES / "yaml-test-suite"
INPUTS = sorted(SUITE.rglob("in.yaml"))


def _name(path: Path) -> str:
    return path.parent.relative_to(SUITE).as_posix()


def _check(finding: Finding) -> None:
    assert finding.line >= 1
    assert finding.col >= 1
    assert finding.message.strip()
    assert "internal error" not in finding.message


def test_the_whole_suite_is_there() -> None:
    assert len(INPUTS) == 402


@pytest.mark.parametrize("path", INPUTS, ids=_name)
def test_validate_file_gives_a_clean_verdict(path: Path) -> None:
    result = validate_file(path)
    for finding in result.findings:
        _check(finding)
        assert finding.file == str(path)
    # A line number past the end of the file would send an editor nowhere.
    line_count = path.read_bytes().count(b"\n") + 1
    assert all(finding.line <= line_count + 1 for finding in result.findings)
    assert result.ok == (result.case is not None)


def test_cli_over_the_whole_suite(runner: CliRunner) -> None:
    result = invoke(runner, "validate", "--format", "json", str(SUITE))
    assert result.exit_code in (0, 1)
    assert "Traceback" not in result.output
    payload = json.loads(result.stdout)
    assert payload["files"] == len(INPUTS)
    assert payload["ok"] == (result.exit_code == 0)
    for error in payload["errors"]:
        _check(Finding(error["file"], error["line"], error["col"], error["message"], error["field"]))
    assert {Path(error["file"]) for error in payload["errors"]} <= set(INPUTS)


def test_cli_text_report_over_the_whole_suite(runner: CliRunner) -> None:
    result = invoke(runner, "validate", str(SUITE))
    assert result.exit_code in (0, 1)
    *lines, summary = result.stdout.splitlines()
    assert summary.startswith(f"{len(INPUTS)} files checked: ")
    inputs = {str(path) for path in INPUTS}
    for line in lines:
        file, row, col, message = [*line.split(":", 3), "", "", ""][:4]
        assert file in inputs, line
        assert int(row) >= 1
        assert int(col) >= 1
        assert message.strip()
        assert "internal error" not in message
