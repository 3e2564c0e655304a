"""The terminal: how output may look there, a rich console bound to it, and plain tables.

:class:`Look` says whether output goes to a terminal (pages, wraps to its width, colours
allowed) or elsewhere (every row, no wrapping, no escape codes, no trailing blanks). Colour
follows ``--color``, then ``NO_COLOR`` (no escape code at all), then ``FORCE_COLOR``, then
whether standard output is a terminal.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TextIO

from erhverv_cli.labels import Language, language
from erhverv_cli.render.text import safe_line

PAGE_SIZE = 20


@dataclass(frozen=True)
class Look:
    """How output may look: on a terminal or not, in colour or not, how wide, which language."""

    terminal: bool = False
    color: bool = False
    width: int = 100
    lang: Language = "da"
    pager: bool = False  # long `show` output may go through a pager
    corpus: str = ""  # shown in footers when it is not the bundled corpus

    @property
    def styled(self) -> bool:
        return self.color


def color_wanted(choice: str, stream: TextIO, environ: dict[str, str] | None = None) -> bool:
    """--color always|never|auto; auto: NO_COLOR off, FORCE_COLOR on, else a terminal (not dumb)."""
    env = os.environ if environ is None else environ
    if choice == "always":
        return True
    if choice == "never" or env.get("NO_COLOR", ""):
        return False
    if env.get("FORCE_COLOR", "") not in ("", "0"):
        return True
    return is_terminal(stream) and env.get("TERM") != "dumb"


def is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def make_look(
    color: str = "auto", lang: str | None = None, stream: TextIO | None = None, corpus: str = ""
) -> Look:
    out = stream or sys.stdout
    terminal = is_terminal(out)
    width = shutil.get_terminal_size((100, 24)).columns if terminal else 100
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        width = int(columns)
    return Look(terminal, color_wanted(color, out), max(width, 40), language(lang), terminal, corpus)


def console(look: Look, stream: TextIO | None = None) -> Any:
    """A rich console that prints exactly what it is given: no markup, highlighting or emoji,
    and no escape code at all unless colour is wanted."""
    from rich.console import Console

    # Rich finds no colour system on TERM=dumb or off a terminal; colour asked for with --color
    # always or FORCE_COLOR must still show, so it gets the 8 standard colours there (all we use).
    system: Literal["auto", "standard"] = (
        "auto" if os.environ.get("TERM", "") not in ("dumb", "unknown") else "standard"
    )
    return Console(
        file=stream or sys.stdout,
        width=look.width,
        color_system=system if look.color else None,
        force_terminal=look.color or None,
        no_color=not look.color,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
    )


# Select Graphic Rendition codes for plain tables in colour (output that is not a terminal, with
# --color always or FORCE_COLOR): what the rich tables on a terminal show, bold titles, dim ids.
BOLD, DIM, CYAN, RESET = "\x1b[1m", "\x1b[2m", "\x1b[36m", "\x1b[0m"


def column_styles(look: Look, styles: Mapping[int, str] | None = None) -> Mapping[int, str] | None:
    """The styles of a plain table's columns when colour is wanted, else None (no code at all)."""
    return dict(styles or {}) if look.color else None


def plain_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    right: frozenset[int] = frozenset(),
    styles: Mapping[int, str] | None = None,
) -> str:
    """An aligned table for output that is not a terminal: nothing cut or wrapped, every cell on
    one line, two spaces between columns, no trailing blanks. With ``styles`` (column → code, see
    :func:`column_styles`) the header is bold and those columns are styled; a code wraps a cell's
    text, never its padding, so the columns stay aligned and no line ends in blanks."""
    cells = [[safe_line(cell) for cell in row] for row in [header, *rows]]
    widths = [max(len(row[column]) for row in cells) for column in range(len(header))]
    lines = []
    for position, row in enumerate(cells):
        parts = []
        for column, cell in enumerate(row):
            padding = " " * (widths[column] - len(cell))
            code = BOLD if position == 0 else (styles or {}).get(column, "")
            shown = f"{code}{cell}{RESET}" if styles is not None and code and cell else cell
            parts.append(padding + shown if column in right else shown + padding)
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines) + "\n"


def count_words(count: int, singular: str, plural: str) -> str:
    """'1 case', '8,792 cases' (footers and messages are English)."""
    return f"{count:,} {singular if count == 1 else plural}"
