"""Property-based tests: valid case files mutated at random always get a located verdict, never a crash.

Mutations work on the parsed data (drop, rename or retype a field anywhere in the case) or on the
raw bytes (cut, garble, insert). Whatever comes out, validation must answer with findings that
point into the file, and mutations that are bound to break a case must be reported.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from mutants import MUTANTS, SEED_BYTES, SEEDS, Mutant, dump_yaml, seed_data

from erhverv_cli.validation import FileResult, validate_bytes


def _assert_located(result: FileResult, mutant: Mutant, filename: str) -> None:
    lines = mutant.raw.count(b"\n") + 1
    for finding in result.findings:
        assert finding.file == filename
        assert finding.line >= 1
        assert finding.col >= 1
        assert finding.line <= lines + 1, finding
        assert finding.message.strip()
        assert "internal error" not in finding.message, finding.message


@settings(max_examples=200, deadline=None)
@given(MUTANTS)
def test_validate_bytes_answers_every_mutant_with_located_findings(mutant: Mutant) -> None:
    result = validate_bytes(mutant.raw, "case.yaml", stem=mutant.seed.stem)
    if result.ok:
        assert result.case is not None
    else:
        assert result.case is None
        _assert_located(result, mutant, "case.yaml")
    if mutant.must_fail is not None:
        assert not result.ok
        assert any(mutant.must_fail in finding.message for finding in result.findings)


# -- the same through the CLI, on a few examples ----------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_every_seed_is_valid_to_start_with_also_when_written_back(seed: Path) -> None:
    # The data mutants go through a YAML writer; the writer itself must not be what breaks a case.
    assert validate_bytes(SEED_BYTES[seed], seed.name, stem=seed.stem).ok
    assert validate_bytes(dump_yaml(seed_data(seed)), seed.name, stem=seed.stem).ok
