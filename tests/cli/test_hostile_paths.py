"""Hostile files, folders and arguments: refused at once with a message, never a hang or a traceback.

A FIFO, a link to /dev/zero, a socket or a folder under a case-file name; unreadable, vanished and
dangling folders; a whole disk as the corpus; paths of 5,000 characters; arguments that are not
UTF-8, numbers beyond 64 bits, and escape sequences echoed back in messages. Every run that could
block is a subprocess with a timeout.
"""

from __future__ import annotations

import os
import shlex
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CORPUS, NEW_CASE
from hostile import check_clean, strict_json
from typer.testing import CliRunner

from erhverv_cli.cli import app
from erhverv_cli.search import freshness

TIMEOUT = 30
REAL = ("silkeborg-valley", "concept-mariagerfjord", "lydens-by-struer")
SPECIAL = {"fifo.yaml": "named pipe (FIFO)", "zero.yaml": "character device", "sock.yaml": "socket"}


def erhverv(*arguments: str | bytes, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ERHVERV_CACHE_DIR": str(cache), "NO_COLOR": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "erhverv_cli", *arguments],
        capture_output=True,
        timeout=TIMEOUT,  # a FIFO read would block forever: the timeout turns that into a failure
        env=env,
        stdin=subprocess.DEVNULL,
    )
    out = subprocess.CompletedProcess(
        result.args, result.returncode, result.stdout.decode(), result.stderr.decode()
    )
    check_clean(out.stdout, out.stderr)
    return out


@pytest.fixture
def special(tmp_path: Path) -> Iterator[Path]:
    """Three real cases, and beside them a FIFO, a link to /dev/zero, a socket and a folder, each
    named like a case file, plus a dangling link and a link to a folder elsewhere."""
    folder = tmp_path / "cases"
    folder.mkdir()
    for name in REAL:
        shutil.copy(CORPUS / f"{name}.yaml", folder)
    os.mkfifo(folder / "fifo.yaml")
    if Path("/dev/zero").exists():
        (folder / "zero.yaml").symlink_to("/dev/zero")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "sock.yaml"))
    (folder / "folder.yaml").mkdir()
    (folder / "dangling.yaml").symlink_to(tmp_path / "gone.yaml")
    (folder / "linked-folder").symlink_to(tmp_path)
    yield folder
    server.close()


def test_query_commands_skip_special_files_at_once(special: Path, tmp_path: Path) -> None:
    result = erhverv("list", "--format", "json", "--data-dir", str(special), cache=tmp_path / "cache")
    assert result.returncode == 0, result.stderr
    assert sorted(case["id"] for case in strict_json(result.stdout)) == sorted(REAL)
    warnings = result.stderr.splitlines()
    expected = {
        name: kind for name, kind in SPECIAL.items() if (special / name).exists() or name == "zero.yaml"
    }
    expected = {name: kind for name, kind in expected.items() if os.path.lexists(special / name)}
    assert len(warnings) == len(expected)
    for name, kind in expected.items():
        assert any(f"skipped {special / name}:1:1: is a {kind}" in line for line in warnings), warnings


@pytest.mark.parametrize("name", sorted(SPECIAL))
def test_validate_refuses_a_special_file_given_directly(name: str, special: Path, tmp_path: Path) -> None:
    if not os.path.lexists(special / name):
        pytest.skip(f"no {name} on this system")
    result = erhverv("validate", str(special / name), cache=tmp_path / "cache")
    assert result.returncode == 1
    assert f"{special / name}:1:1: is a {SPECIAL[name]}, not a case file" in result.stdout


def test_validate_of_the_folder_names_every_special_file(special: Path, tmp_path: Path) -> None:
    result = erhverv("validate", "--format", "json", str(special), cache=tmp_path / "cache")
    assert result.returncode == 1
    problems = {Path(error["file"]).name: error["message"] for error in strict_json(result.stdout)["errors"]}
    assert set(problems) == {name for name in (*SPECIAL, "dangling.yaml") if os.path.lexists(special / name)}
    assert "no such file" in problems["dangling.yaml"].lower()


def test_a_folder_named_like_a_case_file_is_said_to_be_one(special: Path, tmp_path: Path) -> None:
    result = erhverv("validate", str(special / "folder.yaml"), cache=tmp_path / "cache")
    assert result.returncode == 0
    assert "folder.yaml is a folder with no case files" in result.stderr


