"""What a query word may also mean: typo corrections, Danish compounds and split compounds,
each checked against the index vocabulary, so nothing is guessed that the corpus cannot match.

Used by :mod:`.query`; the weights are in :mod:`.settings`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from erhverv_cli.folding import fold
from erhverv_cli.search.analysis import query_terms, term, word_term
from erhverv_cli.search.documents import ENGLISH_COLUMN
from erhverv_cli.search.settings import (
    COMPOUND_WEIGHT,
    MAX_CORRECTED_LENGTH,
    MAX_TYPO_CANDIDATES,
    MIN_COMPOUND_PART,
    MIN_TYPO_LENGTH,
    TYPO_WEIGHT,
)

_LINKS = ("s", "e")  # Danish linking letters between the parts of a compound: ledelse-s-netværk


class TermSource(Protocol):
    """The index's vocabulary, as query parsing asks it (``CorpusIndex``)."""

    def term_known(self, candidate: str, column: str = "", in_column: bool = True) -> bool: ...
    def terms_starting(self, letter: str, shortest: int, longest: int) -> list[tuple[str, int]]: ...
    def terms_containing(self, part: str, shortest: int) -> list[str]: ...
    def term_documents(self, terms: list[str]) -> dict[str, int]: ...
    def terms_with_prefix(self, prefix: str, limit: int) -> list[str]: ...
    def thesaurus(self) -> Any: ...


class Vocabulary:
    """The index's terms, asked narrowly (by first letter and length, or by a part they contain),
    so that a query costs the same on 18 cases as on 10,000. Answers are kept for the query."""

    def __init__(self, source: TermSource) -> None:
        self.source = source
        self._known: dict[tuple[str, str], bool] = {}
        self._documents: dict[str, int] = {}

    def known(self, candidate: str, scope: str = "") -> bool:
        """Whether the index has the term: anywhere, or in the columns of one language."""
        key = (candidate, scope)
        if key not in self._known:
            if scope:
                self._known[key] = self.source.term_known(candidate, ENGLISH_COLUMN, scope == "english")
            else:
                self._known[key] = self.source.term_known(candidate)
        return self._known[key]

    def documents(self, candidate: str) -> int:
        """How many documents hold the term."""
        if candidate not in self._documents:
            self._documents[candidate] = self.source.term_documents([candidate]).get(candidate, 0)
        return self._documents[candidate]

    def starting_with(self, letter: str, shortest: int, longest: int) -> list[str]:
        """Terms that begin with one letter, of a length in [shortest, longest]."""
        rows = self.source.terms_starting(letter, shortest, longest)
        self._documents.update(rows)
        return [candidate for candidate, _docs in rows]

    def containing(self, part: str, shortest: int) -> list[str]:
        """Terms of at least ``shortest`` letters that contain ``part``, in term order."""
        return self.source.terms_containing(part, shortest)


def _max_edits(length: int) -> int:
    return 1 if length < 8 else 2


def _typo_candidates(vocabulary: Vocabulary, wanted: str) -> list[str]:
    """Known terms within a small edit distance of an unknown term (same first letter).

    A misspelt ending can keep the stemmer from removing it ("mikrovirksomheter"), so a known
    term that matches the start of the word, with at most three letters left over, counts as
    one edit more.
    """
    from rapidfuzz.distance import DamerauLevenshtein

    limit = _max_edits(len(wanted))
    scored = []
    for candidate in vocabulary.starting_with(wanted[:1], len(wanted) - 3, len(wanted) + limit):
        if candidate == wanted:
            continue
        extra = len(wanted) - len(candidate)
        if abs(extra) <= limit:
            distance = DamerauLevenshtein.distance(wanted, candidate, score_cutoff=limit)
            if distance <= limit:
                scored.append((distance, candidate))
                continue
        if 1 <= extra <= 3 and len(candidate) >= 5:
            distance = (
                DamerauLevenshtein.distance(wanted[: len(candidate)], candidate, score_cutoff=limit) + 1
            )
            if distance <= limit:
                scored.append((distance, candidate))
    if not scored:
        return []
    # Only the closest; among equally close ones the words more cases use are likelier meant.
    best = min(distance for distance, _candidate in scored)
    closest = sorted((c for d, c in scored if d == best), key=lambda c: (-vocabulary.documents(c), c))
    return closest[:MAX_TYPO_CANDIDATES]


def _unlinked(text: str) -> list[str]:
    """A compound's first part as written, and without a linking letter."""
    forms = [text]
    if len(text) > MIN_COMPOUND_PART and text[-1] in _LINKS:
        forms.append(text[:-1])
    return forms


