"""Broken case files made by hypothesis from valid ones, for the validation fuzz tests of the core
and of the CLI: data mutants (fields dropped, renamed, retyped, nested), byte mutants (cut, spliced,
re-encoded) and mutants that must break a case."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from conftest import CORPUS, FIXTURES
from hypothesis import strategies as st

from erhverv_cli.models import Case
from erhverv_cli.validation import REQUIRED_FIELDS
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


def seed_data(seed: Path) -> dict[str, Any]:
    doc = parse_yaml(SEED_BYTES[seed])
    assert isinstance(doc.data, dict)
    return doc.data


def dump_yaml(data: Any) -> bytes:
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
    data = seed_data(seed)
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
    return Mutant(seed, dump_yaml(data), f"{kind} {'.'.join(map(str, path))}", must_fail)


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
    data = seed_data(seed)
    field = draw(st.sampled_from(REQUIRED_FIELDS))
    if kind == "drop":
        del data[field]
        return Mutant(seed, dump_yaml(data), f"drop {field}", f"missing required field '{field}'")
    if kind == "rename":
        data[f"{field}x"] = data.pop(field)
        return Mutant(seed, dump_yaml(data), f"rename {field}", f"unknown field '{field}x'")
    small = st.integers(min_value=-(10**9), max_value=10**9)
    data[field] = draw(st.one_of(small, st.booleans(), st.lists(small, min_size=1)))
    return Mutant(seed, dump_yaml(data), f"retype {field}", "")
