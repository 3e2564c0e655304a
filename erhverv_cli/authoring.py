"""Scaffold new case files that pass validation, with the optional fields as comments.

Used by `erhverv new`; knows nothing about the terminal.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from erhverv_cli.errors import InvalidDataError, UsageError
from erhverv_cli.folding import to_ascii_id
from erhverv_cli.geography import MUNICIPALITIES, resolve_municipality
from erhverv_cli.suggest import did_you_mean
from erhverv_cli.vocab import Approach, CaseType, Instrument, TargetGroup, Vocabulary, resolve, values

SCHEMA_MODELINE = "# yaml-language-server: $schema=../../schemas/case.schema.json"
MAX_ID_LENGTH = 60

# The optional fields, commented out, with a hint of what goes in each: authors uncomment
# what the source gives. Field names must match the model (checked by a test).
OPTIONAL_TEMPLATE = """\
# --- Optional fields: uncomment and fill in what you know (see README, "Authoring guide") ---
# number: 19                     # the case's number in its catalogue, if any
# title_en: "English title"
# summary_en: "One to three sentences in English."
# partner_municipalities: [Vejle]
# operator: "Who runs it (erhvervskontor, erhvervsråd, …)"
# started: 2014                  # year it actually started
# decided: 2013                  # year it was decided, when the source gives that and not a start
# ended: 2016                    # year it actually ended
# planned_end: 2016              # year it is planned to end (a plan, not a fact)
# context: "The wider setting: associate members, a regional programme, …"
# target_groups: [iværksættere]  # {target_groups}
# sectors: [fødevarer]           # industries in focus, lower case
# instruments: [vejledning]      # {instruments}
# good_practice: []              # see README for the 15 areas
# approaches: []                 # kind of effort: {approaches}
# transferability: overførbar med tilpasning
#   (direkte overførbar | overførbar med tilpasning | bygger på lokale styrker)
# evaluation:
#   status: ikke evalueret       # evalueret | igangværende | planlagt | ikke evalueret
#   by: "Who evaluated"
#   year: 2015
#   note: "What it found"
# funding:
#   - source: "Kommunen"
#     amount_dkk: 500000
#     period: "årligt"
# budget_dkk: 500000
# staff:                         # a headcount of people, where the source counts people
#   count: 6
#   count_max: 8                 # when the source gives a range
#   roles: [konsulenter]
# staff_fte: 2.5                 # only where the source gives full-time equivalents (årsværk)
# key_figures:
#   - label: "deltagere"
#     label_en: "participants"
#     value: 120
#     unit: "personer"
#     year: 2013
#     approximate: false
# partners:
#   - name: "Væksthus Midtjylland"
#     role: "specialiseret vejledning"
# background: >-
#   Why the initiative came about, in your own words.
# content: >-
#   What it offers and how it works.
# organisation: >-
#   Who does what; steering and staff.
# results: >-
#   Activity and results, with figures.
# collaboration: >-
#   Collaboration with other municipalities.
# description_en: >-
#   The case in English, 150-300 words: background, what is done, organisation, results.
# user_voice:
#   - company: "Firma A/S"
#     person: "Navn Efternavn"
#     role: "direktør"
#     says: "What they report, paraphrased."
# source:
#   title: "Where the case is described"
#   publisher: "Who published it"
#   year: 2014
#   pages: {{first: 12, last: 14}}
"""


@dataclass
class NewCase:
    """What an author tells `erhverv new` about a case."""

    title: str
    type: str
    municipalities: Sequence[str]
    summary: str
    id: str | None = None
    extra: dict[str, object] = field(default_factory=dict)


def derive_id(title: str) -> str:
    """A kebab-case ASCII id from a Danish title: 'Vækst i Køge' → 'vaekst-i-koege'."""
    identifier = to_ascii_id(title)
    if len(identifier) > MAX_ID_LENGTH:
        identifier = identifier[:MAX_ID_LENGTH].rsplit("-", 1)[0]
    return identifier


def check_municipalities(names: Sequence[str]) -> list[str]:
    """Official names for typed municipalities; an unknown one is an error with suggestions."""
    out = []
    for name in names:
        official = resolve_municipality(name)
        if official is None:
            raise UsageError(
                f"'{name}' is not one of the 98 kommuner{did_you_mean(name, MUNICIPALITIES)}",
                hint="`erhverv vocab municipality` lists them",
            )
        out.append(official)
    return list(dict.fromkeys(out))


def check_type(text: str) -> str:
    member = resolve(CaseType, text)
    if member is None:
        allowed = values(CaseType)
        raise UsageError(f"unknown type '{text}'{did_you_mean(text, allowed)}; allowed: {', '.join(allowed)}")
    return member.value


def _yaml_scalar(value: object) -> str:
    # JSON strings and numbers are valid YAML 1.2 flow scalars, so quoting is always correct.
    return json.dumps(value, ensure_ascii=False)


# Words a YAML reader takes for something other than text (YAML 1.1 readers included).
_NOT_TEXT = frozenset({"true", "false", "yes", "no", "on", "off", "y", "n", "null"})


def _yaml_word(value: str) -> str:
    """An id or a vocabulary word, written plain (`id: vaekst-i-koege`, as a person writes it)
    when every YAML reader reads it back as the same text, else quoted by :func:`_yaml_scalar`:
    `id: "2013"`, `id: "true"`, `id: "0x1f"`, `id: "1e5"` are text, not a number or a boolean."""
    plain = re.fullmatch(r"[^\W\d_][\w-]*", value) and value.lower() not in _NOT_TEXT
    return value if plain else _yaml_scalar(value)


def check_id(identifier: str) -> str:
    """An id given by a person: kebab-case ASCII, no path separators, not too long."""
    from erhverv_cli.models import ID_MAX_LENGTH, ID_PATTERN

    if not re.fullmatch(ID_PATTERN, identifier):
        suggestion = derive_id(identifier) or "my-case"
        raise UsageError(
            f"--id: '{identifier}' is not a valid id",
            hint=f"ids are kebab-case ASCII (a-z, 0-9 and '-'), e.g. '{suggestion}'",
        )
    if len(identifier) > ID_MAX_LENGTH:
        raise UsageError(
            f"--id: an id has at most {ID_MAX_LENGTH} characters; this one has {len(identifier)}",
            hint="the file is named after the id, and a file name has at most 255 bytes",
        )
    return identifier


def render_case(case: NewCase) -> tuple[str, str]:
    """The new file's id and text: required fields filled in, optional ones as comments."""
    identifier = check_id(case.id) if case.id is not None else derive_id(case.title)
    if not identifier:
        raise UsageError("cannot make an id from that title", hint="give one with --id")
    lines = [
        SCHEMA_MODELINE,
        f"id: {_yaml_word(identifier)}",
        f"title: {_yaml_scalar(case.title.strip())}",
        f"type: {_yaml_word(check_type(case.type))}",
        "municipalities:",
        *(f"  - {_yaml_word(name)}" for name in check_municipalities(case.municipalities)),
        f"summary: {_yaml_scalar(' '.join(case.summary.split()))}",
    ]
    for key, value in case.extra.items():
        if isinstance(value, list):
            lines.append(f"{key}:")
            lines += [f"  - {_yaml_scalar(item)}" for item in value]
        else:
            lines.append(f"{key}: {_yaml_scalar(value)}")
    template = OPTIONAL_TEMPLATE.format(
        target_groups=" | ".join(values(TargetGroup)),
        instruments="see README for the list",
        approaches=" | ".join(values(Approach)),
    )
    present = set(case.extra)
    kept = [line for line in template.splitlines() if not any(line.startswith(f"# {k}:") for k in present)]
    return identifier, "\n".join(lines) + "\n\n" + "\n".join(kept) + "\n"


