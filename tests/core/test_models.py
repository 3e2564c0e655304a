"""The case model on its own: required and optional fields, strict types, vocabularies, municipalities."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import FIXTURES
from pydantic import BaseModel, ValidationError

from erhverv_cli.geography import MUNICIPALITIES, REGION_OF
from erhverv_cli.models import CASE_FIELDS, SUMMARY_MAX_SENTENCES, Case
from erhverv_cli.validation import REQUIRED_FIELDS, validate_file
from erhverv_cli.vocab import VOCABULARIES, CaseType
from erhverv_cli.yamlsafe import parse_yaml

MINIMAL: dict[str, Any] = {
    "id": "minimal",
    "title": "Erhvervsservice",
    "type": "basal",
    "municipalities": ["Aalborg"],
    "summary": "Kommunen vejleder nye virksomheder.",
}


def _case(**changes: Any) -> Case:
    data = {**MINIMAL, **changes}
    return Case.model_validate({key: value for key, value in data.items() if value is not ...})


def _errors(**changes: Any) -> list[tuple[tuple[str | int, ...], str]]:
    with pytest.raises(ValidationError) as caught:
        _case(**changes)
    return [(tuple(error["loc"]), error["type"]) for error in caught.value.errors()]


def _fixture_data(name: str) -> dict[str, Any]:
    doc = parse_yaml((FIXTURES / "valid" / name).read_bytes())
    assert doc.problems == []
    assert isinstance(doc.data, dict)
    return doc.data


# -- required and optional fields ---------------------------------------------------------------------


def test_minimal_case_has_empty_defaults() -> None:
    case = _case()
    assert case.type is CaseType.BASAL
    assert case.model_fields_set == set(MINIMAL)
    for name, info in Case.model_fields.items():
        if name not in MINIMAL:
            assert getattr(case, name) in (None, []), name
            assert not info.is_required()


def test_required_fields_are_the_published_ones() -> None:
    required = {name for name, info in Case.model_fields.items() if info.is_required()}
    assert required == set(REQUIRED_FIELDS) == set(MINIMAL)


@pytest.mark.parametrize("name", REQUIRED_FIELDS)
def test_each_required_field_is_required(name: str) -> None:
    assert _errors(**{name: ...}) == [((name,), "missing")]


def test_case_fields_follow_the_model() -> None:
    assert tuple(Case.model_fields) == CASE_FIELDS
    assert CASE_FIELDS[:3] == ("id", "number", "title")


def test_full_fixture_uses_every_field_of_every_model() -> None:
    case = Case.model_validate(_fixture_data("full.yaml"))
    assert case.model_fields_set == set(Case.model_fields)

    def check(model: BaseModel | list[BaseModel]) -> None:
        items = model if isinstance(model, list) else [model]
        used = set().union(*(item.model_fields_set for item in items))
        assert used == set(type(items[0]).model_fields), type(items[0]).__name__

    for name in Case.model_fields:
        value = getattr(case, name)
        if isinstance(value, BaseModel) or (
            isinstance(value, list) and value and isinstance(value[0], BaseModel)
        ):
            check(value)


def test_unknown_field_is_forbidden_at_every_level() -> None:
    assert _errors(colour="blå") == [(("colour",), "extra_forbidden")]
    assert _errors(source={"title": "Katalog", "isbn": "x"}) == [(("source", "isbn"), "extra_forbidden")]


def test_the_model_is_frozen() -> None:
    case = _case()
    with pytest.raises(ValidationError):
        case.title = "Ny titel"  # type: ignore[misc]


# -- strict types -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "loc", "kind"),
    [
        ({"title": 42}, ("title",), "string_type"),
        ({"title": True}, ("title",), "string_type"),
        ({"title": ""}, ("title",), "string_too_short"),
        ({"title": "   "}, ("title",), "string_too_short"),
        ({"summary": None}, ("summary",), "string_type"),
        ({"number": "3"}, ("number",), "int_type"),
        ({"number": True}, ("number",), "int_type"),
        ({"number": 0}, ("number",), "greater_than_equal"),
        ({"number": 3.0}, ("number",), "int_type"),
        ({"started": "2012"}, ("started",), "int_type"),
        ({"started": 1899}, ("started",), "greater_than_equal"),
        ({"ended": 2101}, ("ended",), "less_than_equal"),
        ({"budget_dkk": "1.000.000"}, ("budget_dkk",), "float_type"),
        ({"budget_dkk": -1}, ("budget_dkk",), "greater_than_equal"),
        ({"staff_fte": "4"}, ("staff_fte",), "float_type"),
        ({"municipalities": "Aalborg"}, ("municipalities",), "list_type"),
        ({"municipalities": []}, ("municipalities",), "too_short"),
        ({"key_figures": [{"label": "x", "value": True}]}, ("key_figures", 0, "value"), "number_type"),
        ({"key_figures": [{"label": "x", "value": "12"}]}, ("key_figures", 0, "value"), "float_type"),
        (
            {"key_figures": [{"label": "x", "value": 1, "approximate": "yes"}]},
            ("key_figures", 0, "approximate"),
            "bool_type",
        ),
        ({"evaluation": "evalueret"}, ("evaluation",), "model_type"),
        (
            {"funding": [{"source": "kommunen", "amount_dkk": -5}]},
            ("funding", 0, "amount_dkk"),
            "greater_than_equal",
        ),
    ],
)
def test_strict_types(changes: dict[str, Any], loc: tuple[str | int, ...], kind: str) -> None:
    assert _errors(**changes) == [(loc, kind)]


def test_whole_numbers_are_accepted_where_numbers_are() -> None:
    case = _case(budget_dkk=1500000, staff_fte=2, key_figures=[{"label": "job", "value": 12}])
    assert case.budget_dkk == 1500000
    assert case.key_figures[0].value == 12


def test_text_is_stripped() -> None:
    assert _case(title="  Titel \n").title == "Titel"


@pytest.mark.parametrize("identifier", ["a", "case-1", "silkeborg-valley", "2014-katalog"])
def test_kebab_case_ids(identifier: str) -> None:
    assert _case(id=identifier).id == identifier


@pytest.mark.parametrize(
    "identifier", ["Case", "my_case", "-case", "case-", "a--b", "kø-ge", "a b", "a.yaml"]
)
def test_ids_that_are_not_kebab_case(identifier: str) -> None:
    assert _errors(id=identifier) == [(("id",), "string_pattern_mismatch")]


# -- vocabularies -------------------------------------------------------------------------------------

VOCABULARY_FIELDS = {
    "type": lambda value: {"type": value},
    "target_groups": lambda value: {"target_groups": [value]},
    "instruments": lambda value: {"instruments": [value]},
    "good_practice": lambda value: {"good_practice": [value]},
    "approaches": lambda value: {"approaches": [value]},
    "transferability": lambda value: {"transferability": value},
    "evaluation": lambda value: {"evaluation": {"status": value}},
}


@pytest.mark.parametrize("field", VOCABULARY_FIELDS)
def test_every_vocabulary_value_is_accepted(field: str) -> None:
    for member in VOCABULARIES[field]:
        _case(**VOCABULARY_FIELDS[field](member.value))


@pytest.mark.parametrize("field", VOCABULARY_FIELDS)
def test_values_outside_a_vocabulary_are_refused(field: str) -> None:
    [(loc, kind)] = _errors(**VOCABULARY_FIELDS[field]("noget helt andet"))
    assert kind == "enum"
    assert loc[0] == field


def test_vocabulary_values_are_exact() -> None:
    # Matching ignores case and æøå only on the command line; files use the canonical value.
    assert _errors(type="Basal") == [(("type",), "enum")]
    assert _errors(target_groups=["ivaerksaettere"]) == [(("target_groups", 0), "enum")]


# -- municipalities and regions -----------------------------------------------------------------------


def test_all_98_official_names_are_accepted() -> None:
    assert len(MUNICIPALITIES) == 98
    case = _case(municipalities=list(MUNICIPALITIES))
    assert case.municipalities == list(MUNICIPALITIES)


@pytest.mark.parametrize(
    ("written", "official"),
    [
        ("Koge", "Køge"),
        ("koege", "Køge"),
        ("Århus", "Aarhus"),
        ("Lyngby-Taarbaek", "Lyngby-Taarbæk"),
        ("AALBORG", "Aalborg"),
        ("Københavns Kommune", "København"),
    ],
)
def test_misspelt_municipality_names_the_official_spelling(written: str, official: str) -> None:
    with pytest.raises(ValidationError) as caught:
        _case(municipalities=[written])
    [error] = caught.value.errors()
    assert (error["loc"], error["type"]) == (("municipalities", 0), "municipality_spelling")
    assert error["msg"] == f"'{written}' is written '{official}' in the official list of the 98 kommuner"


def test_unknown_municipality_gets_a_suggestion() -> None:
    with pytest.raises(ValidationError) as caught:
        _case(partner_municipalities=["Aalborg", "Silkebrg"])
    [error] = caught.value.errors()
    assert (error["loc"], error["type"]) == (("partner_municipalities", 1), "municipality_unknown")
    assert error["msg"] == "'Silkebrg' is not one of the 98 Danish kommuner (did you mean 'Silkeborg'?)"


def test_unknown_municipality_without_anything_close() -> None:
    with pytest.raises(ValidationError) as caught:
        _case(municipalities=["Qwxz"])
    assert caught.value.errors()[0]["msg"] == "'Qwxz' is not one of the 98 Danish kommuner"


@pytest.mark.parametrize("field", ["municipalities", "partner_municipalities", "sectors"])
def test_repeated_values_are_refused(field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        _case(**{field: ["Aalborg", "Viborg", "Aalborg"]})
    [error] = caught.value.errors()
    assert (error["loc"], error["msg"]) == ((field,), "'Aalborg' is listed twice")


def test_regions_derive_from_the_lead_municipalities() -> None:
    case = _case(municipalities=["Fredericia", "Horsens"], partner_municipalities=["Aalborg", "Kolding"])
    assert case.all_municipalities() == ["Fredericia", "Horsens", "Aalborg", "Kolding"]
    assert case.regions == [REGION_OF["Fredericia"], REGION_OF["Horsens"]]
    assert REGION_OF["Aalborg"] not in case.regions


# -- years and summary --------------------------------------------------------------------------------


def test_ended_before_started_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        _case(started=2012, ended=2010)
    [error] = caught.value.errors()
    assert (error["type"], error["msg"]) == ("years_out_of_order", "ended (2010) is before started (2012)")


@pytest.mark.parametrize(("started", "ended"), [(2012, 2012), (2010, 2014), (None, 2014), (2014, None)])
def test_years_in_order(started: int | None, ended: int | None) -> None:
    case = _case(started=started, ended=ended)
    assert (case.started, case.ended) == (started, ended)


@pytest.mark.parametrize(
    "summary",
    [
        "Én sætning uden punktum",
        "Én sætning.",
        "To sætninger. Her er den anden!",
        "Tre sætninger. Den anden? Den tredje.",
        "Kommunen har 2 mio. kr. om året og hjælper bl.a. iværksættere.",
        "Omkring 1.000 virksomheder får besøg. Det sker hvert år.",
    ],
)
def test_summaries_of_one_to_three_sentences(summary: str) -> None:
    assert _case(summary=summary).summary == summary


@pytest.mark.parametrize(
    ("summary", "count"),
    [("En. To. Tre. Fire.", 4), ("En. To. Tre. Fire. Fem", 5), ("Her! Der? Alle steder. Også 2014.", 4)],
)
def test_summaries_of_more_than_three_sentences(summary: str, count: int) -> None:
    with pytest.raises(ValidationError) as caught:
        _case(summary=summary)
    [error] = caught.value.errors()
    assert error["msg"] == (
        f"summary has {count} sentences; keep it to 1-{SUMMARY_MAX_SENTENCES} and move the rest to 'content'"
    )


@pytest.mark.parametrize(
    "summary",
    [
        "Kommunen hjælper ca. 400 virksomheder. Den har kurser. Den har netværk.",
        "Kataloget (jf. s. 12) beskriver indsatsen. Den har kurser. Den har netværk.",
    ],
)
def test_abbreviations_before_numbers_do_not_end_a_sentence(summary: str) -> None:
    assert _case(summary=summary).summary == summary


# -- record -------------------------------------------------------------------------------------------


def test_record_is_json_ready_with_yaml_names_and_regions() -> None:
    data = _fixture_data("full.yaml")
    case = Case.model_validate(data)
    record = case.record()
    assert json.loads(json.dumps(record, ensure_ascii=False)) == record
    assert set(record) == set(data) | {"regions"}
    assert record["type"] == data["type"]
    assert record["good_practice"] == data["good_practice"]
    assert record["evaluation"]["status"] == data["evaluation"]["status"]
    assert record["regions"] == case.regions
    assert set(record["regions"]) == {REGION_OF[name] for name in case.municipalities}


def test_record_leaves_out_empty_optional_values() -> None:
    record = _case().record()
    assert set(record) == set(MINIMAL) | {"regions"} | {
        name for name, info in Case.model_fields.items() if info.default_factory is list
    }
    assert record["regions"] == [REGION_OF["Aalborg"]]


def test_record_round_trips_through_the_model() -> None:
    case = validate_file(FIXTURES / "valid" / "full.yaml").case
    assert case is not None
    record = case.record()
    del record["regions"]
    assert Case.model_validate_json(json.dumps(record)) == case


def test_yaml_1_1_traps_in_text_fields_stay_text() -> None:
    case = Case.model_validate(_fixture_data("yaml-1-2-typing.yaml"))
    assert (case.title, case.title_en, case.operator, case.background) == ("NO", "1:30", "yes", "2014-13-45")
    assert case.sectors == ["NO", "off", "1:30", "2014-13-45", "0123abc"]


# -- honest fields: headcount, planned dates, page ranges (issue 15) ---------------------------------


def test_staff_is_a_headcount_with_an_optional_range() -> None:
    case = _case(staff={"count": 6, "count_max": 8, "roles": ["konsulenter"]})
    assert case.staff is not None
    assert (case.staff.count, case.staff.count_max, case.staff.roles) == (6, 8, ["konsulenter"])
    assert _errors(staff={"count": 8, "count_max": 6}) == [(("staff", "count_max"), "range_out_of_order")]
    assert _errors(staff={"count": 2.5}) == [(("staff", "count"), "int_type")]


def test_planned_end_is_not_an_actual_end() -> None:
    case = _case(started=2013, planned_end=2014)
    assert (case.ended, case.planned_end) == (None, 2014)
    assert _errors(started=2013, planned_end=2012) == [(("planned_end",), "years_out_of_order")]


def test_a_start_after_next_year_is_refused() -> None:
    from erhverv_cli.models import latest_plausible_start

    latest = latest_plausible_start()
    assert _case(started=latest).started == latest
    assert _errors(started=latest + 1) == [(("started",), "year_in_future")]
    assert _errors(ended=latest + 1) == [(("ended",), "year_in_future")]
    assert _case(planned_end=latest + 5).planned_end == latest + 5


def test_pages_are_a_first_and_last_page() -> None:
    case = _case(source={"title": "Katalog", "pages": {"first": 23, "last": 26}})
    assert case.source is not None and case.source.pages is not None
    assert case.source.pages.text() == "23-26"
    assert _errors(source={"title": "K", "pages": {"first": 26, "last": 23}}) == [
        (("source", "pages", "last"), "pages_out_of_order")
    ]
    assert _errors(source={"title": "K", "pages": "23-26"}) == [(("source", "pages"), "model_type")]


# -- untrusted values (issue 9) ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Før\x1b[31mrødt",
        "titel\x1b]8;;https://evil.example\x1b\\link",
        "\x07klokke",
        "CSI\x9b31m",
        "omvendt \u202etekst",
        "isolat \u2066x\u2069",
        "usynlig\u200bmellemrum",
        "del\x7f",
    ],
)
def test_control_bidi_and_zero_width_characters_are_refused(text: str) -> None:
    assert _errors(title=text) == [(("title",), "unsafe_character")]
    assert _errors(sectors=["it", text]) == [(("sectors", 1), "unsafe_character")]


def test_line_breaks_and_tabs_stay_allowed_in_text() -> None:
    assert _case(content="Et afsnit.\n\nEt andet\tafsnit.").content == "Et afsnit.\n\nEt andet\tafsnit."


def test_text_is_nfc_normalised() -> None:
    decomposed = "ra\u030adgivning"
    assert _case(title=decomposed).title == "rådgivning"


@pytest.mark.parametrize(
    ("changes", "loc", "kind"),
    [
        ({"number": 2**63}, ("number",), "less_than_equal"),
        ({"number": 10**30}, ("number",), "less_than_equal"),
        ({"budget_dkk": 10**30}, ("budget_dkk",), "less_than_equal"),
        ({"budget_dkk": float("inf")}, ("budget_dkk",), "finite_number"),
        ({"staff_fte": float("nan")}, ("staff_fte",), "finite_number"),
        (
            {"key_figures": [{"label": "x", "value": float("-inf")}]},
            ("key_figures", 0, "value"),
            "finite_number",
        ),
        ({"key_figures": [{"label": "x", "value": 10**400}]}, ("key_figures", 0, "value"), "float_type"),
        ({"funding": [{"source": "x", "amount_dkk": 1e400}]}, ("funding", 0, "amount_dkk"), "finite_number"),
    ],
)
def test_numbers_beyond_what_can_be_stored_are_refused(
    changes: dict[str, Any], loc: tuple[str | int, ...], kind: str
) -> None:
    assert _errors(**changes) == [(loc, kind)]


def test_every_vocabulary_value_says_what_it_means() -> None:
    """A value and its meaning are declared together (vocab.Vocabulary); none may be left empty,
    since `erhverv vocab`, the README and docs/case-model.md show the meaning beside the value."""
    for vocabulary in VOCABULARIES.values():
        for member in vocabulary:
            assert member.meaning.strip(), f"{vocabulary.__name__}.{member.name} has no meaning"
            assert vocabulary(member.value) is member
