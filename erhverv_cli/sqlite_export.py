"""Write case records as a SQLite database laid out for Datasette and sqlite-utils.

Analysts open the file in Datasette (or query it with SQL), so it follows the conventions those
tools detect rather than any of our own:

- lists are rows, not JSON: a lookup table per facet (``instruments(id, name)``) and a link table
  ``cases_instruments(case_id, instrument_id)`` with exactly two foreign keys, the shape Datasette's
  ``?_through=`` filter and sqlite-utils' ``m2m`` use; the lookup's ``name`` column is the label
  Datasette shows for a foreign key, and the case's ``title`` is the label of a ``case_id``;
- every reference is a declared foreign key with an index, so Datasette links and facets them;
- full-text search is an FTS5 table ``cases_fts`` with ``content="cases"`` and the ``cases_ai``,
  ``cases_ad`` and ``cases_au`` triggers, written exactly as sqlite-utils' ``enable_fts`` writes
  them, which is how Datasette finds it and ``?_search=`` works on the cases table.

The index is keyed by ``cases.rowid`` (the text primary key leaves no integer one). A VACUUM may
renumber rowids; after one, rebuild it: ``INSERT INTO cases_fts(cases_fts) VALUES('rebuild')``.

The database is built in a temporary file beside the target and moved into place, so a reader
never sees half a database and a failed export leaves the old file as it was.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from erhverv_cli.geography import REGION_OF
from erhverv_cli.models import Case

Record = Mapping[str, Any]  # a CaseRecord (erhverv_cli.records), or any mapping with its keys

Column = tuple[str, str, tuple[str, ...]]  # column, SQL type, and the path to its value in a record


def _plain_type(annotation: Any) -> Any:
    """The type a field holds, without None and Annotated metadata (``Year | None`` → int)."""
    while get_origin(annotation) is Annotated or get_origin(annotation) in (Union, UnionType):
        annotation = next(arg for arg in get_args(annotation) if arg is not type(None))
    return annotation


def model_columns(model: type[BaseModel], path: tuple[str, ...] = ()) -> list[Column]:
    """A model's columns, from its fields in their order: one per value, with a nested model's
    fields flattened (evaluation.status → evaluation_status). Lists are tables of their own."""
    columns: list[Column] = []
    for name, info in model.model_fields.items():
        kind = _plain_type(info.annotation)
        if get_origin(kind) is list:
            continue
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            columns += model_columns(kind, (*path, name))
            continue
        sql = "INTEGER" if kind in (int, bool) else "REAL" if kind is float else "TEXT"
        columns.append(("_".join((*path, name)), sql, (*path, name)))
    return columns


def _list_item(model: type[BaseModel], field: str) -> type[BaseModel]:
    item: type[BaseModel] = get_args(_plain_type(model.model_fields[field].annotation))[0]
    return item


# The cases table holds every value of a case that is not a list; ``id`` is its key.
CASE_COLUMNS: tuple[Column, ...] = tuple(
    (name, "TEXT PRIMARY KEY" if name == "id" else kind, path) for name, kind, path in model_columns(Case)
)
FTS_COLUMNS: tuple[str, ...] = (
    "title", "title_en", "summary", "summary_en", "background", "content", "organisation", "results",
    "description_en",
)  # fmt: skip
# Lookup table, link table, lookup key column, and the record lists feeding it (with a role).
FACETS: tuple[tuple[str, str, str, tuple[tuple[str, str | None], ...]], ...] = (
    ("regions", "cases_regions", "region_id", (("regions", None),)),
    (
        "municipalities",
        "cases_municipalities",
        "municipality_id",
        (("municipalities", "lead"), ("partner_municipalities", "partner")),
    ),
    ("target_groups", "cases_target_groups", "target_group_id", (("target_groups", None),)),
    ("sectors", "cases_sectors", "sector_id", (("sectors", None),)),
    ("instruments", "cases_instruments", "instrument_id", (("instruments", None),)),
    ("good_practice", "cases_good_practice", "good_practice_id", (("good_practice", None),)),
    ("approaches", "cases_approaches", "approach_id", (("approaches", None),)),
)
# One-to-many tables: table, the record's list of items, and the item's columns.
CHILDREN: tuple[tuple[str, str, tuple[Column, ...]], ...] = tuple(
    (table, field, tuple(model_columns(_list_item(Case, field))))
    for table, field in (
        ("key_figures", "key_figures"), ("funding", "funding"), ("partners", "partners"),
        ("user_voices", "user_voice"),
    )
)  # fmt: skip


def write_database(records: Iterable[Record], target: Path) -> int:
    """Write the records to a new SQLite database at ``target``, replacing it atomically.

    Returns the number of cases written. The records are read once, as they come. Only a regular
    file is replaced; a link is written through (:func:`erhverv_cli.writing.regular_destination`).
    """
    from erhverv_cli.writing import regular_destination

    target = regular_destination(target)
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(handle)
    temporary = Path(name)
    try:
        connection = sqlite3.connect(temporary, isolation_level=None)
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            connection.executescript(schema_sql())
            count = _insert_all(connection, records)
            connection.executescript(fts_sql())
        finally:
            connection.close()
        _publish(temporary, target)
    except sqlite3.OperationalError as error:
        temporary.unlink(missing_ok=True)
        name = getattr(error, "sqlite_errorname", "") or ""
        if not name.startswith(("SQLITE_FULL", "SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_READONLY")):
            raise
        # A full disk or a failing device is the place's fault: one clear line, not "unexpected".
        from erhverv_cli.errors import UsageError

        reason = "the disk is full" if name.startswith("SQLITE_FULL") else str(error).lower()
        raise UsageError(
            f"cannot write {target}: {reason}", hint="choose another place, or free space and try again"
        ) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return count


def _publish(temporary: Path, target: Path) -> None:
    """Move the finished file into place with the mode a new file would get (not mkstemp's 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    temporary.chmod(target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~umask)
    os.replace(temporary, target)


def _q(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def schema_sql() -> str:
    """The tables and indexes, before any row is inserted."""
    columns = ",\n   ".join(f"{_q(name)} {kind}" for name, kind, _ in CASE_COLUMNS)
    statements = [f"CREATE TABLE {_q('cases')} (\n   {columns}\n);"]
    for lookup, link, key, fields in FACETS:
        extra = ',\n   "region_id" INTEGER REFERENCES "regions"("id")' if lookup == "municipalities" else ""
        role = ',\n   "role" TEXT' if fields[0][1] else ""
        statements += [
            f'CREATE TABLE {_q(lookup)} (\n   "id" INTEGER PRIMARY KEY,\n'
            f'   "name" TEXT NOT NULL UNIQUE{extra}\n);',
            f'CREATE TABLE {_q(link)} (\n   "case_id" TEXT NOT NULL REFERENCES "cases"("id"),\n'
            f'   {_q(key)} INTEGER NOT NULL REFERENCES {_q(lookup)}("id"){role},\n'
            f'   PRIMARY KEY ("case_id", {_q(key)})\n);',
            _index(link, key),  # case_id leads the primary key, which indexes it
        ]
        if extra:
            statements.append(_index(lookup, "region_id"))
    for table, _, child_columns in CHILDREN:
        columns = "".join(f",\n   {_q(name)} {kind}" for name, kind, _ in child_columns)
        statements += [
            f'CREATE TABLE {_q(table)} (\n   "id" INTEGER PRIMARY KEY,\n'
            f'   "case_id" TEXT NOT NULL REFERENCES "cases"("id"){columns}\n);',
            _index(table, "case_id"),
        ]
    return "\n".join(statements) + "\n"


def _index(table: str, column: str) -> str:
    return f"CREATE INDEX {_q(f'idx_{table}_{column}')} ON {_q(table)} ({_q(column)});"


def fts_sql() -> str:
    """The search index over the inserted cases, with sqlite-utils' triggers to keep it current."""
    columns = ", ".join(_q(column) for column in FTS_COLUMNS)
    new = ", ".join(f"new.{_q(column)}" for column in FTS_COLUMNS)
    old = ", ".join(f"old.{_q(column)}" for column in FTS_COLUMNS)
    return (
        f'CREATE VIRTUAL TABLE "cases_fts" USING FTS5 (\n    {columns},\n    content="cases"\n);\n'
        f'INSERT INTO "cases_fts" (rowid, {columns})\n    SELECT rowid, {columns} FROM "cases";\n'
        f'CREATE TRIGGER "cases_ai" AFTER INSERT ON "cases" BEGIN\n'
        f'  INSERT INTO "cases_fts" (rowid, {columns}) VALUES (new.rowid, {new});\nEND;\n'
        f'CREATE TRIGGER "cases_ad" AFTER DELETE ON "cases" BEGIN\n'
        f'  INSERT INTO "cases_fts" ("cases_fts", rowid, {columns}) VALUES(\'delete\', old.rowid, {old});\n'
        f"END;\n"
        f'CREATE TRIGGER "cases_au" AFTER UPDATE ON "cases" BEGIN\n'
        f'  INSERT INTO "cases_fts" ("cases_fts", rowid, {columns}) VALUES(\'delete\', old.rowid, {old});\n'
        f'  INSERT INTO "cases_fts" (rowid, {columns}) VALUES (new.rowid, {new});\nEND;\n'
    )


def _dig(record: Mapping[str, Any], path: Sequence[str]) -> Any:
    value: Any = record
    for key in path:
        value = value.get(key) if isinstance(value, Mapping) else None
    return value


class _Lookups:
    """Ids of lookup rows, given in the order values are first seen and inserted on first sight."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.ids: dict[str, dict[str, int]] = {}

    def id(self, table: str, name: str) -> int:
        ids = self.ids.setdefault(table, {})
        if name not in ids:
            ids[name] = len(ids) + 1
            if table == "municipalities":
                region = REGION_OF.get(name)
                region_id = self.id("regions", region) if region else None
                self.connection.execute(
                    'INSERT INTO "municipalities" ("id", "name", "region_id") VALUES (?, ?, ?)',
                    (ids[name], name, region_id),
                )
            else:
                self.connection.execute(
                    f'INSERT INTO {_q(table)} ("id", "name") VALUES (?, ?)', (ids[name], name)
                )
        return ids[name]


def _insert_all(connection: sqlite3.Connection, records: Iterable[Record]) -> int:
    lookups = _Lookups(connection)
    names = ", ".join(_q(name) for name, _, _ in CASE_COLUMNS)
    marks = ", ".join("?" for _ in CASE_COLUMNS)
    count = 0
    connection.execute("BEGIN")
    for record in records:
        values = [_dig(record, path) for _, _, path in CASE_COLUMNS]
        try:
            connection.execute(f'INSERT INTO "cases" ({names}) VALUES ({marks})', values)
        except sqlite3.IntegrityError:  # the id is the key its facet and child rows refer to
            from erhverv_cli.errors import InvalidDataError

            raise InvalidDataError(
                f"two case files have the id '{record['id']}'; a database holds one case per id",
                hint="`erhverv validate` names both files; give one of them another id",
            ) from None
        _insert_facets(connection, lookups, record)
        _insert_children(connection, record)
        count += 1
    connection.execute("COMMIT")
    return count


def _insert_facets(connection: sqlite3.Connection, lookups: _Lookups, record: Record) -> None:
    for lookup, link, key, fields in FACETS:
        for field, role in fields:
            for value in record.get(field) or []:
                row: tuple[Any, ...] = (record["id"], lookups.id(lookup, value))
                if role:
                    row = (*row, role)
                marks = ", ".join("?" for _ in row)
                columns = f'"case_id", {_q(key)}' + (', "role"' if role else "")
                # OR IGNORE: a municipality named as lead and as partner keeps the lead role.
                connection.execute(f"INSERT OR IGNORE INTO {_q(link)} ({columns}) VALUES ({marks})", row)


def _insert_children(connection: sqlite3.Connection, record: Record) -> None:
    for table, field, columns in CHILDREN:
        names = ", ".join(_q(name) for name, _, _ in columns)
        marks = ", ".join("?" for _ in columns)
        for item in record.get(field) or []:
            values = [_dig(item, path) for _, _, path in columns]
            connection.execute(
                f'INSERT INTO {_q(table)} ("case_id", {names}) VALUES (?, {marks})', [record["id"], *values]
            )
