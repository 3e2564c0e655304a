"""Mends to authoring (the core of `erhverv new`), each reproduced first:

- every scalar a scaffold writes is read back as what was given: an id or title YAML would take
  for a number, a boolean or null (2013, true, null, 0x1f, 1e5) is quoted, so the file validates;
- a blank value given for any option is a usage error naming the flag, not a field silently left
  out (``--target ''``) or a file that fails validation (``--operator ''``).
"""

from __future__ import annotations

import pytest
import yaml

from erhverv_cli.authoring import (
    QUESTIONS,
    NewCase,
    Question,
    given_answers,
    missing_answers,
    new_case,
    refuse_blanks,
    render_case,
)
from erhverv_cli.errors import UsageError
from erhverv_cli.models import Case
from erhverv_cli.validation import validate_bytes

AWKWARD = ["2013", "true", "false", "null", "0x1f", "1e5", "0o17", "yes", "no", "on", "off", "y", "n",
           "1-2", "2013-01-01", "12e3", "nan", "inf", "a1"]  # fmt: skip
BY_KEY = {question.key: question for question in QUESTIONS}


def _validated(case: NewCase) -> tuple[str, str, Case]:
    identifier, text = render_case(case)
    result = validate_bytes(text.encode("utf-8"), f"{identifier}.yaml", stem=identifier)
    assert not result.findings, (text, result.findings)
    assert result.case is not None
    return identifier, text, result.case


@pytest.mark.parametrize("identifier", AWKWARD)
def test_an_awkward_id_is_written_as_text(identifier: str) -> None:
    written, text, case = _validated(NewCase("Titel", "basal", ["Aarhus"], "Kort.", id=identifier))
    assert written == identifier
    assert case.id == identifier
    # any YAML reader reads it back as that text, the YAML 1.1 ones editors and PyYAML use included
    assert yaml.safe_load(text)["id"] == identifier


@pytest.mark.parametrize("title", [*AWKWARD, "Yes", "NULL", "True", "- item", "a: b", "# no comment"])
def test_an_awkward_title_and_the_id_made_from_it_are_written_as_text(title: str) -> None:
    identifier, text, case = _validated(NewCase(title, "basal", ["Aarhus"], "Kort."))
    assert case.title == title
    assert case.id == identifier
    assert yaml.safe_load(text)["title"] == title


def test_every_scalar_of_a_scaffold_reads_back_as_given() -> None:
    answers = {
        "title": "2013",
        "type": "fokuseret",
        "municipalities": ["Køge", "Lyngby-Taarbæk"],
        "summary": "true",
        "id": "null",
        "operator": "1e5",
        "started": 2013,
        "target_groups": ["iværksættere"],
        "instruments": ["netværk"],
    }
    _, text, case = _validated(new_case(answers))
    loaded = yaml.safe_load(text)  # a YAML 1.1 reader, as editors and PyYAML are
    assert {key: loaded[key] for key in answers} == answers
    record = case.record()  # what the project's reader made of it
    assert {key: record[key] for key in answers} == answers


def test_plain_ids_and_words_stay_plain() -> None:
    """As a person writes them (the curator repository's hook test edits `id: …` and `type: …`)."""
    _, text, _ = _validated(NewCase("Vækst i Køge", "fokuseret", ["Køge"], "Kort."))
    assert "\nid: vaekst-i-koege\n" in text
    assert "\ntype: fokuseret\n" in text
    assert "\n  - Køge\n" in text


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda question: question.flag)
@pytest.mark.parametrize("blank", ["", " ", "\t\n"])
def test_a_blank_value_is_refused_naming_the_flag(question: Question, blank: str) -> None:
    flag = question.flag
    typed: str | list[str] = [blank] if question.many else blank
    with pytest.raises(UsageError, match=rf"^{flag}: must not be blank$") as raised:
        question.answer(typed)
    assert flag in raised.value.hint
    with pytest.raises(UsageError, match=rf"^{flag}: must not be blank$"):
        refuse_blanks({question.key: typed})
    with pytest.raises(UsageError, match=rf"^{flag}: must not be blank$"):
        given_answers({question.key: typed})


def test_a_blank_among_values_or_only_separators_is_refused() -> None:
    for typed in (["iværksættere", ""], [","], [" , , "]):
        with pytest.raises(UsageError, match=r"^--target: must not be blank$"):
            BY_KEY["target_groups"].answer(typed)
    assert BY_KEY["target_groups"].answer(["iværksættere, ", "vaekstivaerksaettere"]) == [
        "iværksættere",
        "vækstiværksættere",
    ]


def test_options_not_given_are_not_answers() -> None:
    assert given_answers({"title": None, "target_groups": None, "instruments": []}) == {}
    refuse_blanks({"title": None, "instruments": []})
    assert given_answers({"operator": " Erhvervshuset ", "started": "2020"}) == {
        "operator": "Erhvervshuset",
        "started": 2020,
    }


def test_missing_answers_still_count_blanks_as_missing() -> None:
    """Unchanged: for a caller that does not refuse blanks first."""
    assert [question.flag for question in missing_answers({"title": " "})] == [
        "--title", "--type", "--kommune", "--summary",
    ]  # fmt: skip
