"""The fields of tabular views (list, find, similar), described once for every format.

A :class:`Field` knows its machine value (for JSON and JSON Lines) and its text (for CSV, TSV,
Markdown and tables). ``--fields a,b`` picks among :data:`FIELDS`; without it, a view shows its
default fields. Snippets cost real work, so they appear in machine output only when asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from erhverv_cli.errors import UsageError
from erhverv_cli.labels import Language
from erhverv_cli.records import CaseRecord
from erhverv_cli.render import fields as f
from erhverv_cli.suggest import did_you_mean


class SnippetLike(Protocol):
    text: str
    spans: tuple[tuple[int, int], ...]
    field: str


class Row(Protocol):
    """One row of a tabular view: a find hit, a listed case, or a related case."""

    @property
    def record(self) -> CaseRecord: ...
    @property
    def score(self) -> float: ...


@dataclass(frozen=True)
class Field:
    """A column: its name (the case-file field name where there is one) and how it reads."""

    name: str
    value: Callable[[Any], Any]  # Row → JSON value
    text: Callable[[Any, Language], str]  # Row, language → text


def _record_field(name: str, text: Callable[[Any, Language], str] | None = None) -> Field:
    def value(row: Row) -> Any:
        return row.record.get(name)

    def plain(row: Row, lang: Language) -> str:
        found = row.record.get(name)
        if found is None:
            return ""
        if isinstance(found, list) and all(isinstance(item, str) for item in found):
            return "; ".join(found)
        if isinstance(found, (int, float)) and not isinstance(found, bool):
            return str(int(found)) if float(found).is_integer() else str(found)
        return str(found)

    return Field(name, value, text or plain)


def _snippet_value(row: Any) -> Any:
    snippet = getattr(row, "snippet", None)
    if snippet is None or not snippet.text:
        return None
    return {
        "text": snippet.text,
        "field": snippet.field,
        "highlights": [list(span) for span in snippet.spans],
    }


def reasons_text(shared: Mapping[str, Sequence[str]], lang: Language = "da", separator: str = "; ") -> str:
    """Why two cases are alike, in plain words: 'Virkemidler: netværk, kurser; …'."""
    from erhverv_cli.labels import facet_label

    return separator.join(
        f"{facet_label(key, lang)}: {', '.join(values)}" for key, values in shared.items() if values
    )


_NESTED: dict[str, Callable[[Any, Language], str]] = {
    "funding": lambda r, lang: "; ".join(f.funding_text(x, lang) for x in r.record.get("funding", [])),
    "partners": lambda r, lang: "; ".join(f.partner_text(x) for x in r.record.get("partners", [])),
    "key_figures": lambda r, lang: "; ".join(
        f"{f.figure_label(x, lang)}: {f.figure_text(x, lang)}" for x in r.record.get("key_figures", [])
    ),
    "user_voice": lambda r, lang: "; ".join(
        (f"{f.who(v)}: " if f.who(v) else "") + " ".join(str(v["says"]).split())
        for v in r.record.get("user_voice", [])
    ),
    "evaluation": lambda r, lang: f.evaluation_text(r.record.get("evaluation")),
    "staff": lambda r, lang: f.staff_text(r.record.get("staff"), lang),
    "source": lambda r, lang: f.source_text(r.record, lang),
}

# What names a case and where it is: the first columns of every tabular output.
_IDENTITY: tuple[str, ...] = (
    "number", "id", "title", "title_en", "type", "municipalities", "partner_municipalities", "regions",
)  # fmt: skip

RECORD_FIELDS: tuple[str, ...] = (
    *_IDENTITY,
    "operator",
    "started",
    "decided",
    "ended",
    "planned_end",
    "context",
    "target_groups",
    "sectors",
    "instruments",
    "good_practice",
    "approaches",
    "transferability",
    "evaluation",
    "funding",
    "budget_dkk",
    "staff",
    "staff_fte",
    "key_figures",
    "partners",
    "summary",
    "summary_en",
    "background",
    "content",
    "organisation",
    "results",
    "collaboration",
    "description_en",
    "user_voice",
    "source",
)

FIELDS: dict[str, Field] = {name: _record_field(name, _NESTED.get(name)) for name in RECORD_FIELDS}
FIELDS["score"] = Field(
    "score",
    lambda row: row.score if getattr(row, "ranked", True) else None,
    lambda row, lang: f"{row.score:.2f}" if getattr(row, "ranked", True) else "",
)
FIELDS["snippet"] = Field("snippet", _snippet_value, lambda row, lang: " ".join(row.snippet.text.split()))
FIELDS["why"] = Field(
    "why",
    lambda row: getattr(row, "shared", {}),
    lambda row, lang: reasons_text(getattr(row, "shared", {}), lang),
)

LIST_FIELDS: tuple[str, ...] = (
    *_IDENTITY,
    "started",
    "summary",
)


def default_fields(view: str, ranked: bool = False) -> tuple[str, ...]:
    """The fields a view shows in machine formats when --fields is not given."""
    if view == "similar":
        return (*LIST_FIELDS, "score", "why")
    return (*LIST_FIELDS, "score") if ranked else LIST_FIELDS


def available(view: str) -> list[str]:
    """Every field a view can show."""
    names = [*RECORD_FIELDS, "score", "snippet"]
    return [*names, "why"] if view == "similar" else names


def choose(view: str, requested: str | None, ranked: bool = False) -> list[Field]:
    """The fields for ``--fields a,b`` (checked, with did-you-mean), or the view's defaults."""
    if not requested:
        return [FIELDS[name] for name in default_fields(view, ranked)]
    names = [name.strip() for name in requested.split(",") if name.strip()]
    allowed = available(view)
    if not names:  # "--fields ," or "--fields ' '": a table of no columns is no answer
        raise UsageError(
            "--fields: no field named; give one or more, separated by commas (--fields id,title)",
            hint="`--fields` without a value lists the fields",
        )
    for name in names:
        if name not in allowed:
            raise UsageError(
                f"--fields: unknown field '{name}'{did_you_mean(name, allowed)}",
                hint="`--fields` without a value lists the fields",
            )
    return [FIELDS[name] for name in dict.fromkeys(names)]
