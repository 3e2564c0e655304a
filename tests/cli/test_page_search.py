"""The HTML catalogue searches exactly like `erhverv find`, checked in a real headless Chromium.

One page load answers every query: the test sets the search box (and the type or region filter)
through JavaScript, lets the page react as to typing, and reads the cases it shows in order. They
must be the ids `erhverv_cli.search.engine.search` returns for the same query and filters: all
judged queries of tests/relevance/queries.yaml (Danish, English, ASCII spellings, typos) and
the query language, each without and with a filter. The page's Snowball stemmers, its analysis
of words and its edit distance are held equal to PyStemmer, the index's analysis and rapidfuzz.

Uses Debian's chromium and chromedriver through Selenium, as tests/cli/test_export_browser.py does;
without them the browser tests are skipped (and fail where CI sets ERHVERV_REQUIRE_BROWSER=1).
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import headless
import pytest
import yaml
from conftest import CORPUS, ROOT, invoke

from erhverv_cli.export import export_html
from erhverv_cli.render.page_index import page_index, page_index_json
from erhverv_cli.search.analysis import WORD, _stemmers, parts, word_term
from erhverv_cli.search.engine import Filters, list_cases, search
from erhverv_cli.search.index import CorpusIndex

# Selenium's locator names (selenium.webdriver.common.by.By), so this module imports without it.
CSS, ID = "css selector", "id"


JUDGED = [
    entry["query"] for entry in yaml.safe_load((ROOT / "tests/relevance/queries.yaml").read_text("utf-8"))
]
# The query language, and what people type by accident.
LANGUAGE = [
    '"maritime klynge"', "netværk -klynge", "kly*", "title:klynge", '"', 'klynge "',
    '-"maritime klynge" klynge', '"klynge"', "-klynge", "iværksætter*", "kommune:Vejle",
    "english:cluster", "titel:netværk iværksættere", "it-klynge", "IT klynge", "Koege", "vaeksthus",
    "Vaekstfabrik", "klyngeudviklng", "ledelsesnetværk", "foo:bar klynge", "og", "the and of", "it",
    "circular economy", "start-up", "SMEs", "(klynge),", "x*",
]  # fmt: skip
TYPES = ("basal", "fokuseret", "erhvervsudvikling")
REGIONS = ("Region Syddanmark", "Region Midtjylland", "Region Nordjylland", "Region Hovedstaden")

# The ids of the cases the page shows, in the order it shows them.
READ = """
return Array.from(document.querySelectorAll('article.case'))
  .filter(function (a) { return a.offsetParent !== null; })
  .map(function (a) { return a.getAttribute('data-id'); });
"""
# For each form: set it as a person would leave it, fire the event typing fires, read the page.
SHOW = (
    """
function shown() {"""
    + READ
    + """}
