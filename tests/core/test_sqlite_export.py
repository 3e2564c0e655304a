"""The SQLite export: its structure with sqlite3, and as Datasette and sqlite-utils read it."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from conftest import CORPUS
from reading_exports import datasette, needs_datasette

from erhverv_cli.sqlite_export import FTS_COLUMNS, write_database
from erhverv_cli.validation import validate_paths

LINKS = {
    "cases_municipalities": (
        "municipalities",
        "municipality_id",
        ("municipalities", "partner_municipalities"),
    ),
    "cases_regions": ("regions", "region_id", ("regions",)),
    "cases_target_groups": ("target_groups", "target_group_id", ("target_groups",)),
    "cases_sectors": ("sectors", "sector_id", ("sectors",)),
    "cases_instruments": ("instruments", "instrument_id", ("instruments",)),
    "cases_good_practice": ("good_practice", "good_practice_id", ("good_practice",)),
    "cases_approaches": ("approaches", "approach_id", ("approaches",)),
}
CHILDREN = {
    "key_figures": "key_figures",
    "funding": "funding",
    "partners": "partners",
    "user_voices": "user_voice",
}


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    cases = validate_paths([CORPUS]).valid_cases
    return sorted((case.record() for case in cases), key=lambda record: record["number"])


@pytest.fixture(scope="module")
def database(records: list[dict[str, Any]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("sqlite") / "erhverv.db"
    assert write_database(iter(records), target) == 18
    return target


@pytest.fixture
def db(database: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(database)
    yield connection
    connection.close()


def _tables(db: sqlite3.Connection) -> set[str]:
    rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'cases_fts%'")
    return {name for (name,) in rows}


def _count(db: sqlite3.Connection, table: str) -> int:
    return int(db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])


def test_tables(db: sqlite3.Connection) -> None:
    lookups = {lookup for lookup, _, _ in LINKS.values()}
    assert _tables(db) == {"cases", *LINKS, *lookups, *CHILDREN}


def test_cases_table_has_a_text_key_typed_columns_and_no_lists(db: sqlite3.Connection) -> None:
    columns = {name: (kind, pk) for _, name, kind, _, _, pk in db.execute("PRAGMA table_info(cases)")}
    assert columns["id"] == ("TEXT", 1)
    assert [name for name, (_, pk) in columns.items() if pk] == ["id"]
    for name, kind in [("number", "INTEGER"), ("started", "INTEGER"), ("budget_dkk", "REAL")]:
        assert columns[name][0] == kind
    assert columns["staff_fte"][0] == "REAL" and columns["staff_count"][0] == "INTEGER"
    assert not {"municipalities", "instruments", "sectors", "regions", "key_figures"} & set(columns)
    assert _count(db, "cases") == 18
    row = db.execute(
        "SELECT number, type, started, decided FROM cases WHERE id = 'symbiosecenter-kalundborg'"
    )
    assert row.fetchone() == (18, "erhvervsudvikling", None, 2011)  # decided in 2011; no start is given


def _leaves(value: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, Any]]:
    """Every value of a record that is not a list, by its path joined with '_'."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif not isinstance(value, list):
        yield "_".join(path), value


def test_every_value_of_a_case_that_is_not_a_list_is_a_column(
    db: sqlite3.Connection, records: list[dict[str, Any]]
) -> None:
    """Nothing the model holds is left out: the columns are made from the model (a page range's
    `estimated` included), and each holds the record's value."""
    db.row_factory = sqlite3.Row
    rows = {row["id"]: dict(row) for row in db.execute("SELECT * FROM cases")}
    for record in records:
        for column, value in _leaves(record):
            assert rows[record["id"]][column] == value, (record["id"], column)
    assert {row["source_pages_estimated"] for row in rows.values()} == {1}


def test_link_tables_have_two_foreign_keys_and_a_row_per_value(
    db: sqlite3.Connection, records: list[dict[str, Any]]
) -> None:
    for link, (lookup, column, fields) in LINKS.items():
        keys = {(row[3], row[2], row[4]) for row in db.execute(f"PRAGMA foreign_key_list({link})")}
        assert keys == {("case_id", "cases", "id"), (column, lookup, "id")}, link
        expected = sum(len(record.get(field, [])) for record in records for field in fields)
        assert _count(db, link) == expected, link
    names = {name for (name,) in db.execute("SELECT name FROM instruments")}
    assert names == {value for record in records for value in record["instruments"]}
    roles = dict(db.execute("SELECT role, count(*) FROM cases_municipalities GROUP BY role").fetchall())
    leads = sum(len(r["municipalities"]) for r in records)
    partners = sum(len(set(r.get("partner_municipalities", [])) - set(r["municipalities"])) for r in records)
    assert roles == {"lead": leads, "partner": partners}
    region = (
        "SELECT r.name FROM municipalities m JOIN regions r ON r.id = m.region_id WHERE m.name = 'Holbæk'"
    )
    assert db.execute(region).fetchone() == ("Region Sjælland",)


def test_child_tables(db: sqlite3.Connection, records: list[dict[str, Any]]) -> None:
    for table, field in CHILDREN.items():
        keys = [(row[3], row[2], row[4]) for row in db.execute(f"PRAGMA foreign_key_list({table})")]
        assert keys == [("case_id", "cases", "id")], table
        assert _count(db, table) == sum(len(record.get(field, [])) for record in records), table
    assert _count(db, "key_figures") == sum(len(r.get("key_figures", [])) for r in records)
    kinds = db.execute("SELECT DISTINCT typeof(value), typeof(approximate) FROM key_figures").fetchall()
    assert set(kinds) <= {("real", "integer")}
    assert db.execute("SELECT DISTINCT approximate FROM key_figures ORDER BY 1").fetchall() == [(0,), (1,)]


