"""Text analysis shared by indexing and querying, so both sides always agree.

A word goes through: lower-casing → ASCII digraphs read as Danish letters (ae → æ, oe → ø,
aa → å, so "vaeksthus" is stemmed like "væksthus") → the Snowball stemmer (Danish, or English
for the English fields) → folding of æ/ø/å to plain vowels (so "Koge" meets "Køge").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from erhverv_cli.folding import fold

WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
_DIGRAPHS = re.compile(r"aa|ae|oe")
_TO_DANISH = {"aa": "å", "ae": "æ", "oe": "ø"}

# Words too common in the corpus to carry meaning in a query.
STOPWORDS = frozenset(
    fold(word)
    for word in (
        "og i at det der en til er som på de med af for ikke den har et om var jeg vi kan"
        " også fra men blev over skal sig ved eller mv fx bl a the and of to in for on with by is"
    ).split()
)


@lru_cache(maxsize=1)
def _stemmers() -> tuple[Any, Any]:
    import snowballstemmer

    return snowballstemmer.stemmer("danish"), snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def term(word: str) -> str:
    """The index term of one Danish word."""
    lowered = word.casefold()
    danish = _DIGRAPHS.sub(lambda m: _TO_DANISH[m.group(0)], lowered)
    stemmed: str = _stemmers()[0].stemWord(danish)
    return fold(stemmed)


@lru_cache(maxsize=100_000)
def term_en(word: str) -> str:
    """The index term of one English word."""
    stemmed: str = _stemmers()[1].stemWord(word.casefold())
    return fold(stemmed)


def words(text: str) -> Iterator[re.Match[str]]:
    """The words of a text with their positions (hyphenated compounds stay one word)."""
    return WORD.finditer(text)


def _parts(word: str) -> list[str]:
    # "it-klynge" is indexed as the whole and its parts, so "klynge" finds it.
    pieces = re.split(r"[-'’]", word)
    return [word.replace("’", "'"), *pieces] if len(pieces) > 1 else [word]


def analyze(text: str, english: bool = False) -> list[str]:
    """The index terms of a text, in order, stopwords dropped."""
    make = term_en if english else term
    out: list[str] = []
    for match in WORD.finditer(text):
        for part in _parts(match.group(0)):
            stem = make(part)
            if stem and stem not in STOPWORDS:
                out.append(_safe(stem))
    return out


def query_terms(word: str) -> list[str]:
    """The terms a query word may match: its Danish and its English stem."""
    stems = [_safe(term(word)), _safe(term_en(word))]
    return [stem for stem in dict.fromkeys(stems) if stem and stem not in STOPWORDS]


def _safe(stem: str) -> str:
    # FTS5's tokenizer splits on anything but letters and digits; keep terms one token long.
    return re.sub(r"[^0-9a-z]", "", stem)