return arguments[0].map(function (form) {
  document.getElementById('q').value = form.q;
  document.getElementById('type').value = form.type;
  document.getElementById('region').value = form.region;
  document.getElementById('q').dispatchEvent(new Event('input', {bubbles: true}));
  return shown();
});
"""
)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    yield from headless.session(tmp_path_factory.mktemp("chromium-profile"))


def _wait_for(browser: Any, condition: Callable[[], bool]) -> None:
    """Until condition holds (a page's own tasks run after the action that queued them)."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, timeout=5, poll_frequency=0.05).until(lambda _driver: condition())


@pytest.fixture(scope="module")
def page_file(index: CorpusIndex, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The catalogue of every case, made by the exporter `erhverv export` calls."""
    target = tmp_path_factory.mktemp("page") / "katalog.html"
    target.write_text(export_html(list_cases(index)), encoding="utf-8")
    return target


@pytest.fixture
def page(browser: Any, page_file: Path) -> Any:
    """The catalogue open in the browser (loaded once, and again after a test went elsewhere)."""
    if urlsplit(browser.current_url).path != urlsplit(page_file.as_uri()).path:
        browser.get(page_file.as_uri())
    return browser


def _probes(index: CorpusIndex) -> list[str]:
    """Misspellings of index terms of every length (one and two letters off, swapped, dropped,
    doubled, a wrong ending): the typo correction's edit limits, candidates and ties at work."""
    generator = random.Random(11)
    terms = sorted(term for term in index.terms() if term.isalpha() and 4 <= len(term) <= 14)
    out = []
    for term in generator.sample(terms, 80):
        i = generator.randrange(1, len(term) - 1)
        edits = [
            term[:i] + term[i + 1] + term[i] + term[i + 2 :],  # swapped neighbours
            term[:i] + term[i + 1 :],  # a letter dropped
            term[:i] + "x" + term[i + 1 :] + "e",  # a wrong letter and an ending
            term[:i] + "q" + term[i:] + "rs",  # an extra letter and a longer ending
        ]
        out.append(edits[generator.randrange(len(edits))])
    return out


def _errors(driver: Any) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def _cli(index: CorpusIndex, query: str, case_type: str = "", region: str = "") -> list[str]:
    filters = Filters(type=(case_type,) if case_type else (), region=(region,) if region else ())
    return [hit.record["id"] for hit in search(index, query, filters)]


def _shown_all(driver: Any, views: list[tuple[str, str, str]]) -> list[list[str]]:
    """What the page shows for each (query, type, region), all in one round trip."""
    forms = [{"q": query, "type": case_type, "region": region} for query, case_type, region in views]
    shown: list[list[str]] = driver.execute_script(SHOW, forms)
    return shown


def _shown(driver: Any, query: str, case_type: str = "", region: str = "") -> list[str]:
    return _shown_all(driver, [(query, case_type, region)])[0]


# -- the same index -----------------------------------------------------------------------------


def test_the_embedded_index_is_the_cli_index(index: CorpusIndex) -> None:
    """What the page carries equals what `erhverv find` reads: terms per case in order, the
    vocabulary with document counts, average column lengths and the analysed thesaurus."""
    records = list_cases(index)
    data = page_index(records)
    assert data["vocabulary"] == index.terms()
    assert data["averages"] == list(index.average_lengths().values())
    assert data["thesaurus"] == index.thesaurus().rows()
    assert [doc["id"] for doc in data["docs"]] == [record["id"] for record in records]
    for doc in data["docs"]:
        rowid = index.rowids("id", doc["id"])[0]
        assert " ".join(doc["terms"]).split() == index.doc_terms(rowid)
        assert doc["lengths"] == [len(text.split()) for text in doc["terms"]]
    embedded = page_index_json(records)
    assert "<" not in embedded and json.loads(embedded) == data


# -- the same analysis ---------------------------------------------------------------------------


def _words() -> list[str]:
    """Every word (and hyphenated piece, and compound written as one) of the cases and queries."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.yaml"))]
    texts += JUDGED + LANGUAGE
    found: set[str] = set()
    for text in texts:
        for token in WORD.findall(text):
            pieces = parts(token)
            found.update(pieces)
            found.add("".join(pieces))
    return sorted(found)


def test_js_stemmers_give_pystemmers_stems(page: Any) -> None:
    danish, english = _stemmers()
    words = [word.casefold() for word in _words()]
    assert len(words) > 4000
    for stemmer, is_english in ((danish, False), (english, True)):
        expected = [stemmer.stemWord(word) for word in words]
        got = page.execute_script(
            "return window.erhvervSearch.stems(arguments[0], arguments[1])", words, is_english
        )
        wrong = [(word, js, py) for word, js, py in zip(words, got, expected, strict=True) if js != py]
        assert wrong == [], f"{'English' if is_english else 'Danish'}: {wrong[:20]}"


def test_js_analysis_gives_the_index_terms(page: Any) -> None:
    """analysis.word_term (casefold, ae/oe/aa, stemmer, fold, stopwords, acronyms) word for word."""
    words = _words()
    for is_english in (False, True):
        expected = [word_term(word, is_english) for word in words]
        got = page.execute_script(
            "return window.erhvervSearch.terms(arguments[0], arguments[1])", words, is_english
        )
        wrong = [(word, js, py) for word, js, py in zip(words, got, expected, strict=True) if js != py]
        assert wrong == [], wrong[:20]


def test_js_edit_distance_is_rapidfuzz_damerau_levenshtein(page: Any, index: CorpusIndex) -> None:
    from rapidfuzz.distance import DamerauLevenshtein

    generator = random.Random(7)
    terms = sorted(index.terms())
    pairs = [(generator.choice(terms), generator.choice(terms)) for _ in range(300)]
    for term in generator.sample(terms, 300):  # near misses: swaps, drops, doubles, far swaps
        letters = list(term)
        i, j = sorted(generator.sample(range(len(letters)), 2)) if len(letters) > 1 else (0, 0)
        letters[i], letters[j] = letters[j], letters[i]
        pairs += [(term, "".join(letters)), (term, term[:i] + term[i + 1 :]), (term, term + term[-1])]
    got = page.execute_script(
        "return arguments[0].map(function (p) { return window.erhvervSearch.distance(p[0], p[1]); })", pairs
    )
    assert got == [DamerauLevenshtein.distance(a, b) for a, b in pairs]


# -- the same results ----------------------------------------------------------------------------


def test_page_shows_what_erhverv_find_finds(page: Any, index: CorpusIndex) -> None:
    views = []
    for number, query in enumerate(JUDGED + LANGUAGE + _probes(index)):
        views += [(query, "", ""), (query, TYPES[number % len(TYPES)], "")]
        if number % 5 == 0:
            views.append((query, "", REGIONS[number % len(REGIONS)]))
    expected = [_cli(index, *view) for view in views]
    shown = _shown_all(page, views)
    wrong = [(view, s, e) for view, s, e in zip(views, shown, expected, strict=True) if s != e]
    assert wrong == [], "\n".join(f"{v!r}\n page {s}\n cli  {e}" for v, s, e in wrong[:10])
    assert sum(bool(ids) for ids in expected) > len(JUDGED)  # real result lists, not empty ones
    assert _errors(page) == []


def test_page_scores_like_erhverv_find(page: Any, index: CorpusIndex) -> None:
    """Not only the order: each case's score and the number of query words it holds are the CLI's
    (scores as `find` shows them, to 4 decimals), so a ranking difference cannot hide behind an
    order that happens to agree."""
    wrong = []
    for query in JUDGED + LANGUAGE + _probes(index):
        expected = [(hit.record["id"], hit.score, hit.words) for hit in search(index, query)]
        got = page.execute_script("return window.erhvervSearch.scored(arguments[0])", query)
        shown = [(case_id, round(score, 4), words) for case_id, score, words in got]
        close = len(shown) == len(expected) and all(
            a[0] == b[0] and a[2] == b[2] and abs(a[1] - b[1]) <= 1e-4
            for a, b in zip(shown, expected, strict=True)
        )
        if not close:
            wrong.append((query, shown, expected))
    assert wrong == [], "\n".join(f"{q!r}\n page {s}\n cli  {e}" for q, s, e in wrong[:10])


def test_an_empty_query_shows_the_catalogue_in_its_order(page: Any, index: CorpusIndex) -> None:
    everything = [record["id"] for record in list_cases(index)]
    _shown(page, "klynge")
    assert _shown(page, "   ") == everything
    assert _shown(page, "", "fokuseret") == [r["id"] for r in list_cases(index, Filters(type=("fokuseret",)))]
    sections = page.find_elements(CSS, "section.type")
    assert [s.is_displayed() for s in sections] == [False, True, False]
    assert not page.find_element(ID, "results").is_displayed()


def test_a_query_that_finds_nothing_says_so(page: Any) -> None:
    assert _shown(page, "og") == []
    assert page.find_element(ID, "none").is_displayed()
    assert page.find_element(ID, "count").text == f"Viser 0 af {len(list(CORPUS.glob('*.yaml')))} cases"


# -- the address -------------------------------------------------------------------------------


def test_query_and_filters_come_from_the_address(
    browser: Any, runner: Any, tmp_path: Path, index: CorpusIndex
) -> None:
    target = tmp_path / "page.html"
    result: Any = invoke(runner, "export", "--format", "html", "--output", str(target))
    assert result.exit_code == 0, result.output
    browser.get(target.as_uri() + "?q=klynge&type=fokuseret")
    shown = browser.execute_script(READ)
    expected = _cli(index, "klynge", "fokuseret")
    assert expected and shown == expected
    assert browser.find_element(ID, "q").get_attribute("value") == "klynge"
    assert browser.find_element(ID, "type").get_attribute("value") == "fokuseret"


def test_the_address_follows_the_form(browser: Any, page_file: Path, index: CorpusIndex) -> None:
    browser.get(page_file.as_uri() + "?region=Region%20Syddanmark")
    assert browser.find_element(ID, "region").get_attribute("value") == "Region Syddanmark"
    box = browser.find_element(ID, "q")
    box.send_keys("iværksættere")
    address = urlsplit(browser.current_url)
    assert address.path == urlsplit(page_file.as_uri()).path
    assert parse_qs(address.query) == {"q": ["iværksættere"], "region": ["Region Syddanmark"]}
    shared = browser.current_url
    browser.get("about:blank")
    browser.get(shared)  # the link opens the same view
    assert browser.execute_script(READ) == _cli(index, "iværksættere", "", "Region Syddanmark")
    browser.find_element(CSS, "button[type=reset]").click()
    # The page applies a reset once the browser has cleared the form (a task after the event).
    _wait_for(browser, lambda: urlsplit(browser.current_url).query == "")


def test_without_javascript_every_case_shows(browser: Any, page_file: Path) -> None:
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        browser.get(page_file.as_uri() + "?q=klynge")
        articles = browser.find_elements(CSS, "article.case")
        assert len(articles) == len(list(CORPUS.glob("*.yaml")))
        assert all(article.is_displayed() for article in articles)
        assert not browser.find_element(ID, "filters").is_displayed()
    finally:
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
