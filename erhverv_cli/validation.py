"""Validate case files: YAML hygiene, the case model, and checks across files.

Validation returns a :class:`ValidationReport` value; renderers decide how it looks.
Every problem is a :class:`Finding` located at ``file:line:col`` with the field path,
what was found, what is allowed and, where one fits, a "did you mean".
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, get_args

from erhverv_cli.folding import to_ascii_id
from erhverv_cli.suggest import did_you_mean
from erhverv_cli.yamlpositions import character_position
from erhverv_cli.yamlsafe import Position, YamlDocument, parse_yaml

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

    from erhverv_cli.models import Case

REQUIRED_FIELDS = ("id", "title", "type", "municipalities", "summary")
MAX_UNKNOWN_FIELDS = 20  # listed one by one in a file; one finding counts the rest


def one_line(text: str) -> str:
    """Escape line breaks and tabs so that every finding stays on one line of output."""
    return text.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")


@dataclass(frozen=True)
class Finding:
    """One problem in one file (message and field are kept to one line)."""

    file: str
    line: int
    col: int
    message: str
    field: str = ""

    def __post_init__(self) -> None:
        for name in ("message", "field", "file"):
            value = getattr(self, name)
            if any(char in value for char in "\r\n\t"):
                object.__setattr__(self, name, one_line(value))

    def location(self) -> str:
        """``file:line:col``, the form editors and CI annotate."""
        return f"{self.file}:{self.line}:{self.col}"


@dataclass
class FileResult:
    """The verdict on one file; ``case`` is set when the file is valid on its own."""

    path: str
    case: Case | None = None
    findings: list[Finding] = field(default_factory=list)
    # Where `id` and `number` sit in the file, for checks across files.
    anchors: dict[str, Position] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.findings


@dataclass
class ValidationReport:
    """The verdict on a set of files, in the order they were checked."""

    files: list[FileResult] = field(default_factory=list)
    where: str = ""  # the folder checked, named in the summary
    warnings: list[str] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return [finding for result in self.files for finding in result.findings]

    @property
    def ok(self) -> bool:
        return all(result.ok for result in self.files)

    @property
    def invalid_files(self) -> int:
        return sum(1 for result in self.files if not result.ok)

    @property
    def valid_cases(self) -> list[Case]:
        return [result.case for result in self.files if result.ok and result.case is not None]

    def summary(self) -> str:
        """One closing line: how many files, how many invalid, how many errors."""
        count = len(self.files)
        noun = "file" if count == 1 else "files"
        checked = f"{count} {noun} checked" + (f" in {self.where}" if self.where else "")
        if self.ok:
            return f"{checked}: all valid"
        errors = len(self.findings)
        return f"{checked}: {self.invalid_files} invalid, {errors} error{'s' if errors != 1 else ''}"


def describe_value(value: Any) -> str:
    """Describe a YAML value's type as an author thinks of it."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int):
        return f"the integer {value}"
    if isinstance(value, float):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text '{shown}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def field_path(loc: Sequence[str | int]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _model_at(loc: Sequence[str | int]) -> type[BaseModel]:
    """The pydantic model that owns the last key of a location (for listing allowed fields)."""
    from pydantic import BaseModel

    from erhverv_cli.models import Case

    model: type[BaseModel] = Case
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part)
        if info is None:
            break
        nested = _class_in(info.annotation, BaseModel)
        if nested is None:
            break
        model = nested
    return model


T = TypeVar("T")


def _class_in(annotation: Any, base: type[T]) -> type[T] | None:
    """The first subclass of ``base`` an annotation names, itself or inside it (list[X], X | None)."""
    if isinstance(annotation, type) and issubclass(annotation, base):
        return annotation
    for arg in get_args(annotation):
        found = _class_in(arg, base)
        if found is not None:
            return found
    return None


def _enum_at(loc: Sequence[str | int]) -> type[StrEnum] | None:
    model = _model_at(loc)
    name = next((part for part in reversed(loc) if isinstance(part, str)), None)
    info = model.model_fields.get(name or "")
    if info is None:
        return None
    return _class_in(info.annotation, StrEnum)


