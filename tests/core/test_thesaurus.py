"""The domain thesaurus (data/thesaurus.yaml, erhverv_cli.thesaurus) and the judged relevance data
in tests/relevance/: valid data, located errors, tolerant lookup, schema in sync, cheap import."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from erhverv_cli import thesaurus as th
from erhverv_cli.paths import bundled_thesaurus_file
from erhverv_cli.search.thesaurus_lookup import Lookup, default_lookup, expansions, match_keys
from erhverv_cli.thesaurus import load_thesaurus, thesaurus_schema_text, validate_thesaurus

ROOT = Path(__file__).resolve().parents[2]
THESAURUS = ROOT / "data" / "thesaurus.yaml"
SCHEMA = ROOT / "schemas" / "thesaurus.schema.json"
RELEVANCE = ROOT / "tests" / "relevance"
CASE_IDS = {path.stem for path in (ROOT / "data" / "cases").glob("*.yaml")}

# Stem keys that more than one concept's terms share on purpose. The Danish and English stemmers
# conflate these words; the lookup tells them apart by how close the written term is to the query.
SHARED_STEMS = {
    "da:led": {"leder", "ledig", "ledelse"},  # leder, ledig, ledelse all stem to "led"
    "en:manag": {"leder", "ledelse"},  # manager / management
    "en:account": {"private-raadgivere", "regnskab"},  # accountant / accounting
}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "thesaurus.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def terms_of(found: list[tuple[str, str, str]]) -> set[str]:
    return {term for term, _language, _concept in found}


# -- the bundled thesaurus ------------------------------------------------------------------------


def test_bundled_thesaurus_is_found_and_valid() -> None:
    assert bundled_thesaurus_file() == THESAURUS
    assert validate_thesaurus() == []
    thesaurus = load_thesaurus()
    assert 60 <= len(thesaurus.concepts) <= 120


def test_every_concept_has_two_to_ten_terms_in_both_languages() -> None:
    """Concepts stay small: a longer list of terms is usually two concepts."""
    for concept in load_thesaurus().concepts:
        assert concept.da and concept.en, concept.id
        assert 2 <= len(concept.da) + len(concept.en) <= 10, concept.id


def test_the_file_names_its_schema_for_editors() -> None:
    first = THESAURUS.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/thesaurus.schema.json"
    assert (THESAURUS.parent / "../schemas/thesaurus.schema.json").resolve() == SCHEMA


REQUIRED = {
    # concept id: terms it must link, Danish and English
    "ivaerksaetter": {"iværksætter", "entrepreneur", "start-up"},
    "klynge": {"klynge", "cluster"},
    "erfa-gruppe": {"erfa-gruppe", "ledernetværk", "peer network"},
    "industriel-symbiose": {"industriel symbiose", "circular economy", "affald", "spildstrøm", "waste"},
    "inkubator": {"inkubator", "iværksætterhus", "incubator"},
    "hoereapparat": {"høreapparat", "hearing aid"},
    "hoejttaler": {"højttaler", "loudspeaker"},
    "lyd": {"lyd", "sound", "audio"},
    "foedevarer": {"fødevarer", "food"},
    "offshore": {"offshore"},
    "vindenergi": {"vindmølle", "wind turbine"},
    "maritim": {"maritim", "maritime", "shipping"},
    "mentor": {"mentor", "mentoring"},
    "business-angel": {"business angel"},
    "kapital": {"kapital", "capital"},
    "laan": {"lån", "loan"},
    "netvaerk": {"netværk", "network"},
    "vejledning": {"vejledning", "guidance", "advice"},
    "kompetenceudvikling": {"kompetenceudvikling", "skills development", "training"},
    "internationale-medarbejdere": {"internationale medarbejdere", "expat", "international staff"},
    "aegtefaelle": {"ægtefælle", "spouse"},
    "tiltraekning-af-arbejdskraft": {"tiltrækning af arbejdskraft", "talent attraction"},
    "offentlig-privat-innovation": {"offentlig-privat innovation", "public-private innovation"},
    "ejerskifte": {"ejerskifte", "succession"},
    "eksport": {"eksport", "export"},
    "it": {"it", "IT", "software"},
    "animation": {"animation", "game", "spil"},
    "innovation": {"innovation"},
    "underleverandoer": {"underleverandør", "subcontractor"},
    "akademiker": {"akademiker", "graduate"},
}


@pytest.mark.parametrize("concept_id", sorted(REQUIRED))
def test_required_concepts_link_the_right_terms(concept_id: str) -> None:
    concepts = {concept.id: concept for concept in load_thesaurus().concepts}
    assert concept_id in concepts
    concept = concepts[concept_id]
    assert REQUIRED[concept_id] <= {*concept.da, *concept.en}


def test_terms_are_lower_case_except_acronyms() -> None:
    for concept in load_thesaurus().concepts:
        for term in [*concept.da, *concept.en]:
            for part in term.replace("-", " ").split():
                assert part == part.lower() or part.isupper(), (concept.id, term)


def test_no_two_concepts_share_a_lookup_key_unless_listed() -> None:
    """A shared term is refused by the model; a shared stem must be deliberate (SHARED_STEMS)."""
    holders: dict[str, set[str]] = {}
    for concept in load_thesaurus().concepts:
        for language in ("da", "en"):
            for term in getattr(concept, language):
                for key in match_keys(term, language):
                    holders.setdefault(key, set()).add(concept.id)
    shared = {key: ids for key, ids in holders.items() if len(ids) > 1}
    assert shared == SHARED_STEMS


def test_false_friends_are_kept_out() -> None:
    every = {th.term_key(t) for c in load_thesaurus().concepts for t in [*c.da, *c.en]}
    for word in ("by", "speaker", "kandidat", "udbud", "miljø", "unge", "to"):
        assert th.term_key(word) not in every, word
    assert expansions("by") == []
    assert expansions("success") == []  # "succession" stems to "success" but is no inflection of it
    assert expansions("products") == []  # nor is "productivity"


# -- expansions -----------------------------------------------------------------------------------


def test_expansions_of_an_inflected_danish_word() -> None:
    found = expansions("klynger")
    assert {"cluster", "erhvervsklynge"} <= terms_of(found)
    assert "klynge" not in terms_of(found)  # the query word itself is not an expansion
    assert {concept for _t, _l, concept in found} == {"klynge"}
    assert ("cluster", "en", "klynge") in found


def test_expansions_of_an_inflected_english_word() -> None:
    found = expansions("entrepreneurs")
    assert {"iværksætter", "start-up", "entrepreneurship"} <= terms_of(found)
    assert "entrepreneur" not in terms_of(found)
    assert ("iværksætter", "da", "ivaerksaetter") in found


@pytest.mark.parametrize("query", ["cirkulær økonomi", "circular economy", "Cirkulaer Okonomi"])
def test_expansions_of_circular_economy(query: str) -> None:
    found = expansions(query)
    assert {"industriel symbiose", "affald", "spildstrøm", "waste"} <= terms_of(found)
    assert {concept for _t, _l, concept in found} == {"industriel-symbiose"}


@pytest.mark.parametrize("query", ["erfa-gruppe", "erfagruppe", "Erfa gruppe", "erfa-grupper"])
def test_expansions_of_erfa_gruppe_in_any_spelling(query: str) -> None:
    found = expansions(query)
    assert {"ledernetværk", "peer network"} <= terms_of(found)
    assert "erfa-gruppe" not in terms_of(found)


def test_expansions_of_ivaerksaetterhus() -> None:
    found = expansions("iværksætterhus")
    assert {"inkubator", "incubator", "start-up house"} <= terms_of(found)


@pytest.mark.parametrize("query", ["ivaerksaetter", "ivarksatter", "IVÆRKSÆTTERE", "iværksætteren"])
def test_expansions_of_ascii_and_inflected_spellings(query: str) -> None:
    found = expansions(query)
    assert {"entrepreneur", "start-up"} <= terms_of(found)
    assert "iværksætter" not in terms_of(found)


def test_expansions_of_english_plurals_and_phrases() -> None:
    assert {"høreapparat"} <= terms_of(expansions("hearing aids"))
    assert {"højttaler"} <= terms_of(expansions("loudspeakers"))
    assert {"ægtefælle"} <= terms_of(expansions("spouses"))
    assert {"internationale medarbejdere"} <= terms_of(expansions("expats"))
    assert {"vindmølle"} <= terms_of(expansions("wind turbines"))


def test_stems_that_the_stemmer_conflates_are_told_apart() -> None:
    lookup = default_lookup()
    assert lookup.concepts_of("ledige") == ["ledig"]
    assert lookup.concepts_of("ledere") == ["leder"]
    assert lookup.concepts_of("ledelsen") == ["ledelse"]
    assert lookup.concepts_of("managers") == ["leder"]


def test_it_is_information_technology() -> None:
    assert {"software", "informationsteknologi"} <= terms_of(expansions("IT"))
    assert default_lookup().concepts_of("it") == ["it"]


def test_unknown_and_empty_queries_expand_to_nothing() -> None:
    assert expansions("") == []
    assert expansions("   ") == []
    assert expansions("xyzzy") == []


def test_phrase_expansions_find_terms_inside_a_query() -> None:
    found = default_lookup().phrase_expansions("peer network for directors")
    assert [phrase for phrase, _ in found] == ["peer network", "directors"]
    found = default_lookup().phrase_expansions("tiltrækning af arbejdskraft til it-virksomheder")
    assert [phrase for phrase, _ in found] == ["tiltrækning af arbejdskraft", "it-virksomheder"]


def test_phrase_expansions_leave_the_pronoun_it_alone() -> None:
    lookup = default_lookup()
    assert lookup.phrase_expansions("what is it") == []
    assert [phrase for phrase, _ in lookup.phrase_expansions("IT klynge")] == ["IT", "klynge"]
    assert [phrase for phrase, _ in lookup.phrase_expansions("it-branche")] == ["it-branche"]


def test_a_lookup_over_another_thesaurus(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "concepts:\n  - id: klynge\n    da: [klynge]\n    en: [cluster]\n"
        "  - id: innovation\n    da: [innovation, nytænkning]\n    en: [innovation]\n",
    )
    lookup = Lookup(load_thesaurus(path))
    assert lookup.expansions("clusters") == [("klynge", "da", "klynge")]
    # A word of both languages stands in both lists; the query word itself is left out.
    assert lookup.expansions("nytænkningen") == [
        ("innovation", "da", "innovation"),
        ("innovation", "en", "innovation"),
    ]


# -- validation with positions --------------------------------------------------------------------


def test_a_term_shared_between_concepts_is_refused_naming_both(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "concepts:\n"
        "  - id: klynge\n    da: [klynge]\n    en: [cluster]\n"
        "  - id: netvaerk\n    da: [netværk, Klynge]\n    en: [network]\n",
    )
    findings = validate_thesaurus(path)
    shared = [f for f in findings if "also a term of concept" in f.message]
    assert len(shared) == 1
    assert (shared[0].line, shared[0].col) == (6, 19)
    assert "'netvaerk'" in shared[0].message and "'klynge'" in shared[0].message
    assert shared[0].field == "concepts[1].da[1]"
    assert shared[0].location() == f"{path}:6:19"


def test_a_term_shared_in_any_spelling_is_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "concepts:\n"
        "  - id: erfa\n    da: [erfa-gruppe]\n    en: [peer group]\n"
        "  - id: other\n    da: [erfagruppe]\n    en: [thing]\n",
    )
    (finding,) = validate_thesaurus(path)
    assert "'erfa'" in finding.message and "'other'" in finding.message
    assert (finding.line, finding.col) == (6, 10)


def test_the_model_refuses_a_shared_term_naming_both_ids() -> None:
    from pydantic import ValidationError

    data: dict[str, Any] = {
        "concepts": [
            {"id": "a", "da": ["klynge"], "en": ["cluster"]},
            {"id": "b", "da": ["netværk"], "en": ["cluster"]},
        ]
    }
    with pytest.raises(ValidationError) as caught:
        th.Thesaurus.model_validate(data)
    message = str(caught.value)
    assert "concept 'b'" in message and "concept 'a'" in message


def test_a_bad_id_is_refused_at_its_position(tmp_path: Path) -> None:
    path = write(
        tmp_path, "concepts:\n  - id: Iværksætter_hus\n    da: [iværksætterhus]\n    en: [incubator]\n"
    )
    (finding,) = validate_thesaurus(path)
    assert finding.location() == f"{path}:2:9"
    assert finding.field == "concepts[0].id"
    assert "kebab-case" in finding.message and "ivaerksaetter-hus" in finding.message


def test_a_repeated_id_is_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "concepts:\n  - id: a\n    da: [x]\n    en: [y]\n  - id: a\n    da: [z]\n    en: [w]\n",
    )
    (finding,) = validate_thesaurus(path)
    assert (finding.line, finding.col, finding.field) == (5, 9, "concepts[1].id")
    assert "already used by concepts[0]" in finding.message


def test_a_term_repeated_within_a_language_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "concepts:\n  - id: a\n    da: [klynge, Klynge]\n    en: [cluster]\n")
    messages = [(f.line, f.col, f.message) for f in validate_thesaurus(path)]
    assert (3, 18, "'Klynge' is repeated: it is already da[0]") in messages


def test_a_word_may_stand_in_both_languages_of_one_concept(tmp_path: Path) -> None:
    path = write(
        tmp_path, "concepts:\n  - id: offshore\n    da: [offshore, olie og gas]\n    en: [offshore]\n"
    )
    assert validate_thesaurus(path) == []


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("Klynge", "not lower case"),
        ("tab\\there", "control characters"),
        (" klynge", "start or end with a space"),
        ("", "must not be empty"),
        ("---", "at least one letter or digit"),
    ],
)
def test_bad_terms_are_refused_at_their_position(tmp_path: Path, term: str, expected: str) -> None:
    path = write(tmp_path, f'concepts:\n  - id: a\n    da: [netværk, "{term}"]\n    en: [network]\n')
    findings = validate_thesaurus(path)
    assert [(f.line, f.col, f.field) for f in findings] == [(3, 19, "concepts[0].da[1]")]
    assert expected in findings[0].message


def test_acronyms_keep_their_capitals(tmp_path: Path) -> None:
    path = write(
        tmp_path, "concepts:\n  - id: smv\n    da: [smv, EU-midler]\n    en: [SME, small business]\n"
    )
    assert validate_thesaurus(path) == []


def test_unknown_and_missing_fields_are_located(tmp_path: Path) -> None:
    path = write(tmp_path, "concepts:\n  - id: a\n    da: [x]\n    english: [y]\n")
    messages = {(f.line, f.col, f.message) for f in validate_thesaurus(path)}
    assert (2, 5, "missing required field 'en'") in messages
    assert any(line == 4 and col == 5 and "unknown field 'english'" in m for line, col, m in messages)


def test_a_concept_needs_two_distinct_terms(tmp_path: Path) -> None:
    path = write(tmp_path, "concepts:\n  - id: a\n    da: [design]\n    en: [design]\n")
    (finding,) = validate_thesaurus(path)
    assert "at least two distinct terms" in finding.message


def test_yaml_problems_and_wrong_shapes_are_findings(tmp_path: Path) -> None:
    assert validate_thesaurus(write(tmp_path, "concepts: [\n"))[0].line >= 1
    (finding,) = validate_thesaurus(write(tmp_path, "- a\n- b\n"))
    assert "'concepts:'" in finding.message
    findings = validate_thesaurus(
        write(tmp_path, "concepts:\n  - id: a\n    id: b\n    da: [x]\n    en: [y]\n")
    )
    assert any("duplicate" in f.message.lower() for f in findings)


def test_load_raises_with_every_problem(tmp_path: Path) -> None:
    from erhverv_cli.errors import InvalidDataError, NotFoundError

    path = write(tmp_path, "concepts:\n  - id: A\n    da: [x]\n    en: [y]\n")
    with pytest.raises(InvalidDataError, match=r":2:9: .*not a valid id"):
        load_thesaurus(path)
    with pytest.raises(NotFoundError):
        load_thesaurus(tmp_path / "missing.yaml")


# -- schema and import cost -----------------------------------------------------------------------


def test_committed_schema_is_in_sync_with_the_models() -> None:
    assert SCHEMA.read_text(encoding="utf-8") == thesaurus_schema_text()
    schema = json.loads(thesaurus_schema_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "urn:erhverv:schema:thesaurus:v1"


def test_schema_accepts_the_bundled_file_and_refuses_bad_ones() -> None:
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    assert list(validator.iter_errors(yaml.safe_load(THESAURUS.read_text(encoding="utf-8")))) == []
    bad = {"concepts": [{"id": "Bad Id", "da": ["x\ty"], "en": [], "colour": "red"}]}
    assert len(list(validator.iter_errors(bad))) >= 4


def test_models_have_the_declared_fields() -> None:
    assert list(th.Concept.model_fields) == ["id", "da", "en", "note"]
    assert list(th.Thesaurus.model_fields) == ["concepts"]
    assert th.Concept.model_config.get("extra") == "forbid"
    assert th.Concept.model_config.get("strict") is True
    with pytest.raises(AttributeError):
        _ = th.NoSuchThing  # type: ignore[attr-defined]


def test_importing_the_module_is_cheap() -> None:
    probe = (
        "import sys, erhverv_cli.thesaurus\n"
        "heavy = {'pydantic', 'yaml', 'typer', 'click', 'rich', 'Stemmer', 'rapidfuzz'}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & heavy))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


# -- the judged relevance data --------------------------------------------------------------------


def _queries() -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = yaml.safe_load((RELEVANCE / "queries.yaml").read_text(encoding="utf-8"))
    return loaded


def _similar() -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = yaml.safe_load((RELEVANCE / "similar.yaml").read_text(encoding="utf-8"))
    return loaded


def test_there_are_18_cases() -> None:
    assert len(CASE_IDS) == 18


def test_queries_are_well_formed() -> None:
    queries = _queries()
    seen: set[tuple[str, str]] = set()
    for item in queries:
        assert set(item) == {"lang", "query", "relevant"}, item
        assert item["lang"] in {"da", "en", "ascii", "typo"}, item
        assert isinstance(item["query"], str) and item["query"].strip() == item["query"] != "", item
        relevant = item["relevant"]
        assert isinstance(relevant, list) and relevant, item
        assert len(set(relevant)) == len(relevant), item
        assert set(relevant) <= CASE_IDS, item
        key = (item["lang"], item["query"].casefold())
        assert key not in seen, item
        seen.add(key)


def test_queries_cover_every_kind_in_number() -> None:
    counts = Counter(item["lang"] for item in _queries())
    assert counts["da"] >= 40
    assert counts["en"] >= 36
    assert counts["ascii"] >= 15
    assert counts["typo"] >= 15


def test_ascii_queries_have_no_danish_letters() -> None:
    for item in _queries():
        if item["lang"] == "ascii":
            assert item["query"].isascii(), item


def test_every_case_is_the_first_answer_to_two_english_queries() -> None:
    first = Counter(item["relevant"][0] for item in _queries() if item["lang"] == "en")
    assert {case: first[case] for case in CASE_IDS if first[case] < 2} == {}


def test_every_case_is_relevant_to_some_danish_query() -> None:
    covered = {case for item in _queries() if item["lang"] == "da" for case in item["relevant"]}
    assert covered == CASE_IDS


def test_similar_is_well_formed() -> None:
    similar = _similar()
    assert sorted(item["case"] for item in similar) == sorted(CASE_IDS)
    for item in similar:
        assert set(item) == {"case", "related", "why"}, item
        related = item["related"]
        assert len(related) == 3 and len(set(related)) == 3, item
        assert set(related) <= CASE_IDS, item
        assert item["case"] not in related, item
        assert isinstance(item["why"], str) and len(item["why"].split()) >= 10, item


def test_relevance_data_is_in_our_own_words() -> None:
    tool = ROOT.parent.parent / "shared" / "tools" / "verbatim-check"
    if not tool.exists():
        tool = Path("/work/shared/tools/verbatim-check")
    if not tool.exists():
        pytest.skip("the shared verbatim-check tool is not available")
    done = subprocess.run(
        [sys.executable, str(tool), str(THESAURUS), str(RELEVANCE)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout
