"""`stats`: a compact overview of every facet, or counts by one facet (with totals, an unknown
row, shares and bars) or by two (a cross-tab), in every format."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from erhverv_cli.labels import Language, facet_label, label
from erhverv_cli.render.formats import csv_text, markdown_table
from erhverv_cli.render.terminal import BOLD, CYAN, Look, column_styles, plain_table
from erhverv_cli.render.text import json_text, safe
from erhverv_cli.search.engine import FacetCount, Tabulation

BAR_WIDTH = 24
OVERVIEW_VALUES = 4


def bar(count: int, largest: int, width: int = BAR_WIDTH) -> str:
    if largest <= 0:
        return ""
    eighths = round(width * 8 * count / largest)
    full, rest = divmod(eighths, 8)
    return "█" * full + ("▏▎▍▌▋▊▉"[rest - 1] if rest else "")


def _value(value: str | None, lang: Language) -> str:
    return label("unknown", lang) if value is None else str(value)


def _share(count: int, total: int) -> str:
    return f"{100 * count / total:.0f} %" if total else ""


# -- the overview (no --by) -------------------------------------------------------------------


def overview_lines(counts: dict[str, list[FacetCount]], total: int, look: Look) -> list[tuple[str, str]]:
    """(facet title, its most common values) per facet, for the compact overview."""
    lines = []
    for key, rows in counts.items():
        if not rows:
            continue
        if key == "started":
            years = [int(row.value) for row in rows]
            known = sum(row.count for row in rows)
            text = f"{min(years)}–{max(years)}, {known} of {total} known"
        else:
            shown = ", ".join(f"{row.value} {row.count}" for row in rows[:OVERVIEW_VALUES])
            more = len(rows) - OVERVIEW_VALUES
            text = shown + (f" (+{more} more)" if more > 0 else "")
        lines.append((facet_label(key, look.lang), text))
    return lines


def overview_text(counts: dict[str, list[FacetCount]], total: int, look: Look) -> str:
    rows = overview_lines(counts, total, look)
    return (
        plain_table((label("cases", look.lang), f"{total}"), rows, styles=column_styles(look, {0: BOLD}))
        + "\n`erhverv stats --by FACET` counts one facet in full\n"
    )


def overview_table(counts: dict[str, list[FacetCount]], total: int, look: Look) -> Any:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        caption=Text("erhverv stats --by FACET counts one facet in full"),
        caption_justify="left",
    )
    table.add_column(label("cases", look.lang), no_wrap=True, style="bold" if look.color else "")
    table.add_column(str(total), overflow="fold")
    for name, text in overview_lines(counts, total, look):
        table.add_row(Text(safe(name)), Text(safe(text)))
    return table


def overview_json(counts: dict[str, list[FacetCount]], total: int, look: Look) -> str:
    return (
        json_text(
            {key: [{"value": r.value, "count": r.count} for r in rows] for key, rows in counts.items()}, 2
        )
        + "\n"
    )


def _overview_rows(counts: dict[str, list[FacetCount]]) -> list[list[Any]]:
    return [[key, row.value, row.count] for key, rows in counts.items() for row in rows]


OVERVIEW_RENDERERS: dict[str, Callable[[dict[str, list[FacetCount]], int, Look], Any]] = {
    "table": lambda counts, total, look: (
        overview_table(counts, total, look) if look.terminal else overview_text(counts, total, look)
    ),
    "json": overview_json,
    "jsonl": lambda counts, total, look: "".join(
        json_text({"facet": k, "value": v, "count": n}) + "\n" for k, v, n in _overview_rows(counts)
    ),
    "csv": lambda counts, total, look: csv_text(("facet", "value", "count"), _overview_rows(counts)),
    "tsv": lambda counts, total, look: csv_text(
        ("facet", "value", "count"), _overview_rows(counts), "excel-tab"
    ),
    "markdown": lambda counts, total, look: markdown_table(
        ("facet", "value", "count"), _overview_rows(counts)
    ),
}


# -- --by: one facet, or a cross-tab of two --------------------------------------------------


def _records(tab: Tabulation) -> list[dict[str, Any]]:
    """One object per combination (and per value with its share), for the machine formats."""
    if len(tab.facets) == 1:
        key = tab.facets[0]
        return [
            {
                key: value,
                "count": tab.totals[0][value],
                "share": round(tab.totals[0][value] / tab.total, 4) if tab.total else 0,
            }
            for value in tab.values[0]
        ]
    first, second = tab.facets
    return [
        {first: a, second: b, "count": tab.counts[(a, b)]}
        for a in tab.values[0]
        for b in tab.values[1]
        if (a, b) in tab.counts
    ]


def _grid(tab: Tabulation, lang: Language) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the table people read: shares and totals included."""
    if len(tab.facets) == 1:
        header = [facet_label(tab.facets[0], lang), label("cases", lang), label("share", lang)]
        rows = [
            [_value(v, lang), str(tab.totals[0][v]), _share(tab.totals[0][v], tab.total)]
            for v in tab.values[0]
        ]
        rows.append([label("total", lang), str(tab.total), ""])
        return header, rows
    columns = tab.values[1]
    header = [
        f"{facet_label(tab.facets[0], lang)} \\ {facet_label(tab.facets[1], lang)}",
        *(_value(v, lang) for v in columns),
        label("total", lang),
    ]
    rows = [
        [_value(a, lang), *(str(tab.counts.get((a, b), "")) for b in columns), str(tab.totals[0][a])]
        for a in tab.values[0]
    ]
    rows.append([label("total", lang), *(str(tab.totals[1][b]) for b in columns), str(tab.total)])
    return header, rows


