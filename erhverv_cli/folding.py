"""Danish-aware text folding shared by reference data, vocabularies and search.

Users often type without æ, ø and å: "Koge" for Køge, "Aarhus" or "Århus", "vaeksthus".
Both spellings of a word must meet in one key, so folding maps the Danish letters and their
ASCII transliterations (ae, oe, aa) onto the same plain vowels.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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


def term_key(term: str) -> str:
    """The key two thesaurus terms are the same by: NFC, folded, case and punctuation ignored
    ("Erfa-gruppe" is "erfagruppe")."""
    return fold_name(unicodedata.normalize("NFC", term))


def to_ascii_id(text: str) -> str:
    """Turn a Danish title into a kebab-case ASCII id: "Væksthus Århus" -> "vaeksthus-aarhus"."""
    translit = text.casefold().translate(_TRANSLITERATE)
    decomposed = unicodedata.normalize("NFKD", translit)
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub("-", ascii_only).strip("-")


@lru_cache(maxsize=1)
def _latin_letters_by_fold() -> dict[str, str]:
    """Folded letter → every Latin character that folds to it ("a": AaÀÁÂÃÄÅÆàáâãäåæ…)."""
    found: dict[str, set[str]] = {}
    for code in [*range(0x41, 0x5B), *range(0x61, 0x7B), *range(0xC0, 0x250)]:
        char = chr(code)
        key = fold(char)
        if len(key) == 1 and key.isalpha():
            found.setdefault(key, set()).add(char)
    return {letter: "".join(sorted(chars)) for letter, chars in found.items()}


def _letters_folding_to(letter: str) -> str:
    return _latin_letters_by_fold().get(letter, letter)


def spelling_pattern(folded: str) -> str:
    """A regular expression for the ways a folded text may be written: "vak" matches "væk",
    "vaek" and "Vaek". Made from the folding rules above, so the two cannot disagree."""
    parts = []
    for letter in folded:
        if not letter.isalpha():
            parts.append(re.escape(letter))
            continue
        single = f"[{re.escape(_letters_folding_to(letter))}]"
        # A digraph (aa, ae, oe) folds to its first vowel: allow its second letter to follow.
        seconds = {pair[1] for pair, vowel in _DIGRAPH_VOWEL.items() if vowel == letter}
        if seconds:
            following = "".join(_letters_folding_to(second) for second in sorted(seconds))
            single += f"[{re.escape(following)}]?"
        parts.append(single)
    return "".join(parts)