def write_case(folder: Path, case: NewCase) -> Path:
    """Write the scaffold to ``folder/<id>.yaml``: only a file that validates, never over an
    existing file, whole or not at all."""
    from erhverv_cli.validation import validate_bytes
    from erhverv_cli.writing import write_text_atomically

    identifier, text = render_case(case)
    if not folder.is_dir():
        raise UsageError(f"no folder {folder}", hint="create it, or give --data-dir")
    target = folder / f"{identifier}.yaml"
    result = validate_bytes(text.encode("utf-8"), str(target), stem=identifier)
    if result.findings:
        first = result.findings[0]
        raise InvalidDataError(f"the new case would not validate: {first.field}: {first.message}",
                               hint="change the value and run it again")  # fmt: skip
    try:
        return write_text_atomically(target, text, exclusive=True)
    except FileExistsError:
        raise InvalidDataError(f"{target} already exists", hint="choose another title or --id") from None


def parse_list(text: str, vocabulary: type[Vocabulary]) -> list[str]:
    """Comma-separated vocabulary values typed by a person → the official values."""
    out = []
    for piece in (p.strip() for p in text.split(",")):
        if not piece:
            continue
        member = resolve(vocabulary, piece)
        if member is None:
            allowed = values(vocabulary)
            raise UsageError(
                f"unknown value '{piece}'{did_you_mean(piece, allowed)}; allowed: {', '.join(allowed)}"
            )
        out.append(member.value)
    return out


def _text(parts: Sequence[str]) -> str:
    return " ".join(" ".join(parts).split())


def _vocabulary_list(
    vocabulary: type[Vocabulary],
) -> Callable[[Sequence[str]], list[str]]:
    return lambda parts: parse_list(", ".join(parts), vocabulary)


def _started(parts: Sequence[str]) -> int | None:
    from erhverv_cli.arguments import year

    return year("--started", parts[0])


def _id(parts: Sequence[str]) -> str:
    return check_id(parts[0])


