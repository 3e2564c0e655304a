"""A bare Typer app with the parameters of `erhverv find`, which prints one line.

The benchmark times it to show what Typer itself costs a command at start-up (it checks each
parameter through pydantic), apart from anything erhverv does. Same types and counts as find:
a variadic argument, eight repeatable text filters, two years, a limit, two choices, a path and a flag.
"""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class Sort(StrEnum):
    relevance = "relevance"
    number = "number"


class Format(StrEnum):
    table = "table"
    json = "json"


app = typer.Typer(add_completion=False)
Texts = Annotated[list[str] | None, typer.Option()]


@app.command()
def find(
    query: Annotated[list[str] | None, typer.Argument()] = None,
    case_type: Annotated[list[str] | None, typer.Option("--type")] = None,
    kommune: Texts = None,
    region: Texts = None,
    target: Texts = None,
    instrument: Texts = None,
    practice: Texts = None,
    sector: Texts = None,
    since: Annotated[int | None, typer.Option()] = None,
    until: Annotated[int | None, typer.Option()] = None,
    limit: Annotated[int | None, typer.Option(min=1)] = None,
    sort: Annotated[Sort | None, typer.Option()] = None,
    output_format: Annotated[Format, typer.Option("--format")] = Format.table,
    data_dir: Annotated[Path | None, typer.Option()] = None,
    no_cache: Annotated[bool, typer.Option()] = False,
) -> None:
    print("ok")


@app.command()
def other() -> None:
    print("other")


if __name__ == "__main__":
    app()
