"""Asking for what `erhverv new` was not told, on a terminal (Tab completes names)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import typer

from erhverv_cli.authoring import (
    QUESTIONS,
    NewCase,
    Question,
    given_answers,
    missing_answers,
    new_case,
    refuse_blanks,
)
from erhverv_cli.errors import ErhvervError, UsageError
from erhverv_cli.render.text import safe_line


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


def _ask(question: Question, optional: bool) -> object:
    """Ask until the answer passes the question's check; an optional question may be skipped."""
    from erhverv_cli.search.facets import FACET_BY_KEY

    hint = ", ".join(part for part in (question.hint, "Enter to skip" if optional else "") if part)
    label = f"{question.label} ({hint})" if hint else question.label
    words = FACET_BY_KEY[question.facet].allowed() if question.facet else []
    while True:
        with _TabCompletion(words):
            answer = typer.prompt(label, default="" if optional else None, show_default=False)
        parts = question.parts(answer)
        if not any(parts):
            if optional:
                return None
            continue
        try:
            return question.check(parts)
        except ErhvervError as error:
            said = f"{error}; {error.hint}" if error.hint else str(error)
            typer.echo(f"  {safe_line(said)}", err=True)


def ask_missing(ask: bool, given: Mapping[str, str | list[str] | None]) -> NewCase:
    """The new case from the options given, and on a terminal (``ask``) from answers to what is
    missing: the required fields, then, if the author wants, the optional ones. An option given a
    blank value is a usage error, whichever it is (``--operator ''``), before anything is asked."""
    refuse_blanks(given)
    missing = missing_answers(given)
    if missing and not ask:
        raise UsageError(
            f"missing {', '.join(question.flag for question in missing)}",
            hint="give them as options, or run on a terminal to be asked",
        )
    answers = given_answers(given)
    if ask:
        for question in missing:
            answers[question.key] = _ask(question, optional=False)
        optional = [question for question in QUESTIONS if question.label and question.key not in answers]
        names = ", ".join(question.label.lower() for question in optional)
        if optional and typer.confirm(f"Add optional fields now ({names})?", default=False):
            for question in optional:
                answers[question.key] = _ask(question, optional=True)
    return new_case(answers)
