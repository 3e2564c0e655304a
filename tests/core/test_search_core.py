"""Unit tests of the search core (analysis, query parsing, ranking, filters, facets, lookup,
similar, snippets) on the real corpus, with no CLI in them.

Expected answers are worked out from the case files themselves (read with PyYAML, not with the
package), except the two filter sets the issue fixes: `--type fokuseret` is cases 5–11 and
`--region Nordjylland` is cases 2 and 5.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from conftest import CORPUS

from erhverv_cli.errors import NotFoundError, UsageError
from erhverv_cli.folding import fold
from erhverv_cli.geography import REGION_OF
from erhverv_cli.search.analysis import WORD, analyze, parts, phrase_terms, query_terms, term, term_en
from erhverv_cli.search.engine import (
    Filters,
    Hit,
    facet_counts,
    list_cases,
    lookup,
    parsed,
    resolve_filter_values,
    search,
    similar,
)
from erhverv_cli.search.index import CorpusIndex
from erhverv_cli.search.query import COMPOUND_WEIGHT, MIN_TYPO_LENGTH, TYPO_WEIGHT

# -- the corpus as plain YAML (the oracle) ----------------------------------------------------

CASES: list[dict[str, Any]] = sorted(
    (yaml.safe_load(path.read_text(encoding="utf-8")) for path in CORPUS.glob("*.yaml")),
    key=lambda case: case["number"],
)
BY_ID = {case["id"]: case for case in CASES}
NOT_INDEXED = {"id", "source", "transferability", "ended", "number", "started", "staff_fte", "type"}


def _places(case: dict[str, Any]) -> list[str]:
    return [*case["municipalities"], *(case.get("partner_municipalities") or [])]


def _regions(case: dict[str, Any]) -> set[str]:
    """The regions of a case: those of its lead and partner municipalities."""
    return {REGION_OF[name] for name in _places(case)}


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _text(case: dict[str, Any]) -> str:
    """All searchable text of a case, lower-cased."""
    return " ".join(
        t for key, value in case.items() if key not in NOT_INDEXED for t in _strings(value)
    ).lower()


def _numbers(records: list[dict[str, Any]]) -> set[int]:
    return {record["number"] for record in records}


def _ids(index: CorpusIndex, query: str, filters: Filters | None = None) -> list[str]:
    return [hit.record["id"] for hit in search(index, query, filters or Filters())]


# -- analysis -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("væksthus", "vaeksthus"),
        ("Køge", "Koge"),
        ("Køge", "Koege"),
        ("Århus", "Aarhus"),
        ("Århus", "Arhus"),
        ("iværksættere", "ivaerksaettere"),
        ("fødevarer", "fodevarer"),
        ("klynge", "klynger"),
        ("klynge", "klyngen"),
        ("klynge", "klyngerne"),
        ("netværk", "netværkene"),
        ("netværk", "netvaerkene"),
        ("akademiker", "akademikerne"),
        ("akademiker", "akademikere"),
        ("iværksætter", "iværksætterne"),
    ],
)
def test_spellings_and_inflections_share_one_term(one: str, other: str) -> None:
    assert term(one) == term(other)


@pytest.mark.parametrize(("one", "other"), [("klynge", "netværk"), ("lyd", "lys"), ("Vejle", "vejledning")])
def test_different_words_keep_different_terms(one: str, other: str) -> None:
    assert term(one) != term(other)


def test_hyphenated_words_are_indexed_as_parts_in_place_and_joined_at_the_end() -> None:
    text = "Nye it-virksomheder i Silkeborg"
    running = [term(word) for word in ("Nye", "it", "virksomheder", "Silkeborg")]
    assert phrase_terms(text) == running  # "i" is a stopword
    assert analyze(text) == [*running, term("itvirksomheder")]


def test_danish_stopwords_are_dropped_but_danish_words_that_look_english_stay() -> None:
    assert analyze("og i at det der en til er som på") == []
    # "to" (two), "by" (town) and "it" (IT) are Danish content words.
    assert analyze("to by it") == [term("to"), term("by"), term("it")]
    # Stopwords are words as written: "varer" (goods) stems like "var" (was) but is kept.
    assert term("varer") == term("var") and analyze("varer") == [term("varer")]


def test_english_pronoun_it_is_a_stopword_but_the_acronym_is_not() -> None:
    assert analyze("It is what it is", english=True) == []
    assert analyze("the local IT cluster", english=True) == ["local", "it", "cluster"]


def test_query_words_have_their_danish_and_english_stems() -> None:
    assert term("industrial") != term_en("industrial")
    assert query_terms("industrial") == [term("industrial"), term_en("industrial")]
    assert query_terms("og") == ["og"]  # a Danish stopword keeps only its English reading
    assert query_terms("the") == []


def test_each_stem_matches_the_columns_of_its_language(index: CorpusIndex) -> None:
    query = parsed(index, "branding")
    danish, english = term("branding"), term_en("branding")
    assert danish != english and query.groups == [[danish, english]]
    assert query.matches_column(danish, "body") and not query.matches_column(danish, "english")
    assert query.matches_column(english, "english") and not query.matches_column(english, "places")


def test_english_it_matches_only_cases_that_write_the_acronym(index: CorpusIndex) -> None:
    rows = index.connection.execute(
        "SELECT DISTINCT d.id FROM vocab_instance v JOIN docs d ON d.rowid = v.doc "
        "WHERE v.term = 'it' AND v.col = 'english'"
    ).fetchall()
    acronym = re.compile(r"\bIT\b")

    def english(case):
        return f"{case['title_en']} {case['summary_en']} {case.get('description_en', '')} " + " ".join(
            figure.get("label_en", "") for figure in case.get("key_figures", [])
        )

    expected = {case["id"] for case in CASES if acronym.search(english(case))}
    assert {row[0] for row in rows} == expected


# -- query parsing: typos and compounds ---------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("lyf", None),  # three letters: never fuzzed, though "lyd" is one edit away
        ("Esbjreg", "esbjerg-offshore-mikrovirksomheder"),  # 7 letters: one edit is tolerated ...
        ("Esbxerx", None),  # ... two are not
        ("Kalundbrog", "symbiosecenter-kalundborg"),  # 8 letters or more: up to two edits
        ("Kalnudbrog", "symbiosecenter-kalundborg"),
        ("Kxlundbxrx", None),  # three are too many
        ("klyngeudviklng", None),  # a known word, corrected: checked below
    ],
)
def test_typo_tolerance_bounds(index: CorpusIndex, query: str, expected: str | None) -> None:
    ids = _ids(index, query)
    if query == "klyngeudviklng":
        assert set(ids) == {case["id"] for case in CASES if "klyngeudvikling" in _text(case)}
    elif expected is None:
        assert ids == []
    else:
        assert ids[:1] == [expected]


def test_short_words_are_taken_as_typed(index: CorpusIndex) -> None:
    short = "lyf"
    assert len(fold(short)) < MIN_TYPO_LENGTH
    query = parsed(index, short)
    assert query.groups == [[term(short)]] and not query.weights


def test_a_misspelt_word_is_replaced_by_known_words_with_less_weight(index: CorpusIndex) -> None:
    query = parsed(index, "klyngeudviklng")
    assert query.groups == [[term("klyngeudvikling")]]
    assert query.weight(term("klyngeudvikling")) == TYPO_WEIGHT < 1.0


def test_a_word_also_matches_the_compounds_it_ends_or_starts(index: CorpusIndex) -> None:
    group = parsed(index, "netværk").groups[0]
    query = parsed(index, "netværk")
    assert group[0] == term("netværk") and query.weight(group[0]) == 1.0
    assert term("ledernetværk") in group  # head: leder + netværk
    assert query.weight(term("ledernetværk")) == COMPOUND_WEIGHT


def test_a_compound_needs_a_known_rest(index: CorpusIndex) -> None:
    # "vejledning" starts like "Vejle", but "dning" is no word: it is not a compound of Vejle.
    assert term("vejledning") not in parsed(index, "Vejle").groups[0]


def test_an_unknown_compound_is_split_into_known_words(index: CorpusIndex) -> None:
    assert term("ledelsesnetværk") not in parsed(index, "ledelsesnetværk").match_terms()
    assert parsed(index, "ledelsesnetværk").groups == [[term("ledelse")], [term("netværk")]]
    assert _ids(index, "ledelsesnetværk")[0] == "ledernetvaerk-middelfart"


def test_a_word_too_long_to_be_a_word_is_taken_as_typed(
    index: CorpusIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pasted link or code is not corrected: trying every cut of a word 20,000 letters long
    stemmed and looked up each half, taking time and memory that grew with the square of it."""
    from erhverv_cli.search import corrections
    from erhverv_cli.search.settings import MAX_CORRECTED_LENGTH

    calls = Counter[str]()
    stem = corrections.term
    monkeypatch.setattr(corrections, "term", lambda text: calls.update([text]) or stem(text))
    long_word = "klyngeudvikling" * 1000
    assert parsed(index, long_word).groups == [[term(long_word)]]
    assert sum(calls.values()) == 0
    assert len(long_word) > MAX_CORRECTED_LENGTH


