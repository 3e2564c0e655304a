"""Write case records as an Excel workbook that analysts can filter, pivot and follow.

Analysts work in Excel: they filter a table, build pivot tables and read a case in full. So the
workbook has one "Cases" sheet (one row per case, numbers as numbers, lists joined with "; "), a
"Details" sheet with every field of every case (each Cases row links to its block), one long-form
sheet per list-valued facet (case, value) because pivot tables cannot count "a; b; c", and sheets
for key figures, funding and the catalogue sources. Sheets and columns are named with the labels of
:mod:`erhverv_cli.labels`: Danish by default ("Cases", "Detaljer", "Kommuner", "Nøgletal"),
English with ``lang="en"``.

Text never becomes a formula: openpyxl stores a string starting with "=" as one, and Excel turns
text starting with "+", "-" or "@" into a formula when a cell is edited, so such text is stored as a
string cell with Excel's quote prefix. Characters XML 1.0 cannot hold are replaced.

Two exports of the same records are byte-identical: the document dates are fixed (``timestamp``)
and so are the dates of the parts in the zip file, which openpyxl would set to the current time.
"""

from __future__ import annotations

import io
import math
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.writer.excel import ExcelWriter

from erhverv_cli.labels import Language, label

if TYPE_CHECKING:  # the write-only sheet class lives in a private module
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

Record = Mapping[str, Any]  # a CaseRecord (erhverv_cli.records), or any mapping with its keys

CASE_COLUMNS: tuple[str, ...] = (
    "number", "id", "title", "title_en", "type", "municipalities", "partner_municipalities", "regions",
    "operator", "started", "decided", "ended", "planned_end", "target_groups", "sectors", "instruments",
    "good_practice", "approaches", "transferability", "evaluation_status", "budget_dkk", "staff", "staff_fte",
    "summary", "summary_en", "source_pages",
)  # fmt: skip
# Field rows of a case's block in "Details", after its title row; empty fields are left out.
DETAIL_FIELDS: tuple[str, ...] = (
    "number", "title_en", "type", "municipalities", "partner_municipalities", "regions", "operator",
    "started", "decided", "ended", "planned_end", "context", "target_groups", "sectors", "instruments",
    "good_practice", "approaches", "transferability", "evaluation", "budget_dkk", "staff", "staff_fte",
    "summary", "summary_en", "background", "content", "organisation", "results", "collaboration",
    "description_en", "partners", "user_voice", "source_title", "source_pages",
)  # fmt: skip
# Long-form sheets: sheet (labelled as its field), value column, record fields (with the role each
# gives, if any). Sheet and column names are labels from erhverv_cli.labels, in the language asked for.
FACET_SHEETS: tuple[tuple[str, str, tuple[tuple[str, str | None], ...]], ...] = (
    ("municipalities", "municipality", (("municipalities", "lead"), ("partner_municipalities", "partner"))),
    ("regions", "region", (("regions", None),)),
    ("target_groups", "target_group", (("target_groups", None),)),
    ("instruments", "instrument", (("instruments", None),)),
    ("good_practice", "good_practice", (("good_practice", None),)),
    ("approaches", "approach", (("approaches", None),)),
    ("sectors", "sector", (("sectors", None),)),
)
FIGURE_COLUMNS = ("case_number", "case_id", "label", "label_en", "value", "unit", "year", "approximate")
FUNDING_COLUMNS = ("case_number", "case_id", "source", "amount_dkk", "period", "note")
SOURCE_COLUMNS = (
    "case_number", "case_id", "source_title", "source_publisher", "source_year", "source_first_page",
    "source_last_page", "source_url",
)  # fmt: skip
NUMBER_FORMATS: dict[str, str] = {
    "budget_dkk": "#,##0", "amount_dkk": "#,##0", "staff_fte": "0.0#", "value": "#,##0",
}  # fmt: skip
DEFAULT_TIMESTAMP = datetime(2000, 1, 1)

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_MAX_CELL_TEXT = 32_767  # Excel's limit; longer text makes Excel "repair" the file
_MAX_WIDTH, _MIN_WIDTH, _DETAIL_WIDTH = 60, 6, 100
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")


