"""Options shared by the commands, declared once as Typer ``Annotated`` aliases.

Values arrive as text and are checked by our own code (:mod:`erhverv_cli.arguments`), so every
bad value gets the same one-line error with the allowed values and a did-you-mean, and no
parser's wording reaches the user. The facet filters are made from
:data:`erhverv_cli.search.facets.FACETS` by :func:`with_filters`: their flags, metavars, help and
completion come from there, and a command that filters lists none of them itself. Likewise
:func:`reads_corpus` gives each command that reads the corpus --lang, --data-dir and --no-cache,
passed to it as one :class:`CorpusChoice`.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

import typer

from erhverv_cli import commands
from erhverv_cli.authoring import QUESTIONS, Question
from erhverv_cli.cli import run
from erhverv_cli.cli.complete import facet_completer
from erhverv_cli.render.terminal import Look
from erhverv_cli.search.facets import FACET_BY_KEY, VALUE_FACETS

FORMATS: tuple[str, ...] = ("table", "json", "jsonl", "csv", "tsv", "markdown")
SHOW_FORMATS: tuple[str, ...] = (*FORMATS, "yaml")


_SINCE: dict[str, Any] = {"metavar": "YEAR", "help": "Started in or after this year."}
_UNTIL: dict[str, Any] = {"metavar": "YEAR", "help": "Started in or before this year."}


def _facet_option(key: str) -> Any:
    item = FACET_BY_KEY[key]
    return Annotated[
        list[str] | None,
        typer.Option(
            *item.flags,
            metavar=item.metavar,
            help=f"{item.help}. Repeat for OR.",
            show_default=False,
            shell_complete=facet_completer(key),
        ),
    ]


def option(*flags: str, metavar: str, help: str, **extra: Any) -> Any:
    """How Typer parses an option that takes a value: shown as a word, checked by our own code."""
    return typer.Option(*flags, metavar=metavar, help=help, show_default=False, **extra)


def _text(*flags: str, metavar: str, help: str, **extra: Any) -> Any:
    return Annotated[str | None, option(*flags, metavar=metavar, help=help, **extra)]


def format_option(help: str) -> Any:
    return option("--format", "-f", metavar="FORMAT", help=help)


# What each command receives (the type) and how Typer parses it (the Annotated metadata).
LimitOption = Annotated[str | None, option("--limit", "-n", metavar="N", help="Show at most N cases.")]
AllOption = Annotated[bool, typer.Option("--all", help="Show every case in a table, not one page.")]
SortOption = Annotated[
    str | None,
    option("--sort", "-s", metavar="KEY",
         help="number, id, title, year or type (find: also relevance); -KEY reverses, e.g. -year."),
]  # fmt: skip
FieldsOption = Annotated[
    str | None,
    option("--fields", metavar="A,B,…",
         help="Fields for json, jsonl, csv, tsv and markdown; without a value, list the fields."),
]  # fmt: skip
FormatOption = Annotated[
    str | None, format_option("table, json, jsonl, csv, tsv or markdown [default: table].")
]
ShowFormatOption = Annotated[
    str | None, format_option("table, json, jsonl, csv, tsv, markdown or yaml [default: table].")
]
ValidateFormatOption = Annotated[
    str | None, format_option("text, json or github (annotations; the default when GITHUB_ACTIONS is set).")
]
ExportFormatOption = Annotated[
    str | None,
    format_option(
        "csv, json, markdown, html, xlsx or sqlite [default: from the --output suffix, else markdown]."
    ),
]
LangOption = Annotated[
    str | None,
    option("--lang", metavar="da|en",
         help="Labels (and, where a case has them, texts) in Danish or English "
         "[default: $ERHVERV_LANG, else da]."),
]  # fmt: skip
DataDirOption = Annotated[
    str | None,
    option("--data-dir", metavar="PATH",
         help="Folder of case files. Default: $ERHVERV_DATA_DIR, then data-dir in erhverv.toml or "
         "[tool.erhverv] in pyproject.toml, then data/cases up to the repository root, "
         "then the bundled corpus."),
]  # fmt: skip
OutputOption = Annotated[
    str | None, option("--output", "-o", metavar="FILE", help="Write to FILE instead of standard output.")
]
NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="Do not use or update the index in the cache directory.")
]

InteractiveOption = Annotated[
    bool | None,
    typer.Option(
        "--interactive/--no-interactive",
        help="Ask for what is missing (default: when standard input is a terminal).",
        show_default=False,
    ),
]

CASE_HELP = "Case number, id, or a unique part of the id."


F = TypeVar("F", bound=Callable[..., Any])


def _spliced(
    function: F,
    added: list[inspect.Parameter],
    before: str | None,
    adapt: Callable[[dict[str, Any]], dict[str, Any]],
) -> F:
    """``function`` as Typer sees it with the options ``added`` in its signature, before its
    parameter ``before`` (None: after the last one Typer sees); the values Typer passes go through
    ``adapt`` before the call. Typer reads the signature and the annotations given here."""
    signature = inspect.signature(function, eval_str=True)
    own = [parameter for parameter in signature.parameters.values()
           if parameter.kind is not inspect.Parameter.KEYWORD_ONLY]  # fmt: skip
    at = [parameter.name for parameter in own].index(before) if before else len(own)
    parameters = [*own[:at], *added, *own[at:]]

    @functools.wraps(function)
    def command(*args: Any, **kwargs: Any) -> Any:
        return function(*args, **adapt(kwargs))

    command.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in parameters} | {"return": None}
    return command  # type: ignore[return-value]


def _parameter(name: str, annotation: Any, default: Any = None) -> inspect.Parameter:
    return inspect.Parameter(
        name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=default, annotation=annotation
    )


def with_filters(before: str) -> Callable[[F], F]:
    """Give a command the filters of `find`: one option per facet of FACETS, then --since and
    --until, placed before its parameter ``before``. A new facet thus reaches every command that
    filters without touching it; the command reads the values from ``ctx.params``
    (:func:`erhverv_cli.commands.filters`)."""
    added = [_parameter(item.key, _facet_option(item.key)) for item in VALUE_FACETS]
    added += [
        _parameter("since", _text("--since", **_SINCE)),
        _parameter("until", _text("--until", **_UNTIL)),
    ]
    names = frozenset(parameter.name for parameter in added)

    def without_filters(kwargs: dict[str, Any]) -> dict[str, Any]:
        return {key: value for key, value in kwargs.items() if key not in names}

    def decorate(function: F) -> F:
        return _spliced(function, added, before, without_filters)

    return decorate


@dataclass(frozen=True)
class CorpusChoice:
    """What --lang, --data-dir and --no-cache chose: the corpus a command reads (found from here
    unless --data-dir names it) and the language of its labels."""

    lang: str | None = None
    data_dir: str | None = None
    no_cache: bool = False

    def open(self) -> tuple[Any, Look]:
        """The corpus's index (its warnings printed) and how output looks."""
        index = commands.open_corpus(self.data_dir, self.no_cache)
        return index, run.look(self.lang, index.corpus)