def test_a_field_name_is_read_only_at_the_start_of_a_word() -> None:
    """ "title:" scopes a phrase only as a word of its own; inside a longer run of letters it is
    part of the word (and the pattern stays linear in a long word)."""
    from erhverv_cli.search.query import _QUOTED

    assert _QUOTED.search('title:"klynge"')["field"] == "title"  # type: ignore[index]
    assert _QUOTED.search('-title:"klynge"')["field"] == "title"  # type: ignore[index]
    assert _QUOTED.search('xtitle:"klynge"')["field"] == "xtitle"  # type: ignore[index]
    assert _QUOTED.search("a" * 5000) is None


def test_stopwords_of_either_language_do_not_become_typos(index: CorpusIndex) -> None:
    # "skal" is a Danish stopword; its English reading is no word of the corpus and must not
    # be "corrected" into something that is.
    assert parsed(index, "skal").empty
    assert parsed(index, "og for i").empty


# -- phrases ------------------------------------------------------------------------------------


def _phrase_oracle(words: list[str]) -> set[str]:
    pattern = re.compile(r"\b" + r"[\W_]+".join(re.escape(w.lower()) for w in words) + r"\b")
    return {case["id"] for case in CASES if pattern.search(_text(case))}


@pytest.mark.parametrize(
    "phrase", ["kloge penge", "triple helix", "business angel", "fase 2.0", "penge kloge"]
)
def test_a_quoted_phrase_finds_exactly_the_cases_with_those_words_in_that_order(
    index: CorpusIndex, phrase: str
) -> None:
    expected = _phrase_oracle(re.findall(r"\w+", phrase))
    assert set(_ids(index, f'"{phrase}"')) == expected
    if phrase != "penge kloge":
        assert expected  # the phrase is in the corpus: the test is not vacuous


