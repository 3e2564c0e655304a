"""`erhverv export`: the core exporters on the real corpus, and the command through the CLI.

Expected values come from the case files themselves (read with PyYAML here), never from the
exporters, so a test fails when an export loses or invents a case.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from conftest import CORPUS, SHARED
from reading_exports import CASES, csv_rows, headings, of_type, parse

from erhverv_cli import export as core
from erhverv_cli.search.engine import list_cases
from erhverv_cli.search.index import CorpusIndex
from erhverv_cli.vocab import CaseType, values

FORMATS = tuple(core.EXPORTERS)


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    index = CorpusIndex.open(CORPUS, use_cache=False)
    return list_cases(index)


# -- core: csv and json ------------------------------------------------------------------------


def test_csv_has_a_header_and_one_row_per_case(records: list[dict[str, Any]]) -> None:
    header, rows = csv_rows(core.export_csv(records))
    assert header == list(core.CSV_COLUMNS)
    assert len(rows) == len(CASES)
    assert [row["id"] for row in rows] == [case["id"] for case in CASES]
    assert [int(row["number"]) for row in rows] == [case["number"] for case in CASES]


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_csv_row_carries_the_case_fields(records: list[dict[str, Any]], case: dict[str, Any]) -> None:
    _header, rows = csv_rows(core.export_csv(records))
    row = next(row for row in rows if row["id"] == case["id"])
    assert row["title"] == case["title"]
    assert row["type"] == case["type"]
    assert row["municipalities"] == "; ".join(case["municipalities"])
    assert row["instruments"] == "; ".join(case.get("instruments", []))
    assert row["summary"] == " ".join(case["summary"].split())
    assert row["started"] == str(case.get("started") or "")
    assert len(row["key_figures"].split("; ")) >= len(case.get("key_figures", []))


def test_json_is_the_full_records(records: list[dict[str, Any]]) -> None:
    data = json.loads(core.export_json(records))
    assert [item["id"] for item in data] == [case["id"] for case in CASES]
    assert [item["number"] for item in data] == [case["number"] for case in CASES]
    for item, case in zip(data, CASES, strict=True):
        # every field of the case file is there under its YAML name
        assert set(case) <= set(item)
        assert item["summary"] == case["summary"]
        assert item["municipalities"] == case["municipalities"]
        assert item["regions"]


# -- core: markdown ------------------------------------------------------------------------------


def test_markdown_groups_cases_by_type_in_catalogue_order(records: list[dict[str, Any]]) -> None:
    text = core.export_markdown(records)
    assert len(headings(text, 1)) == 1
    present = [case_type for case_type in values(CaseType) if of_type(case_type)]
    assert headings(text, 2) == [core.TYPE_TITLES[case_type] for case_type in present]
    case_headings = headings(text, 3)
    assert len(case_headings) == len(CASES)
    assert case_headings == [f"{case['number']}. {case['title']}" for case in CASES]


def test_markdown_puts_each_case_under_its_type(records: list[dict[str, Any]]) -> None:
    text = core.export_markdown(records)
    current = None
    seen: dict[str, str] = {}
    titles = {core.TYPE_TITLES[t]: t for t in values(CaseType)}
    for line in text.splitlines():
        if line.startswith("## "):
            current = titles[line[3:]]
        elif line.startswith("### "):
            assert current is not None
            seen[line[4:].split(". ", 1)[0]] = current
    assert seen == {str(case["number"]): case["type"] for case in CASES}


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_markdown_case_has_facts_summary_sections_and_figures(
    records: list[dict[str, Any]], case: dict[str, Any]
) -> None:
    text = core.export_markdown(records)
    start = text.index(f"### {case['number']}. {case['title']}\n")
    following = text.find("\n### ", start + 1)
    block = text[start : following if following != -1 else len(text)]
    assert " ".join(case["summary"].split()) in block
    assert "#### Fakta" in block
    for field, heading in core.SECTION_HEADINGS.items():
        assert (f"#### {heading}\n" in block) == bool(case.get(field))
    if case.get("key_figures"):
        figures = block.split("#### Nøgletal\n", 1)[1]
        bullets = [line for line in figures.splitlines() if line.startswith("- ")]
        assert len(bullets) >= len(case["key_figures"])


def test_markdown_only_has_headings_for_types_present(records: list[dict[str, Any]]) -> None:
    basal = [record for record in records if record["type"] == CaseType.BASAL]
    text = core.export_markdown(basal)
    assert headings(text, 2) == [core.TYPE_TITLES[CaseType.BASAL]]
    assert len(headings(text, 3)) == len(of_type(CaseType.BASAL))


def test_markdown_case_text_cannot_make_headings_or_lists(records: list[dict[str, Any]]) -> None:
    record = dict(records[0], content="# Not a heading\n- not a list\n1. not numbered", title="## Title")
    text = core.export_markdown([record])
    assert len(headings(text, 1)) == 1
    assert len(headings(text, 3)) == 1
    assert "\\# Not a heading" in text
    assert "\\- not a list" in text
    assert "1\\. not numbered" in text


@pytest.mark.parametrize("case_type", values(CaseType))
def test_type_introductions_are_two_to_four_sentences(case_type: str) -> None:
    introduction = core.TYPE_INTRODUCTIONS[case_type]
    sentences = [part for part in re.split(r"(?<=[.!?])\s+(?=[A-ZÆØÅ])", introduction) if part]
    assert 2 <= len(sentences) <= 4, sentences


@pytest.mark.skipif(
    not (SHARED / "source" / "catalogue.txt").is_file(), reason="source catalogue not available"
)
@pytest.mark.parametrize("name", ["catalogue", *values(CaseType)])
def test_introductions_are_in_our_own_words(name: str) -> None:
    text = core.CATALOGUE_INTRODUCTION if name == "catalogue" else core.TYPE_INTRODUCTIONS[name]
    word = re.compile(r"[0-9a-zæøåéáöü]+")
    source = word.findall((SHARED / "source" / "catalogue.txt").read_text(encoding="utf-8").lower())
    size = 8
    grams = {tuple(source[i : i + size]) for i in range(len(source) - size + 1)}
    ours = word.findall(text.lower())
    shared = [
        " ".join(ours[i : i + size])
        for i in range(len(ours) - size + 1)
        if tuple(ours[i : i + size]) in grams
    ]
    assert shared == []


# -- core: html ------------------------------------------------------------------------------


def test_html_contains_every_case_title_and_type(records: list[dict[str, Any]]) -> None:
    page = parse(core.export_html(records))
    assert page.all("html") == [{"lang": "da"}]
    headings = page.text.get("h3", [])
    assert headings == [f"{case['number']}. {' '.join(case['title'].split())}" for case in CASES]
    articles = page.all("article")
    assert [a["data-id"] for a in articles] == [case["id"] for case in CASES]
    assert [a["data-type"] for a in articles] == [case["type"] for case in CASES]
    present = [case_type for case_type in values(CaseType) if of_type(case_type)]
    assert page.text.get("h2", []) == [core.TYPE_TITLES[t] for t in present]
    assert len(page.text.get("h1", [])) == 1


def test_html_is_self_contained(records: list[dict[str, Any]]) -> None:
    text = core.export_html(records)
    page = parse(text)
    external = [
        (tag, name, value)
        for tag, attrs in page.tags
        for name, value in attrs.items()
        if name in {"src", "href", "action", "data", "poster", "srcset"}
        and value
        and re.match(r"\s*(https?:)?//", value, re.IGNORECASE)
    ]
    assert external == []
    assert page.all("link") == []
    assert all("src" not in attrs for attrs in page.all("script"))
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", text, re.IGNORECASE)


def test_html_form_controls_have_labels(records: list[dict[str, Any]]) -> None:
    page = parse(core.export_html(records))
    labelled = {attrs["for"] for attrs in page.all("label")}
    controls = [attrs["id"] for tag, attrs in page.tags if tag in {"input", "select"}]
    assert controls
    assert set(controls) <= labelled
    assert any(attrs.get("name") == "viewport" for attrs in page.all("meta"))


def test_html_type_and_region_choices_match_the_cases(records: list[dict[str, Any]]) -> None:
    page = parse(core.export_html(records))
    options = [attrs["value"] for attrs in page.all("option")]
    types = [value for value in options if value in values(CaseType)]
    assert types == [t for t in values(CaseType) if of_type(t)]
    regions = {region for record in records for region in record["regions"]}
    assert {value for value in options if value and value not in values(CaseType)} == regions


def test_html_escapes_case_text(records: list[dict[str, Any]]) -> None:
    nasty = '<script>alert("x")</script> & </style> "quoted"'
    record = dict(records[0], title=nasty, summary=nasty, content=nasty, id="escaped-case")
    text = core.export_html([record])
    page = parse(text)
    # the page's own two: the embedded search index (JSON) and the script
    assert page.all("script") == [{"type": "application/json", "id": "search-index"}, {}]
    assert len(page.all("style")) == 1
    assert page.text["h3"] == [f"{record['number']}. {nasty}"]
    assert "<script>alert" not in text