def header_total(tab: Tabulation, lang: Language) -> list[str]:
    return _grid(tab, lang)[1][-1]


def by_table(tab: Tabulation, look: Look) -> Any:
    header, rows = _grid(tab, look.lang)
    bars = len(tab.facets) == 1
    if not look.terminal:
        largest = max(tab.totals[0].values(), default=0)
        if bars:
            rows = [
                [*row, bar(tab.totals[0][value], largest)]
                for row, value in zip(rows, tab.values[0], strict=False)
            ]
            rows.append([*header_total(tab, look.lang), ""])
            header = [*header, ""]
        styles = column_styles(look, {len(header) - 1: CYAN} if bars else {})
        return plain_table(header, rows, frozenset(range(1, len(header) - (1 if bars else 0))), styles)
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_footer=False)
    table.add_column(Text(safe(header[0])), overflow="fold")
    for name in header[1:]:
        table.add_column(Text(safe(name)), justify="right", no_wrap=True)
    if bars:
        table.add_column("", no_wrap=True, style="cyan" if look.color else "")
    largest = max(tab.totals[0].values(), default=0)
    for position, row in enumerate(rows):
        cells = [Text(safe(cell)) for cell in row]
        if bars:
            last = position == len(rows) - 1
            cells.append(Text("" if last else bar(tab.totals[0][tab.values[0][position]], largest)))
        table.add_row(*cells, end_section=position == len(rows) - 2)
    return table


BY_RENDERERS: dict[str, Callable[[Tabulation, Look], Any]] = {
    "table": by_table,
    "json": lambda tab, look: (
        json_text({"by": tab.facets, "total": tab.total, "rows": _records(tab)}, 2) + "\n"
    ),
    "jsonl": lambda tab, look: "".join(json_text(row) + "\n" for row in _records(tab)),
    "csv": lambda tab, look: csv_text(*_flat(tab)),
    "tsv": lambda tab, look: csv_text(*_flat(tab), "excel-tab"),
    "markdown": lambda tab, look: markdown_table(*_grid(tab, look.lang)),
}


def _flat(tab: Tabulation) -> tuple[Sequence[str], list[list[Any]]]:
    rows = _records(tab)
    header = list(rows[0]) if rows else [*tab.facets, "count"]
    return header, [[row.get(name) for name in header] for row in rows]
