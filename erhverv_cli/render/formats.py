"""Machine formats, written row by row: JSON, JSON Lines, CSV, TSV and Markdown.

Each writer takes the fields of a view and an iterable of rows and writes to a text stream as
the rows arrive, so memory does not grow with the number of rows. Every text passes through
:mod:`.text` (control and bidi characters escaped); CSV and TSV cells that a spreadsheet would
run as a formula get a leading apostrophe (OWASP's advice on CSV injection); Markdown cells
escape pipes, line breaks and HTML.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TextIO

from erhverv_cli.labels import Language
from erhverv_cli.render.columns import Field
from erhverv_cli.render.text import json_text, safe, safe_line

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
csv.register_dialect("excel-semicolon", "excel", delimiter=";")


def spreadsheet_cell(value: Any) -> Any:
    """A cell a spreadsheet shows as written: text that would start a formula is prefixed."""
    if isinstance(value, str):
        value = safe(value)
        if value.startswith(_FORMULA_START):
            return "'" + value
    return value


def markdown_cell(value: Any) -> str:
    """Text for a Markdown table cell: one line, pipes escaped, and no raw HTML ('<' as &lt;)."""
    text = " ".join(safe(value).split())
    return text.replace("<", "&lt;").replace("|", "\\|")


def write_json(fields: Sequence[Field], rows: Iterable[Any], out: TextIO, lang: Language) -> int:
    """A JSON array of objects, pretty-printed, streamed (the same text json.dumps(indent=2) gives)."""
    count = 0
    for row in rows:
        item = json_text({field.name: field.value(row) for field in fields}, indent=2)
        out.write(("[\n" if count == 0 else ",\n") + "\n".join("  " + line for line in item.split("\n")))
        count += 1
    out.write("\n]\n" if count else "[]\n")
    return count


def write_jsonl(fields: Sequence[Field], rows: Iterable[Any], out: TextIO, lang: Language) -> int:
    """One JSON object per line."""
    count = 0
    for row in rows:
        out.write(json_text({field.name: field.value(row) for field in fields}) + "\n")
        count += 1
    return count


def _delimited(dialect: str) -> Callable[[Sequence[Field], Iterable[Any], TextIO, Language], int]:
    def write(fields: Sequence[Field], rows: Iterable[Any], out: TextIO, lang: Language) -> int:
        writer = csv.writer(out, dialect=dialect)
        writer.writerow([field.name for field in fields])
        count = 0
        for row in rows:
            writer.writerow([spreadsheet_cell(field.text(row, lang)) for field in fields])
            count += 1
        return count

    return write


def write_markdown(fields: Sequence[Field], rows: Iterable[Any], out: TextIO, lang: Language) -> int:
    """A pipe table with the field names as header."""
    out.write("| " + " | ".join(field.name for field in fields) + " |\n")
    out.write("|" + "|".join("---" for _ in fields) + "|\n")
    count = 0
    for row in rows:
        out.write("| " + " | ".join(markdown_cell(field.text(row, lang)) for field in fields) + " |\n")
        count += 1
    return count


Writer = Callable[[Sequence[Field], Iterable[Any], TextIO, Language], int]

WRITERS: dict[str, Writer] = {
    "json": write_json,
    "jsonl": write_jsonl,
    "csv": _delimited("excel"),
    "tsv": _delimited("excel-tab"),
    "markdown": write_markdown,
}


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A whole Markdown table of plain values (for small views: show, compare, stats)."""
    lines = ["| " + " | ".join(markdown_cell(cell) for cell in header) + " |"]
    lines.append("|" + "|".join("---" for _ in header) + "|")
    lines += [
        "| " + " | ".join(markdown_cell("" if cell is None else cell) for cell in row) + " |" for row in rows
    ]
    return "\n".join(lines) + "\n"


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]], dialect: str = "excel") -> str:
    """A whole CSV (or TSV) document of plain values; lists are joined with '; '."""
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, dialect=dialect)
    writer.writerow([spreadsheet_cell(cell) for cell in header])
    for row in rows:
        writer.writerow(
            [
                spreadsheet_cell(
                    "; ".join(map(str, cell)) if isinstance(cell, list) else "" if cell is None else cell
                )
                for cell in row
            ]
        )
    return buffer.getvalue()


def one_line(text: Any) -> str:
    """Text for one-line contexts (messages, table cells of plain tables)."""
    return safe_line(text)
