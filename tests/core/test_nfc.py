"""Text typed in decomposed form (NFD: a letter, then a combining mark, as macOS file names and some
keyboards give it) finds what the composed form (NFC) finds, through the core (the CLI's arguments:
tests/cli/test_nfc_arguments.py)."""

from __future__ import annotations

import unicodedata

import pytest

from erhverv_cli.search.engine import find
from erhverv_cli.search.index import CorpusIndex

WORDS = ("rådgivning", "Ærø fødevarer", "iværksættere på Fyn", '"maritime klynge" Ålborg', "café")


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_the_queries_really_differ_in_form() -> None:
    assert nfd("rådgivning") != "rådgivning"
    assert "\u030a" in nfd("rådgivning")  # COMBINING RING ABOVE


@pytest.mark.parametrize("query", WORDS)
def test_core_finds_the_same_cases_for_nfd_and_nfc(index: CorpusIndex, query: str) -> None:
    composed = [(hit.record["id"], hit.score) for hit in find(index, query)]
    decomposed = [(hit.record["id"], hit.score) for hit in find(index, nfd(query))]
    assert decomposed == composed
    if query == "rådgivning":
        assert len(composed) >= 5
