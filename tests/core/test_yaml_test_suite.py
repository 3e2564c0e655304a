"""Every input of the official YAML test suite gets a clean verdict: located findings, never a crash.

The inputs are not case files, so nearly all of them are invalid; what matters is that each one
is answered with exit 0 or 1 and findings that point into the file, never an exception or an
"internal error".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES

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
