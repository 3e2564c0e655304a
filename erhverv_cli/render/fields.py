"""How the fields of a case read as text: one layer for the terminal, the exports and the page.

Amounts, figures, periods, partners, staff, evaluation and the source are formatted here once,
with labels from :mod:`erhverv_cli.labels`, so `show`, `compare`, the Markdown and HTML
catalogues and the CSV export say the same thing the same way. Output is plain text; each
renderer escapes it for its own format.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from erhverv_cli.labels import Language, label

Record = Mapping[str, Any]  # a CaseRecord, or any mapping with its keys


def joined(values: Iterable[Any], separator: str = ", ") -> str:
    return separator.join(str(value) for value in values)


def short_region(region: str) -> str:
    """'Region Midtjylland' → 'Midtjylland' (for narrow tables)."""
    return region.removeprefix("Region ")


def number_text(value: float, lang: Language = "da") -> str:
    """12.500 and 2.500.000,5 in Danish; 12,500 and 2,500,000.5 in English: grouped thousands, the
    decimals as written (the shortest form that reads back the same), never 1e-05."""
    from decimal import Decimal

    number = float(value)
    text = f"{int(number):,}" if number.is_integer() else f"{Decimal(repr(number)):,f}"
    return text.translate(_DANISH_MARKS) if lang == "da" else text


_DANISH_MARKS = str.maketrans(",.", ".,")


def money(value: float | None, lang: Language = "da") -> str:
    if value is None:
        return ""
    return f"{number_text(value, lang)} kr." if lang == "da" else f"DKK {number_text(value, lang)}"


def figure_text(figure: Mapping[str, Any], lang: Language = "da") -> str:
    """'ca. 460 personer (2013)'."""
    approximately = "ca. " if lang == "da" else "about "
    text = (approximately if figure.get("approximate") else "") + number_text(figure["value"], lang)
    if figure.get("unit"):
        text += f" {figure['unit']}"
    if figure.get("year"):
        text += f" ({figure['year']})"
    return text


def figure_label(figure: Mapping[str, Any], lang: Language = "da") -> str:
    return str(figure.get("label_en") or figure["label"]) if lang == "en" else str(figure["label"])


def funding_text(funding: Mapping[str, Any], lang: Language = "da", note: bool = True) -> str:
    parts = [str(funding["source"])]
    if funding.get("amount_dkk") is not None:
        parts.append(money(funding["amount_dkk"], lang))
    text = ": ".join(parts)
    if funding.get("period"):
        text += f" ({funding['period']})"
    if note and funding.get("note"):
        text += f" — {funding['note']}"
    return text


def evaluation_text(evaluation: Mapping[str, Any] | None, with_note: bool = True) -> str:
    if not evaluation:
        return ""
    text = str(evaluation["status"])
    details = [str(evaluation[key]) for key in ("by", "year") if evaluation.get(key)]
    if details:
        text += f" ({', '.join(details)})"
    if with_note and evaluation.get("note"):
        text += f": {evaluation['note']}"
    return text


def staff_text(staff: Mapping[str, Any] | None, lang: Language = "da") -> str:
    """'6-8 konsulenter' (a headcount, never full-time equivalents)."""
    if not staff:
        return ""
    count = str(staff["count"])
    if staff.get("count_max") is not None and staff["count_max"] != staff["count"]:
        count += f"-{staff['count_max']}"
    if staff.get("approximate"):
        count = ("ca. " if lang == "da" else "about ") + count
    people = joined(staff.get("roles") or []) or ("personer" if lang == "da" else "people")
    text = f"{count} {people}"
    return text + (f" ({staff['note']})" if staff.get("note") else "")


def partner_text(partner: Mapping[str, Any]) -> str:
    return str(partner["name"]) + (f" ({partner['role']})" if partner.get("role") else "")


def period_text(record: Record, lang: Language = "da") -> str:
    """'2012–2014', 'fra 2012', '2013– (planlagt til 2014)', 'besluttet 2011'."""
    started, ended, planned = record.get("started"), record.get("ended"), record.get("planned_end")
    if started and ended:
        text = f"{started}–{ended}"
    elif started:
        text = f"{started}–" if planned else (f"fra {started}" if lang == "da" else f"since {started}")
    else:
        text = ""
    if planned and not ended:
        planned_words = f"planlagt til {planned}" if lang == "da" else f"planned to {planned}"
        text = f"{text} ({planned_words})" if text else planned_words
    if record.get("decided"):
        decided = f"besluttet {record['decided']}" if lang == "da" else f"decided {record['decided']}"
        text = f"{text}, {decided}" if text else decided
    return text


def pages_text(pages: Mapping[str, Any] | None, lang: Language = "da") -> str:
    if not pages:
        return ""
    span = str(pages["first"]) if pages["first"] == pages["last"] else f"{pages['first']}-{pages['last']}"
    estimated = (" (anslået)" if lang == "da" else " (estimated)") if pages.get("estimated") else ""
    return ("s. " if lang == "da" else "pp. ") + span + estimated


def source_text(record: Record, lang: Language = "da", url: bool = True) -> str:
    """'Katalog over god praksis …, IRIS Group …, 2014, s. 23-26'."""
    source = record.get("source") or {}
    parts = [str(source[key]) for key in ("title", "publisher", "year") if source.get(key)]
    if source.get("pages"):
        parts.append(pages_text(source["pages"], lang))
    if url and source.get("url"):
        parts.append(str(source["url"]))
    return ", ".join(parts)


def who(voice: Mapping[str, Any]) -> str:
    return ", ".join(str(voice[key]) for key in ("person", "role", "company") if voice.get(key))


def places_line(record: Record, lang: Language = "da") -> str:
    """'Vejle (med Kolding) · Region Syddanmark · fra 2012'."""
    places = joined(record.get("municipalities", []))
    if record.get("partner_municipalities"):
        places += (" (med " if lang == "da" else " (with ") + joined(record["partner_municipalities"]) + ")"
    parts = [places, joined(record.get("regions", [])), period_text(record, lang)]
    return " · ".join(part for part in parts if part)


def heading_text(record: Record, lang: Language = "da") -> str:
    """'8. Lydens by – …' (a case without a number is shown by its title alone)."""
    number = f"{record['number']}. " if record.get("number") is not None else ""
    return number + " ".join(title(record, lang).split())


def title(record: Record, lang: Language = "da") -> str:
    """The title in the language asked for, where the case has one."""
    return str(record.get("title_en") or record["title"]) if lang == "en" else str(record["title"])


def summary(record: Record, lang: Language = "da") -> str:
    return str(record.get("summary_en") or record["summary"]) if lang == "en" else str(record["summary"])


def paragraphs(text: str) -> list[str]:
    """A text field's paragraphs (case files separate them by line breaks)."""
    return [" ".join(part.split()) for part in re.split(r"\n\s*", text) if part.strip()]


