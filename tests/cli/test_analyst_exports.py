"""`erhverv export` as analysts use it, read back by their own tools: the workbook with openpyxl, the
database with Datasette and sqlite-utils, CSV for Danish Excel with the csv module as Excel reads it
(BOM, ';', decimal commas), all through the command line and with find's filters."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, invoke
from reading_exports import CASES, datasette, needs_datasette, of_type
from typer.testing import CliRunner

from erhverv_cli.cli import app
from erhverv_cli.geography import regions_of

openpyxl = pytest.importorskip("openpyxl")


def _export(runner: CliRunner, *arguments: str) -> Any:
    result = invoke(runner, "export", *arguments, "--data-dir", str(CORPUS))
    assert result.exit_code == 0, result.stderr
    return result


def test_the_workbook_holds_what_the_filters_select(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "fokuseret.xlsx"
    result = _export(runner, "--type", "fokuseret", "--output", str(target))
    assert result.stderr.strip() == f"wrote {target} (7 cases, xlsx)"
    book = openpyxl.load_workbook(target)
    sheet = book["Cases"]
    header = [cell.value for cell in sheet[1]]
    ids = [row[header.index("Id")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(ids) == sorted(case["id"] for case in of_type("fokuseret"))
    numbers = [row[header.index("Nr.")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert all(isinstance(number, int) for number in numbers)  # numbers as numbers, for sorting and pivots
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref


def test_the_workbook_in_english(runner: CliRunner, tmp_path: Path) -> None:
    danish, english, from_env = tmp_path / "da.xlsx", tmp_path / "en.xlsx", tmp_path / "env.xlsx"
    _export(runner, "--output", str(danish))
    _export(runner, "--lang", "en", "--output", str(english))
    result = runner.invoke(
        app, ["export", "--output", str(from_env), "--data-dir", str(CORPUS)], env={"ERHVERV_LANG": "en"}
    )
    assert result.exit_code == 0, result.stderr
    assert openpyxl.load_workbook(danish).sheetnames[:3] == ["Cases", "Detaljer", "Kommuner"]
    assert openpyxl.load_workbook(english).sheetnames[:3] == ["Cases", "Details", "Municipalities"]
    assert openpyxl.load_workbook(from_env).sheetnames == openpyxl.load_workbook(english).sheetnames


def test_a_language_that_is_not_offered_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    result = invoke(runner, "export", "--lang", "fr", "--output", str(tmp_path / "x.xlsx"))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "erhverv: error: --lang: unknown value 'fr'"
    assert not (tmp_path / "x.xlsx").exists()


def test_csv_for_danish_excel(runner: CliRunner) -> None:
    raw = runner.invoke(
        app,
        ["export", "--format", "csv", "--excel", "--data-dir", str(CORPUS)],
    ).stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbf")  # the byte-order mark that makes Excel read UTF-8
    text = raw.decode("utf-8-sig")
    assert "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    assert len(rows) == len(CASES)
    assert rows[0]["title"] and "ø" in "".join(row["title"] for row in rows)
    by_id = {row["id"]: row for row in rows}
    fractional = [
        case for case in CASES if isinstance(case.get("staff_fte"), float) and case["staff_fte"] % 1
    ]
    assert fractional, "the corpus has a fractional staff_fte to check decimal commas with"
    for case in fractional:
        assert by_id[case["id"]]["staff_fte"] == str(case["staff_fte"]).replace(".", ",")


def _in_region(region: str) -> set[str]:
    """The cases whose lead municipalities lie in a region, from the case files themselves."""
    return {case["id"] for case in CASES if region in regions_of(case["municipalities"])}


def test_plain_csv_is_rfc_4180(runner: CliRunner) -> None:
    raw = runner.invoke(
        app,
        ["export", "--format", "csv", "--region", "Sjaelland", "--data-dir", str(CORPUS)],
    ).stdout_bytes
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") >= 3 and b",id," in raw.split(b"\r\n")[0]
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert {row["id"] for row in rows} == _in_region("Region Sjælland")


@needs_datasette
def test_datasette_serves_what_the_filters_select(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "midt.sqlite"
    result = _export(runner, "--region", "Midtjylland", "--output", str(target))
    wanted = _in_region("Region Midtjylland")
    assert result.stderr.strip() == f"wrote {target} ({len(wanted)} cases, sqlite)"
    rows = datasette(target, "/midt/cases.json?_shape=objects&_size=max")["rows"]
    assert {row["id"] for row in rows} == wanted
    found = datasette(target, "/midt/cases.json?_search=klynge&_shape=objects")["rows"]
    assert found and {row["id"] for row in found} <= wanted
    facets = datasette(target, "/midt/cases.json?_facet=type&_shape=objects")["facet_results"]["type"]
    assert sum(item["count"] for item in facets["results"]) == len(wanted)


def test_sqlite_utils_reads_the_tables(runner: CliRunner, tmp_path: Path) -> None:
    sqlite_utils = pytest.importorskip("sqlite_utils")
    target = tmp_path / "cases.sqlite"
    _export(runner, "--output", str(target))
    db = sqlite_utils.Database(target)
    assert db["cases"].count == len(CASES)
    assert db["cases"].pks == ["id"]
    assert db["cases"].detect_fts() == "cases_fts"
    assert {fk.other_table for fk in db["cases_instruments"].foreign_keys} == {"cases", "instruments"}
