"""Query commands: list, find, show, compare, stats, similar and vocab."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from erhverv_cli import commands
from erhverv_cli.arguments import integer, text_argument
from erhverv_cli.cli import run
from erhverv_cli.cli.app import command, guard_usage
from erhverv_cli.cli.complete import complete_case
from erhverv_cli.cli.options import (
    CASE_HELP,
    FORMATS,
    SHOW_FORMATS,
    AllOption,
    CorpusChoice,
    FieldsOption,
    FormatOption,
    LimitOption,
    ShowFormatOption,
    SortOption,
    reads_corpus,
    with_filters,
)
from erhverv_cli.render.terminal import Look

if TYPE_CHECKING:
    from erhverv_cli.search.engine import Results


def _hits(
    results: Results, view_name: str, fmt: str, fields: str | None, limit: int | None, view: Look
) -> None:
    """Show find/list results: a table page with a true-total footer, or every row streamed."""
    from erhverv_cli.render import columns
    from erhverv_cli.render.tables import Page, plain, rich_table

    if fields == "":
        commands.list_fields(columns.available(view_name))
        return
    if fields:  # a table does not use --fields, but a misspelt field is still an error (as in similar)
        columns.choose(view_name, fields, results.query is not None)
    total = results.total
    if fmt != "table":
        commands.write_machine(view_name, results, fmt, fields, view.lang)
    elif total:
        rows = list(results)
        ranked = results.query is not None
        text = run.footer(
            len(rows), total, "match" if ranked else "case", view, limit is not None and view.terminal
        )
        query = results.query
        if query is not None and query.required > 1 and (complete := results.complete) < total:
            text += f"; {complete:,} hold every word and come first"
        page = Page(rows, text, ranked)
        run.emit(rich_table(page, view, view_name) if view.terminal else plain(page, view, view_name), view)
    if not total:
        commands.nothing_found()


@command("list", "query")
@reads_corpus
def list_command(
    sort: SortOption = None,
    limit: LimitOption = None,
    all_: AllOption = False,
    fields: FieldsOption = None,
    output_format: FormatOption = None,
    *,
    corpus: CorpusChoice,
) -> None:
    """List the cases: number, title, type, municipalities, start year.

    A table on a terminal shows a page of 20 (--limit N or --all for more); other formats and
    piped output show every case.

    Examples:

    \b
      erhverv list
      erhverv list --sort -year --format csv > cases.csv
      erhverv list --format jsonl --fields number,id,title,started
    """
    fmt = commands.output_format(output_format, FORMATS)
    index, view = corpus.open()
    size = commands.page_size(limit, all_, fmt, view.terminal)
    _hits(commands.results("list", index, {"sort": sort}, size), "list", fmt, fields, size, view)


QUERY_HELP = (
    'Words to search for. Cases holding all words rank first; "exact phrase", -word excludes, '
    "word* matches a prefix."
)


@command("find", "query")
@with_filters(before="limit")
@reads_corpus
def find_command(
    ctx: typer.Context,
    query: Annotated[
        list[str] | None, typer.Argument(metavar="[QUERY]...", help=QUERY_HELP, show_default=False)
    ] = None,
    limit: LimitOption = None,
    all_: AllOption = False,
    sort: SortOption = None,
    fields: FieldsOption = None,
    explain: Annotated[
        bool,
        typer.Option("--explain", help="Show how the query was read and each word's share of the scores."),
    ] = False,
    exclude: Annotated[
        list[str] | None,
        typer.Option("--exclude", metavar="WORD", help="Leave out cases with this word.", hidden=True),
    ] = None,
    output_format: FormatOption = None,
    *,
    corpus: CorpusChoice,
) -> None:
    """Find cases by words and filters.

    Words may be Danish or English, with or without æ, ø, å, and misspelt; a domain thesaurus
    adds synonyms and translations (circular economy → symbiose, affald). Cases holding every
    word rank first. "exact phrase" matches a phrase, -word leaves out cases with the word,
    word* matches a beginning, and title:word (or summary:, text:, kommune:, english:) looks in
    one field. Filters combine with AND; repeating one filter means OR; values are checked
    against the vocabularies (`erhverv vocab` lists them).

    Examples:

    \b
      erhverv find --type fokuseret
      erhverv find klynge --region Midtjylland
      erhverv find iværksættere -netværk --type fokuseret --type basal
      erhverv find '"maritime klynge"' --format json
      erhverv find circular economy --explain
    """
    fmt = commands.output_format(output_format, FORMATS)
    index, view = corpus.open()
    size = commands.page_size(limit, all_, fmt, view.terminal)
    results = commands.results("find", index, ctx.params, size)
    if explain:
        from erhverv_cli.render.explain import explanation_json, explanation_text
        from erhverv_cli.search.engine import explain as explained

        render = explanation_json if fmt == "json" else explanation_text
        run.emit(render(explained(results), view), view)
        if not results.total:
            commands.nothing_found()
        return
    _hits(results, "find", fmt, fields, size, view)


@command("show", "query")
@reads_corpus
def show_command(
    case: Annotated[str, typer.Argument(metavar="CASE", help=CASE_HELP, shell_complete=complete_case)],
    output_format: ShowFormatOption = None,
    source: Annotated[
        bool, typer.Option("--source", help="Print only the full reference of the case's source.")
    ] = False,
    pager: Annotated[
        bool, typer.Option("--pager/--no-pager", help="Page long output on a terminal ($PAGER, else less).")
    ] = True,
    *,
    corpus: CorpusChoice,
) -> None:
    """Show one case in full: key facts, text sections, key figures and the source.

    Examples:

    \b
      erhverv show 5
      erhverv show silkeborg-valley --lang en
      erhverv show 13 --source
      erhverv show silkeborg-valley --format yaml
    """
    from erhverv_cli.render.case_views import SHOW_RENDERERS, source_reference
    from erhverv_cli.search.engine import lookup

    fmt = commands.output_format(output_format, SHOW_FORMATS)
    _check_reference(case)
    index, view = corpus.open()
    record = lookup(index, case)
    if source:
        run.emit(source_reference(record, view), view)
        return
    run.paged(SHOW_RENDERERS[fmt](record, view), view, pager and fmt == "table")


def _check_reference(reference: str) -> None:
    text_argument("CASE", reference)
    if reference.strip().isdigit():
        integer("CASE", reference, 1, 999_999, "a case number")


@command("compare", "query")
@reads_corpus
def compare_command(
    cases: Annotated[
        list[str],
        typer.Argument(
            metavar="CASE...",
            help="Two to four cases (number, id or part of the id).",
            shell_complete=complete_case,
        ),
    ],
    output_format: FormatOption = None,
    *,
    corpus: CorpusChoice,
) -> None:
    """Compare two to four cases side by side; values they share are marked with *.

    Examples:

    \b
      erhverv compare 6 13
      erhverv compare middelfart silkeborg randers --format markdown
    """
    from erhverv_cli.render.case_views import COMPARE_RENDERERS
    from erhverv_cli.search.engine import lookup

    fmt = commands.output_format(output_format, FORMATS)
    guard_usage(
        2 <= len(cases) <= 4, f"give two to four cases, not {len(cases)}", "e.g. erhverv compare 6 13"
    )
    for case in cases:
        _check_reference(case)
    index, view = corpus.open()
    records = [lookup(index, case) for case in cases]
    ids = [record["id"] for record in records]
    guard_usage(
        len(set(ids)) == len(ids), f"the same case is given twice ({', '.join(ids)})", "give different cases"
    )
    run.emit(COMPARE_RENDERERS[fmt](records, view), view)


@command("stats", "query")
@with_filters(before="output_format")
@reads_corpus
def stats_command(
    ctx: typer.Context,
    by: Annotated[
        list[str] | None,
        typer.Option(
            "--by",
            metavar="FACET",
            help="Count by this facet; twice for a cross-tab (`erhverv vocab` lists them).",
            show_default=False,
            shell_complete=lambda c, p, i: _facet_names(i),
        ),
    ] = None,
    output_format: FormatOption = None,
    *,
    corpus: CorpusChoice,
) -> None:
    """Count cases: an overview of every facet, or by one facet, or a cross-tab of two.

    With --by, counts come with the total, the share of cases, an "(unknown)" row for cases
    without a value, and bars on a terminal. Takes the same filters as `find`; when the
    filters select no case, it says so and exits 1.

    Examples:

    \b
      erhverv stats
      erhverv stats --by instrument --type fokuseret
      erhverv stats --by region --by instrument --format csv
    """
    from erhverv_cli.render.stats import BY_RENDERERS, OVERVIEW_RENDERERS
    from erhverv_cli.search.engine import facet_counts, tabulate

    fmt = commands.output_format(output_format, FORMATS)
    index, view = corpus.open()
    chosen = commands.filters(ctx.params, index)
    if not index.count(chosen):
        commands.nothing_found()
    if by:
        run.emit(BY_RENDERERS[fmt](tabulate(index, by, chosen), view), view)
    else:
        run.emit(OVERVIEW_RENDERERS[fmt](facet_counts(index, chosen), index.count(chosen), view), view)


def _facet_names(incomplete: str) -> list[str]:
    from erhverv_cli.search.facets import FACETS

    return [item.key for item in FACETS if item.key.startswith(incomplete)]


@command("similar", "query")
@reads_corpus
def similar_command(
    case: Annotated[str, typer.Argument(metavar="CASE", help=CASE_HELP, shell_complete=complete_case)],
    limit: LimitOption = None,
    fields: FieldsOption = None,
    output_format: FormatOption = None,
    *,
    corpus: CorpusChoice,
) -> None:
    """Show the cases most like one case, and why: shared instruments, groups, sectors, words.

    Examples:

    \b
      erhverv similar silkeborg-valley
      erhverv similar 5 --limit 3 --format json
    """
    from erhverv_cli.render import columns
    from erhverv_cli.render.tables import Page, plain, rich_table
    from erhverv_cli.render.text import json_text
    from erhverv_cli.search.engine import similar

    if fields == "":
        commands.list_fields(columns.available("similar"))
        return
    fmt = commands.output_format(output_format, FORMATS)
    _check_reference(case)
    size = commands.page_size(limit, False, "json", False) or 5
    index, view = corpus.open()
    origin, related = similar(index, case, size)
    chosen = columns.choose("similar", fields)
    if fmt == "json":
        listing = {
            field.name: field.value(_Origin(origin)) for field in chosen if field.name not in ("score", "why")
        }
        rows = [{field.name: field.value(item) for field in chosen} for item in related]
        run.emit(json_text({"case": listing, "similar": rows}, indent=2) + "\n", view)
    elif fmt != "table":
        commands.write_rows(fmt, chosen, related, view.lang)
    else:
        from erhverv_cli.labels import label
        from erhverv_cli.render import fields as f

        number = origin.get("number") or ""
        title = f"{label('cases_like', view.lang)} {number} {f.title(origin, view.lang)} ({origin['id']})"
        page = Page(related, "", False, " ".join(title.split()))
        run.emit(rich_table(page, view, "similar") if view.terminal else plain(page, view, "similar"), view)


class _Origin:
    """The case `similar` starts from, as a row (it has no score of its own)."""

    def __init__(self, record: object) -> None:
        self.record = record
        self.score = 0.0
        self.shared: dict[str, list[str]] = {}


@command("vocab", "query")
@reads_corpus
def vocab_command(
    facet: Annotated[
        str | None,
        typer.Argument(
            metavar="[FACET]",
            help="A facet; without one, list the facets.",
            shell_complete=lambda c, p, i: _facet_names(i),
        ),
    ] = None,
    output_format: FormatOption = None,
    *,
    corpus: CorpusChoice,
) -> None:
    """List the facets, or a facet's allowed values with their meanings and how many cases use each.

    Examples:

    \b
      erhverv vocab
      erhverv vocab instrument
      erhverv vocab target_group --format csv
    """
    from erhverv_cli.render.vocab import FACETS_RENDERERS, VALUES_RENDERERS
    from erhverv_cli.search.engine import vocabulary

    fmt = commands.output_format(output_format, FORMATS)
    index, view = corpus.open()
    if facet is None:
        run.emit(FACETS_RENDERERS[fmt](view), view)
    else:
        run.emit(VALUES_RENDERERS[fmt](vocabulary(index, facet), view), view)
