"""Shared test fixtures: paths, the real corpus, and a CLI runner with fixed width and no colour."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "cases"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"
# The options of the smallest case `erhverv new` writes without asking (its file: ivaerksaetterhus.yaml).
NEW_CASE = (
    "--title", "Iværksætterhus", "--type", "basal", "--kommune", "Aarhus", "--summary", "Kort.",
    "--no-interactive",
)  # fmt: skip


@pytest.fixture(autouse=True)
def _isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Every test gets its own cache directory and a deterministic terminal."""
    monkeypatch.setenv("ERHVERV_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("ERHVERV_DATA_DIR", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("ERHVERV_DEBUG", raising=False)
    yield


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env={"NO_COLOR": "1", "COLUMNS": "100", "TERM": "dumb"})


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def index() -> Iterator[Any]:
    """The bundled corpus's index, built in memory once for the session (tests only read it)."""
    from erhverv_cli.search.index import CorpusIndex

    opened = CorpusIndex.open(CORPUS, use_cache=False)
    yield opened
    opened.close()


def invoke(runner: CliRunner, *args: str) -> object:
    """Run the erhverv CLI in-process and return the click Result."""
    from erhverv_cli.cli import app

    return runner.invoke(app, list(args), catch_exceptions=False)
