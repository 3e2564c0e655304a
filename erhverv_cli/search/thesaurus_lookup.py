"""Query expansion from the domain thesaurus: which concepts a word or phrase belongs to, and
the other terms of those concepts.

:class:`Lookup` indexes the thesaurus (:mod:`erhverv_cli.thesaurus` reads and validates the file)
by folded terms and by their Danish and English stems, as the search index stems text. It can be
stored as plain rows in the index, so queries expand without loading pydantic or YAML.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from erhverv_cli.folding import term_key

if TYPE_CHECKING:
    from erhverv_cli.thesaurus import Thesaurus

LANGUAGES = ("da", "en")
Expansion = tuple[str, str, str]  # (term, language, concept id)

# -- lookup: which concepts a query word or phrase belongs to -------------------------------------

# A stem match counts only when the term is the query word give or take an ending: after the
# longest shared (folded) beginning, at most this many letters of the term may remain. Snowball
# stems are coarse: "ledig" (unemployed), "leder" (manager) and "ledelse" (management) are all
# "led", "succession" is "success", "productivity" is "product".
MAX_TERM_ENDING = 2


def _pieces(text: str) -> list[str]:
    from erhverv_cli.search.analysis import WORD, parts

    return [piece for token in WORD.findall(unicodedata.normalize("NFC", text)) for piece in parts(token)]


def match_keys(text: str, language: str | None = None) -> frozenset[str]:
    """The keys under which a term or query text is looked up.

    ``=…``: the folded text (case, æ/ø/å spelling, hyphens and spaces ignored); ``da:…`` and
    ``en:…``: its words' Danish or English stems, as the search index stems them (stopwords
    dropped), and the stem of the words written as one ("erfa gruppe" → "erfagruppe"). A term
    gets the stem keys of its own language; a query, not knowing its language, gets both.
    """
    from erhverv_cli.search.analysis import word_term

    keys: set[str] = set()
    exact = term_key(text)
    if exact:
        keys.add("=" + exact)
    pieces = _pieces(text)
    if len(pieces) == 1 and re.fullmatch(r"[A-Z]{2,}s", pieces[0]):
        keys.add("=" + term_key(pieces[0][:-1]))  # an acronym's plural: "SMEs" is "SME"
    for lang in (language,) if language else LANGUAGES:
        english = lang == "en"
        running = [stem for stem in (word_term(piece, english) for piece in pieces) if stem]
        if running:
            keys.add(f"{lang}:" + " ".join(running))
        if len(pieces) > 1:
            joined = word_term("".join(pieces), english)
            if joined:
                keys.add(f"{lang}:{joined}")
    return frozenset(keys)


def _content_words(text: str, language: str) -> tuple[str, ...]:
    """The folded words of a text that its language does not drop as stopwords."""
    from erhverv_cli.search.analysis import word_term

    english = language == "en"
    return tuple(term_key(piece) for piece in _pieces(text) if word_term(piece, english))


def _shared_beginning(a: str, b: str) -> int:
    size = 0
    for left, right in zip(a, b, strict=False):
        if left != right:
            break
        size += 1
    return size


def _closeness(query: Sequence[str], term: Sequence[str]) -> int | None:
    """How many letters a query and a term share from their beginnings, word by word, or None
    when the term is more than an ending away from the query (see MAX_TERM_ENDING)."""
    pairs = (
        list(zip(query, term, strict=True)) if len(query) == len(term) else [("".join(query), "".join(term))]
    )
    shared = 0
    for asked, written in pairs:
        common = _shared_beginning(asked, written)
        if len(written) - common > MAX_TERM_ENDING:
            return None
        shared += common
    return shared


@dataclass(frozen=True)
class _Entry:
    term: str
    language: str
    concept: str
    keys: frozenset[str]
    words: tuple[str, ...]


class Lookup:
    """A thesaurus indexed for query expansion: key → the terms (of concepts) with that key.

    It can be stored as plain rows (:meth:`rows`, :meth:`from_rows`): the search index keeps
    them, so answering a query needs neither pydantic nor the YAML parser.
    """

    def __init__(self, thesaurus: Thesaurus | None = None) -> None:
        self._order: dict[str, int] = {}
        self._entries: dict[str, list[_Entry]] = {}
        self._by_key: dict[str, list[_Entry]] = {}
        for concept in thesaurus.concepts if thesaurus is not None else ():
            self._add(
                _Entry(term, language, concept.id, match_keys(term, language), _content_words(term, language))
                for language in LANGUAGES
                for term in getattr(concept, language)
            )

    def _add(self, entries: Iterable[_Entry]) -> None:
        for entry in entries:
            self._order.setdefault(entry.concept, len(self._order))
            self._entries.setdefault(entry.concept, []).append(entry)
            for key in entry.keys:
                self._by_key.setdefault(key, []).append(entry)

    def rows(self) -> list[list[Any]]:
        """Every term as a plain row (term, language, concept, keys, words), concepts in order."""
        return [
            [entry.term, entry.language, entry.concept, sorted(entry.keys), list(entry.words)]
            for concept in self._order
            for entry in self._entries[concept]
        ]

    @classmethod
    def from_rows(cls, rows: Iterable[Sequence[Any]]) -> Lookup:
        """A lookup from :meth:`rows` (made by the same analysis, or the keys would not match)."""
        lookup = cls()
        lookup._add(
            _Entry(str(term), str(language), str(concept), frozenset(keys), tuple(words))
            for term, language, concept, keys, words in rows
        )
        return lookup

    def concept_ids(self) -> list[str]:
        return list(self._order)

    def name(self, concept: str) -> str:
        """A concept in plain words: its first Danish term."""
        entries = self._entries.get(concept, [])
        return next((e.term for e in entries if e.language == "da"), entries[0].term if entries else concept)

    def concepts_of_terms(self, terms: Iterable[str], language: str) -> set[str]:
        """The concepts that single index terms of a text (stems of one language) stand for: a
        cheap way to see which ideas of the field a case is about."""
        found: set[str] = set()
        for term in terms:
            for entry in self._by_key.get(f"{language}:{term}", ()):
                if len(entry.words) == 1:
                    found.add(entry.concept)
        return found

    def concepts_of(self, text: str) -> list[str]:
        """The ids of the concepts that have ``text``, or an inflection of it, as a term.

        A term written as the query (folded) wins; failing that, the terms that share the query's
        stem and are at most an ending away from it, and of those the closest.
        """
        keys = match_keys(text)
        exact = {entry.concept for key in keys if key.startswith("=") for entry in self._by_key.get(key, ())}
        if exact:
            return sorted(exact, key=self._order.__getitem__)
        words = {language: _content_words(text, language) for language in LANGUAGES}
        scores: dict[str, int] = {}
        for key in keys:
            for entry in self._by_key.get(key, ()):
                score = _closeness(words[entry.language], entry.words)
                if score is not None and score > scores.get(entry.concept, -1):
                    scores[entry.concept] = score
        if not scores:
            return []
        best = max(scores.values())
        return sorted((c for c, score in scores.items() if score == best), key=self._order.__getitem__)

    def expansions(self, text: str) -> list[Expansion]:
        """The other terms of every concept ``text`` is a term of: (term, language, concept id).

        Terms that are the query itself (same fold or same stem) are left out.
        """
        if not text.strip():
            return []
        query = match_keys(text)
        out: list[Expansion] = []
        for concept in self.concepts_of(text):
            for entry in self._entries[concept]:
                if not entry.keys & query:
                    out.append((entry.term, entry.language, entry.concept))
        return out

    def phrase_expansions(self, query: str, max_words: int = 4) -> list[tuple[str, list[Expansion]]]:
        """Expansions of the terms found in a longer query, longest match first, left to right.

        "peer network for directors" → [("peer network", […]), ("directors", […])].

        A phrase of several words neither starts nor ends with a stopword of either language
        ("for", "til", "the"): stems drop them, so "peer network for" would match. A lone word
        that is a stopword of one language is expanded only when written in capitals: "IT
        klynge" expands IT, while in "what is it" the pronoun stays alone. Hyphenated compounds
        ("it-klynge") are one word and match as such. :meth:`expansions` itself takes any word.
        """
        from erhverv_cli.search.analysis import WORD, word_term

        words = WORD.findall(query)
        content = [bool(word_term(word) and word_term(word, english=True)) for word in words]
        found: list[tuple[str, list[Expansion]]] = []
        start = 0
        while start < len(words):
            for size in range(min(max_words, len(words) - start), 0, -1):
                edges_ok = content[start] and content[start + size - 1]
                if not edges_ok and (size > 1 or not words[start].isupper()):
                    continue
                phrase = " ".join(words[start : start + size])
                expanded = self.expansions(phrase)
                if expanded:
                    found.append((phrase, expanded))
                    start += size
                    break
            else:
                start += 1
        return found


@lru_cache(maxsize=1)
def default_lookup() -> Lookup:
    """The bundled thesaurus, loaded and indexed once per process."""
    from erhverv_cli.thesaurus import load_thesaurus

    return Lookup(load_thesaurus())


def expansions(word_or_phrase: str) -> list[Expansion]:
    """The other terms of every concept of the bundled thesaurus that the word or phrase is a term of.

    ``expansions("klynger")`` → ``[("erhvervsklynge", "da", "klynge"), ("cluster", "en", "klynge"), …]``.
    Matching ignores case and æ/ø/å spelling and knows inflections by their Danish or English stem.
    """
    return default_lookup().expansions(word_or_phrase)
