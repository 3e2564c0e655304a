"""The `erhverv export` command: the corpus, or what find's filters select, as one document."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from erhverv_cli.cli import (
    DataDirOption,
    InstrumentOption,
    KommuneOption,
    NoCacheOption,
    PracticeOption,
    RegionOption,
    SectorOption,
    SinceOption,
    TargetOption,
    TypeOption,
    UntilOption,
    _emit,
    _filters,
    _open,
    command,
)


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"
    markdown = "markdown"
    html = "html"


SUFFIX_FORMATS: dict[str, ExportFormat] = {
    ".csv": ExportFormat.csv,
    ".json": ExportFormat.json,
    ".md": ExportFormat.markdown,
    ".markdown": ExportFormat.markdown,
    ".html": ExportFormat.html,
    ".htm": ExportFormat.html,
}


def _chosen_format(output_format: ExportFormat | None, output: Path | None) -> ExportFormat:
    if output_format is not None:
        return output_format
    if output is not None and output.suffix.lower() in SUFFIX_FORMATS:
        return SUFFIX_FORMATS[output.suffix.lower()]
    return ExportFormat.markdown


def _check_target(output: Path) -> None:
    """Refuse before any work is done: a missing folder is a typo more often than a wish."""
    folder = output.parent
    if not folder.is_dir():
        raise typer.BadParameter(
            f"folder '{folder}' does not exist; create it first or choose another file",
            param_hint="'--output'",
        )
    if output.is_dir():
        raise typer.BadParameter(f"'{output}' is a folder; give a file name", param_hint="'--output'")


@command("export")
def export_command(
    case_type: TypeOption = None,
    kommune: KommuneOption = None,
    region: RegionOption = None,
    target: TargetOption = None,
    instrument: InstrumentOption = None,
    practice: PracticeOption = None,
    sector: SectorOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    output_format: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="csv, json, markdown or html (default: from the --output suffix, else markdown).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to this file instead of standard output.", show_default=False
        ),
    ] = None,
    data_dir: DataDirOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Export the corpus, or the cases find's filters select, as CSV, JSON, Markdown or HTML.

    csv and json hold the full records; markdown is a catalogue grouped by type with an
    introduction per type; html is one self-contained page with the same catalogue plus
    search and type/region filters that work offline, also on a phone.

    Examples:

        erhverv export --format csv > cases.csv

        erhverv export --type fokuseret --format markdown

        erhverv export --output katalog.html
    """
    from erhverv_cli.export import export

    if output is not None and str(output) == "-":
        output = None
    if output is not None:
        _check_target(output)
    chosen = _chosen_format(output_format, output)
    from erhverv_cli.search.engine import list_cases

    index = _open(data_dir, no_cache)
    filters = _filters(
        index, type=case_type, municipality=kommune, region=region, target_group=target,
        instrument=instrument, good_practice=practice, sector=sector, since=since, until=until,
    )  # fmt: skip
    records = list_cases(index, filters, sort="number")
    if not records:
        typer.echo("erhverv: no cases match; nothing exported", err=True)
        raise typer.Exit(1)
    text = export(records, chosen.value)
    if output is None:
        _emit(text)
        return
    output.write_text(text, encoding="utf-8", newline="")
    count = len(records)
    typer.echo(f"wrote {output} ({count} case{'s' if count != 1 else ''}, {chosen.value})", err=True)
