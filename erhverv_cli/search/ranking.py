"""BM25F ranking computed from the index's postings.

SQLite's built-in ``bm25()`` clamps the IDF of any term found in more than half the documents
to almost zero. In a small corpus that is most of the words people search for ("iværksættere"
in a catalogue of business services), so every hit would score the same. We therefore read the
postings (document, column, offset) of the query terms from FTS5's instance vocabulary and
score with BM25F and a Lucene-style IDF that stays positive. The cost grows with the number of
postings of the query's terms, not with the size of the corpus as a whole.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable

from erhverv_cli.search.documents import COLUMNS, WEIGHTS
from erhverv_cli.search.index import CorpusIndex
from erhverv_cli.search.query import ENGLISH_COLUMN, ParsedQuery, Phrase

K1 = 1.2
B = 0.75
PHRASE_BOOST = 1.5

Postings = dict[int, dict[str, list[int]]]  # doc → column → offsets


def _postings(index: CorpusIndex, terms: Iterable[str]) -> dict[str, Postings]:
    out: dict[str, Postings] = {}
    for term in dict.fromkeys(terms):
        postings: Postings = defaultdict(lambda: defaultdict(list))
        rows = index.connection.execute(
            "SELECT doc, col, offset FROM vocab_instance WHERE term = ?", (term,)
        ).fetchall()
        for doc, column, offset in rows:
            postings[doc][column].append(offset)
        out[term] = postings
    return out


def _phrase_counts(parts: list[Postings], columns: Callable[[str], bool]) -> dict[int, dict[str, int]]:
    """Per document and column: how often the terms occur one right after the other."""
    counts: dict[int, dict[str, int]] = {}
    if len(parts) < 2:
        return counts
    first, rest = parts[0], parts[1:]
    for doc, by_column in first.items():
        if any(doc not in other for other in rest):
            continue
        for column, offsets in by_column.items():
            if not columns(column):
                continue
            following = [set(other[doc].get(column, ())) for other in rest]
            hits = sum(
                1
                for start in offsets
                if all(start + i + 1 in positions for i, positions in enumerate(following))
            )
            if hits:
                counts.setdefault(doc, {})[column] = hits
    return counts


def _phrase_frequencies(phrase: Phrase, postings: dict[str, Postings]) -> dict[int, dict[str, float]]:
    """Occurrences of a phrase: its Danish terms in the Danish columns, its English ones in English."""
    frequencies: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for terms, columns in (
        (phrase.danish, lambda column: column != ENGLISH_COLUMN),
        (phrase.english, lambda column: column == ENGLISH_COLUMN),
    ):
        for doc, by_column in _phrase_counts([postings[t] for t in terms], columns).items():
            for column, hits in by_column.items():
                frequencies[doc][column] = float(hits)
    return frequencies


# Occurrences of phrases, found in Python from word positions, handed to SQLite. A table, not
# query parameters: a common phrase of a large corpus has more rows than a statement may bind.
_PHRASE_TABLE = "CREATE TEMP TABLE IF NOT EXISTS phrase_counts(grp INTEGER, doc INTEGER, col TEXT, tf REAL)"
_NO_ROWS = "SELECT NULL, NULL, NULL, NULL WHERE 0"


def score(index: CorpusIndex, query: ParsedQuery, allowed: set[int] | None) -> dict[int, float]:
    """BM25F score of every document that matches any word or phrase of the query.

    Each word (with its weighted alternatives) and each phrase is one BM25 unit with a term
    frequency per column. The sums run inside SQLite: a common word of a large corpus has postings
    in most of its documents, and summing them in Python would make a query on 10,000 cases
    far slower than one on 18.
    """
    terms = [
        (unit, term, query.weight(term), _columns_text(query, term))
        for unit, group in enumerate(query.groups)
        for term in group
    ]
    counts: list[tuple[int, int, str, float]] = []
    if query.phrases:
        postings = _postings(index, [t for phrase in query.phrases for t in phrase.terms()])
        for unit, phrase in enumerate(query.phrases, start=len(query.groups)):
            for doc, by_column in _phrase_frequencies(phrase, postings).items():
                counts.extend((unit, doc, column, tf) for column, tf in by_column.items())
    boosts = [(unit, 1.0) for unit in range(len(query.groups))]
    boosts += [(len(query.groups) + n, PHRASE_BOOST) for n in range(len(query.phrases))]
    scores = _bm25f(index, terms, counts, boosts)
    if allowed is not None:
        return {doc: value for doc, value in scores.items() if doc in allowed}
    return scores


def _columns_text(query: ParsedQuery, term: str) -> str | None:
    """The columns a term may match, as " title places ", or None for all of them (the common case,
    which spares SQLite a string test on every posting)."""
    columns = [column for column in COLUMNS if query.matches_column(term, column)]
    return None if len(columns) == len(COLUMNS) else f" {' '.join(columns)} "


def _bm25f(
    index: CorpusIndex,
    terms: list[tuple[int, str, float, str | None]],
    counts: list[tuple[int, int, str, float]],
    boosts: list[tuple[int, float]],
) -> dict[int, float]:
    if not terms and not counts:
        return {}
    connection = index.connection
    phrases = _NO_ROWS
    if counts:
        connection.execute(_PHRASE_TABLE)
        connection.execute("DELETE FROM temp.phrase_counts")
        connection.executemany("INSERT INTO temp.phrase_counts VALUES (?, ?, ?, ?)", counts)
        phrases = "SELECT grp, doc, col, tf FROM temp.phrase_counts"
    # SQLite's own ln() exists only in builds with its math functions: bring ours (one call a unit).
    connection.create_function("erhverv_ln", 1, math.log, deterministic=True)
    averages = index.average_lengths()
    normalised = " ".join(
        f"WHEN '{name}' THEN {WEIGHTS[name]!r} / (1.0 - {B!r} + {B!r} * max(1, d.len_{name}) / "
        f"{averages[name]!r})"
        for name in COLUMNS
    )
    words = f"VALUES {', '.join('(?, ?, ?, ?)' for _ in terms)}" if terms else _NO_ROWS
    # CROSS JOIN keeps the query's terms the outer loop, so FTS5 reads only their postings.
    sql = f"""
        WITH q(grp, term, weight, cols) AS ({words}),
        b(grp, boost) AS (VALUES {", ".join("(?, ?)" for _ in boosts)}),
        hits(grp, doc, col, tf) AS (
            SELECT q.grp, v.doc, v.col, SUM(q.weight)
            FROM q CROSS JOIN vocab_instance v ON v.term = q.term
            WHERE q.cols IS NULL OR instr(q.cols, ' ' || v.col || ' ') > 0
            GROUP BY q.grp, v.doc, v.col
            UNION ALL {phrases}
        ),
        per_doc(grp, doc, x) AS (
            SELECT h.grp, h.doc, SUM(h.tf * CASE h.col {normalised} ELSE 0.0 END)
            FROM hits h JOIN docs d ON d.rowid = h.doc
            GROUP BY h.grp, h.doc
        ),
        idf(grp, value) AS (
            SELECT p.grp, b.boost * erhverv_ln(1.0 + (? - COUNT(*) + 0.5) / (COUNT(*) + 0.5))
            FROM per_doc p JOIN b ON b.grp = p.grp
            GROUP BY p.grp
        )
        SELECT p.doc, SUM(i.value * p.x * {K1 + 1.0!r} / (p.x + {K1!r}))
        FROM per_doc p JOIN idf i ON i.grp = p.grp
        GROUP BY p.doc
    """
    parameters = [*(value for row in terms for value in row), *(value for row in boosts for value in row)]
    return dict(connection.execute(sql, [*parameters, index.count()]).fetchall())
