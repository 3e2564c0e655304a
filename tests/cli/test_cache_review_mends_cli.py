"""The review's cache mends seen from the command line, in process and as the console script runs
(its fast path included): a missing record, far-off mtimes, names that are not UTF-8, FIFOs in
the cache folder and damaged cache files each end in the full answer, with the promised warning."""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, built_cache, bytes_named_file, run_sql
from typer.testing import CliRunner

from erhverv_cli.cli import app
from erhverv_cli.search.storage import STAMP_SUFFIX

DAMAGED = re.compile(r"erhverv: warning: the index cache \S+ was damaged \(.+\); rebuilt it$")
HEALED = re.compile(r"erhverv: warning: the index cache was damaged \(.+\); rebuilt it$")
PAGE = 4096


def _console(args: list[str], cache_dir: Path, timeout: float = 20) -> subprocess.CompletedProcess[bytes]:
    """The command as the console script runs it (fast path first), in its own process."""
    env = {**os.environ, "ERHVERV_CACHE_DIR": str(cache_dir), "NO_COLOR": "1", "COLUMNS": "100"}
    env.pop("ERHVERV_DATA_DIR", None)
    try:
        return subprocess.run(
            [sys.executable, "-m", "erhverv_cli", *args],
            capture_output=True,
            env=env,
            cwd=ROOT,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"`erhverv {' '.join(args)}` still ran after {timeout} s")


def _plain(args: list[str], tmp_path: Path) -> bytes:
    """The answer without a cache, from the console script."""
    done = _console([*args, "--no-cache"], tmp_path / "unused-cache")
    assert done.returncode == 0, done.stderr
    return done.stdout


def _stderr_lines(done: subprocess.CompletedProcess[bytes]) -> list[str]:
    return done.stderr.decode("utf-8", "backslashreplace").splitlines()


# -- a document without its record ------------------------------------------------------------


def _move_records(location: Path) -> None:
    """Every count still agrees (the checks on open pass), but no document finds its record."""
    run_sql(location, "UPDATE records SET rowid = rowid + 1000000")


@pytest.mark.parametrize("command", [["list", "--format", "json"], ["find", "klynge", "--format", "jsonl"]])
def test_missing_records_are_healed_not_left_out(
    command: list[str], runner: CliRunner, corpus: Path, cache_dir: Path, tmp_path: Path
) -> None:
    args = [*command, "--data-dir", str(corpus)]
    expected = _plain(args, tmp_path)
    assert expected.strip()
    # Through the console script (its fast path first), then in process through the Typer app
    # (in that order: the app's connection stays open in this process, its WAL with it).
    _move_records(built_cache(corpus, cache_dir))
    done = _console(args, cache_dir)
    assert (done.returncode, done.stdout) == (0, expected), done.stderr
    [warning] = _stderr_lines(done)
    assert HEALED.match(warning) and "record of document" in warning, warning
    again = _console(args, cache_dir)
    assert (again.returncode, again.stdout, again.stderr) == (0, expected, b"")
    _move_records(built_cache(corpus, cache_dir))
    result = runner.invoke(app, args, env={"ERHVERV_CACHE_DIR": str(cache_dir)})
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes == expected
    [warning] = result.stderr.splitlines()
    assert HEALED.match(warning) and "record of document" in warning, warning


# -- mtimes after 2262 and before 1970 ------------------------------------------------------------


@pytest.mark.parametrize(
    "nanoseconds", [2**63 + 5, -(2**63) - 7, -5_000_000_001], ids=["2262+", "1678-", "1969"]
)
def test_far_off_mtimes_answer_in_full(
    nanoseconds: int, corpus: Path, cache_dir: Path, tmp_path: Path
) -> None:
    path = sorted(corpus.glob("*.yaml"))[0]
    try:
        os.utime(path, ns=(nanoseconds, nanoseconds))
    except (OSError, OverflowError, ValueError) as error:
        pytest.skip(f"this file system does not take the time {nanoseconds}: {error}")
    args = ["list", "--format", "json", "--data-dir", str(corpus)]
    expected = _plain(args, tmp_path)
    for _run in range(2):  # building the cache, then reading it
        done = _console(args, cache_dir)
        assert (done.returncode, done.stdout, done.stderr) == (0, expected, b"")


