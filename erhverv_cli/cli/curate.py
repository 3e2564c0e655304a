"""Curating commands: validate, schema, new, init and info."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from erhverv_cli.arguments import choice, integer
from erhverv_cli.cli.app import command
from erhverv_cli.cli.options import (
    DataDirOption,
    InteractiveOption,
    NoCacheOption,
    OutputOption,
    ValidateFormatOption,
    format_option,
    option,
    with_questions,
)
from erhverv_cli.errors import InvalidDataError, UsageError
from erhverv_cli.paths import expand_home
from erhverv_cli.render.messages import print_warning, shown_path


def _path_argument(value: str, wanted: str = "a case file or a folder of case files") -> Path:
    if not value.strip() or "\x00" in value:
        raise UsageError(f"'{value}' is not a path", hint=f"give {wanted}")
    return expand_home(value, "")


@command("validate", "curate")
def validate_command(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[PATH]...",
            help="Case files or folders (default: the corpus found from here).",
            show_default=False,
        ),
    ] = None,
    output_format: ValidateFormatOption = None,
    jobs: Annotated[
        str | None, option("--jobs", "-j", metavar="N", help="Worker processes (default: one per core).")
    ] = None,
    data_dir: DataDirOption = None,
) -> None:
    """Check case files: YAML, fields, vocabularies, municipalities, unique ids and numbers.

    Every error in every file is reported as file:line:col with what was found and what is
    allowed. Without PATH it checks the corpus found from here (`erhverv info` says which).
    Exit status 0 when all files are valid, 1 when any is not, 2 on usage errors.

    Examples:

    \b
      erhverv validate
      erhverv validate data/cases/my-new-case.yaml
      erhverv validate --format github
    """
    from erhverv_cli.discovery import find_corpus
    from erhverv_cli.render.validation import RENDERERS
    from erhverv_cli.validation import validate_paths

    default = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    chosen = choice("--format", output_format, tuple(RENDERERS), default)
    from erhverv_cli.workers import usable_cores

    workers = integer("--jobs", jobs, 0, 256, "a number of processes") or usable_cores()
    if paths:
        targets = [_path_argument(path) for path in paths]
        missing = [str(path) for path in targets if not os.path.lexists(path)]
        if missing:
            raise UsageError(f"no such file or folder: {', '.join(missing)}", hint="check the PATH arguments")
        report = validate_paths(targets, jobs=workers)
    else:
        from erhverv_cli.discovery import display_path

        corpus = find_corpus(data_dir)
        where = "the bundled corpus" if corpus.bundled else corpus.display()
        report = validate_paths([corpus.path], jobs=workers, where=where, shown=display_path)
    for warning in report.warnings:
        print_warning(warning)
    sys.stdout.write(RENDERERS[chosen](report))
    if not report.ok:
        raise typer.Exit(1)


@command("schema", "curate")
def schema_command(
    output: OutputOption = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Compare with the project's schemas/case.schema.json; exit 1 when it differs or is missing.",
        ),
    ] = False,
    data_dir: DataDirOption = None,
) -> None:
    """Print the JSON Schema of a case file, generated from the models.

    Editors use it to complete and check case files while you type. It is printed to standard
    output unless --output FILE is given; --check compares it with the project's
    schemas/case.schema.json (found like the corpus), so CI can keep it in sync.

    Examples:

    \b
      erhverv schema > schemas/case.schema.json
      erhverv schema --output schemas/case.schema.json
      erhverv schema --check
    """
    from erhverv_cli.discovery import find_corpus, find_schema_file
    from erhverv_cli.paths import SCHEMA_FILE_NAME
    from erhverv_cli.schema import schema_text
    from erhverv_cli.writing import write_text_atomically

    text = schema_text()
    if check:
        corpus = find_corpus(data_dir)
        # In a project, its own file, missing or not: the bundled schema is always "up to date".
        own = corpus.root / "schemas" / SCHEMA_FILE_NAME if corpus.root is not None else None
        target = Path(output) if output else own or find_schema_file(corpus)
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if current != text:
            state = "missing" if current is None else "out of date"
            raise _schema_differs(target, state)
        sys.stdout.write(f"{shown_path(target)} is up to date\n")
        return
    if output is None or output == "-":
        sys.stdout.write(text)
        return
    written = write_text_atomically(Path(output), text)
    sys.stderr.write(f"wrote {shown_path(written)}\n")


def _schema_differs(target: Path, state: str) -> InvalidDataError:
    return InvalidDataError(
        f"{target} is {state}", hint=f"run `erhverv schema --output {target}` and commit the result"
    )


@command("new", "curate")
@with_questions(before="data_dir")
def new_command(
    data_dir: DataDirOption = None,
    interactive: InteractiveOption = None,
    *,
    given: dict[str, Any],
) -> None:
    """Scaffold a new case file that passes `erhverv validate`.

    On a terminal it asks for title, type, municipalities (Tab completes the 98 kommuner) and
    summary, then, if you like, operator, start year, target groups, instruments and approaches (Enter
    skips one); a wrong answer is asked again. With flags it runs without prompts. The id is made from
    the title (æ→ae, ø→oe, å→aa). The file is written into the corpus found from here (outside a
    project: the current folder), with the schema line for editors and the optional fields as
    comments. An existing file is never overwritten.

    Examples:

    \b
      erhverv new
      erhverv new --title "Iværksætterhus i Køge" --type fokuseret --kommune Koge \\
          --summary "Et hus for nye virksomheder."
    """
    from erhverv_cli.authoring import write_case
    from erhverv_cli.cli.prompts import ask_missing
    from erhverv_cli.discovery import find_corpus

    corpus = find_corpus(data_dir)  # a wrong --data-dir is said before any question
    case = ask_missing(sys.stdin.isatty() if interactive is None else interactive, given)
    written = write_case(Path(".") if corpus.bundled else corpus.path, case)
    shown = shown_path(written)
    sys.stdout.write(f"wrote {shown}\nnext: edit it, then run `erhverv validate {shown}`\n")


@command("init", "curate")
def init_command(
    directory: Annotated[
        str, typer.Argument(metavar="[DIR]", help="Where to make the repository (default: here).")
    ] = ".",
    repo: Annotated[
        str | None,
        typer.Option(
            "--repo",
            metavar="URL",
            help="Repository of erhverv to pin in the hook and CI.",
            show_default=False,
        ),
    ] = None,
    rev: Annotated[
        str | None,
        typer.Option("--rev", metavar="REV", help="Tag or commit of that repository.", show_default=False),
    ] = None,
) -> None:
    """Scaffold a curator repository: an example case, configuration, pre-commit hook, CI, editor schema.

    Writes data/cases/ with one example case, erhverv.toml, schemas/case.schema.json,
    .pre-commit-config.yaml, .github/workflows/erhverv.yml and .vscode/settings.json. The hook
    and CI pin the repository and revision erhverv was installed from (or --repo and --rev).
    An existing file is never overwritten.

    Examples:

    \b
      erhverv init my-cases
      erhverv init . --repo https://github.com/you/erhverv --rev v0.2.0
    """
    from erhverv_cli.scaffold import choose_source, plan_repository, write_repository

    target = _path_argument(directory, "a folder to make the repository in ('.' for this one)")
    if target.exists() and not target.is_dir():
        raise UsageError(f"'{target}' is a file", hint="give a folder to make the repository in")
    url, revision = choose_source(repo, rev)
    plan = plan_repository(target, repo_url=url, rev=revision)
    result = write_repository(plan)
    written = set(result.written)
    for planned in plan:
        state = "created" if planned.path in written else "exists, kept"
        sys.stdout.write(f"{state:<13} {planned.relative}\n")
    from erhverv_cli.discovery import repository_root

    where = "" if target.resolve() == Path.cwd().resolve() else f"cd {shown_path(target)} && "
    start = "" if repository_root(target.resolve()) is not None else "git init && "  # not in one yet
    sys.stdout.write(f"next: {where}{start}erhverv validate\n")
    if url.startswith(("/", "file:")):
        sys.stderr.write(
            "note: the hook and CI pin a local checkout; pass --repo with a URL others can reach\n"
        )


@command("info", "curate")
def info_command(
    output_format: Annotated[str | None, format_option("text or json [default: text].")] = None,
    data_dir: DataDirOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Say which corpus is in use and why, how many cases it has, and the state of its index cache.

    Examples:

    \b
      erhverv info
      erhverv --color never info --format json
    """
    from erhverv_cli.cli.info import corpus_report

    chosen = choice("--format", output_format, ("text", "json"), "text")
    sys.stdout.write(corpus_report(data_dir, no_cache, chosen))
