"""A bilingual domain thesaurus, as data: concepts that link Danish and English terms of the field.

``data/thesaurus.yaml`` lists concepts such as *iværksætter / entrepreneur / start-up*; a query
word that is a term of a concept may also search the concept's other terms (query expansion,
weighted below the literal word by the search engine). This module reads, validates and looks
up that file. It is pure core: no CLI, no output. It imports cheaply: pydantic, the YAML parser
and the stemmers are loaded only when a function needs them, and the pydantic models
:class:`Concept` and :class:`Thesaurus` are built on first use (``thesaurus.Concept`` works as
usual; the module's ``__getattr__`` builds them).

Rules of the file (checked by the models, reported at ``file:line:col`` by
:func:`validate_thesaurus`):

* ``id`` is kebab-case ASCII and unique;
* every concept has Danish (``da``) and English (``en``) terms, at least two distinct in all;
* terms are non-empty, one line, without control characters, lower case except acronyms (IT);
* a term appears once in a language list, and in one concept only. The same word may stand in
  both languages of one concept (``innovation``, ``offshore``): it is a word of both.

Terms are compared as the project folds text (:func:`erhverv_cli.folding.fold_name`: case,
æ/ø/å and their ASCII spellings, hyphens and spaces do not count), so "erfa-gruppe" and
"Erfagruppe" are the same term.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from erhverv_cli.folding import term_key
from erhverv_cli.paths import bundled_thesaurus_file

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

    from erhverv_cli.validation import Finding
    from erhverv_cli.yamlsafe import YamlDocument

    # What type checkers see; the runtime classes, with their validators, come from _models().
    class Concept(BaseModel):
        id: str
        da: list[str]
        en: list[str]
        note: str | None

    class Thesaurus(BaseModel):
        concepts: list[Concept]


THESAURUS_FILE_NAME = "thesaurus.yaml"
THESAURUS_SCHEMA_FILE_NAME = "thesaurus.schema.json"
THESAURUS_SCHEMA_ID = "urn:erhverv:schema:thesaurus:v1"
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
TERM_MAX_LENGTH = 60
NOTE_MAX_LENGTH = 200
# For editors: what the term validator enforces on characters (one line, no control characters,
# no space at either end). Case and repetition are checked by the models only.
TERM_SCHEMA_PATTERN = r"^[^\s\x00-\x1f\x7f-\x9f](?:[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f])?$"

_PACKAGE = Path(__file__).resolve().parent
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_PART_SPLIT = re.compile(r"[\s\-/]+")

Loc = tuple[str | int, ...]


# -- where the file lives ------------------------------------------------------------------------


def checkout_thesaurus_schema_file() -> Path:
    """Where the thesaurus's JSON Schema is committed: schemas/ beside case.schema.json."""
    for folder in (_PACKAGE / "_bundled" / "schemas", _PACKAGE.parent / "schemas"):
        if folder.is_dir():
            return folder / THESAURUS_SCHEMA_FILE_NAME
    return _PACKAGE.parent / "schemas" / THESAURUS_SCHEMA_FILE_NAME


# -- term rules, shared by the models and the lookup ----------------------------------------------


def _check_term(value: str) -> str:
    """The rules of one term; returns it NFC-normalised. Raises PydanticCustomError."""
    from pydantic_core import PydanticCustomError

    text = unicodedata.normalize("NFC", value)
    if not text.strip():
        raise PydanticCustomError("term_empty", "a term must not be empty or blank")
    if _CONTROL.search(text):
        raise PydanticCustomError(
            "term_control", "a term must be one line without control characters (tabs, line breaks)"
        )
    if text != text.strip() or "  " in text:
        raise PydanticCustomError(
            "term_space", "a term must not start or end with a space or hold two spaces in a row"
        )
    if not term_key(text):
        raise PydanticCustomError("term_letters", "a term needs at least one letter or digit")
    for part in _PART_SPLIT.split(text):
        if part != part.lower() and not (part.isupper() and len(part) > 1):
            raise PydanticCustomError(
                "term_case",
                "'{part}' is not lower case; terms are lower case, and only acronyms "
                "(all capitals, like IT or SME) keep their capitals",
                {"part": part},
            )
    return text


def _check_note(value: str | None) -> str | None:
    from pydantic_core import PydanticCustomError

    if value is not None and (_CONTROL.search(value) or not value.strip()):
        raise PydanticCustomError(
            "note_text", "a note is one short line of text, without tabs or line breaks"
        )
    return value


# A concept as the checks across terms see it: (id, Danish terms, English terms). Items that are
# not text are skipped, so the checks also run on a file the models refuse for other reasons.
_Terms = tuple[object, Sequence[object], Sequence[object]]


def _repeated_terms(da: Sequence[object], en: Sequence[object]) -> list[tuple[Loc, str]]:
    """Terms written twice in one language list of a concept, located within the concept."""
    places: list[tuple[Loc, str]] = []
    for language, terms in (("da", da), ("en", en)):
        first: dict[str, int] = {}
        for index, term in enumerate(terms):
            if not isinstance(term, str):
                continue
            key = term_key(term)
            if key in first:
                message = f"'{term}' is repeated: it is already {language}[{first[key]}]"
                places.append(((language, index), message))
            elif key:
                first[key] = index
    return places


