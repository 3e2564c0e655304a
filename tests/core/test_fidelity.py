"""The corpus says what the source catalogue says: per-case fact files in tests/fidelity/.

Each fact names a field path of a case file and the value it must hold (None: absent). Where the
source catalogue is beside the checkout, the numbers the facts assert must also occur in that
case's source text, so a fact file cannot drift from the catalogue either.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import CORPUS, ROOT, SHARED

FIDELITY = ROOT / "tests" / "fidelity"
SOURCE_CASES = SHARED / "source" / "cases"
_PART = re.compile(r"(?P<name>[^.\[]+)(?:\[(?P<index>\d+)\]|\[(?P<key>label|name)=(?P<value>[^\]]+)\])?")


def _fact_files() -> list[Path]:
    return sorted(FIDELITY.glob("case-*.yaml"))


def _cases() -> dict[str, dict[str, Any]]:
    out = {}
    for path in CORPUS.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out[data["id"]] = data
    return out


def _split(path: str) -> list[re.Match[str]]:
    parts, position = [], 0
    while position < len(path):
        match = _PART.match(path, position)
        assert match is not None, f"bad fact path {path!r} at {position}"
        parts.append(match)
        position = match.end() + 1  # skip the dot
    return parts


def resolve(data: Any, path: str) -> Any:
    """The value at a fact path, or None when any part of it is absent."""
    value = data
    for part in _split(path):
        if not isinstance(value, dict) or part["name"] not in value:
            return None
        value = value[part["name"]]
        if part["index"] is not None:
            index = int(part["index"])
            value = value[index] if isinstance(value, list) and index < len(value) else None
        elif part["key"] is not None:
            wanted = part["value"]
            items = value if isinstance(value, list) else []
            value = next((item for item in items if item.get(part["key"]) == wanted), None)
        if value is None:
            return None
    return value


def _numbers(value: Any) -> list[str]:
    if isinstance(value, bool) or value is None:
        return []
    if isinstance(value, (int, float)):
        number = int(value) if float(value).is_integer() else value
        return [str(number)]
    if isinstance(value, list):
        return [text for item in value for text in _numbers(item)]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _numbers(item)]
    return []


_NUMBER_WORDS = {
    "en": 1, "et": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "syv": 7, "otte": 8, "ni": 9,
    "ti": 10, "elleve": 11, "tolv": 12, "tyve": 20, "halvtreds": 50, "hundrede": 100, "tusind": 1000,
    "halv": 0.5, "halvt": 0.5, "tredjedel": 0.33, "kvart": 0.25,
}  # fmt: skip


def _source_numbers(text: str) -> set[str]:
    """Every number of a source text, as digits (5.000 → 5000, 0,33 → 0.33) or as a Danish word."""
    words = set(re.findall(r"[a-zæøå]+", text.lower()))
    found = {_numbers(value)[0] for word, value in _NUMBER_WORDS.items() if word in words}
    for raw in re.findall(r"\d[\d.,]*", text):
        cleaned = raw.rstrip(".,")
        found.add(cleaned)
        found.add(cleaned.replace(".", ""))  # 5.000 → 5000
        found.add(cleaned.replace(".", "").replace(",", "."))  # 0,33 → 0.33
    return found


def test_there_is_a_fact_file_for_every_catalogue_case() -> None:
    numbers = [yaml.safe_load(path.read_text(encoding="utf-8"))["case"] for path in _fact_files()]
    assert sorted(numbers) == list(range(1, 19))


@pytest.mark.parametrize("path", _fact_files(), ids=lambda path: path.stem)
def test_case_file_holds_the_source_facts(path: Path) -> None:
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    case = _cases()[spec["id"]]
    assert case.get("number") == spec["case"]
    assert spec["facts"], "a fact file asserts at least one fact"
    wrong = []
    for fact_path, expected in spec["facts"].items():
        actual = resolve(case, fact_path)
        if expected == [] and actual is None:
            continue
        if actual != expected:
            wrong.append(f"{fact_path}: case file has {actual!r}, the source gives {expected!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.skipif(not SOURCE_CASES.is_dir(), reason="needs the source catalogue in ../shared/source")
@pytest.mark.parametrize("path", _fact_files(), ids=lambda path: path.stem)
def test_every_number_a_fact_asserts_is_in_the_source(path: Path) -> None:
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    source = (SOURCE_CASES / f"case-{spec['case']:02d}.txt").read_text(encoding="utf-8")
    known = _source_numbers(source)
    missing = [
        f"{fact_path}: {number}"
        for fact_path, value in spec["facts"].items()
        if not fact_path.startswith(("source.", "number"))
        for number in _numbers(value)
        if number not in known
    ]
    assert not missing, "numbers not found in the source text:\n" + "\n".join(missing)
