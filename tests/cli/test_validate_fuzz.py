"""validate through the CLI on broken case files made by hypothesis: exit 1, and located lines."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from conftest import invoke
from hypothesis import HealthCheck, given, settings
from mutants import Mutant, breaking_mutants
from typer.testing import CliRunner

LOCATED = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<message>.+)$")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutant=breaking_mutants())
def test_cli_answers_a_broken_case_with_exit_1_and_located_lines(runner: CliRunner, mutant: Mutant) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / mutant.seed.name
        path.write_bytes(mutant.raw)
        result = invoke(runner, "validate", str(path))
    assert result.exit_code == 1, result.output
    *lines, summary = result.stdout.splitlines()
    assert summary.startswith("1 file checked: 1 invalid, ")
    located = [LOCATED.match(line) for line in lines]
    assert located and located[0] is not None, lines
    assert located[0]["file"] == str(path)
    assert int(located[0]["line"]) >= 1
    assert int(located[0]["col"]) >= 1
    assert mutant.must_fail is not None
    assert mutant.must_fail in result.stdout
    assert "internal error" not in result.output
