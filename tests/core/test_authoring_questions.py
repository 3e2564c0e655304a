"""The fields `erhverv new` knows (authoring.QUESTIONS): each is a field of the case model, and what
their checks return makes a case file that validates. The CLI's options and questions are made
from this table (tests/cli/test_new.py)."""

from __future__ import annotations

import pytest

from erhverv_cli.authoring import QUESTIONS, missing_answers, new_case, render_case
from erhverv_cli.errors import UsageError
from erhverv_cli.models import CASE_FIELDS
from erhverv_cli.search.facets import FACET_BY_KEY
from erhverv_cli.validation import validate_bytes

TYPED = {
    "title": "Iværksætterhus i Køge",
    "type": "Fokuseret",
    "municipalities": ["Koge, Ringsted"],
    "summary": "Et hus,  hvor nye virksomheder\ndeler kontor.",
    "operator": "Erhvervshuset",
    "started": "2020",
    "target_groups": ["ivaerksaettere", "vaekstivaerksaettere"],
    "instruments": ["netvaerk,kurser"],
}


def test_each_question_fills_a_field_of_the_model() -> None:
    assert {question.key for question in QUESTIONS} <= set(CASE_FIELDS)
    assert [question.key for question in QUESTIONS if question.required] == [
        "title", "type", "municipalities", "summary",
    ]  # fmt: skip
    assert all(question.facet in FACET_BY_KEY for question in QUESTIONS if question.facet)
    flags = [flag for question in QUESTIONS for flag in question.flags]
    assert len(flags) == len(set(flags))


def test_checked_answers_make_a_case_that_validates() -> None:
    answers = {q.key: q.check(q.parts(TYPED[q.key])) for q in QUESTIONS if q.key in TYPED}
    assert answers["type"] == "fokuseret"
    assert answers["municipalities"] == ["Køge", "Ringsted"]
    assert answers["instruments"] == ["netværk", "kurser"]
    assert answers["summary"] == "Et hus, hvor nye virksomheder deler kontor."
    assert answers["started"] == 2020
    identifier, text = render_case(new_case(answers))
    assert identifier == "ivaerksaetterhus-i-koege"
    result = validate_bytes(text.encode("utf-8"), f"{identifier}.yaml", stem=identifier)
    assert not result.findings
    assert result.case is not None and result.case.operator == "Erhvervshuset"


def test_a_wrong_answer_says_what_is_allowed() -> None:
    by_key = {question.key: question for question in QUESTIONS}
    with pytest.raises(UsageError, match="did you mean 'fokuseret'"):
        by_key["type"].check(by_key["type"].parts("fokus"))
    with pytest.raises(UsageError, match="is not a year") as raised:
        by_key["started"].check(["20l9"])
    assert "1900" in raised.value.hint


def test_missing_answers_are_the_required_ones_not_given() -> None:
    assert [q.flag for q in missing_answers({"title": "X", "summary": ""})] == [
        "--type",
        "--kommune",
        "--summary",
    ]
    assert missing_answers(TYPED) == []
    blanks = missing_answers({**TYPED, "title": "  ", "municipalities": ["", " , "]})
    assert [question.flag for question in blanks] == ["--title", "--kommune"]
