"""The statements that change an index: what :mod:`.freshness` calls to bring it up to date."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from erhverv_cli.search import storage
from erhverv_cli.search.documents import COLUMNS
from erhverv_cli.search.freshness import FileStat


class IndexWriter:
    """Writes into one index connection; every change runs inside :meth:`writing`."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    # -- writing (for freshness) -------------------------------------------------------------

    @contextmanager
    def writing(self) -> Iterator[None]:
        """One write transaction; the consistency marks are written with it."""
        with storage.immediate_transaction(self.connection):
            yield
            storage.write_marks(self.connection)

    def _meta(self, key: str) -> str | None:
        row = self.connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def _set_meta(self, key: str, value: str | None) -> None:
        if value is None:
            self.connection.execute("DELETE FROM meta WHERE key = ?", (key,))
        else:
            self.connection.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def stored_signature(self) -> str | None:
        return self._meta("scan")

    def store_signature(self, signature: str | None) -> None:
        self._set_meta("scan", signature)

    def set_file_count(self, count: int) -> None:
        self._set_meta("files", str(count))

    def known_files(self) -> dict[str, tuple[Any, ...]]:
        """Relative path → (size, mtime_ns, ctime_ns, inode, digest) as last indexed."""
        rows = self.connection.execute("SELECT path, size, mtime_ns, ctime_ns, inode, digest FROM files")
        path_of = storage.path_of
        return {path_of(row[0]): tuple(row[1:]) for row in rows}

    def begin_bulk(self) -> None:
        # FTS5 merges its segments as it goes; for many documents, merging once at the end
        # (optimize, in after_writing) is cheaper and leaves one segment for queries to read.
        self.connection.execute("INSERT INTO fts(fts, rank) VALUES ('automerge', 0)")
        self.connection.execute("INSERT INTO fts(fts, rank) VALUES ('crisismerge', 64)")

    def update_stat(self, path: str, info: FileStat) -> None:
        self.connection.execute(
            "UPDATE files SET size=?, mtime_ns=?, ctime_ns=?, inode=? WHERE path=?",
            (*info[:4], storage.path_key(path)),
        )

    def forget(self, path: str, terms: bool) -> None:
        connection = self.connection
        path = storage.path_key(path)
        row = connection.execute("SELECT doc FROM files WHERE path=?", (path,)).fetchone()
        if row and row[0] is not None:
            doc = row[0]
            if terms:
                texts = connection.execute(
                    f"SELECT {', '.join(COLUMNS)} FROM fts WHERE rowid=?", (doc,)
                ).fetchone()
                distinct = {(t,) for text in texts or () for t in text.split()}
                connection.executemany("UPDATE terms SET docs = docs - 1 WHERE term=?", distinct)
                connection.execute("DELETE FROM terms WHERE docs <= 0")
            for table, key in (("fts", "rowid"), ("facets", "doc"), ("docs", "rowid"), ("records", "rowid")):
                connection.execute(f"DELETE FROM {table} WHERE {key}=?", (doc,))
        connection.execute("DELETE FROM files WHERE path=?", (path,))

    def store_problem(self, path: str, info: FileStat, digest: str, problems: str) -> None:
        self.connection.execute(
            "INSERT INTO files(path, size, mtime_ns, ctime_ns, inode, digest, doc, problems) "
            "VALUES (?,?,?,?,?,?,NULL,?)",
            (storage.path_key(path), *info[:4], digest, problems),
        )

    def store(self, path: str, info: FileStat, digest: str, doc: Sequence[Any], terms: bool) -> None:
        connection = self.connection
        path = storage.path_key(path)
        case_id, number, title, title_key, case_type, type_order, started, record, lengths, texts, rows = doc
        cursor = connection.execute(
            f"INSERT INTO docs(id, number, title, title_key, type, type_order, started, path, "
            f"{', '.join('len_' + name for name in COLUMNS)}) VALUES (?,?,?,?,?,?,?,?{', ?' * len(COLUMNS)})",
            (case_id, number, title, title_key, case_type, type_order, started, path, *lengths),
        )
        rowid = cursor.lastrowid
        connection.execute("INSERT INTO records(rowid, record) VALUES (?, ?)", (rowid, record))
        connection.execute(
            f"INSERT INTO fts(rowid, {', '.join(COLUMNS)}) VALUES (?{', ?' * len(COLUMNS)})", (rowid, *texts)
        )
        connection.executemany(
            "INSERT INTO facets(doc, facet, value, key) VALUES (?,?,?,?)", [(rowid, *row) for row in rows]
        )
        connection.execute(
            "INSERT INTO files(path, size, mtime_ns, ctime_ns, inode, digest, doc, problems) "
            "VALUES (?,?,?,?,?,?,?,NULL)",
            (path, *info[:4], digest, rowid),
        )
        if terms:
            distinct = {(t,) for text in texts for t in text.split()}
            connection.executemany(
                "INSERT INTO terms(term, docs) VALUES (?, 1) ON CONFLICT(term) DO UPDATE SET docs = docs + 1",
                distinct,
            )

    def after_writing(self, bulk: bool) -> None:
        """Keep what queries read in one place up to date: the term table and the average lengths."""
        connection = self.connection
        if bulk:
            connection.execute("INSERT INTO fts(fts) VALUES ('optimize')")
            connection.execute("DELETE FROM terms")
            connection.execute("INSERT INTO terms(term, docs) SELECT term, doc FROM vocab")
            connection.execute("INSERT INTO fts(fts, rank) VALUES ('automerge', 4)")  # FTS5's defaults
            connection.execute("INSERT INTO fts(fts, rank) VALUES ('crisismerge', 16)")
        averages = connection.execute(
            f"SELECT {', '.join(f'AVG(len_{name})' for name in COLUMNS)} FROM docs"
        ).fetchone()
        self._set_meta("average_lengths", json.dumps([float(value or 1.0) or 1.0 for value in averages]))
