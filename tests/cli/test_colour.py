"""Colour follows --color, then NO_COLOR, then FORCE_COLOR, then whether output is a terminal.

On a pseudo-terminal the default is colour (bold titles); NO_COLOR=1, --color never and TERM=dumb
leave no escape code at all. Piped, tables are plain unless FORCE_COLOR=1 or --color always asks for
colour; machine formats never carry a code.
"""

from __future__ import annotations

import json

import pytest
from ptyrun import ESCAPE, on_terminal, on_terminal_batch
from typer.testing import CliRunner

from erhverv_cli.cli import app

TABLES = {
    "list": ["list"],
    "find": ["find", "klynge"],
    "show": ["show", "13"],
    "compare": ["compare", "6", "13"],
    "stats": ["stats"],
    "stats-by": ["stats", "--by", "type"],
    "similar": ["similar", "13"],
    "vocab": ["vocab", "type"],
    "error": ["find", "--type", "fokus"],
    "no-match": ["find", "zzqqxxyy"],
}
TITLE = "Silkeborg Valley"  # case 13: a title short enough never to wrap
BOLD = "\x1b[1m"


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return {"ERHVERV_CACHE_DIR": str(tmp_path_factory.mktemp("colour-cache"))}


@pytest.fixture(autouse=True)
def _one_cache(cache: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The in-process runs share the module's cache too: the index is built once."""
    monkeypatch.setenv("ERHVERV_CACHE_DIR", cache["ERHVERV_CACHE_DIR"])


def _piped(runner: CliRunner, arguments: list[str], env: dict[str, str | None]) -> str:
    result = runner.invoke(app, arguments, env=env, prog_name="erhverv")
    assert result.exit_code == 0, result.output
    return result.stdout


# -- on a terminal ---------------------------------------------------------------------------------
# Several command lines run in one process on the terminal (ptyrun.on_terminal_batch) to keep the
# test quick; test_output and test_pager run `python -m erhverv_cli` itself on a terminal.


def test_no_color_on_a_terminal_means_no_escape_code_at_all(cache: dict[str, str]) -> None:
    outputs = on_terminal_batch(list(TABLES.values()), {**cache, "NO_COLOR": "1"})
    for name, (code, screen) in zip(TABLES, outputs, strict=True):
        assert code == (0 if name not in ("error", "no-match") else 2 if name == "error" else 1), name
        assert screen.strip(), name
        assert ESCAPE not in screen, name


def test_no_color_on_a_terminal_through_the_console_script(cache: dict[str, str]) -> None:
    code, screen = on_terminal(["list"], {**cache, "NO_COLOR": "1"})
    assert code == 0
    assert TITLE in screen and ESCAPE not in screen


@pytest.mark.parametrize(
    ("options", "env"),
    [(["--color", "never"], {}), ([], {"TERM": "dumb"})],
    ids=["color-never", "term-dumb"],
)
def test_colour_can_be_turned_off_on_a_terminal(
    options: list[str], env: dict[str, str], cache: dict[str, str]
) -> None:
    names = ("list", "show", "stats-by", "vocab")
    outputs = on_terminal_batch([[*options, *TABLES[name]] for name in names], {**cache, **env})
    for name, (code, screen) in zip(names, outputs, strict=True):
        assert code == 0
        assert ESCAPE not in screen, name


def test_a_terminal_gets_colour_by_default(cache: dict[str, str]) -> None:
    names = ("list", "find", "show", "stats-by", "vocab")
    outputs = dict(zip(names, on_terminal_batch([TABLES[name] for name in names], cache), strict=True))
    for name in ("list", "find"):
        assert BOLD + TITLE in outputs[name][1], name
    assert f"{BOLD}Case 13: {TITLE}" in outputs["show"][1]
    assert "\x1b[36m" in outputs["stats-by"][1] and "█" in outputs["stats-by"][1]  # the bars
    assert BOLD + "value" in outputs["vocab"][1]
    code, screen = on_terminal(["find", "klynge"], cache)  # and through the console script
    assert code == 0 and BOLD + TITLE in screen


# -- piped ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["list", "find", "stats", "stats-by", "similar", "vocab", "show", "compare"])
def test_piped_tables_are_plain_by_default(name: str, runner: CliRunner) -> None:
    assert ESCAPE not in _piped(runner, TABLES[name], {"NO_COLOR": None, "TERM": "xterm-256color"})


@pytest.mark.parametrize(
    ("options", "env"),
    [([], {"NO_COLOR": None, "FORCE_COLOR": "1"}), (["--color", "always"], {"NO_COLOR": None})],
    ids=["FORCE_COLOR", "color-always"],
)
@pytest.mark.parametrize("name", ["list", "find", "stats", "stats-by", "similar", "vocab", "show", "compare"])
def test_colour_asked_for_colours_piped_tables(
    name: str, options: list[str], env: dict[str, str | None], runner: CliRunner
) -> None:
    output = _piped(runner, [*options, *TABLES[name]], env)
    assert BOLD in output, output[:300]
    if name in ("list", "find", "show"):
        assert BOLD + ("Case 13: " if name == "show" else "") + TITLE in output
    plain = output.replace(BOLD, "").replace("\x1b[2m", "").replace("\x1b[36m", "").replace("\x1b[0m", "")
    assert plain == _piped(runner, TABLES[name], {"NO_COLOR": "1"}) or name in ("show", "compare")


def test_colour_wins_over_no_color_only_when_asked_on_the_command_line(runner: CliRunner) -> None:
    assert BOLD in _piped(runner, ["--color", "always", "list"], {"NO_COLOR": "1"})
    assert ESCAPE not in _piped(runner, ["list"], {"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert ESCAPE not in _piped(runner, ["list"], {"NO_COLOR": None, "FORCE_COLOR": "0"})


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "tsv", "markdown"])
def test_machine_formats_never_carry_colour(fmt: str, runner: CliRunner) -> None:
    commands = (["list", "-f", fmt], ["stats", "--by", "type", "-f", fmt], ["vocab", "type", "-f", fmt])
    for arguments in commands:
        output = _piped(runner, ["--color", "always", *arguments], {"FORCE_COLOR": "1"})
        assert ESCAPE not in output, arguments
    if fmt == "json":
        assert json.loads(_piped(runner, ["--color", "always", "show", "13", "-f", "json"], {}))["id"]
