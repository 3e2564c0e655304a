"""Tables of cases for people: list, find and similar, on a terminal or piped.

On a terminal a rich table wraps to the width (titles wrap by words; ids never break), with
the true total in the footer. Elsewhere a plain aligned table prints every row whole, one line
each. Machine formats of the same views are written by :mod:`.formats` from :mod:`.columns`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from erhverv_cli.labels import label
from erhverv_cli.render import fields as f
from erhverv_cli.render.columns import reasons_text
from erhverv_cli.render.terminal import BOLD, DIM, Look, column_styles, plain_table
from erhverv_cli.render.text import safe, safe_line


@dataclass(frozen=True)
class Page:
    """The rows to show and what the footer says about them."""

    rows: Sequence[Any]
    footer: str
    ranked: bool = False
    title: str = ""


def _marked(text: str, spans: Sequence[tuple[int, int]], left: str = "*", right: str = "*") -> str:
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], left, text[start:end], right]
        last = end
    out.append(text[last:])
    return "".join(out)


def _places(record: Any, look: Look) -> str:
    places = f.joined(record.get("municipalities", []))
    regions = f.joined(f.short_region(r) for r in record.get("regions", []))
    return f"{places} ({regions})" if regions else places


def _number(record: Any) -> str:
    return str(record.get("number") or "")


def plain(page: Page, look: Look, view: str) -> str:
    """The page as a plain table (output that is not a terminal)."""
    lang = look.lang
    last = "why" if view == "similar" else ("score" if page.ranked else "started")
    header = [
        "#",
        label("id", lang),
        label("title", lang),
        label("type", lang),
        label("places", lang),
        label(last, lang),
    ]
    rows = []
    for row in page.rows:
        record = row.record
        if view == "similar":
            end = reasons_text(row.shared, lang)
        elif page.ranked:
            end = f"{row.score:.2f}"
        else:
            end = str(record.get("started") or "")
        cells = [
            _number(record),
            record["id"],
            f.title(record, lang),
            record["type"],
            _places(record, look),
            end,
        ]
        if page.ranked:
            cells.append(_marked(row.snippet.text, row.snippet.spans))
        rows.append(cells)
    if page.ranked:
        header.append(label("snippet", lang))
    styles = column_styles(look, {1: DIM, 2: BOLD})  # dim ids, bold titles, as on a terminal
    text = (safe_line(page.title) + "\n\n" if page.title else "") + plain_table(
        header, rows, frozenset({0}), styles
    )
    # The footer names the corpus folder, whose name may hold anything a path can.
    return text + (f"\n{safe_line(page.footer)}\n" if page.footer else "")


def rich_table(page: Page, look: Look, view: str) -> Any:
    """The page as a rich table for a terminal, built from Text objects (no markup)."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    lang = look.lang
    table = Table(
        # One line each: the footer names the corpus folder, whose name may hold a line break.
        title=Text(safe_line(page.title)) if page.title else None,
        caption=Text(safe_line(page.footer)) if page.footer else None,
        box=box.SIMPLE_HEAD,
        expand=True,
        pad_edge=False,
        title_justify="left",
        caption_justify="left",
    )
    longest_id = max((len(row.record["id"]) for row in page.rows), default=10)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column(label("case", lang), ratio=5, min_width=min(longest_id, 40), overflow="fold")
    if view == "similar":
        table.add_column(label("why", lang), ratio=3, overflow="fold")
    else:
        table.add_column(label("type", lang), no_wrap=True)
        table.add_column(label("places", lang), ratio=3, min_width=14)
    last = "score" if page.ranked or view == "similar" else "started"
    table.add_column(label(last, lang), justify="right", no_wrap=True)
    for row in page.rows:
        record = row.record
        cell = Text(safe(f.title(record, lang)), style="bold" if look.color else "")
        cell.append("\n" + safe(record["id"]), style="dim" if look.color else "")
        if page.ranked:
            cell.append("\n")
            cell.append_text(_highlighted(row.snippet.text, row.snippet.spans, look))
        end = f"{row.score:.2f}" if last == "score" else str(record.get("started") or "")
        if view == "similar":
            table.add_row(_number(record), cell, Text(safe(reasons_text(row.shared, lang, "\n"))), end)
        else:
            places = Text(safe(f.joined(record.get("municipalities", []))))
            regions = f.joined(f.short_region(r) for r in record.get("regions", []))
            if regions:
                places.append(f"\n({safe(regions)})", style="dim" if look.color else "")
            table.add_row(_number(record), cell, Text(safe(record["type"])), places, end)
    return table


def _highlighted(text: str, spans: Sequence[tuple[int, int]], look: Look) -> Any:
    from rich.text import Text

    if not look.color:
        return Text(safe(_marked(text, spans)))
    rich_text = Text(safe(text))
    if safe(text) == text:  # escaping would move the spans; such text is shown unmarked
        for start, end in spans:
            rich_text.stylize("bold yellow", start, end)
    return rich_text
