"""The `erhverv` command line: parse arguments, call the core, hand results to a renderer.

Exit codes are mapped in one place, :func:`_guard`: 0 ok, 1 invalid data or not found,
2 usage or internal error. Heavy modules (pydantic, yaml, rich) are imported inside the
commands that need them, so `--help` and `--version` start fast.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from erhverv_cli import __version__
from erhverv_cli.errors import ErhvervError

app = typer.Typer(
    name="erhverv",
    help=(
        "Find, compare and curate good-practice cases of Danish municipal business promotion "
        "(kommunal erhvervsfremme)."
    ),
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state = {"debug": os.environ.get("ERHVERV_DEBUG", "") not in ("", "0")}

F = TypeVar("F", bound=Callable[..., Any])


def _guard(function: F) -> F:
    """Map errors to exit codes and messages; a traceback only with --debug."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except (typer.Exit, typer.Abort, typer.BadParameter):
            raise
        except ErhvervError as error:
            typer.echo(f"erhverv: {error}", err=True)
            raise typer.Exit(error.exit_code) from None
        except KeyboardInterrupt:
            typer.echo("erhverv: interrupted", err=True)
            raise typer.Exit(130) from None
        except BrokenPipeError:
            # Output piped into `head` and the like: not an error for the user.
            sys.stderr.close()
            raise typer.Exit(0) from None
        except Exception as error:
            if _state["debug"]:
                raise
            typer.echo(
                f"erhverv: internal error: {type(error).__name__}: {error} "
                "(run with --debug for the traceback, and please report it)",
                err=True,
            )
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def command(*args: Any, **kwargs: Any) -> Callable[[F], F]:
    """Register a command with the shared error handling."""

    def decorate(function: F) -> F:
        app.command(*args, **kwargs)(_guard(function))
        return function

    return decorate


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"erhverv {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version_callback, is_eager=True, help="Show the version and exit."),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full traceback of an internal error.", envvar="ERHVERV_DEBUG")
    ] = False,
) -> None:
    """Find, compare and curate good-practice cases of Danish municipal business promotion.

    The bundled corpus holds the 18 cases of the 2014 IRIS Group catalogue; point --data-dir
    (or ERHVERV_DATA_DIR) at a folder of case files to query your own.
    """
    _state["debug"] = _state["debug"] or debug


class ValidateFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


def _default_validate_format() -> ValidateFormat:
    return ValidateFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else ValidateFormat.text


@command("validate")
def validate_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Case files or folders (default: the corpus in use).", show_default=False),
    ] = None,
    output_format: Annotated[
        ValidateFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text, json, or github (annotations; the default when GITHUB_ACTIONS is set).",
            show_default=False,
        ),
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=0, help="Worker processes for large corpora (0 = one per core).")
    ] = 0,
    data_dir: Annotated[
        Path | None,
        typer.Option("--data-dir", envvar="ERHVERV_DATA_DIR", help="Corpus folder to check when no PATH is given."),
    ] = None,
) -> None:
    """Check case files: YAML, fields, vocabularies, municipalities, unique ids and numbers.

    Every error in every file is reported as file:line:col with what was found and what is
    allowed. Exit status 0 when all files are valid, 1 when any is not, 2 on usage errors.

    Examples:

        erhverv validate

        erhverv validate data/cases/my-new-case.yaml

        erhverv validate --format github data/cases
    """
    from erhverv_cli.paths import default_data_dir
    from erhverv_cli.render.validation import RENDERERS
    from erhverv_cli.validation import validate_paths

    targets = list(paths or [data_dir or default_data_dir()])
    missing = [str(path) for path in targets if not path.exists()]
    if missing:
        raise typer.BadParameter(f"no such file or folder: {', '.join(missing)}", param_hint="PATH")
    report = validate_paths(targets, jobs=jobs or (os.cpu_count() or 1))
    chosen = output_format or _default_validate_format()
    typer.echo(RENDERERS[chosen.value](report), nl=False)
    if not report.ok:
        raise typer.Exit(1)


@command("schema")
def schema_command(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write the schema ('-' for standard output).")
    ] = Path("schemas/case.schema.json"),
    check: Annotated[
        bool, typer.Option("--check", help="Do not write; fail (exit 1) when the file differs from the models.")
    ] = False,
) -> None:
    """Write the JSON Schema of a case file, generated from the models.

    Editors use it to complete and check case files while you type (see the
    '# yaml-language-server: $schema=…' line at the top of each case). CI runs
    `erhverv schema --check` so the published schema never drifts from the code.
    """
    from erhverv_cli.schema import schema_text

    text = schema_text()
    if str(output) == "-":
        typer.echo(text, nl=False)
        return
    if check:
        current = output.read_text(encoding="utf-8") if output.exists() else None
        if current != text:
            state = "missing" if current is None else "out of date"
            typer.echo(f"{output} is {state}; run `erhverv schema` and commit the result", err=True)
            raise typer.Exit(1)
        typer.echo(f"{output} is up to date")
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    typer.echo(f"wrote {output}")


def main() -> None:
    """Entry point of the `erhverv` console script."""
    app(prog_name="erhverv")
