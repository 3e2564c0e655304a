"""The console script: a fast path for machine output of `find` and `list`, else the Typer app.

Scripts and notebooks call `erhverv find … --format json` many times; building the Typer app
costs more than answering the query. So before Typer is imported, :func:`main` reads the
command line itself when it is a plain `find` or `list` with a machine format (json, jsonl, csv,
tsv) and only options it fully understands; it then calls the same core and the same writers
as the Typer commands (:mod:`erhverv_cli.cli.query`), and prints messages in the same style.
Anything else — help, completion, tables, other commands, an option it does not know, a value
it cannot read — goes to the Typer app unchanged. A test runs a set of command lines both ways
and requires the same output, errors and exit status; another keeps the options in step.
"""

from __future__ import annotations

import os
import sys
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


def fast(args: list[str]) -> int | None:
    """Run a `find`/`list` command line for machine output; None when the Typer app should."""
    if not args or args[0] not in ("find", "list") or os.environ.get(FAST_PATH_ENV):
        return None
    if any(name.endswith("_COMPLETE") and name.startswith("_") for name in os.environ):
        return None
    try:
        params = parse(args[0], args[1:])
    except _Fallback:
        return None
    from erhverv_cli.errors import ErhvervError
    from erhverv_cli.render.messages import os_error, print_error, quiet_stdout, unexpected

    try:
        return _run(args[0], params)
    except ErhvervError as error:
        print_error(str(error), error.hint)
        return error.exit_code
    except BrokenPipeError:
        quiet_stdout()
        return 0
    except KeyboardInterrupt:
        print_error("interrupted")
        return 130
    except OSError as error:
        os_error(error)
        return 2
    except Exception as error:  # the Typer app would say the same; --debug goes through it
        if os.environ.get("ERHVERV_DEBUG", "") not in ("", "0"):
            raise
        unexpected(error)
        return 2


def main() -> None:
    """Entry point of the `erhverv` console script."""
    code = fast(sys.argv[1:])
    if code is not None:
        sys.stdout.flush()
        sys.exit(code)
    from erhverv_cli.cli import main as typer_main

    typer_main()
