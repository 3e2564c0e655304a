"""Shell completion of facet values, municipalities and cases.

Candidates match the typed prefix under the Danish spelling rules: ``koe`` offers Køge and
København (ø typed as oe) but not Kolding. A value with spaces ("etablerede virksomheder")
completes as one shell word: bash gets it with its spaces escaped, zsh and fish take the
candidate lines as they are. Completion never fails loudly: on any trouble it offers nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import Any

_SPELLINGS = (
    str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue"}),
    str.maketrans({"æ": "a", "ø": "o", "å": "a", "ä": "a", "ö": "o", "ü": "u"}),
)


def spellings(value: str) -> set[str]:
    """The ways people type a value: as written, with ae/oe/aa, and with plain vowels."""
    lowered = value.casefold()
    bases = {lowered, lowered.replace("aa", "å")}  # "Aarhus" is also typed "Århus" and "Arhus"
    return bases | {base.translate(table) for base in bases for table in _SPELLINGS}


def matches(typed: str, value: str) -> bool:
    prefix = typed.casefold()
    return not prefix or any(form.startswith(prefix) for form in spellings(value))


SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def _shell() -> str:
    """The shell asking: click sets _ERHVERV_COMPLETE=bash_complete, Typer complete_bash. (Only the
    first was read, so under Typer bash got 'etablerede virksomheder' unescaped: two words.)"""
    for name, value in os.environ.items():
        if name.startswith("_") and name.endswith("_COMPLETE") and value:
            return next((part for part in value.split("_") if part in SHELLS), "")
    return ""


def _item(value: str, help: str | None = None) -> Any:
    """A completion item for the running shell (bash gets spaces escaped: one shell word)."""
    shown = value.replace("\\", "\\\\").replace(" ", "\\ ") if _shell() == "bash" else value
    try:
        from typer._click.shell_completion import CompletionItem
    except ImportError:  # Typer on the click package
        try:
            from click.shell_completion import CompletionItem  # type: ignore[no-redef,import-not-found,assignment,unused-ignore]
        except ImportError:
            return shown
    return CompletionItem(shown, help=_short(help))


HELP_WIDTH = 60  # a description longer than this is wrapped by Typer for zsh and fish: one item per line


def _short(help: str | None) -> str | None:
    """A completion's description on one short line, cut at a word with '…' when it is long."""
    if help is None:
        return None
    text = " ".join(help.split())
    return text if len(text) <= HELP_WIDTH else text[: HELP_WIDTH - 1].rsplit(" ", 1)[0] + "…"


def candidates(values: Iterable[str], typed: str, helps: dict[str, str] | None = None) -> list[Any]:
    return [_item(value, (helps or {}).get(value)) for value in values if matches(typed, value)]


def _data_dir(ctx: Any) -> Any:
    from erhverv_cli.discovery import find_corpus

    return find_corpus(ctx.params.get("data_dir")).path


def facet_completer(key: str) -> Callable[[Any, Any, str], list[Any]]:
    def complete_facet(ctx: Any, param: Any, incomplete: str) -> list[Any]:
        try:
            from erhverv_cli.search.facets import FACET_BY_KEY

            item = FACET_BY_KEY[key]
            source = None
            if item.vocabulary is None and key not in ("municipality", "region"):
                from erhverv_cli.search.index import CorpusIndex

                source = CorpusIndex.open(_data_dir(ctx), use_cache=not ctx.params.get("no_cache", False))
            values = item.allowed(source)
            if key == "region":
                values = [value.removeprefix("Region ") for value in values]
            return candidates(values, incomplete, item.meanings())
        except Exception:
            return []

    return complete_facet


def complete_case(ctx: Any, param: Any, incomplete: str) -> list[Any]:
    """Case numbers and ids of the corpus in use, with titles as help."""
    try:
        from erhverv_cli.search.index import CorpusIndex

        index = CorpusIndex.open(_data_dir(ctx), use_cache=not ctx.params.get("no_cache", False))
        cases = index.ids_and_titles()
    except Exception:
        return []
    out = []
    for case_id, title, number in cases:
        if number is not None and incomplete.isdigit() and str(number).startswith(incomplete):
            out.append(_item(str(number), help=title))
        if matches(incomplete, case_id):
            out.append(_item(case_id, help=title))
    return out
