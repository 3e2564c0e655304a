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

from erhverv_cli.errors import NotFoundError, UsageError
from erhverv_cli.folding import fold_name
from erhverv_cli.records import CaseRecord
from erhverv_cli.search import cache, freshness, storage
from erhverv_cli.search.documents import COLUMNS
from erhverv_cli.search.facets import Filters
from erhverv_cli.search.freshness import RefreshStats
from erhverv_cli.search.writer import IndexWriter

if TYPE_CHECKING:
    from erhverv_cli.thesaurus import Lookup

# Orders of listed cases: SQL terms, all ending in unique ones so every order is total.
# A leading "-" in a sort key reverses its first term (cases without the value stay last).
SORTS: dict[str, tuple[str, ...]] = {
    "number": ("d.number", "d.id"),
    "id": ("d.id", "d.rowid"),
    "title": ("d.title_key", "d.id"),
    "year": ("d.started", "d.number", "d.id"),
    "type": ("d.type_order", "d.number", "d.id"),
}
_NULLABLE = frozenset({"d.number", "d.started"})


_SCORES_TABLE = (
    "CREATE TEMP TABLE IF NOT EXISTS scores(doc INTEGER PRIMARY KEY, score REAL NOT NULL, "
    "units INTEGER NOT NULL)"
)


class IndexDamaged(Exception):
    """SQLite found the index file damaged while it was read; the caller may heal and retry."""


# What SQLite says when the file under it is damaged (not when a statement is wrong).
_DAMAGE_CODES = ("SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_IOERR_SHORT_READ")
_DAMAGE_WORDS = (
    "malformed",
    "not a database",
    "no such table",
    "no such column",
    "corrupt",
    "no such fts5 table",
)


def damaged(error: sqlite3.DatabaseError) -> bool:
    """Whether an error means the index file is damaged (a programming error is not)."""
    name = getattr(error, "sqlite_errorname", "") or ""
    return name.startswith(_DAMAGE_CODES) or any(word in str(error).lower() for word in _DAMAGE_WORDS)


def _damage_or_raise(error: sqlite3.DatabaseError) -> IndexDamaged:
    if not damaged(error):
        raise error
    return IndexDamaged(str(error))


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


def order_by(sort: str) -> str:
    """The ORDER BY terms of a sort key ("year", "-year")."""
    descending = sort.startswith("-")
    terms = SORTS.get(sort.lstrip("-"))
    if terms is None:
        raise UsageError(f"unknown sort '{sort}'", hint="sorts: " + ", ".join(SORTS))
    out = []
    for position, term in enumerate(terms):
        direction = " DESC" if descending and position == 0 else ""
        nulls = f"{term} IS NULL, " if term in _NULLABLE else ""
        out.append(f"{nulls}{term}{direction}")
    return ", ".join(out)