def test_foreign_keys_hold_and_are_indexed(db: sqlite3.Connection) -> None:
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    for table in _tables(db):
        indexed = {
            db.execute(f"PRAGMA index_info('{index}')").fetchone()[2]
            for _, index, *_ in db.execute(f"PRAGMA index_list('{table}')")
        }
        for row in db.execute(f"PRAGMA foreign_key_list('{table}')"):
            assert row[3] in indexed, f"{table}.{row[3]}"


def test_full_text_search_finds_and_its_triggers_follow_changes(database: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    shutil.copy(database, copy)
    with closing(sqlite3.connect(copy)) as db:
        search = "SELECT id FROM cases WHERE rowid IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH ?)"
        assert db.execute(search, ["symbiose"]).fetchall() == [("symbiosecenter-kalundborg",)]
        assert db.execute(search, ["residual"]).fetchall() == [("symbiosecenter-kalundborg",)]
        db.execute("UPDATE cases SET title = 'Hjortevildt' WHERE id = 'animation-viborg'")
        assert db.execute(search, ["hjortevildt"]).fetchall() == [("animation-viborg",)]
        db.execute("INSERT INTO cases_fts(cases_fts) VALUES('integrity-check')")


def test_sqlite_utils_sees_its_own_conventions(database: Path, tmp_path: Path) -> None:
    sqlite_utils = pytest.importorskip("sqlite_utils")
    copy = tmp_path / "copy.db"
    shutil.copy(database, copy)
    db = sqlite_utils.Database(copy)
    assert db["cases"].detect_fts() == "cases_fts"
    schema = db.schema
    # enable_fts with replace=True leaves an index alone only when it is exactly what it would write.
    db["cases"].enable_fts(FTS_COLUMNS, create_triggers=True, replace=True)
    assert db.schema == schema
    assert [row["id"] for row in db["cases"].search("symbiose")] == ["symbiosecenter-kalundborg"]


def test_replaces_the_target_and_leaves_it_alone_on_failure(
    records: list[dict[str, Any]], tmp_path: Path
) -> None:
    target = tmp_path / "out.db"
    target.write_bytes(b"old")
    assert write_database(records[:2], target) == 2
    with closing(sqlite3.connect(target)) as db:
        assert _count(db, "cases") == 2

    def failing() -> Iterator[dict[str, Any]]:
        yield records[0]
        raise RuntimeError("broken input")

    before = target.read_bytes()
    with pytest.raises(RuntimeError):
        write_database(failing(), target)
    assert target.read_bytes() == before
    assert [path.name for path in tmp_path.iterdir()] == ["out.db"]


def test_no_records_give_empty_tables(tmp_path: Path) -> None:
    target = tmp_path / "empty.db"
    assert write_database([], target) == 0
    with closing(sqlite3.connect(target)) as db:
        assert _count(db, "cases") == _count(db, "cases_fts") == 0


def _facet(result: dict[str, Any], name: str) -> dict[Any, int]:
    return {item["label"]: item["count"] for item in result["facet_results"][name]["results"]}


@needs_datasette
def test_datasette_facets_cases_by_type(database: Path) -> None:
    result = datasette(database, "/erhverv/cases.json?_facet=type&_shape=objects")
    assert _facet(result, "type") == {"basal": 4, "fokuseret": 7, "erhvervsudvikling": 7}
    assert result["filtered_table_rows_count"] == 18
    assert {row["id"] for row in result["rows"]} >= {"symbiosecenter-kalundborg"}


@needs_datasette
def test_datasette_facets_instruments_by_name_and_filters_through_them(
    database: Path, records: list[dict[str, Any]]
) -> None:
    result = datasette(database, "/erhverv/cases_instruments.json?_facet=instrument_id&_shape=objects")
    counts = _facet(result, "instrument_id")  # labelled with instruments.name
    assert counts["matchmaking"] == sum("matchmaking" in record["instruments"] for record in records)
    with closing(sqlite3.connect(database)) as db:
        (matchmaking,) = db.execute("SELECT id FROM instruments WHERE name = 'matchmaking'").fetchone()
    through = json.dumps({"table": "cases_instruments", "column": "instrument_id", "value": str(matchmaking)})
    result = datasette(database, f"/erhverv/cases.json?_through={quote(through)}&_shape=objects")
    expected = {record["id"] for record in records if "matchmaking" in record["instruments"]}
    assert {row["id"] for row in result["rows"]} == expected


@needs_datasette
def test_datasette_searches_the_cases(database: Path) -> None:
    for word in ("symbiose", "residual"):
        result = datasette(database, f"/erhverv/cases.json?_search={word}&_shape=objects")
        assert [row["id"] for row in result["rows"]] == ["symbiosecenter-kalundborg"], word
    tables = {table["name"]: table for table in datasette(database, "/erhverv.json")["tables"]}
    assert tables["cases"]["fts_table"] == "cases_fts"
    assert tables["cases_fts"]["hidden"]


def test_two_cases_with_one_id_are_refused_as_invalid_data(
    records: list[dict[str, Any]], tmp_path: Path
) -> None:
    """validate refuses a repeated id; the query commands show both; a database keyed by id says why
    it cannot hold them, and leaves no file behind."""
    from erhverv_cli.errors import InvalidDataError

    twin = dict(records[1], id=records[0]["id"])
    target = tmp_path / "cases.sqlite"
    with pytest.raises(InvalidDataError, match=f"two case files have the id '{records[0]['id']}'") as raised:
        write_database([records[0], twin], target)
    assert raised.value.exit_code == 1
    assert list(tmp_path.iterdir()) == []