def fact_rows(record: Record, lang: Language = "da") -> list[tuple[str, str]]:
    """The structured fields of a case as (label, text) rows, empty ones left out; multi-valued
    fields hold one value per line."""
    rows = [
        ("type", str(record["type"])),
        ("municipalities", joined(record.get("municipalities", []))),
        ("partner_municipalities", joined(record.get("partner_municipalities", []))),
        ("regions", joined(record.get("regions", []))),
        ("operator", str(record.get("operator") or "")),
        ("period", period_text(record, lang)),
        ("context", str(record.get("context") or "")),
        ("target_groups", joined(record.get("target_groups", []))),
        ("sectors", joined(record.get("sectors", []))),
        ("instruments", joined(record.get("instruments", []))),
        ("good_practice", joined(record.get("good_practice", []))),
        ("approaches", joined(record.get("approaches", []))),
        ("transferability", str(record.get("transferability") or "")),
        ("evaluation", evaluation_text(record.get("evaluation"))),
        ("funding", "\n".join(funding_text(f, lang) for f in record.get("funding", []))),
        ("budget_dkk", money(record.get("budget_dkk"), lang)),
        ("staff", staff_text(record.get("staff"), lang)),
        ("staff_fte", number_text(record["staff_fte"], lang) if record.get("staff_fte") is not None else ""),
        ("partners", "\n".join(partner_text(p) for p in record.get("partners", []))),
        ("pages", pages_text((record.get("source") or {}).get("pages"), lang)),
    ]
    return [(label(name, lang), text) for name, text in rows if text]


SECTIONS: tuple[str, ...] = ("background", "content", "organisation", "results", "collaboration")


def sections(record: Record, lang: Language = "da") -> list[tuple[str, str]]:
    """The long text sections as (heading, text); in English, the English description."""
    if lang == "en" and record.get("description_en"):
        return [(label("description_en", lang), str(record["description_en"]))]
    return [(label(name, lang), str(record[name])) for name in SECTIONS if record.get(name)]