def test_empty_data_dir_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["list", "--data-dir", ""])
    assert result.exit_code == 2
    assert result.stderr.startswith("erhverv: error: --data-dir is empty")


def test_the_whole_disk_as_corpus_answers_cleanly(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(freshness, "MAX_FOLDERS", 300)  # the real limit is 20,000: slow for a test
    result = runner.invoke(app, ["list", "--format", "json", "--data-dir", "/", "--no-cache"])
    check_clean(result.stdout, result.stderr)
    assert result.exit_code in (0, 1)
    assert "erhverv: warning: stopped after 300 folders under /" in result.stderr
    assert all(line.startswith("erhverv: ") for line in result.stderr.splitlines())


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 folder; the next test covers root")
def test_an_unreadable_folder_is_skipped_with_a_warning(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "cases"
    shutil.copytree(CORPUS, folder)
    locked = folder / "locked"
    locked.mkdir()
    shutil.copy(CORPUS / "silkeborg-valley.yaml", locked / "twin.yaml")
    locked.chmod(0)
    try:
        result = runner.invoke(app, ["list", "--format", "json", "--data-dir", str(folder)])
    finally:
        locked.chmod(0o700)
    assert result.exit_code == 0
    assert len(strict_json(result.stdout)) == 18
    assert f"skipped folder {locked}: permission denied" in result.stderr


@pytest.mark.parametrize("error", [PermissionError(13, "Permission denied"), FileNotFoundError(2, "gone")])
def test_a_folder_that_cannot_be_read_or_vanished_is_skipped(
    error: OSError, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Works as root too: the scan is told what an unreadable or vanished folder tells it.
    folder = tmp_path / "cases"
    shutil.copytree(CORPUS, folder)
    (folder / "sub").mkdir()
    shutil.copy(CORPUS / "silkeborg-valley.yaml", folder / "sub" / "twin.yaml")
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        if str(path).endswith("sub"):
            raise type(error)(error.errno, error.strerror, str(path))
        return real_scandir(path)

    monkeypatch.setattr(freshness.os, "scandir", scandir)
    result = runner.invoke(app, ["list", "--format", "json", "--data-dir", str(folder), "--no-cache"])
    check_clean(result.stdout, result.stderr)
    assert result.exit_code == 0
    assert len(strict_json(result.stdout)) == 18
    assert result.stderr == f"erhverv: warning: skipped folder {folder / 'sub'}: {error.strerror.lower()}\n"


LONG = "/tmp/" + "a" * 5000
USAGE = {
    "data-dir-too-long": ["list", "--data-dir", LONG],
    "since-beyond-64-bits": ["find", "--since", "99999999999999999999"],
    "until-below-64-bits": ["find", "--until", "-99999999999999999999"],
    "show-beyond-64-bits": ["show", "99999999999999999999999"],
    "similar-beyond-64-bits": ["similar", "99999999999999999999999"],
    "compare-beyond-64-bits": ["compare", "5", "99999999999999999999999"],
    "limit-huge": ["list", "--limit", str(10**30)],
    "limit-negative": ["list", "--limit", "-1"],
    "jobs-huge": ["validate", "--jobs", str(2**64)],
    "sort-escape": ["list", "--sort", "\x1b[31m"],
    "lang-bell": ["list", "--lang", "\x07"],
    "color-escape": ["--color", "\x1b]0;x\x07", "list"],
    "format-bidi": ["list", "--format", "\u202ejson"],
    "kommune-bidi": ["find", "--kommune", "\u202e"],
    "by-escape": ["stats", "--by", "\x1b[2J"],
    "vocab-zero-width": ["vocab", "sec\u200btor"],
    "query-nul": ["find", "a\x00b"],
    "show-nul": ["show", "a\x00b"],
}


@pytest.mark.parametrize("name", sorted(USAGE))
def test_hostile_arguments_are_clean_usage_errors(name: str, runner: CliRunner) -> None:
    result = runner.invoke(app, USAGE[name])
    check_clean(result.stdout, result.stderr)
    assert result.exit_code == 2, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith("erhverv: error: ")
    assert len(lines) <= 2 and all(len(line) < 400 for line in lines)


ECHOED = {
    "show-window-title": (["show", "\x1b]0;pwned\x07"], "no case '\\x1b]0;pwned\\x07'"),
    "show-bidi": (["show", "abc\u202edef"], "no case 'abc<U+202E>def'"),
    "find-csi": (["find", "\x1b[31mred\x9b"], "no cases match"),
    "compare-osc8": (
        ["compare", "\x1b]8;;https://evil.example\x07", "5"],
        "\\x1b]8;;https://evil.example\\x07",
    ),
}


@pytest.mark.parametrize("name", sorted(ECHOED))
def test_arguments_echoed_in_messages_are_escaped(name: str, runner: CliRunner) -> None:
    arguments, shown = ECHOED[name]
    result = runner.invoke(app, arguments)
    check_clean(result.stdout, result.stderr)
    assert result.exit_code == 1
    assert shown in result.stderr


@pytest.mark.parametrize("argument", [b"\xff", b"abc\xff", b"/tmp/\xff\xfe"])
@pytest.mark.parametrize("command", ["show", "find", "data-dir"])
def test_arguments_that_are_not_utf8(command: str, argument: bytes, tmp_path: Path) -> None:
    arguments = ["list", "--data-dir", argument] if command == "data-dir" else [command, argument]
    result = erhverv(*arguments, cache=tmp_path / "cache")
    assert result.returncode == 2
    assert "is not valid UTF-8" in result.stderr
    assert result.stderr.count("\n") == 2


def test_names_with_escapes_are_escaped(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "cases\x1b[31m\u202e"
    shutil.copytree(CORPUS, folder)
    (folder / "evil\x1b]0;pwned\x07.yaml").write_text("id: evil\n", encoding="utf-8")
    result = runner.invoke(app, ["list", "--data-dir", str(folder)])
    check_clean(result.stdout, result.stderr)
    assert result.exit_code == 0
    assert "evil\\x1b]0;pwned\\x07.yaml" in result.stderr
    assert "cases\\x1b[31m<U+202E>" in result.stdout  # the footer names the folder
    validated = runner.invoke(app, ["validate", str(folder)])
    check_clean(validated.stdout, validated.stderr)
    assert validated.exit_code == 1
    assert "evil\\x1b]0;pwned\\x07.yaml:" in validated.stdout
    for fmt in ("text", "json"):
        info = runner.invoke(app, ["info", "--format", fmt, "--data-dir", str(folder)])
        check_clean(info.stdout, info.stderr)
        assert info.exit_code == 0


def test_paths_in_what_writers_say_are_escaped_and_can_be_pasted(runner: CliRunner, tmp_path: Path) -> None:
    """`new`, `export`, `schema` and `init` name what they wrote: a folder's name (which can come
    from a repository's erhverv.toml) reaches the terminal escaped, and quoted for a shell."""
    folder = tmp_path / "my cases\x1b[31m\u202e"
    folder.mkdir()
    out = tmp_path / "out\x1b[31m"
    out.mkdir()
    new = ["new", "--data-dir", str(folder), *NEW_CASE]
    runs = {
        "new": runner.invoke(app, new),
        "export": runner.invoke(app, ["export", "--data-dir", str(folder), "--output", str(out / "x.csv")]),
        "schema": runner.invoke(app, ["schema", "--output", str(out / "case.schema.json")]),
        "init": runner.invoke(app, ["init", str(tmp_path / "repo\x1b]0;pwned\x07"), "--repo", "/x"]),
    }
    for name, result in runs.items():
        check_clean(result.stdout, result.stderr)
        assert result.exit_code == 0, (name, result.output)
    assert "'" + str(tmp_path / "my cases\\x1b[31m<U+202E>") in runs["new"].stdout
    assert "out\\x1b[31m/x.csv" in runs["export"].stderr
    assert "out\\x1b[31m/case.schema.json" in runs["schema"].stderr
    assert "repo\\x1b]0;pwned\\x07" in runs["init"].stdout
    # A name that needs no escaping is printed so that the command can be pasted as it is.
    plain = tmp_path / "plain cases"
    plain.mkdir()
    result = runner.invoke(app, [*new[:2], str(plain), *new[3:]])
    command = result.stdout.splitlines()[1].split("run `", 1)[1].rstrip("`")
    assert shlex.split(command) == ["erhverv", "validate", str(plain / "ivaerksaetterhus.yaml")]