def _known_part(vocabulary: Vocabulary, text: str) -> str | None:
    for form in _unlinked(text):
        candidate = term(form)
        if len(candidate) >= MIN_COMPOUND_PART and vocabulary.known(candidate):
            return candidate
    return None


def _compounds(vocabulary: Vocabulary, stem: str, surface: str) -> list[str]:
    """Known compounds with this word as their last part ("ledernetværk") or first part.

    The rest of the compound must itself be a known word, so "vejledning" is not taken for a
    compound of "Vejle".
    """
    if len(stem) < 4:
        return []
    heads, modifiers = [], []
    starts = {stem, fold(surface)}
    for candidate in vocabulary.containing(stem, len(stem) + MIN_COMPOUND_PART):
        if candidate.endswith(stem) and _known_part(vocabulary, candidate[: -len(stem)]):
            heads.append(candidate)
            continue
        for start in starts:
            rest = candidate[len(start) :]
            if (
                candidate.startswith(start)
                and len(rest) >= MIN_COMPOUND_PART
                and any(vocabulary.known(form) for form in _unlinked_head(rest))
            ):
                modifiers.append(candidate)
                break
    return heads + modifiers


def _unlinked_head(rest: str) -> list[str]:
    # After the first part: "svirksom" → "virksom"; the stemmer may cut a lone word shorter.
    forms = [rest]
    if rest[0] in _LINKS and len(rest) > MIN_COMPOUND_PART:
        forms.append(rest[1:])
    return [*forms, *(term(form) for form in forms)]


def _split(vocabulary: Vocabulary, word: str) -> list[str]:
    """An unknown word as two known words ("ledelsesnetværk" → ledels, netvark), or []."""
    lowered = word.casefold()
    best: tuple[int, list[str]] | None = None
    for cut in range(MIN_COMPOUND_PART, len(lowered) - MIN_COMPOUND_PART + 1):
        first = _known_part(vocabulary, lowered[:cut])
        if first is None:
            continue
        last = term(lowered[cut:])
        if len(last) < MIN_COMPOUND_PART or not vocabulary.known(last):
            continue
        balance = min(cut, len(lowered) - cut)
        if best is None or balance > best[0]:
            best = (balance, [first, last])
    return best[1] if best else []


# One query word's alternatives: term → (weight, scope). The scope says which columns the term
# may match: "danish" (the Danish-analysed ones), "english", or "" for all of them.
Group = dict[str, tuple[float, str]]


def word_groups(
    vocabulary: Vocabulary, word: str, kinds: dict[str, str], domain_word: Callable[[str], bool] = bool
) -> list[Group]:
    """The groups of terms one query word (without hyphens) stands for; ``kinds`` learns which
    alternatives are corrections (for --explain). A word the thesaurus knows ("upskilling") is
    never corrected into another word: its synonyms find what it means."""
    terms = query_terms(word)
    if not terms:
        return []
    danish, english = word_term(word), word_term(word, english=True)
    # Each stem matches the columns analysed in its language: "branding" must not find "Brande"
    # through the English stem "brand". A Danish word that is an English stopword ("it", "to",
    # "by") keeps every column: in English text "IT" is indexed as the acronym.
    same = danish == english or not english
    scopes = {danish: ""} if same else {danish: "danish", english: "english"}
    known = [t for t in terms if vocabulary.known(t, scopes[t])]
    if not danish or not english:
        # A stopword in one language ("og", "skal", "it"): only what the corpus has of the other.
        return [{t: (1.0, scopes[t]) for t in known}] if known else []
    if known:
        group: Group = {t: (1.0, scopes[t]) for t in known}
        if danish in known:
            for compound in _compounds(vocabulary, danish, word.casefold()):
                group.setdefault(compound, (COMPOUND_WEIGHT, ""))
                kinds.setdefault(compound, "compound")
        return [group]
    if MIN_TYPO_LENGTH <= len(fold(word)) <= MAX_CORRECTED_LENGTH and not domain_word(word):
        typos = _typo_candidates(vocabulary, terms[0])
        if typos:
            kinds.update(dict.fromkeys(typos, "typo"))
            return [dict.fromkeys(typos, (TYPO_WEIGHT, ""))]
        split = _split(vocabulary, word)
        if split:
            kinds.update(dict.fromkeys(split, "split"))
            return [{part: (1.0, "")} for part in split]
        compounds = _compounds(vocabulary, term(word), word.casefold())
        if compounds:
            kinds.update(dict.fromkeys(compounds, "compound"))
            return [dict.fromkeys(compounds, (COMPOUND_WEIGHT, ""))]
    # Nothing in the corpus is like it: keep it, so the query still says what was asked.
    return [{terms[0]: (1.0, "")}]
