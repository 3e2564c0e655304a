"""Renderers for the query commands: one function per view and format, chosen from tables.

Text formats (json, csv, markdown, yaml) return strings; the table format returns a rich
renderable that the CLI prints at the terminal's width.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from erhverv_cli.render.common import (
    joined,
    listing,
    marked,
    md_table,
    short_region,
    snippet_json,
    to_csv,
    to_json,
)
from erhverv_cli.search.engine import FacetCount, Hit, Similarity

if TYPE_CHECKING:
    pass

Record = dict[str, Any]


@dataclass(frozen=True)
class Look:
    """How the terminal output may look: styled (colour, bold) or plain."""

    styled: bool = False


FACET_TITLES: dict[str, str] = {
    "type": "Type",
    "region": "Region",
    "municipality": "Kommune",
    "target_group": "Target group",
    "instrument": "Instrument",
    "good_practice": "Good practice",
    "sector": "Sector",
    "started": "Started",
}


def _highlight(text: str, spans: tuple[tuple[int, int], ...], look: Look) -> Any:
    from rich.text import Text

    if not look.styled:
        out, last = [], 0
        for start, end in spans:
            out += [text[last:start], "*", text[start:end], "*"]
            last = end
        out.append(text[last:])
        return Text("".join(out))
    rich_text = Text(text)
    for start, end in spans:
        rich_text.stylize("bold yellow", start, end)
    return rich_text


def _table(title: str | None = None, caption: str | None = None, expand: bool = False) -> Any:
    from rich import box
    from rich.table import Table

    return Table(
        title=title,
        caption=caption,
        box=box.SIMPLE_HEAD,
        expand=expand,
        pad_edge=False,
        title_justify="left",
        caption_justify="left",
    )


# -- list -----------------------------------------------------------------------------------


def list_table(records: list[Record], look: Look) -> Any:
    table = _table(caption=f"{len(records)} case{'s' if len(records) != 1 else ''}", expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Case", ratio=5, min_width=20, overflow="fold")
    table.add_column("Type", no_wrap=True)
    table.add_column("Kommuner (region)", ratio=3, min_width=14)
    table.add_column("Start", justify="right", no_wrap=True)
    for record in records:
        table.add_row(
            str(record.get("number") or ""),
            _title_cell(record, look),
            record["type"],
            _places_cell(record, look),
            str(record.get("started") or ""),
        )
    return table


def _places_cell(record: Record, look: Look) -> Any:
    from rich.text import Text

    cell = Text(joined(record.get("municipalities", [])))
    regions = joined(short_region(r) for r in record.get("regions", []))
    if regions:
        cell.append(f"\n({regions})", style="dim" if look.styled else "")
    return cell


def _title_cell(record: Record, look: Look, extra: Any = None) -> Any:
    from rich.text import Text

    cell = Text(record["title"], style="bold" if look.styled else "")
    cell.append("\n" + record["id"], style="dim" if look.styled else "")
    if extra is not None:
        cell.append("\n")
        cell.append_text(extra)
    return cell


LIST_COLUMNS = ("number", "id", "title", "type", "municipalities", "regions", "started")


def list_json(records: list[Record], look: Look) -> str:
    return to_json([listing(record) for record in records])


def list_csv(records: list[Record], look: Look) -> str:
    return to_csv(LIST_COLUMNS, ([record.get(name) for name in LIST_COLUMNS] for record in records))


def list_markdown(records: list[Record], look: Look) -> str:
    rows = ([record.get(name) for name in LIST_COLUMNS] for record in records)
    return md_table(LIST_COLUMNS, rows)


LIST_RENDERERS: dict[str, Callable[[list[Record], Look], Any]] = {
    "table": list_table,
    "json": list_json,
    "csv": list_csv,
    "markdown": list_markdown,
}

# -- find -----------------------------------------------------------------------------------


def find_table(hits: list[Hit], look: Look) -> Any:
    if hits and not hits[0].snippet.text:
        return list_table([hit.record for hit in hits], look)
    table = _table(caption=f"{len(hits)} match{'es' if len(hits) != 1 else ''}, best first", expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Case", ratio=5, min_width=24, overflow="fold")
    table.add_column("Type", no_wrap=True)
    table.add_column("Kommuner (region)", ratio=2, min_width=14)
    table.add_column("Score", justify="right", no_wrap=True)
    for hit in hits:
        snippet = _highlight(hit.snippet.text, hit.snippet.spans, look)
        table.add_row(
            str(hit.record.get("number") or ""),
            _title_cell(hit.record, look, snippet),
            hit.record["type"],
            _places_cell(hit.record, look),
            f"{hit.score:.2f}",
        )
    return table


def _hit_json(hit: Hit) -> dict[str, Any]:
    data = listing(hit.record)
    if hit.snippet.text:
        data["score"] = hit.score
        data["snippet"] = snippet_json(hit.snippet)
    return data


def find_json(hits: list[Hit], look: Look) -> str:
    return to_json([_hit_json(hit) for hit in hits])


FIND_COLUMNS = (*LIST_COLUMNS, "score", "snippet")


def find_csv(hits: list[Hit], look: Look) -> str:
    rows = (
        [
            *(hit.record.get(name) for name in LIST_COLUMNS),
            hit.score if hit.snippet.text else "",
            hit.snippet.text,
        ]
        for hit in hits
    )
    return to_csv(FIND_COLUMNS, rows)


def find_markdown(hits: list[Hit], look: Look) -> str:
    rows = (
        [
            *(hit.record.get(name) for name in LIST_COLUMNS),
            hit.score if hit.snippet.text else "",
            marked(hit.snippet, "**", "**"),
        ]
        for hit in hits
    )
    return md_table(FIND_COLUMNS, rows)


FIND_RENDERERS: dict[str, Callable[[list[Hit], Look], Any]] = {
    "table": find_table,
    "json": find_json,
    "csv": find_csv,
    "markdown": find_markdown,
}

# -- show -----------------------------------------------------------------------------------

SECTION_TITLES: dict[str, str] = {
    "background": "Baggrund (background)",
    "content": "Indhold (content)",
    "organisation": "Organisering (organisation)",
    "results": "Resultater (results)",
    "collaboration": "Samspil med andre kommuner (collaboration)",
}


def _money(value: float | None) -> str:
    if value is None:
        return ""
    number = int(value) if float(value).is_integer() else value
    return f"{number:,}".replace(",", ".") + " kr."


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return str(value).replace(".", ",")


def figure_text(figure: Record) -> str:
    """'460 personer (2013)', with '≈' for approximate figures."""
    text = ("ca. " if figure.get("approximate") else "") + _number(figure["value"])
    if figure.get("unit"):
        text += f" {figure['unit']}"
    if figure.get("year"):
        text += f" ({figure['year']})"
    return text


def funding_text(funding: Record) -> str:
    parts = [funding["source"]]
    if funding.get("amount_dkk") is not None:
        parts.append(_money(funding["amount_dkk"]))
    if funding.get("period"):
        parts.append(str(funding["period"]))
    text = ": ".join(parts[:2]) + (f" ({parts[2]})" if len(parts) > 2 else "")
    if funding.get("note"):
        text += f" — {funding['note']}"
    return text


def evaluation_text(evaluation: Record | None) -> str:
    if not evaluation:
        return ""
    text = str(evaluation["status"])
    details = [str(evaluation[key]) for key in ("by", "year") if evaluation.get(key)]
    if details:
        text += f" ({', '.join(details)})"
    if evaluation.get("note"):
        text += f": {evaluation['note']}"
    return text


def fact_rows(record: Record) -> list[tuple[str, str]]:
    """The structured fields of a case as (label, text) rows, empty ones left out."""
    years = str(record.get("started") or "")
    if record.get("ended"):
        years += f"–{record['ended']}"
    rows = [
        ("Type", record["type"]),
        ("Kommuner", joined(record.get("municipalities", []))),
        ("Partnerkommuner", joined(record.get("partner_municipalities", []))),
        ("Region", joined(record.get("regions", []))),
        ("Operatør", record.get("operator") or ""),
        ("Periode", years),
        ("Målgrupper", joined(record.get("target_groups", []))),
        ("Sektorer", joined(record.get("sectors", []))),
        ("Virkemidler", joined(record.get("instruments", []))),
        ("God praksis", joined(record.get("good_practice", []))),
        ("Overførbarhed", record.get("transferability") or ""),
        ("Evaluering", evaluation_text(record.get("evaluation"))),
        ("Finansiering", "\n".join(funding_text(f) for f in record.get("funding", []))),
        ("Budget", _money(record.get("budget_dkk"))),
        ("Årsværk", _number(record["staff_fte"]) if record.get("staff_fte") is not None else ""),
        (
            "Partnere",
            "\n".join(
                p["name"] + (f" ({p['role']})" if p.get("role") else "") for p in record.get("partners", [])
            ),
        ),
    ]
    return [(label, text) for label, text in rows if text]


def show_table(record: Record, look: Look) -> Any:
    from rich.console import Group
    from rich.padding import Padding
    from rich.rule import Rule
    from rich.text import Text

    number = f"Case {record['number']}: " if record.get("number") else ""
    parts: list[Any] = [Text(number + record["title"], style="bold" if look.styled else "")]
    subtitle = record["id"] + (f" · {record['title_en']}" if record.get("title_en") else "")
    parts.append(Text(subtitle, style="dim" if look.styled else ""))
    parts.append(Text(""))
    parts.append(Text(record["summary"]))
    if record.get("summary_en"):
        parts.append(Text(record["summary_en"], style="italic" if look.styled else ""))
    facts = _table()
    facts.add_column("Field", no_wrap=True, style="bold" if look.styled else "")
    facts.add_column("Value", overflow="fold")
    for label, text in fact_rows(record):
        facts.add_row(label, text)
    parts.append(facts)
    for name, heading in SECTION_TITLES.items():
        if record.get(name):
            parts.append(Rule(heading, align="left", style="dim" if look.styled else ""))
            parts.append(Padding(Text(record[name]), (0, 0, 1, 0)))
    if record.get("key_figures"):
        figures = _table(title="Nøgletal (key figures)")
        figures.add_column("Label", ratio=3, overflow="fold")
        figures.add_column("Value", justify="right")
        figures.add_column("Unit", overflow="fold")
        figures.add_column("Year", justify="right")
        for figure in record["key_figures"]:
            figures.add_row(
                figure["label"],
                ("ca. " if figure.get("approximate") else "") + _number(figure["value"]),
                figure.get("unit") or "",
                str(figure.get("year") or ""),
            )
        parts.append(figures)
    for voice in record.get("user_voice", []):
        who = ", ".join(str(voice[key]) for key in ("person", "role", "company") if voice.get(key))
        parts.append(
            Rule(
                f"Brugerne siger — {who}" if who else "Brugerne siger",
                align="left",
                style="dim" if look.styled else "",
            )
        )
        parts.append(Padding(Text(voice["says"]), (0, 0, 1, 0)))
    if record.get("source"):
        source = record["source"]
        cited = ", ".join(str(source[k]) for k in ("title", "publisher", "year", "pages") if source.get(k))
        parts.append(Text(f"Kilde: {cited}", style="dim" if look.styled else ""))
    return Group(*parts)


def show_json(record: Record, look: Look) -> str:
    return to_json(record)


def show_yaml(record: Record, look: Look) -> str:
    """The case as a case file: derived fields (regions) left out, so it passes `erhverv validate`."""
    import yaml

    stored = {key: value for key, value in record.items() if key != "regions"}
    return str(yaml.safe_dump(stored, allow_unicode=True, sort_keys=False, width=100))


def show_markdown(record: Record, look: Look) -> str:
    number = f"Case {record['number']}: " if record.get("number") else ""
    lines = [f"# {number}{record['title']}", "", f"*{record['id']}*", "", record["summary"], ""]
    if record.get("summary_en"):
        lines += [f"> {record['summary_en']}", ""]
    lines.append(md_table(("Field", "Value"), fact_rows(record)))
    for name, heading in SECTION_TITLES.items():
        if record.get(name):
            lines += [f"## {heading}", "", record[name], ""]
    if record.get("key_figures"):
        lines += ["## Nøgletal (key figures)", ""]
        lines.append(
            md_table(("Label", "Value"), ((f["label"], figure_text(f)) for f in record["key_figures"]))
        )
    for voice in record.get("user_voice", []):
        who = ", ".join(str(voice[key]) for key in ("person", "role", "company") if voice.get(key))
        lines += [f"## Brugerne siger{' — ' + who if who else ''}", "", voice["says"], ""]
    return "\n".join(lines).rstrip() + "\n"


def show_csv(record: Record, look: Look) -> str:
    rows = [*fact_rows(record)]
    rows += [(f"key figure: {f['label']}", figure_text(f)) for f in record.get("key_figures", [])]
    rows += [(name, record[name]) for name in SECTION_TITLES if record.get(name)]
    return to_csv(("field", "value"), rows)


SHOW_RENDERERS: dict[str, Callable[[Record, Look], Any]] = {
    "table": show_table,
    "json": show_json,
    "csv": show_csv,
    "markdown": show_markdown,
    "yaml": show_yaml,
}

# -- compare --------------------------------------------------------------------------------

SHARED_MARK = "*"
ELLIPSIS = "…"


def _first_words(text: str | None, count: int = 30) -> str:
    if not text:
        return ""
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def compare_rows(records: list[Record]) -> list[tuple[str, list[list[str]]]]:
    """Per field: one list of values per case (lists stay lists so shared items can be marked)."""

    def each(get: Callable[[Record], list[str]]) -> list[list[str]]:
        return [get(record) for record in records]

    def scalar(value: Any) -> list[str]:
        return [str(value)] if value not in (None, "") else []

    rows = [
        ("Type", each(lambda r: [r["type"]])),
        ("Kommuner", each(lambda r: list(r.get("municipalities", [])))),
        ("Partnerkommuner", each(lambda r: list(r.get("partner_municipalities", [])))),
        ("Region", each(lambda r: [short_region(x) for x in r.get("regions", [])])),
        ("Operatør", each(lambda r: scalar(r.get("operator")))),
        ("Start", each(lambda r: scalar(r.get("started")))),
        ("Målgrupper", each(lambda r: list(r.get("target_groups", [])))),
        ("Sektorer", each(lambda r: list(r.get("sectors", [])))),
        ("Virkemidler", each(lambda r: list(r.get("instruments", [])))),
        ("God praksis", each(lambda r: list(r.get("good_practice", [])))),
        ("Overførbarhed", each(lambda r: scalar(r.get("transferability")))),
        ("Evaluering", each(lambda r: scalar((r.get("evaluation") or {}).get("status")))),
        ("Finansiering", each(lambda r: [funding_text({**f, "note": None}) for f in r.get("funding", [])])),
        ("Budget", each(lambda r: scalar(_money(r.get("budget_dkk"))))),
        (
            "Årsværk",
            each(lambda r: scalar(_number(r["staff_fte"]) if r.get("staff_fte") is not None else None)),
        ),
        (
            "Nøgletal",
            each(
                lambda r: (
                    [f"{f['label']}: {figure_text(f)}" for f in r.get("key_figures", [])[:6]]
                    + ([ELLIPSIS] if len(r.get("key_figures", [])) > 6 else [])
                )
            ),
        ),
        ("Resultater", each(lambda r: scalar(_first_words(r.get("results"))))),
    ]
    return [(label, values) for label, values in rows if any(values)]


def _shared(values: list[list[str]]) -> set[str]:
    """Values found in two or more of the compared cases (a truncation mark is never a value)."""
    seen: dict[str, int] = {}
    for items in values:
        for item in set(items) - {ELLIPSIS}:
            seen[item] = seen.get(item, 0) + 1
    return {item for item, count in seen.items() if count > 1}


def compare_table(records: list[Record], look: Look) -> Any:
    from rich.text import Text

    table = _table(caption=f"{SHARED_MARK} = shared with another compared case", expand=True)
    table.add_column("", no_wrap=True, style="bold" if look.styled else "")
    for record in records:
        label = f"{record.get('number') or ''} {record['title']}".strip()
        table.add_column(label, ratio=1, overflow="fold")
    for label, values in compare_rows(records):
        shared = _shared(values) if label not in ("Resultater", "Nøgletal", "Finansiering") else set()
        cells = []
        for items in values:
            cell = Text()
            for position, item in enumerate(items):
                if position:
                    cell.append("\n")
                if item in shared:
                    cell.append(item + SHARED_MARK, style="bold green" if look.styled else "")
                else:
                    cell.append(item)
            cells.append(cell)
        table.add_row(label, *cells)
    return table


def compare_json(records: list[Record], look: Look) -> str:
    shared = {label: sorted(_shared(values)) for label, values in compare_rows(records)}
    return to_json({"cases": records, "shared": {k: v for k, v in shared.items() if v}})


def compare_csv(records: list[Record], look: Look) -> str:
    header = ["field", *(record["id"] for record in records)]
    return to_csv(header, ([label, *values] for label, values in compare_rows(records)))


def compare_markdown(records: list[Record], look: Look) -> str:
    header = ["", *(f"{record.get('number') or ''} {record['title']}".strip() for record in records)]
    rows = []
    for label, values in compare_rows(records):
        shared = _shared(values) if label not in ("Resultater", "Nøgletal", "Finansiering") else set()
        rows.append(
            [label, *("<br>".join(f"**{i}**" if i in shared else i for i in items) for items in values)]
        )
    return md_table(header, rows)


COMPARE_RENDERERS: dict[str, Callable[[list[Record], Look], Any]] = {
    "table": compare_table,
    "json": compare_json,
    "csv": compare_csv,
    "markdown": compare_markdown,
}

# -- stats ----------------------------------------------------------------------------------

BAR_WIDTH = 24


def _bar(count: int, largest: int) -> str:
    if largest <= 0:
        return ""
    eighths = round(BAR_WIDTH * 8 * count / largest)
    full, rest = divmod(eighths, 8)
    return "█" * full + ("▏▎▍▌▋▊▉"[rest - 1] if rest else "")


def stats_table(counts: dict[str, list[FacetCount]], look: Look) -> Any:
    from rich.console import Group

    tables = []
    for facet, rows in counts.items():
        if not rows:
            continue
        table = _table(title=FACET_TITLES.get(facet, facet))
        table.add_column("Value", overflow="fold", ratio=2)
        table.add_column("Cases", justify="right", no_wrap=True)
        table.add_column("", no_wrap=True, style="cyan" if look.styled else "")
        largest = max(row.count for row in rows)
        for row in rows:
            table.add_row(row.value, str(row.count), _bar(row.count, largest))
        tables.append(table)
    return Group(*tables)


def stats_json(counts: dict[str, list[FacetCount]], look: Look) -> str:
    return to_json(
        {facet: [{"value": r.value, "count": r.count} for r in rows] for facet, rows in counts.items()}
    )


def stats_csv(counts: dict[str, list[FacetCount]], look: Look) -> str:
    return to_csv(
        ("facet", "value", "count"), ((f, r.value, r.count) for f, rows in counts.items() for r in rows)
    )


def stats_markdown(counts: dict[str, list[FacetCount]], look: Look) -> str:
    parts = []
    for facet, rows in counts.items():
        if rows:
            largest = max(row.count for row in rows)
            parts.append(
                f"### {FACET_TITLES.get(facet, facet)}\n\n"
                + md_table(("Value", "Cases", ""), ((r.value, r.count, _bar(r.count, largest)) for r in rows))
            )
    return "\n".join(parts)


STATS_RENDERERS: dict[str, Callable[[dict[str, list[FacetCount]], Look], Any]] = {
    "table": stats_table,
    "json": stats_json,
    "csv": stats_csv,
    "markdown": stats_markdown,
}

# -- similar --------------------------------------------------------------------------------

REASON_TITLES = {
    "instrument": "instruments",
    "target_group": "target groups",
    "sector": "sectors",
    "good_practice": "good practice",
    "type": "type",
    "region": "region",
    "terms": "terms",
}


def reasons_text(shared: dict[str, list[str]], separator: str = "\n") -> str:
    return separator.join(f"{REASON_TITLES.get(k, k)}: {', '.join(v)}" for k, v in shared.items() if v)


SimilarResult = tuple[Record, list[Similarity]]


def similar_table(result: SimilarResult, look: Look) -> Any:
    origin, related = result
    table = _table(
        title=f"Cases like {origin.get('number') or ''} {origin['title']} ({origin['id']})", expand=True
    )
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Case", ratio=2, overflow="fold")
    table.add_column("Why", ratio=3, overflow="fold")
    table.add_column("Score", justify="right", no_wrap=True)
    for item in related:
        table.add_row(
            str(item.record.get("number") or ""),
            _title_cell(item.record, look),
            reasons_text(item.shared),
            f"{item.score:.2f}",
        )
    return table


def similar_json(result: SimilarResult, look: Look) -> str:
    origin, related = result
    return to_json(
        {
            "case": listing(origin),
            "similar": [
                {**listing(item.record), "score": item.score, "shared": item.shared} for item in related
            ],
        }
    )


def similar_csv(result: SimilarResult, look: Look) -> str:
    _origin, related = result
    return to_csv(
        (*LIST_COLUMNS, "score", "why"),
        ([*(i.record.get(n) for n in LIST_COLUMNS), i.score, reasons_text(i.shared, "; ")] for i in related),
    )


def similar_markdown(result: SimilarResult, look: Look) -> str:
    origin, related = result
    rows = (
        (i.record.get("number"), i.record["title"], i.record["id"], reasons_text(i.shared, "; "), i.score)
        for i in related
    )
    return f"Cases like **{origin['title']}** ({origin['id']})\n\n" + md_table(
        ("#", "title", "id", "why", "score"), rows
    )


SIMILAR_RENDERERS: dict[str, Callable[[SimilarResult, Look], Any]] = {
    "table": similar_table,
    "json": similar_json,
    "csv": similar_csv,
    "markdown": similar_markdown,
}
