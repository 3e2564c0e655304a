"""The real corpus: the 18 catalogue cases are valid and carry the catalogue's structure."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT, SHARED

from erhverv_cli.models import Case
from erhverv_cli.validation import validate_file, validate_paths
from erhverv_cli.vocab import CaseType, GoodPractice

CASE_FILES = sorted(CORPUS.glob("*.yaml"))
SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/case.schema.json"
VERBATIM_CHECK = SHARED / "tools" / "verbatim-check"

# The chapter introductions name the cases that exemplify each good-practice area.
GOOD_PRACTICE_BY_CHAPTER: dict[str, list[tuple[str, list[int]]]] = {
    "ch. 2, basal erhvervsservice": [
        ("organisering og effektivitet", [1]),
        ("dialog med virksomhederne", [2]),
        ("mål for indsatsen", [2]),
        ("lokalisering og synlighed", [3]),
        ("medarbejderkompetencer", [4]),
    ],
    "ch. 3, fokuseret erhvervsservice": [
        ("intelligent policydesign", [5, 7]),
        ("skræddersyede koncepter", [6, 8, 9, 10]),
        ("kritisk masse", [8, 9]),
        ("kompetent operatør", [8]),
        ("mobilisering af lokale ressourcer", [5, 10]),
    ],
    "ch. 4, erhvervsudvikling": [
        ("organisering af erhvervs- og innovationspolitik", [12]),
        ("mobilisering om klyngeudvikling", [13, 16]),
        ("faktabaseret beslutningsgrundlag", list(range(13, 19))),
        ("politikudvikling gennem netværk", [14]),
        ("lokale fyrtårne", [12, 15, 16]),
    ],
}
TYPE_BY_NUMBER_RANGE = [
    (range(1, 5), "basal"),
    (range(5, 12), "fokuseret"),
    (range(12, 19), "erhvervsudvikling"),
]


def _cases() -> dict[int, Case]:
    report = validate_paths([CORPUS])
    assert report.ok, [finding.location() + " " + finding.message for finding in report.findings]
    cases = {}
    for case in report.valid_cases:
        assert case.number is not None, case.id
        cases[case.number] = case
    return cases


@pytest.fixture(scope="module")
def cases() -> dict[int, Case]:
    return _cases()


def _expected_practice_by_number() -> dict[int, set[str]]:
    expected: dict[int, set[str]] = {}
    for areas in GOOD_PRACTICE_BY_CHAPTER.values():
        for area, numbers in areas:
            for number in numbers:
                expected.setdefault(number, set()).add(area)
    return expected


def test_there_are_18_case_files() -> None:
    assert len(CASE_FILES) == 18
    assert sorted(CORPUS.glob("*.yml")) == []


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda path: path.name)
def test_case_file_is_valid(path: Path) -> None:
    result = validate_file(path)
    assert result.findings == []
    assert result.case is not None
    assert result.case.id == path.stem


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda path: path.name)
def test_case_file_starts_with_the_schema_line(path: Path) -> None:
    assert path.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_LINE
    assert (path.parent / SCHEMA_LINE.split("=", 1)[1]).resolve() == ROOT / "schemas" / "case.schema.json"


def test_numbers_1_to_18_each_once(cases: dict[int, Case]) -> None:
    assert len(cases) == len(CASE_FILES)
    assert sorted(cases) == list(range(1, 19))


@pytest.mark.parametrize("number", range(1, 19))
def test_type_follows_the_catalogue_chapter(cases: dict[int, Case], number: int) -> None:
    [expected] = [kind for numbers, kind in TYPE_BY_NUMBER_RANGE if number in numbers]
    assert cases[number].type is CaseType(expected)


def test_every_good_practice_area_in_the_table_is_in_the_vocabulary() -> None:
    areas = [area for chapter in GOOD_PRACTICE_BY_CHAPTER.values() for area, _numbers in chapter]
    assert sorted(areas) == sorted(member.value for member in GoodPractice)


@pytest.mark.parametrize("number", range(1, 19))
def test_good_practice_of_each_case_matches_the_chapter_introductions(
    cases: dict[int, Case], number: int
) -> None:
    expected = _expected_practice_by_number().get(number, set())
    assert {area.value for area in cases[number].good_practice} == expected


@pytest.mark.parametrize(
    ("area", "numbers"),
    [pair for chapter in GOOD_PRACTICE_BY_CHAPTER.values() for pair in chapter],
    ids=[area for chapter in GOOD_PRACTICE_BY_CHAPTER.values() for area, _numbers in chapter],
)
def test_each_good_practice_area_names_exactly_its_cases(
    cases: dict[int, Case], area: str, numbers: list[int]
) -> None:
    having = sorted(number for number, case in cases.items() if GoodPractice(area) in case.good_practice)
    assert having == numbers


def test_good_practice_areas_stay_within_the_chapter_of_the_case(cases: dict[int, Case]) -> None:
    chapters = list(GOOD_PRACTICE_BY_CHAPTER.values())
    for number, case in cases.items():
        [chapter] = [
            chapters[index]
            for index, (numbers, _kind) in enumerate(TYPE_BY_NUMBER_RANGE)
            if number in numbers
        ]
        allowed = {area for area, _numbers in chapter}
        assert {area.value for area in case.good_practice} <= allowed, case.id


def test_case_1_spans_two_regions(cases: dict[int, Case]) -> None:
    assert sorted(cases[1].regions) == ["Region Midtjylland", "Region Syddanmark"]
    assert cases[1].record()["regions"] == cases[1].regions


def test_ids_are_unique_and_equal_the_file_names(cases: dict[int, Case]) -> None:
    assert sorted(case.id for case in cases.values()) == [path.stem for path in CASE_FILES]


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda path: path.name)
def test_english_title_and_summary_are_given(path: Path) -> None:
    case = validate_file(path).case
    assert case is not None
    assert case.title_en
    assert case.summary_en


@pytest.mark.skipif(not VERBATIM_CHECK.exists(), reason="../shared/tools/verbatim-check is not present")
def test_no_sentence_is_copied_from_the_catalogue(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(VERBATIM_CHECK), "data/cases"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 shared run(s)" in result.stdout


@pytest.mark.skipif(not VERBATIM_CHECK.exists(), reason="../shared/tools/verbatim-check is not present")
def test_the_verbatim_check_would_notice_a_copied_sentence(tmp_path: Path) -> None:
    # Guards the test above against a check that passes whatever it is given.
    catalogue = (SHARED / "source" / "catalogue.txt").read_text(encoding="utf-8")
    words = catalogue.split()[1000:1030]
    shutil.copy(CASE_FILES[0], tmp_path / CASE_FILES[0].name)
    with (tmp_path / CASE_FILES[0].name).open("a", encoding="utf-8") as handle:
        handle.write("# " + " ".join(words) + "\n")
    result = subprocess.run(
        [sys.executable, str(VERBATIM_CHECK), str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
