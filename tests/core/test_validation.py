"""Validation of case files on the core (no CLI): fixture files (their convention is in
tests/fixture_files.py), generated hostile input, cross-file checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS
from fixture_files import (
    INVALID_DIR,
    INVALID_FIXTURES,
    VALID_DIR,
    VALID_FIXTURES,
    expected_findings,
    xfail_reason,
)

from erhverv_cli.validation import (
    FileResult,
    Finding,
    ValidationReport,
    expand_paths,
    validate_bytes,
    validate_file,
    validate_paths,
)
from erhverv_cli.yamlsafe import MAX_BYTES, MAX_DEPTH

MINIMAL = """id: {id}
title: Titel
type: basal
municipalities:
  - Aalborg
summary: Kort resumé.
"""


def rendered(finding: Finding) -> str:
    """A finding in the fixture notation (the text report's line without the file name)."""
    where = f"{finding.field}: " if finding.field else ""
    return f"{finding.line}:{finding.col}: {where}{finding.message}"


def fixture_params(paths: list[Path]) -> list[object]:
    params = []
    for path in paths:
        reason = xfail_reason(path)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(path, id=path.name, marks=marks))
    return params


# -- fixture files ------------------------------------------------------------------------------------


def test_the_fixture_folders_are_populated() -> None:
    assert len(INVALID_FIXTURES) >= 30
    assert {"minimal.yaml", "full.yaml"} <= {path.name for path in VALID_FIXTURES}


@pytest.mark.parametrize("path", INVALID_FIXTURES, ids=lambda path: path.name)
def test_every_invalid_fixture_declares_its_findings(path: Path) -> None:
    assert expected_findings(path), f"{path.name} has no '# expect:' line (or sidecar)"


@pytest.mark.parametrize("path", fixture_params(INVALID_FIXTURES))
def test_invalid_fixture_gives_exactly_the_expected_findings(path: Path) -> None:
    result = validate_file(path, display=path.name)
    assert [rendered(finding) for finding in result.findings] == expected_findings(path)
    assert not result.ok
    assert result.case is None
    assert {finding.file for finding in result.findings} == {path.name}


@pytest.mark.parametrize("path", VALID_FIXTURES, ids=lambda path: path.name)
def test_valid_fixture_has_no_findings(path: Path) -> None:
    result = validate_file(path)
    assert result.findings == []
    assert result.ok
    assert result.case is not None
    assert result.case.id == path.stem


def test_findings_of_a_file_are_in_line_order() -> None:
    result = validate_file(INVALID_DIR / "several-errors.yaml")
    positions = [(finding.line, finding.col) for finding in result.findings]
    assert len(positions) == 4
    assert positions == sorted(positions)


# -- hostile input generated on the fly ---------------------------------------------------------------

DEPTH_MESSAGE = f"nesting is deeper than {MAX_DEPTH} levels; case files are shallow"

DEEP_INPUTS = {
    "flow-lists": b"[" * 10_000,
    "flow-lists-closed": b"[" * 10_000 + b"]" * 10_000,
    "flow-mappings": b"{a: " * 10_000,
    "value-of-a-field": MINIMAL.format(id="deep").encode() + b"sectors: " + b"[" * 10_000 + b"\n",
    "block-lists": b"- " * 10_000 + b"x\n",
    "block-mappings": b"".join(b"  " * level + b"k:\n" for level in range(500)),
    "complex-keys": b"? " * 10_000 + b"x\n",
}


