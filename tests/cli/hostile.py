"""What every hostile-input test checks in what the tool printed (shared by the piped and pty tests)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

from conftest import FIXTURES

HOSTILE = FIXTURES / "hostile"
ACCEPTED = sorted((HOSTILE / "accepted").glob("*.yaml"))
REFUSED = sorted((HOSTILE / "refused").glob("*.yaml"))
ACCEPTED_IDS = [path.stem for path in ACCEPTED]

# Characters no output may carry raw: C0 controls but tab and line feed (a CR only before a line
# feed, as CSV ends its lines), DEL and C1 controls (U+009B is a one-byte CSI), the Arabic letter
# mark, zero-width and bidi characters, line and paragraph separators, isolates, the BOM.
RAW = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]"
    "|\r(?!\n)"
)
# With colour on, the tool's own SGR sequences (ESC [ digits ; m) are allowed, and nothing else:
# no OSC (hyperlinks, window titles), no cursor movement or screen clearing.
OWN_COLOUR = re.compile(r"\x1b\[[0-9;]*m")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NOISE = ("Traceback", "internal error", "erhverv: error: unexpected", "MarkupError", "Input should be")


def raw_characters(text: str, colour: bool = False) -> list[str]:
    """The raw unsafe characters in printed text, each with a little context (empty when clean)."""
    if colour:
        text = OWN_COLOUR.sub("", text)
    return [repr(text[max(0, m.start() - 20) : m.end() + 20]) for m in RAW.finditer(text)]


def check_clean(*streams: str, colour: bool = False) -> None:
    for stream in streams:
        assert raw_characters(stream, colour) == []
        for noise in NOISE:
            assert noise not in stream


def _refuse(constant: str) -> Any:
    raise AssertionError(f"not strict JSON: {constant}")


def strict_json(text: str) -> Any:
    return json.loads(text, parse_constant=_refuse)


def check_format(fmt: str, text: str) -> None:
    """The output is well formed in its format, and safe where that format needs it."""
    if fmt == "json":
        strict_json(text)
    elif fmt == "jsonl":
        for line in text.splitlines():
            strict_json(line)
    elif fmt in ("csv", "tsv"):
        check_csv(text, "," if fmt == "csv" else "\t")
    elif fmt == "markdown":
        check_markdown(text)
    if fmt in ("markdown", "html"):  # formats a browser renders: no HTML from case text
        assert "<script>alert" not in text
        assert "<img " not in text


def check_csv(text: str, delimiter: str) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    assert rows
    width = len(rows[0])
    for row in rows:
        assert len(row) == width, row
        for cell in row:
            assert not cell.startswith(FORMULA_START), cell
    return rows


def check_markdown(text: str) -> None:
    """Every table has as many cells in each row as in its header: no pipe got loose."""
    widths: list[int] = []
    for line in text.splitlines():
        if not line.startswith("|"):
            widths = []
            continue
        cells = len(re.split(r"(?<!\\)\|", line)) - 2
        assert not widths or cells == widths[0], line
        widths.append(cells)


def hostile_corpus(folder: Path, refused: bool = True) -> Path:
    """The accepted hostile cases (and the refused ones beside them) in a folder of their own."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in [*ACCEPTED, *(REFUSED if refused else [])]:
        shutil.copy(path, folder / path.name)
    return folder


def check_skip_warnings(stderr: str, folder: Path) -> None:
    """One warning line per refused file, naming it at file:line:col, and nothing else."""
    lines = stderr.splitlines()
    assert len(lines) == len(REFUSED), lines
    named = set()
    for line in lines:
        found = re.match(
            r"erhverv: warning: skipped (.+?\.yaml):(\d+):(\d+): .+; run `erhverv validate`$", line
        )
        assert found, line
        assert int(found[2]) >= 1 and int(found[3]) >= 1
        named.add(Path(found[1]).name)
    assert named == {path.name for path in REFUSED}
    assert all(str(folder) in line for line in lines)