def write_workbook(
    records: Iterable[Record],
    target: IO[bytes] | Path,
    *,
    lang: Language = "da",
    labels: Mapping[str, str] | None = None,
    source_note: str | None = None,
    timestamp: datetime | None = None,
) -> int:
    """Write the records as an .xlsx workbook to a path (atomically) or a binary stream.

    Sheets and columns carry the labels of :mod:`erhverv_cli.labels` in ``lang``; ``labels``
    overrides any of them by key. ``source_note`` becomes the first line of the source sheet.
    ``timestamp`` is the document's created/modified date, :data:`DEFAULT_TIMESTAMP` unless given.
    Returns the number of cases.
    """
    cases = list(records)
    names = _Names(lang, labels or {})
    workbook = Workbook(write_only=True)
    detail_rows = _detail_start_rows(cases)
    links = {"id": detail_rows, "title": detail_rows}
    rows = [[_case_value(c, k) for k in CASE_COLUMNS] for c in cases]
    _write_table(workbook, "cases", CASE_COLUMNS, rows, names, links=links)
    _write_details(workbook, cases, names)
    for sheet, column, fields in FACET_SHEETS:
        keys = ("case_number", "case_id", column, *(("role",) if fields[0][1] else ()))
        _write_table(workbook, sheet, keys, list(_facet_rows(cases, fields, names)), names)
    figures = list(_child_rows(cases, "key_figures", FIGURE_COLUMNS))
    _write_table(workbook, "key_figures", FIGURE_COLUMNS, figures, names)
    funding = list(_child_rows(cases, "funding", FUNDING_COLUMNS))
    _write_table(workbook, "funding", FUNDING_COLUMNS, funding, names)
    sources = [[_case_value(case, key) for key in SOURCE_COLUMNS] for case in cases]
    _write_table(workbook, "source", SOURCE_COLUMNS, sources, names, note=source_note)
    _save(workbook, target, timestamp or DEFAULT_TIMESTAMP)
    return len(cases)


class _Names:
    """Sheet and column names by key: the labels of one language, with the caller's overrides."""

    def __init__(self, lang: Language, overrides: Mapping[str, str]) -> None:
        self.lang, self.overrides = lang, overrides

    def __getitem__(self, key: str) -> str:
        return self.overrides.get(key) or label(key, self.lang)

    def sheet(self, key: str) -> str:
        """A sheet's name, quoted for a link's location ('Detaljer'!A2)."""
        return "'" + self[key].replace("'", "''") + "'"


# -- values ------------------------------------------------------------------------------------


def _joined(values: Any) -> str | None:
    return "; ".join(str(v) for v in values) if values else None


def _staff_text(staff: Mapping[str, Any] | None) -> str | None:
    """'ca. 6-8 (konsulenter)': the headcount as the source gives it."""
    if not staff:
        return None
    count = "-".join(str(n) for n in (staff["count"], staff.get("count_max")) if n is not None)
    roles = f" ({', '.join(staff['roles'])})" if staff.get("roles") else ""
    return ("ca. " if staff.get("approximate") else "") + count + roles


def _source_value(source: Mapping[str, Any], key: str) -> Any:
    pages = source.get("pages") or {}
    if key == "source_pages":
        return None if not pages else "-".join(dict.fromkeys((str(pages["first"]), str(pages["last"]))))
    if key in ("source_first_page", "source_last_page"):
        return pages.get(key.split("_")[1])
    return source.get(key.removeprefix("source_"))


