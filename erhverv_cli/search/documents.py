"""How a case record becomes searchable: weighted text columns and filterable facet rows."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from erhverv_cli.folding import fold
from erhverv_cli.records import TEXT_SECTIONS, CaseRecord
from erhverv_cli.search.analysis import analyze
from erhverv_cli.search.facets import facet_rows
from erhverv_cli.vocab import CaseType

# Text columns of the full-text index (their BM25 weights are in search.settings).
COLUMNS: tuple[str, ...] = ("title", "places", "summary", "body", "english")
ENGLISH_COLUMN = "english"  # the one column analysed as English
TYPE_ORDER: dict[str, int] = {member.value: position for position, member in enumerate(CaseType)}

# Danish free text beyond the summary and the sections: read for indexing and snippets.
_OTHER_TEXT_FIELDS = (
    "operator", "context", "sectors", "target_groups", "instruments", "good_practice", "approaches",
    "partners",
    "funding", "staff", "key_figures", "user_voice", "evaluation",
)  # fmt: skip
_ENGLISH_KEYS = frozenset({"label_en"})


def _strings(value: Any, english: bool = False) -> Iterator[str]:
    """Every text inside a value; ``english`` picks the English keys of nested mappings."""
    found: list[str] = []
    _collect(value, english, found)
    return iter(found)


def _collect(value: Any, english: bool, found: list[str]) -> None:
    # One list filled by plain recursion: nested generators cost a frame per value of a case, and
    # indexing reads every text of every case.
    if value.__class__ is str:
        if not english:
            found.append(value)
    elif value.__class__ is list:
        for item in value:
            _collect(item, english, found)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            if (key in _ENGLISH_KEYS) == english:
                _collect(item, False, found)
            elif not english:
                _collect(item, english, found)
    elif isinstance(value, str):
        if not english:
            found.append(value)
    elif isinstance(value, list):
        for item in value:
            _collect(item, english, found)


def body_texts(record: CaseRecord | Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """The Danish free-text fields of a record as (field, text), for indexing and snippets."""
    for name in ("summary", *TEXT_SECTIONS):
        text = record.get(name)
        if isinstance(text, str):
            yield name, text
    for name in _OTHER_TEXT_FIELDS:
        for text in _strings(record.get(name)):
            yield name, text


def english_texts(record: CaseRecord | Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """The English text fields of a record as (field, text)."""
    for name in ("title_en", "summary_en", "description_en"):
        text = record.get(name)
        if isinstance(text, str):
            yield name, text
    for text in _strings(record.get("key_figures"), english=True):
        yield "key_figures", text


def column_terms(record: CaseRecord | Mapping[str, Any]) -> dict[str, list[str]]:
    """The analysed terms of each index column, in order."""
    places = [
        *record.get("municipalities", []),
        *record.get("partner_municipalities", []),
        *record.get("regions", []),
    ]
    if record.get("operator"):
        places.append(record["operator"])
    body = [text for name, text in body_texts(record) if name != "summary"]
    english = [text for _name, text in english_texts(record)]
    return {
        "title": analyze(record.get("title", "")),
        "places": analyze(" ".join(places)),
        "summary": analyze(record.get("summary", "")),
        "body": analyze(" ".join(body)),
        ENGLISH_COLUMN: analyze(" ".join(english), english=True),
    }


def prepared_document(record: CaseRecord | Mapping[str, Any]) -> tuple[Any, ...]:
    """Everything the index stores of a valid case, serialised (made in worker processes, so the
    process that writes the index only inserts)."""
    terms = column_terms(record)
    return (
        record["id"],
        record.get("number"),
        record["title"],
        fold(record["title"]),
        record["type"],
        TYPE_ORDER.get(record["type"], len(TYPE_ORDER)),
        record.get("started"),
        json.dumps(record, ensure_ascii=False, allow_nan=False),
        tuple(len(terms[name]) for name in COLUMNS),
        tuple(" ".join(terms[name]) for name in COLUMNS),
        list(facet_rows(record)),
    )
