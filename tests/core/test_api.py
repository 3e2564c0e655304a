"""The Python API for notebooks (erhverv_cli.api), on the real corpus."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, ROOT

from erhverv_cli import api
from erhverv_cli.errors import NotFoundError, UsageError


@pytest.fixture(scope="module")
def corpus() -> Iterator[api.Corpus]:
    with api.load_corpus(CORPUS, cache=False) as loaded:
        yield loaded


@pytest.fixture
def no_default(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No default corpus loaded by an earlier test; the one this test loads is closed after it."""
    monkeypatch.setattr(api, "_default", None)
    yield
    if api._default is not None:
        api._default.close()


def _ids(items: list[Any]) -> list[str]:
    return [item.case.id if hasattr(item, "case") else item.id for item in items]


# -- importing ---------------------------------------------------------------------------------

PROBE = """
import json, sys
from erhverv_cli import api
import erhverv_cli.api
before = sorted(sys.modules)
if sys.argv[1] == "use":
    corpus = api.load_corpus(sys.argv[2], cache=False)
    api.find("netværk", corpus=corpus, municipality="Koge")[0].snippet
    api.similar(6, corpus=corpus)
    api.compare(6, 13, corpus=corpus)
print(json.dumps([before, sorted(sys.modules)]))
"""
TERMINAL = {"typer", "click", "rich"}


def _loaded(*args: str) -> tuple[set[str], set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True, cwd=ROOT
    )
    before, after = json.loads(done.stdout)
    return {name.split(".")[0] for name in before} | set(before), {name.split(".")[0] for name in after}


def test_import_is_cheap_and_needs_no_terminal_modules() -> None:
    loaded, _ = _loaded("import")
    assert not loaded & TERMINAL
    heavy = {"pandas", "yaml", "pydantic", "Stemmer", "rapidfuzz", "sqlite3", "erhverv_cli.search.engine"}
    assert not loaded & heavy


def test_using_the_api_needs_no_terminal_modules() -> None:
    _, loaded = _loaded("use", str(CORPUS))
    assert "sqlite3" in loaded  # the probe really used the corpus
    assert not loaded & TERMINAL


# -- loading -----------------------------------------------------------------------------------


def test_load_corpus_by_explicit_path(corpus: api.Corpus) -> None:
    assert corpus.path == CORPUS
    assert corpus.warnings == []
    assert len(corpus) == 18
    cases = list(corpus)
    assert [case.number for case in cases] == list(range(1, 19))  # catalogue order
    assert corpus.cases == cases
    assert all(isinstance(case, api.Case) for case in cases)
    assert repr(corpus) == f"<Corpus 18 cases in {CORPUS}>"


def test_load_corpus_from_a_string_path_with_the_cache(tmp_path: Path) -> None:
    with api.load_corpus(str(CORPUS)) as first, api.load_corpus(str(CORPUS)) as second:
        assert len(first) == len(second) == 18


