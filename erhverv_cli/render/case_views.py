"""One case in full (`show`) and cases side by side (`compare`), in every format.

Text formats return strings; the table format returns a rich renderable built from ``Text``
objects only, so markup in case text prints literally.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from erhverv_cli.labels import Language, label
from erhverv_cli.records import CaseRecord
from erhverv_cli.render import fields as f
from erhverv_cli.render.formats import csv_text, markdown_cell, markdown_table
from erhverv_cli.render.terminal import Look
from erhverv_cli.render.text import json_text, safe

# -- show ---------------------------------------------------------------------------------------


def _figure_rows(record: Mapping[str, Any], lang: Language) -> list[tuple[str, str]]:
    return [
        (f.figure_label(figure, lang), f.figure_text(figure, lang))
        for figure in record.get("key_figures", [])
    ]


def show_table(record: CaseRecord, look: Look) -> Any:
    from rich.console import Group
    from rich.padding import Padding
    from rich.rule import Rule
    from rich.table import Table
    from rich.text import Text

    lang, styled = look.lang, look.color
    number = f"Case {record['number']}: " if record.get("number") else ""
    parts: list[Any] = [Text(safe(number + f.title(record, lang)), style="bold" if styled else "")]
    other_title = record["title"] if lang == "en" else record.get("title_en")
    parts.append(
        Text(
            safe(
                record["id"]
                + (f" · {other_title}" if other_title and other_title != f.title(record, lang) else "")
            ),
            style="dim" if styled else "",
        )
    )
    parts += [Text(""), Text(safe(f.summary(record, lang)))]
    facts = Table(box=None, show_header=False, pad_edge=False)
    facts.add_column("", no_wrap=True, style="bold" if styled else "")
    facts.add_column("", overflow="fold")
    for name, text in f.fact_rows(record, lang):
        facts.add_row(Text(safe(name)), Text(safe(text)))
    parts += [Text(""), facts, Text("")]
    for heading, text in f.sections(record, lang):
        parts.append(Rule(Text(safe(heading)), align="left", style="dim" if styled else ""))
        parts.append(Padding(Text(safe("\n\n".join(f.paragraphs(text)))), (0, 0, 1, 0)))
    figures = _figure_rows(record, lang)
    if figures:
        parts.append(Rule(Text(label("key_figures", lang)), align="left", style="dim" if styled else ""))
        table = Table(box=None, show_header=False, pad_edge=False)
        table.add_column("", ratio=3, overflow="fold")
        table.add_column("", justify="right", overflow="fold")
        for name, value in figures:
            table.add_row(Text(safe(name)), Text(safe(value)))
        parts += [table, Text("")]
    for voice in record.get("user_voice", []) if lang == "da" else []:
        heading = label("user_voice", lang) + (f" — {f.who(voice)}" if f.who(voice) else "")
        parts.append(Rule(Text(safe(heading)), align="left", style="dim" if styled else ""))
        parts.append(Padding(Text(safe(" ".join(str(voice["says"]).split()))), (0, 0, 1, 0)))
    if record.get("source"):
        parts.append(
            Text(
                safe(f"{label('source', lang)}: {f.source_text(record, lang)}"), style="dim" if styled else ""
            )
        )
    return Group(*parts)


def show_markdown(record: CaseRecord, look: Look) -> str:
    lang = look.lang
    number = f"Case {record['number']}: " if record.get("number") else ""
    lines = [f"# {markdown_cell(number + f.title(record, lang))}", "", f"*{markdown_cell(record['id'])}*", ""]
    lines += [markdown_cell(f.summary(record, lang)), ""]
    lines.append(markdown_table((label("field", lang), label("value", lang)), f.fact_rows(record, lang)))
    for heading, text in f.sections(record, lang):
        lines += [
            f"## {markdown_cell(heading)}",
            "",
            "\n\n".join(markdown_cell(p) for p in f.paragraphs(text)),
            "",
        ]
    figures = _figure_rows(record, lang)
    if figures:
        lines += [
            f"## {label('key_figures', lang)}",
            "",
            markdown_table((label("label", lang), label("value", lang)), figures),
        ]
    if record.get("source"):
        lines += [f"*{label('source', lang)}: {markdown_cell(f.source_text(record, lang))}*", ""]
    return "\n".join(lines).rstrip() + "\n"


def _show_rows(record: CaseRecord, lang: Language) -> list[tuple[str, str]]:
    rows = [*f.fact_rows(record, lang)]
    rows += [(f"{label('key_figures', lang)}: {name}", value) for name, value in _figure_rows(record, lang)]
    return rows + f.sections(record, lang)


def show_yaml(record: CaseRecord, look: Look) -> str:
    """The case as a case file: derived fields (regions) left out, so it passes `erhverv validate`."""
    import yaml

    stored = {key: value for key, value in record.items() if key != "regions"}
    return str(yaml.safe_dump(stored, allow_unicode=True, sort_keys=False, width=100))


SHOW_RENDERERS: dict[str, Callable[[CaseRecord, Look], Any]] = {
    "table": show_table,
    "json": lambda record, look: json_text(record, indent=2) + "\n",
    "jsonl": lambda record, look: json_text(record) + "\n",
    "csv": lambda record, look: csv_text(
        (label("field", look.lang), label("value", look.lang)), _show_rows(record, look.lang)
    ),
    "tsv": lambda record, look: csv_text(
        (label("field", look.lang), label("value", look.lang)), _show_rows(record, look.lang), "excel-tab"
    ),
    "markdown": show_markdown,
    "yaml": show_yaml,
}


def source_reference(record: CaseRecord, look: Look) -> str:
    """The full reference of the case's source (`show N --source`)."""
    text = f.source_text(record, look.lang)
    return (safe(text) or ("(ingen kilde)" if look.lang == "da" else "(no source)")) + "\n"


