"""The Excel export, read back with openpyxl as Excel would see it."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from erhverv_cli.validation import validate_paths
from erhverv_cli.xlsx_export import CASE_COLUMNS, write_workbook

LAST_COLUMN = get_column_letter(len(CASE_COLUMNS))  # one column a field

SHEETS = [
    "Cases", "Details", "Municipalities", "Regions", "Target groups", "Instruments", "Good practice",
    "Approaches", "Sectors", "Key figures", "Funding", "Source",
]  # fmt: skip
LONG_FORM_KEYS = [
    "municipalities", "regions", "target_groups", "instruments", "good_practice", "approaches", "sectors",
]  # fmt: skip
LONG_FORM = {
    "Municipalities": ("municipalities", "partner_municipalities"),
    "Regions": ("regions",),
    "Target groups": ("target_groups",),
    "Instruments": ("instruments",),
    "Good practice": ("good_practice",),
    "Approaches": ("approaches",),
    "Sectors": ("sectors",),
}


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    cases = validate_paths([CORPUS]).valid_cases
    return sorted((case.record() for case in cases), key=lambda record: record["number"])


@pytest.fixture(scope="module")
def book(records: list[dict[str, Any]], tmp_path_factory: pytest.TempPathFactory) -> Workbook:
    target = tmp_path_factory.mktemp("xlsx") / "cases.xlsx"
    assert write_workbook(records, target, lang="en", source_note="Exported by erhverv for a test") == 18
    return load_workbook(target)


def _column(sheet: Worksheet, header: str, header_row: int = 1) -> list[Any]:
    headers = [cell.value for cell in sheet[header_row]]
    index = headers.index(header) + 1
    return [sheet.cell(row, index) for row in range(header_row + 1, sheet.max_row + 1)]


def test_sheets_in_order(book: Workbook) -> None:
    assert book.sheetnames == SHEETS


def test_cases_sheet_has_a_row_per_case_under_a_frozen_filtered_header(book: Workbook) -> None:
    sheet = book["Cases"]
    assert sheet.max_row == 1 + 18
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{LAST_COLUMN}{sheet.max_row}"
    assert sheet["A1"].value == "No."
    assert sheet["N1"].value == "Target groups"
    assert sheet["A1"].font.bold
    widths = [dimension.width for dimension in sheet.column_dimensions.values()]
    assert len(widths) == sheet.max_column and all(6 <= width <= 60 for width in widths)


def test_numbers_are_numeric_cells_with_number_formats(book: Workbook, records: list[dict[str, Any]]) -> None:
    sheet = book["Cases"]
    assert [cell.value for cell in _column(sheet, "No.")] == list(range(1, 19))
    started = [cell for cell in _column(sheet, "Started") if cell.value is not None]
    assert started and all(isinstance(cell.value, int) for cell in started)
    budgets = [cell for cell in _column(sheet, "Budget") if cell.value is not None]
    assert len(budgets) == sum(1 for record in records if "budget_dkk" in record) > 0
    assert all(isinstance(cell.value, (int, float)) and cell.number_format == "#,##0" for cell in budgets)
    fte = [cell for cell in _column(sheet, "Full-time equivalents") if cell.value is not None]
    assert fte and all(isinstance(cell.value, (int, float)) and cell.number_format == "0.0#" for cell in fte)


def test_lists_are_joined(book: Workbook, records: list[dict[str, Any]]) -> None:
    cells = _column(book["Cases"], "Instruments")
    assert [cell.value for cell in cells] == ["; ".join(record["instruments"]) for record in records]


def test_each_case_links_to_its_block_in_details(book: Workbook, records: list[dict[str, Any]]) -> None:
    cases, details = book["Cases"], book["Details"]
    for row, record in enumerate(records, 2):
        link = cases.cell(row, 2).hyperlink
        assert link is not None and cases.cell(row, 2).style == "Hyperlink"
        assert cases.cell(row, 3).hyperlink.location == link.location
        target = int(link.location.removeprefix("'Details'!A"))
        assert details.cell(target, 1).value == record["id"]
        assert details.cell(target, 2).value == record["title"]
        assert details.cell(target, 1).hyperlink.location == f"'Cases'!A{row}"  # and back
        end = next(r for r in range(target, details.max_row + 2) if details.cell(r, 1).value is None)
        fields = {details.cell(r, 1).value: details.cell(r, 2) for r in range(target + 1, end)}
        assert fields["No."].value == record["number"]
        assert fields["Background"].value == record["background"]
        assert fields["Background"].alignment.wrap_text


def test_long_form_sheets_have_a_row_per_value(book: Workbook, records: list[dict[str, Any]]) -> None:
    for name, fields in LONG_FORM.items():
        sheet = book[name]
        expected = sum(len(record.get(field, [])) for record in records for field in fields)
        assert sheet.max_row - 1 == expected, name
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
    roles = [cell.value for cell in _column(book["Municipalities"], "Role")]
    assert roles.count("partner") == sum(len(r.get("partner_municipalities", [])) for r in records)
    kalundborg = [row for row in book["Municipalities"].values if row[1] == "symbiosecenter-kalundborg"]
    assert kalundborg == [
        (18, "symbiosecenter-kalundborg", "Kalundborg", "lead"),
        (18, "symbiosecenter-kalundborg", "Odsherred", "partner"),
        (18, "symbiosecenter-kalundborg", "Holbæk", "partner"),
    ]


def test_key_figures_and_funding(book: Workbook, records: list[dict[str, Any]]) -> None:
    figures = book["Key figures"]
    assert figures.max_row - 1 == sum(len(record.get("key_figures", [])) for record in records)
    values = _column(figures, "Value")
    assert all(isinstance(cell.value, (int, float)) for cell in values)
    formats = {cell.number_format for cell in values if not float(cell.value).is_integer()}
    assert formats == {"#,##0.0##"}  # 2.5 shows as 2.5, and 50 as 50 (not "50.")
    assert {cell.number_format for cell in values if float(cell.value).is_integer()} == {"#,##0"}
    assert all(isinstance(cell.value, bool) for cell in _column(figures, "Approximate"))
    years = [cell.value for cell in _column(figures, "Year") if cell.value is not None]
    assert years and all(isinstance(year, int) for year in years)
    funding = book["Funding"]
    assert funding.max_row - 1 == sum(len(record.get("funding", [])) for record in records)
    amounts = [cell.value for cell in _column(funding, "Amount (DKK)") if cell.value is not None]
    assert amounts and all(isinstance(amount, (int, float)) for amount in amounts)


def test_source_sheet_starts_with_the_note(book: Workbook) -> None:
    sheet = book["Source"]
    assert sheet["A1"].value == "Exported by erhverv for a test"
    assert sheet["A2"].value == "Case no."
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == "A2:H20"
    assert sheet["C3"].value == "Katalog over god praksis i kommunal erhvervsfremme"
    assert sheet["E3"].value == 2014


def test_text_that_looks_like_a_formula_stays_text(records: list[dict[str, Any]]) -> None:
    hostile = dict(records[0], id="hostile", title='=HYPERLINK("http://x")', summary="+1")
    hostile.update(operator="@SUM(A1)", sectors=["-2+3", "\tcmd"], content="bell\x07 and \x1b[31m")
    target = io.BytesIO()
    write_workbook([hostile], target, lang="en")
    book = load_workbook(io.BytesIO(target.getvalue()))
    cases = book["Cases"]
    row = {header.value: cell for header, cell in zip(cases[1], cases[2], strict=True)}
    for header, text in [("Title", hostile["title"]), ("Summary", "+1"), ("Operator", "@SUM(A1)")]:
        assert row[header].value == text and row[header].data_type == "s", header
        assert row[header].quotePrefix, header
    assert row["Title"].hyperlink is not None  # the link survives the quote prefix
    assert [cell.value for cell in _column(book["Sectors"], "Sector")] == ["-2+3", "\tcmd"]
    details = [cell.value for cell in book["Details"]["B"]]
    assert "bell\ufffd and \ufffd[31m" in details
    with zipfile.ZipFile(io.BytesIO(target.getvalue())) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/sheet")]
        assert all(b"<f>" not in archive.read(name) for name in sheets)


def test_no_records_give_headers_only(tmp_path: Path) -> None:
    target = tmp_path / "empty.xlsx"
    assert write_workbook([], target, lang="en") == 0
    book = load_workbook(target)
    assert book.sheetnames == SHEETS
    for name in SHEETS:
        assert book[name].max_row == 1, name
    assert book["Cases"].auto_filter.ref == f"A1:{LAST_COLUMN}1"


def test_labels_override_headers(records: list[dict[str, Any]]) -> None:
    target = io.BytesIO()
    overrides = {"title": "Case title", "case_id": "Case", "instruments": "Means", "nonsense": "x"}
    write_workbook(records[:1], target, lang="en", labels=overrides)
    book = load_workbook(io.BytesIO(target.getvalue()))
    assert book["Cases"]["C1"].value == "Case title"
    assert book["Means"]["B1"].value == "Case"
    assert book["Cases"]["F1"].value == "Municipalities"  # the others keep their labels


def test_danish_by_default_with_the_labels_of_every_other_view(records: list[dict[str, Any]]) -> None:
    """Sheets and columns are named as show, compare and stats name the fields (erhverv_cli.labels)."""
    from erhverv_cli.labels import label

    target = io.BytesIO()
    write_workbook(records, target)
    book = load_workbook(io.BytesIO(target.getvalue()))
    expected = ["cases", "details", *LONG_FORM_KEYS, "key_figures", "funding", "source"]
    assert book.sheetnames == [label(key) for key in expected]
    assert book.sheetnames[:3] == ["Cases", "Detaljer", "Kommuner"]
    cases = book["Cases"]
    assert [cell.value for cell in cases[1]][:4] == ["Nr.", "Id", "Titel", "Engelsk titel"]
    assert cases["B2"].hyperlink.location == "'Detaljer'!A2"
    roles = {row[3] for row in book["Kommuner"].iter_rows(min_row=2, values_only=True)}
    assert roles == {"hovedkommune", "partnerkommune"}


def test_same_records_give_the_same_bytes(records: list[dict[str, Any]], tmp_path: Path) -> None:
    first, second = io.BytesIO(), io.BytesIO()
    write_workbook(records, first)
    write_workbook(records, second)
    assert first.getvalue() == second.getvalue()
    when = datetime(2024, 5, 17, 12, 30)
    write_workbook(records, tmp_path / "dated.xlsx", timestamp=when)
    properties = load_workbook(tmp_path / "dated.xlsx").properties
    assert properties.created == properties.modified == when
    assert [path.name for path in tmp_path.iterdir()] == ["dated.xlsx"]  # no temporary file left
