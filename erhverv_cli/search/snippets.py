"""Snippets: the few words of a case that show why it matched, with the matches marked.

Made only for rows that are printed (a table page, or machine output that asks for the
``snippet`` field): finding the best window means reading and stemming the case's text, which
costs far more than ranking it. Texts without a word that could match are skipped by a regular
expression built from the folding rules, before any word is stemmed.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from erhverv_cli.folding import spelling_pattern
from erhverv_cli.search.analysis import WORD, analyze, term
from erhverv_cli.search.documents import body_texts, english_texts

SNIPPET_PREFIX = 3  # Danish and English stems keep at least a word's first three letters
WIDTH = 28  # words in a snippet


@dataclass(frozen=True)
class Snippet:
    """A short excerpt of a case with the spans that matched the query."""

    text: str
    spans: tuple[tuple[int, int], ...] = ()
    field: str = ""


@lru_cache(maxsize=50_000)
def word_terms(word: str) -> frozenset[str]:
    """Every index term a word of running text can stand for (Danish and English, whole and parts)."""
    return frozenset(analyze(word) + analyze(word, english=True))


def heads(wanted: set[str] | frozenset[str]) -> tuple[str, ...]:
    """The first letters every word that can match a wanted term begins with."""
    return tuple(sorted({t[:SNIPPET_PREFIX] for t in wanted}))


_ANY_WORD = re.compile(r"[^\W_]")


@lru_cache(maxsize=64)
def head_pattern(prefixes: tuple[str, ...]) -> re.Pattern[str]:
    """A word starting with any of the heads however it is written: texts without one are skipped."""
    if any(not head.isalpha() for head in prefixes):
        return _ANY_WORD  # digits fold from ½, ² and the like: no cheap test, take every text
    # A hyphen may sit inside the head: "it-klynge" is also indexed joined, as "itklyng".
    spelled = ["[-'’]?".join(spelling_pattern(char) for char in head) for head in prefixes]
    return re.compile(rf"(?<![^\W_])(?:{'|'.join(spelled)})", re.IGNORECASE)


def _hits(
    text: str, tokens: list[re.Match[str]], wanted: set[str] | frozenset[str], pattern: re.Pattern[str]
) -> list[int]:
    """The indexes of the tokens that match a wanted term. The head pattern runs once over the
    whole text: a word can only match where one of its matches begins (they never cross a word's
    edges, and a word begins after a character that is not a letter or digit, as the pattern's
    look-behind asks); only those words are stemmed."""
    if pattern is _ANY_WORD:
        return [i for i, token in enumerate(tokens) if not wanted.isdisjoint(word_terms(token.group(0)))]
    found: list[int] = []
    for match in pattern.finditer(text):
        index = bisect_right(tokens, match.start(), key=_end)
        if (
            index < len(tokens)
            and tokens[index].start() <= match.start()
            and (not found or found[-1] != index)
        ):
            found.append(index)
    return [i for i in found if not wanted.isdisjoint(word_terms(tokens[i].group(0)))]


def _end(token: re.Match[str]) -> int:
    return token.end()


def _sources(record: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [("title", record.get("title", "")), *body_texts(record), *english_texts(record)]


def make_snippet(record: Mapping[str, Any], wanted: set[str] | frozenset[str], width: int = WIDTH) -> Snippet:
    """The window of about ``width`` words with the most query matches, matches marked."""
    best: tuple[int, int, str, str, list[tuple[int, int]]] | None = None
    prefixes = heads(wanted)
    pattern = head_pattern(prefixes) if prefixes else None
    for name, text in _sources(record):
        if not text or pattern is None or not pattern.search(text):
            continue
        tokens = list(WORD.finditer(text))
        hits = _hits(text, tokens, wanted, pattern)
        # On a tie in query words: the title, then a sentence with context rather than a bare list
        # value such as an instrument name.
        context = 3 if name == "title" else (2 if len(text.split()) >= 8 else 0)
        for position, start_index in enumerate(hits):  # hits ascend: a window is a slice of them
            window = hits[position : bisect_left(hits, start_index + width, position)]
            distinct = len({term(tokens[i].group(0)) for i in window})
            score = (distinct * 10 + len(window), context)
            if best is None or score > (best[0], best[1]):
                begin = max(0, start_index - 4)
                end = min(len(tokens), begin + width)
                spans = [(tokens[i].start(), tokens[i].end()) for i in window if i < end]
                best = (*score, name, text, [*spans, (tokens[begin].start(), tokens[end - 1].end())])
    if best is None:
        return Snippet(_shorten(record.get("summary", ""), width), (), "summary")
    _s, _t, name, text, spans = best
    window_start, window_end = spans.pop()
    if not any(char.isalnum() for char in text[window_end:]):
        window_end = len(text)  # keep a closing bracket or full stop instead of an ellipsis
    excerpt = " ".join(text[window_start:window_end].split("\n"))
    prefix = "… " if window_start > 0 else ""
    suffix = " …" if window_end < len(text) else ""
    shift = len(prefix) - window_start
    return Snippet(prefix + excerpt + suffix, tuple((a + shift, b + shift) for a, b in spans), name)


def _shorten(text: str, width: int) -> str:
    words = text.split()
    return " ".join(words[:width]) + (" …" if len(words) > width else "")


def surface(record: Mapping[str, Any], wanted: str) -> str:
    """A word of the record's text whose term is ``wanted`` (to explain matches in plain words)."""
    for _name, text in [*body_texts(record), *english_texts(record)]:
        for match in WORD.finditer(text):
            if wanted in word_terms(match.group(0)):
                return match.group(0).lower()
    return wanted