def test_load_corpus_finds_the_corpus_as_the_cli_does(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(ROOT / "erhverv_cli")  # data/cases is found in a parent folder
    with api.load_corpus() as found:
        assert found.path == CORPUS
        assert found.location.origin == "folder"
    copy = shutil.copytree(CORPUS, tmp_path / "cases")
    monkeypatch.setenv("ERHVERV_DATA_DIR", str(copy))
    with api.load_corpus() as found:
        assert found.path == copy
        assert found.location.origin == "environment"


def test_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    """As in the CLI (exit 2): a folder that is not there is a wrong argument, not an empty search."""
    with pytest.raises(UsageError, match="does not exist"):
        api.load_corpus(tmp_path / "nowhere")


def test_problems_in_the_corpus_are_warnings_listed_and_issued(tmp_path: Path) -> None:
    folder = shutil.copytree(CORPUS, tmp_path / "cases")
    (folder / "broken.yaml").write_text("id: broken\ntitle: Titel\n", encoding="utf-8")
    text = (folder / "silkeborg-valley.yaml").read_text(encoding="utf-8")
    (folder / "silkeborg-valley-2.yaml").write_text(
        text.replace("id: silkeborg-valley", "id: silkeborg-valley-2"), encoding="utf-8"
    )
    with pytest.warns(api.CorpusWarning) as issued, api.load_corpus(folder, cache=False) as loaded:
        assert len(loaded) == 19  # the broken file is left out, both duplicates kept
    assert [str(warning.message) for warning in issued] == loaded.warnings
    assert len(loaded.warnings) == 2
    assert loaded.warnings[0].startswith(f"skipped {folder / 'broken.yaml'}:")
    assert loaded.warnings[1].startswith("number 13 is used by 2 files")


def test_a_closed_corpus_says_so() -> None:
    loaded = api.load_corpus(CORPUS, cache=False)
    loaded.close()
    loaded.close()  # closing twice is harmless
    assert repr(loaded).startswith("<Corpus closed")
    with pytest.raises(UsageError, match="closed"):
        len(loaded)


def test_an_empty_corpus_is_used_not_replaced_by_the_default(tmp_path: Path, no_default: None) -> None:
    (tmp_path / "empty").mkdir()
    with api.load_corpus(tmp_path / "empty", cache=False) as empty:
        assert len(empty) == 0
        assert api.find(corpus=empty) == []
    assert api._default is None


def test_the_default_corpus_is_loaded_once(monkeypatch: pytest.MonkeyPatch, no_default: None) -> None:
    monkeypatch.chdir(ROOT)
    assert len(api.find("netværk")) > 0
    first = api.default_corpus()
    assert first.path == CORPUS
    api.get(6)
    api.similar(6)
    assert api.default_corpus() is first
    first.close()
    assert api.default_corpus() is not first  # a closed default is loaded again


# -- find --------------------------------------------------------------------------------------


def test_find_with_words_ranks_and_explains(corpus: api.Corpus) -> None:
    found = api.find("netværk", corpus=corpus)
    assert found.total == len(found) > 3
    assert all(isinstance(match, api.Match) for match in found)
    scores = [match.score for match in found]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0
    assert "netværk" in found[0].snippet.lower()


def test_find_without_words_lists_in_catalogue_order(corpus: api.Corpus) -> None:
    found = api.find(corpus=corpus)
    assert [match.case.number for match in found] == list(range(1, 19))
    assert {match.score for match in found} == {0.0}
    assert {match.snippet for match in found} == {""}


def test_filters_are_spelled_as_in_the_cli(corpus: api.Corpus) -> None:
    koge = api.find(corpus=corpus, municipality="Koge")
    assert _ids(koge) == ["koege-erhvervsservice-knudepunkt"]
    assert api.find(corpus=corpus, municipality="Køge") == koge
    assert api.find("netværk", corpus=corpus, municipality="koge") == api.find(
        "netværk", corpus=corpus, municipality=["Køge"]
    )
    north = api.find(corpus=corpus, region="nordjylland")
    assert north and all("Region Nordjylland" in match.case.regions for match in north)
    either = api.find(corpus=corpus, municipality=["Aalborg", "Struer"])  # a list: any of them
    assert _ids(either) == ["aalborg-virksomhedskontakt", "lydens-by-struer"]
    both = api.find(corpus=corpus, type="fokuseret", region="Syddanmark")  # facets: all of them
    assert both and all(m.case.type == "fokuseret" and "Region Syddanmark" in m.case.regions for m in both)


def test_since_and_until_bound_the_start_year(corpus: api.Corpus) -> None:
    found = api.find(corpus=corpus, since=2011, until=2012)
    assert found and all(match.case.started in (2011, 2012) for match in found)
    with pytest.raises(UsageError, match="since 2013 is after until 2010"):
        api.find(corpus=corpus, since=2013, until=2010)
    with pytest.raises(UsageError, match="since must be a whole number"):
        api.find(corpus=corpus, since="2010")  # type: ignore[arg-type]


def test_unknown_values_and_filters_are_usage_errors_with_suggestions(corpus: api.Corpus) -> None:
    with pytest.raises(UsageError, match=r"^municipality: unknown value 'Kogee' \(did you mean 'Køge'\?\)"):
        api.find(corpus=corpus, municipality="Kogee")
    with pytest.raises(UsageError, match=r"unknown filter 'instrumnet' \(did you mean 'instrument'\?\)"):
        api.find(corpus=corpus, instrumnet="netværk")
    with pytest.raises(UsageError, match=r"unknown filter 'kommune' \(did you mean 'municipality'\?\)"):
        api.find(corpus=corpus, kommune="Køge")
    with pytest.raises(UsageError, match="type takes text or a list of text"):
        api.find(corpus=corpus, type=3)  # type: ignore[arg-type]


def test_sort_and_limit(corpus: api.Corpus) -> None:
    newest = api.find(corpus=corpus, sort="-year", limit=3)
    assert len(newest) == 3 and newest.total == 18
    years = [match.case.started for match in newest]
    assert years == sorted(years, reverse=True)  # type: ignore[type-var]
    by_title = api.find("netværk", corpus=corpus, sort="title")
    titles = [match.case.title for match in by_title]
    assert len(titles) > 1 and titles != [m.case.title for m in api.find("netværk", corpus=corpus)]
    assert api.find(corpus=corpus, limit=0) == [] and api.find(corpus=corpus, limit=0).total == 18
    with pytest.raises(UsageError, match="unknown sort 'bogus'"):
        api.find(corpus=corpus, sort="bogus")
    with pytest.raises(UsageError, match="limit must be a whole number"):
        api.find(corpus=corpus, limit=-1)


# -- get, similar, compare ---------------------------------------------------------------------


def test_get_by_number_id_case_and_item(corpus: api.Corpus) -> None:
    case = api.get(13, corpus=corpus)
    assert case.id == "silkeborg-valley" and case.number == 13
    assert api.get("13", corpus=corpus) == case
    assert api.get("silkeborg-valley", corpus=corpus) == case
    assert api.get(case, corpus=corpus) == case
    assert corpus[13] == corpus["silkeborg-valley"] == case
    assert case.record["id"] == case.id and case.municipalities == ("Silkeborg",)
    assert repr(case) == "Case(13, 'silkeborg-valley', 'Silkeborg Valley')"
    assert len({case, api.get(13, corpus=corpus)}) == 1  # hashable, equal by value


def test_get_unknown_cases(corpus: api.Corpus) -> None:
    with pytest.raises(NotFoundError, match="no case '99'"):
        api.get(99, corpus=corpus)
    assert corpus["Koge"].id == "koege-erhvervsservice-knudepunkt"  # a unique part of the id
    with pytest.raises(NotFoundError, match="did you mean 'lydens-by-struer'"):
        corpus["struer-x"]
    for wrong in ("", True, 2.0):
        with pytest.raises(UsageError, match="give a case"):
            api.get(wrong, corpus=corpus)  # type: ignore[arg-type]


def test_similar_gives_scores_and_reasons(corpus: api.Corpus) -> None:
    related = api.similar(6, corpus=corpus)
    assert len(related) == 5 and all(isinstance(item, api.Related) for item in related)
    assert "ledernetvaerk-middelfart" not in _ids(related)
    scores = [item.score for item in related]
    assert scores == sorted(scores, reverse=True)
    assert related[0].shared.get("instrument")
    from erhverv_cli.search.facets import SIMILAR_FACETS

    assert set().union(*(item.shared for item in related)) <= {*(f.key for f in SIMILAR_FACETS), "concepts"}
    assert api.similar(api.get(6, corpus=corpus), limit=2, corpus=corpus) == related[:2]


def test_compare_marks_what_cases_share(corpus: api.Corpus) -> None:
    comparison = api.compare(6, "silkeborg-valley", corpus=corpus)
    assert _ids(list(comparison.cases)) == ["ledernetvaerk-middelfart", "silkeborg-valley"]
    rows = {row.field: row for row in comparison.fields}
    assert rows["type"].values == (("fokuseret",), ("erhvervsudvikling",))
    assert rows["type"].shared == ()
    assert "netværk" in rows["instruments"].shared
    assert comparison.shared["instruments"] == list(rows["instruments"].shared)
    assert set(comparison.shared) <= set(rows)
    with pytest.raises(UsageError, match="two or more"):
        api.compare(6, corpus=corpus)
    with pytest.raises(UsageError, match="the same case is given twice"):
        api.compare(6, "ledernetvaerk-middelfart", corpus=corpus)


# -- DataFrames --------------------------------------------------------------------------------


def test_to_dataframe_one_row_per_case(corpus: api.Corpus) -> None:
    pytest.importorskip("pandas")
    frame = api.find("netværk", corpus=corpus).to_dataframe()
    assert list(frame.columns[:4]) == ["number", "id", "title", "type"]
    assert list(frame.columns[-2:]) == ["score", "snippet"]
    assert len(frame) == frame["id"].nunique() == api.find("netværk", corpus=corpus).total
    assert isinstance(frame.loc[0, "municipalities"], list)  # lists stay lists
    assert str(frame["started"].dtype) == "Int64"  # a missing year is <NA>, not 2003.0
    cases = api.to_dataframe(corpus)
    assert len(cases) == 18 and "score" not in cases.columns
    related = api.similar(6, corpus=corpus).to_dataframe()
    assert list(related.columns[-2:]) == ["score", "shared"]
    assert isinstance(related.loc[0, "shared"], dict)


def test_an_empty_result_still_has_its_columns(corpus: api.Corpus) -> None:
    pytest.importorskip("pandas")
    frame = api.find("zzzqqq", corpus=corpus).to_dataframe()
    assert frame.empty and list(frame.columns[-2:]) == ["score", "snippet"]


def test_a_comparison_as_a_dataframe(corpus: api.Corpus) -> None:
    pytest.importorskip("pandas")
    frame = api.compare(6, 13, corpus=corpus).to_dataframe()
    assert list(frame.columns) == ["label", "ledernetvaerk-middelfart", "silkeborg-valley", "shared"]
    assert frame.index.name == "field"
    assert frame.loc["type", "silkeborg-valley"] == ["erhvervsudvikling"]
    assert "netværk" in frame.loc["instruments", "shared"]


def test_without_pandas_the_error_says_what_to_install(
    corpus: api.Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # what `import pandas` makes of a missing package
    found = api.find(corpus=corpus, limit=2)
    for convert in (found.to_dataframe, api.compare(6, 13, corpus=corpus).to_dataframe):
        with pytest.raises(ImportError, match=r"pip install 'erhverv\[pandas\]'"):
            convert()


def test_nothing_is_printed(corpus: api.Corpus, capsys: pytest.CaptureFixture[str]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        api.find("netværk", corpus=corpus, type="fokuseret")
        api.similar(6, corpus=corpus)
        with pytest.raises(NotFoundError):
            api.get(99, corpus=corpus)
    assert capsys.readouterr() == ("", "")
