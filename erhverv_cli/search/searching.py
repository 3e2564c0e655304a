"""The index's queries for searching: its vocabulary (for query parsing) and BM25F in SQL.

A part of :class:`erhverv_cli.search.index.CorpusIndex` (which inherits it), kept apart because
it changes for other reasons than opening, reading records and keeping the index fresh: when the
ranking formula or the query language changes. Settings are in :mod:`.settings`.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from erhverv_cli.errors import UsageError
from erhverv_cli.records import CaseRecord
from erhverv_cli.search.damage import damage_or_raise
from erhverv_cli.search.documents import COLUMNS, ENGLISH_COLUMN
from erhverv_cli.search.facets import Filters

if TYPE_CHECKING:
    from erhverv_cli.search.thesaurus_lookup import Lookup

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


# An occurrence packed into one integer: document, column number (3 bits), offset (29 bits; a case
# file of at most a megabyte has far fewer words). A place moved back past a column's start lands
# in an offset no text reaches, so it never matches.
_COLUMN_SHIFT = 29
_DOC_SHIFT = 3
_COLUMN_MASK = (1 << _DOC_SHIFT) - 1
_COLUMN_NUMBERS = " ".join(f"WHEN '{name}' THEN {number}" for number, name in enumerate(COLUMNS))

# Index terms are letters and digits (analysis keeps them one FTS5 token): such a phrase can be
# written as an FTS5 phrase query as it is.
_PLAIN_TERM = re.compile(r"[0-9a-z]+")


def _overlaps(terms: Sequence[str]) -> bool:
    """Whether two instances of a phrase can share words ("a a", "a b a"): its end repeats its start."""
    return any(list(terms[shift:]) == list(terms[: len(terms) - shift]) for shift in range(1, len(terms)))


_SCORES_TABLE = (
    "CREATE TEMP TABLE IF NOT EXISTS scores(doc INTEGER PRIMARY KEY, score REAL NOT NULL, "
    "units INTEGER NOT NULL)"
)


class SearchQueries:
    """Vocabulary lookups and BM25F scoring over an index connection."""

    connection: sqlite3.Connection
    _thesaurus: Lookup | None

    if TYPE_CHECKING:  # provided by CorpusIndex

        def _rows(self, sql: str, parameters: Sequence[Any] = ()) -> list[Any]: ...
        def _in_order(
            self, keys: str, parameters: Sequence[Any]
        ) -> Iterator[tuple[str, tuple[Any, ...]]]: ...
        def average_lengths(self) -> dict[str, float]: ...
        def count(self, filters: Filters | None = None) -> int: ...
        @staticmethod
        def where(filters: Filters) -> tuple[str, list[Any]]: ...
        @staticmethod
        def decode(text: str) -> CaseRecord: ...

    # -- reading: the vocabulary, for query parsing ------------------------------------------

    def thesaurus(self) -> Lookup:
        """The domain thesaurus stored with the index (analysed when the index was made)."""
        if self._thesaurus is None:
            from erhverv_cli.search.thesaurus_lookup import Lookup

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

    def phrase_counts(
        self, terms: Sequence[str], english: bool, known: dict[tuple[str, bool], set[int]] | None = None
    ) -> dict[int, dict[str, int]]:
        """Per document and column: how often ``terms`` occur one right after the other, in the
        English column for English terms and in the other columns for Danish ones.

        Each occurrence is one integer, (document, column, offset) packed, so a phrase is a set
        intersection in C: the places of the first term, of the second moved back one, and so on.
        ``known`` keeps each term's places between the phrases of one query.
        """
        if len(terms) < 2:
            return {}
        if all(_PLAIN_TERM.fullmatch(term) for term in terms) and not _overlaps(terms):
            return self._matched_phrase_counts(terms, english)
        known = {} if known is None else known
        starts: set[int] | None = None
        for shift, term in enumerate(terms):
            places = known.get((term, english))
            if places is None:
                places = known[(term, english)] = self._places(term, english)
            moved = places if shift == 0 else {place - shift for place in places}
            starts = moved if starts is None else starts & moved
            if not starts:
                return {}
        counts: dict[int, dict[str, int]] = {}
        for slot, hits in Counter(place >> _COLUMN_SHIFT for place in starts or ()).items():
            counts.setdefault(slot >> _DOC_SHIFT, {})[COLUMNS[slot & _COLUMN_MASK]] = hits
        return counts

    def _matched_phrase_counts(self, terms: Sequence[str], english: bool) -> dict[int, dict[str, int]]:
        """phrase_counts by FTS5 itself: the documents holding the phrase (from its position lists,
        without reading every occurrence of its terms), and in each the phrase's instances per
        column, marked by highlight(). Only for a phrase that cannot overlap itself ("a b", not
        "a a"): highlight() marks overlapping instances as one."""
        columns = [name for name in COLUMNS if (name == ENGLISH_COLUMN) == english]
        marked = ", ".join(f"highlight(fts, {COLUMNS.index(name)}, char(1), char(2))" for name in columns)
        expression = "{" + " ".join(columns) + '} : "' + " ".join(terms) + '"'
        counts: dict[int, dict[str, int]] = {}
        for doc, *texts in self._rows(f"SELECT rowid, {marked} FROM fts WHERE fts MATCH ?", (expression,)):
            for name, text in zip(columns, texts, strict=True):
                hits = text.count("\x01") if text else 0
                if hits:
                    counts.setdefault(int(doc), {})[name] = hits
        return counts

    def _places(self, term: str, english: bool) -> set[int]:
        """Every occurrence of a term in the columns of its language, packed (see phrase_counts)."""
        side = "=" if english else "!="
        rows = self._rows(
            f"SELECT (doc << {_DOC_SHIFT + _COLUMN_SHIFT}) | ((CASE col {_COLUMN_NUMBERS} END) << "
            f"{_COLUMN_SHIFT}) | offset FROM vocab_instance WHERE term = ? AND col {side} ?",
            (term, ENGLISH_COLUMN),
        )
        return {row[0] for row in rows}

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

        ``words`` are (unit, term, weight, columns or None) and ``phrases`` are (unit, doc, column,
        frequency, weight) found from positions; ``units`` are (unit, boost, requirement). Each
        unit is one BM25 term with a frequency per column; a document's ``units`` count is how many
        distinct requirements (query words) it holds through an alternative weighing at least
        ``holds``. Each unit's share of a score is kept in ``temp.contributions`` (for --explain).
        The sums run inside SQLite: a common word of a large corpus has postings in most of its
        documents, and summing them in Python would make 10,000 cases far slower than 18.
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
        # SQLite's own ln() exists only in builds with its math functions: bring ours.
        connection.create_function("erhverv_ln", 1, _ln, deterministic=True)
        sql = _bm25f_sql(len(words), len(units), found, self.average_lengths(), weights, k1, b)
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
            raise damage_or_raise(error) from error

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
            "SELECT s.doc, s.score, s.units FROM temp.scores s JOIN docs d ON d.rowid = s.doc "
            f"WHERE {where} ORDER BY {order} LIMIT ?"
        )
        for text, (doc, score, units) in self._in_order(sql, [*parameters, -1 if limit is None else limit]):
            yield self.decode(text), float(score), int(units), int(doc)


def _bm25f_sql(
    words: int,
    units: int,
    phrases: str,
    averages: dict[str, float],
    weights: dict[str, float],
    k1: float,
    b: float,
) -> str:
    """The statement that scores: BM25F per unit (term frequencies normalised per column), a
    Lucene-style IDF per unit, into temp.contributions. Parameters: the words' rows, the units'
    rows, then the number of documents."""
    normalised = " ".join(
        f"WHEN '{name}' THEN {weights[name]!r} / "
        f"(1.0 - {b!r} + {b!r} * max(1, d.len_{name}) / {averages[name]!r})"
        for name in COLUMNS
    )
    values = (
        f"VALUES {', '.join('(?, ?, ?, ?)' for _ in range(words))}"
        if words
        else ("SELECT NULL, NULL, NULL, NULL WHERE 0")
    )
    # CROSS JOIN keeps the query's terms the outer loop, so FTS5 reads only their postings.
    return f"""
        INSERT INTO temp.contributions(doc, grp, req, value, best)
        WITH q(grp, term, weight, cols) AS ({values}),
        unit(grp, boost, req) AS (VALUES {", ".join("(?, ?, ?)" for _ in range(units))}),
        hits(grp, doc, col, tf, best) AS (
            SELECT q.grp, v.doc, v.col, SUM(q.weight), MAX(q.weight)
            FROM q CROSS JOIN vocab_instance v ON v.term = q.term
            WHERE q.cols IS NULL OR instr(q.cols, ' ' || v.col || ' ') > 0 GROUP BY q.grp, v.doc, v.col
            UNION ALL {phrases}),
        per_doc(grp, doc, x, best) AS (
            SELECT h.grp, h.doc, SUM(h.tf * CASE h.col {normalised} ELSE 0.0 END), MAX(h.best)
            FROM hits h JOIN docs d ON d.rowid = h.doc GROUP BY h.grp, h.doc),
        idf(grp, value) AS (
            SELECT p.grp, unit.boost * erhverv_ln(1.0 + (? - COUNT(*) + 0.5) / (COUNT(*) + 0.5))
            FROM per_doc p JOIN unit ON unit.grp = p.grp GROUP BY p.grp)
        SELECT p.doc, p.grp, unit.req, i.value * p.x * {k1 + 1.0!r} / (p.x + {k1!r}), p.best
        FROM per_doc p JOIN idf i ON i.grp = p.grp JOIN unit ON unit.grp = p.grp
    """


def _ln(value: float) -> float:

    return math.log(value)