# -- compare ------------------------------------------------------------------------------------

SHARED_MARK = "*"
ELLIPSIS = "…"
_UNSHARED = frozenset({"results", "description_en", "key_figures", "funding"})


def _first_words(text: str | None, count: int = 30) -> str:
    words = (text or "").split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def compare_rows(
    records: Sequence[Mapping[str, Any]], lang: Language = "da"
) -> list[tuple[str, str, list[list[str]]]]:
    """Per field: its key, its label, and one list of values per case (lists stay lists so shared
    items can be marked)."""

    def scalar(value: Any) -> list[str]:
        return [str(value)] if value not in (None, "") else []

    getters: list[tuple[str, Callable[[Mapping[str, Any]], list[str]]]] = [
        ("type", lambda r: [r["type"]]),
        ("municipalities", lambda r: list(r.get("municipalities", []))),
        ("partner_municipalities", lambda r: list(r.get("partner_municipalities", []))),
        # keyed and labelled by the field, as show labels it ("Regioner", not "Region")
        ("regions", lambda r: [f.short_region(x) for x in r.get("regions", [])]),
        ("operator", lambda r: scalar(r.get("operator"))),
        ("started", lambda r: scalar(r.get("started"))),
        ("target_groups", lambda r: list(r.get("target_groups", []))),
        ("sectors", lambda r: list(r.get("sectors", []))),
        ("instruments", lambda r: list(r.get("instruments", []))),
        ("good_practice", lambda r: list(r.get("good_practice", []))),
        ("transferability", lambda r: scalar(r.get("transferability"))),
        ("evaluation", lambda r: scalar((r.get("evaluation") or {}).get("status"))),
        ("funding", lambda r: [f.funding_text(x, lang, note=False) for x in r.get("funding", [])]),
        ("budget_dkk", lambda r: scalar(f.money(r.get("budget_dkk"), lang))),
        ("staff", lambda r: scalar(f.staff_text(r.get("staff"), lang))),
        (
            "staff_fte",
            lambda r: scalar(f.number_text(r["staff_fte"], lang) if r.get("staff_fte") is not None else None),
        ),
        (
            "key_figures",
            lambda r: (
                [f"{n}: {v}" for n, v in _figure_rows(r, lang)[:6]]
                + ([ELLIPSIS] if len(r.get("key_figures", [])) > 6 else [])
            ),
        ),
    ]
    if lang == "en":  # the English description, labelled as show labels it (it was called "Results")
        getters.append(("description_en", lambda r: scalar(_first_words(r.get("description_en")))))
    else:
        getters.append(("results", lambda r: scalar(_first_words(r.get("results")))))
    rows = [(key, label(key, lang), [get(record) for record in records]) for key, get in getters]
    return [row for row in rows if any(row[2])]


def shared_values(key: str, values: list[list[str]]) -> set[str]:
    """Values found in two or more of the compared cases (a truncation mark is never a value)."""
    if key in _UNSHARED:
        return set()
    seen: dict[str, int] = {}
    for items in values:
        for item in set(items) - {ELLIPSIS}:
            seen[item] = seen.get(item, 0) + 1
    return {item for item, count in seen.items() if count > 1}


def _heading(record: CaseRecord, lang: Language) -> str:
    return f"{record.get('number') or ''} {f.title(record, lang)}".strip()


def compare_table(records: Sequence[CaseRecord], look: Look) -> Any:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    lang = look.lang
    table = Table(
        caption=Text(label("shared_mark", lang)),
        box=box.SIMPLE_HEAD,
        expand=True,
        pad_edge=False,
        caption_justify="left",
    )
    table.add_column("", no_wrap=True, style="bold" if look.color else "")
    for record in records:
        table.add_column(Text(safe(_heading(record, lang))), ratio=1, overflow="fold")
    for key, name, values in compare_rows(records, lang):
        shared = shared_values(key, values)
        cells = []
        for items in values:
            cell = Text()
            for position, item in enumerate(items):
                cell.append(
                    ("\n" if position else "") + safe(item) + (SHARED_MARK if item in shared else ""),
                    style="bold green" if look.color and item in shared else "",
                )
            cells.append(cell)
        table.add_row(Text(safe(name)), *cells)
    return table


def compare_json(records: Sequence[CaseRecord], look: Look) -> str:
    shared = {
        key: sorted(shared_values(key, values)) for key, _name, values in compare_rows(records, look.lang)
    }
    return (
        json_text({"cases": list(records), "shared": {k: v for k, v in shared.items() if v}}, indent=2) + "\n"
    )


def _compare_cells(records: Sequence[CaseRecord], look: Look) -> list[list[Any]]:
    return [[name, *values] for _key, name, values in compare_rows(records, look.lang)]


def compare_markdown(records: Sequence[CaseRecord], look: Look) -> str:
    header = ["", *(_heading(record, look.lang) for record in records)]
    rows = []
    for key, name, values in compare_rows(records, look.lang):
        shared = shared_values(key, values)
        rows.append([name, *("; ".join(f"**{i}**" if i in shared else i for i in items) for items in values)])
    return markdown_table(header, rows)


COMPARE_RENDERERS: dict[str, Callable[[Sequence[CaseRecord], Look], Any]] = {
    "table": compare_table,
    "json": compare_json,
    "jsonl": lambda records, look: "".join(json_text(record) + "\n" for record in records),
    "csv": lambda records, look: csv_text(
        [label("field", look.lang), *(r["id"] for r in records)], _compare_cells(records, look)
    ),
    "tsv": lambda records, look: csv_text(
        [label("field", look.lang), *(r["id"] for r in records)], _compare_cells(records, look), "excel-tab"
    ),
    "markdown": compare_markdown,
}