def _case_value(case: Record, key: str) -> Any:
    """The value shown for a column or Details field: lists joined, nested values flattened."""
    key = {"case_number": "number", "case_id": "id"}.get(key, key)
    value = case.get(key)
    if key.startswith("source_"):
        return _source_value(case.get("source") or {}, key)
    if key == "evaluation_status":
        return (case.get("evaluation") or {}).get("status")
    if key == "staff":
        return _staff_text(value)
    if key == "evaluation" and value:
        parts = [value.get("status"), value.get("by"), value.get("year"), value.get("note")]
        return "; ".join(str(part) for part in parts if part is not None)
    if key == "partners" and value:
        return "\n".join(p["name"] + (f" – {p['role']}" if p.get("role") else "") for p in value)
    if key == "user_voice" and value:
        people = (", ".join(filter(None, (v.get("person"), v.get("role"), v.get("company")))) for v in value)
        return "\n".join(
            f"{who}: {v['says']}" if who else v["says"] for who, v in zip(people, value, strict=True)
        )
    return _joined(value) if isinstance(value, list) else value


def _facet_rows(
    cases: Sequence[Record], fields: Sequence[tuple[str, str | None]], names: _Names
) -> Iterator[list[Any]]:
    for case in cases:
        for field, role in fields:
            for value in case.get(field) or []:
                row = [case.get("number"), case["id"], value]
                yield [*row, names[role]] if role else row


def _child_rows(cases: Sequence[Record], field: str, columns: Sequence[str]) -> Iterator[list[Any]]:
    for case in cases:
        for item in case.get(field) or []:
            yield [case.get("number"), case["id"], *(item.get(key) for key in columns[2:])]


def _safe_text(value: str) -> str:
    text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    return text if len(text) <= _MAX_CELL_TEXT else text[: _MAX_CELL_TEXT - 1] + "…"


