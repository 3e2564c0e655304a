"""`vocab`: the facets, or one facet's values with their meanings and how many cases use each."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from erhverv_cli.labels import facet_label
from erhverv_cli.render.formats import csv_text, markdown_table
from erhverv_cli.render.terminal import BOLD, Look, column_styles, plain_table
from erhverv_cli.render.text import json_text
from erhverv_cli.search.engine import Vocabulary
from erhverv_cli.search.facets import FACETS


def _facet_rows(look: Look) -> list[list[str]]:
    return [
        [item.key, facet_label(item.key, look.lang), ", ".join(item.flags) or "--since, --until", item.help]
        for item in FACETS
    ]


_FACET_HEADER = ("facet", "label", "options", "meaning")
_VALUE_HEADER = ("value", "meaning", "cases")


def _facets_json(look: Look) -> str:
    return json_text([dict(zip(_FACET_HEADER, row, strict=True)) for row in _facet_rows(look)], 2) + "\n"


FACETS_RENDERERS: dict[str, Callable[[Look], Any]] = {
    "table": lambda look: (
        plain_table(_FACET_HEADER, _facet_rows(look), styles=column_styles(look, {0: BOLD}))
        + "\n`erhverv vocab FACET` lists a facet's values\n"
    ),
    "json": _facets_json,
    "jsonl": lambda look: "".join(
        json_text(dict(zip(_FACET_HEADER, row, strict=True))) + "\n" for row in _facet_rows(look)
    ),
    "csv": lambda look: csv_text(_FACET_HEADER, _facet_rows(look)),
    "tsv": lambda look: csv_text(_FACET_HEADER, _facet_rows(look), "excel-tab"),
    "markdown": lambda look: markdown_table(_FACET_HEADER, _facet_rows(look)),
}


def _value_rows(vocab: Vocabulary) -> list[list[Any]]:
    return [[value, meaning, count] for value, meaning, count in vocab.rows]


def _values_table(vocab: Vocabulary, look: Look) -> str:
    rows = [[value, meaning, str(count)] for value, meaning, count in vocab.rows]
    note = "values in use in this corpus" if vocab.open else "the allowed values"
    return f"{facet_label(vocab.facet, look.lang)}: {note}\n\n" + plain_table(
        _VALUE_HEADER, rows, frozenset({2}), column_styles(look, {0: BOLD})
    )


VALUES_RENDERERS: dict[str, Callable[[Vocabulary, Look], Any]] = {
    "table": _values_table,
    "json": lambda vocab, look: (
        json_text(
            {
                "facet": vocab.facet,
                "values": [dict(zip(_VALUE_HEADER, row, strict=True)) for row in _value_rows(vocab)],
            },
            2,
        )
        + "\n"
    ),
    "jsonl": lambda vocab, look: "".join(
        json_text({"facet": vocab.facet, **dict(zip(_VALUE_HEADER, row, strict=True))}) + "\n"
        for row in _value_rows(vocab)
    ),
    "csv": lambda vocab, look: csv_text(_VALUE_HEADER, _value_rows(vocab)),
    "tsv": lambda vocab, look: csv_text(_VALUE_HEADER, _value_rows(vocab), "excel-tab"),
    "markdown": lambda vocab, look: markdown_table(_VALUE_HEADER, _value_rows(vocab)),
}