def test_a_hyphen_in_a_phrase_is_a_word_boundary(index: CorpusIndex) -> None:
    assert _ids(index, '"triple-helix"') == _ids(index, '"triple helix"') != []


def test_a_phrase_across_a_hyphenated_word_matches(index: CorpusIndex) -> None:
    # The text says "… syv åbne triple helix-netværk": parts stay in place in the index.
    assert _ids(index, '"helix netværk"') == _ids(index, '"helix-netværk"') != []


def test_an_english_phrase_matches_the_english_summary(index: CorpusIndex) -> None:
    expected = {
        case["id"]
        for case in CASES
        if re.search(r"\bcity of sound\b", f"{case['title_en']} {case['summary_en']}".lower())
    }
    assert expected and set(_ids(index, '"city of sound"')) == expected


# -- ranking --------------------------------------------------------------------------------------


def test_hits_come_best_first_with_positive_scores(index: CorpusIndex) -> None:
    """Best first: cases holding more of the query's words, and among those the higher score."""
    hits = search(index, "klynge maritim")
    assert hits and all(hit.score > 0 for hit in hits)
    order = [(hit.words, hit.score) for hit in hits]
    assert order == sorted(order, reverse=True)
    assert hits[0].words == 2 and any(hit.words == 1 for hit in hits)