def _number_hint(found: object) -> str:
    """How to write as a number what was given as text: '75000', not '1.250.000', '2,5' or "'75000'"."""
    if not isinstance(found, str):
        return ""
    text = found.strip()
    if re.fullmatch(r"[-+]?\d{1,3}(?:([., \u00a0])\d{3})(?:\1\d{3})*", text):
        digits = re.sub(r"[., \u00a0]", "", text)
        return f" (write {digits}, without thousands separators)"
    if re.fullmatch(r"[-+]?\d+,\d+", text):
        return f" (write {text.replace(',', '.')}: the decimal point is '.')"
    if re.fullmatch(r"[-+]?\d+(?:\.\d+)?", text):
        return " (remove the quotes)"
    return ""


def common_message(error: Mapping[str, Any]) -> str | None:
    """The sentence for a pydantic error whose wording does not depend on the file it is in (a case
    or the thesaurus): missing fields, wrong kinds of value, empty or too long values."""
    kind, found = error["type"], error.get("input")
    name = next((part for part in reversed(error["loc"]) if isinstance(part, str)), "")
    if kind == "missing":
        return f"missing required field '{name}'"
    if kind == "string_type":
        quote = " (put it in quotes)" if isinstance(found, (int, float, bool)) else ""
        return f"expected text, found {describe_value(found)}{quote}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping of fields, found {describe_value(found)}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is too long: at most {error.get('ctx', {}).get('max_length')} characters"
    return None


def _explain(error: dict[str, Any]) -> str:
    """Turn one pydantic error into a sentence an author can act on."""
    kind = error["type"]
    loc = error["loc"]
    found = error.get("input")
    # The field a value belongs to: for `target_groups[0]` that is `target_groups`.
    name = next((part for part in reversed(loc) if isinstance(part, str)), "")
    common = common_message(error)
    if common is not None:
        return common
    if kind == "extra_forbidden":
        allowed = list(_model_at(loc).model_fields)
        hint = did_you_mean(str(name), allowed)
        listing = "" if hint else "; allowed fields: " + ", ".join(allowed)
        if str(name).isdigit():  # {value: 2,5}: the comma ended the value and began a field '5'
            listing = (
                "; inside { } a ',' separates fields, so write a number with no ',' "
                "(2.5 for a decimal, 1500 for a whole number)"
            )
        return f"unknown field '{name}'{hint}{listing}"
    if kind == "enum":
        enum = _enum_at(loc)
        allowed = [member.value for member in enum] if enum else []
        hint = did_you_mean(str(found), allowed) if isinstance(found, str) else ""
        return f"{describe_value(found)} is not a valid {name}{hint}; allowed: " + ", ".join(allowed)
    if kind in ("int_type", "int_parsing", "int_from_float"):
        unquote = " (remove the quotes)" if isinstance(found, str) and found.strip().isdigit() else ""
        return f"expected a whole number, found {describe_value(found)}{unquote}"
    if kind in ("float_type", "float_parsing", "number_type"):
        return f"expected a number, found {describe_value(found)}{_number_hint(found)}"
    if kind == "finite_number":
        return (
            f"expected a finite number, found {describe_value(found)}; infinity, NaN and numbers too large "
            "to hold (like 1e400) cannot be stored"
        )
    if kind == "bool_type":
        return f"expected true or false, found {describe_value(found)}"
    if kind == "list_type":
        return f"expected a list (one '- item' per line), found {describe_value(found)}"
    if kind == "too_short":
        return f"needs at least {error.get('ctx', {}).get('min_length', 1)} item(s), found none"
    if kind == "string_pattern_mismatch" and name == "id":
        return invalid_id_message(found, "my-case")
    if kind in ("greater_than_equal", "less_than_equal"):
        ctx = {key: _whole(value) for key, value in error.get("ctx", {}).items()}
        bounds = f"at least {ctx['ge']}" if "ge" in ctx else f"at most {ctx['le']}"
        return f"{describe_value(found)} is out of range; it must be {bounds}"
    return str(error["msg"])


