"""Odd but legitimate places: a corpus folder whose path is not UTF-8, a path setting naming a
home folder that does not exist, a folder where the cache file belongs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS
from typer.testing import CliRunner

from erhverv_cli.cli import app
from erhverv_cli.search.cache import cache_file_for


def test_a_corpus_folder_whose_path_is_not_utf8_is_served(tmp_path: Path) -> None:
    """validate passed it, every query command failed on the cache key. The folder is found from
    where one stands and through ERHVERV_DATA_DIR (an argument must be UTF-8; see below)."""
    repository = os.fsencode(tmp_path) + b"/r\xffo"
    folder = Path(os.fsdecode(repository + b"/data/cases"))
    shutil.copytree(CORPUS, folder)
    base = {"ERHVERV_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin", "NO_COLOR": "1"}
    ways = [
        ({**base}, repository),
        ({**base, "ERHVERV_DATA_DIR": os.fsdecode(folder)}, os.fsencode(tmp_path)),
    ]
    for env, cwd in ways:
        for args in (
            ["list", "--format", "json"],
            ["find", "klynge", "--format", "csv"],
            ["show", "1"],
            ["info"],
        ):
            done = subprocess.run(
                [sys.executable, "-m", "erhverv_cli", *args],
                capture_output=True, env={k: os.fsencode(v) for k, v in env.items()}, cwd=cwd, timeout=120,
                check=False,
            )  # fmt: skip
            assert done.returncode == 0, done.stderr
            assert done.stderr == b""
    assert cache_file_for(folder, tmp_path / "cache").exists()


@pytest.mark.parametrize(
    "args", [["find", "kly\udcffnge", "--format", "json"], ["list", "--format", "csv", "--lang", "\udcff"]]
)
def test_an_argument_that_is_not_utf8_is_refused_alike_on_both_paths(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from erhverv_cli import entry

    answers = []
    for fast in (True, False):
        if fast:
            monkeypatch.delenv(entry.FAST_PATH_ENV, raising=False)
        else:
            monkeypatch.setenv(entry.FAST_PATH_ENV, "1")
        monkeypatch.setattr(sys, "argv", ["erhverv", *args])
        with pytest.raises(SystemExit) as ended:
            entry.main()
        answers.append((ended.value.code, capsys.readouterr()))
    assert answers[0] == answers[1]
    assert answers[0][0] == 2 and "is not valid UTF-8" in answers[0][1].err


@pytest.mark.parametrize(
    ("args", "env", "source"),
    [
        (["list", "--data-dir", "~nouser-erhverv/x"], {}, "--data-dir: "),
        (["validate", "~nouser-erhverv/x"], {}, ""),
        (["init", "~nouser-erhverv/x"], {}, ""),
        (["list"], {"ERHVERV_DATA_DIR": "~nouser-erhverv/x"}, "ERHVERV_DATA_DIR: "),
        (["list"], {"ERHVERV_CACHE_DIR": "~nouser-erhverv/c"}, "ERHVERV_CACHE_DIR: "),
        (["list"], {"ERHVERV_CACHE_DIR": "", "XDG_CACHE_HOME": "~nouser-erhverv/c"}, "XDG_CACHE_HOME: "),
    ],
)
def test_a_home_folder_that_does_not_exist_is_a_usage_error(
    runner: CliRunner, args: list[str], env: dict[str, str], source: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    place = "~nouser-erhverv/c" if "CACHE" in source else "~nouser-erhverv/x"
    assert result.stderr.startswith(
        f"erhverv: error: {source}'{place}' begins with ~nouser-erhverv, but there is no such home folder"
    )
    assert "unexpected" not in result.stderr


def _cache_file(runner: CliRunner, tmp_path: Path) -> Path:
    assert runner.invoke(app, ["list", "--format", "json"]).exit_code == 0
    location = cache_file_for(CORPUS, Path(os.environ["ERHVERV_CACHE_DIR"]))
    assert location.is_file()
    return location


def test_an_empty_folder_where_the_cache_file_belongs_is_replaced(runner: CliRunner, tmp_path: Path) -> None:
    location = _cache_file(runner, tmp_path)
    location.unlink()
    location.mkdir()
    result = runner.invoke(app, ["find", "klynge", "--format", "json"])
    assert result.exit_code == 0
    assert "was damaged (it is a folder); rebuilt it" in result.stderr
    assert location.is_file()
    assert runner.invoke(app, ["find", "klynge", "--format", "json"]).stderr == ""


def test_a_folder_with_files_where_the_cache_file_belongs_is_left_and_said(
    runner: CliRunner, tmp_path: Path
) -> None:
    location = _cache_file(runner, tmp_path)
    location.unlink()
    location.mkdir()
    (location / "keep").write_text("not ours\n")
    want = json.loads(runner.invoke(app, ["find", "klynge", "--format", "json", "--no-cache"]).stdout)
    for _run in range(3):
        result = runner.invoke(app, ["find", "klynge", "--format", "json"])
        assert result.exit_code == 0
        assert json.loads(result.stdout) == want
        assert f"a folder with files in it is where the cache file {location.name} belongs" in result.stderr
    assert (location / "keep").read_text() == "not ours\n"
    assert not [name for name in os.listdir(location.parent) if name.endswith(".tmp")]  # none left behind