def test_title_and_places_weigh_more_than_body_text(index: CorpusIndex) -> None:
    # Every case named after its municipality ranks first for that name among the cases using it.
    for case in CASES:
        lead = case["municipalities"][0]
        owners = [c for c in CASES if lead in c["municipalities"]]
        if len(owners) == 1 and lead.lower() in case["title"].lower():
            assert _ids(index, lead)[0] == case["id"], lead


def test_an_empty_query_finds_nothing(index: CorpusIndex) -> None:
    assert search(index, "   ") == []
    assert search(index, "og i at") == []


# -- filters --------------------------------------------------------------------------------------


def test_type_fokuseret_is_cases_5_to_11(index: CorpusIndex) -> None:
    found = _numbers(list_cases(index, Filters(type=("fokuseret",))))
    assert found == set(range(5, 12))
    assert found == {case["number"] for case in CASES if case["type"] == "fokuseret"}


def test_region_nordjylland_is_cases_2_and_5(index: CorpusIndex) -> None:
    region = resolve_filter_values("region", ["Nordjylland"])
    assert region == ("Region Nordjylland",)
    found = _numbers(list_cases(index, Filters(region=region)))
    assert found == {2, 5}
    assert found == {case["number"] for case in CASES if "Region Nordjylland" in _regions(case)}


def test_values_of_one_filter_combine_with_or(index: CorpusIndex) -> None:
    found = _numbers(list_cases(index, Filters(type=("fokuseret", "basal"))))
    assert found == {case["number"] for case in CASES if case["type"] in ("fokuseret", "basal")}


def test_different_filters_combine_with_and(index: CorpusIndex) -> None:
    filters = Filters(type=("fokuseret",), region=("Region Syddanmark",))
    expected = {c["number"] for c in CASES if c["type"] == "fokuseret" and "Region Syddanmark" in _regions(c)}
    assert expected and _numbers(list_cases(index, filters)) == expected


def test_municipality_filter_matches_partner_municipalities(index: CorpusIndex) -> None:
    favrskov = resolve_filter_values("municipality", ["Favrskov"])
    expected = {case["number"] for case in CASES if "Favrskov" in _places(case)}
    assert expected and all("Favrskov" not in case["municipalities"] for case in CASES)
    assert _numbers(list_cases(index, Filters(municipality=favrskov))) == expected


@pytest.mark.parametrize(("since", "until"), [(2011, None), (None, 2006), (2010, 2012)])
def test_since_and_until_bound_the_start_year(
    index: CorpusIndex, since: int | None, until: int | None
) -> None:
    expected = {
        case["number"]
        for case in CASES
        if case.get("started") is not None
        and (since is None or case["started"] >= since)
        and (until is None or case["started"] <= until)
    }
    assert expected and _numbers(list_cases(index, Filters(since=since, until=until))) == expected


def test_filters_restrict_search_hits(index: CorpusIndex) -> None:
    hits = search(index, "netværk", Filters(type=("basal",)))
    assert hits and {hit.record["type"] for hit in hits} == {"basal"}


@pytest.mark.parametrize(
    ("facet", "typed", "official"),
    [
        ("municipality", "Koge", "Køge"),
        ("municipality", "Lyngby Taarbaek", "Lyngby-Taarbæk"),
        ("region", "Sjaelland", "Region Sjælland"),
        ("type", "FOKUSERET", "fokuseret"),
    ],
)
def test_filter_values_are_folded_like_the_model(facet: str, typed: str, official: str) -> None:
    assert resolve_filter_values(facet, [typed]) == (official,)


def test_an_unknown_filter_value_is_a_usage_error_with_a_suggestion() -> None:
    with pytest.raises(UsageError, match="did you mean 'fokuseret'"):
        resolve_filter_values("type", ["fokus"])


# -- facets ---------------------------------------------------------------------------------------


def _counts(index: CorpusIndex, facet: str, filters: Filters | None = None) -> dict[str, int]:
    return {count.value: count.count for count in facet_counts(index, filters or Filters())[facet]}


