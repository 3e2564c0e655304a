"""The case model: the public contract that case files are written against.

Field names here are what authors type in YAML, what JSON output uses and what the published
JSON Schema documents. Change them only with a migration plan.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
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

from erhverv_cli.characters import UNSAFE
from erhverv_cli.geography import MUNICIPALITIES, regions_of, resolve_municipality
from erhverv_cli.suggest import did_you_mean
from erhverv_cli.vocab import (
    Approach,
    CaseType,
    EvaluationStatus,
    GoodPractice,
    Instrument,
    TargetGroup,
    Transferability,
)

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ID_MAX_LENGTH = 250  # the file name, the id and ".yaml", must fit the 255 bytes a file system allows
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


# Case files reach many people's terminals, so text holding one of these is refused where it is
# written (erhverv_cli.characters says which and why; render.text escapes the same ones).
_UNSAFE_CHARACTERS = re.compile(f"[{UNSAFE}]")


def unsafe_character(text: str) -> int:
    """The offset of the first character that must not appear in case text, or -1."""
    found = _UNSAFE_CHARACTERS.search(text)
    return found.start() if found else -1


def character_name(char: str) -> str:
    """'U+202E (RIGHT-TO-LEFT OVERRIDE)': how a refused character is named in messages."""
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(char, "")
    if not name:
        name = "control character" if unicodedata.category(char) == "Cc" else "unassigned invisible character"
    return f"U+{ord(char):04X} ({name})"


_CONTROL_NAMES = {
    "\x1b": "ESCAPE",
    "\x07": "BELL",
    "\x00": "NUL",
    "\x9b": "CONTROL SEQUENCE INTRODUCER",
    "\r": "CARRIAGE RETURN",
}


def _safe_text(value: str) -> str:
    offset = unsafe_character(value)
    if offset >= 0:
        raise PydanticCustomError(
            "unsafe_character",
            "text contains {character} at character {offset}; remove it (control, bidi and "
            "zero-width characters are not allowed in case files)",
            {"character": character_name(value[offset]), "offset": offset + 1},
        )
    # One form for every text: an NFD-typed "rådgivning" is the NFC one.
    return unicodedata.normalize("NFC", value)


Text = Annotated[
    str, StringConstraints(strict=True, strip_whitespace=True, min_length=1), AfterValidator(_safe_text)
]
Year = Annotated[int, Field(strict=True, ge=1900, le=2100)]
# Catalogue numbers, counts and amounts are stored in SQLite's 64-bit integers and shown by people
# who read them: far below both limits, so a slip of the keyboard is caught.
MAX_NUMBER = 999_999
MAX_AMOUNT = 1e15
Amount = Annotated[float, Field(strict=True, allow_inf_nan=False, ge=0, le=MAX_AMOUNT)]  # kroner
Count = Annotated[int, Field(strict=True, ge=0, le=MAX_NUMBER)]  # people
Flag = Annotated[bool, Field(strict=True)]


def latest_plausible_start() -> int:
    """A case may start next year at the latest (a decided, announced initiative)."""
    return date.today().year + 1


def _not_in_future(year: int | None) -> int | None:
    latest = latest_plausible_start()
    if year is not None and year > latest:
        raise PydanticCustomError(
            "year_in_future",
            "{year} is after next year ({latest}); give the year it actually started, or use "
            "'planned_end' for plans",
            {"year": year, "latest": latest},
        )
    return year


PastYear = Annotated[Year, AfterValidator(_not_in_future)]


def _not_below(value: int | None, info: ValidationInfo, other: str, code: str, relation: str) -> int | None:
    """``value`` unless it is below the field ``other`` read before it ("ended (2010) is before
    started (2012)", "count_max (6) is below count (8)")."""
    earlier = info.data.get(other)
    if value is not None and earlier is not None and value < earlier:
        raise PydanticCustomError(
            code,
            "{field} ({value}) {relation} {other} ({earlier})",
            {
                "field": info.field_name,
                "value": value,
                "relation": relation,
                "other": other,
                "earlier": earlier,
            },
        )
    return value


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
    label_en: Text | None = Field(None, description="The same label in English.")
    value: float = Field(
        strict=True,
        allow_inf_nan=False,
        ge=-MAX_AMOUNT,
        le=MAX_AMOUNT,
        description="The number itself, without thousands separators.",
    )
    unit: Text | None = Field(None, description="Unit: 'personer', 'virksomheder', 'kr.', 'pct.', 'job', ….")
    year: Year | None = Field(None, description="The year the figure refers to.")
    approximate: Flag = Field(
        False, description="True when the source gives it as approximate ('ca.', 'godt', 'over')."
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
    amount_dkk: Amount | None = Field(None, description="Amount in DKK, where the source gives it.")
    period: Text | None = Field(None, description="What the amount covers: 'årligt', '2012-2014', ….")
    note: Text | None = Field(None, description="Anything else worth knowing about this funding.")


class Partner(_Strict):
    """An organisation that takes part, and its role where the source gives one."""

    name: Text = Field(description="The organisation's name.")
    role: Text | None = Field(
        None, description="What it does in the initiative, as the source says; leave out when it does not."
    )


class Staff(_Strict):
    """The people who run an initiative, counted as a headcount (not full-time equivalents)."""

    count: Count = Field(description="How many people; the smallest number of a range.")
    count_max: Count | None = Field(
        None, description="The largest number, when the source gives a range ('six to eight')."
    )
    approximate: Flag = Field(False, description="True when the source gives it as approximate.")
    roles: list[Text] = Field(
        default_factory=list, description="Who they are, in Danish, as the source names them ('konsulenter')."
    )
    note: Text | None = Field(None, description="What the count covers, where that needs saying.")

    @field_validator("count_max")
    @classmethod
    def _range_in_order(cls, count_max: int | None, info: ValidationInfo) -> int | None:
        return _not_below(count_max, info, "count", "range_out_of_order", "is below")


class PageRange(_Strict):
    """The first and last page of a case in its publication."""

    first: int = Field(strict=True, ge=1, le=MAX_NUMBER, description="First page.")
    last: int = Field(strict=True, ge=1, le=MAX_NUMBER, description="Last page.")
    estimated: Flag = Field(
        False,
        description="True when the pages are worked out from the text around the few printed page "
        "numbers that survive, not read off the pages themselves.",
    )

    @field_validator("last")
    @classmethod
    def _last_after_first(cls, last: int, info: ValidationInfo) -> int:
        first = info.data.get("first")
        if first is not None and last < first:
            raise PydanticCustomError(
                "pages_out_of_order",
                "last page ({last}) is before first page ({first})",
                {"last": last, "first": first},
            )
        return last

    def text(self) -> str:
        """'23-26', or '23' for a single page."""
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"


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
    pages: PageRange | None = Field(
        None, description="First and last page of the case in the publication: {first: 23, last: 26}."
    )
    url: Text | None = Field(None, description="Where to find it, if online.")


class Case(_Strict):
    """One good-practice case of municipal business promotion (kommunal erhvervsfremme)."""

    # The pattern admits no unsafe character, so the plain constraint suffices (and stays in the schema).
    id: Annotated[
        str,
        StringConstraints(
            strict=True, strip_whitespace=True, min_length=1, max_length=ID_MAX_LENGTH, pattern=ID_PATTERN
        ),
    ] = Field(description="Kebab-case ASCII identifier, equal to the file name without '.yaml'.")
    number: int | None = Field(
        None,
        strict=True,
        ge=1,
        le=MAX_NUMBER,
        description="The case's number in its catalogue; unique in a corpus.",
    )
    title: Text = Field(description="Title in Danish.")
    title_en: Text | None = Field(None, description="Title in English.")
    type: CaseType = Field(description="basal | fokuseret | erhvervsudvikling.")
    municipalities: list[Municipality] = Field(
        min_length=1,
        description="The municipalities that run the initiative, official names of the 98 kommuner.",
    )
    partner_municipalities: list[Municipality] = Field(
        default_factory=list,
        description=(
            "Other municipalities the source names as taking part or co-funding. An associate member or "
            "a wider region belongs in 'context'."
        ),
    )
    summary: Text = Field(description="Danish summary in one to three sentences, in your own words.")
    summary_en: Text | None = Field(
        None, description="English summary, so non-Danish readers can search and read."
    )
    operator: Text | None = Field(
        None, description="Who runs the initiative (erhvervskontor, erhvervsråd, …)."
    )
    started: PastYear | None = Field(None, description="Year the initiative actually started.")
    decided: PastYear | None = Field(
        None,
        description="Year the decision to set it up was taken, where the source gives that and not a start.",
    )
    ended: PastYear | None = Field(None, description="Year it actually ended, if it has.")
    planned_end: Year | None = Field(
        None, description="Year it was planned to end, as the source tells it (not an actual end)."
    )
    context: Text | None = Field(
        None,
        description=(
            "The wider setting: associate members, a regional programme or network it belongs to; "
            "what is around the initiative rather than part of it."
        ),
    )
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
    approaches: list[Approach] = Field(
        default_factory=list,
        description="What kind of effort it is (indsatsform): its delivery format and organising idea.",
    )
    transferability: Transferability | None = Field(None, description="How easily others can adopt it.")
    evaluation: Evaluation | None = Field(None, description="Whether and how it has been evaluated.")
    funding: list[Funding] = Field(
        default_factory=list, description="Sources of money, with amounts where given."
    )
    budget_dkk: Amount | None = Field(None, description="Budget in DKK, where the source gives one.")
    staff: Staff | None = Field(
        None, description="Headcount of the people who run it, where the source counts people."
    )
    staff_fte: float | None = Field(
        None,
        strict=True,
        allow_inf_nan=False,
        ge=0,
        le=MAX_NUMBER,
        description="Staff in full-time equivalents (årsværk), only where the source gives them as such.",
    )
    key_figures: list[KeyFigure] = Field(default_factory=list, description="Figures the source gives.")
    partners: list[Partner] = Field(default_factory=list, description="Organisations taking part.")
    background: Text | None = Field(None, description="Why the initiative came about (baggrund).")
    content: Text | None = Field(None, description="What it offers and how it works (indhold).")
    organisation: Text | None = Field(None, description="Who does what, steering, staff (organisering).")
    results: Text | None = Field(None, description="Activity and results (resultater).")
    collaboration: Text | None = Field(None, description="Collaboration with other municipalities (samspil).")
    description_en: Text | None = Field(
        None,
        description=(
            "The case in English, in 150-300 words: background, what is done, organisation and results."
        ),
    )
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

    @field_validator("ended", "planned_end")
    @classmethod
    def _ended_after_started(cls, ended: int | None, info: ValidationInfo) -> int | None:
        # A field validator (not a model validator) so the error points at the `ended` line.
        return _not_below(ended, info, "started", "years_out_of_order", "is before")

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
