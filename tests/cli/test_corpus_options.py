"""--data-dir, --lang and --no-cache, which every command that reads the corpus takes from one
decorator (cli/options.py's `reads_corpus`): each command lists them in its help and each of them
takes effect, so the options Typer sees and the values the command gets stay in step."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import CORPUS
from typer.testing import CliRunner, Result

from erhverv_cli.cli import app

KEPT = ("concept-mariagerfjord", "silkeborg-valley", "lydens-by-struer")
COMMANDS = {
    "list": ["list"],
    "find": ["find", "netværk"],
    "show": ["show", "silkeborg-valley"],
    "compare": ["compare", "silkeborg-valley", "lydens-by-struer"],
    "stats": ["stats"],
    "similar": ["similar", "silkeborg-valley"],
    "vocab": ["vocab", "instrument"],  # its label differs by language ("type" is "Type" in both)
}


def _run(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "cases"
    folder.mkdir()
    for path in CORPUS.glob("*.yaml"):
        if path.stem in KEPT:
            shutil.copy(path, folder / path.name)
    return folder


@pytest.mark.parametrize("name", COMMANDS)
def test_the_corpus_options_are_in_the_help(name: str, runner: CliRunner) -> None:
    help_text = _run(runner, name, "--help").stdout
    assert help_text.index("--lang") < help_text.index("--data-dir") < help_text.index("--no-cache")


@pytest.mark.parametrize("name", COMMANDS)
def test_the_corpus_options_take_effect(name: str, runner: CliRunner, small_corpus: Path) -> None:
    cache = Path(os.environ["ERHVERV_CACHE_DIR"])
    args = [*COMMANDS[name], "--data-dir", str(small_corpus)]
    danish = _run(runner, *args, "--no-cache")
    assert danish.exit_code == 0, danish.output
    assert not list(cache.iterdir())  # --no-cache: nothing read from or written to the cache
    english = _run(runner, *args, "--no-cache", "--lang", "en")
    assert english.exit_code == 0, english.output
    assert english.stdout != danish.stdout
    cached = _run(runner, *args)
    assert cached.stdout == danish.stdout
    assert list(cache.iterdir())  # without it, the index is kept
    if name in ("list", "find"):
        shown = {case_id for case_id in KEPT if case_id in danish.stdout}
        assert shown == set(KEPT) if name == "list" else shown
        assert "aalborg-virksomhedskontakt" not in danish.stdout
    if name == "stats":
        assert "3 of 3 known" in danish.stdout  # the start years of the three cases
