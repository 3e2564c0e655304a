"""Every setting that decides how cases rank, in one place.

Change ranking here: column weights and BM25's constants, how much a phrase, a typo correction,
a compound or a thesaurus expansion counts against the literal word, and how `similar` weighs
shared text against shared facets (facet weights are in :mod:`erhverv_cli.search.facets`).
"""

from __future__ import annotations

# BM25F: per-column weights (title and places weigh most), saturation and length normalisation.
COLUMN_WEIGHTS: dict[str, float] = {"title": 5.0, "places": 4.0, "summary": 2.0, "body": 1.0, "english": 1.5}
K1 = 1.2
B = 0.75
PHRASE_BOOST = 1.5  # a quoted phrase (or a hyphenated word read as one) against a single word

# Alternatives a query word stands for, weighted below the word itself (1.0).
TYPO_WEIGHT = 0.7  # a known word one or two typing errors away
COMPOUND_WEIGHT = 0.5  # a compound of the corpus the word is part of ("netværk" → "ledernetværk")
THESAURUS_WEIGHT = 0.6  # a synonym or translation from the domain thesaurus (data/thesaurus.yaml)
# Several words: cases holding every word rank first. A word is held through an alternative of at
# least this weight (the word, a typo correction, a synonym), not through a compound alone.
HOLDS_WORD = THESAURUS_WEIGHT
MIN_TYPO_LENGTH = 4  # shorter words are taken as typed: "lyd" must not become "lys"
MAX_TYPO_CANDIDATES = 4
MIN_COMPOUND_PART = 3
MAX_PREFIX_TERMS = 200  # word*: the index terms with that beginning, the most widely used first

# `similar`: what two cases share, as cosines of rarity-weighted vectors (each at most 1): facet
# values (weights per facet in search.facets), thesaurus concepts of their texts, and their most
# distinctive words (scaled so the best match is 1).
SIMILAR_FACET_WEIGHT = 1.0
SIMILAR_CONCEPT_WEIGHT = 1.0
SIMILAR_TEXT_WEIGHT = 1.0  # English words; Danish words count half
SIMILAR_TOP_TERMS = 30  # the most distinctive words of a case compared with the others
