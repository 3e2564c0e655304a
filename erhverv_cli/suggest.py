"""'Did you mean …?' suggestions over a closed set of names, tolerant of Danish spelling."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from erhverv_cli.folding import fold_name


@lru_cache(maxsize=64)
def _folded(options: tuple[str, ...]) -> dict[str, str]:
    """Each choice by its folded name. The choices are a few closed sets (fields, municipalities,
    vocabularies), asked about again and again: folding them once each is what keeps a file with
    many mistakes quick to check."""
    return {fold_name(option): option for option in dict.fromkeys(options)}


def closest(word: str, choices: Iterable[str], limit: int = 3, cutoff: float = 70.0) -> list[str]:
    """Return up to ``limit`` choices that look like ``word``, best first.

    Matching is done on folded names, so "Koebenhavn" and "kobenhavn" both find "København".
    """
    from rapidfuzz import fuzz, process

    options = tuple(choices)
    if not options or not word:
        return []
    folded = _folded(options)
    target = fold_name(word)
    prefixed = [option for key, option in folded.items() if target and key.startswith(target)]
    matches = process.extract(target, list(folded), scorer=fuzz.WRatio, limit=limit, score_cutoff=cutoff)
    ranked = prefixed + [folded[key] for key, _score, _index in matches]
    return list(dict.fromkeys(ranked))[:limit]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Format a ' (did you mean …?)' suffix, or '' when nothing is close."""
    found = closest(word, choices)
    if not found:
        return ""
    return " (did you mean " + " or ".join(f"'{name}'" for name in found) + "?)"
