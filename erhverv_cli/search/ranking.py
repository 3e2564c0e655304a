"""BM25F ranking of a parsed query: the units to score, and phrase occurrences from positions.

SQLite's built-in ``bm25()`` clamps the IDF of any term found in more than half the documents
to almost zero. In a small corpus that is most of the words people search for ("iværksættere"
in a catalogue of business services), so every hit would score the same. We therefore score
with BM25F and a Lucene-style IDF that stays positive, summed inside SQLite over the postings of
the query's terms (:meth:`CorpusIndex.rank`). Settings are in :mod:`.settings`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from erhverv_cli.search import settings
from erhverv_cli.search.documents import COLUMNS
from erhverv_cli.search.index import CorpusIndex
from erhverv_cli.search.query import ENGLISH_COLUMN, ParsedQuery, Phrase

Postings = dict[int, dict[str, list[int]]]  # doc → column → offsets


def _postings(index: CorpusIndex, terms: Iterable[str]) -> dict[str, Postings]:
    out: dict[str, Postings] = {}
    for term in dict.fromkeys(terms):
        postings: Postings = defaultdict(lambda: defaultdict(list))
        for doc, column, offset in index.postings(term):
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


def _columns_text(query: ParsedQuery, term: str) -> str | None:
    """The columns a term may match, as " title places ", or None for all of them (the common case,
    which spares SQLite a string test on every posting)."""
    columns = [column for column in COLUMNS if query.matches_column(term, column)]
    return None if len(columns) == len(COLUMNS) else f" {' '.join(columns)} "


def rank(index: CorpusIndex, query: ParsedQuery) -> None:
    """Score every document that matches any word or phrase of the query (into the index's
    scores table). Each word (with its weighted alternatives) and each phrase is one BM25 unit."""
    words = [
        (unit, term, query.weight(term), _columns_text(query, term))
        for unit, group in enumerate(query.groups)
        for term in group
    ]
    phrases: list[tuple[int, int, str, float]] = []
    if query.phrases:
        postings = _postings(index, [t for phrase in query.phrases for t in phrase.terms()])
        for unit, phrase in enumerate(query.phrases, start=len(query.groups)):
            for doc, by_column in _phrase_frequencies(phrase, postings).items():
                phrases.extend((unit, doc, column, tf) for column, tf in by_column.items())
    boosts = [(unit, 1.0) for unit in range(len(query.groups))]
    boosts += [(len(query.groups) + n, settings.PHRASE_BOOST) for n in range(len(query.phrases))]
    index.rank(words, phrases, boosts, settings.COLUMN_WEIGHTS, settings.K1, settings.B)


def score(index: CorpusIndex, query: ParsedQuery, allowed: set[int] | None = None) -> dict[int, float]:
    """BM25F score of every document that matches the query (restricted to ``allowed`` docs)."""
    rank(index, query)
    scores = index.scores()
    if allowed is not None:
        return {doc: value for doc, value in scores.items() if doc in allowed}
    return scores
