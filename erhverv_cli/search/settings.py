"""Every setting that decides how cases rank, in one place.

Change ranking here: column weights and BM25's constants, how much a phrase, a typo correction,
a compound or a thesaurus expansion counts against the literal word, and how `similar` weighs
shared text against shared facets (facet weights are in :mod:`erhverv_cli.search.facets`).
"""

from __future__ import annotations

# BM25F over the text columns of a case.
COLUMN_WEIGHTS: dict[str, float] = {
    "title": 5.0,
    "places": 4.0,
    "summary": 2.0,
    "body": 1.0,
    "english": 1.5,
}  # per column: title and places weigh most
K1 = 1.2  # term-frequency saturation
B = 0.75  # document-length normalisation
PHRASE_BOOST = 1.5  # a quoted phrase (or a hyphenated word read as one) against a single word

# Alternatives a query word stands for, weighted below the word itself (1.0).
TYPO_WEIGHT = 0.7  # a known word one or two typing errors away
COMPOUND_WEIGHT = 0.5  # a compound of the corpus the word is part of ("netværk" → "ledernetværk")
THESAURUS_WEIGHT = 0.6  # a synonym or translation from the domain thesaurus (data/thesaurus.yaml)
HOLDS_WORD = THESAURUS_WEIGHT  # weight by which a case holds a word (not by a compound alone)
MIN_TYPO_LENGTH = 4  # shorter words are taken as typed: "lyd" must not become "lys"
MAX_CORRECTED_LENGTH = 60  # longer words (a pasted link or code) are taken as typed, not corrected
MAX_TYPO_CANDIDATES = 4  # corrections kept for an unknown word: the closest, most used first
MIN_COMPOUND_PART = 3  # shortest part a compound is split into or found by
MAX_PREFIX_TERMS = 200  # word*: the index terms with that beginning, the most widely used first

# `similar`: cosines of rarity-weighted vectors (each at most 1), added up with these weights.
SIMILAR_FACET_WEIGHT = 1.0  # shared facet values (per-facet weights in search/facets.py)
SIMILAR_CONCEPT_WEIGHT = 1.0  # shared thesaurus concepts of the two texts
SIMILAR_TEXT_WEIGHT = 1.0  # shared distinctive English words; Danish words count half
SIMILAR_TOP_TERMS = 30  # the most distinctive words of a case compared with the others