def _conflicts(concepts: Sequence[_Terms]) -> list[tuple[Loc, str]]:
    """Repeated ids and terms shared between concepts, located in the file, with a message each."""
    places: list[tuple[Loc, str]] = []
    first_id: dict[str, int] = {}
    owner: dict[str, tuple[str, int, str, int]] = {}  # term key -> (concept id, index, language, position)
    for index, (identifier, da, en) in enumerate(concepts):
        name = identifier if isinstance(identifier, str) else f"concepts[{index}]"
        if isinstance(identifier, str):
            if identifier in first_id:
                message = f"id '{identifier}' is already used by concepts[{first_id[identifier]}]"
                places.append((("concepts", index, "id"), message))
            else:
                first_id[identifier] = index
        for language, terms in (("da", da), ("en", en)):
            for position, term in enumerate(terms):
                key = term_key(term) if isinstance(term, str) else ""
                found = owner.get(key) if key else None
                if key and found is None:
                    owner[key] = (name, index, language, position)
                elif found is not None and found[1] != index:
                    other, other_index, other_language, other_position = found
                    places.append(
                        (
                            ("concepts", index, language, position),
                            f"term '{term}' of concept '{name}' is also a term of concept '{other}' "
                            f"(concepts[{other_index}].{other_language}[{other_position}]); "
                            "a term belongs to one concept only",
                        )
                    )
    return places


def _raw_checks(data: object) -> list[tuple[Loc, str]]:
    """The checks across terms on parsed YAML values, whatever else is wrong with them."""
    concepts = data.get("concepts") if isinstance(data, dict) else None
    if not isinstance(concepts, list):
        return []
    as_terms: list[_Terms] = []
    places: list[tuple[Loc, str]] = []
    for index, concept in enumerate(concepts):
        if not isinstance(concept, dict):
            as_terms.append((None, [], []))
            continue
        da, en = (
            value if isinstance(value, list) else [] for value in (concept.get("da"), concept.get("en"))
        )
        as_terms.append((concept.get("id"), da, en))
        places.extend((("concepts", index, *loc), message) for loc, message in _repeated_terms(da, en))
    return places + _conflicts(as_terms)


# -- the models (built on first use, so that importing this module stays cheap) -------------------


@lru_cache(maxsize=1)
def _models() -> tuple[type[Concept], type[Thesaurus]]:
    from typing import Annotated

    from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
    from pydantic_core import PydanticCustomError

    term_type = Annotated[
        str,
        Field(
            min_length=1,
            max_length=TERM_MAX_LENGTH,
            json_schema_extra={"pattern": TERM_SCHEMA_PATTERN},
        ),
        AfterValidator(_check_term),
    ]

    class Concept(BaseModel):  # the runtime class behind the declaration
        """One concept: Danish and English terms that a query for any of them may also search."""

        model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

        id: str = Field(
            pattern=ID_PATTERN,
            description="Kebab-case ASCII identifier, unique in the thesaurus (e.g. 'ivaerksaetter').",
        )
        da: list[term_type] = Field(
            min_length=1,
            description="Danish terms, lower case (acronyms excepted); inflections are matched by stem.",
        )
        en: list[term_type] = Field(
            min_length=1,
            description="English terms, lower case (acronyms such as IT excepted).",
        )
        note: Annotated[str | None, AfterValidator(_check_note)] = Field(
            default=None,
            max_length=NOTE_MAX_LENGTH,
            description="Optional short English note on what the concept covers.",
        )

        @model_validator(mode="after")
        def _terms_of_one_concept(self) -> Concept:
            places = _repeated_terms(self.da, self.en)
            if places:
                raise PydanticCustomError(
                    "repeated_term", "{summary}", {"summary": places[0][1], "places": places}
                )
            if len({term_key(term) for term in [*self.da, *self.en]}) < 2:
                raise PydanticCustomError(
                    "too_few_terms",
                    "concept '{id}' needs at least two distinct terms, or there is nothing to expand to",
                    {"id": self.id},
                )
            return self

    class Thesaurus(BaseModel):
        """The bilingual domain thesaurus of erhverv (data/thesaurus.yaml)."""

        model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

        concepts: list[Concept] = Field(min_length=1, description="The concepts, in any order.")

        @model_validator(mode="after")
        def _unique_ids_and_terms(self) -> Thesaurus:
            places = _conflicts([(c.id, c.da, c.en) for c in self.concepts])
            if places:
                raise PydanticCustomError(
                    "thesaurus_conflict", "{summary}", {"summary": places[0][1], "places": places}
                )
            return self

    return _as_declared(Concept, Thesaurus)


def _as_declared(concept: Any, thesaurus: Any) -> tuple[type[Concept], type[Thesaurus]]:
    """The runtime classes, typed as the declarations type checkers see."""
    return cast("tuple[type[Concept], type[Thesaurus]]", (concept, thesaurus))


