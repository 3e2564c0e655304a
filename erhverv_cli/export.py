"""Export documents built from case records: CSV, JSON, a Markdown catalogue and a self-contained
HTML page (and, through their own modules, an Excel workbook and a SQLite database).

Every text exporter takes the records (as :func:`erhverv_cli.search.engine.list_cases` returns them)
and returns the whole document as a string; writing it anywhere is the caller's business. Fields
read the same as in `show`: they are formatted by :mod:`erhverv_cli.render.fields`. The catalogue
formats group the cases by type in the order of the source catalogue (basal, fokuseret,
erhvervsudvikling), each type with an introduction of its own.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from erhverv_cli import __version__
from erhverv_cli.geography import REGIONS
from erhverv_cli.labels import Language, label
from erhverv_cli.render.catalogue_html import page
from erhverv_cli.render.fields import (
    fact_rows,
    figure_text,
    funding_text,
    heading_text,
    paragraphs,
    places_line,
    source_text,
    who,
)
from erhverv_cli.render.formats import csv_text
from erhverv_cli.render.text import json_text, safe
from erhverv_cli.vocab import CaseType, values

Record = Mapping[str, Any]

CATALOGUE_TITLE = "God praksis i kommunal erhvervsfremme"

# Written for this tool, in our own words, from the ideas of the catalogue's introductions.
CATALOGUE_INTRODUCTION = (
    "Her er samlet eksempler på, hvordan danske kommuner hjælper virksomheder og iværksættere – fra "
    "den første personlige vejledning til langsigtede projekter, der gør et helt område til et "
    "bedre sted at drive virksomhed. Casene er ordnet efter de tre typer af indsats, og hver case "
    "fortæller kort, hvad indsatsen går ud på, hvordan den er organiseret, og hvad den har ført "
    "til."
)

TYPE_TITLES: dict[str, str] = {
    CaseType.BASAL: "Basal erhvervsservice",
    CaseType.FOKUSERET: "Fokuseret erhvervsservice",
    CaseType.ERHVERVSUDVIKLING: "Erhvervsudvikling",
}

TYPE_INTRODUCTIONS: dict[str, str] = {
    CaseType.BASAL: (
        "Den basale erhvervsservice er kommunens førstelinje: nye og etablerede virksomheder får "
        "uvildig, personlig vejledning om alt fra forretningsplan og skat til finansiering og "
        "eksport. Erhvervskontoret er samtidig indgangsdøren til resten af erhvervsfremmesystemet, "
        "og tilbuddet ligner sig meget fra kommune til kommune. Derfor kan kommunerne især lære af "
        "hinanden om organisering, dialogen med virksomhederne, mål for indsatsen, hvor servicen "
        "bor, og medarbejdernes kompetencer."
    ),
    CaseType.FOKUSERET: (
        "Fokuseret erhvervsservice går et skridt dybere end den basale vejledning og henvender sig "
        "til udvalgte grupper, fx en branche eller en klynge, som betyder meget for områdets vækst. "
        "Tilbuddene – mentorer, netværk, kapital, matchmaking eller skræddersyede forløb – har ofte "
        "deres eget budget og trækker på lokale styrker og ressourcer. God praksis handler om et "
        "klogt design af indsatsen, om at samle brugere nok til at opnå kritisk masse og om en "
        "operatør med de rette kompetencer."
    ),
    CaseType.ERHVERVSUDVIKLING: (
        "Erhvervsudvikling samler projekter, der forbedrer rammerne for erhvervslivet i et område, "
        "frem for at rådgive den enkelte virksomhed. Det kan være klyngesamarbejde, tiltrækning af "
        "arbejdskraft, en stærkere iværksætterkultur eller offentlig-privat innovation, hvor "
        "kommunens forvaltninger udvikler løsninger sammen med virksomhederne. Her kan kommunerne "
        "lære af hinanden om organiseringen af erhvervspolitikken, et solidt faktagrundlag, åbne "
        "netværk og kommunens rolle som bindeled til videninstitutionerne."
    ),
}

SECTION_HEADINGS: dict[str, str] = {
    name: label(name) for name in ("background", "content", "organisation", "results", "collaboration")
}

CSV_COLUMNS: tuple[str, ...] = (
    "number", "id", "title", "title_en", "type", "municipalities", "partner_municipalities", "regions",
    "operator", "started", "decided", "ended", "planned_end", "context", "target_groups", "sectors",
    "instruments", "good_practice", "approaches", "transferability", "evaluation", "budget_dkk", "staff",
    "staff_fte", "funding", "partners", "key_figures", "summary", "summary_en", "background", "content",
    "organisation", "results", "collaboration", "description_en", "user_voice", "source", "first_page",
    "last_page",
)  # fmt: skip


# -- shared pieces ---------------------------------------------------------------------------


def by_type(records: Iterable[Record]) -> list[tuple[str, list[Record]]]:
    """The records grouped by type in the catalogue's order; types without cases are left out."""
    groups: dict[str, list[Record]] = {case_type: [] for case_type in values(CaseType)}
    for record in records:
        groups.setdefault(record["type"], []).append(record)
    return [(case_type, members) for case_type, members in groups.items() if members]


