"""validate through the CLI over every input of the vendored YAML test suite: exit 0 or 1, JSON
and text reports whose every finding points into a file of the suite, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import FIXTURES, invoke
from typer.testing import CliRunner

from erhverv_cli.validation import Finding

SUITE = FIXTURES / "yaml-test-suite"
INPUTS = sorted(SUITE.rglob("in.yaml"))


def _check(finding: Finding) -> None:
    assert finding.line >= 1 and finding.col >= 1
    assert finding.message.strip()
    assert "internal error" not in finding.message


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