def __getattr__(name: str) -> Any:
    if name == "Concept":
        return _models()[0]
    if name == "Thesaurus":
        return _models()[1]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# -- schema ---------------------------------------------------------------------------------------


def build_thesaurus_schema() -> dict[str, Any]:
    """The JSON Schema of data/thesaurus.yaml, generated from the models."""
    from erhverv_cli.schema import published

    return published(
        _models()[1],
        THESAURUS_SCHEMA_ID,
        "erhverv thesaurus",
        "Bilingual (Danish/English) thesaurus of municipal business promotion, used for query "
        "expansion. Generated from erhverv_cli.thesaurus; do not edit by hand.",
    )


def thesaurus_schema_text() -> str:
    """The schema as the exact text committed to schemas/thesaurus.schema.json."""
    from erhverv_cli.schema import schema_json

    return schema_json(build_thesaurus_schema())


# -- reading and validating -----------------------------------------------------------------------


def _explain(error: dict[str, Any]) -> str:
    """One pydantic error as a sentence an author can act on."""
    from erhverv_cli.suggest import did_you_mean
    from erhverv_cli.validation import common_message, describe_value, invalid_id_message

    kind, loc, found = error["type"], tuple(error["loc"]), error.get("input")
    name = next((part for part in reversed(loc) if isinstance(part, str)), "")
    common = common_message(error)
    if common is not None:
        return common
    if kind == "extra_forbidden":
        allowed = ["id", "da", "en", "note"] if "concepts" in loc else ["concepts"]
        hint = did_you_mean(str(name), allowed)
        return f"unknown field '{name}'{hint or ''}; allowed fields: " + ", ".join(allowed)
    if kind == "list_type":
        return f"expected a list of terms (one '- term' per line, or [a, b]), found {describe_value(found)}"
    if kind == "too_short":
        return f"'{name}' needs at least {error.get('ctx', {}).get('min_length', 1)} item(s), found none"
    if kind == "string_pattern_mismatch" and name == "id":
        return invalid_id_message(found, "my-concept")
    return str(error["msg"])


_CHECKED_ON_VALUES = ("repeated_term", "thesaurus_conflict")


def _model_findings(filename: str, doc: YamlDocument, error: ValidationError) -> list[Finding]:
    from erhverv_cli.validation import model_findings

    # _CHECKED_ON_VALUES are reported from the YAML values by _raw_checks, also when other fields
    # are wrong.
    return model_findings(filename, doc, error, _explain, _CHECKED_ON_VALUES)


def _read(raw: bytes, filename: str) -> tuple[Thesaurus | None, list[Finding]]:
    from pydantic import ValidationError

    from erhverv_cli.validation import Finding, describe_value, field_path
    from erhverv_cli.yamlsafe import Position, parse_yaml

    doc = parse_yaml(raw)
    findings = [
        Finding(filename, p.position.line, p.position.col, p.message, field_path(p.path))
        for p in doc.problems
    ]
    if doc.fatal:
        return None, findings
    if not isinstance(doc.data, dict):
        where = doc.values.get((), Position(1, 1))
        message = (
            f"expected a mapping with a 'concepts:' list at the top level, found {describe_value(doc.data)}"
        )
        return None, [*findings, Finding(filename, where.line, where.col, message)]
    for loc, message in _raw_checks(doc.data):
        where = doc.position_of(loc)
        findings.append(Finding(filename, where.line, where.col, message, field_path(loc)))
    thesaurus: Thesaurus | None = None
    try:
        thesaurus = _models()[1].model_validate(doc.data)
    except ValidationError as error:
        findings.extend(_model_findings(filename, doc, error))
    findings.sort(key=lambda finding: (finding.line, finding.col))
    return (thesaurus if not findings else None), findings


def validate_thesaurus(path: Path | None = None, display: str | None = None) -> list[Finding]:
    """Every problem of a thesaurus file, located at file:line:col (empty when it is valid)."""
    from erhverv_cli.validation import Finding

    path = path or bundled_thesaurus_file()
    name = display or str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        return [Finding(name, 1, 1, f"cannot read file: {error.strerror or error}")]
    return _read(raw, name)[1]


def load_thesaurus(path: Path | None = None) -> Thesaurus:
    """Read and validate a thesaurus (the bundled one by default).

    Raises :class:`erhverv_cli.errors.InvalidDataError` listing the problems when it is invalid,
    and :class:`erhverv_cli.errors.NotFoundError` when the file cannot be read.
    """
    from erhverv_cli.errors import InvalidDataError, NotFoundError

    path = path or bundled_thesaurus_file()
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise NotFoundError(f"cannot read thesaurus {path}: {error.strerror or error}") from error
    thesaurus, findings = _read(raw, str(path))
    if thesaurus is None:
        lines = [f"{finding.location()}: {finding.message}" for finding in findings]
        raise InvalidDataError(f"invalid thesaurus {path}:{os.linesep}" + os.linesep.join(lines))
    return thesaurus
