"""Text typed in decomposed form (NFD: a letter, then a combining mark, as macOS file names and some
keyboards give it) finds what the composed form (NFC) finds: through the core and the CLI."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator

import pytest
from conftest import CORPUS
from typer.testing import CliRunner

from erhverv_cli.cli import app
from erhverv_cli.search.engine import find
from erhverv_cli.search.index import CorpusIndex

WORDS = ("rådgivning", "Ærø fødevarer", "iværksættere på Fyn", '"maritime klynge" Ålborg', "café")


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.fixture(scope="module")
def index() -> Iterator[CorpusIndex]:
    opened = CorpusIndex.open(CORPUS, use_cache=False)
    yield opened
    opened.close()


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


def _ids(runner: CliRunner, *arguments: str) -> list[str]:
    result = runner.invoke(app, [*arguments, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return [row["id"] for row in json.loads(result.stdout)]


def test_cli_query_in_nfd(runner: CliRunner) -> None:
    assert _ids(runner, "find", nfd("rådgivning")) == _ids(runner, "find", "rådgivning")


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--instrument", "private rådgivere"),
        ("--target", "vækstiværksættere"),
        ("--kommune", "Køge"),
        ("--sector", "fødevarer"),
        ("--region", "Sjælland"),
    ],
)
def test_cli_filter_values_in_nfd(runner: CliRunner, option: str, value: str) -> None:
    expected = _ids(runner, "find", option, value)
    assert expected
    assert _ids(runner, "find", option, nfd(value)) == expected


def test_show_by_title_in_nfd(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", nfd("Fødevaresatsning i Vejen Kommune"), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["id"] == "foedevaresatsning-vejen"
