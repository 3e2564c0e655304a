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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TextIO

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

    return Console(
        file=stream or sys.stdout,
        width=look.width,
        color_system="auto" if look.color else None,
        force_terminal=look.color or None,
        no_color=not look.color,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
    )


def plain_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], right: frozenset[int] = frozenset()
) -> str:
    """An aligned table for output that is not a terminal: nothing cut or wrapped, every cell on
    one line, two spaces between columns, no trailing blanks."""
    cells = [[safe_line(cell) for cell in row] for row in [header, *rows]]
    widths = [max(len(row[column]) for row in cells) for column in range(len(header))]
    lines = []
    for row in cells:
        parts = [
            cell.rjust(widths[column]) if column in right else cell.ljust(widths[column])
            for column, cell in enumerate(row)
        ]
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines) + "\n"


def count_words(count: int, singular: str, plural: str) -> str:
    """'1 case', '8,792 cases' (footers and messages are English)."""
    return f"{count:,} {singular if count == 1 else plural}"