def type_title(case_type: str) -> str:
    return TYPE_TITLES.get(case_type, case_type)


def _plain_number(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


# -- csv and json ----------------------------------------------------------------------------


def _csv_cell(name: str, record: Record) -> Any:
    if name in ("first_page", "last_page"):
        pages = (record.get("source") or {}).get("pages") or {}
        return pages.get(name.removesuffix("_page"))
    value = record.get(name)
    if value is None:
        return None
    if name == "funding":
        return [funding_text(item) for item in value]
    if name == "partners":
        return [str(item["name"]) for item in value]
    if name == "user_voice":
        return [(f"{who(v)}: " if who(v) else "") + " ".join(str(v["says"]).split()) for v in value]
    if name == "key_figures":
        return [f"{figure['label']}: {figure_text(figure)}" for figure in value]
    if name == "evaluation":
        return value.get("status")
    if name == "staff":
        from erhverv_cli.render.fields import staff_text

        return staff_text(value)
    if name == "source":
        return source_text(record, url=True)
    if isinstance(value, str):
        return " ".join(value.split()) if "\n" not in value else "\n".join(paragraphs(value))
    if isinstance(value, list):
        return [str(item) for item in value]
    return _plain_number(value)


def export_csv(records: Iterable[Record], *, excel: bool = False) -> str:
    """One row per case; lists are joined with '; ', nested values flattened to readable text.

    Plain CSV is RFC 4180 (comma, CRLF, UTF-8). ``excel``: what Danish Excel opens right: a
    UTF-8 byte-order mark, ';' between fields and decimal commas in numbers.
    """
    rows = ([_csv_cell(name, record) for name in CSV_COLUMNS] for record in records)
    if not excel:
        return csv_text(CSV_COLUMNS, rows)
    localised = ([_decimal_comma(cell) for cell in row] for row in rows)
    return "\ufeff" + csv_text(CSV_COLUMNS, localised, "excel-semicolon")


def _decimal_comma(cell: Any) -> Any:
    """A float as Danish Excel reads a number: a decimal comma, written out (0,00001, not 1e-05)."""
    if isinstance(cell, float):
        from decimal import Decimal

        return f"{Decimal(repr(cell)):f}".replace(".", ",")
    return cell


def export_json(records: Iterable[Record]) -> str:
    """The full records, a JSON list with the YAML field names (plus the derived ``regions``)."""
    return json_text(list(records), indent=2) + "\n"


# -- markdown --------------------------------------------------------------------------------

_MD_MARKER = re.compile(r"^(\s*)([#>+\-*])(?=\s)", re.MULTILINE)
_MD_NUMBERED = re.compile(r"^(\s*\d+)([.)])(?=\s)", re.MULTILINE)


def _md(text: str) -> str:
    """Case text as Markdown paragraphs: a line in it never turns into a heading or list, and raw
    HTML in it is shown, not run."""
    shown = (safe(p).replace("<", "&lt;") for p in paragraphs(text))
    escaped = (_MD_NUMBERED.sub(r"\1\\\2", _MD_MARKER.sub(r"\1\\\2", p)) for p in shown)
    return "\n\n".join(escaped)


def _md_inline(text: str) -> str:
    return _md(text).replace("\n\n", " ")


def _markdown_case(record: Record) -> list[str]:
    number = f"{record['number']}. " if record.get("number") is not None else ""
    lines = [f"### {number}{_md_inline(record['title'])}", ""]
    subtitle = f"`{record['id']}`" + (
        f" · *{_md_inline(record['title_en'])}*" if record.get("title_en") else ""
    )
    lines += [subtitle, "", _md(record["summary"]), ""]
    lines += ["#### Fakta", ""]
    for name, text in fact_rows(record):
        items = text.split("\n")
        if len(items) == 1:
            lines.append(f"- **{name}:** {_md_inline(text)}")
        else:
            lines.append(f"- **{name}:**")
            lines += [f"  - {_md_inline(item)}" for item in items]
    lines.append("")
    for name, heading in SECTION_HEADINGS.items():
        if record.get(name):
            lines += [f"#### {heading}", "", _md(record[name]), ""]
    if record.get("key_figures"):
        lines += ["#### Nøgletal", ""]
        lines += [
            f"- {_md_inline(figure['label'])}: **{_md_inline(figure_text(figure))}**"
            for figure in record["key_figures"]
        ]
        lines.append("")
    if record.get("user_voice"):
        lines += ["#### Brugerne fortæller", ""]
        for voice in record["user_voice"]:
            speaker = who(voice)
            lines += [
                f"> {_md_inline(voice['says'])}" + (f" — *{_md_inline(speaker)}*" if speaker else ""),
                "",
            ]
    if record.get("source"):
        lines += [f"*Kilde: {_md_inline(source_text(record))}*", ""]
    return lines


def export_markdown(records: list[Record]) -> str:
    """A catalogue: title, introduction, then per type an introduction and each case in full."""
    count = len(records)
    lines = [f"# {CATALOGUE_TITLE}", "", CATALOGUE_INTRODUCTION, ""]
    lines += [f"Udtrækket rummer {count} case{'s' if count != 1 else ''}.", ""]
    for case_type, members in by_type(records):
        lines += [f"## {type_title(case_type)}", "", TYPE_INTRODUCTIONS.get(case_type, ""), ""]
        for record in members:
            lines += _markdown_case(record)
    lines += ["---", "", f"*Dannet med erhverv {__version__}.*"]
    return "\n".join(lines).rstrip() + "\n"


# -- html ------------------------------------------------------------------------------------


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _html_paragraphs(text: str, css_class: str = "") -> str:
    attribute = f' class="{css_class}"' if css_class else ""
    return "".join(f"<p{attribute}>{_e(paragraph)}</p>" for paragraph in paragraphs(text))


def _html_source(record: Record) -> str:
    """The source line; a web address in it is a link, whose address is printed out on paper."""
    url = str((record.get("source") or {}).get("url") or "")
    text = _e(source_text(record, url=False))
    if re.match(r"https?://", url, re.IGNORECASE):
        link = f'<a href="{_e(url)}">netudgave</a>'
        text = f"{text} · {link}" if text else link
    elif url:
        text = f"{text}, {_e(url)}" if text else _e(url)
    return f'<p class="source">Kilde: {text}</p>'


def _html_case(record: Record, doc: int) -> str:
    """One case as an article; ``doc`` is its position in the page's search index."""
    case_id = _e(record["id"])
    data = {
        "data-doc": doc,
        "data-type": record["type"],
        "data-regions": "|".join(record.get("regions", [])),
        "data-number": record.get("number") if record.get("number") is not None else "",
        "data-id": record["id"],
    }
    attributes = " ".join(f'{name}="{_e(value)}"' for name, value in data.items())
    parts = [
        f'<article class="case" id="case-{case_id}" {attributes} aria-labelledby="h-{case_id}">',
        f'<h3 id="h-{case_id}">{_e(heading_text(record))}</h3>',
    ]
    if record.get("title_en"):
        parts.append(f'<p class="title-en" lang="en">{_e(record["title_en"])}</p>')
    parts.append(
        f'<p class="meta"><span class="badge">{_e(record["type"])}</span> {_e(places_line(record))}</p>'
    )
    parts.append(_html_paragraphs(record["summary"], "summary"))
    parts.append("<details><summary>Fakta, baggrund og nøgletal</summary>")
    parts.append('<h4>Fakta</h4><dl class="facts">')
    for name, text in fact_rows(record):
        items = text.split("\n")
        value = (
            _e(text)
            if len(items) == 1
            else "<ul>" + "".join(f"<li>{_e(item)}</li>" for item in items) + "</ul>"
        )
        parts.append(f"<div><dt>{_e(name)}</dt><dd>{value}</dd></div>")
    parts.append("</dl>")
    for name, heading in SECTION_HEADINGS.items():
        if record.get(name):
            parts.append(f"<h4>{_e(heading)}</h4>{_html_paragraphs(record[name])}")
    if record.get("key_figures"):
        parts.append('<h4>Nøgletal</h4><ul class="figures">')
        for figure in record["key_figures"]:
            parts.append(
                f"<li><strong>{_e(figure_text(figure))}</strong> <span>{_e(figure['label'])}</span></li>"
            )
        parts.append("</ul>")
    if record.get("summary_en"):
        parts.append(f'<h4>In English</h4><p lang="en">{_e(" ".join(record["summary_en"].split()))}</p>')
    if record.get("user_voice"):
        parts.append("<h4>Brugerne fortæller</h4>")
        for voice in record["user_voice"]:
            speaker = who(voice)
            cite = f"<footer>{_e(speaker)}</footer>" if speaker else ""
            parts.append(f"<blockquote>{_html_paragraphs(voice['says'])}{cite}</blockquote>")
    if record.get("source"):
        parts.append(_html_source(record))
    parts.append("</details></article>")
    return "\n".join(parts)


def _options(choices: list[tuple[str, str, int]], everything: str, total: int) -> str:
    options = [f'<option value="">{_e(everything)} ({total})</option>']
    options += [
        f'<option value="{_e(value)}">{_e(label)} ({count})</option>' for value, label, count in choices
    ]
    return "".join(options)


def _html_section(case_type: str, members: list[tuple[int, Record]]) -> str:
    anchor = _e(case_type)
    cases = "\n".join(_html_case(record, doc) for doc, record in members)
    return (
        f'<section class="type" id="type-{anchor}" data-type="{anchor}" aria-labelledby="h-type-{anchor}">\n'
        f'<h2 id="h-type-{anchor}">{_e(type_title(case_type))}</h2>\n'
        f'<p class="intro">{_e(TYPE_INTRODUCTIONS.get(case_type, ""))}</p>\n{cases}\n</section>'
    )


def _html_contents(groups: list[tuple[str, list[tuple[int, Record]]]]) -> str:
    """The cases by type, linked: the printed catalogue's first page lists them (hidden on screen;
    the script leaves out the cases a filter hides)."""
    items = []
    for case_type, members in groups:
        cases = "".join(
            f'<li data-doc="{doc}"><a href="#case-{_e(r["id"])}">{_e(heading_text(r))}</a></li>'
            for doc, r in members
        )
        items.append(f"<li>{_e(type_title(case_type))}<ul>{cases}</ul></li>")
    return (
        '<nav class="contents" aria-label="Indhold"><p class="contents-title">Indhold</p>'
        f"<ul>{''.join(items)}</ul></nav>"
    )


def export_html(records: list[Record]) -> str:
    """One self-contained page: the catalogue with search and type/region filters that run in the
    browser and find what `erhverv find` finds (the analysed index is embedded, see
    :mod:`erhverv_cli.render.page_index`)."""
    from erhverv_cli.render.page_index import page_index_json

    groups = by_type(records)
    position = {id(record): doc for doc, record in enumerate(records)}
    type_choices = [(case_type, type_title(case_type), len(members)) for case_type, members in groups]
    region_counts = {region: sum(region in r.get("regions", []) for r in records) for region in REGIONS}
    region_choices = [(region, region, count) for region, count in region_counts.items() if count]
    numbered = [
        (case_type, [(position[id(record)], record) for record in members]) for case_type, members in groups
    ]
    sections = [_html_section(case_type, members) for case_type, members in numbered]
    return page(
        title=_e(CATALOGUE_TITLE),
        introduction=_e(CATALOGUE_INTRODUCTION),
        type_options=_options(type_choices, "Alle typer", len(records)),
        region_options=_options(region_choices, "Alle regioner", len(records)),
        total=len(records),
        sections="\n".join(sections),
        generator=_e(f"erhverv {__version__}"),
        search_index=page_index_json(records),
        contents=_html_contents(numbered),
    )


EXPORTERS: dict[str, Callable[[list[Record]], str]] = {
    "csv": export_csv,
    "json": export_json,
    "markdown": export_markdown,
    "html": export_html,
}


def export(records: list[Record], output_format: str) -> str:
    """The records as a document in one of :data:`EXPORTERS`' formats."""
    return EXPORTERS[output_format](records)


def export_records(
    records: Sequence[Record],
    output_format: str,
    target: Path | None,
    *,
    excel: bool = False,
    stream: TextIO,
    lang: Language = "da",
) -> Path | None:
    """Write an export to ``target`` (whole or not at all) or, for text formats, to ``stream``.
    ``lang`` names the workbook's sheets and columns."""
    from erhverv_cli.writing import write_atomically, write_text_atomically

    if output_format == "xlsx" and target is not None:
        from erhverv_cli.xlsx_export import write_workbook

        note = f"Exported by erhverv {__version__}"
        return write_atomically(
            target, lambda out: _ignore(write_workbook(records, out, lang=lang, source_note=note))
        )
    if output_format == "sqlite" and target is not None:
        from erhverv_cli.sqlite_export import write_database

        write_database(records, target)
        return target
    text = (
        export_csv(records, excel=excel)
        if output_format == "csv"
        else EXPORTERS[output_format](list(records))
    )
    if target is None:
        stream.write(text)
        return None
    return write_text_atomically(target, text)


def _ignore(value: object) -> None:
    return None
