"""The index of one corpus folder, and every SQL statement that reads or writes it.

The index is a cache of the YAML files (see :mod:`.cache` for where it lives and
:mod:`.freshness` for how it is kept up to date). Without a cache (``use_cache=False``) the very
same index is built in memory, so ranking and analysis never differ between the two paths.
A cache file found damaged, when opened or while it is read, is rebuilt once with a warning.

Concurrency: readers never block; a builder takes SQLite's write lock (BEGIN IMMEDIATE) and
re-checks freshness inside it, so two processes building at once leave one correct index.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from erhverv_cli.errors import NotFoundError
from erhverv_cli.folding import fold_name
from erhverv_cli.records import CaseRecord
from erhverv_cli.search import cache, freshness, storage
from erhverv_cli.search.damage import IndexDamaged, damage_or_raise, damaged
from erhverv_cli.search.documents import COLUMNS, ENGLISH_COLUMN
from erhverv_cli.search.facets import Filters
from erhverv_cli.search.freshness import RefreshStats
from erhverv_cli.search.searching import SORTS, SearchQueries, order_by
from erhverv_cli.search.writer import IndexWriter

if TYPE_CHECKING:
    from erhverv_cli.search.thesaurus_lookup import Lookup

__all__ = ["SORTS", "CorpusIndex", "Duplicate", "IndexDamaged", "SkippedFile", "damaged", "order_by"]


# Records are read in chunks of this many rowids once the order of the rows is known.
_RECORD_CHUNK = 128
# Two rows or more, one read from the index: stepped once (by execute) and left open, it keeps the
# connection's read snapshot while a stream runs several statements.
_SNAPSHOT_GUARD = "SELECT 1 FROM docs UNION ALL VALUES (1), (1)"


@dataclass(frozen=True)
class SkippedFile:
    """A file that failed validation and is left out of the index, with its findings."""

    path: str
    findings: list[dict[str, Any]]


@dataclass(frozen=True)
class Duplicate:
    """An id or catalogue number claimed by more than one file (every file is still indexed)."""

    field: str
    value: str
    paths: tuple[str, ...]


class CorpusIndex(SearchQueries):
    """Search, filter and look up cases of one corpus folder through its index."""

    def __init__(self, connection: sqlite3.Connection, root: Path, location: Path | None) -> None:
        self.connection = connection
        self.root = root
        self.location = location
        self.warnings: list[str] = []
        self.scan_warnings: list[str] = []
        self.jobs = 0
        self.healed = False
        self.corpus: Any = None  # where the CLI found it (erhverv_cli.discovery), for footers
        self._thesaurus: Lookup | None = None

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(
        cls, root: Path, *, use_cache: bool = True, cache_dir: Path | None = None, jobs: int = 0
    ) -> CorpusIndex:
        """Open (or build) the index of a corpus folder and bring it up to date."""
        if not root.is_dir():
            raise NotFoundError(f"no corpus folder at {root}", hint="give --data-dir a folder of case files")
        warnings: list[str] = []
        if use_cache:
            cached = cls._open_cached(root, cache.cache_file_for(root, cache_dir), jobs, warnings)
            if cached is not None:
                return cached
        index = cls(storage.memory_connection(), root, None)
        index.warnings = warnings
        index.jobs = jobs
        index.refresh(jobs=jobs)
        return index

    @classmethod
    def _open_cached(cls, root: Path, location: Path, jobs: int, warnings: list[str]) -> CorpusIndex | None:
        """The index in the cache file, or None (with one warning) when the cache cannot be used."""
        broken: int | None = None
        for _attempt in range(2):
            try:
                connection, why = cache.open_cache(location, broken)
            except (OSError, sqlite3.Error) as error:
                warnings.append(
                    f"cache directory {location.parent} is not usable ({cache.reason(error)}); "
                    "working without a cache"
                )
                return None
            if why is not None and broken is None:  # a damaged file, replaced when opened
                warnings.append(
                    f"the index cache {location} was damaged ({cache.reason_text(why)}); rebuilt it"
                )
            index = cls(connection, root, location)
            index.jobs = jobs
            try:
                problem = storage.damage(index.connection)
                if problem is not None:
                    raise sqlite3.DatabaseError(problem)
                index.refresh(jobs=jobs)
            except sqlite3.Error as error:
                index.connection.close()
                if broken is not None or cache.environmental(error):
                    warnings.append(
                        f"the index cache {location} cannot be updated ({cache.reason(error)}); "
                        "working without a cache"
                    )
                    return None
                warnings.append(f"the index cache {location} was damaged ({cache.reason(error)}); rebuilt it")
                broken = cache.inode(location)  # replace this file, however much it looks like ours
                continue
            index.warnings = warnings
            return index
        return None

    def heal(self, error: BaseException) -> bool:
        """Rebuild a cache file found damaged while reading it; False when that cannot help."""
        if self.location is None or self.healed:
            return False
        self.healed = True
        self.connection.close()
        try:
            self.connection = cache.open_cache_file(self.location, cache.inode(self.location))
            self.refresh(jobs=self.jobs)
        except (OSError, sqlite3.Error):
            self.connection = storage.memory_connection()
            self.location = None
            self.refresh(jobs=self.jobs)
        self.warnings.append(f"the index cache was damaged ({cache.reason(error)}); rebuilt it")
        return True

    def close(self) -> None:
        self.connection.close()

    def display(self, relative: str) -> str:
        return str(self.root / relative)

    @property
    def writer(self) -> IndexWriter:
        """The statements that change the index (used by :mod:`.freshness`)."""
        return IndexWriter(self.connection)

    def refresh(self, jobs: int = 0) -> RefreshStats:
        """Re-read what changed on disk since the index was last brought up to date."""
        return freshness.refresh(self, jobs or self.jobs)

    # -- reading: files and the corpus -------------------------------------------------------

    def _rows(self, sql: str, parameters: Sequence[Any] = ()) -> list[Any]:
        try:
            return self.connection.execute(sql, parameters).fetchall()
        except sqlite3.DatabaseError as error:
            raise damage_or_raise(error) from error

    def skipped(self) -> list[SkippedFile]:
        """Files left out because they failed validation."""
        rows = self._rows("SELECT path, problems FROM files WHERE doc IS NULL ORDER BY path")
        return [
            SkippedFile(self.display(storage.path_of(path)), json.loads(problems)) for path, problems in rows
        ]

    def duplicates(self) -> list[Duplicate]:
        """Ids and catalogue numbers that more than one file claims."""
        out = []
        for name in ("id", "number"):
            rows = self._rows(
                f"SELECT {name}, group_concat(path, char(10)) FROM (SELECT {name}, path FROM docs "
                f"WHERE {name} IS NOT NULL ORDER BY path) GROUP BY {name} HAVING COUNT(*) > 1 ORDER BY {name}"
            )
            out += [
                Duplicate(
                    name, str(value), tuple(self.display(storage.path_of(p)) for p in paths.split("\n"))
                )
                for value, paths in rows
            ]
        return out

    def count(self, filters: Filters | None = None) -> int:
        where, parameters = self.where(filters or Filters())
        return int(self._rows(f"SELECT COUNT(*) FROM docs d WHERE {where}", parameters)[0][0])

    def file_count(self) -> int:
        return int(self._rows("SELECT COUNT(*) FROM files")[0][0])

    def terms(self) -> dict[str, int]:
        """Every index term with the number of documents it occurs in."""
        return dict(self._rows("SELECT term, docs FROM terms"))

    def average_lengths(self) -> dict[str, float]:
        """Average analysed length of each text column (for BM25 length normalisation)."""
        rows = self._rows("SELECT value FROM meta WHERE key = 'average_lengths'")
        stored = rows[0][0] if rows else None
        values = json.loads(stored) if stored else [1.0] * len(COLUMNS)
        return dict(zip(COLUMNS, values, strict=True))

    # -- reading: records ----------------------------------------------------------------------

    @staticmethod
    def where(filters: Filters) -> tuple[str, list[Any]]:
        """A WHERE clause over docs (alias d) for the filters, with its parameters."""
        clauses: list[str] = []
        parameters: list[Any] = []
        for facet, wanted in filters.facet_values():
            marks = ",".join("?" * len(wanted))
            clauses.append(f"d.rowid IN (SELECT doc FROM facets WHERE facet=? AND key IN ({marks}))")
            parameters += [facet, *(fold_name(value) for value in wanted)]
        for bound, operator in ((filters.since, ">="), (filters.until, "<=")):
            if bound is not None:
                clauses.append(f"d.started {operator} ?")
                parameters.append(bound)
        return (" AND ".join(clauses) or "1"), parameters

    def _in_order(self, keys: str, parameters: Sequence[Any]) -> Iterator[tuple[str, tuple[Any, ...]]]:
        """(stored record, key row) for each row of ``keys`` (a query whose first column is a
        rowid), in its order, streamed. Every document has its record: a row without one means
        the index is damaged (IndexDamaged), never an answer quietly short of some cases.

        The order is found on the small rows alone and the records are read afterwards, a chunk
        at a time: sorting with the records attached would carry every record (kilobytes each)
        through SQLite's sorter, even for ten rows. A guard statement, stepped once and kept open,
        holds the read snapshot, so all the statements see the same index, as one statement would.
        Damage SQLite notices on the way is IndexDamaged.
        """
        connection = self.connection
        try:
            guard = connection.execute(_SNAPSHOT_GUARD)
            try:
                cursor = connection.execute(keys, parameters)
                while chunk := cursor.fetchmany(_RECORD_CHUNK):
                    rowids = [row[0] for row in chunk]
                    texts = dict(self._by_rowid("SELECT rowid, record FROM records", rowids))
                    for row in chunk:
                        text = texts.get(row[0])
                        if text is None:
                            raise IndexDamaged(f"the record of document {row[0]} is missing")
                        yield text, row
                    texts.clear()  # before the next chunk is read: one chunk in memory at a time
            finally:
                guard.close()
        except sqlite3.DatabaseError as error:
            raise damage_or_raise(error) from error

    @staticmethod
    def decode(text: str) -> CaseRecord:
        try:
            record: CaseRecord = json.loads(text)
        except (TypeError, ValueError) as error:
            raise IndexDamaged(f"a stored record is not readable: {error}") from error
        if not isinstance(record, dict) or "id" not in record:  # JSON, but not a case: damage too
            raise IndexDamaged("a stored record is not a case")
        return record

    def records(
        self, filters: Filters | None = None, sort: str = "number", limit: int | None = None
    ) -> Iterator[CaseRecord]:
        """Records matching the filters, in order, decoded one at a time."""
        where, parameters = self.where(filters or Filters())
        sql = f"SELECT d.rowid FROM docs d WHERE {where} ORDER BY {order_by(sort)} LIMIT ?"
        for text, _key in self._in_order(sql, [*parameters, -1 if limit is None else limit]):
            yield self.decode(text)

    def records_for(self, rowids: Sequence[int]) -> dict[int, CaseRecord]:
        """Records by rowid."""
        return {
            rowid: self.decode(text)
            for rowid, text in self._by_rowid("SELECT rowid, record FROM records", rowids)
        }

    def _by_rowid(self, select: str, rowids: Sequence[int]) -> list[tuple[Any, ...]]:
        # In chunks: a statement may bind only so many parameters.
        rows: list[tuple[Any, ...]] = []
        for start in range(0, len(rowids), 500):
            chunk = rowids[start : start + 500]
            rows += self._rows(f"{select} WHERE rowid IN ({','.join('?' * len(chunk))})", chunk)
        return rows

    def paths_of(self, rowids: Sequence[int]) -> list[str]:
        """The files of documents, as shown to people, in the order given."""
        paths = dict(self._by_rowid("SELECT rowid, path FROM docs", rowids))
        return [self.display(storage.path_of(paths[rowid])) for rowid in rowids if rowid in paths]

    def numbers_for(self, rowids: Sequence[int]) -> dict[int, float]:
        """Catalogue numbers by rowid; a case without one gets 1e9, so it sorts last."""
        return dict(self._by_rowid("SELECT rowid, COALESCE(number, 1e9) FROM docs", rowids))

    def rowids(self, column: str, value: Any) -> list[int]:
        """The documents whose id or number is ``value``, in path order."""
        if column not in ("id", "number"):
            raise ValueError(column)
        return [
            row[0] for row in self._rows(f"SELECT rowid FROM docs WHERE {column}=? ORDER BY path", (value,))
        ]

    def ids_and_titles(self) -> list[tuple[str, str, int | None]]:
        """(id, title, number) of every case, in catalogue order."""
        return [
            tuple(row)
            for row in self._rows(f"SELECT id, title, number FROM docs d ORDER BY {order_by('number')}")
        ]

    def facet_values(self, facet: str) -> list[str]:
        """The distinct values of a facet in the corpus."""
        return [
            row[0]
            for row in self._rows("SELECT DISTINCT value FROM facets WHERE facet=? ORDER BY value", (facet,))
        ]

    def docs_with(self, facet: str, value: str, excluding: int | None = None) -> list[int]:
        rows = self._rows(
            "SELECT f.doc FROM facets f JOIN docs d ON d.rowid = f.doc WHERE f.facet=? AND f.value=? "
            f"AND f.doc IS NOT ? ORDER BY {order_by('number')}",
            (facet, value, excluding),
        )
        return [row[0] for row in rows]

    def facets_of(self, rowid: int) -> list[tuple[str, str]]:
        return [tuple(row) for row in self._rows("SELECT facet, value FROM facets WHERE doc=?", (rowid,))]

    def facet_counts(self, facets: Sequence[str], filters: Filters) -> list[tuple[Any, ...]]:
        """Cases per combination of values of one or more facets (a case without a value counts
        under None), among the cases the filters select: (value, …, count) rows."""
        where, parameters = self.where(filters)
        joins, columns = [], []
        for position in range(len(facets)):
            joins.append(
                f"LEFT JOIN facets f{position} ON f{position}.doc = d.rowid AND f{position}.facet = ?"
            )
            columns.append(f"f{position}.value")
        sql = (
            f"SELECT {', '.join(columns)}, COUNT(DISTINCT d.rowid) FROM docs d {' '.join(joins)} "
            f"WHERE {where} GROUP BY {', '.join(columns)}"
        )
        return self._rows(sql, [*facets, *parameters])

    def doc_terms_by_language(self, rowid: int) -> tuple[set[str], set[str]]:
        """The distinct analysed terms of a document: the Danish columns', and the English one's."""
        row = self._rows(f"SELECT {', '.join(COLUMNS)} FROM fts WHERE rowid=?", (rowid,))
        danish: set[str] = set()
        english: set[str] = set()
        for name, text in zip(COLUMNS, row[0] if row else (), strict=False):
            (english if name == ENGLISH_COLUMN else danish).update(text.split())
        return danish, english

    def facet_rows(self, docs: Sequence[int], facets: Sequence[str]) -> list[tuple[int, str, str]]:
        """(doc, facet, value) of some facets of some documents."""
        marks = ",".join("?" * len(facets))
        rows: list[tuple[int, str, str]] = []
        for start in range(0, len(docs), 500):
            chunk = list(docs[start : start + 500])
            sql = (
                f"SELECT doc, facet, value FROM facets WHERE facet IN ({marks}) "
                f"AND doc IN ({','.join('?' * len(chunk))})"
            )
            rows += [(int(d), str(f), str(v)) for d, f, v in self._rows(sql, [*facets, *chunk])]
        return rows

    def facet_document_counts(self, facets: Sequence[str]) -> dict[tuple[str, str], int]:
        """How many documents have each value of some facets."""
        marks = ",".join("?" * len(facets))
        sql = (
            f"SELECT facet, value, COUNT(DISTINCT doc) FROM facets WHERE facet IN ({marks}) "
            "GROUP BY facet, value"
        )
        return {(str(f), str(v)): int(n) for f, v, n in self._rows(sql, list(facets))}

    def docs_sharing(self, pairs: Sequence[tuple[str, str, float]], excluding: int, limit: int) -> list[int]:
        """The documents sharing the most (weighted) facet values with a list of (facet, value,
        weight), best first: candidates for `similar` that scale to large corpora."""
        if not pairs:
            return []
        values = ", ".join("(?, ?, ?)" for _ in pairs)
        sql = (
            f"WITH mine(facet, value, weight) AS (VALUES {values}) "
            "SELECT f.doc FROM facets f JOIN mine m ON m.facet = f.facet AND m.value = f.value "
            "WHERE f.doc != ? GROUP BY f.doc ORDER BY SUM(m.weight) DESC, f.doc LIMIT ?"
        )
        return [int(row[0]) for row in self._rows(sql, [*(x for p in pairs for x in p), excluding, limit])]

    def doc_terms(self, rowid: int) -> list[str]:
        """The analysed terms of a document, all columns, with repeats."""
        row = self._rows(f"SELECT {', '.join(COLUMNS)} FROM fts WHERE rowid=?", (rowid,))
        return [term for column in (row[0] if row else ()) for term in column.split()]

    def term_documents(self, terms: Sequence[str]) -> dict[str, int]:
        """How many documents hold each term."""
        found: dict[str, int] = {}
        for start in range(0, len(terms), 500):
            chunk = list(terms[start : start + 500])
            found.update(
                self._rows(
                    f"SELECT term, docs FROM terms WHERE term IN ({','.join('?' * len(chunk))})", chunk
                )
            )
        return found
