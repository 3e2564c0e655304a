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
from enum import StrEnum
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
        typer.Option(
            "--version", callback=_version_callback, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option("--debug", help="Show the full traceback of an internal error.", envvar="ERHVERV_DEBUG"),
    ] = False,
) -> None:
    """Find, compare and curate good-practice cases of Danish municipal business promotion.

    The bundled corpus holds the 18 cases of the 2014 IRIS Group catalogue; point --data-dir
    (or ERHVERV_DATA_DIR) at a folder of case files to query your own.
    """
    _state["debug"] = _state["debug"] or debug


class ValidateFormat(StrEnum):
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
        int,
        typer.Option("--jobs", "-j", min=0, help="Worker processes for large corpora (0 = one per core)."),
    ] = 0,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir", envvar="ERHVERV_DATA_DIR", help="Corpus folder to check when no PATH is given."
        ),
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
        bool,
        typer.Option("--check", help="Do not write; fail (exit 1) when the file differs from the models."),
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


# -- query commands --------------------------------------------------------------------------


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class ShowFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    yaml = "yaml"


class ListSort(StrEnum):
    number = "number"
    id = "id"
    title_ = "title"  # not `title`: that would shadow str.title
    year = "year"
    type = "type"


class FindSort(StrEnum):
    relevance = "relevance"
    number = "number"
    year = "year"
    title_ = "title"  # not `title`: that would shadow str.title


# Completion callbacks use click's shell_complete hook (Typer's autocompletion= would drop
# candidates that do not start with the typed text, so "Koge" could never complete to "Køge").


def _completion_item(value: str, help: str | None = None) -> Any:
    """A click CompletionItem, from the click that newer Typer vendors, or from the click package."""
    try:
        from typer._click.shell_completion import CompletionItem
    except ImportError:  # older Typer runs on the click package
        try:
            from click.shell_completion import CompletionItem  # type: ignore[no-redef,import-not-found]
        except ImportError:
            return value  # Typer makes an item of a plain string itself (without the help text)
    return CompletionItem(value, help=help)


def _complete_from(options: list[str], incomplete: str, helps: dict[str, str] | None = None) -> list[Any]:
    from erhverv_cli.folding import fold_name

    key = fold_name(incomplete)
    return [
        _completion_item(option, help=(helps or {}).get(option))
        for option in options
        if fold_name(option).startswith(key)
    ]


def _complete_municipality(ctx: Any, param: Any, incomplete: str) -> list[Any]:
    from erhverv_cli.geography import MUNICIPALITIES, REGION_OF

    return _complete_from(list(MUNICIPALITIES), incomplete, REGION_OF)


def _complete_region(ctx: Any, param: Any, incomplete: str) -> list[Any]:
    from erhverv_cli.geography import REGIONS

    shorts = [region.removeprefix("Region ") for region in REGIONS]
    return _complete_from(shorts, incomplete)


def _vocabulary_completer(name: str) -> Callable[[Any, Any, str], list[Any]]:
    def complete(ctx: Any, param: Any, incomplete: str) -> list[Any]:
        from erhverv_cli.vocab import MEANINGS, VOCABULARIES

        vocabulary = VOCABULARIES[name]
        helps = {member.value: MEANINGS.get(member, "") for member in vocabulary}
        return _complete_from([member.value for member in vocabulary], incomplete, helps)

    return complete


def _completion_index(ctx: Any) -> Any:
    from erhverv_cli.paths import default_data_dir
    from erhverv_cli.search.index import CorpusIndex

    data_dir = ctx.params.get("data_dir") or default_data_dir()
    return CorpusIndex.open(Path(data_dir), use_cache=not ctx.params.get("no_cache", False))


def _complete_sector(ctx: Any, param: Any, incomplete: str) -> list[Any]:
    try:
        from erhverv_cli.search.engine import allowed_values

        return _complete_from(allowed_values("sector", _completion_index(ctx)), incomplete)
    except Exception:
        return []


