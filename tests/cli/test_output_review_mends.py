"""Mends from a review of what the CLI writes and prints.

* `export --output` never replaces a FIFO or a device (named, or through a link); a link to a
  regular file is written through and stays a link.
* `validate` given one folder twice (relative and absolute) checks each file once.
* The rich table's footer names the corpus folder on one line, whatever the name holds.
* A file name that is not UTF-8 is printed with the undecodable byte shown (``\\xff``), never raw,
  in every format of `validate`.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, ROOT
from hostile import check_clean
from ptyrun import on_terminal, plain
from typer.testing import CliRunner, Result

from erhverv_cli.cli import app
from erhverv_cli.paths import case_files
from erhverv_cli.render.tables import Page, rich_table
from erhverv_cli.render.terminal import Look

CORPUS_SIZE = len(case_files(CORPUS))
REAL = ("silkeborg-valley", "concept-mariagerfjord")


def _run(runner: CliRunner, *arguments: str) -> Result:
    result = runner.invoke(app, list(arguments), prog_name="erhverv")
    check_clean(result.stdout, result.stderr)
    return result


# -- export --output over things that are not regular files ------------------------------------------


def test_export_refuses_a_fifo_and_leaves_it(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "cases.json"
    os.mkfifo(target)
    result = _run(runner, "export", "--output", str(target), "--no-cache")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"erhverv: error: cannot write {target}: it is a named pipe (FIFO), not a regular file",
        "  hint: give the name of a regular file, or of a new one; to see the output, leave out --output",
    ]
    assert stat.S_ISFIFO(os.lstat(target).st_mode)
    assert sorted(os.listdir(tmp_path)) == ["cases.json"]


@pytest.mark.parametrize("name", ["cases.json", "cases.csv", "cases.xlsx"])
def test_export_through_a_link_to_a_device_is_refused(name: str, runner: CliRunner, tmp_path: Path) -> None:
    # A device node of its own (like /dev/null): were the guard ever broken, the system's stays.
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (OSError, AttributeError):
        pytest.skip("cannot make a device node here (needs root or CAP_MKNOD)")
    before = os.lstat(device)
    link = tmp_path / name
    link.symlink_to(device)
    result = _run(runner, "export", "--output", str(link), "--no-cache")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"erhverv: error: cannot write {link} (a link to {device}): "
        "it is a character device, not a regular file"
    )
    after = os.lstat(device)
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert link.is_symlink() and sorted(os.listdir(tmp_path)) == sorted([name, "null"])


def test_export_through_a_link_writes_the_file_it_names(runner: CliRunner, tmp_path: Path) -> None:
    real = tmp_path / "shared" / "cases.json"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "cases.json"
    link.symlink_to(real)
    result = _run(runner, "export", "--output", str(link), "--no-cache")
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert len(json.loads(real.read_text(encoding="utf-8"))) == CORPUS_SIZE
    assert sorted(os.listdir(tmp_path)) == ["cases.json", "shared"]
    assert sorted(os.listdir(real.parent)) == ["cases.json"]


def test_export_through_a_dangling_link_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    link = tmp_path / "cases.md"
    link.symlink_to(tmp_path / "missing.md")
    result = _run(runner, "export", "--output", str(link), "--no-cache")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"erhverv: error: cannot write {link}: it is a symbolic link to a file that does not exist"
    )
    assert not (tmp_path / "missing.md").exists()


# -- validate: one folder, two spellings -------------------------------------------------------------


def test_validate_one_folder_given_twice_checks_each_file_once(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    result = _run(runner, "validate", "data/cases", str(CORPUS), "./data/cases/silkeborg-valley.yaml")
    assert result.exit_code == 0, result.stdout
    assert result.stdout == f"{CORPUS_SIZE} files checked: all valid\n"
    as_json = _run(runner, "validate", "--format", "json", "data/cases", str(CORPUS))
    assert json.loads(as_json.stdout)["files"] == CORPUS_SIZE


# -- the footer of a rich table ------------------------------------------------------------------------


@pytest.fixture
def odd_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "two\nlines\x1b[2J"
    folder.mkdir()
    for name in REAL:
        shutil.copy(CORPUS / f"{name}.yaml", folder)
    return folder


def test_the_footer_names_a_folder_with_a_line_break_on_one_line(odd_folder: Path, tmp_path: Path) -> None:
    env = {"ERHVERV_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}
    code, screen = on_terminal(["list", "--data-dir", str(odd_folder)], env, columns=200)
    text = plain(screen)
    assert code == 0, text
    lines = text.rstrip().splitlines()
    assert lines[-1] == f"2 cases in {tmp_path}/two\\nlines\\x1b[2J"
    assert "lines" not in lines[-2]


def test_a_rich_table_caption_and_title_are_one_line_each() -> None:
    from io import StringIO

    from rich.console import Console

    look = Look(terminal=True, width=100)
    table = rich_table(Page([], "3 cases in /x/two\nlines", title="Like\nthis"), look, "list")
    out = StringIO()
    Console(file=out, width=100, color_system=None).print(table)
    lines = [line.strip() for line in out.getvalue().splitlines() if line.strip()]
    assert lines[0] == "Like\\nthis"
    assert lines[-1] == "3 cases in /x/two\\nlines"


# -- file names that are not UTF-8 ---------------------------------------------------------------------


def _validate_bytes_named(folder: Path, *options: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "ERHVERV_CACHE_DIR": str(folder.parent / "cache"), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "erhverv_cli", "validate", *options, "."],
        capture_output=True,
        timeout=60,
        env=env,
        cwd=folder,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def latin1_named(tmp_path: Path) -> Path:
    folder = tmp_path / "cases"
    folder.mkdir()
    try:
        (folder / os.fsdecode(b"a\xffb.yaml")).write_bytes(b"id: x\n")
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    return folder


def test_a_non_utf8_file_name_is_shown_escaped_in_text(latin1_named: Path) -> None:
    result = _validate_bytes_named(latin1_named)
    assert result.returncode == 1
    assert b"\xff" not in result.stdout + result.stderr
    lines = result.stdout.decode("utf-8").splitlines()  # strict: the output is UTF-8
    check_clean(*lines)
    assert lines[0].startswith("a\\xffb.yaml:1:1: ")
    assert "does not match the file name 'a\\xffb'" in result.stdout.decode("utf-8")


def test_a_non_utf8_file_name_is_escaped_in_json_and_reads_back(latin1_named: Path) -> None:
    result = _validate_bytes_named(latin1_named, "--format", "json")
    assert result.returncode == 1
    assert b"\xff" not in result.stdout
    text = result.stdout.decode("utf-8")
    assert '"file": "a\\udcffb.yaml"' in text  # a JSON escape, as for any unsafe character
    payload: Any = json.loads(text)
    names = {error["file"] for error in payload["errors"]}
    assert names == {
        os.fsdecode(b"a\xffb.yaml")
    }  # the name as Python holds it: os.fsencode gives the bytes back
    assert os.fsencode(names.pop()) == b"a\xffb.yaml"


def test_a_non_utf8_file_name_is_shown_escaped_in_github_annotations(latin1_named: Path) -> None:
    result = _validate_bytes_named(latin1_named, "--format", "github")
    assert b"\xff" not in result.stdout
    lines = result.stdout.decode("utf-8").splitlines()
    assert lines[0].startswith("::error file=a\\xffb.yaml,line=1,col=1,")
