"""Mends from a review of the CLI, each reproduced first:

- `export --lang xx` is a usage error (2) even when nothing would be exported (it said 1);
- the hint of an option misused before the command names `erhverv --help`, not the command's;
- `new` refuses a blank value for any of its options, naming the flag (it wrote or dropped it);
- the console script's fast path ends every error as the Typer app does, through one function,
  and on a damaged index cache falls back to the Typer app, which heals it (it said
  "unexpected IndexDamaged" and exited 2);
- `new --id 2013` (true, null, 0x1f, 1e5, …) writes a file that validates, with the id as text.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, NEW_CASE, ROOT, console_main, decode_fails_after
from typer.testing import CliRunner

from erhverv_cli import commands, entry
from erhverv_cli.authoring import QUESTIONS
from erhverv_cli.cli import app
from erhverv_cli.search.cache import cache_file_for
from erhverv_cli.search.index import CorpusIndex
from erhverv_cli.validation import validate_file

PAGE = 4096  # SQLite's default page size, which the index keeps
MACHINE = ["json", "jsonl", "csv", "tsv"]


def _one_style(code: int, stdout: str, stderr: str, expected_code: int = 2) -> tuple[str, str]:
    """`erhverv: error: …` and at most one hint line, nothing on stdout; (message, hint)."""
    assert code == expected_code, stderr
    assert stdout == ""
    lines = stderr.splitlines()
    assert 1 <= len(lines) <= 2, stderr
    assert lines[0].startswith("erhverv: error: "), stderr
    assert all(line.startswith("  hint: ") for line in lines[1:]), stderr
    assert "Traceback" not in stderr and "Usage:" not in stderr
    return lines[0], lines[1] if len(lines) == 2 else ""


# --- export: a bad --lang is a usage error, said first -------------------------------------------


@pytest.mark.parametrize(
    "extra",
    [
        ["--since", "2099"],  # nothing matches: this used to exit 1, "no cases match"
        ["--type", "basal"],
        ["--format", "xlsx", "--output", "cases.xlsx"],
        ["--data-dir", "/no/such/folder"],  # checked before the corpus is even looked for
    ],
)
def test_export_refuses_an_unknown_lang_first(
    runner: CliRunner, extra: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["export", "--lang", "xx", *extra], prog_name="erhverv")
    message, hint = _one_style(result.exit_code, result.stdout, result.stderr)
    assert "--lang" in message and "'xx'" in message
    assert "da, en" in hint
    assert not list(tmp_path.iterdir())


# --- hints name the --help of the command the option belongs to ------------------------------------


@pytest.mark.parametrize(
    ("arguments", "hinted", "not_hinted"),
    [
        (["--debug=1", "list"], "`erhverv --help`", "erhverv list"),
        (["--version=1", "find", "klynge"], "`erhverv --help`", "erhverv find"),
        (["--debug=yes", "find", "--all=1"], "`erhverv --help`", "erhverv find"),
        (["list", "--all=1"], "`erhverv list --help`", "`erhverv --help`"),  # list's own option
        (["find", "--no-cache=0"], "`erhverv find --help`", "`erhverv --help`"),
    ],
)
def test_the_hint_names_the_help_of_the_options_owner(
    runner: CliRunner, arguments: list[str], hinted: str, not_hinted: str
) -> None:
    result = runner.invoke(app, arguments, prog_name="erhverv")
    message, hint = _one_style(result.exit_code, result.stdout, result.stderr)
    assert "does not take a value" in message
    assert hinted in hint
    assert not_hinted not in hint


def test_an_option_of_erhverv_given_after_the_command_says_where_it_goes(runner: CliRunner) -> None:
    result = runner.invoke(app, ["list", "--debug"], prog_name="erhverv")
    message, hint = _one_style(result.exit_code, result.stdout, result.stderr)
    assert message == "erhverv: error: no such option: --debug"
    assert "give it before the command (erhverv --debug list …)" in hint
    result = runner.invoke(app, ["find", "klynge", "--color", "never"], prog_name="erhverv")
    assert "(erhverv --color WHEN find …)" in _one_style(result.exit_code, result.stdout, result.stderr)[1]


def test_the_real_program_gives_the_same_hint(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "erhverv_cli", "--debug=1", "list"],
        capture_output=True, text=True, check=False, timeout=120,
        env={**os.environ, "ERHVERV_CACHE_DIR": str(tmp_path), "NO_COLOR": "1"},
    )  # fmt: skip
    _, hint = _one_style(done.returncode, done.stdout, done.stderr)
    assert hint == "  hint: `erhverv --help` shows the options and examples"


# --- new: a blank value is a usage error naming the flag, for every option -------------------------

FULL = {"--title": "Iværksætterhus", "--type": "basal", "--kommune": "Aarhus", "--summary": "Kort."}
FLAGS = [flag for question in QUESTIONS for flag in question.flags]


def _with(flag: str, value: str) -> list[str]:
    """The options of a valid new case, with ``flag`` given ``value`` (instead of its own)."""
    canonical = next(question.flag for question in QUESTIONS if flag in question.flags)
    out = [part for name, given in FULL.items() if name != canonical for part in (name, given)]
    return [*out, flag, value]


def test_every_option_of_new_is_covered() -> None:
    assert {"--operator", "--target", "--id", "--title", "-k", "-i", "-t"} <= set(FLAGS)


@pytest.mark.parametrize("blank", ["", "   ", "\t"], ids=["empty", "spaces", "tab"])
@pytest.mark.parametrize("flag", FLAGS)
def test_new_refuses_a_blank_value_for_any_option(
    runner: CliRunner, tmp_path: Path, flag: str, blank: str
) -> None:
    canonical = next(question.flag for question in QUESTIONS if flag in question.flags)
    for ask in ("--no-interactive", "--interactive"):  # refused before anything is asked
        result = runner.invoke(
            app, ["new", "--data-dir", str(tmp_path), *_with(flag, blank), ask], input="", prog_name="erhverv"
        )
        message, hint = _one_style(result.exit_code, result.stdout, result.stderr)
        assert message == f"erhverv: error: {canonical}: must not be blank"
        assert f"leave {canonical} out" in hint
        assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("value", [",", " , ,"])
def test_new_refuses_a_list_option_given_only_separators(
    runner: CliRunner, tmp_path: Path, value: str
) -> None:
    for flag in ("--target", "--instrument", "--kommune"):
        result = runner.invoke(
            app, ["new", "--data-dir", str(tmp_path), *_with(flag, value), "--no-interactive"]
        )
        assert result.exit_code == 2, result.output
        assert f"{flag}: must not be blank" in result.stderr


def test_new_refuses_one_blank_among_repeated_values(runner: CliRunner, tmp_path: Path) -> None:
    args = ["new", "--data-dir", str(tmp_path), *NEW_CASE, "--target", "iværksættere", "--target", ""]
    result = runner.invoke(app, args)
    _one_style(result.exit_code, result.stdout, result.stderr)
    assert "--target: must not be blank" in result.stderr
    assert not list(tmp_path.iterdir())


def test_new_still_takes_real_values_for_the_optional_options(runner: CliRunner, tmp_path: Path) -> None:
    args = ["new", "--data-dir", str(tmp_path), *NEW_CASE, "--operator", " Erhvervshuset ",
            "--target", "iværksættere, ", "-i", "netvaerk", "--started", "2020"]  # fmt: skip
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    case = validate_file(tmp_path / "ivaerksaetterhus.yaml").case
    assert case is not None
    assert case.operator == "Erhvervshuset"
    assert [group.value for group in case.target_groups] == ["iværksættere"]


# --- new: ids and titles YAML would read as something else than text -------------------------------

AWKWARD = ["2013", "true", "null", "0x1f", "1e5", "no", "on", "y", "0o17", "1-2", "2013-01-01", "nan", "inf"]


@pytest.mark.parametrize("identifier", AWKWARD)
def test_new_with_an_awkward_id_writes_a_file_that_validates(
    runner: CliRunner, tmp_path: Path, identifier: str
) -> None:
    result = runner.invoke(app, ["new", "--data-dir", str(tmp_path), *NEW_CASE, "--id", identifier])
    assert result.exit_code == 0, result.output
    written = tmp_path / f"{identifier}.yaml"
    checked = validate_file(written)
    assert checked.ok, checked.findings
    assert checked.case is not None and checked.case.id == identifier
    assert type(checked.case.id) is str
    validated = runner.invoke(app, ["validate", str(tmp_path)])
    assert validated.exit_code == 0, validated.output
    found = runner.invoke(app, ["show", identifier, "--data-dir", str(tmp_path), "--format", "json"])
    assert found.exit_code == 0, found.output
    assert f'"id": "{identifier}"' in found.stdout


@pytest.mark.parametrize("title", ["2013", "true", "null", "0x1f", "1e5", "Yes"])
def test_new_with_an_awkward_title_writes_a_file_that_validates(
    runner: CliRunner, tmp_path: Path, title: str
) -> None:
    args = ["new", "--data-dir", str(tmp_path), "--title", title, "--type", "basal", "--kommune", "Aarhus",
            "--summary", "Kort.", "--no-interactive"]  # fmt: skip
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    written = tmp_path / f"{title.lower()}.yaml"
    checked = validate_file(written)
    assert checked.ok, checked.findings
    assert checked.case is not None
    assert (checked.case.id, checked.case.title) == (title.lower(), title)


def test_an_id_the_format_forbids_is_a_usage_error_naming_id(runner: CliRunner, tmp_path: Path) -> None:
    for identifier in ("1.5", "True", "~", "a b", "-1"):
        result = runner.invoke(app, ["new", "--data-dir", str(tmp_path), *NEW_CASE, "--id", identifier])
        message, _ = _one_style(result.exit_code, result.stdout, result.stderr)
        assert message.startswith("erhverv: error: --id: "), message
        assert not list(tmp_path.iterdir())


# --- the fast path: one mapping of errors, and a damaged cache healed as the Typer app does --------


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the real corpus with its own cache folder."""
    target = tmp_path / "cases"
    shutil.copytree(CORPUS, target)
    monkeypatch.setenv("ERHVERV_CACHE_DIR", str(tmp_path / "cache"))
    return target