def _complete_case(ctx: Any, param: Any, incomplete: str) -> list[Any]:
    """Case numbers and ids of the corpus in use, with titles as help."""
    from erhverv_cli.folding import to_ascii_id

    try:
        index = _completion_index(ctx)
        rows = index.connection.execute("SELECT number, id, title FROM docs ORDER BY number, id").fetchall()
    except Exception:
        return []
    typed = to_ascii_id(incomplete) if incomplete else ""
    out = []
    for number, identifier, title in rows:
        if number is not None and incomplete.isdigit() and str(number).startswith(incomplete):
            out.append(_completion_item(str(number), help=title))
        if identifier.startswith(typed):
            out.append(_completion_item(identifier, help=title))
    return out


DataDirOption = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        envvar="ERHVERV_DATA_DIR",
        help="Folder of case files to query instead of the bundled corpus.",
        show_default=False,
    ),
]
NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="Do not use or update the index in the cache directory.")
]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]

TypeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--type",
        "-t",
        help="basal, fokuseret or erhvervsudvikling (repeat for OR).",
        show_default=False,
        shell_complete=_vocabulary_completer("type"),
    ),
]
KommuneOption = Annotated[
    list[str] | None,
    typer.Option(
        "--kommune",
        "--municipality",
        "-k",
        help="Lead or partner municipality; æ/ø/å optional (Koge, Aarhus).",
        show_default=False,
        shell_complete=_complete_municipality,
    ),
]
RegionOption = Annotated[
    list[str] | None,
    typer.Option(
        "--region",
        "-r",
        help="Region, e.g. Nordjylland or Sjaelland.",
        show_default=False,
        shell_complete=_complete_region,
    ),
]
TargetOption = Annotated[
    list[str] | None,
    typer.Option(
        "--target",
        help="Target group, e.g. iværksættere.",
        show_default=False,
        shell_complete=_vocabulary_completer("target_groups"),
    ),
]
InstrumentOption = Annotated[
    list[str] | None,
    typer.Option(
        "--instrument",
        "-i",
        help="Instrument, e.g. netværk.",
        show_default=False,
        shell_complete=_vocabulary_completer("instruments"),
    ),
]
PracticeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--practice",
        help="Good-practice area, e.g. 'kritisk masse'.",
        show_default=False,
        shell_complete=_vocabulary_completer("good_practice"),
    ),
]
SectorOption = Annotated[
    list[str] | None,
    typer.Option(
        "--sector", help="Sector, e.g. it or fødevarer.", show_default=False, shell_complete=_complete_sector
    ),
]
SinceOption = Annotated[
    int | None, typer.Option("--since", help="Started in or after this year.", show_default=False)
]
UntilOption = Annotated[
    int | None, typer.Option("--until", help="Started in or before this year.", show_default=False)
]


def _open(data_dir: Path | None, no_cache: bool) -> Any:
    """Open the corpus index; report cache trouble and skipped files on stderr."""
    from erhverv_cli.paths import default_data_dir
    from erhverv_cli.search.index import CorpusIndex

    index = CorpusIndex.open(data_dir or default_data_dir(), use_cache=not no_cache)
    for warning in index.warnings:
        typer.echo(f"erhverv: warning: {warning}", err=True)
    for skipped in index.skipped():
        first = skipped.findings[0] if skipped.findings else {"line": 1, "col": 1, "message": "invalid"}
        more = f" (+{len(skipped.findings) - 1} more)" if len(skipped.findings) > 1 else ""
        typer.echo(
            f"erhverv: warning: skipped {skipped.path}:{first['line']}:{first['col']}: "
            f"{first['message']}{more}; run `erhverv validate`",
            err=True,
        )
    return index


def _filters(index: Any, **raw: Any) -> Any:
    from erhverv_cli.search.engine import Filters, resolve_filter_values

    since, until = raw.pop("since"), raw.pop("until")
    if since is not None and until is not None and since > until:
        raise typer.BadParameter(f"--since {since} is after --until {until}")
    resolved = {facet: resolve_filter_values(facet, values or [], index) for facet, values in raw.items()}
    return Filters(**resolved, since=since, until=until)


def _emit(output: Any) -> None:
    """Write a rendered value: text as it is, rich renderables through a console."""
    if isinstance(output, str):
        sys.stdout.write(output)
        sys.stdout.flush()
        return
    _console().print(output)


def _console() -> Any:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False, emoji=False)


def _look() -> Any:
    from erhverv_cli.render.views import Look

    styled = sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
    return Look(styled=styled)


