"""What the query commands do between reading their arguments and printing, without Typer.

The Typer commands (:mod:`erhverv_cli.cli.query`) and the fast path (:mod:`erhverv_cli.entry`)
both call these functions, so a command means the same whichever way it was read: the corpus is
found and opened the same way, filters and sorts are checked the same way, machine formats are
written by the same writers.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from erhverv_cli.arguments import choice, sort_key, text_argument, year
from erhverv_cli.arguments import limit as parse_limit
from erhverv_cli.errors import NotFoundError, UsageError
from erhverv_cli.labels import Language

PAGE_SIZE = 20

# The index a command opened and whether it has written output yet: the CLI heals a cache that
# SQLite finds damaged mid-command, and runs the command again if nothing was printed.
SESSION: dict[str, Any] = {"index": None, "written": False}
LIST_SORTS = ("number", "id", "title", "year", "type")
FIND_SORTS = ("relevance", *LIST_SORTS)


def open_corpus(data_dir: str | None, no_cache: bool) -> Any:
    """The index of the corpus found from here (see `erhverv info`), its warnings printed."""
    from erhverv_cli.discovery import find_corpus
    from erhverv_cli.render.messages import report
    from erhverv_cli.search.index import CorpusIndex

    corpus = find_corpus(data_dir)
    index = CorpusIndex.open(corpus.path, use_cache=not no_cache)
    index.corpus = corpus
    SESSION["index"] = index
    report(index)
    return index


def filters(params: Mapping[str, Any], index: Any) -> Any:
    """Filters from the facet options of a command (its parameters named by facet key)."""
    from erhverv_cli.search.facets import VALUE_FACETS, filters_from

    raw = {item.key: params.get(item.key) for item in VALUE_FACETS if params.get(item.key)}
    return filters_from(
        raw, index, since=year("--since", params.get("since")), until=year("--until", params.get("until"))
    )


def output_format(value: str | None, allowed: Sequence[str]) -> str:
    return choice("--format", value, allowed, "table")


def page_size(limit: str | None, show_all: bool, fmt: str, terminal: bool) -> int | None:
    """How many rows to show: --limit, else one page for a table on a terminal, else all."""
    chosen = parse_limit(limit)
    if chosen is not None:
        if show_all:
            raise UsageError("--limit and --all contradict each other", hint="give one of them")
        return chosen
    if fmt == "table" and terminal and not show_all:
        return PAGE_SIZE
    return None


def query_text(words: Iterable[str], excluded: Iterable[str] = ()) -> str:
    """The query as one text: the words, and -word for each --exclude."""
    return " ".join(text_argument("QUERY", word) for word in [*words, *(f"-{word}" for word in excluded)])


def results(command: str, index: Any, params: Mapping[str, Any], size: int | None) -> Any:
    """The find (or list) a command line asks for."""
    from erhverv_cli.search.engine import find

    if command == "list":
        return find(index, "", None, sort=sort_key(params.get("sort"), LIST_SORTS, "number"), limit=size)
    text = query_text(params.get("query") or [], params.get("exclude") or [])
    chosen = sort_key(params.get("sort"), FIND_SORTS, "relevance" if text.strip() else "number")
    return find(index, text, filters(params, index), sort=chosen, limit=size)


def write_rows(fmt: str, fields: Sequence[Any], rows: Iterable[Any], lang: Language) -> int:
    """Rows in a machine format, streamed. The first row is read before anything is written, so
    damage found by the first read of the index leaves no output and the command can run again."""
    from itertools import chain

    from erhverv_cli.render.formats import WRITERS

    remaining = iter(rows)
    first = next(remaining, None)
    SESSION["written"] = True
    count = WRITERS[fmt](fields, [] if first is None else chain([first], remaining), sys.stdout, lang)
    sys.stdout.flush()
    return count


def write_machine(view: str, found: Any, fmt: str, fields: str | None, lang: Language) -> None:
    """Machine output of a find or list: the chosen fields of every row, streamed."""
    from erhverv_cli.render import columns

    write_rows(fmt, columns.choose(view, fields, found.query is not None), iter(found), lang)


def list_fields(names: Sequence[str]) -> None:
    SESSION["written"] = True
    sys.stdout.write("\n".join(names) + "\n")


def nothing_found(what: str = "no cases match") -> None:
    """Exit 1 with one line. A folder without a single case says so: "no cases match" would send
    the user to their filters (both the Typer commands and the fast path end here)."""
    index = SESSION["index"]
    corpus = getattr(index, "corpus", None)
    if index is not None and corpus is not None and not index.count():
        raise NotFoundError(f"no cases in {corpus.display()}")
    raise NotFoundError(what)