def test_facet_counts_match_the_case_files(index: CorpusIndex) -> None:
    assert _counts(index, "type") == Counter(case["type"] for case in CASES)
    assert _counts(index, "municipality") == Counter(name for case in CASES for name in set(_places(case)))
    assert _counts(index, "instrument") == Counter(i for case in CASES for i in case.get("instruments") or [])
    assert _counts(index, "started") == Counter(
        str(c["started"]) for c in CASES if c.get("started") is not None
    )


def test_facet_counts_honour_filters(index: CorpusIndex) -> None:
    fokuseret = [case for case in CASES if case["type"] == "fokuseret"]
    filters = Filters(type=("fokuseret",))
    assert _counts(index, "type", filters) == {"fokuseret": len(fokuseret)}
    assert _counts(index, "target_group", filters) == Counter(
        group for case in fokuseret for group in case.get("target_groups") or []
    )


# -- lookup ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["id"])
def test_lookup_by_number_and_by_id(index: CorpusIndex, case: dict[str, Any]) -> None:
    assert lookup(index, str(case["number"]))["id"] == case["id"]
    assert lookup(index, case["id"])["id"] == case["id"]


def test_lookup_by_unique_fragment_and_by_title(index: CorpusIndex) -> None:
    assert lookup(index, "mariager")["id"] == "concept-mariagerfjord"
    assert lookup(index, "Silkeborg Valley")["id"] == "silkeborg-valley"


def test_an_ambiguous_fragment_lists_the_candidates(index: CorpusIndex) -> None:
    matching = [case["id"] for case in CASES if "erhvervs" in case["id"]]
    assert len(matching) > 1
    with pytest.raises(NotFoundError) as caught:
        lookup(index, "erhvervs")
    assert all(case_id in str(caught.value) for case_id in matching[:6])


def test_a_miss_suggests_the_closest_title(index: CorpusIndex) -> None:
    with pytest.raises(NotFoundError, match=r"did you mean .*silkeborg-valley"):
        lookup(index, "silkebrog valey")


def test_a_municipality_without_its_own_case_points_at_the_case_it_is_in(index: CorpusIndex) -> None:
    with pytest.raises(NotFoundError, match="fokuseret-erhvervsservice-norddjurs"):
        lookup(index, "Favrskov")


def test_an_unknown_number_is_not_found(index: CorpusIndex) -> None:
    with pytest.raises(NotFoundError):
        lookup(index, str(max(case["number"] for case in CASES) + 1))


# -- similar --------------------------------------------------------------------------------------

_FIELDS = {
    "instrument": "instruments",
    "target_group": "target_groups",
    "sector": "sectors",
    "good_practice": "good_practice",
    "approach": "approaches",
    "type": "type",
    "region": "regions",
    "transferability": "transferability",
}


def _values(record: dict[str, Any], facet: str) -> set[str]:
    value = record.get(_FIELDS[facet]) or []
    return {value} if isinstance(value, str) else set(value)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["id"])
def test_similar_cases_come_with_true_reasons(index: CorpusIndex, case: dict[str, Any]) -> None:
    record, related = similar(index, case["id"], limit=3)
    assert record["id"] == case["id"]
    assert 0 < len(related) <= 3
    assert case["id"] not in {item.record["id"] for item in related}
    assert [item.score for item in related] == sorted((item.score for item in related), reverse=True)
    for item in related:
        assert item.shared, f"{item.record['id']} is listed without a reason"
        for facet, shared in item.shared.items():
            assert shared and all(isinstance(value, str) and value for value in shared), (facet, shared)
            if facet != "concepts":
                assert set(shared) <= _values(record, facet) & _values(item.record, facet), (facet, shared)


