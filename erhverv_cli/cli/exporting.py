"""`erhverv export`: the corpus, or what find's filters select, as one document or database."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from erhverv_cli import commands
from erhverv_cli.cli.app import command
from erhverv_cli.cli.options import (
    DataDirOption,
    ExportFormatOption,
    NoCacheOption,
    OutputOption,
    with_filters,
)
from erhverv_cli.errors import NotFoundError, UsageError
from erhverv_cli.render.messages import shown_path
from erhverv_cli.writing import regular_destination

# format → the file suffixes it is written under (the first is the one to suggest)
SUFFIXES: dict[str, tuple[str, ...]] = {
    "csv": (".csv",),
    "json": (".json",),
    "markdown": (".md", ".markdown"),
    "html": (".html", ".htm"),
    "xlsx": (".xlsx",),
    "sqlite": (".sqlite", ".db", ".sqlite3"),
}
BINARY = frozenset({"xlsx", "sqlite"})


def chosen_format(output_format: str | None, output: Path | None) -> str:
    """--format, else the format the --output suffix names, else markdown; a suffix that says
    another format than --format is refused (a .csv file holding JSON helps nobody)."""
    from erhverv_cli.arguments import choice

    by_suffix = {suffix: name for name, suffixes in SUFFIXES.items() for suffix in suffixes}
    suffix = output.suffix.lower() if output is not None else ""
    if output_format is None:
        if output is not None and suffix not in by_suffix:
            raise UsageError(
                f"cannot tell the format from '{output.name}'",
                hint="give --format, or a file name ending in " + ", ".join(by_suffix),
            )
        return by_suffix.get(suffix, "markdown")
    fmt = choice("--format", output_format, tuple(SUFFIXES))
    if output is not None and suffix not in SUFFIXES[fmt]:
        raise UsageError(
            f"'{output.name}' does not end in {' or '.join(SUFFIXES[fmt])}, the suffix of {fmt}",
            hint=f"name the file e.g. '{output.stem}{SUFFIXES[fmt][0]}'",
        )
    return fmt


def check_target(output: Path, corpus: Path) -> None:
    """Refuse before any work is done: a missing folder, a folder, anything but a regular file (a
    FIFO, a device, a dangling link or a loop of links), or a place in the corpus."""
    folder = output.parent
    if not folder.is_dir():
        raise UsageError(f"folder '{folder}' does not exist", hint="create it first or choose another file")
    if output.is_dir():
        raise UsageError(f"'{output}' is a folder", hint="give a file name")
    resolved, home = regular_destination(output).resolve(), corpus.resolve()
    if resolved == home or resolved.is_relative_to(home):
        raise UsageError(
            f"'{output}' is inside the corpus folder {corpus}",
            hint="write exports outside the folder of case files",
        )


@command("export", "export")
@with_filters(before="output_format")
def export_command(
    ctx: typer.Context,
    output_format: ExportFormatOption = None,
    output: OutputOption = None,
    excel: Annotated[
        bool, typer.Option("--excel", help="CSV for Excel: a UTF-8 byte-order mark, ';' and decimal commas.")
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="da|en",
            help="Names of the xlsx workbook's sheets and columns [default: $ERHVERV_LANG, else da].",
            show_default=False,
        ),
    ] = None,
    data_dir: DataDirOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Export the corpus, or the cases find's filters select, for Excel, Datasette, print or the web.

    csv and json hold the full records (csv --excel opens right in Danish Excel); markdown is a
    catalogue grouped by type; html is one self-contained page with search and filters that
    work offline, and prints one case per page; xlsx is a workbook with a sheet per facet for
    pivot tables; sqlite is a database Datasette and sqlite-utils open directly. Files are
    written whole or not at all, never inside the corpus folder.

    Examples:

    \b
      erhverv export --format csv --excel --output cases.csv
      erhverv export --type fokuseret --output katalog.html
      erhverv export --output cases.xlsx
      erhverv export --output cases.sqlite && datasette cases.sqlite
    """
    from erhverv_cli.arguments import lang as check_lang
    from erhverv_cli.export import export_records
    from erhverv_cli.labels import language

    chosen_lang = language(check_lang(lang))  # a usage error: said before anything is looked up
    target = None if output in (None, "-") else Path(str(output))
    if target is not None and target.is_dir():
        raise UsageError(f"'{target}' is a folder", hint="give a file name")
    fmt = chosen_format(output_format, target)
    if excel and fmt != "csv":
        raise UsageError("--excel is an option of the csv format", hint="add --format csv, or drop --excel")
    if fmt in BINARY and target is None:
        raise UsageError(f"{fmt} needs a file", hint=f"add --output cases{SUFFIXES[fmt][0]}")
    index = commands.open_corpus(data_dir, no_cache)
    if target is not None:
        check_target(target, index.root)
    records = list(index.records(commands.filters(ctx.params, index), "number"))
    if not records:
        raise NotFoundError("no cases match; nothing exported")
    written = export_records(records, fmt, target, excel=excel, stream=sys.stdout, lang=chosen_lang)
    if target is not None:
        count = len(records)
        sys.stderr.write(f"wrote {shown_path(written)} ({count} case{'s' if count != 1 else ''}, {fmt})\n")
