"""Asking for what `erhverv new` was not told, on a terminal (Tab completes names)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import typer

from erhverv_cli.errors import ErhvervError, UsageError


@dataclass
class Answers:
    title: str
    case_type: str
    municipalities: list[str]
    summary: str
    extra: dict[str, object] = field(default_factory=dict)

    def case(self, case_id: str | None) -> Any:
        from erhverv_cli.authoring import NewCase

        return NewCase(
            self.title, self.case_type, self.municipalities, self.summary, id=case_id, extra=self.extra
        )


class _TabCompletion:
    """Let readline complete from a list of words while a prompt is open (where readline exists)."""

    def __init__(self, words: Sequence[str]) -> None:
        self.words = list(words)
        self.saved: Any = None

    def __enter__(self) -> None:
        try:
            import readline
        except ImportError:  # pragma: no cover - Windows without pyreadline
            return
        from erhverv_cli.cli.complete import matches

        self.saved = (readline.get_completer(), readline.get_completer_delims())

        def complete(text: str, state: int) -> str | None:
            head, _, tail = text.rpartition(",")
            prefix = (head + ", ") if head else ""
            found = [word for word in self.words if matches(tail.strip(), word)]
            return prefix + found[state] if state < len(found) else None

        readline.set_completer_delims("")
        readline.set_completer(complete)
        readline.parse_and_bind("tab: complete")

    def __exit__(self, *exc: object) -> None:
        if self.saved is None:
            return
        import readline

        readline.set_completer(self.saved[0])
        readline.set_completer_delims(self.saved[1])


def _ask_list(label: str, check: Callable[[list[str]], list[str]], words: Sequence[str]) -> list[str]:
    with _TabCompletion(words):
        while True:
            answer = typer.prompt(label)
            try:
                return check([part.strip() for part in answer.split(",") if part.strip()])
            except ErhvervError as error:
                typer.echo(f"  {error}", err=True)


def ask_missing(ask: bool, **given: Any) -> Answers:
    """Answers from the flags, and on a terminal from prompts for what is missing."""
    from erhverv_cli.authoring import check_municipalities, check_type, parse_list
    from erhverv_cli.geography import MUNICIPALITIES
    from erhverv_cli.vocab import CaseType, Instrument, TargetGroup, values

    required = {
        "--title": given["title"],
        "--type": given["case_type"],
        "--kommune": given["kommune"],
        "--summary": given["summary"],
    }
    missing = [flag for flag, value in required.items() if not value]
    if missing and not ask:
        raise UsageError(
            f"missing {', '.join(missing)}", hint="give them as options, or run on a terminal to be asked"
        )
    title, case_type, kommune, summary = (
        given["title"],
        given["case_type"],
        given["kommune"],
        given["summary"],
    )
    operator, started, target, instrument = (
        given["operator"],
        given["started"],
        given["target"],
        given["instrument"],
    )
    if ask:
        title = title or typer.prompt("Title (Danish)")
        while case_type is None:
            with _TabCompletion(values(CaseType)):
                answer = typer.prompt("Type (basal, fokuseret, erhvervsudvikling)")
            try:
                case_type = check_type(answer)
            except ErhvervError as error:
                typer.echo(f"  {error}", err=True)
        kommune = kommune or _ask_list(
            "Municipalities (comma-separated, Tab completes)", check_municipalities, list(MUNICIPALITIES)
        )
        summary = summary or typer.prompt("Summary (1-3 sentences, Danish)")
        if typer.confirm(
            "Add optional fields now (operator, start year, target groups, instruments)?", default=False
        ):
            operator = operator or typer.prompt("Operator", default="", show_default=False) or None
            started = started or typer.prompt("Start year", default=0, show_default=False) or None
            target = target or _ask_list(
                "Target groups (comma-separated)",
                lambda v: parse_list(", ".join(v), TargetGroup),
                values(TargetGroup),
            )
            instrument = instrument or _ask_list(
                "Instruments (comma-separated)",
                lambda v: parse_list(", ".join(v), Instrument),
                values(Instrument),
            )
    extra: dict[str, object] = {}
    if operator:
        extra["operator"] = operator
    if started:
        extra["started"] = started
    if target:
        extra["target_groups"] = parse_list(", ".join(target), TargetGroup)
    if instrument:
        extra["instruments"] = parse_list(", ".join(instrument), Instrument)
    return Answers(str(title), check_type(str(case_type)), list(kommune or []), str(summary), extra)
