"""docs/authoring.md tells the truth: every YAML example in it is a valid case file, every example marked
as wrong fails the way the guide says, its `erhverv validate` output is real, and its links lead somewhere.

A ```yaml block whose first field is `id:` is a whole case file and is validated as `<id>.yaml`. Any
other ```yaml block is a fragment (a few optional fields) and is validated inside a minimal case made of
the required fields it does not set itself. A block right after `<!-- invalid: FIELD: MESSAGE -->` must
fail on FIELD only, with a message containing MESSAGE, and the prose after it must quote that message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from erhverv_cli.validation import REQUIRED_FIELDS, Finding, validate_paths

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "authoring.md"

# The required fields a fragment is completed with (only those the fragment does not set).
FRAGMENT_BASE = {
    "id": "id: guide-fragment",
    "title": "title: Eksempel",
    "type": "type: basal",
    "municipalities": "municipalities: [Aalborg]",
    "summary": "summary: Et eksempel til vejledningen.",
}
_INVALID = re.compile(r"<!--\s*invalid:\s*(?P<field>[^\s:]+):\s*(?P<message>.+?)\s*-->")
_TOP_LEVEL_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*):", re.MULTILINE)
_ID_LINE = re.compile(r"^id:\s*(?P<id>\S+)\s*$")


@dataclass(frozen=True)
class Block:
    """One fenced code block of the guide."""

    lang: str
    body: str
    line: int  # line of the opening fence in the guide
    marker: str  # the line just before the opening fence
    after: str  # the prose after the block, up to the next block or heading, on one line

    @property
    def first_field(self) -> str:
        for line in self.body.splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                return line
        return ""

    @property
    def case_id(self) -> str | None:
        found = _ID_LINE.match(self.first_field)
        return found["id"] if found else None

    @property
    def invalid(self) -> re.Match[str] | None:
        return _INVALID.fullmatch(self.marker.strip())


def _blocks(text: str) -> list[Block]:
    lines = text.splitlines()
    spans: list[tuple[str, int, int]] = []  # language, opening fence, closing fence (0-based)
    opened: tuple[str, int] | None = None
    for number, line in enumerate(lines):
        if not line.startswith("```"):
            continue
        if opened is None:
            opened = (line[3:].strip(), number)
        else:
            spans.append((opened[0], opened[1], number))
            opened = None
    assert opened is None, f"unclosed code block at line {opened[1] + 1}"
    blocks = []
    for index, (lang, start, end) in enumerate(spans):
        stop = spans[index + 1][1] if index + 1 < len(spans) else len(lines)
        prose = []
        for line in lines[end + 1 : stop]:
            if line.startswith("#"):
                break
            prose.append(line)
        blocks.append(
            Block(
                lang=lang,
                body="\n".join(lines[start + 1 : end]) + "\n",
                line=start + 1,
                marker=lines[start - 1] if start else "",
                after=" ".join(" ".join(prose).split()),
            )
        )
    return blocks


BLOCKS = _blocks(GUIDE.read_text(encoding="utf-8"))
YAML_BLOCKS = [block for block in BLOCKS if block.lang == "yaml"]
GOOD = [block for block in YAML_BLOCKS if block.invalid is None]
WRONG = [block for block in YAML_BLOCKS if block.invalid is not None]


def _case_file(block: Block, folder: Path) -> Path:
    """The block as a case file in ``folder``: as it stands, or a fragment completed with the required
    fields it does not set."""
    case_id = block.case_id
    if case_id is None:
        keys = set(_TOP_LEVEL_KEY.findall(block.body))
        base = [line for key, line in FRAGMENT_BASE.items() if key not in keys]
        text = "\n".join(base) + "\n" + block.body
        case_id = FRAGMENT_BASE["id"].removeprefix("id: ")
    else:
        text = block.body
    path = folder / f"{case_id}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _findings(block: Block, folder: Path) -> list[Finding]:
    return validate_paths([_case_file(block, folder)]).findings


def _shown(findings: list[Finding]) -> str:
    return "\n".join(f"{finding.location()}: {finding.field}: {finding.message}" for finding in findings)


def test_required_fields_of_the_fragment_base_are_the_models() -> None:
    assert tuple(FRAGMENT_BASE) == REQUIRED_FIELDS


def test_the_guide_has_its_examples() -> None:
    """Extraction found what the guide holds: a minimal and a fuller case in each language, wrong
    examples and a real validate run (so the tests below cannot pass by finding nothing)."""
    whole = [block for block in GOOD if block.case_id is not None]
    assert len(whole) >= 4
    assert {block.case_id for block in whole} >= {
        "eksempel-erhvervsservice-i-aabenraa",
        "eksempel-foedevarevaerksted-i-thisted",
    }
    assert len(WRONG) >= 2


@pytest.mark.parametrize("block", GOOD, ids=[f"line-{block.line}" for block in GOOD])
def test_yaml_example_is_a_valid_case(block: Block, tmp_path: Path) -> None:
    findings = _findings(block, tmp_path)
    assert findings == [], f"docs/authoring.md line {block.line}:\n{_shown(findings)}"


@pytest.mark.parametrize("block", WRONG, ids=[f"line-{block.line}" for block in WRONG])
def test_wrong_example_fails_as_the_guide_says(block: Block, tmp_path: Path) -> None:
    expected = block.invalid
    assert expected is not None
    field, message = expected["field"], expected["message"]
    findings = _findings(block, tmp_path)
    assert findings, f"docs/authoring.md line {block.line} is marked invalid but validates"
    assert all(finding.field == field for finding in findings), _shown(findings)
    assert any(message in finding.message for finding in findings), _shown(findings)
    assert message in block.after, f"the prose after line {block.line} should quote: {message}"
