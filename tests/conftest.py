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


# -- a private corpus and its cache: what the index and cache tests share ----------------------------


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A private copy of the real corpus that a test may change."""
    import shutil

    target = tmp_path / "cases"
    shutil.copytree(CORPUS, target)
    return target


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def opened() -> Iterator[list[Any]]:
    """Indexes a test opened, closed at the end (SQLite files stay locked on some systems)."""
    handles: list[Any] = []
    yield handles
    for handle in handles:
        handle.close()


def open_index(handles: list[Any], root: Path, **options: Any) -> Any:
    """A CorpusIndex of ``root``, closed with the test (``handles``: the ``opened`` fixture)."""
    from erhverv_cli.search.index import CorpusIndex

    index = CorpusIndex.open(root, **options)
    handles.append(index)
    return index


def built_cache(corpus: Path, cache_dir: Path) -> Path:
    """Build the cache of ``corpus`` and close it (its WAL folded into the main file); its path."""
    from erhverv_cli.search.cache import cache_file_for
    from erhverv_cli.search.index import CorpusIndex

    CorpusIndex.open(corpus, cache_dir=cache_dir).close()
    return cache_file_for(corpus, cache_dir)


def without_cache(corpus: Path, ask: Any) -> Any:
    """What ``ask(index)`` answers from an index of ``corpus`` built in memory (the reference)."""
    from erhverv_cli.search.index import CorpusIndex

    index = CorpusIndex.open(corpus, use_cache=False)
    try:
        return ask(index)
    finally:
        index.close()


def decode_fails_after(reads: int, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Make the cache's record decoding fail as damage from the given read on, counted afresh from
    now; the count of reads so far."""
    from erhverv_cli.search.index import CorpusIndex, IndexDamaged

    calls = [0]
    original = CorpusIndex.decode

    def decode(text: str) -> Any:
        calls[0] += 1
        if calls[0] > reads:
            raise IndexDamaged("database disk image is malformed")
        return original(text)

    monkeypatch.setattr(CorpusIndex, "decode", staticmethod(decode))
    return calls


def console_main(args: list[str], fast: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    """The console script, in process, with or without its fast path: (status, stdout, stderr)."""
    import io
    import sys
    from contextlib import redirect_stderr, redirect_stdout

    from erhverv_cli import entry

    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "argv", ["erhverv", *args])
    if fast:
        monkeypatch.delenv(entry.FAST_PATH_ENV, raising=False)
    else:
        monkeypatch.setenv(entry.FAST_PATH_ENV, "1")
    with redirect_stdout(out), redirect_stderr(err):
        try:
            entry.main()
            code = 0
        except SystemExit as exit_:
            code = int(exit_.code or 0)
    return code, out.getvalue(), err.getvalue()


def run_sql(location: Path, *statements: str) -> None:
    """Run statements on a database file and commit (how the tests damage a cache file)."""
    import sqlite3

    connection = sqlite3.connect(location)
    try:
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    finally:
        connection.close()


def sql_damage(*statements: str) -> Any:
    """A damage for a cache file: the statements, run by :func:`run_sql`."""
    return lambda location: run_sql(location, *statements)


def race(target: Any, corpus: Path, cache_dir: Path, processes: int = 2) -> list[Any]:
    """Start ``target(root, cache_dir, barrier, results)`` in fresh processes at once (they meet
    at the barrier first); what each put in ``results``, after each ended well."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(processes), context.Queue()
    workers = [
        context.Process(target=target, args=(str(corpus), str(cache_dir), barrier, results))
        for _ in range(processes)
    ]
    for worker in workers:
        worker.start()
    got = [results.get(timeout=240) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    return got


def bytes_named_file(folder: Path, name: bytes, content: bytes) -> Path:
    """A file in ``folder`` whose name is bytes (not UTF-8), written an hour ago (not "just now":
    a refresh trusts its stat); the test is skipped where the file system refuses such a name."""
    import os
    import time

    target = os.path.join(os.fsencode(folder), name)
    try:
        with open(target, "wb") as handle:
            handle.write(content)
    except OSError as error:
        pytest.skip(f"this file system refuses a name that is not UTF-8: {error}")
    an_hour_ago = time.time() - 3600
    os.utime(target, (an_hour_ago, an_hour_ago))
    return Path(os.fsdecode(target))