@dataclass(frozen=True)
class Question:
    """A field of a new case that `erhverv new` takes as an option and, on a terminal, asks for.

    ``check`` turns what was typed (the values of a repeated option, or the comma-separated parts
    of an answer, when ``many``; else one text) into the field's value, or raises a
    :class:`UsageError` that says what is allowed.
    """

    key: str  # the field of the case it fills
    flags: tuple[str, ...]
    metavar: str
    help: str
    check: Callable[[Sequence[str]], object]
    label: str = ""  # the question asked on a terminal; none: never asked
    hint: str = ""  # said after the question, in brackets
    required: bool = False
    many: bool = False
    facet: str | None = None  # whose values Tab completes

    @property
    def flag(self) -> str:
        return self.flags[0]

    def parts(self, typed: str | Sequence[str]) -> list[str]:
        """What was typed, as the parts ``check`` takes: a many-valued answer split at commas."""
        items = [typed] if isinstance(typed, str) else list(typed)
        if not self.many:
            return [" ".join(items).strip()]
        return [part.strip() for item in items for part in item.split(",") if part.strip()]

    def refuse_blank(self, typed: str | Sequence[str]) -> None:
        """A value given for the option (each value of a repeated one) that is empty or only blanks
        (``--operator ''``, ``--target ' , '``) is a usage error naming the flag: neither a field
        left out without a word nor a file that fails validation."""
        items = [typed] if isinstance(typed, str) else list(typed)
        if any(not any(self.parts(item)) for item in items):
            asked = " to be asked on a terminal" if self.required else ""
            raise UsageError(
                f"{self.flag}: must not be blank", hint=f"give a value, or leave {self.flag} out{asked}"
            )

    def answer(self, typed: str | Sequence[str]) -> object:
        """The field's value from what was given for the option: refused when blank, else checked;
        a value the check refuses is said with the option's name, as every option error is."""
        self.refuse_blank(typed)
        try:
            return self.check(self.parts(typed))
        except UsageError as error:
            if str(error).startswith(f"{self.flag}:"):
                raise
            raise UsageError(f"{self.flag}: {error}", hint=error.hint) from None


# The fields `erhverv new` knows, in the order of its options and its questions. The required ones
# are asked first; the optional ones after one yes/no question.
QUESTIONS: tuple[Question, ...] = (
    Question("title", ("--title",), "TEXT", "Title in Danish.", _text, "Title", "Danish", required=True),
    Question("type", ("--type", "-t"), "TYPE", "basal, fokuseret or erhvervsudvikling.",
             lambda parts: check_type(parts[0]), "Type", "basal, fokuseret, erhvervsudvikling",
             required=True, facet="type"),
    Question("municipalities", ("--kommune", "--municipality", "-k"), "KOMMUNE",
             "Municipality (repeat for several).", check_municipalities, "Municipalities",
             "comma-separated, Tab completes", required=True, many=True, facet="municipality"),
    Question("summary", ("--summary",), "TEXT", "One to three sentences in Danish.", _text, "Summary",
             "1-3 sentences, Danish", required=True),
    Question("id", ("--id",), "ID", "Id instead of one made from the title.", _id),
    Question("operator", ("--operator",), "TEXT", "Who runs it.", _text, "Operator"),
    Question("started", ("--started",), "YEAR", "Year it started.", _started, "Start year"),
    Question("target_groups", ("--target",), "GROUP", "Target group (repeat).",
             _vocabulary_list(TargetGroup), "Target groups", "comma-separated, Tab completes", many=True,
             facet="target_group"),
    Question("instruments", ("--instrument", "-i"), "INSTRUMENT", "Instrument (repeat).",
             _vocabulary_list(Instrument), "Instruments", "comma-separated, Tab completes", many=True,
             facet="instrument"),
    Question("approaches", ("--approach",), "KIND", "Kind of effort (repeat).",
             _vocabulary_list(Approach), "Approaches", "comma-separated, Tab completes", many=True,
             facet="approach"),
)  # fmt: skip


def refuse_blanks(given: Mapping[str, str | Sequence[str] | None]) -> None:
    """A usage error for the first option given a blank value (``given``: what was typed, by field)."""
    for question in QUESTIONS:
        if (typed := given.get(question.key)) is not None:
            question.refuse_blank(typed)


def given_answers(given: Mapping[str, str | Sequence[str] | None]) -> dict[str, object]:
    """The checked values of the options given (``given``: what was typed, by field; None or no
    values where an option was not given). A blank value is refused, for every option alike."""
    return {
        question.key: question.answer(typed)
        for question in QUESTIONS
        if (typed := given.get(question.key)) is not None and (isinstance(typed, str) or list(typed))
    }


def missing_answers(given: Mapping[str, str | Sequence[str] | None]) -> list[Question]:
    """The required questions that ``given`` (what was typed, by field) leaves unanswered: not
    given, or given only blanks (``--kommune ''``)."""
    return [question for question in QUESTIONS if question.required and not _answered(question, given)]


def _answered(question: Question, given: Mapping[str, str | Sequence[str] | None]) -> bool:
    typed = given.get(question.key)
    return typed is not None and any(question.parts(typed))


def new_case(answers: Mapping[str, Any]) -> NewCase:
    """The case that checked answers (by field, as the questions' ``check`` returns them) describe."""
    named = ("title", "type", "municipalities", "summary", "id")
    extra = {key: value for key, value in answers.items() if key not in named and value not in (None, [])}
    return NewCase(
        str(answers["title"]),
        str(answers["type"]),
        list(answers["municipalities"]),
        str(answers["summary"]),
        id=answers.get("id"),
        extra=extra,
    )
