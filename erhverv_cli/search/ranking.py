"""BM25F ranking of a parsed query: the units to score, and phrase occurrences from positions.

SQLite's built-in ``bm25()`` clamps the IDF of any term found in more than half the documents
to almost zero. In a small corpus that is most of the words people search for ("iværksættere"
in a catalogue of business services), so every hit would score the same. We therefore score
with BM25F and a Lucene-style IDF that stays positive, summed inside SQLite over the postings of
the query's terms (:meth:`CorpusIndex.rank`). Settings are in :mod:`.settings`.
"""

from __future__ import annotations

from collections import defaultdict

from erhverv_cli.search import settings
from erhverv_cli.search.documents import COLUMNS, ENGLISH_COLUMN
from erhverv_cli.search.index import CorpusIndex
from erhverv_cli.search.query import ParsedQuery, Phrase


def _phrase_frequencies(
    index: CorpusIndex, phrase: Phrase, known: dict[tuple[str, bool], set[int]]
) -> dict[int, dict[str, float]]:
    """Occurrences of a phrase: its Danish terms in the Danish columns, its English ones in English."""
    frequencies: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for terms, english in ((phrase.danish, False), (phrase.english, True)):
        for doc, by_column in index.phrase_counts(terms, english, known).items():
            for column, hits in by_column.items():
                frequencies[doc][column] = float(hits)
    return frequencies


def _columns_text(query: ParsedQuery, term: str, unit: int, language: str = "") -> str | None:
    """The columns a term of a unit may match, as " title places ", or None for all of them (the
    common case, which spares SQLite a string test on every posting): a stem in the columns of its
    language, a thesaurus term in those of its language, and a scoped unit (title:…) in its own."""
    allowed = query.columns.get(unit, COLUMNS)
    if language:
        columns = [c for c in allowed if (c == ENGLISH_COLUMN) == (language == "en")]
    else:
        columns = [c for c in allowed if query.matches_column(term, c)]
    return None if len(columns) == len(COLUMNS) else f" {' '.join(columns)} "


def _phrase_rows(
    index: CorpusIndex, items: list[tuple[int, Phrase, float, tuple[str, ...] | None]]
) -> list[tuple[int, int, str, float, float]]:
    """(unit, doc, column, weighted frequency, weight) of every phrase occurrence."""
    known: dict[tuple[str, bool], set[int]] = {}  # each term's places, read once per query
    rows = []
    for unit, phrase, weight, columns in items:
        for doc, by_column in _phrase_frequencies(index, phrase, known).items():
            rows += [
                (unit, doc, column, tf * weight, weight)
                for column, tf in by_column.items()
                if not columns or column in columns
            ]
    return rows


def _units(
    query: ParsedQuery,
) -> tuple[list[tuple[int, str, float, str | None]], list[tuple[int, Phrase, float, tuple[str, ...] | None]]]:
    """The single terms and the phrases each unit of the query matches, with their weights."""
    words = [
        (unit, term, query.weight(term), _columns_text(query, term, unit))
        for unit, group in enumerate(query.groups)
        for term in group
    ]
    phrases = [
        (len(query.groups) + n, phrase, 1.0, query.columns.get(len(query.groups) + n))
        for n, phrase in enumerate(query.phrases)
    ]
    for unit, expansions in query.expansions.items():
        for expansion in expansions:
            if len(expansion.terms) == 1:
                term = expansion.terms[0]
                words.append(
                    (
                        unit,
                        term,
                        settings.THESAURUS_WEIGHT,
                        _columns_text(query, term, unit, expansion.language),
                    )
                )
            else:
                english = expansion.language == "en"
                phrase = Phrase(
                    [] if english else list(expansion.terms), list(expansion.terms) if english else []
                )
                phrases.append((unit, phrase, settings.THESAURUS_WEIGHT, query.columns.get(unit)))
    return words, phrases


def rank(index: CorpusIndex, query: ParsedQuery) -> None:
    """Score every document that matches any word or phrase of the query (into the index's
    scores table), then drop the ones with an excluded word or phrase. Each query word (with its
    weighted alternatives and thesaurus terms) and each quoted phrase is one BM25 unit."""
    words, phrases = _units(query)
    units = [(unit, 1.0, query.requirement(unit)) for unit in range(len(query.groups))]
    units += [
        (len(query.groups) + n, settings.PHRASE_BOOST, query.requirement(len(query.groups) + n))
        for n in range(len(query.phrases))
    ]
    if query.positive:
        rows = _phrase_rows(index, phrases)
        index.rank(words, rows, units, settings.COLUMN_WEIGHTS, settings.K1, settings.B, settings.HOLDS_WORD)
    else:
        index.score_everything()
    if query.excluded or query.excluded_phrases:
        excluded: list[tuple[int, Phrase, float, tuple[str, ...] | None]] = [
            (0, phrase, 1.0, None) for phrase in query.excluded_phrases
        ]
        docs = sorted({row[1] for row in _phrase_rows(index, excluded)})
        index.exclude([t for group in query.excluded for t in group], docs)


def score(index: CorpusIndex, query: ParsedQuery, allowed: set[int] | None = None) -> dict[int, float]:
    """BM25F score of every document that matches the query (restricted to ``allowed`` docs)."""
    rank(index, query)
    scores = index.scores()
    if allowed is not None:
        return {doc: value for doc, value in scores.items() if doc in allowed}
    return scores