# -- names that are not UTF-8 -------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [["list", "--format", "json"], ["find", "klynge", "--format", "csv"], ["list"], ["find", "klynge"]],
)
def test_names_that_are_not_utf8_are_reported_and_the_rest_answered(
    command: list[str], corpus: Path, cache_dir: Path, tmp_path: Path
) -> None:
    bytes_named_file(corpus, b"case-\xff.yaml", (corpus / "silkeborg-valley.yaml").read_bytes())
    bytes_named_file(corpus, b"bad-\xfe.yaml", b"id: [\n")
    args = [*command, "--data-dir", str(corpus)]
    expected = _plain(args, tmp_path)
    assert expected.strip()
    for _run in range(2):  # building the cache, then reading it
        done = _console(args, cache_dir)
        assert (done.returncode, done.stdout) == (0, expected), done.stderr
        lines = _stderr_lines(done)
        assert not any("unexpected" in line or "Traceback" in line for line in lines), lines
        skipped = [line for line in lines if line.startswith("erhverv: warning: skipped ")]
        assert len(skipped) == 2, lines  # each reported, whatever way the name is shown
        assert any("case-" in line and "does not match the file name" in line for line in skipped)
        assert any("bad-" in line for line in skipped)


# -- FIFOs where the cache keeps its files --------------------------------------------------------


def _garbage(location: Path) -> None:
    location.write_bytes(random.Random(13).randbytes(8 * PAGE))


def _fifo_at(suffix: str, damage: Callable[[Path], None] | None = None) -> Callable[[Path], None]:
    def place(location: Path) -> None:
        if damage is not None:
            damage(location)
        target = Path(f"{location}{suffix}")
        target.unlink(missing_ok=True)
        os.mkfifo(target)

    return place


# (what to do to a built cache, how many warnings that is worth)
FIFOS: dict[str, tuple[Callable[[Path], None], int]] = {
    "stamp": (_fifo_at(STAMP_SUFFIX), 0),  # no stamp: counted again, and stamped anew
    "journal": (_fifo_at("-journal"), 0),  # SQLite never made it: removed
    "wal": (_fifo_at("-wal"), 0),
    "shm": (_fifo_at("-shm"), 0),
    "lock-while-replacing": (_fifo_at(".lock", _garbage), 1),  # the damage is worth a warning
    "cache-file": (_fifo_at(""), 1),
}


@pytest.mark.parametrize("where", sorted(FIFOS))
def test_a_fifo_in_the_cache_folder_never_makes_a_command_wait(
    where: str, corpus: Path, cache_dir: Path, tmp_path: Path
) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    args = ["list", "--format", "json", "--data-dir", str(corpus)]
    expected = _plain(args, tmp_path)
    place, warnings = FIFOS[where]
    location = built_cache(corpus, cache_dir)
    place(location)
    done = _console(args, cache_dir, timeout=20)
    assert (done.returncode, done.stdout) == (0, expected), done.stderr
    lines = _stderr_lines(done)
    assert len(lines) == warnings, lines
    assert all(DAMAGED.match(line) for line in lines), lines
    again = _console(args, cache_dir, timeout=20)  # healed: regular files, no warning
    assert (again.returncode, again.stdout, again.stderr) == (0, expected, b"")
    for suffix in ("", STAMP_SUFFIX, "-journal", "-wal", "-shm", ".lock"):
        name = Path(f"{location}{suffix}")
        assert not name.exists() or name.is_file(), name


# -- damaged cache files: one warning, then the full answer ------------------------------------


def _truncated(location: Path) -> None:
    with location.open("r+b") as handle:
        handle.truncate(location.stat().st_size // 3)


def _zero_bytes(location: Path) -> None:
    with location.open("r+b") as handle:
        handle.truncate(0)


DAMAGES: dict[str, Callable[[Path], None]] = {
    "garbage": _garbage,
    "zeroed": lambda location: location.write_bytes(bytes(location.stat().st_size)),
    "zero-bytes": _zero_bytes,
    "truncated": _truncated,
}


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_a_damaged_cache_file_is_rebuilt_with_one_warning(
    damage: str, runner: CliRunner, corpus: Path, cache_dir: Path, tmp_path: Path
) -> None:
    args = ["list", "--format", "json", "--data-dir", str(corpus)]
    expected = _plain(args, tmp_path)
    location = built_cache(corpus, cache_dir)
    DAMAGES[damage](location)
    done = _console(args, cache_dir)  # the console script, its fast path first
    assert (done.returncode, done.stdout) == (0, expected), done.stderr
    [warning] = _stderr_lines(done)
    assert DAMAGED.match(warning) and str(location) in warning, warning
    # In process, through the Typer app (last: its connection stays open in this process).
    env = {"ERHVERV_CACHE_DIR": str(cache_dir)}
    DAMAGES[damage](built_cache(corpus, cache_dir))
    result = runner.invoke(app, args, env=env)
    assert (result.exit_code, result.stdout_bytes) == (0, expected), result.stderr
    [warning] = result.stderr.splitlines()
    assert DAMAGED.match(warning) and str(location) in warning, warning
    healed = runner.invoke(app, args, env=env)
    assert (healed.exit_code, healed.stdout_bytes, healed.stderr) == (0, expected, "")
