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


def score(index: CorpusIndex, query: ParsedQuery, allowed: set[int] | None) -> dict[int, float]:
    """BM25F score of every document that matches any word or phrase of the query."""
    total = index.count()
    averages = index.average_lengths()
    scores = _group_scores(index, query, total, averages)
    if query.phrases:
        _add_phrase_scores(index, query, total, averages, scores)
    if allowed is not None:
        return {doc: value for doc, value in scores.items() if doc in allowed}
    return scores


def _group_scores(
    index: CorpusIndex, query: ParsedQuery, total: int, averages: dict[str, float]
) -> dict[int, float]:
    """The words of the query (each with its weighted alternatives), scored inside SQLite.

    A common word of a large corpus has postings in most of its documents; summing them in SQL
    instead of Python keeps a query on 10,000 cases about as fast as one on 18.
    """
    rows = [
        (number, term, query.weight(term), query.scopes.get(term, ""))
        for number, group in enumerate(query.groups)
        for term in group
    ]
    if not rows:
        return {}
    connection = index.connection
    # SQLite's own ln() exists only in builds with its math functions: bring ours (one call a word).
    connection.create_function("erhverv_ln", 1, math.log, deterministic=True)
    normalised = " ".join(
        f"WHEN '{name}' THEN {WEIGHTS[name]!r} / (1.0 - {B!r} + {B!r} * max(1, d.len_{name}) / "
        f"{averages[name]!r})"
        for name in COLUMNS
    )
    values = ", ".join("(?, ?, ?, ?)" for _ in rows)
    sql = f"""
        WITH q(grp, term, weight, scope) AS (VALUES {values}),
        hits(grp, doc, col, tf) AS (
            SELECT q.grp, v.doc, v.col, SUM(q.weight)
            FROM q JOIN vocab_instance v ON v.term = q.term
            WHERE q.scope = '' OR (q.scope = 'english') = (v.col = '{ENGLISH_COLUMN}')
            GROUP BY q.grp, v.doc, v.col
        ),
        per_doc(grp, doc, x) AS (
            SELECT h.grp, h.doc, SUM(h.tf * CASE h.col {normalised} ELSE 0.0 END)
            FROM hits h JOIN docs d ON d.rowid = h.doc
            GROUP BY h.grp, h.doc
        ),
        idf(grp, value) AS (
            SELECT grp, erhverv_ln(1.0 + (? - COUNT(*) + 0.5) / (COUNT(*) + 0.5)) FROM per_doc GROUP BY grp
        )
        SELECT p.doc, SUM(i.value * p.x * {K1 + 1.0!r} / (p.x + {K1!r}))
        FROM per_doc p JOIN idf i ON i.grp = p.grp
        GROUP BY p.doc
    """
    parameters = [value for row in rows for value in row]
    return dict(connection.execute(sql, [*parameters, total]).fetchall())


def _add_phrase_scores(
    index: CorpusIndex, query: ParsedQuery, total: int, averages: dict[str, float], scores: dict[int, float]
) -> None:
    """Quoted phrases: their postings must follow one another, which needs the offsets in Python."""
    postings = _postings(index, [t for phrase in query.phrases for t in phrase.terms()])
    units = [_phrase_frequencies(phrase, postings) for phrase in query.phrases]
    candidates = {doc for frequencies in units for doc in frequencies}
    if not candidates:
        return
    lengths = _lengths(index, candidates)
    for frequencies in units:
        matching = len(frequencies)
        if not matching:
            continue
        idf = math.log(1.0 + (total - matching + 0.5) / (matching + 0.5))
        for doc, by_column in frequencies.items():
            weighted = 0.0
            for column, tf in by_column.items():
                norm = 1.0 - B + B * lengths[doc][column] / averages[column]
                weighted += WEIGHTS[column] * tf / norm
            scores[doc] = scores.get(doc, 0.0) + PHRASE_BOOST * idf * weighted * (K1 + 1.0) / (weighted + K1)


def _lengths(index: CorpusIndex, docs: set[int]) -> dict[int, dict[str, int]]:
    out: dict[int, dict[str, int]] = {}
    ordered = sorted(docs)
    for start in range(0, len(ordered), 500):
        chunk = ordered[start : start + 500]
        rows = index.connection.execute(
            f"SELECT rowid, {', '.join('len_' + name for name in COLUMNS)} FROM docs "
            f"WHERE rowid IN ({','.join('?' * len(chunk))})",
            chunk,
        )
        for rowid, *values in rows:
            out[rowid] = {name: max(1, value) for name, value in zip(COLUMNS, values, strict=True)}
    return out
