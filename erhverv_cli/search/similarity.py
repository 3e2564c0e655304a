"""`similar`: the cases most like one case, and why, the way a consultant compares initiatives.

What matters first is what an initiative *does* and for whom: its instruments, target groups,
sectors, good-practice areas, type and transferability. Each facet is compared on its own, as a
vector of values weighted by rarity (sharing "netværk" with half the corpus says less than
sharing "inkubator"), by cosine, and the facets add up by their weights: a case with many
instruments does not drown what it shares in target groups. Beside them count the ideas of the
field the two texts share (thesaurus concepts, in either language) and the distinctive words
they share. The reasons given are the shared facet values and shared concepts: plain words of
the field, never stray words of a text. Weights are in :mod:`.settings`; candidates are found
through the index, so a corpus of 10,000 cases costs little more than 18.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from erhverv_cli.records import CaseRecord
from erhverv_cli.search import settings
from erhverv_cli.search.analysis import STOPWORDS
from erhverv_cli.search.facets import SIMILAR_FACETS
from erhverv_cli.search.index import CorpusIndex
from erhverv_cli.search.query import ParsedQuery

CANDIDATES = 300  # documents compared in full: the ones sharing the most facet values and words


@dataclass
class Similarity:
    """A case related to another, with the reasons."""

    record: CaseRecord
    score: float
    shared: dict[str, list[str]] = field(default_factory=dict)


def _cosine(mine: Mapping[str, float], theirs: Mapping[str, float]) -> float:
    dot = sum(weight * theirs.get(key, 0.0) for key, weight in mine.items())
    if not dot:
        return 0.0
    norm = math.sqrt(sum(w * w for w in mine.values())) * math.sqrt(sum(w * w for w in theirs.values()))
    return dot / norm if norm else 0.0


def _facet_rarity(index: CorpusIndex) -> dict[str, float]:
    """How rare each facet value ("facet\tvalue") is in the corpus: log((N + 1) / cases with it)."""
    total = max(index.count(), 1)
    frequency = index.facet_document_counts([item.key for item in SIMILAR_FACETS])
    return {f"{facet}\t{value}": math.log((total + 1) / count)
            for (facet, value), count in frequency.items()}  # fmt: skip


def _facet_vectors(
    index: CorpusIndex, docs: list[int], rarity: Mapping[str, float]
) -> dict[int, dict[str, float]]:
    """Each document's facet values ("facet\tvalue") weighted by rarity."""
    vectors: dict[int, dict[str, float]] = defaultdict(dict)
    for doc, facet, value in index.facet_rows(docs, [item.key for item in SIMILAR_FACETS]):
        key = f"{facet}\t{value}"
        vectors[doc][key] = rarity.get(key, 0.0)
    return vectors


def _concepts_of(index: CorpusIndex, danish: set[str], english: set[str]) -> set[str]:
    lookup = index.thesaurus()
    return lookup.concepts_of_terms(danish, "da") | lookup.concepts_of_terms(english, "en")


def _word_vectors(index: CorpusIndex, words: Mapping[int, set[str]]) -> dict[int, dict[str, float]]:
    """Distinctive words of each document weighted by rarity (stopwords and short words out)."""
    total = max(index.count(), 1)
    vocabulary = sorted({t for found in words.values() for t in found})
    frequency = index.term_documents(vocabulary)
    weight = {
        t: math.log((total + 1) / frequency.get(t, 1))
        for t in vocabulary
        if len(t) > 2 and not t.isdigit() and frequency.get(t, total) < total * 0.5
    }
    return {doc: {t: weight[t] for t in found if t in weight} for doc, found in words.items()}


def _distinctive_terms(index: CorpusIndex, rowid: int) -> list[str]:
    """The words of a case that few other cases use (stopwords, numbers and short words left out)."""
    from collections import Counter

    total = index.count()
    mine = Counter(index.doc_terms(rowid))
    frequency = index.term_documents(list(mine))
    weights = {
        t: count * math.log(1 + total / frequency.get(t, 1))
        for t, count in mine.items()
        if len(t) > 2
        and not t.isdigit()
        and t not in STOPWORDS
        and frequency.get(t, total) < max(2, total * 0.5)
    }
    return sorted(weights, key=lambda t: (-weights[t], t))[: settings.SIMILAR_TOP_TERMS]