def _damage(corpus: Path) -> None:
    """Overwrite the overflow pages of the stored records (as tests/cli/test_cache_healing.py does):
    the checks on open count rows and never read them, so SQLite notices only when a command reads
    the records back."""
    cache = Path(os.environ["ERHVERV_CACHE_DIR"])
    CorpusIndex.open(corpus, cache_dir=cache).close()  # built, and all in the main file
    location = cache_file_for(corpus, cache)
    connection = sqlite3.connect(location)
    try:
        pages = [row[0] for row in connection.execute(
            "SELECT pageno FROM dbstat WHERE name = 'records' AND pagetype = 'overflow'")]  # fmt: skip
    except sqlite3.OperationalError as error:
        if "dbstat" not in str(error):
            raise
        pytest.skip("this SQLite has no dbstat table to find a table's pages")
    finally:
        connection.close()
    assert pages
    with location.open("r+b") as handle:
        for page in pages:
            handle.seek((page - 1) * PAGE)
            handle.write(b"\xff" * PAGE)


@pytest.mark.parametrize("fmt", MACHINE)
def test_the_fast_path_heals_a_damaged_cache_like_the_typer_app(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    args = ["list", "--format", fmt, "--data-dir", str(corpus)]
    clean = console_main([*args, "--no-cache"], fast=True, monkeypatch=monkeypatch)
    assert clean[0] == 0 and clean[2] == ""
    _damage(corpus)
    fast = console_main(args, fast=True, monkeypatch=monkeypatch)
    code, stdout, stderr = fast
    assert (code, stdout) == (0, clean[1]), stderr
    _damage(corpus)
    assert fast == console_main(args, fast=False, monkeypatch=monkeypatch)
    assert "unexpected" not in stderr
    [warning] = stderr.splitlines()
    assert re.fullmatch(r"erhverv: warning: the index cache .*damaged \(.+\); rebuilt it", warning)
    assert console_main(args, fast=True, monkeypatch=monkeypatch) == clean  # healed for good


def test_the_fast_path_hands_a_damaged_cache_to_the_typer_app(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Damage found before any output: fast() says "not mine" (None); the Typer app answers."""
    from erhverv_cli.render.messages import reset_warnings

    _damage(corpus)
    reset_warnings()
    with redirect_stdout(io.StringIO()) as out, redirect_stderr(io.StringIO()):
        assert entry.fast(["find", "--format", "csv", "--data-dir", str(corpus)]) is None
    assert out.getvalue() == ""
    assert commands.SESSION["index"] is None


@pytest.mark.parametrize("reads", [0, 3], ids=["before-output", "after-output"])
def test_damage_that_does_not_heal_ends_the_same_both_ways(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, reads: int
) -> None:
    args = ["list", "--format", "jsonl", "--data-dir", str(corpus)]
    runs: list[tuple[int, str, str]] = []
    original = CorpusIndex.__dict__["decode"]
    for fast_path in (True, False):
        monkeypatch.setenv("ERHVERV_CACHE_DIR", str(tmp_path / f"cache-{fast_path}"))  # each a fresh one
        monkeypatch.setattr(CorpusIndex, "decode", original)
        console_main(args, fast=False, monkeypatch=monkeypatch)  # the cache built
        decode_fails_after(reads, monkeypatch)
        runs.append(console_main(args, fast=fast_path, monkeypatch=monkeypatch))
    assert runs[0] == runs[1]
    code, stdout, stderr = runs[0]
    assert code == 2
    assert len(stdout.splitlines()) == reads
    assert "unexpected" not in stderr and "Traceback" not in stderr
    if reads:  # output began: no second answer after half a first
        assert "found damaged while answering" in stderr
        assert stderr.endswith("  hint: run the command again\n")
    else:  # healed once, damaged again: no loop
        assert stderr.count("rebuilt it") == 1
        assert "erhverv: error: the index cache is damaged" in stderr


def _raise(error: BaseException) -> Callable[..., Any]:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise error

    return fail


@pytest.mark.parametrize(
    ("error", "code", "said"),
    [
        (RuntimeError("boom"), 2, "erhverv: error: unexpected RuntimeError: boom"),
        (OSError(28, "No space left on device"), 2, "erhverv: error: no space left on device"),
        (KeyboardInterrupt(), 130, "erhverv: error: interrupted"),
        (BrokenPipeError(), 0, ""),
    ],
    ids=["unexpected", "os-error", "interrupt", "broken-pipe"],
)
def test_both_paths_end_an_error_the_same_way(
    monkeypatch: pytest.MonkeyPatch, error: BaseException, code: int, said: str
) -> None:
    monkeypatch.setattr(commands, "results", _raise(error))
    from erhverv_cli.render import messages

    monkeypatch.setattr(messages, "quiet_stdout", lambda: None)  # the test's stdout is no pipe
    args = ["list", "--format", "json", "--data-dir", str(CORPUS)]
    fast = console_main(args, fast=True, monkeypatch=monkeypatch)
    assert fast == console_main(args, fast=False, monkeypatch=monkeypatch)
    assert fast[0] == code
    assert fast[2].splitlines()[:1] == ([said] if said else [])


def test_with_debug_both_paths_raise_the_unexpected_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(commands, "results", _raise(RuntimeError("boom")))
    monkeypatch.setenv("ERHVERV_DEBUG", "1")
    args = ["list", "--format", "json", "--data-dir", str(CORPUS)]
    for fast in (True, False):
        with pytest.raises(RuntimeError, match="boom"):
            console_main(args, fast=fast, monkeypatch=monkeypatch)


def test_one_function_maps_errors_for_both_paths() -> None:
    """The Typer app takes the mapping from the entry point; neither keeps a copy of its own."""
    app_source = (ROOT / "erhverv_cli" / "cli" / "app.py").read_text(encoding="utf-8")
    entry_source = (ROOT / "erhverv_cli" / "entry.py").read_text(encoding="utf-8")
    assert "exit_status" in app_source
    for source in (app_source, entry_source.split("def exit_status", 1)[0]):
        assert "unexpected(" not in source and "os_error(" not in source
    assert entry_source.count("unexpected(error)") == 1


@pytest.mark.parametrize("fmt", MACHINE)
def test_the_console_script_heals_a_damaged_cache(corpus: Path, fmt: str) -> None:
    """End to end: `erhverv list --format csv` (json, jsonl, tsv) on a damaged cache answers in
    full with one warning, exactly as the Typer app does (it used to say "unexpected IndexDamaged")."""
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop(entry.FAST_PATH_ENV, None)
    args = [sys.executable, "-m", "erhverv_cli", "list", "--format", fmt, "--data-dir", str(corpus)]

    def run(extra_env: dict[str, str]) -> tuple[int, str, str]:
        done = subprocess.run(args, capture_output=True, text=True, check=False, timeout=120,
                              env={**env, **extra_env})  # fmt: skip
        return done.returncode, done.stdout, done.stderr

    clean = run({})
    assert clean[0] == 0 and clean[1]
    _damage(corpus)
    fast = run({})
    assert (fast[0], fast[1]) == (0, clean[1]), fast[2]
    _damage(corpus)
    assert fast == run({entry.FAST_PATH_ENV: "1"})
    [warning] = fast[2].splitlines()
    assert re.fullmatch(r"erhverv: warning: the index cache .*damaged \(.+\); rebuilt it", warning)


@pytest.mark.parametrize("fields", [",", " ", " , ,"])
@pytest.mark.parametrize(
    "command", [["list"], ["find", "klynge"], ["similar", "6"]], ids=["list", "find", "similar"]
)
@pytest.mark.parametrize("output_format", ["csv", "json", "markdown"])
def test_fields_naming_no_field_is_a_usage_error(
    fields: str, command: list[str], output_format: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An empty header and a row of nothing per case, 18 empty objects or a broken Markdown table were
    printed with exit 0; the fast path and the Typer app both refuse it now."""
    args = [*command, "--fields", fields, "--format", output_format]
    typed = console_main(args, False, monkeypatch)
    assert typed[0] == 2, typed
    assert typed[2].startswith("erhverv: error: --fields: no field named")
    assert typed[1] == ""
    assert console_main(args, True, monkeypatch) == typed


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["list", "--approach", "x"], "hint: --approach is an option of erhverv export, find, new, stats"),
        (["show", "6", "--practice", "x"], "hint: --practice is an option of erhverv export, find, stats"),
        (["find", "--intrument", "x"], "hint: did you mean --instrument?"),
        (["list", "--bogus"], "hint: `erhverv list --help` shows the options and examples"),
    ],
)
def test_an_unknown_option_is_answered_with_where_it_belongs(
    runner: CliRunner, args: list[str], hint: str
) -> None:
    """click's loose guess had `list --approach` mean --no-cache; a close spelling is still offered,
    else the commands that have the option, else the command's --help."""
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].strip() == hint
