"""What every query command does around the core: find and open the corpus, report its
warnings, and hand results to a renderer on standard output (a page on a terminal, every row
elsewhere, through a pager for long `show` output)."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from erhverv_cli.cli.app import STATE, print_warning
from erhverv_cli.cli.parse import choice, year
from erhverv_cli.cli.parse import lang as parse_lang
from erhverv_cli.cli.parse import limit as parse_limit
from erhverv_cli.errors import NotFoundError, UsageError
from erhverv_cli.render.terminal import PAGE_SIZE, Look, console, make_look


def open_corpus(data_dir: str | None, no_cache: bool) -> Any:
    """The index of the corpus found from here (see `erhverv info`), warnings printed."""
    from erhverv_cli.discovery import find_corpus
    from erhverv_cli.search.index import CorpusIndex

    corpus = find_corpus(data_dir)
    index = CorpusIndex.open(corpus.path, use_cache=not no_cache)
    index.corpus = corpus
    STATE["index"] = index  # to heal, should SQLite find the cache damaged later (cli.app)
    report(index)
    return index


def report(index: Any) -> None:
    """Warnings of an index on stderr: cache trouble, unreadable folders, skipped files, duplicates."""
    for warning in [*index.warnings, *index.scan_warnings]:
        print_warning(warning)
    for skipped in index.skipped():
        first = skipped.findings[0] if skipped.findings else {"line": 1, "col": 1, "message": "invalid"}
        more = f" (+{len(skipped.findings) - 1} more)" if len(skipped.findings) > 1 else ""
        print_warning(
            f"skipped {skipped.path}:{first['line']}:{first['col']}: {first['message']}{more}; "
            "run `erhverv validate`"
        )
    for duplicate in index.duplicates():
        print_warning(
            f"{duplicate.field} {duplicate.value} is used by {len(duplicate.paths)} files "
            f"({', '.join(duplicate.paths)}); all are shown — run `erhverv validate`"
        )


def look(lang: str | None = None, corpus: Any = None) -> Look:
    shown = "" if corpus is None or corpus.bundled else corpus.display()
    return make_look(STATE["color"], parse_lang(lang), sys.stdout, shown)


def filters(params: Mapping[str, Any], index: Any) -> Any:
    """Filters from the facet options of a command (its parameters named by facet key)."""
    from erhverv_cli.search.facets import VALUE_FACETS, filters_from

    raw = {item.key: params.get(item.key) for item in VALUE_FACETS if params.get(item.key)}
    return filters_from(
        raw, index, since=year("--since", params.get("since")), until=year("--until", params.get("until"))
    )


def output_format(value: str | None, allowed: Sequence[str]) -> str:
    return choice("--format", value, allowed, "table")


def emit(output: Any, view: Look) -> None:
    """Write a rendered value: text as it is, rich renderables through a console (off a terminal,
    without the blanks rich pads lines with)."""
    STATE["output"] = True
    if isinstance(output, str):
        sys.stdout.write(output)
    elif view.terminal:
        console(view).print(output)
    else:
        sys.stdout.write(rendered(output, view))
    sys.stdout.flush()


def rendered(output: Any, view: Look) -> str:
    """A rich renderable as plain text lines without trailing blanks."""
    from io import StringIO

    buffer = StringIO()
    console(view, buffer).print(output)
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def page_size(limit: str | None, show_all: bool, fmt: str, view: Look) -> int | None:
    """How many rows to show: --limit, else one page for a table on a terminal, else all."""
    chosen = parse_limit(limit)
    if chosen is not None:
        if show_all:
            raise UsageError("--limit and --all contradict each other", hint="give one of them")
        return chosen
    if fmt == "table" and view.terminal and not show_all:
        return PAGE_SIZE
    return None


def footer(shown: int, total: int, noun: str, view: Look, paged: bool) -> str:
    """'7 cases', '20 of 8,792 matches — use --limit N or --all', '… in data/cases'."""
    plural = noun + ("es" if noun.endswith("h") else "s")
    text = f"{total:,} {noun if total == 1 else plural}"
    if shown < total:
        text = f"{shown:,} of {text}" + (" — use --limit N or --all" if paged else "")
    return text + (f" in {view.corpus}" if view.corpus else "")


def nothing_found(what: str = "no cases match") -> None:
    raise NotFoundError(what)


def write_rows(fmt: str, fields: Sequence[Any], rows: Iterable[Any], view: Look) -> int:
    from itertools import chain

    from erhverv_cli.render.formats import WRITERS

    remaining = iter(rows)
    first = next(remaining, None)  # damage found by the first read leaves nothing written: retried
    STATE["output"] = True
    count = WRITERS[fmt](fields, [] if first is None else chain([first], remaining), sys.stdout, view.lang)
    sys.stdout.flush()
    return count


def list_fields(names: Sequence[str]) -> None:
    STATE["output"] = True
    sys.stdout.write("\n".join(names) + "\n")


def paged(output: Any, view: Look, use_pager: bool) -> None:
    """Long output on a terminal through $PAGER (else `less -FRX`), like git and gh do."""
    if not (use_pager and view.terminal):
        emit(output, view)
        return
    STATE["output"] = True
    from io import StringIO

    buffer = StringIO()
    console(view, buffer).print(output) if not isinstance(output, str) else buffer.write(output)
    text = buffer.getvalue()
    height = shutil.get_terminal_size((100, 24)).lines
    pager = os.environ.get("PAGER") or ("less -FRX" if shutil.which("less") else "")
    if text.count("\n") < height or not pager.strip():
        sys.stdout.write(text)
        return
    env = {**os.environ, "LESS": os.environ.get("LESS", "FRX")}
    try:
        subprocess.run(shlex.split(pager), input=text, text=True, check=False, env=env)
    except OSError:
        sys.stdout.write(text)