def _text_scores(index: CorpusIndex, rowid: int) -> dict[int, float]:
    """How much of a case's distinctive vocabulary other cases share (best = 1)."""
    from erhverv_cli.search.ranking import score

    top = _distinctive_terms(index, rowid)
    if not top:
        return {}
    related = score(index, ParsedQuery(text="", groups=[[t] for t in top]))
    related.pop(rowid, None)
    best = max(related.values(), default=1.0) or 1.0
    return {doc: value / best for doc, value in related.items()}


def _concept_weights(concepts: Iterable[str], frequency: Mapping[str, int], total: int) -> dict[str, float]:
    return {c: math.log((total + 1) / frequency.get(c, 1)) for c in concepts if frequency.get(c, 1) < total}


def similar_to(index: CorpusIndex, record: CaseRecord, limit: int = 5) -> list[Similarity]:
    """The cases most like ``record`` (a case of the index), best first, with reasons."""
    rowid = index.rowids("id", record["id"])[0]
    texts = _text_scores(index, rowid)
    rarity = _facet_rarity(index)
    mine = _facet_vectors(index, [rowid], rarity).get(rowid, {})
    pairs = [(key.split("\t")[0], key.split("\t")[1], weight) for key, weight in mine.items()]
    candidates = index.docs_sharing(pairs, rowid, CANDIDATES)
    candidates = list(dict.fromkeys([*candidates, *sorted(texts, key=lambda d: (-texts[d], d))[:100]]))
    vectors = _facet_vectors(index, candidates, rarity)
    terms = {doc: index.doc_terms_by_language(doc) for doc in [rowid, *candidates]}
    concepts = {doc: _concepts_of(index, *terms[doc]) for doc in terms}
    english = _word_vectors(index, {doc: pair[1] for doc, pair in terms.items()})
    frequency: dict[str, int] = defaultdict(int)
    for found in concepts.values():
        for concept in found:
            frequency[concept] += 1
    total = len(concepts)
    my_concepts = _concept_weights(concepts[rowid], frequency, total)
    scores = {}
    danish = _word_vectors(index, {doc: pair[0] for doc, pair in terms.items()})
    for doc in candidates:
        theirs = _concept_weights(concepts[doc], frequency, total)
        scores[doc] = (
            settings.SIMILAR_FACET_WEIGHT * _facet_similarity(mine, vectors.get(doc, {}))
            + settings.SIMILAR_CONCEPT_WEIGHT * _cosine(my_concepts, theirs)
            + settings.SIMILAR_TEXT_WEIGHT * _cosine(english[rowid], english[doc])
            + settings.SIMILAR_TEXT_WEIGHT / 2 * _cosine(danish[rowid], danish[doc])
        )
    numbers = index.numbers_for(candidates)
    ranked = sorted(scores, key=lambda doc: (-round(scores[doc], 9), numbers.get(doc, 1e9), doc))[:limit]
    records = index.records_for(ranked)
    lookup = index.thesaurus()
    out = []
    for doc in ranked:
        shared = _shared_facets(mine, vectors.get(doc, {}))
        common = sorted(set(my_concepts) & concepts[doc], key=lambda c: (-my_concepts[c], c))[:6]
        if common:
            shared["concepts"] = [lookup.name(concept) for concept in common]
        out.append(Similarity(records[doc], round(scores[doc], 3), shared))
    return out


def _facet_similarity(mine: Mapping[str, float], theirs: Mapping[str, float]) -> float:
    """The facets' cosines, each facet on its own, added up by facet weight."""
    total = 0.0
    for item in SIMILAR_FACETS:
        prefix = f"{item.key}\t"
        mine_part = {k: w for k, w in mine.items() if k.startswith(prefix)}
        if mine_part:
            theirs_part = {k: w for k, w in theirs.items() if k.startswith(prefix)}
            total += item.weight * _cosine(mine_part, theirs_part)
    return total


def _shared_facets(mine: Mapping[str, float], theirs: Mapping[str, float]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for key in sorted(set(mine) & set(theirs)):
        facet, value = key.split("\t")
        found.setdefault(facet, []).append(value)
    return {item.key: found[item.key] for item in SIMILAR_FACETS if item.key in found}