def _whole(value: Any) -> Any:
    """1e15 as 1000000000000000, not 1000000000000000.0 (a bound is read by people)."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def error_position(doc: YamlDocument, item: Mapping[str, Any]) -> Position:
    """Where an author should look for a pydantic error: the mapping that lacks a field, the key
    that is not allowed, the refused character itself, else the value."""
    loc = tuple(item["loc"])
    if item["type"] == "missing":
        return doc.position_of(loc[:-1])
    if item["type"] == "unsafe_character" and isinstance(item.get("input"), str):
        from erhverv_cli.models import unsafe_character

        value = item["input"]
        offset = unsafe_character(value)
        # Point at the refused character itself, not at the start of a long value.
        return character_position(doc, loc, value[offset]) if offset >= 0 else doc.position_of(loc)
    if item["type"] == "extra_forbidden":
        return doc.keys.get(loc, doc.position_of(loc))
    return doc.position_of(loc)


def model_findings(
    filename: str,
    doc: YamlDocument,
    error: ValidationError,
    explain: Callable[[dict[str, Any]], str],
    reported_elsewhere: Sequence[str] = (),
) -> list[Finding]:
    """A model's errors as findings at their place in the file, each said by ``explain``; errors
    under a refused alias (the YAML reader reported it) and of the types ``reported_elsewhere``
    are left out. Past :data:`MAX_UNKNOWN_FIELDS` unknown fields, one finding counts the rest."""
    findings, unknown, first_unlisted = [], 0, Position(1, 1)
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        if any(loc[: len(refused)] == refused for refused in doc.refused):
            continue  # already reported as a refused alias
        if item["type"] in reported_elsewhere:
            continue
        position = error_position(doc, item)
        if item["type"] == "extra_forbidden" and (unknown := unknown + 1) > MAX_UNKNOWN_FIELDS:
            first_unlisted = position if unknown == MAX_UNKNOWN_FIELDS + 1 else first_unlisted
            continue  # not explained: a "did you mean" for each of 60,000 keys takes seconds
        findings.append(Finding(filename, position.line, position.col, explain(dict(item)), field_path(loc)))
    if (more := unknown - MAX_UNKNOWN_FIELDS) > 0:
        noun = "field" if more == 1 else "fields"
        message = f"and {more:,} more unknown {noun}, from here on, not listed one by one"
        findings.append(Finding(filename, *first_unlisted, message))
    return findings


def invalid_id_message(found: object, example: str) -> str:
    """An id that is not kebab-case ASCII, with the id its text would make (else ``example``)."""
    return (
        f"{describe_value(found)} is not a valid id; ids are kebab-case ASCII "
        f"(a-z, 0-9 and '-'), e.g. '{to_ascii_id(str(found)) or example}'"
    )


def validate_bytes(raw: bytes, filename: str, stem: str | None = None) -> FileResult:
    """Validate one file's content. Never raises: any failure becomes a finding about the file."""
    result = FileResult(filename)
    try:
        _validate_into(result, raw, filename, stem)
    except Exception as error:
        result.case = None
        result.findings.append(
            Finding(
                filename, 1, 1, f"internal error while checking this file ({type(error).__name__}: {error})"
            )
        )
    return result


def _validate_into(result: FileResult, raw: bytes, filename: str, stem: str | None) -> None:
    from pydantic import ValidationError

    from erhverv_cli.models import Case

    # Most files are valid: read them without placing every value, and read a file again the
    # careful way only when there is something to place (a finding needs its line and column).
    doc = parse_yaml(raw, places=False)
    if not doc.places:
        if _quick_verdict(result, doc, stem):
            return
        doc = parse_yaml(raw)
    for problem in doc.problems:
        field_name = field_path(problem.path) if problem.path else ""
        result.findings.append(
            Finding(filename, problem.position.line, problem.position.col, problem.message, field_name)
        )
    if doc.fatal:
        return
    if not isinstance(doc.data, dict):
        position = doc.values.get((), Position(1, 1))
        found = describe_value(doc.data)
        message = f"expected a mapping of fields at the top level (id: …, title: …), found {found}"
        result.findings.append(Finding(filename, position.line, position.col, message))
        return
    try:
        case = Case.model_validate(doc.data)
    except ValidationError as error:
        result.findings.extend(model_findings(filename, doc, error, _explain))
        case = None
    for key in ("id", "number"):
        if (key,) in doc.values:
            result.anchors[key] = doc.values[(key,)]
    if stem is not None and isinstance(identifier := doc.data.get("id"), str):
        identifier = identifier.strip()  # as the model reads it
        if identifier != stem and not any(finding.field == "id" for finding in result.findings):
            from erhverv_cli.models import ID_PATTERN

            other = f" or set id: {stem}" if re.fullmatch(ID_PATTERN, stem) else ""  # if it is an id
            message = f"id '{identifier}' does not match the file name '{stem}'; rename the file to"
            position = doc.position_of(("id",))
            finding = Finding(filename, *position, f"{message} '{identifier}.yaml'{other}", "id")
            result.findings.append(finding)
    result.findings.sort(key=lambda finding: (finding.line, finding.col))
    if not result.findings:
        result.case = case


