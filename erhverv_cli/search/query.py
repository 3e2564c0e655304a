"""Query parsing: words, "quoted phrases", typo tolerance, and the FTS5 expression they become."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field

from erhverv_cli.folding import fold
from erhverv_cli.search.analysis import WORD, STOPWORDS, query_terms, term

_PHRASE = re.compile(r"[\"“”„]([^\"“”„]+)[\"“”„]")
MIN_TYPO_LENGTH = 4


@dataclass
class ParsedQuery:
    """A query as groups of alternative terms (one group per word) and phrases of terms."""

    text: str
    groups: list[list[str]] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.groups and not self.phrases

    def match_terms(self) -> set[str]:
        """Every term a hit may contain because of this query (for highlighting)."""
        found = {t for group in self.groups for t in group}
        found.update(t for phrase in self.phrases for t in phrase)
        return found

    def fts_expression(self) -> str:
        """The FTS5 MATCH expression: any word or phrase may match; BM25 ranks the rest."""
        parts = []
        for group in self.groups:
            alternatives = " OR ".join(f'"{t}"' for t in group)
            parts.append(f"({alternatives})" if len(group) > 1 else alternatives)
        for phrase in self.phrases:
            parts.append('"' + " ".join(phrase) + '"')
        return " OR ".join(parts)


def _max_edits(length: int) -> int:
    return 1 if length < 8 else 2


def _typo_candidates(connection: sqlite3.Connection, wanted: str) -> list[str]:
    """Index terms within a small edit distance of an unknown term (same first letter)."""
    from rapidfuzz.distance import DamerauLevenshtein

    first = wanted[0]
    rows = connection.execute(
        "SELECT term FROM vocab WHERE term >= ? AND term < ?", (first, chr(ord(first) + 1))
    ).fetchall()
    limit = _max_edits(len(wanted))
    scored = []
    for (candidate,) in rows:
        if abs(len(candidate) - len(wanted)) > limit:
            continue
        distance = DamerauLevenshtein.distance(wanted, candidate, score_cutoff=limit)
        if distance <= limit:
            scored.append((distance, candidate))
    scored.sort()
    return [candidate for _distance, candidate in scored[:3]]


def _known(connection: sqlite3.Connection, terms: list[str]) -> list[str]:
    marks = ",".join("?" * len(terms))
    rows = connection.execute(f"SELECT term FROM vocab WHERE term IN ({marks})", terms).fetchall()
    return [row[0] for row in rows]


def parse_query(text: str, connection: sqlite3.Connection) -> ParsedQuery:
    """Analyse a user query against the index vocabulary (for typo tolerance)."""
    parsed = ParsedQuery(text)
    for match in _PHRASE.finditer(text):
        phrase = [term(w.group(0)) for w in WORD.finditer(match.group(1))]
        phrase = [t for t in phrase if t and t not in STOPWORDS]
        if len(phrase) > 1:
            parsed.phrases.append(phrase)
        elif phrase:
            parsed.groups.append(phrase)
    rest = _PHRASE.sub(" ", text)
    for match in WORD.finditer(rest):
        word = match.group(0)
        pieces = [word, *re.split(r"[-'’]", word)] if re.search(r"[-'’]", word) else [word]
        for piece in pieces:
            terms = query_terms(piece)
            if not terms:
                continue
            known = _known(connection, terms)
            group = list(known)
            if not known and len(fold(piece)) >= MIN_TYPO_LENGTH:
                for candidate in _typo_candidates(connection, terms[0]):
                    if candidate not in group:
                        group.append(candidate)
            if not group:
                group = terms[:1]
            if group not in parsed.groups:
                parsed.groups.append(group)
    return parsed