def _cell(sheet: WriteOnlyWorksheet, value: Any, number_format: str | None = None) -> Cell:
    """A cell holding the value as a number, a boolean or plain text, never a formula."""
    if isinstance(value, str):
        value = _safe_text(value)
        cell = WriteOnlyCell(sheet, value)
        if value.startswith(_FORMULA_STARTS):
            cell.data_type = "s"  # openpyxl made "=…" a formula
            cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
        return cell
    cell = WriteOnlyCell(sheet, value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if number_format == "#,##0" and not float(value).is_integer():
            number_format = "#,##0.0##"  # "2.5 timer", not "3"
        cell.number_format = number_format or ("0" if isinstance(value, int) else "General")
    return cell


# -- sheets ------------------------------------------------------------------------------------


def _widths(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[float]:
    """Column widths in characters from the longest line in each column, within bounds."""
    widths = [len(header) + 3 for header in headers]  # room for the autofilter button
    for row in rows:
        for index, value in enumerate(row):
            if value is not None:
                longest = max((len(line) for line in str(value).splitlines()), default=0)
                widths[index] = max(widths[index], longest + 2)
    return [float(min(max(width, _MIN_WIDTH), _MAX_WIDTH)) for width in widths]


def _write_table(
    workbook: Workbook,
    title: str,
    keys: Sequence[str],
    rows: Sequence[Sequence[Any]],
    names: _Names,
    *,
    note: str | None = None,
    links: Mapping[str, Sequence[int]] | None = None,
) -> None:
    """A sheet with a frozen, filtered header row; ``links`` maps a column to its Details rows."""
    sheet = workbook.create_sheet(names[title])
    headers = [names[key] for key in keys]
    header_row = 2 if note else 1
    sheet.freeze_panes = f"A{header_row + 1}"
    for index, width in enumerate(_widths(headers, rows), 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    if note:
        sheet.append([_cell(sheet, note)])
    header_cells = [_cell(sheet, header) for header in headers]
    for cell in header_cells:
        cell.font = _BOLD
    sheet.append(header_cells)
    for number, row in enumerate(rows):
        cells = [_cell(sheet, value, NUMBER_FORMATS.get(key)) for key, value in zip(keys, row, strict=True)]
        for key, targets in (links or {}).items():
            _link(cells[keys.index(key)], f"{names.sheet('details')}!A{targets[number]}")
        sheet.append(cells)
    last = f"{get_column_letter(len(keys))}{header_row + len(rows)}"
    sheet.auto_filter.ref = f"A{header_row}:{last}"


def _link(cell: Cell, location: str) -> None:
    quoted = cell.quotePrefix
    cell.style = "Hyperlink"  # a named style replaces the quote prefix too
    cell.quotePrefix = quoted
    cell.hyperlink = Hyperlink(ref="", location=location)


def _detail_fields(case: Record) -> list[tuple[str, Any]]:
    values = ((key, _case_value(case, key)) for key in DETAIL_FIELDS)
    return [(key, value) for key, value in values if value is not None and value != ""]


def _detail_start_rows(cases: Sequence[Record]) -> list[int]:
    """The row of each case's title row in "Details": header, then blocks with a blank row after."""
    rows, row = [], 2
    for case in cases:
        rows.append(row)
        row += 1 + len(_detail_fields(case)) + 1
    return rows


def _write_details(workbook: Workbook, cases: Sequence[Record], names: _Names) -> None:
    sheet = workbook.create_sheet(names["details"])
    sheet.freeze_panes = "A2"
    sheet.column_dimensions["A"].width = 26
    sheet.column_dimensions["B"].width = _DETAIL_WIDTH
    header = [_cell(sheet, names["field"]), _cell(sheet, names["value"])]
    for cell in header:
        cell.font = _BOLD
    sheet.append(header)
    row = 2
    for case_row, case in enumerate(cases, 2):
        title = [_cell(sheet, case["id"]), _cell(sheet, case["title"])]
        _link(title[0], f"{names.sheet('cases')}!A{case_row}")  # back to the case's row
        title[1].font = _BOLD
        sheet.append(title)
        row += 1
        for key, value in _detail_fields(case):
            name, cell = _cell(sheet, names[key]), _cell(sheet, value, NUMBER_FORMATS.get(key))
            name.alignment = cell.alignment = _WRAP
            lines = _line_count(value)
            if lines > 1:
                sheet.row_dimensions[row].height = min(409.0, 15.0 * lines)
            sheet.append([name, cell])
            row += 1
        sheet.append([])
        row += 1


def _line_count(value: Any) -> int:
    """Lines a value takes in the wrapped Details column; Excel does not size rows itself."""
    per_line = _DETAIL_WIDTH - 8
    return sum(max(1, math.ceil(len(line) / per_line)) for line in str(value).split("\n"))


# -- saving ------------------------------------------------------------------------------------


def _save(workbook: Workbook, target: IO[bytes] | Path, timestamp: datetime) -> None:
    if timestamp.tzinfo is not None:  # the document dates are UTC without a zone
        timestamp = timestamp.astimezone(UTC).replace(tzinfo=None)
    workbook.properties.creator = "erhverv"
    workbook.properties.created = workbook.properties.modified = timestamp
    built = io.BytesIO()
    # ExcelWriter rather than Workbook.save, which stamps "modified" with the current time.
    with zipfile.ZipFile(built, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    data = _fixed_dates(built.getvalue(), timestamp)
    if not isinstance(target, Path):
        target.write(data)
        return
    from erhverv_cli.writing import write_atomically

    write_atomically(target, lambda stream: stream.write(data))  # regular files only; atomic


def _fixed_dates(data: bytes, timestamp: datetime) -> bytes:
    """The same zip with every part dated ``timestamp`` (the earliest a zip can hold is 1980)."""
    when = max(timestamp, datetime(1980, 1, 1)).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as copy:
        for part in source.infolist():
            info = zipfile.ZipInfo(part.filename, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            copy.writestr(info, source.read(part.filename))
    return out.getvalue()