class CorpusIndex:
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
                index = cls(cache.open_cache_file(location, broken), root, location)
            except (OSError, sqlite3.Error) as error:
                warnings.append(
                    f"cache directory {location.parent} is not usable ({cache.reason(error)}); "
                    "working without a cache"
                )
                return None
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
            raise _damage_or_raise(error) from error

    def skipped(self) -> list[SkippedFile]:
        """Files left out because they failed validation."""
        rows = self._rows("SELECT path, problems FROM files WHERE doc IS NULL ORDER BY path")
        return [SkippedFile(self.display(path), json.loads(problems)) for path, problems in rows]

    def duplicates(self) -> list[Duplicate]:
        """Ids and catalogue numbers that more than one file claims."""
        out = []
        for name in ("id", "number"):
            rows = self._rows(
                f"SELECT {name}, group_concat(path, char(10)) FROM (SELECT {name}, path FROM docs "
                f"WHERE {name} IS NOT NULL ORDER BY path) GROUP BY {name} HAVING COUNT(*) > 1 ORDER BY {name}"
            )
            out += [
                Duplicate(name, str(value), tuple(map(self.display, paths.split("\n"))))
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

    def _stream(self, sql: str, parameters: Sequence[Any]) -> Iterator[tuple[Any, ...]]:
        """Rows one by one; damage SQLite notices on the way is IndexDamaged."""
        try:
            cursor = self.connection.execute(sql, parameters)
            while row := cursor.fetchone():
                yield row
        except sqlite3.DatabaseError as error:
            raise _damage_or_raise(error) from error

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
        sql = (
            f"SELECT r.record FROM docs d JOIN records r ON r.rowid = d.rowid WHERE {where} "
            f"ORDER BY {order_by(sort)} LIMIT ?"
        )
        for (text,) in self._stream(sql, [*parameters, -1 if limit is None else limit]):
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
        return [self.display(paths[rowid]) for rowid in rowids if rowid in paths]

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
            (english if name == "english" else danish).update(text.split())
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

    # -- reading: the vocabulary, for query parsing ------------------------------------------

    def thesaurus(self) -> Lookup:
        """The domain thesaurus stored with the index (analysed when the index was made)."""
        if self._thesaurus is None:
            from erhverv_cli.thesaurus import Lookup

            rows = self._rows("SELECT value FROM meta WHERE key = 'thesaurus'")
            self._thesaurus = Lookup.from_rows(json.loads(rows[0][0]) if rows else [])
        return self._thesaurus

    def terms_with_prefix(self, prefix: str, limit: int) -> list[str]:
        """Up to ``limit`` index terms that begin with ``prefix``, the most widely used first."""
        sql = "SELECT term FROM terms WHERE term >= ? AND term < ? ORDER BY docs DESC, term LIMIT ?"
        return [row[0] for row in self._rows(sql, (prefix, prefix + "\uffff", limit))]

    def term_known(self, candidate: str, column: str = "", in_column: bool = True) -> bool:
        """Whether the index has the term: anywhere, or in (or outside) one column."""
        if not column:
            return bool(self._rows("SELECT 1 FROM terms WHERE term = ?", (candidate,)))
        operator = "=" if in_column else "!="
        sql = f"SELECT 1 FROM vocab_instance WHERE term = ? AND col {operator} ? LIMIT 1"
        return bool(self._rows(sql, (candidate, column)))

    def terms_starting(self, letter: str, shortest: int, longest: int) -> list[tuple[str, int]]:
        """(term, documents) of the terms that begin with one letter, of a length in a range."""
        return [
            tuple(row)
            for row in self._rows(
                "SELECT term, docs FROM terms WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ? "
                "ORDER BY term",
                (letter, chr(ord(letter) + 1), shortest, longest),
            )
        ]

    def terms_containing(self, part: str, shortest: int) -> list[str]:
        """Terms of at least ``shortest`` letters that contain ``part``, in term order."""
        sql = "SELECT term FROM terms WHERE length(term) >= ? AND instr(term, ?) > 0 ORDER BY term"
        return [row[0] for row in self._rows(sql, (shortest, part))]

    def postings(self, term: str) -> list[tuple[int, str, int]]:
        """(document, column, offset) of every occurrence of a term."""
        return [
            tuple(row)
            for row in self._rows("SELECT doc, col, offset FROM vocab_instance WHERE term = ?", (term,))
        ]

    # -- ranking: BM25F in SQL -----------------------------------------------------------------

    def rank(
        self,
        words: Sequence[tuple[int, str, float, str | None]],
        phrases: Sequence[tuple[int, int, str, float, float]],
        units: Sequence[tuple[int, float, int | None]],
        weights: dict[str, float],
        k1: float,
        b: float,
        holds: float = 0.0,
    ) -> None:
        """Score every document that matches any unit of a query into ``temp.scores``.

        ``words`` are (unit, term, weight, columns or None) and ``phrases`` are (unit, doc,
        column, frequency, weight) found from positions; ``units`` are (unit, boost, requirement): each
        unit is one BM25 term with a frequency per column, and a document's ``units`` count is how
        many distinct requirements (query words) it holds through an alternative weighing at least
        ``holds``. Each unit's share of a score is kept in
        ``temp.contributions`` (for --explain). The sums run inside SQLite: a common word of a
        large corpus has postings in most of its documents, and summing them in Python would make
        10,000 cases far slower than 18.
        """
        connection = self.connection
        connection.execute(_SCORES_TABLE)
        connection.execute(
            "CREATE TEMP TABLE IF NOT EXISTS contributions("
            "doc INTEGER, grp INTEGER, req INTEGER, value REAL, best REAL)"
        )
        connection.execute("DELETE FROM temp.scores")
        connection.execute("DELETE FROM temp.contributions")
        if not words and not phrases:
            return
        found = "SELECT NULL, NULL, NULL, NULL, NULL WHERE 0"
        if phrases:
            connection.execute(
                "CREATE TEMP TABLE IF NOT EXISTS phrase_counts(grp INTEGER, doc INTEGER, col TEXT, tf REAL, "
                "best REAL)"
            )
            connection.execute("DELETE FROM temp.phrase_counts")
            connection.executemany("INSERT INTO temp.phrase_counts VALUES (?, ?, ?, ?, ?)", phrases)
            found = "SELECT grp, doc, col, tf, best FROM temp.phrase_counts"
        averages = self.average_lengths()
        normalised = " ".join(
            f"WHEN '{name}' THEN {weights[name]!r} / "
            f"(1.0 - {b!r} + {b!r} * max(1, d.len_{name}) / {averages[name]!r})"
            for name in COLUMNS
        )
        # SQLite's own ln() exists only in builds with its math functions: bring ours.
        connection.create_function("erhverv_ln", 1, _ln, deterministic=True)
        values = (
            f"VALUES {', '.join('(?, ?, ?, ?)' for _ in words)}"
            if words
            else "SELECT NULL, NULL, NULL, NULL WHERE 0"
        )
        # CROSS JOIN keeps the query's terms the outer loop, so FTS5 reads only their postings.
        sql = f"""
            INSERT INTO temp.contributions(doc, grp, req, value, best)
            WITH q(grp, term, weight, cols) AS ({values}),
            unit(grp, boost, req) AS (VALUES {", ".join("(?, ?, ?)" for _ in units)}),
            hits(grp, doc, col, tf, best) AS (
                SELECT q.grp, v.doc, v.col, SUM(q.weight), MAX(q.weight)
                FROM q CROSS JOIN vocab_instance v ON v.term = q.term
                WHERE q.cols IS NULL OR instr(q.cols, ' ' || v.col || ' ') > 0 GROUP BY q.grp, v.doc, v.col
                UNION ALL {found}),
            per_doc(grp, doc, x, best) AS (
                SELECT h.grp, h.doc, SUM(h.tf * CASE h.col {normalised} ELSE 0.0 END), MAX(h.best)
                FROM hits h JOIN docs d ON d.rowid = h.doc GROUP BY h.grp, h.doc),
            idf(grp, value) AS (
                SELECT p.grp, unit.boost * erhverv_ln(1.0 + (? - COUNT(*) + 0.5) / (COUNT(*) + 0.5))
                FROM per_doc p JOIN unit ON unit.grp = p.grp GROUP BY p.grp)
            SELECT p.doc, p.grp, unit.req, i.value * p.x * {k1 + 1.0!r} / (p.x + {k1!r}), p.best
            FROM per_doc p JOIN idf i ON i.grp = p.grp JOIN unit ON unit.grp = p.grp
        """
        parameters = [*(v for row in words for v in row), *(v for row in units for v in row), self.count()]
        try:
            connection.execute(sql, parameters)
            # A query word counts as held when a close enough alternative matched: the word, a
            # correction of it or a synonym, but not merely a longer compound that contains it.
            connection.execute(
                "INSERT INTO temp.scores(doc, score, units) SELECT doc, ROUND(SUM(value), 9), "
                "COUNT(DISTINCT CASE WHEN best >= ? THEN req END) FROM temp.contributions GROUP BY doc",
                (holds,),
            )
        except sqlite3.DatabaseError as error:
            raise _damage_or_raise(error) from error

    def score_everything(self) -> None:
        """Every document, with no score (a query that only says what to leave out)."""
        self.connection.execute(_SCORES_TABLE)
        self.connection.execute("DELETE FROM temp.scores")
        self.connection.execute("INSERT INTO temp.scores(doc, score, units) SELECT rowid, 0.0, 0 FROM docs")

    def exclude(self, terms: Sequence[str], docs: Sequence[int]) -> None:
        """Drop scored documents that hold any of ``terms``, or are among ``docs``."""
        if terms:
            marks = ",".join("?" * len(terms))
            self.connection.execute(
                "DELETE FROM temp.scores WHERE doc IN "
                f"(SELECT doc FROM vocab_instance WHERE term IN ({marks}))",
                list(terms),
            )
        for start in range(0, len(docs), 500):
            chunk = list(docs[start : start + 500])
            self.connection.execute(
                f"DELETE FROM temp.scores WHERE doc IN ({','.join('?' * len(chunk))})", chunk
            )

    def contributions(self, doc: int) -> dict[int, float]:
        """Each unit's share of a document's score in the last :meth:`rank`."""
        return dict(self._rows("SELECT grp, value FROM temp.contributions WHERE doc = ?", (doc,)))

    def scores(self) -> dict[int, float]:
        """The scores of the last :meth:`rank`, by document (after any exclusions)."""
        return dict(self._rows("SELECT doc, score FROM temp.scores"))

    def scored_count(self, filters: Filters, units: int | None = None) -> int:
        """How many scored documents the filters select (holding at least ``units`` query words)."""
        where, parameters = self.where(filters)
        sql = f"SELECT COUNT(*) FROM temp.scores s JOIN docs d ON d.rowid = s.doc WHERE {where} "
        sql += "AND s.units >= ?"
        return int(self._rows(sql, [*parameters, units or 0])[0][0])

    def scored_records(
        self, filters: Filters, sort: str = "relevance", limit: int | None = None
    ) -> Iterator[tuple[CaseRecord, float, int, int]]:
        """The scored documents the filters select, best first (or in another order), streamed,
        as (record, score, query words held, rowid). Best first means holding more of the query's
        words, then the higher score; ties are ordered totally: then number, then id."""
        where, parameters = self.where(filters)
        order = (
            f"s.units DESC, s.score DESC, {order_by('number')}"
            if sort == "relevance"
            else f"{order_by(sort)}"
        )
        sql = (
            "SELECT r.record, s.score, s.units, s.doc FROM temp.scores s JOIN docs d ON d.rowid = s.doc "
            f"JOIN records r ON r.rowid = s.doc WHERE {where} ORDER BY {order} LIMIT ?"
        )
        for text, score, units, doc in self._stream(sql, [*parameters, -1 if limit is None else limit]):
            yield self.decode(text), float(score), int(units), int(doc)


def _ln(value: float) -> float:
    import math

    return math.log(value)
