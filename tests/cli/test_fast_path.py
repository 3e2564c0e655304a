"""The fast path of the console script (erhverv_cli.entry) says exactly what the Typer app says.

Every command line below runs both ways, in process: through the fast path, and through the
Typer app with the fast path switched off. Output, messages and exit status must be identical.
Command lines the fast path does not take must go to the Typer app.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import CORPUS, console_main

from erhverv_cli import entry

TAKEN = [
    ["find", "--type", "fokuseret", "--format", "json"],
    ["find", "klynge", "--format", "jsonl"],
    ["find", "klynge", "maritim", "--limit", "2", "--format", "csv"],
    ["find", "--region", "Nordjylland", "--format", "tsv"],
    ["find", "--kommune", "Koge", "-f", "json"],
    ["find", "iværksættere", "--sort", "-year", "--format", "json", "--fields", "number,id,started,score"],
    ["find", "netværk", "--format", "jsonl", "--fields", "id,snippet"],
    ["find", "--since", "2010", "--until", "2012", "--format", "csv"],
    ["find", "--type", "fokus", "--format", "json"],  # unknown value: a usage error
    ["find", "--since", "abc", "--format", "json"],  # not a year
    ["find", "--since", "2015", "--until", "2010", "--format", "json"],
    ["find", "zzzxqy", "--format", "json"],  # nothing found: exit 1
    ["find", "--limit", "0", "--format", "json"],
    ["find", "--limit", "3", "--all", "--format", "json"],
    ["find", "--fields", "nosuchfield", "--format", "json"],
    ["find", "--sort", "relevans", "--format", "json"],
    ["find", "--lang", "en", "--format", "csv", "--fields", "id,key_figures"],
    ["find", "--format", "json", "--", "-klynge"],
    ["list", "--format", "json"],
    ["list", "--sort", "title", "--format", "csv"],
    ["list", "--format", "jsonl", "--limit", "3", "--fields", "number,title"],
    ["list", "--format", "tsv", "--lang", "en"],
]
NOT_TAKEN = [
    ["find", "--type", "fokuseret"],  # a table
    ["find", "klynge", "--format", "markdown"],
    ["find", "--help"],
    ["find", "--fields"],  # lists the fields
    ["find", "klynge", "--explain", "--format", "json"],
    ["find", "netværk", "-klynge", "--format", "json"],  # an exclusion: the app rewrites it
    ["list", "extra", "--format", "json"],
    ["show", "5", "--format", "json"],
    ["find", "--format"],
]


@pytest.mark.parametrize("args", TAKEN, ids=lambda args: " ".join(args))
def test_the_fast_path_answers_like_the_typer_app(args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    full = [args[0], "--data-dir", str(CORPUS), *args[1:]]
    assert console_main(full, fast=True, monkeypatch=monkeypatch) == console_main(
        full, fast=False, monkeypatch=monkeypatch
    )


@pytest.mark.parametrize("args", NOT_TAKEN, ids=lambda args: " ".join(args))
def test_other_command_lines_go_to_the_typer_app(args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(entry.FAST_PATH_ENV, raising=False)
    assert entry.fast(args) is None


@pytest.mark.parametrize("command", ["find", "list"])
def test_the_fast_path_knows_only_options_the_command_has(command: str) -> None:
    from typer.main import get_command

    from erhverv_cli.cli import app

    click_command = get_command(app).commands[command]  # type: ignore[attr-defined]
    declared = {opt: param.name for param in click_command.params for opt in getattr(param, "opts", [])}
    repeated, single, flags = entry._options(command)
    for flag, name in {**repeated, **single}.items():
        assert declared.get(flag) == name, flag
    for flag in flags:
        assert flag in declared, flag


def test_a_broken_pipe_is_quiet(tmp_path: Path) -> None:
    import subprocess

    done = subprocess.run(
        f"{sys.executable} -m erhverv_cli list --format jsonl --data-dir {CORPUS} | head -1",
        shell=True, capture_output=True, text=True, timeout=60, check=False,
        env={"ERHVERV_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert done.stdout.count("\n") == 1
    assert done.stderr == ""


@pytest.mark.parametrize("command", ["find", "stats", "export"])
def test_every_value_facet_is_a_filter_of_the_filtering_commands(command: str) -> None:
    """A facet added to search/facets.py must also be declared on each command that filters."""
    from typer.main import get_command

    from erhverv_cli.cli import app
    from erhverv_cli.search.facets import VALUE_FACETS

    click_command = get_command(app).commands[command]  # type: ignore[attr-defined]
    declared = {opt: param.name for param in click_command.params for opt in getattr(param, "opts", [])}
    for item in VALUE_FACETS:
        for flag in item.flags:
            assert declared.get(flag) == item.key, (command, flag)
