"""A case as plain data: the typed record every layer after validation passes around.

The pydantic model (:mod:`erhverv_cli.models`) checks a case file; its ``record()`` is this
shape, which is what the index stores, the engine returns and the renderers and exports read.
Importing this module costs nothing (no pydantic), so start-up stays lazy, and mypy catches a
misspelt key. A test keeps the keys equal to the model's fields plus the derived ones.
"""

from __future__ import annotations

from typing import NotRequired, TypedDict


class KeyFigureRecord(TypedDict):
    label: str
    label_en: NotRequired[str]
    value: float
    unit: NotRequired[str]
    year: NotRequired[int]
    approximate: bool


class FundingRecord(TypedDict):
    source: str
    amount_dkk: NotRequired[float]
    period: NotRequired[str]
    note: NotRequired[str]


class PartnerRecord(TypedDict):
    name: str
    role: NotRequired[str]


class StaffRecord(TypedDict):
    count: int
    count_max: NotRequired[int]
    approximate: bool
    roles: list[str]
    note: NotRequired[str]


class UserVoiceRecord(TypedDict):
    company: NotRequired[str]
    person: NotRequired[str]
    role: NotRequired[str]
    says: str


class EvaluationRecord(TypedDict):
    status: str
    by: NotRequired[str]
    year: NotRequired[int]
    note: NotRequired[str]


class PagesRecord(TypedDict):
    first: int
    last: int
    estimated: bool


class SourceRecord(TypedDict):
    title: str
    publisher: NotRequired[str]
    year: NotRequired[int]
    pages: NotRequired[PagesRecord]
    url: NotRequired[str]


class CaseRecord(TypedDict):
    """One case; optional fields are absent when the file does not give them."""

    id: str
    number: NotRequired[int]
    title: str
    title_en: NotRequired[str]
    type: str
    municipalities: list[str]
    partner_municipalities: list[str]
    summary: str
    summary_en: NotRequired[str]
    operator: NotRequired[str]
    started: NotRequired[int]
    decided: NotRequired[int]
    ended: NotRequired[int]
    planned_end: NotRequired[int]
    context: NotRequired[str]
    target_groups: list[str]
    sectors: list[str]
    instruments: list[str]
    good_practice: list[str]
    approaches: list[str]
    transferability: NotRequired[str]
    evaluation: NotRequired[EvaluationRecord]
    funding: list[FundingRecord]
    budget_dkk: NotRequired[float]
    staff: NotRequired[StaffRecord]
    staff_fte: NotRequired[float]
    key_figures: list[KeyFigureRecord]
    partners: list[PartnerRecord]
    background: NotRequired[str]
    content: NotRequired[str]
    organisation: NotRequired[str]
    results: NotRequired[str]
    collaboration: NotRequired[str]
    description_en: NotRequired[str]
    user_voice: list[UserVoiceRecord]
    source: NotRequired[SourceRecord]
    # Derived when the record is made, never written in a case file:
    regions: list[str]


DERIVED_FIELDS: tuple[str, ...] = ("regions",)
TEXT_SECTIONS: tuple[str, ...] = ("background", "content", "organisation", "results", "collaboration")
