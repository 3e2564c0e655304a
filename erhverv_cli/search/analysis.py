"""Text analysis shared by indexing and querying, so both sides always agree.

A word goes through: lower-casing → ASCII digraphs read as Danish letters (ae → æ, oe → ø,
aa → å, so "vaeksthus" is stemmed like "væksthus") → the Snowball stemmer (Danish, or English
for the English fields) → folding of æ/ø/å to plain vowels (so "Koge" meets "Køge").

Hyphenated words ("it-klynge") are indexed as their parts, in place, so phrases across them
still match; the joined form ("itklyng") is appended after the running text, so a query typed
without the hyphen finds it too without breaking the positions phrases rely on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from erhverv_cli.folding import fold

# Bump when the terms produced for a text change: an index built with other terms is stale.
ANALYSIS_VERSION = 4

WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
_JOINERS = re.compile(r"[-'’]")
_DIGRAPHS = re.compile(r"aa|ae|oe")
_TO_DANISH = {"aa": "å", "ae": "æ", "oe": "ø"}

_DANISH_STOPWORDS = (
    # Snowball's Danish stopword list, and abbreviations the case texts use ("bl.a.", "fx", "mv").
    "ad af alle alt anden at blev blive bliver da de dem den denne deres det dette dig din disse dog du"
    " der efter eller en end er et for fra ham han hans har havde have hende hendes her hos hun hvad hvis"
    " hvor i ikke ind jeg jer jo kunne man mange med meget men mig min mine mit mod ned noget nogle nu"
    " når og også om op os over på selv sig sin sine sit skal skulle som sådan thi til ud under var vi"
    " vil ville vor være været bl a fx mv"
    # English function words in Danish text belong to names ("Invest in Denmark") and carry
    # nothing; "to" (two), "by" (town) and "is" (ice) are Danish words and stay.
    " the and of in on with"
)
_ENGLISH_STOPWORDS = (
    # Snowball's English stopword list, and a few more function words ("also", "may", "via").
    "a about above after again against all also am an and any are as at be because been before being"
    " below between both but by can could did do does doing down during each few for from further had"
    " has have having he her here hers herself him himself his how i if in into is it its itself just"
    " may me more most my myself no nor not now of off on once only or other our ours ourselves out"
    " over own same she should so some such than that the their theirs them themselves then there these"
    " they this those through to too under until up very via was we were what when where which while"
    " who whom why will with within without would you your yours yourself yourselves"
)


@lru_cache(maxsize=1)
def _stemmers() -> tuple[Any, Any]:
    import Stemmer  # PyStemmer: the Snowball project's C stemmers

    return Stemmer.Stemmer("danish"), Stemmer.Stemmer("english")


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


def _safe(stem: str) -> str:
    # FTS5's tokenizer splits on anything but letters and digits; keep terms one token long.
    return re.sub(r"[^0-9a-z]", "", stem)


# Stopwords are recognised by the word as written (folded), not by its stem: "varer" (goods)
# stems to "var" but is no "var" (was).
DANISH_STOPWORDS = frozenset(fold(word) for word in _DANISH_STOPWORDS.split())
ENGLISH_STOPWORDS = frozenset(fold(word) for word in _ENGLISH_STOPWORDS.split())
# The words no Danish text is indexed with. English ones are dropped from English text only:
# "to", "by" and "it" are Danish words (two, town, IT).
STOPWORDS = DANISH_STOPWORDS


def words(text: str) -> Iterator[re.Match[str]]:
    """The words of a text with their positions (hyphenated compounds stay one word)."""
    return WORD.finditer(text)


def parts(word: str) -> list[str]:
    """The pieces of a hyphenated word ("it-klynge" → it, klynge); a plain word is its own piece."""
    return [piece for piece in _JOINERS.split(word) if piece]


def word_term(word: str, english: bool = False) -> str:
    """The index term of one word (no hyphen), or "" when it is a stopword of its language."""
    folded = fold(word)
    if english:
        # "It" and "it" are pronouns, "IT" is information technology: acronyms are never stopwords.
        acronym = len(word) > 1 and word.isupper()
        return "" if folded in ENGLISH_STOPWORDS and not acronym else _safe(term_en(word))
    return "" if folded in DANISH_STOPWORDS else _safe(term(word))


@lru_cache(maxsize=500_000)
def _token_terms(token: str, english: bool) -> tuple[tuple[str, ...], str]:
    """The running terms of one token of text, and its joined compound ("" if none or the same)."""
    pieces = parts(token)
    terms = [word_term(piece, english) for piece in pieces]
    joined = ""
    if len(pieces) > 1:
        whole = word_term("".join(pieces), english)
        if whole and whole not in terms:
            joined = whole
    return tuple(t for t in terms if t), joined


# Whitespace-separated chunk of text ("klynger," or "(it-virksomheder)") → its running terms and
# its joined compounds, per language. Words never span whitespace, so analysing a text chunk by
# chunk gives the same terms as analysing it whole; splitting on whitespace is done in C, and a
# chunk seen before costs one dict lookup. Cleared when large, so memory stays bounded.
_CHUNKS: tuple[dict[str, tuple[tuple[str, ...], tuple[str, ...]]], ...] = ({}, {})
_CHUNK_CACHE_LIMIT = 200_000


def _chunk_terms(chunk: str, english: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    running: list[str] = []
    joined: list[str] = []
    for token in WORD.findall(chunk):
        terms, whole = _token_terms(token, english)
        running.extend(terms)
        if whole:
            joined.append(whole)
    return tuple(running), tuple(joined)


def analyze(text: str, english: bool = False) -> list[str]:
    """The index terms of a text, in order, stopwords dropped; joined compounds at the end."""
    cache = _CHUNKS[english]
    if len(cache) > _CHUNK_CACHE_LIMIT:
        cache.clear()
    out: list[str] = []
    joined: list[str] = []
    for chunk in text.split():
        entry = cache.get(chunk)
        if entry is None:
            entry = cache[chunk] = _chunk_terms(chunk, english)
        out.extend(entry[0])
        if entry[1]:
            joined.extend(entry[1])
    return out + joined


def phrase_terms(text: str, english: bool = False) -> list[str]:
    """The running terms of a phrase: what :func:`analyze` gives, without the joined compounds."""
    return [t for token in WORD.findall(text) for t in _token_terms(token, english)[0]]


def query_terms(word: str) -> list[str]:
    """The terms a query word may match: its Danish and its English stem."""
    stems = [word_term(word), word_term(word, english=True)]
    return [stem for stem in dict.fromkeys(stems) if stem]
