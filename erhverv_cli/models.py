"""The case model: the public contract that case files are written against.

Field names here are what authors type in YAML, what JSON output uses and what the published
JSON Schema documents. Change them only with a migration plan.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)
from pydantic_core import PydanticCustomError

from erhverv_cli.geography import MUNICIPALITIES, regions_of, resolve_municipality
from erhverv_cli.suggest import did_you_mean
from erhverv_cli.vocab import (
    CaseType,
    EvaluationStatus,
    GoodPractice,
    Instrument,
    TargetGroup,
    Transferability,
)

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SUMMARY_MAX_SENTENCES = 3
# A sentence ends at . ! or ? followed by a capital letter, unless the period closes a common
# Danish abbreviation ("ca. 400", "jf. Boks 3", "Vækstforum mv. Den …").
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ\"”])")
_ABBREVIATIONS = frozenset(
    [
        "ca.",
        "jf.",
        "fx.",
        "f.eks.",
        "bl.a.",
        "mv.",
        "m.v.",
        "m.fl.",
        "mfl.",
        "dvs.",
        "kr.",
        "mio.",
        "mia.",
        "nr.",
        "pct.",
        "s.",
        "tlf.",
        "evt.",
        "inkl.",
        "ekskl.",
        "ang.",
        "vedr.",
    ]
)


def count_sentences(text: str) -> int:
    """How many sentences a Danish text has, not counted at abbreviations like 'ca.' or 'jf.'."""
    pieces = _SENTENCE_BREAK.split(text.strip())
    count = 1
    for previous in pieces[:-1]:
        words = previous.split()
        if not words or words[-1].casefold() not in _ABBREVIATIONS:
            count += 1
    return count if text.strip() else 0


Text = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1)]
Year = Annotated[int, Field(strict=True, ge=1900, le=2100)]


def _check_municipality(name: str) -> str:
    if name in MUNICIPALITIES:
        return name
    official = resolve_municipality(name)
    if official is not None:
        raise PydanticCustomError(
            "municipality_spelling",
            "'{name}' is written '{official}' in the official list of the 98 kommuner",
            {"name": name, "official": official},
        )
    raise PydanticCustomError(
        "municipality_unknown",
        "'{name}' is not one of the 98 Danish kommuner{hint}",
        {"name": name, "hint": did_you_mean(name, MUNICIPALITIES)},
    )


Municipality = Annotated[
    Text,
    AfterValidator(_check_municipality),
    WithJsonSchema(
        {"type": "string", "enum": list(MUNICIPALITIES), "description": "Official name of a kommune."}
    ),
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False, validate_default=False)


class KeyFigure(_Strict):
    """A number the source gives for a case, with what it counts."""

    label: Text = Field(description="What is counted, in Danish (e.g. 'deltagere i informationsmøder').")
    value: float = Field(strict=True, description="The number itself, without thousands separators.")
    unit: Text | None = Field(None, description="Unit: 'personer', 'virksomheder', 'kr.', 'pct.', 'job', ….")
    year: Year | None = Field(None, description="The year the figure refers to.")
    approximate: bool = Field(
        False,
        strict=True,
        description="True when the source gives it as approximate ('ca.', 'godt', 'over').",
    )

    @field_validator("value", mode="before")
    @classmethod
    def _number_not_bool(cls, value: Any) -> Any:
        if isinstance(value, bool):
            raise PydanticCustomError("number_type", "expected a number, found {found}", {"found": value})
        return value


class Funding(_Strict):
    """One source of money for the initiative."""

    source: Text = Field(description="Who pays: 'kommunen', 'Vækstforum Syddanmark', 'EU's Socialfond', ….")
    amount_dkk: float | None = Field(
        None, strict=True, ge=0, description="Amount in DKK, where the source gives it."
    )
    period: Text | None = Field(None, description="What the amount covers: 'årligt', '2012-2014', ….")
    note: Text | None = Field(None, description="Anything else worth knowing about this funding.")


class Partner(_Strict):
    """An organisation that takes part, and its role."""

    name: Text = Field(description="The organisation's name.")
    role: Text | None = Field(None, description="What it does in the initiative.")


class UserVoice(_Strict):
    """What a user of the initiative reports, paraphrased in our own words."""

    company: Text | None = Field(None, description="The user's company.")
    person: Text | None = Field(None, description="The person's name.")
    role: Text | None = Field(None, description="The person's position.")
    says: Text = Field(description="What they report, paraphrased (never quoted from the source).")


class Evaluation(_Strict):
    """Whether and how the initiative has been evaluated."""

    status: EvaluationStatus = Field(description="evalueret | igangværende | planlagt | ikke evalueret.")
    by: Text | None = Field(None, description="Who evaluated or will evaluate it.")
    year: Year | None = Field(None, description="When the evaluation was or will be done.")
    note: Text | None = Field(None, description="What the evaluation found or will look at.")


class Source(_Strict):
    """Where the case comes from."""

    title: Text = Field(description="Title of the publication.")
    publisher: Text | None = Field(None, description="Who wrote or published it.")
    year: Year | None = Field(None, description="Year of publication.")
    pages: Text | None = Field(None, description="Pages in the publication, e.g. '12-14'.")
    url: Text | None = Field(None, description="Where to find it, if online.")


class Case(_Strict):
    """One good-practice case of municipal business promotion (kommunal erhvervsfremme)."""

    id: Annotated[Text, StringConstraints(pattern=ID_PATTERN)] = Field(
        description="Kebab-case ASCII identifier, equal to the file name without '.yaml'."
    )
    number: int | None = Field(
        None, strict=True, ge=1, description="The case's number in its catalogue; unique in a corpus."
    )
    title: Text = Field(description="Title in Danish.")
    title_en: Text | None = Field(None, description="Title in English.")
    type: CaseType = Field(description="basal | fokuseret | erhvervsudvikling.")
    municipalities: list[Municipality] = Field(
        min_length=1,
        description="The municipalities that run the initiative, official names of the 98 kommuner.",
    )
    partner_municipalities: list[Municipality] = Field(
        default_factory=list, description="Other municipalities that take part or co-fund."
    )
    summary: Text = Field(description="Danish summary in one to three sentences, in your own words.")
    summary_en: Text | None = Field(
        None, description="English summary, so non-Danish readers can search and read."
    )
    operator: Text | None = Field(
        None, description="Who runs the initiative (erhvervskontor, erhvervsråd, …)."
    )
    started: Year | None = Field(None, description="Year the initiative started.")
    ended: Year | None = Field(None, description="Year it ended, if it has.")
    target_groups: list[TargetGroup] = Field(default_factory=list, description="Who it serves.")
    sectors: list[Text] = Field(
        default_factory=list, description="Industries in focus, in Danish lower case."
    )
    instruments: list[Instrument] = Field(
        default_factory=list, description="The means it uses (virkemidler)."
    )
    good_practice: list[GoodPractice] = Field(
        default_factory=list, description="Areas where the catalogue names it as good practice."
    )
    transferability: Transferability | None = Field(None, description="How easily others can adopt it.")
    evaluation: Evaluation | None = Field(None, description="Whether and how it has been evaluated.")
    funding: list[Funding] = Field(
        default_factory=list, description="Sources of money, with amounts where given."
    )
    budget_dkk: float | None = Field(
        None, strict=True, ge=0, description="Budget in DKK, where the source gives one."
    )
    staff_fte: float | None = Field(None, strict=True, ge=0, description="Staff in full-time equivalents.")
    key_figures: list[KeyFigure] = Field(default_factory=list, description="Figures the source gives.")
    partners: list[Partner] = Field(default_factory=list, description="Organisations taking part.")
    background: Text | None = Field(None, description="Why the initiative came about (baggrund).")
    content: Text | None = Field(None, description="What it offers and how it works (indhold).")
    organisation: Text | None = Field(None, description="Who does what, steering, staff (organisering).")
    results: Text | None = Field(None, description="Activity and results (resultater).")
    collaboration: Text | None = Field(None, description="Collaboration with other municipalities (samspil).")
    user_voice: list[UserVoice] = Field(default_factory=list, description="What users report, paraphrased.")
    source: Source | None = Field(None, description="The publication the case comes from.")

    @field_validator("summary")
    @classmethod
    def _summary_is_short(cls, value: str) -> str:
        sentences = count_sentences(value)
        if sentences > SUMMARY_MAX_SENTENCES:
            raise PydanticCustomError(
                "summary_too_long",
                "summary has {count} sentences; keep it to 1-3 and move the rest to 'content'",
                {"count": sentences},
            )
        return value

    @field_validator("municipalities", "partner_municipalities", "sectors")
    @classmethod
    def _no_repeats(cls, value: list[str]) -> list[str]:
        repeated = sorted({item for item in value if value.count(item) > 1})
        if repeated:
            raise PydanticCustomError("repeated_value", "'{item}' is listed twice", {"item": repeated[0]})
        return value

    @field_validator("ended")
    @classmethod
    def _ended_after_started(cls, ended: int | None, info: ValidationInfo) -> int | None:
        # A field validator (not a model validator) so the error points at the `ended` line.
        started = info.data.get("started")
        if ended is not None and started is not None and ended < started:
            raise PydanticCustomError(
                "years_out_of_order",
                "ended ({ended}) is before started ({started})",
                {"ended": ended, "started": started},
            )
        return ended

    @property
    def regions(self) -> list[str]:
        """Regions of the lead municipalities, where the case is at home (it can span more than one)."""
        return regions_of(list(self.municipalities))

    def record(self) -> dict[str, Any]:
        """The case as plain JSON-ready data, with the YAML field names and derived ``regions``."""
        data = self.model_dump(mode="json", exclude_none=True)
        data["regions"] = self.regions
        return data

    def all_municipalities(self) -> list[str]:
        """Lead and partner municipalities, lead first."""
        return list(dict.fromkeys([*self.municipalities, *self.partner_municipalities]))


CASE_FIELDS: tuple[str, ...] = tuple(Case.model_fields)
