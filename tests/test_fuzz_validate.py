"""Property-based tests: valid case files mutated at random always get a located verdict, never a crash.

Mutations work on the parsed data (drop, rename or retype a field anywhere in the case) or on the
raw bytes (cut, garble, insert). Whatever comes out, validation must answer with findings that
point into the file, and mutations that are bound to break a case must be reported.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import CORPUS, FIXTURES, invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from erhverv_cli.models import Case
from erhverv_cli.validation import REQUIRED_FIELDS, FileResult, validate_bytes
from erhverv_cli.yamlsafe import parse_yaml

SEEDS = sorted((FIXTURES / "valid").glob("*.yaml")) + sorted(CORPUS.glob("*.yaml"))
SEED_BYTES = {path: path.read_bytes() for path in SEEDS}
FIELDS = set(Case.model_fields)

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Mutant:
    """A mutated case file and what was done to it."""

    seed: Path
    raw: bytes
    what: str
    # A text the findings must contain, when the mutation is bound to break the case.
    must_fail: str | None = None

    def __repr__(self) -> str:  # shown by hypothesis on failure
        return f"Mutant({self.seed.name}, {self.what}, raw={self.raw[:2000]!r})"


def _data(seed: Path) -> dict[str, Any]:
    doc = parse_yaml(SEED_BYTES[seed])
    assert isinstance(doc.data, dict)
    return doc.data


def _dump(data: Any) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100).encode()


def _mapping_keys(value: Any, path: Path_ = ()) -> list[Path_]:
    """Paths of every key of every mapping in a value."""
    found: list[Path_] = []
    if isinstance(value, dict):
        for key, item in value.items():
            found.append((*path, key))
            found.extend(_mapping_keys(item, (*path, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_mapping_keys(item, (*path, index)))
    return found


def _parent(data: Any, path: Path_) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["NO", "yes", "0123", "1:30", "2014-13-45", "~", "", " ", "Koge", "fokuserett", "0x1F"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(st.text(min_size=1, max_size=10), children, max_size=3),
    ),
    max_leaves=6,
)
NEW_NAMES = st.one_of(
    st.text(min_size=1, max_size=20),
    st.sampled_from(
        ["sumary", "titel", "Title", "municipality", "kommuner", "type_", "id ", "good-practice"]
    ),
)


@st.composite
def data_mutants(draw: st.DrawFn) -> Mutant:
    """Drop, rename or retype one field anywhere in a case, then write the case back as YAML."""
    seed = draw(st.sampled_from(SEEDS))
    data = _data(seed)
    path = draw(st.sampled_from(_mapping_keys(data)))
    parent, key = _parent(data, path), path[-1]
    top_level = len(path) == 1
    kind = draw(st.sampled_from(["drop", "rename", "retype"]))
    must_fail = None
    if kind == "drop":
        del parent[key]
        if top_level and key in REQUIRED_FIELDS:
            must_fail = f"missing required field '{key}'"
    elif kind == "rename":
        name = draw(NEW_NAMES.filter(lambda name: name not in parent))
        parent[name] = parent.pop(key)
        if top_level and name not in FIELDS:
            must_fail = "unknown field"
    else:
        parent[key] = draw(VALUES)
    return Mutant(seed, _dump(data), f"{kind} {'.'.join(map(str, path))}", must_fail)


@st.composite
def byte_mutants(draw: st.DrawFn) -> Mutant:
    """Cut, garble or insert bytes at random places."""
    seed = draw(st.sampled_from(SEEDS))
    raw = bytearray(SEED_BYTES[seed])
    kind = draw(st.sampled_from(["cut", "garble", "insert"]))
    if kind == "cut":
        at = draw(st.integers(0, len(raw)))
        return Mutant(seed, bytes(raw[:at]), f"cut at {at}")
    if kind == "garble":
        spots = draw(
            st.lists(st.tuples(st.integers(0, len(raw) - 1), st.integers(0, 255)), min_size=1, max_size=8)
        )
        for at, byte in spots:
            raw[at] = byte
        return Mutant(seed, bytes(raw), f"garble {spots}")
    at = draw(st.integers(0, len(raw)))
    extra = draw(st.binary(min_size=1, max_size=16))
    return Mutant(seed, bytes(raw[:at] + extra + raw[at:]), f"insert {extra!r} at {at}")


MUTANTS = st.one_of(data_mutants(), byte_mutants())


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


@st.composite
def breaking_mutants(draw: st.DrawFn) -> Mutant:
    """Mutations that are bound to make a case invalid."""
    seed = draw(st.sampled_from(SEEDS))
    kind = draw(st.sampled_from(["drop", "rename", "retype", "bad-byte"]))
    if kind == "bad-byte":
        raw = SEED_BYTES[seed]
        at = draw(st.integers(0, len(raw)))
        bad = draw(st.sampled_from([b"\xff", b"\xc3", b"\x00"]))
        return Mutant(seed, raw[:at] + bad + raw[at:], f"insert {bad!r} at {at}", "")
    data = _data(seed)
    field = draw(st.sampled_from(REQUIRED_FIELDS))
    if kind == "drop":
        del data[field]
        return Mutant(seed, _dump(data), f"drop {field}", f"missing required field '{field}'")
    if kind == "rename":
        data[f"{field}x"] = data.pop(field)
        return Mutant(seed, _dump(data), f"rename {field}", f"unknown field '{field}x'")
    small = st.integers(min_value=-(10**9), max_value=10**9)
    data[field] = draw(st.one_of(small, st.booleans(), st.lists(small, min_size=1)))
    return Mutant(seed, _dump(data), f"retype {field}", "")


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


@pytest.mark.parametrize("seed", SEEDS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_every_seed_is_valid_to_start_with_also_when_written_back(seed: Path) -> None:
    # The data mutants go through a YAML writer; the writer itself must not be what breaks a case.
    assert validate_bytes(SEED_BYTES[seed], seed.name, stem=seed.stem).ok
    assert validate_bytes(_dump(_data(seed)), seed.name, stem=seed.stem).ok