@pytest.mark.parametrize("raw", DEEP_INPUTS.values(), ids=DEEP_INPUTS.keys())
def test_very_deep_nesting_is_refused_without_crashing(raw: bytes, tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_bytes(raw)
    result = validate_file(path)
    assert not result.ok
    assert result.findings[-1].message == DEPTH_MESSAGE
    lines = raw.split(b"\n")
    for finding in result.findings:
        assert 1 <= finding.line <= len(lines)
        assert 1 <= finding.col <= len(lines[finding.line - 1]) + 1


def test_nesting_just_within_the_cap_is_read(tmp_path: Path) -> None:
    # The top-level mapping is one level, so a field may hold MAX_DEPTH - 1 nested lists.
    inner = MAX_DEPTH - 1
    path = tmp_path / "nested.yaml"
    path.write_bytes(
        MINIMAL.format(id="nested").encode() + b"sectors: " + b"[" * inner + b"]" * inner + b"\n"
    )
    result = validate_file(path)
    assert DEPTH_MESSAGE not in [finding.message for finding in result.findings]
    assert [finding.field for finding in result.findings] == ["sectors[0]"]


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    head = MINIMAL.format(id="big").encode() + b"background: "
    raw = head + b"x" * (MAX_BYTES + 1 - len(head) - 1) + b"\n"
    assert len(raw) == MAX_BYTES + 1
    path = tmp_path / "big.yaml"
    path.write_bytes(raw)
    result = validate_file(path, display="big.yaml")
    assert [rendered(finding) for finding in result.findings] == [
        f"1:1: file is {MAX_BYTES + 1:,} bytes; case files may be at most {MAX_BYTES:,} bytes"
    ]


def test_file_of_exactly_the_size_cap_is_read(tmp_path: Path) -> None:
    head = MINIMAL.format(id="big").encode() + b"background: "
    raw = head + b"x" * (MAX_BYTES - len(head) - 1) + b"\n"
    assert len(raw) == MAX_BYTES
    path = tmp_path / "big.yaml"
    path.write_bytes(raw)
    assert validate_file(path).ok


def test_utf16_big_endian_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "be.yaml"
    path.write_bytes(b"\xfe\xff" + MINIMAL.format(id="be").encode("utf-16-be"))
    assert [rendered(finding) for finding in validate_file(path).findings] == [
        "1:1: file is UTF-16; save it as UTF-8"
    ]


def test_an_unreadable_path_becomes_a_finding(tmp_path: Path) -> None:
    result = validate_file(tmp_path / "nowhere.yaml", display="nowhere.yaml")
    assert [rendered(finding) for finding in result.findings] == [
        "1:1: cannot read file: No such file or directory"
    ]


def test_an_unexpected_failure_becomes_a_finding_about_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(raw: bytes, **options: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr("erhverv_cli.validation.parse_yaml", explode)
    result = validate_bytes(b"id: x\n", "x.yaml", stem="x")
    assert [rendered(finding) for finding in result.findings] == [
        "1:1: internal error while checking this file (RuntimeError: boom)"
    ]
    assert result.case is None


def test_without_a_stem_the_id_is_not_compared_with_a_file_name() -> None:
    result = validate_bytes(MINIMAL.format(id="any-id").encode(), "<stdin>")
    assert result.ok
    assert result.case is not None
    assert result.case.id == "any-id"


def test_a_huge_integer_is_a_located_finding_not_an_internal_error() -> None:
    raw = MINIMAL.format(id="huge").encode() + b"number: " + b"9" * 5000 + b"\n"
    result = validate_bytes(raw, "huge.yaml", stem="huge")
    assert not result.ok
    assert not any("internal error" in finding.message for finding in result.findings)
    assert [(finding.line, finding.col, finding.field) for finding in result.findings] == [(7, 9, "number")]


def test_non_utf8_column_counts_characters_after_multibyte_text() -> None:
    # 'resumé' holds a two-byte character before the bad Latin-1 byte.
    raw = "id: x\nsummary: resumé K".encode() + b"\xf8ge\n"
    result = validate_bytes(raw, "x.yaml", stem="x")
    assert [(finding.line, finding.col) for finding in result.findings] == [(2, 18)]


@pytest.mark.parametrize(
    "raw",
    [
        MINIMAL.format(id="x").encode() + b'started: "2012\\n2013"\n',
        MINIMAL.format(id="x").encode() + b'"block\\nkey": 1\n',
        b"|\n  line one\n  line two\n",
    ],
    ids=["value", "key", "top-level-text"],
)
def test_a_finding_is_one_line_even_when_the_text_has_line_breaks(raw: bytes) -> None:
    result = validate_bytes(raw, "x.yaml", stem="x")
    assert result.findings
    for finding in result.findings:
        assert "\n" not in finding.message
        assert "\n" not in finding.field


def test_nul_byte_column_counts_characters_after_multibyte_text() -> None:
    raw = "id: x\nsummary: resumé K".encode() + b"\x00ge\n"
    result = validate_bytes(raw, "x.yaml", stem="x")
    assert [rendered(finding) for finding in result.findings] == [
        "2:18: file contains a NUL byte; is it a binary file?"
    ]


# -- cross-file checks --------------------------------------------------------------------------------


def _write_case(path: Path, identifier: str, number: int | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    extra = f"number: {number}\n" if number is not None else ""
    path.write_text(MINIMAL.format(id=identifier) + extra, encoding="utf-8")
    return path


def test_duplicate_id_across_two_files(tmp_path: Path) -> None:
    first = _write_case(tmp_path / "a" / "same-case.yaml", "same-case")
    second = _write_case(tmp_path / "b" / "same-case.yaml", "same-case")
    report = validate_paths([tmp_path])
    assert not report.ok
    assert report.invalid_files == 2
    assert [(finding.file, finding.field, finding.message) for finding in report.findings] == [
        (str(first), "id", f"id 'same-case' is also used by {second}"),
        (str(second), "id", f"id 'same-case' is also used by {first}"),
    ]
    assert [result.ok for result in report.files] == [False, False]
    assert report.valid_cases == []


def test_duplicate_number_across_two_files(tmp_path: Path) -> None:
    first = _write_case(tmp_path / "one.yaml", "one", number=7)
    second = _write_case(tmp_path / "two.yaml", "two", number=7)
    _write_case(tmp_path / "three.yaml", "three", number=8)
    report = validate_paths([first, second, tmp_path / "three.yaml"])
    assert [(finding.file, finding.field, finding.message) for finding in report.findings] == [
        (str(first), "number", f"number 7 is also used by {second}"),
        (str(second), "number", f"number 7 is also used by {first}"),
    ]
    assert report.summary() == "3 files checked: 2 invalid, 2 errors"


def test_cases_without_a_number_never_clash(tmp_path: Path) -> None:
    _write_case(tmp_path / "one.yaml", "one")
    _write_case(tmp_path / "two.yaml", "two")
    assert validate_paths([tmp_path]).ok


def test_invalid_files_take_no_part_in_cross_file_checks(tmp_path: Path) -> None:
    _write_case(tmp_path / "one.yaml", "one", number=7)
    broken = tmp_path / "two.yaml"
    broken.write_text(MINIMAL.format(id="two") + "number: 7\ntype: basal\n", encoding="utf-8")
    report = validate_paths([tmp_path])
    assert [finding.message for finding in report.findings] == [
        "duplicate key 'type' (first at line 3); YAML keeps only one of them: remove or rename one"
    ]


@pytest.mark.parametrize(("field", "line", "col"), [("id", 1, 5), ("number", 7, 9)])
def test_cross_file_findings_point_at_the_clashing_value(
    tmp_path: Path, field: str, line: int, col: int
) -> None:
    _write_case(tmp_path / "a" / "same.yaml", "same", number=3)
    _write_case(tmp_path / "b" / "same.yaml", "same", number=3)
    report = validate_paths([tmp_path])
    located = {finding.field: (finding.line, finding.col) for finding in report.findings}
    assert located[field] == (line, col)


def test_the_real_corpus_and_the_valid_fixtures_do_not_clash() -> None:
    assert validate_paths([CORPUS, VALID_DIR]).ok


# -- paths and parallel checking ----------------------------------------------------------------------


def test_folders_are_searched_for_yaml_and_yml_and_files_taken_once(tmp_path: Path) -> None:
    one = _write_case(tmp_path / "one.yaml", "one")
    two = _write_case(tmp_path / "sub" / "two.yml", "two")
    (tmp_path / "notes.txt").write_text("not a case", encoding="utf-8")
    assert expand_paths([tmp_path, one]) == [one, two]


def test_parallel_validation_gives_the_same_report(tmp_path: Path) -> None:
    for number in range(1, 211):
        _write_case(tmp_path / f"case-{number:03}.yaml", f"case-{number:03}", number=number)
    _write_case(tmp_path / "zz-clash.yaml", "zz-clash", number=5)
    serial = validate_paths([tmp_path], jobs=1)
    parallel = validate_paths([tmp_path], jobs=2)
    assert [(r.path, r.findings) for r in parallel.files] == [(r.path, r.findings) for r in serial.files]
    assert serial.invalid_files == 2  # the clash is reported on both files


# -- the report value ---------------------------------------------------------------------------------


def _result(path: str, *messages: str) -> FileResult:
    return FileResult(path, None, [Finding(path, 1, 1, message) for message in messages])


@pytest.mark.parametrize(
    ("results", "summary"),
    [
        ([], "0 files checked: all valid"),
        ([_result("a.yaml")], "1 file checked: all valid"),
        ([_result("a.yaml"), _result("b.yaml")], "2 files checked: all valid"),
        ([_result("a.yaml", "x")], "1 file checked: 1 invalid, 1 error"),
        ([_result("a.yaml", "x", "y"), _result("b.yaml")], "2 files checked: 1 invalid, 2 errors"),
        ([_result("a.yaml", "x"), _result("b.yaml", "y", "z")], "2 files checked: 2 invalid, 3 errors"),
    ],
)
def test_summary_line(results: list[FileResult], summary: str) -> None:
    report = ValidationReport(results)
    assert report.summary() == summary
    assert report.ok == (report.invalid_files == 0)
    assert report.invalid_files == sum(1 for result in results if result.findings)
    assert report.findings == [finding for result in results for finding in result.findings]


def test_finding_location_is_file_line_col() -> None:
    assert Finding("data/cases/x.yaml", 12, 3, "m", "title").location() == "data/cases/x.yaml:12:3"


def test_report_of_fixture_folders() -> None:
    report = validate_paths([VALID_DIR, INVALID_DIR])
    assert report.invalid_files == len(INVALID_FIXTURES)
    assert len(report.files) == len(INVALID_FIXTURES) + len(VALID_FIXTURES)
    assert sorted(case.id for case in report.valid_cases) == sorted(path.stem for path in VALID_FIXTURES)
    assert not report.ok
