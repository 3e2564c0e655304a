"""Small helpers shared by the renderers."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from erhverv_cli.search.engine import Snippet

LISTING_FIELDS: tuple[str, ...] = (
    "number",
    "id",
    "title",
    "title_en",
    "type",
    "municipalities",
    "partner_municipalities",
    "regions",
    "started",
    "summary",
)


def short_region(region: str) -> str:
    """'Region Midtjylland' → 'Midtjylland' (for narrow tables)."""
    return region.removeprefix("Region ")


def joined(values: Iterable[Any], separator: str = ", ") -> str:
    return separator.join(str(value) for value in values)


def listing(record: dict[str, Any]) -> dict[str, Any]:
    """The fields every listing shows, with the YAML field names."""
    return {name: record.get(name) for name in LISTING_FIELDS}


def to_json(payload: Any) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(
            [
                "; ".join(map(str, cell)) if isinstance(cell, list) else ("" if cell is None else cell)
                for cell in row
            ]
        )
    return buffer.getvalue()


def md_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = ", ".join(map(str, value))
    return str(value).replace("|", "\\|").replace("\n", " ")


def md_table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(md_cell(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def marked(snippet: Snippet, left: str, right: str) -> str:
    """Snippet text with each matched span wrapped in markers (e.g. '**' for Markdown)."""
    out, last = [], 0
    for start, end in snippet.spans:
        out += [snippet.text[last:start], left, snippet.text[start:end], right]
        last = end
    out.append(snippet.text[last:])
    return "".join(out)


def snippet_json(snippet: Snippet) -> dict[str, Any]:
    return {
        "text": snippet.text,
        "field": snippet.field,
        "highlights": [list(span) for span in snippet.spans],
    }
