"""Every usage error in one style, click's own included.

Standard error holds exactly `erhverv: error: …` and at most one `  hint: …` line; standard output
is empty; the exit status is 2; the allowed values are named and a close one is suggested. No
"Input should be", "Value error", "Usage:" box, "Try '… --help'" or traceback ever shows.
"""

from __future__ import annotations

import pytest
from ptyrun import piped
from typer.testing import CliRunner

from erhverv_cli.cli import app

LEAKS = ("Input should be", "Value error", "Usage:", "Try '", "Traceback", "Error:", "╭", "│")

# name → (arguments, what the error line says, what the hint line says)
ERRORS: dict[str, tuple[list[str], list[str], list[str]]] = {
    # click's errors, in our words
    "no-such-option": (["find", "--limt", "3"], ["no such option: --limt"], ["did you mean --limit?"]),
    "no-such-global-option": (["--colr", "never", "list"], ["no such option: --colr"], ["--color"]),
    "option-before-command": (["--lang", "en", "list"], ["no such option: --lang"], ["after the command"]),
    "no-such-command": (["fnd", "klynge"], ["no such command 'fnd'"], ["did you mean 'find'?"]),
    "missing-argument": (["show"], ["missing argument 'CASE'"], ["erhverv show --help"]),
    "missing-arguments": (["compare"], ["missing argument 'CASE...'"], ["erhverv compare --help"]),
    "extra-argument": (["show", "5", "6"], ["unexpected extra argument", "6"], ["erhverv show --help"]),
    "missing-format-value": (["list", "--format"], ["--format needs a value"], ["table, json, jsonl"]),
    "missing-type-value": (["find", "--type"], ["--type needs a value"], ["TYPE", "fokuseret"]),
    "missing-short-value": (["find", "-n"], ["-n needs a value"], ["-n N"]),
    "missing-global-value": (["--color"], ["--color needs a value"], ["auto, always or never"]),
    # our checks of values
    "format": (["list", "--format", "xml"], ["--format", "'xml'"], ["table, json, jsonl, csv, tsv"]),
    "format-close": (["list", "-f", "tsvx"], ["'tsvx'", "did you mean 'tsv'?"], ["allowed:"]),
    "show-format": (["show", "5", "-f", "yml"], ["did you mean 'yaml'?"], ["yaml"]),
    "sort": (["list", "--sort", "yaer"], ["--sort", "did you mean 'year'?"], ["number, id, title, year"]),
    "find-sort": (["find", "--sort", "relevanse"], ["did you mean 'relevance'?"], ["relevance"]),
    "type": (["find", "--type", "fokus"], ["--type", "did you mean 'fokuseret'?"], ["erhverv vocab type"]),
    "lang": (["show", "5", "--lang", "de"], ["--lang", "'de'"], ["da, en"]),
    "color": (["--color", "sometimes", "list"], ["--color", "'sometimes'"], ["auto, always, never"]),
    "since": (["find", "--since", "abc"], ["--since", "'abc' is not a year"], ["from 1900 to 2100"]),
    "limit-zero": (["list", "--limit", "0"], ["--limit", "0 is out of range"], ["from 1 to"]),
    "limit-text": (["find", "klynge", "-n", "many"], ["--limit", "'many'"], ["from 1 to"]),
    "limit-and-all": (["list", "--limit", "3", "--all"], ["contradict"], ["one of them"]),
    "kommune": (["find", "--kommune", "Kobenhvn"], ["did you mean 'København'?"], ["vocab municipality"]),
    "facet": (["stats", "--by", "sektor"], ["unknown facet 'sektor'", "did you mean 'sector'?"], ["type, "]),
    "field": (["find", "--fields", "titel", "-f", "json"], ["did you mean 'title'?"], ["--fields"]),
    "field-in-table": (["list", "--fields", "titel"], ["did you mean 'title'?"], ["--fields"]),
    "validate-format": (["validate", "--format", "txt"], ["did you mean 'text'?"], ["text, json, github"]),
    "export-format": (["export", "--format", "xslx"], ["did you mean 'xlsx'?"], ["csv, json, markdown"]),
    "compare-one": (["compare", "5"], ["two to four cases"], ["erhverv compare 6 13"]),
}


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("errors-cache"))


@pytest.fixture(autouse=True)
def _one_cache(cache: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The runs of this module share one index cache (subprocesses inherit it)."""
    monkeypatch.setenv("ERHVERV_CACHE_DIR", cache)


def check_style(code: int, stdout: str, stderr: str) -> tuple[str, str]:
    """The one style; returns (message, hint)."""
    assert code == 2, stderr
    assert stdout == ""
    for leak in LEAKS:
        assert leak not in stderr, stderr
    lines = stderr.splitlines()
    assert 1 <= len(lines) <= 2, stderr
    assert lines[0].startswith("erhverv: error: "), stderr
    assert lines[0][len("erhverv: error: ") :][:1].islower() or lines[0][16] in "-'`", stderr
    if len(lines) == 2:
        assert lines[1].startswith("  hint: "), stderr
    return lines[0], lines[1] if len(lines) == 2 else ""


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_usage_errors_in_one_style(name: str, runner: CliRunner) -> None:
    arguments, said, hinted = ERRORS[name]
    result = runner.invoke(app, arguments, prog_name="erhverv")
    message, hint = check_style(result.exit_code, result.stdout, result.stderr)
    for text in said:
        assert text in message, f"{message!r} lacks {text!r}"
    for text in hinted:
        assert text in hint, f"{hint!r} lacks {text!r}"


def test_the_hint_of_a_missing_value_names_the_command_not_the_group(runner: CliRunner) -> None:
    """Click gives no context with this error; the hint used to say `erhverv --help`."""
    result = runner.invoke(app, ["stats", "--by"], prog_name="erhverv")
    _, hint = check_style(result.exit_code, result.stdout, result.stderr)
    assert hint.startswith("  hint: --by FACET: ")
    result = runner.invoke(app, ["list", "extra"], prog_name="erhverv")
    assert "`erhverv list --help`" in check_style(result.exit_code, result.stdout, result.stderr)[1]


@pytest.mark.parametrize(
    "arguments",
    [
        ["find", "--limit", "0", "--format", "json"],  # the console script's fast path answers this
        ["list", "--format", "jsonl", "--sort", "yaer"],  # and this
        ["find", "--type", "fokus", "-f", "csv"],  # and this
        ["find", "--limt", "3", "-f", "json"],  # the Typer app answers this
        ["list", "-f"],
    ],
)
def test_the_real_program_says_it_the_same_way(arguments: list[str], runner: CliRunner) -> None:
    done = piped(arguments, {"NO_COLOR": "1"})
    check_style(done.returncode, done.stdout, done.stderr)
    in_process = runner.invoke(app, arguments, prog_name="erhverv")
    assert done.stderr == in_process.stderr


def test_not_found_is_one_line_and_exit_1(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", "no-such-case"], prog_name="erhverv")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("erhverv: error: no case 'no-such-case'")
    assert len(result.stderr.splitlines()) <= 2
