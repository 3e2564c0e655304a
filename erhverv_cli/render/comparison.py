"""Cases side by side, field by field, as plain values: what `compare` shows in every format and
what the Python API's `compare()` returns. Knows nothing of the terminal."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from erhverv_cli.labels import Language, label
from erhverv_cli.render import fields as f


def figure_rows(record: Mapping[str, Any], lang: Language) -> list[tuple[str, str]]:
    """A case's key figures as (label, value text) in a language."""
    return [
        (f.figure_label(figure, lang), f.figure_text(figure, lang))
        for figure in record.get("key_figures", [])
    ]


ELLIPSIS = "…"
_UNSHARED = frozenset({"results", "description_en", "key_figures", "funding"})


def _first_words(text: str | None, count: int = 30) -> str:
    words = (text or "").split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def compare_rows(
    records: Sequence[Mapping[str, Any]], lang: Language = "da"
) -> list[tuple[str, str, list[list[str]]]]:
    """Per field: its key, its label, and one list of values per case (lists stay lists so shared
    items can be marked)."""

    def scalar(value: Any) -> list[str]:
        return [str(value)] if value not in (None, "") else []

    getters: list[tuple[str, Callable[[Mapping[str, Any]], list[str]]]] = [
        ("type", lambda r: [r["type"]]),
        ("municipalities", lambda r: list(r.get("municipalities", []))),
        ("partner_municipalities", lambda r: list(r.get("partner_municipalities", []))),
        # keyed and labelled by the field, as show labels it ("Regioner", not "Region")
        ("regions", lambda r: [f.short_region(x) for x in r.get("regions", [])]),
        ("operator", lambda r: scalar(r.get("operator"))),
        ("started", lambda r: scalar(r.get("started"))),
        ("target_groups", lambda r: list(r.get("target_groups", []))),
        ("sectors", lambda r: list(r.get("sectors", []))),
        ("instruments", lambda r: list(r.get("instruments", []))),
        ("good_practice", lambda r: list(r.get("good_practice", []))),
        ("approaches", lambda r: list(r.get("approaches", []))),
        ("transferability", lambda r: scalar(r.get("transferability"))),
        ("evaluation", lambda r: scalar((r.get("evaluation") or {}).get("status"))),
        ("funding", lambda r: [f.funding_text(x, lang, note=False) for x in r.get("funding", [])]),
        ("budget_dkk", lambda r: scalar(f.money(r.get("budget_dkk"), lang))),
        ("staff", lambda r: scalar(f.staff_text(r.get("staff"), lang))),
        (
            "staff_fte",
            lambda r: scalar(f.number_text(r["staff_fte"], lang) if r.get("staff_fte") is not None else None),
        ),
        (
            "key_figures",
            lambda r: (
                [f"{n}: {v}" for n, v in figure_rows(r, lang)[:6]]
                + ([ELLIPSIS] if len(r.get("key_figures", [])) > 6 else [])
            ),
        ),
    ]
    if lang == "en":  # the English description, labelled as show labels it (it was called "Results")
        getters.append(("description_en", lambda r: scalar(_first_words(r.get("description_en")))))
    else:
        getters.append(("results", lambda r: scalar(_first_words(r.get("results")))))
    rows = [(key, label(key, lang), [get(record) for record in records]) for key, get in getters]
    return [row for row in rows if any(row[2])]


def shared_values(key: str, values: list[list[str]]) -> set[str]:
    """Values found in two or more of the compared cases (a truncation mark is never a value)."""
    if key in _UNSHARED:
        return set()
    seen: dict[str, int] = {}
    for items in values:
        for item in set(items) - {ELLIPSIS}:
            seen[item] = seen.get(item, 0) + 1
    return {item for item, count in seen.items() if count > 1}
