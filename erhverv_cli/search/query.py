"""Query parsing: the query language, typo tolerance, Danish compounds and the thesaurus.

The language: words (cases holding all of them rank first), ``"exact phrase"``, ``-word`` or
``-"phrase"`` to exclude, ``word*`` for a prefix, and ``title:word`` to look in one field
(title, summary, text, kommune, english). Anything else is read as text, never as an error.

Each query word becomes a *group* of index terms it may match, each with a weight: its own
Danish and English stems (1.0), and below that the compounds of the corpus it is part of
("netværk" → "ledernetværk"), or, for a word the corpus does not know, the known words one or
two typing errors away ("klyngeudviklng") or the known words it is made of
("ledelsesnetværk" → "ledelse" + "netværk"). The domain thesaurus adds synonyms and
translations below those ("circular economy" → symbiose, affald, spildstrøm). Every
alternative is checked against the index vocabulary, so nothing is guessed that the corpus
cannot match.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from erhverv_cli.folding import fold
from erhverv_cli.search.analysis import WORD, parts, phrase_terms, query_terms, word_term
from erhverv_cli.search.corrections import Group, TermSource, Vocabulary, word_groups
from erhverv_cli.search.documents import ENGLISH_COLUMN
from erhverv_cli.search.settings import (
    COMPOUND_WEIGHT,
    MAX_PREFIX_TERMS,
    MIN_TYPO_LENGTH,
    TYPO_WEIGHT,
)

_QUOTES = '"“”„'
# A quoted phrase (the closing quote may be missing), with what stands right before it.
_QUOTED = re.compile(
    rf"(?:(?<!\S)(?P<sign>-))?(?:(?<![^\W\d_])(?P<field>[^\W\d_]+):)?[{_QUOTES}](?P<text>[^{_QUOTES}]*)[{_QUOTES}]?"
)
# Field names a word or phrase may be scoped to, and the index columns they mean.
FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title",), "titel": ("title",), "summary": ("summary",), "resume": ("summary",),
    "text": ("body",), "tekst": ("body",), "kommune": ("places",), "municipality": ("places",),
    "place": ("places",), "sted": ("places",), "english": ("english",), "en": ("english",),
}  # fmt: skip

__all__ = ["COMPOUND_WEIGHT", "MIN_TYPO_LENGTH", "TYPO_WEIGHT", "ParsedQuery", "Phrase", "parse_query"]


@dataclass
class Phrase:
    """Terms that must follow one another: the Danish analysis for Danish text, the English for English."""

    danish: list[str]
    english: list[str]

    def terms(self) -> list[str]:
        return [*self.danish, *self.english]


@dataclass(frozen=True)
class Expansion:
    """A thesaurus term a query word also searches for: one analysed term, or a phrase of several."""

    word: str  # the query word or words it came from
    term: str  # the thesaurus term as written
    language: str  # "da" or "en": the columns it may match
    concept: str
    terms: tuple[str, ...]


@dataclass
class ParsedQuery:
    """A query as groups of alternative terms (one group per word) and phrases.

    ``weights`` holds the weight of the alternatives below 1.0 (typo corrections, compounds);
    a term not in it weighs 1.0. ``scopes`` restricts a stem to the columns analysed in its
    language ("danish" or "english"); a term not in it may match any column.
    """

    text: str
    groups: list[list[str]] = field(default_factory=list)
    phrases: list[Phrase] = field(default_factory=list)
    weights: dict[str, float] = field(default_factory=dict)
    scopes: dict[str, str] = field(default_factory=dict)
    # Per unit (the groups, then the phrases): the query words it stands for, the id of the word
    # a case must hold to count as holding every word (None: a bonus, such as "it-klynge" read as
    # a phrase), and the columns it is limited to (field scoping; absent: all).
    labels: list[str] = field(default_factory=list)
    requirements: list[int | None] = field(default_factory=list)
    columns: dict[int, tuple[str, ...]] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)  # term → typo, compound, split, prefix
    expansions: dict[int, list[Expansion]] = field(default_factory=dict)  # group → thesaurus terms
    excluded: list[list[str]] = field(default_factory=list)  # -word: cases with any of these go
    excluded_phrases: list[Phrase] = field(default_factory=list)

    def weight(self, term: str) -> float:
        return self.weights.get(term, 1.0)

    def matches_column(self, term: str, column: str) -> bool:
        """Whether ``term`` may match in ``column``: a Danish stem not in English text and back."""
        scope = self.scopes.get(term)
        return scope is None or (scope == "english") == (column == ENGLISH_COLUMN)

    @property
    def empty(self) -> bool:
        return not self.groups and not self.phrases and not self.excluded and not self.excluded_phrases

    @property
    def positive(self) -> bool:
        """Whether the query asks for something (not only for what to leave out)."""
        return bool(self.groups or self.phrases)

    def requirement(self, unit: int) -> int | None:
        """The query word a unit stands for (units built without words stand for themselves)."""
        return self.requirements[unit] if unit < len(self.requirements) else unit

    @property
    def required(self) -> int:
        """How many query words a case holds when it holds every word."""
        return len({r for r in self.requirements if r is not None})

    def match_terms(self) -> set[str]:
        """Every term a hit may contain because of this query (for highlighting)."""
        found = {t for group in self.groups for t in group}
        found.update(t for phrase in self.phrases for t in phrase.terms())
        # A thesaurus phrase ("business cluster") is not marked word by word: "business" alone is
        # no match for it.
        found.update(e.terms[0] for items in self.expansions.values() for e in items if len(e.terms) == 1)
        return found


def _phrase(text: str) -> Phrase:
    return Phrase(phrase_terms(text), phrase_terms(text, english=True))


class _Parser:
    """Builds a :class:`ParsedQuery` unit by unit."""

    def __init__(self, text: str, source: TermSource) -> None:
        self.parsed = ParsedQuery(text)
        self.source = source
        self.vocabulary = Vocabulary(source)
        self.words = 0  # requirement ids: one per query word

    def add_group(
        self, group: Group, label: str, requirement: int | None, columns: tuple[str, ...] | None
    ) -> None:
        parsed = self.parsed
        terms = list(group)
        if not terms or (terms in parsed.groups and columns is None):
            return
        seen = {t for existing in parsed.groups for t in existing}
        parsed.groups.append(terms)
        unit = len(parsed.groups) - 1
        parsed.labels.insert(unit, label)
        parsed.requirements.insert(unit, requirement)
        if columns is not None:
            parsed.columns[unit] = columns
        for name, (weight, scope) in group.items():
            # A term that is exact for one word and a compound of another counts as exact,
            # and one that two words reach in different languages matches every column.
            best = max(weight, parsed.weight(name) if name in seen else 0.0)
            if best < 1.0:
                parsed.weights[name] = best
            else:
                parsed.weights.pop(name, None)
            if name not in seen and scope:
                parsed.scopes[name] = scope
            elif name in seen and parsed.scopes.get(name) != (scope or None):
                parsed.scopes.pop(name, None)

    def add_phrase(
        self, phrase: Phrase, label: str, requirement: int | None, columns: tuple[str, ...] | None
    ) -> None:
        if len(phrase.danish) < 2 and len(phrase.english) < 2:
            return
        self.parsed.phrases.append(phrase)
        self.parsed.labels.append(label)
        self.parsed.requirements.append(requirement)
        if columns is not None:
            self.parsed.columns[len(self.parsed.groups) + len(self.parsed.phrases) - 1] = columns

    def requirement(self) -> int:
        self.words += 1
        return self.words - 1

    def domain_word(self, word: str) -> bool:
        return bool(self.source.thesaurus().concepts_of(word))

    def quoted(self, text: str, negated: bool, columns: tuple[str, ...] | None) -> None:
        phrase = _phrase(text)
        if negated:
            if len(phrase.danish) > 1 or len(phrase.english) > 1:
                self.parsed.excluded_phrases.append(phrase)
            elif phrase.terms():
                self.parsed.excluded.append(phrase.terms())
            return
        if len(phrase.danish) > 1 or len(phrase.english) > 1:
            self.add_phrase(phrase, f'"{text.strip()}"', self.requirement(), columns)
        elif phrase.terms():
            # One quoted word: exactly that word, no typo tolerance, compounds or thesaurus.
            requirement = self.requirement()
            label = f'"{text.strip()}"'
            self.add_group(
                {phrase.danish[0]: (1.0, "danish")} if phrase.danish else {}, label, requirement, columns
            )
            self.add_group(
                {phrase.english[0]: (1.0, "english")} if phrase.english else {}, label, requirement, columns
            )

    def prefix(self, text: str, negated: bool, columns: tuple[str, ...] | None) -> None:
        """``kly*``: every index term that begins with the folded letters."""
        folded = re.sub(r"[^0-9a-z]", "", fold(text))
        if len(folded) < 2:
            return
        terms = self.source.terms_with_prefix(folded, MAX_PREFIX_TERMS)
        if negated:
            if terms:
                self.parsed.excluded.append(terms)
            return
        group: Group = {t: (1.0, "") for t in terms} or {folded: (1.0, "")}
        for name in group:
            self.parsed.kinds.setdefault(name, "prefix")
        self.add_group(group, f"{text}*", self.requirement(), columns)

    def word(self, token: str, negated: bool, columns: tuple[str, ...] | None) -> list[int]:
        """A plain word (maybe hyphenated): its groups, and for "it-klynge" also a phrase bonus."""
        pieces = parts(token)
        if negated:
            terms = [t for piece in pieces for t in query_terms(piece)]
            if terms:
                self.parsed.excluded.append(terms)
            return []
        units: list[int] = []
        requirement = self.requirement()
        for piece in pieces:
            for group in word_groups(self.vocabulary, piece, self.parsed.kinds, self.domain_word):
                before = len(self.parsed.groups)
                self.add_group(group, token, requirement, columns)
                units += range(before, len(self.parsed.groups))
        if len(pieces) > 1:
            self.add_phrase(_phrase(token), token, None, columns)
        return units

    def expand(self, text: str, units_by_word: list[tuple[str, list[int]]]) -> None:
        """Thesaurus terms for the words (and runs of words) of the plain text, under their groups."""
        lookup = self.source.thesaurus()
        plain = " ".join(word for word, _units in units_by_word)
        if not plain.strip():
            return
        literal = {t for group in self.parsed.groups for t in group}
        position = 0
        for phrase, found in lookup.phrase_expansions(plain):
            size = len(WORD.findall(phrase))
            while (
                position < len(units_by_word)
                and WORD.findall(units_by_word[position][0])[:1] != WORD.findall(phrase)[:1]
            ):
                position += 1
            covered = [unit for _word, units in units_by_word[position : position + size] for unit in units]
            position += size
            for term_text, language, concept in found:
                analysed = tuple(phrase_terms(term_text, english=language == "en"))
                if not analysed or (len(analysed) == 1 and analysed[0] in literal):
                    continue
                if len(analysed) == 1 and not self.vocabulary.known(
                    analysed[0], "english" if language == "en" else "danish"
                ):
                    continue
                expansion = Expansion(phrase, term_text, language, concept, analysed)
                for unit in covered:
                    self.parsed.expansions.setdefault(unit, [])
                    if expansion not in self.parsed.expansions[unit]:
                        self.parsed.expansions[unit].append(expansion)


def _english_stopword(word: str) -> bool:
    return not word.isupper() and not word_term(word, english=True) and "-" not in word


def _tokens(text: str) -> list[tuple[str, str, bool, tuple[str, ...] | None]]:
    """(kind, text, negated, columns) in order: kind is "quoted", "prefix" or "word"."""
    out: list[tuple[str, str, bool, tuple[str, ...] | None]] = []
    position = 0
    for match in _QUOTED.finditer(text):
        out += _plain_tokens(text[position : match.start()])
        field_name = (match.group("field") or "").casefold()
        columns = FIELDS.get(field_name)
        if match.group("field") and columns is None:
            out += _plain_tokens(match.group("field"))  # "foo:" is no field: read it as a word
        out.append(("quoted", match.group("text"), bool(match.group("sign")), columns))
        position = match.end()
    return out + _plain_tokens(text[position:])


def _plain_tokens(text: str) -> list[tuple[str, str, bool, tuple[str, ...] | None]]:
    out: list[tuple[str, str, bool, tuple[str, ...] | None]] = []
    for chunk in text.split():
        negated = chunk.startswith("-") and len(chunk) > 1 and chunk[1].isalnum()
        chunk = chunk[1:] if negated else chunk
        columns = None
        name, colon, rest = chunk.partition(":")
        if colon and rest and name.casefold() in FIELDS:
            columns, chunk = FIELDS[name.casefold()], rest
        stripped = chunk.rstrip(".,;!?)]}")
        if stripped.endswith("*") and WORD.fullmatch(stripped.rstrip("*")):
            out.append(("prefix", stripped.rstrip("*"), negated, columns))
            continue
        out += [("word", match.group(0), negated, columns) for match in WORD.finditer(chunk)]
    return out


def _english(tokens: list[tuple[str, str, bool, tuple[str, ...] | None]], vocabulary: Vocabulary) -> bool:
    """Whether a query reads as English: most of its words are known to the index only as
    English words. Then "by", "to" and "it" are the English stopwords, not town, two and IT."""
    words = [token for kind, token, _negated, _columns in tokens if kind == "word"]
    english = danish = 0
    for word in words:
        da, en = word_term(word), word_term(word, english=True)
        if not da or not en:
            continue
        in_english = vocabulary.known(en, "english")
        in_danish = vocabulary.known(da, "danish")
        english += in_english and not in_danish
        danish += in_danish and not in_english
    return english >= 2 and english > danish


def parse_query(text: str, source: TermSource) -> ParsedQuery:
    """Analyse a user query against the index vocabulary (typos, compounds, the thesaurus)."""
    parser = _Parser(unicodedata.normalize("NFC", text), source)
    plain: list[tuple[str, list[int]]] = []
    tokens = _tokens(parser.parsed.text)
    if _english(tokens, parser.vocabulary):
        tokens = [token for token in tokens if token[0] != "word" or not _english_stopword(token[1])]
    for kind, token, negated, columns in tokens:
        if kind == "quoted":
            parser.quoted(token, negated, columns)
        elif kind == "prefix":
            parser.prefix(token, negated, columns)
        else:
            units = parser.word(token, negated, columns)
            if units and columns is None:
                plain.append((token, units))
    parser.expand(parser.parsed.text, plain)
    return parser.parsed
