"""Safe writes: `new` and `export` write whole files or none, only where they should, never over a case.

Ids that are paths, read-only folders, targets inside the corpus (also through links), suffixes that
name another format, a failure or an interrupt in the middle of writing, a full disk (/dev/full and
a file-size limit), and a reader that closes the pipe early.
"""

from __future__ import annotations

import errno
import os
import re
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, NEW_CASE
from hostile import check_clean
from typer.testing import CliRunner, Result

from erhverv_cli import sqlite_export, writing
from erhverv_cli.cli import app


def _new(runner: CliRunner, folder: Path, *extra: str) -> Result:
    result = runner.invoke(app, ["new", "--data-dir", str(folder), *NEW_CASE, *extra])
    check_clean(result.stdout, result.stderr)
    return result


def _tree(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*"))


@pytest.mark.parametrize("case_id", ["../x", "a/b", "/etc/x", "..", "x.yaml", "x\x1b[31m", ""])
def test_new_refuses_an_id_that_is_a_path(case_id: str, runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "cases"
    folder.mkdir()
    result = _new(runner, folder, "--id", case_id)
    assert result.exit_code == 2
    expected = "--id: must not be blank" if not case_id else "is not a valid id"
    assert expected in result.stderr
    assert _tree(tmp_path) == ["cases"]  # nothing written, here or beside it


@pytest.mark.parametrize(
    ("option", "value"),
    [("--summary", "En. To. Tre. Fire."), ("--title", "Titel \u202e"), ("--operator", "ding\x07")],
)
def test_new_writes_no_file_that_fails_validate(
    option: str, value: str, runner: CliRunner, tmp_path: Path
) -> None:
    result = runner.invoke(
        app, ["new", "--data-dir", str(tmp_path), *NEW_CASE[:-1], option, value, "--no-interactive"]
    )
    check_clean(result.stdout, result.stderr)
    assert result.exit_code == 1
    assert "the new case would not validate" in result.stderr
    assert _tree(tmp_path) == []


@pytest.mark.skipif(
    os.geteuid() == 0, reason="root writes into a read-only folder; the next test covers root"
)
def test_new_into_a_read_only_folder(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "cases"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = _new(runner, folder)
    finally:
        folder.chmod(0o700)
    assert result.exit_code == 2
    assert "permission denied" in result.stderr
    assert _tree(folder) == []


def test_new_where_the_folder_cannot_be_written(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As root too: the file system answers as a read-only folder would.
    def refuse(*args: object, **kwargs: object) -> object:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(writing.tempfile, "mkstemp", refuse)
    result = _new(runner, tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"erhverv: error: cannot write {tmp_path}/ivaerksaetterhus.yaml: permission denied"
    )
    assert len(result.stderr.splitlines()) == 2
    assert _tree(tmp_path) == []


def test_new_under_a_file_is_a_clean_error(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_text("x\n", encoding="utf-8")
    result = _new(runner, tmp_path / "file.txt" / "cases")
    assert result.exit_code in (1, 2)
    assert result.stderr.startswith("erhverv: error: ")


# -- export targets ---------------------------------------------------------------------------


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "cases"
    shutil.copytree(CORPUS, folder)
    return folder


def _export(runner: CliRunner, corpus: Path, *arguments: str) -> Result:
    result = runner.invoke(app, ["export", "--data-dir", str(corpus), *arguments])
    check_clean(result.stdout, result.stderr)
    return result


def test_export_into_the_corpus_is_refused(runner: CliRunner, corpus: Path, tmp_path: Path) -> None:
    before = _tree(corpus)
    (tmp_path / "link").symlink_to(corpus)  # a way in through a link is still the corpus
    for target in (corpus / "cases.csv", corpus / "sub" / "cases.csv", tmp_path / "link" / "cases.json"):
        (corpus / "sub").mkdir(exist_ok=True)
        result = _export(runner, corpus, "--output", str(target))
        assert result.exit_code == 2, result.stderr
        assert "inside the corpus folder" in result.stderr
    (corpus / "sub").rmdir()
    assert _tree(corpus) == before


def test_export_over_a_case_file_is_refused(runner: CliRunner, corpus: Path) -> None:
    target = corpus / "silkeborg-valley.yaml"
    before = target.read_bytes()
    for extra in ([], ["--format", "json"], ["--format", "csv"]):
        result = _export(runner, corpus, "--output", str(target), *extra)
        assert result.exit_code == 2
        assert result.stderr.startswith("erhverv: error: ")
    assert target.read_bytes() == before


@pytest.mark.parametrize(("name", "fmt"), [("cases.json", "csv"), ("cases.csv", "xlsx"), ("cases.txt", None)])
def test_export_suffix_must_name_the_format(
    name: str, fmt: str | None, runner: CliRunner, corpus: Path, tmp_path: Path
) -> None:
    result = _export(runner, corpus, "--output", str(tmp_path / name), *(["--format", fmt] if fmt else []))
    assert result.exit_code == 2
    assert not (tmp_path / name).exists()


@pytest.mark.parametrize(
    "failure",
    [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()],
    ids=["disk-full", "ctrl-c"],
)
@pytest.mark.parametrize("fmt", ["csv", "xlsx", "sqlite"])
def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    fmt: str,
    failure: BaseException,
    runner: CliRunner,
    corpus: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / f"cases.{fmt}"
    target.write_bytes(b"the old export\n")

    def fail(descriptor: int) -> None:  # after the content is written, before it is moved into place
        raise failure

    monkeypatch.setattr(writing.os, "fsync", fail)
    if fmt == "sqlite":  # built by SQLite itself: fail while the rows go in

        def insert(connection: object, records: object) -> int:
            if isinstance(failure, OSError):
                full = sqlite3.OperationalError("database or disk is full")
                full.sqlite_errorname = "SQLITE_FULL"  # as SQLite sets it
                raise full
            raise failure

        monkeypatch.setattr(sqlite_export, "_insert_all", insert)
    result = _export(runner, corpus, "--output", str(target))
    if isinstance(failure, KeyboardInterrupt):
        assert result.exit_code == 130
    else:
        assert result.exit_code == 2
        assert result.stderr.splitlines()[0].startswith(f"erhverv: error: cannot write {target}: ")
    assert target.read_bytes() == b"the old export\n"
    assert sorted(path.name for path in out.iterdir()) == [target.name]


def _erhverv(*arguments: str, **options: Any) -> subprocess.CompletedProcess[str]:
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **options}
    return subprocess.run(
        [sys.executable, "-m", "erhverv_cli", *arguments],
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        **streams,
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_dev_full(tmp_path: Path) -> None:
    env = {**os.environ, "ERHVERV_CACHE_DIR": str(tmp_path / "cache")}
    named = _erhverv("export", "--output", "/dev/full", env=env)
    assert named.returncode == 2
    assert named.stderr.startswith("erhverv: error: ") and len(named.stderr.splitlines()) <= 2
    assert Path("/dev/full").is_char_device()
    for arguments in (["export", "--format", "csv"], ["list", "--format", "json"], ["show", "5"]):
        with open("/dev/full", "w") as full:
            result = _erhverv(*arguments, env=env, stdout=full)
        assert result.returncode == 2
        assert result.stderr.splitlines() == [
            "erhverv: error: no space left on device",
            "  hint: check the path and the free space, then run it again",
        ]


@pytest.mark.parametrize("name", ["cases.json", "cases.xlsx", "cases.sqlite"])
def test_a_real_write_failure_mid_file(name: str, tmp_path: Path) -> None:
    """A file-size limit makes the kernel refuse the write half-way (EFBIG), as a full disk would."""

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    target = tmp_path / name
    target.write_text("old\n", encoding="utf-8")
    result = _erhverv("export", "--output", str(target), "--no-cache", preexec_fn=limit)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"erhverv: error: cannot write {target}: ")
    assert re.search("file too large|disk i/o error|disk is full", lines[0])
    assert lines[1:] == [
        "  hint: choose another place, or free space and try again"
    ]  # no "Exception ignored"
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [path.name for path in tmp_path.iterdir()] == [name]


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "sqlite"])
def test_written_files_get_the_usual_mode(fmt: str, runner: CliRunner, corpus: Path, tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        fresh, kept = tmp_path / f"new.{fmt}", tmp_path / f"kept.{fmt}"
        kept.write_bytes(b"")
        kept.chmod(0o640)
        for target in (fresh, kept):
            assert _export(runner, corpus, "--output", str(target)).exit_code == 0
    finally:
        os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o644  # not mkstemp's 0600: others may read an export
    assert kept.stat().st_mode & 0o777 == 0o640  # a replaced file keeps its mode


@pytest.mark.parametrize(
    "arguments", ["list --format jsonl", "export --format json", "show 13 --format yaml"]
)
def test_a_closed_pipe_is_no_error(arguments: str, tmp_path: Path) -> None:
    env = {**os.environ, "ERHVERV_CACHE_DIR": str(tmp_path / "cache")}
    command = (
        f"{sys.executable} -m erhverv_cli {arguments} | head -c 10 >/dev/null; echo $?${{PIPESTATUS[0]}}"
    )
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=60, env=env)
    assert result.stdout.strip() == "00"
    assert result.stderr == ""
