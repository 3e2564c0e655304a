"""How a case record becomes searchable: weighted text columns and filterable facets."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from erhverv_cli.folding import fold_name
from erhverv_cli.search.analysis import analyze

# Text columns of the full-text index and their BM25 weights: title and places weigh most.
COLUMNS: tuple[str, ...] = ("title", "places", "summary", "body", "english")
WEIGHTS: dict[str, float] = {"title": 5.0, "places": 4.0, "summary": 2.0, "body": 1.0, "english": 1.5}

TEXT_SECTIONS: tuple[str, ...] = ("background", "content", "organisation", "results", "collaboration")

# Facets: the filterable values of a case, named as the CLI filters are.
FACETS: tuple[str, ...] = (
    "type",
    "municipality",
    "region",
    "target_group",
    "instrument",
    "good_practice",
    "sector",
    "started",
)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def body_texts(record: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """The Danish free-text fields of a record as (field, text), for indexing and snippets."""
    for name in ("summary", *TEXT_SECTIONS):
        text = record.get(name)
        if isinstance(text, str):
            yield name, text
    for name in (
        "operator",
        "sectors",
        "target_groups",
        "instruments",
        "good_practice",
        "partners",
        "funding",
        "key_figures",
        "user_voice",
    ):
        for text in _strings(record.get(name)):
            yield name, text
    evaluation = record.get("evaluation")
    if isinstance(evaluation, dict):
        for text in _strings(evaluation):
            yield "evaluation", text


def columns(record: dict[str, Any]) -> dict[str, str]:
    """Analysed text per index column (space-separated terms)."""
    places = [
        *record.get("municipalities", []),
        *record.get("partner_municipalities", []),
        *record.get("regions", []),
    ]
    if record.get("operator"):
        places.append(record["operator"])
    body = [text for name, text in body_texts(record) if name not in ("summary",)]
    english = [record.get("title_en") or "", record.get("summary_en") or ""]
    return {
        "title": " ".join(analyze(record.get("title", ""))),
        "places": " ".join(analyze(" ".join(places))),
        "summary": " ".join(analyze(record.get("summary", ""))),
        "body": " ".join(analyze(" ".join(body))),
        "english": " ".join(analyze(" ".join(english), english=True)),
    }


def facets(record: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(facet, value, folded key) triples of a record."""
    out: list[tuple[str, str, str]] = []

    def add(facet: str, values: list[Any]) -> None:
        for value in values:
            out.append((facet, str(value), fold_name(str(value))))

    add("type", [record["type"]])
    add(
        "municipality",
        list(dict.fromkeys([*record.get("municipalities", []), *record.get("partner_municipalities", [])])),
    )
    add("region", record.get("regions", []))
    add("target_group", record.get("target_groups", []))
    add("instrument", record.get("instruments", []))
    add("good_practice", record.get("good_practice", []))
    add("sector", record.get("sectors", []))
    if record.get("started") is not None:
        add("started", [record["started"]])
    return out
