"""The CLI heals a damaged index cache by itself: damage SQLite finds mid-query before any output is
healed and the command run once more; after output began it is one error line; never a loop."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import CORPUS, decode_fails_after
from typer.testing import CliRunner

from erhverv_cli.cli import app
from erhverv_cli.search.cache import cache_file_for
from erhverv_cli.search.index import CorpusIndex

PAGE = 4096  # SQLite's default page size, which the index keeps


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the real corpus (the tests never change it, only its cache)."""
    target = tmp_path_factory.mktemp("faults") / "cases"
    shutil.copytree(CORPUS, target)
    return target


def _overflow_pages(location: Path, table: str) -> list[int]:
    connection = sqlite3.connect(location)
    try:
        rows = connection.execute(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'overflow'", (table,)
        ).fetchall()
    except sqlite3.OperationalError:
        pytest.skip("this SQLite has no dbstat table to find a table's pages")
    finally:
        connection.close()
    return [row[0] for row in rows]


def test_cli_heals_damage_found_mid_query_and_answers_in_full(
    runner: CliRunner, corpus: Path, tmp_path: Path
) -> None:
    env = {"ERHVERV_CACHE_DIR": str(tmp_path / "cache")}
    arguments = ["list", "--format", "json", "--data-dir", str(corpus)]
    first = runner.invoke(app, [*arguments, "--no-cache"], env=env)
    assert first.exit_code == 0, first.stderr
    CorpusIndex.open(corpus, cache_dir=tmp_path / "cache").close()  # built, and all in the main file
    location = cache_file_for(corpus, tmp_path / "cache")
    # Overflow pages of the stored records: the checks on open count rows and never read them, so
    # SQLite notices only when `list` reads the records back.
    with location.open("r+b") as handle:
        for page in _overflow_pages(location, "records"):
            handle.seek((page - 1) * PAGE)
            handle.write(b"\xff" * PAGE)
    damaged = runner.invoke(app, arguments, env=env)
    assert damaged.exit_code == 0, damaged.stderr
    assert damaged.stdout == first.stdout
    warnings = damaged.stderr.splitlines()
    assert len(warnings) == 1
    assert re.match(r"erhverv: warning: the index cache was damaged \(.+\); rebuilt it$", warnings[0])
    healed = runner.invoke(app, arguments, env=env)
    assert (healed.exit_code, healed.stdout, healed.stderr) == (0, first.stdout, "")


def test_cli_says_so_when_damage_is_found_after_output_began(
    runner: CliRunner, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = {"ERHVERV_CACHE_DIR": str(tmp_path / "cache")}
    arguments = ["list", "--format", "jsonl", "--data-dir", str(corpus)]
    decode_fails_after(3, monkeypatch)
    result = runner.invoke(app, arguments, env=env)
    assert result.exit_code == 2
    assert len(result.stdout.splitlines()) == 3  # the rows written before the damage showed
    assert all(json.loads(line)["id"] for line in result.stdout.splitlines())
    lines = result.stderr.splitlines()
    assert lines[0].startswith("erhverv: error: the index cache was found damaged while answering")
    assert lines[1:] == ["  hint: run the command again"]
    assert "unexpected" not in result.stderr
    assert "Traceback" not in result.output


def test_cli_retries_once_only(
    runner: CliRunner, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = {"ERHVERV_CACHE_DIR": str(tmp_path / "cache")}
    calls = decode_fails_after(0, monkeypatch)  # every read fails, also after healing
    result = runner.invoke(app, ["show", "5", "--data-dir", str(corpus)], env=env)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("rebuilt it") == 1
    assert "erhverv: error: the index cache is damaged" in result.stderr
    assert "unexpected" not in result.stderr
    assert calls[0] == 2  # the first run and its one retry
