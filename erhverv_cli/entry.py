"""The console script: a fast path for machine output of `find` and `list`, else the Typer app.

Scripts and notebooks call `erhverv find … --format json` many times; building the Typer app
costs more than answering the query. So before Typer is imported, :func:`main` reads the
command line itself when it is a plain `find` or `list` with a machine format (json, jsonl, csv,
tsv) and only options it fully understands; it then calls the same core and the same writers
as the Typer commands (:mod:`erhverv_cli.cli.query`), and ends the same way: one function,
:func:`exit_status`, says every error and picks its exit status for both. A damaged index cache
found before any output sends the command line to the Typer app, which heals the cache and answers.
Anything else — help, completion, tables, other commands, an option it does not know, a value
it cannot read — goes to the Typer app unchanged. A test runs a set of command lines both ways
and requires the same output, errors and exit status; another keeps the options in step.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any

MACHINE_FORMATS = ("json", "jsonl", "csv", "tsv")
FAST_PATH_ENV = "ERHVERV_NO_FAST_PATH"  # set to 1 to always use the Typer app


class _Fallback(Exception):
    """The fast path does not take this command line: the Typer app does."""


def _options(command: str) -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    """The options of a command: repeatable ones and single ones (flag → parameter), and flags."""
    from erhverv_cli.search.facets import VALUE_FACETS

    single = {
        "--format": "output_format", "-f": "output_format", "--data-dir": "data_dir", "--sort": "sort",
        "-s": "sort", "--limit": "limit", "-n": "limit", "--fields": "fields", "--lang": "lang",
    }  # fmt: skip
    if command == "list":
        return {}, single, frozenset({"--no-cache", "--all"})
    repeated = {flag: item.key for item in VALUE_FACETS for flag in item.flags}
    single = {**single, "--since": "since", "--until": "until"}
    return repeated, single, frozenset({"--no-cache", "--all"})


def parse(command: str, args: list[str]) -> dict[str, Any]:
    """The parameters of a `find`/`list` command line, or _Fallback when it is not ours."""
    repeated, single, flags = _options(command)
    out: dict[str, Any] = {"query": [], **{key: [] for key in set(repeated.values())}}
    position = 0
    while position < len(args):
        arg = args[position]
        if arg == "--" or not arg.startswith("-") or arg == "-":
            if command != "find":
                raise _Fallback
            out["query"] += args[position + 1 :] if arg == "--" else [arg]
            if arg == "--":
                break
        elif arg in flags:
            out[arg.lstrip("-").replace("-", "_")] = True
        else:
            name, equals, value = arg.partition("=")
            if name not in repeated and name not in single:
                raise _Fallback  # --help, an exclusion (-word), a short option with its value attached
            if not equals:
                if position + 1 >= len(args):
                    raise _Fallback
                position += 1
                value = args[position]
            if name in repeated:
                out[repeated[name]].append(value)
            elif single[name] in out:
                raise _Fallback  # given twice: let the Typer app decide
            else:
                out[single[name]] = value
        position += 1
    if out.get("output_format") not in MACHINE_FORMATS or out.get("fields") == "":
        raise _Fallback
    return out


def _run(command: str, params: dict[str, Any]) -> int:
    """The command, as :mod:`erhverv_cli.cli.query` runs it for machine formats."""
    from erhverv_cli import commands
    from erhverv_cli.arguments import lang
    from erhverv_cli.labels import language

    fmt = commands.output_format(params["output_format"], MACHINE_FORMATS)
    index = commands.open_corpus(params.get("data_dir"), bool(params.get("no_cache")))
    chosen = language(lang(params.get("lang")))
    size = commands.page_size(params.get("limit"), bool(params.get("all")), fmt, False)
    found = commands.results(command, index, params, size)
    commands.write_machine(command, found, fmt, params.get("fields"), chosen)
    if not found.total:
        commands.nothing_found()
    return 0


def check_arguments(arguments: Sequence[str]) -> None:
    """Arguments the shell handed over as bytes that are not UTF-8 cannot be searched or printed:
    a usage error, on the fast path as in the Typer app."""
    from erhverv_cli.errors import UsageError

    for position, argument in enumerate(arguments, start=1):
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:
            shown = argument.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            raise UsageError(
                f"argument {position} ({shown}) is not valid UTF-8",
                hint="type it again, or set a UTF-8 locale (LANG=C.UTF-8)",
            ) from None


def exit_status(error: BaseException, debug: bool = False) -> int | None:
    """How a command that raised ``error`` ends, for the Typer app and the fast path alike: the
    message said in the one style, and the exit status returned (0 ok, 1 invalid data or nothing
    found, 2 usage or internal error, 130 interrupted). None when the caller goes on instead: a
    damaged index cache (:func:`after_damage` heals it), and with --debug an unexpected error
    (raised again, for its traceback)."""
    from erhverv_cli.errors import ErhvervError
    from erhverv_cli.render.messages import os_error, print_error, quiet_stdout, unexpected

    if isinstance(error, ErhvervError):
        print_error(str(error), error.hint)
        return error.exit_code
    if isinstance(error, KeyboardInterrupt):
        print_error("interrupted")
        return 130
    if isinstance(error, BrokenPipeError):
        quiet_stdout()  # piped into `head`: not an error for the user
        return 0
    if isinstance(error, OSError):
        os_error(error)
        return 2
    if damaged(error) or debug or not isinstance(error, Exception):
        return None
    unexpected(error)
    return 2


def damaged(error: BaseException) -> bool:
    """Whether SQLite found the index cache damaged (erhverv_cli.search's IndexDamaged, by name:
    importing the search package here would slow every start)."""
    return type(error).__name__ == "IndexDamaged"


def after_damage(error: BaseException, retried: bool) -> int | None:
    """A cache SQLite found damaged mid-command: rebuild it (once: not when ``retried``). None when
    nothing was printed yet, so the command runs once more; else the exit status, the error said
    (half an answer followed by a whole one is no answer)."""
    from erhverv_cli.commands import SESSION
    from erhverv_cli.render.messages import print_error, print_warning
    from erhverv_cli.search.cache import reason

    index = SESSION["index"]
    healed = not retried and index is not None and index.heal(error)
    if healed and not SESSION["written"]:
        print_warning(index.warnings[-1])
        _release_index()
        return None
    if healed:
        print_error(
            f"the index cache was found damaged while answering ({reason(error)}); it is rebuilt now",
            "run the command again",
        )
    else:
        print_error(f"the index cache is damaged ({reason(error)})", "run the command with --no-cache")
    return 2


def _release_index() -> None:
    """Close the index the command opened, found damaged, so that the next run opens it anew."""
    from erhverv_cli.commands import SESSION

    if SESSION["index"] is not None:
        SESSION["index"].close()
    SESSION.update(index=None)


def fast(args: list[str]) -> int | None:
    """Run a `find`/`list` command line for machine output; None when the Typer app should: a
    command line the fast path does not take, or a damaged index cache found before any output
    (the Typer app heals it and answers, as it would have without the fast path)."""
    if not args or args[0] not in ("find", "list") or os.environ.get(FAST_PATH_ENV):
        return None
    if any(name.endswith("_COMPLETE") and name.startswith("_") for name in os.environ):
        return None
    try:
        params = parse(args[0], args[1:])
    except _Fallback:
        return None
    from erhverv_cli.commands import SESSION

    SESSION.update(index=None, written=False)
    try:
        check_arguments(args)
        return _run(args[0], params)
    except (KeyboardInterrupt, Exception) as error:
        if damaged(error) and not SESSION["written"]:
            _release_index()  # the Typer app opens it anew, heals it and answers
            return None
        if damaged(error):
            return after_damage(error, retried=False)
        code = exit_status(error, debug=os.environ.get("ERHVERV_DEBUG", "") not in ("", "0"))
        if code is None:  # --debug: the traceback, as the Typer app shows it
            raise
        return code


def main() -> None:
    """Entry point of the `erhverv` console script."""
    from erhverv_cli.render.messages import reset_warnings

    reset_warnings()  # a new run (tests run many in one process)
    code = fast(sys.argv[1:])
    if code is not None:
        sys.stdout.flush()
        sys.exit(code)
    from erhverv_cli.cli import main as typer_main

    typer_main(keep_warnings=True)  # what a fast path that fell back warned of is not said twice