_CORPUS_OPTIONS = [
    _parameter("lang", LangOption),
    _parameter("data_dir", DataDirOption),
    _parameter("no_cache", NoCacheOption, False),
]


def reads_corpus(function: F) -> F:
    """Give a command that reads the corpus --lang, --data-dir and --no-cache, as its last options,
    and pass what they chose as one value: its keyword-only parameter ``corpus``."""

    def adapt(kwargs: dict[str, Any]) -> dict[str, Any]:
        chosen = {parameter.name: kwargs.pop(parameter.name) for parameter in _CORPUS_OPTIONS}
        return {**kwargs, "corpus": CorpusChoice(**chosen)}

    return _spliced(function, _CORPUS_OPTIONS, None, adapt)


def _question_option(question: Question) -> Any:
    facet = {"shell_complete": facet_completer(question.facet)} if question.facet else {}
    kind = list[str] | None if question.many else str | None
    return Annotated[kind, option(*question.flags, metavar=question.metavar, help=question.help, **facet)]


def with_questions(before: str) -> Callable[[F], F]:
    """Give `erhverv new` an option for each field it knows (:data:`erhverv_cli.authoring.QUESTIONS`),
    placed before its parameter ``before``, and pass what they were given as one value: its
    keyword-only parameter ``given``, the typed values by field (None where not given)."""
    added = [_parameter(question.key, _question_option(question)) for question in QUESTIONS]

    def adapt(kwargs: dict[str, Any]) -> dict[str, Any]:
        given = {question.key: kwargs.pop(question.key) for question in QUESTIONS}
        return {**kwargs, "given": given}

    def decorate(function: F) -> F:
        return _spliced(function, added, before, adapt)

    return decorate