@command("list")
def list_command(
    sort: Annotated[ListSort, typer.Option("--sort", "-s", help="Order of the rows.")] = ListSort.number,
    output_format: FormatOption = Format.table,
    data_dir: DataDirOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """List all cases: number, id, title, type, municipalities, regions, start year.

    Examples:

        erhverv list

        erhverv list --sort year --format csv > cases.csv
    """
    from erhverv_cli.render.views import LIST_RENDERERS
    from erhverv_cli.search.engine import list_cases

    index = _open(data_dir, no_cache)
    records = list_cases(index, sort=sort.value)
    _emit(LIST_RENDERERS[output_format.value](records, _look()))


@command("find")
def find_command(
    query: Annotated[
        list[str] | None,
        typer.Argument(help='Words to search for; "quoted phrases" match exactly.', show_default=False),
    ] = None,
    case_type: TypeOption = None,
    kommune: KommuneOption = None,
    region: RegionOption = None,
    target: TargetOption = None,
    instrument: InstrumentOption = None,
    practice: PracticeOption = None,
    sector: SectorOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: Annotated[int | None, typer.Option("--limit", "-n", min=1, help="Show at most this many.")] = None,
    sort: Annotated[
        FindSort | None,
        typer.Option(
            "--sort",
            "-s",
            help="relevance (default with a query) or number, year, title.",
            show_default=False,
        ),
    ] = None,
    output_format: FormatOption = Format.table,
    data_dir: DataDirOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Find cases by words and filters.

    Filters combine with AND; repeating one filter means OR. Values are checked against the
    vocabularies (æ, ø and å may be typed as ae, oe, aa or left out). With a QUERY, results
    are ranked by relevance and show a snippet with the matched words marked.

    Examples:

        erhverv find --type fokuseret

        erhverv find klynge --region Midtjylland

        erhverv find iværksættere --type fokuseret --type basal

        erhverv find "maritime klynge" --format json
    """
    from erhverv_cli.render.views import FIND_RENDERERS
    from erhverv_cli.search.engine import Hit, list_cases, search

    index = _open(data_dir, no_cache)
    filters = _filters(
        index,
        type=case_type,
        municipality=kommune,
        region=region,
        target_group=target,
        instrument=instrument,
        good_practice=practice,
        sector=sector,
        since=since,
        until=until,
    )
    text = " ".join(query or []).strip()
    if text:
        hits = search(index, text, filters, limit=limit, sort=(sort or FindSort.relevance).value)
    else:
        chosen = "number" if sort in (None, FindSort.relevance) else sort.value
        hits = [Hit(record, 0.0) for record in list_cases(index, filters, sort=chosen)][:limit]
    _emit(FIND_RENDERERS[output_format.value](hits, _look()))
    if not hits:
        typer.echo("erhverv: no cases match", err=True)
        raise typer.Exit(1)


@command("show")
def show_command(
    case: Annotated[
        str,
        typer.Argument(help="Case number, id, or a unique part of the id.", shell_complete=_complete_case),
    ],
    output_format: Annotated[
        ShowFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ShowFormat.table,
    data_dir: DataDirOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Show one case in full: key facts, text sections and key figures.

    Examples:

        erhverv show 5

        erhverv show silkeborg-valley --format yaml
    """
    from erhverv_cli.render.views import SHOW_RENDERERS
    from erhverv_cli.search.engine import lookup

    index = _open(data_dir, no_cache)
    _emit(SHOW_RENDERERS[output_format.value](lookup(index, case), _look()))


@command("compare")
def compare_command(
    cases: Annotated[
        list[str],
        typer.Argument(
            help="Two to four cases (number, id or part of the id).", shell_complete=_complete_case
        ),
    ],
    output_format: FormatOption = Format.table,
    data_dir: DataDirOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Compare two to four cases side by side; values they share are marked with *.

    Examples:

        erhverv compare 6 13

        erhverv compare middelfart silkeborg randers --format markdown
    """
    from erhverv_cli.render.views import COMPARE_RENDERERS
    from erhverv_cli.search.engine import lookup

    if not 2 <= len(cases) <= 4:
        raise typer.BadParameter(f"give two to four cases, not {len(cases)}", param_hint="CASES")
    index = _open(data_dir, no_cache)
    records = [lookup(index, case) for case in cases]
    ids = [record["id"] for record in records]
    if len(set(ids)) < len(ids):
        raise typer.BadParameter(f"the same case is given twice ({', '.join(ids)})", param_hint="CASES")
    _emit(COMPARE_RENDERERS[output_format.value](records, _look()))


@command("stats")
def stats_command(
    case_type: TypeOption = None,
    kommune: KommuneOption = None,
    region: RegionOption = None,
    target: TargetOption = None,
    instrument: InstrumentOption = None,
    practice: PracticeOption = None,
    sector: SectorOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    output_format: FormatOption = Format.table,
    data_dir: DataDirOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Count cases by type, region, municipality, target group, instrument, practice, sector, year.

    Takes the same filters as `find`.

    Examples:

        erhverv stats

        erhverv stats --type fokuseret --format json
    """
    from erhverv_cli.render.views import STATS_RENDERERS
    from erhverv_cli.search.engine import facet_counts

    index = _open(data_dir, no_cache)
    filters = _filters(
        index,
        type=case_type,
        municipality=kommune,
        region=region,
        target_group=target,
        instrument=instrument,
        good_practice=practice,
        sector=sector,
        since=since,
        until=until,
    )
    _emit(STATS_RENDERERS[output_format.value](facet_counts(index, filters), _look()))


@command("similar")
def similar_command(
    case: Annotated[
        str,
        typer.Argument(help="Case number, id, or a unique part of the id.", shell_complete=_complete_case),
    ],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many related cases.")] = 5,
    output_format: FormatOption = Format.table,
    data_dir: DataDirOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Show the cases most like one case, and why: shared instruments, groups, sectors, terms.

    Examples:

        erhverv similar silkeborg-valley

        erhverv similar 5 --limit 3 --format json
    """
    from erhverv_cli.render.views import SIMILAR_RENDERERS
    from erhverv_cli.search.engine import similar

    index = _open(data_dir, no_cache)
    _emit(SIMILAR_RENDERERS[output_format.value](similar(index, case, limit), _look()))


# -- authoring -------------------------------------------------------------------------------


def _prompt_list(label: str, check: Callable[[list[str]], list[str]], complete: list[str]) -> list[str]:
    """Ask for a comma-separated list until every value checks out; Tab completes names."""
    with _tab_completion(complete):
        while True:
            answer = typer.prompt(label)
            try:
                return check([part.strip() for part in answer.split(",") if part.strip()])
            except ErhvervError as error:
                typer.echo(f"  {error}", err=True)


class _tab_completion:
    """Let readline complete from a list of words while a prompt is open (where readline exists)."""

    def __init__(self, words: list[str]) -> None:
        self.words = words
        self.saved: Any = None

    def __enter__(self) -> None:
        try:
            import readline
        except ImportError:  # pragma: no cover - Windows without pyreadline
            return
        from erhverv_cli.folding import fold_name

        self.saved = (readline.get_completer(), readline.get_completer_delims())

        def complete(text: str, state: int) -> str | None:
            head, _, tail = text.rpartition(",")
            prefix = (head + ", ") if head else ""
            matches = [w for w in self.words if fold_name(w).startswith(fold_name(tail.strip()))]
            return prefix + matches[state] if state < len(matches) else None

        readline.set_completer_delims("")
        readline.set_completer(complete)
        readline.parse_and_bind("tab: complete")

    def __exit__(self, *exc: object) -> None:
        if self.saved is None:
            return
        import readline

        readline.set_completer(self.saved[0])
        readline.set_completer_delims(self.saved[1])


@command("new")
def new_command(
    title: Annotated[str | None, typer.Option("--title", help="Title in Danish.", show_default=False)] = None,
    case_type: Annotated[
        str | None,
        typer.Option(
            "--type",
            "-t",
            help="basal, fokuseret or erhvervsudvikling.",
            show_default=False,
            shell_complete=_vocabulary_completer("type"),
        ),
    ] = None,
    kommune: Annotated[
        list[str] | None,
        typer.Option(
            "--kommune",
            "--municipality",
            "-k",
            help="Municipality (repeat for several).",
            show_default=False,
            shell_complete=_complete_municipality,
        ),
    ] = None,
    summary: Annotated[
        str | None, typer.Option("--summary", help="One to three sentences in Danish.", show_default=False)
    ] = None,
    case_id: Annotated[
        str | None,
        typer.Option("--id", help="Id to use instead of one derived from the title.", show_default=False),
    ] = None,
    started: Annotated[
        int | None, typer.Option("--started", help="Year it started.", show_default=False)
    ] = None,
    operator: Annotated[
        str | None, typer.Option("--operator", help="Who runs it.", show_default=False)
    ] = None,
    target: Annotated[
        list[str] | None,
        typer.Option(
            "--target",
            help="Target group (repeat).",
            show_default=False,
            shell_complete=_vocabulary_completer("target_groups"),
        ),
    ] = None,
    instrument: Annotated[
        list[str] | None,
        typer.Option(
            "--instrument",
            "-i",
            help="Instrument (repeat).",
            show_default=False,
            shell_complete=_vocabulary_completer("instruments"),
        ),
    ] = None,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            envvar="ERHVERV_DATA_DIR",
            help="Folder to write into (default: ./data/cases if it exists, else the current folder).",
            show_default=False,
        ),
    ] = None,
    interactive: Annotated[
        bool | None,
        typer.Option(
            "--interactive/--no-interactive",
            help="Ask for what is missing (default: when standard input is a terminal).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Scaffold a new case file that passes `erhverv validate`.

    On a terminal it asks for title, type, municipalities (Tab completes the 98 kommuner)
    and summary, and offers a few optional fields; with flags it runs without prompts.
    The id is derived from the title (æ→ae, ø→oe, å→aa). The file gets the schema line for
    editors and the optional fields as comments. An existing file is never overwritten.

    Examples:

        erhverv new

        erhverv new --title "Iværksætterhus i Køge" --type fokuseret --kommune Koge \\
            --summary "Et hus for nye virksomheder."
    """
    from erhverv_cli.authoring import NewCase, check_municipalities, check_type, parse_list, write_case
    from erhverv_cli.geography import MUNICIPALITIES
    from erhverv_cli.vocab import CaseType, Instrument, TargetGroup, values

    ask = sys.stdin.isatty() if interactive is None else interactive
    missing = [
        flag
        for flag, value in (
            ("--title", title),
            ("--type", case_type),
            ("--kommune", kommune),
            ("--summary", summary),
        )
        if not value
    ]
    if missing and not ask:
        raise typer.BadParameter(f"missing {', '.join(missing)} (or run on a terminal to be asked)")
    extra: dict[str, object] = {}
    if ask:
        title = title or typer.prompt("Title (Danish)")
        while case_type is None:
            with _tab_completion(values(CaseType)):
                answer = typer.prompt("Type (basal, fokuseret, erhvervsudvikling)")
            try:
                case_type = check_type(answer)
            except ErhvervError as error:
                typer.echo(f"  {error}", err=True)
        if not kommune:
            kommune = _prompt_list(
                "Municipalities (comma-separated, Tab completes)", check_municipalities, list(MUNICIPALITIES)
            )
        summary = summary or typer.prompt("Summary (1-3 sentences, Danish)")
        if typer.confirm(
            "Add optional fields now (operator, start year, target groups, instruments)?", default=False
        ):
            operator = operator or typer.prompt("Operator", default="", show_default=False) or None
            started = started or typer.prompt("Start year", default=0, show_default=False) or None
            target = target or _prompt_list(
                "Target groups (comma-separated)",
                lambda v: parse_list(", ".join(v), TargetGroup),
                values(TargetGroup),
            )
            instrument = instrument or _prompt_list(
                "Instruments (comma-separated)",
                lambda v: parse_list(", ".join(v), Instrument),
                values(Instrument),
            )
    if operator:
        extra["operator"] = operator
    if started:
        extra["started"] = started
    if target:
        extra["target_groups"] = parse_list(", ".join(target), TargetGroup)
    if instrument:
        extra["instruments"] = parse_list(", ".join(instrument), Instrument)
    assert title and case_type and kommune and summary  # guaranteed by the checks above
    folder = data_dir or (Path("data/cases") if Path("data/cases").is_dir() else Path("."))
    written = write_case(folder, NewCase(title, case_type, kommune, summary, id=case_id, extra=extra))
    typer.echo(f"wrote {written}")
    typer.echo(f"next: edit it, then run `erhverv validate {written}`")


def main() -> None:
    """Entry point of the `erhverv` console script."""
    app(prog_name="erhverv")


from erhverv_cli import cli_export  # noqa: E402,F401  (registers the export command)
