"""Danish-aware text folding shared by reference data, vocabularies and search.

Users often type without æ, ø and å: "Koge" for Køge, "Aarhus" or "Århus", "vaeksthus".
Both spellings of a word must meet in one key, so folding maps the Danish letters and their
ASCII transliterations (ae, oe, aa) onto the same plain vowels.
"""

from __future__ import annotations

import re
import unicodedata

_DANISH = str.maketrans({"æ": "a", "ø": "o", "å": "a", "ä": "a", "ö": "o", "ü": "u"})
_DIGRAPHS = re.compile(r"aa|ae|oe")
_DIGRAPH_VOWEL = {"aa": "a", "ae": "a", "oe": "o"}
_TRANSLITERATE = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Fold text to a lower-case ASCII key where Danish spellings and transliterations meet.

    ``fold("Køge") == fold("Koge") == fold("Koege")`` and ``fold("Århus") == fold("Aarhus")``.
    """
    lowered = text.casefold().translate(_DANISH)
    if "aa" in lowered or "ae" in lowered or "oe" in lowered:
        lowered = _DIGRAPHS.sub(lambda m: _DIGRAPH_VOWEL[m.group(0)], lowered)
    if lowered.isascii():
        return lowered  # nothing to decompose: the common case, and a hot path of search
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold_name(text: str) -> str:
    """Fold a proper name, also ignoring hyphens, spaces and punctuation ("Lyngby Taarbaek")."""
    return _NON_WORD.sub("", fold(text))


def to_ascii_id(text: str) -> str:
    """Turn a Danish title into a kebab-case ASCII id: "Væksthus Århus" -> "vaeksthus-aarhus"."""
    translit = text.casefold().translate(_TRANSLITERATE)
    decomposed = unicodedata.normalize("NFKD", translit)
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub("-", ascii_only).strip("-")