def _quick_verdict(result: FileResult, doc: YamlDocument, stem: str | None) -> bool:
    """Whether a file read the quick way is valid (then ``result`` holds its case and anchors);
    False when it has any finding, which the careful way finds and places."""
    from pydantic import ValidationError

    from erhverv_cli.models import Case

    data = doc.data
    if not isinstance(data, dict):
        return False
    identifier = data.get("id")
    if stem is not None and isinstance(identifier, str) and identifier != stem:
        return False
    try:
        case = Case.model_validate(data)
    except ValidationError:
        return False
    for key in ("id", "number"):
        if (key,) in doc.values:
            result.anchors[key] = doc.values[(key,)]
    result.case = case
    return True


def validate_file(path: Path, display: str | None = None) -> FileResult:
    """Validate one file on disk (only a regular file is read, its size checked first)."""
    from erhverv_cli.files import FileRefused, read_regular_file

    name = display or str(path)
    try:
        raw = read_regular_file(path)
    except FileRefused as refused:
        return FileResult(name, None, [Finding(name, 1, 1, str(refused))])
    return validate_bytes(raw, name, stem=path.stem)


def cross_file_findings(results: Iterable[FileResult]) -> list[tuple[FileResult, Finding]]:
    """Checks that need all files at once: unique ids and unique catalogue numbers. A clash is
    reported on every file involved, each naming the others."""
    claims: dict[tuple[str, str], list[FileResult]] = {}
    for result in results:
        case = result.case
        if case is None:
            continue
        claims.setdefault(("id", case.id), []).append(result)
        if case.number is not None:
            claims.setdefault(("number", str(case.number)), []).append(result)
    out: list[tuple[FileResult, Finding]] = []
    for (name, value), claimants in claims.items():
        if len(claimants) < 2:
            continue
        for result in claimants:
            others = ", ".join(other.path for other in claimants if other is not result)
            where = result.anchors.get(name, Position(1, 1))
            shown = f"id '{value}'" if name == "id" else f"number {value}"
            out.append(
                (
                    result,
                    Finding(result.path, where.line, where.col, f"{shown} is also used by {others}", name),
                )
            )
    return out


def expand_paths(paths: Sequence[Path], warnings: list[str] | None = None) -> list[Path]:
    """Files to check: folders are searched for *.yaml/*.yml; files are taken as given. A file
    reached twice (``cases`` and ``/abs/cases``, through a link) is checked once, under its first
    name: else it would clash with itself as a duplicate id."""
    from erhverv_cli.paths import case_files

    files: dict[object, Path] = {}
    for path in paths:
        found = case_files(path, warnings) if path.is_dir() else [path]
        if not found and warnings is not None:  # "0 files checked: all valid" alone would mislead
            warnings.append(f"{path} is a folder with no case files (*.yaml, *.yml) in it")
        for file in found:
            files.setdefault(_identity(file), file)
    return list(files.values())


def _identity(path: Path) -> object:
    """What makes two names one file: its device and inode, else its absolute, normalised path."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return os.path.normpath(os.path.abspath(path))
    return (info.st_dev, info.st_ino)


def validate_paths(
    paths: Sequence[Path], jobs: int = 1, where: str = "", shown: Callable[[Path], str] = str
) -> ValidationReport:
    """Validate files and folders; every error in every file, plus cross-file checks.

    ``shown`` names a file in findings (the CLI names files relative to the working folder, the
    way editors and GitHub annotations want them)."""
    warnings: list[str] = []
    files = expand_paths(paths, warnings)
    names = [shown(path) for path in files]
    from erhverv_cli.workers import ordered_map

    workers = jobs if len(files) >= 200 else 1  # below that, starting processes costs more
    chunk = max(1, len(files) // (workers * 8))
    results = list(ordered_map(validate_file, files, names, workers=workers, chunk=chunk))
    report = ValidationReport(results, where=where, warnings=warnings)
    for result, finding in cross_file_findings(results):
        result.findings.append(finding)
        result.case = None
    return report