def test_shared_concepts_are_ideas_of_the_field_in_both_cases(index: CorpusIndex) -> None:
    """Reasons in plain words of the field: each shared concept is a thesaurus concept that both
    cases' texts speak of, named by its Danish term; never a stray word of one text."""
    from erhverv_cli.search.similarity import _concepts_of

    lookup = index.thesaurus()
    names = {lookup.name(concept): concept for concept in lookup.concept_ids()}
    for case in CASES:
        for item in similar(index, case["id"], limit=3)[1]:
            for name in item.shared.get("concepts", []):
                concept = names[name]
                for other in (case["id"], item.record["id"]):
                    doc = index.rowids("id", other)[0]
                    assert concept in _concepts_of(index, *index.doc_terms_by_language(doc)), (other, name)


# -- snippets -------------------------------------------------------------------------------------


def _analysed(word: str) -> set[str]:
    return {term(piece) for piece in [word, *parts(word)]} | set(query_terms(word))


def _check_spans(hit: Hit, wanted: set[str], query: str) -> None:
    snippet = hit.snippet
    for start, end in snippet.spans:
        assert 0 <= start < end <= len(snippet.text)
        word = snippet.text[start:end]
        assert re.fullmatch(r"[^\W_]+(?:[-'’][^\W_]+)*", word), word
        assert _analysed(word) & wanted, f"{hit.record['id']}: {word!r} does not match {query!r}"


@pytest.mark.parametrize(
    "query", ["klynge maritim", "vaeksthus Koge", "netværk", "iværksætere lån", '"kloge penge"']
)
def test_snippets_highlight_the_matching_words(index: CorpusIndex, query: str) -> None:
    wanted = parsed(index, query).match_terms()
    hits = search(index, query)
    assert hits
    for hit in hits:
        assert hit.snippet.spans, f"{hit.record['id']}: no highlight for {query!r}"
        _check_spans(hit, wanted, query)


def test_english_snippets_highlight_the_matching_words(index: CorpusIndex) -> None:
    query = "offshore micro companies"
    wanted = parsed(index, query).match_terms()
    hits = search(index, query)
    assert hits[0].snippet.field == "summary_en" and hits[0].snippet.spans
    for hit in hits:
        _check_spans(hit, wanted, query)


def test_a_case_found_through_its_english_title_gets_a_highlight(index: CorpusIndex) -> None:
    only_in_title_en = [
        case["id"]
        for case in CASES
        if "company" in case["title_en"].lower() and "compan" not in _text({**case, "title_en": ""})
    ]
    assert only_in_title_en
    hits = {hit.record["id"]: hit for hit in search(index, "company")}
    for case_id in only_in_title_en:
        assert hits[case_id].snippet.spans


def test_snippet_prefilter_never_hides_a_matching_word() -> None:
    """Snippets only stem words that begin like a wanted term: every term of every corpus word
    must begin with the word's own first letters, however the word is spelt (æ/ae, å/aa)."""
    from erhverv_cli.search.snippets import head_pattern as _head_pattern
    from erhverv_cli.search.snippets import heads as _heads
    from erhverv_cli.search.snippets import word_terms as _word_terms

    tokens = {match.group(0) for case in CASES for match in WORD.finditer(_text(case))}
    tokens |= {"vaeksthus", "Væksthus", "it-klynge", "IT-virksomheder", "Aarhus", "Århus", "Koege"}
    missed = [
        f"{token!r} → {wanted!r}"
        for token in sorted(tokens)
        for wanted in sorted(_word_terms(token))
        if not _head_pattern(_heads({wanted})).search(token)
    ]
    assert not missed, missed[:20]


@pytest.mark.parametrize(
    ("folded", "written", "matches"),
    [
        ("kog", "Køge", True),
        ("kog", "Koege", True),
        ("kog", "KOGE", True),
        ("aar", "Århus", False),  # "Århus" folds to "arhus": it does not begin with "aar"
        ("arh", "Århus", True),
        ("arh", "Aarhus", True),
        ("vak", "vaeksthus", True),
        ("vak", "væksthus", True),
        ("vak", "vikar", False),
        ("cafe", "Café", True),
    ],
)
def test_spelling_pattern_matches_what_folds_to_it(folded: str, written: str, matches: bool) -> None:
    from erhverv_cli.folding import spelling_pattern

    assert fold(written).startswith(folded) == matches
    assert bool(re.match(spelling_pattern(folded), written, re.IGNORECASE)) == matches
