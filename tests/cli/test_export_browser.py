"""The HTML catalogue in a real headless Chromium: filters, search, layout on a phone and a desktop.

Uses Debian's chromium and chromedriver packages (`apt-get install chromium chromium-driver`)
through Selenium; nothing is downloaded. The tests are skipped when either is missing.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import headless
import pytest
import yaml
from conftest import CORPUS, invoke

from erhverv_cli.folding import fold
from erhverv_cli.search.engine import Filters, list_cases, search
from erhverv_cli.search.index import CorpusIndex

headless.require(module_level=True)
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

CASES = sorted(
    (yaml.safe_load(path.read_text(encoding="utf-8")) for path in CORPUS.glob("*.yaml")),
    key=lambda case: case["number"],
)
TRANSLITERATION: dict[str, str | int | None] = {
    "æ": "ae",
    "ø": "oe",
    "å": "aa",
    "Æ": "Ae",
    "Ø": "Oe",
    "Å": "Aa",
}
WIDTHS = {"phone": (375, 812, True), "desktop": (1280, 900, False)}


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    yield from headless.session(tmp_path_factory.mktemp("chromium-profile"))


@pytest.fixture
def page(runner: Any, tmp_path: Path, browser: Any) -> Any:
    """The catalogue rendered by the CLI into tmp_path and opened at desktop width."""
    target = tmp_path / "katalog.html"
    result: Any = invoke(runner, "export", "--format", "html", "--output", str(target))
    assert result.exit_code == 0, result.output
    _viewport(browser, "desktop")
    browser.get(target.as_uri())
    browser.get_log("browser")  # start each test with an empty console log
    return browser


def _viewport(driver: Any, name: str) -> None:
    width, height, mobile = WIDTHS[name]
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
    )


def _shown_numbers(driver: Any) -> list[int]:
    articles = driver.find_elements(By.CSS_SELECTOR, "article.case")
    return [int(article.get_attribute("data-number")) for article in articles if article.is_displayed()]


def _search(driver: Any, text: str) -> None:
    box = driver.find_element(By.ID, "q")
    box.clear()
    box.send_keys(text)


def _errors(driver: Any) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


# -- filters and search ------------------------------------------------------------------------


def test_page_loads_without_errors_or_network(page: Any) -> None:
    assert _shown_numbers(page) == [case["number"] for case in CASES]
    assert page.execute_script("return performance.getEntriesByType('resource').length") == 0
    assert page.find_element(By.ID, "count").text == f"Viser {len(CASES)} af {len(CASES)} cases"
    assert _errors(page) == []


@pytest.mark.parametrize("case_type", ["basal", "fokuseret", "erhvervsudvikling"])
def test_type_filter_shows_exactly_that_type(page: Any, case_type: str) -> None:
    Select(page.find_element(By.ID, "type")).select_by_value(case_type)
    expected = [case["number"] for case in CASES if case["type"] == case_type]
    assert _shown_numbers(page) == expected
    hidden = [article for article in page.find_elements(By.CSS_SELECTOR, "article.case")
              if article.get_attribute("data-type") != case_type]  # fmt: skip
    assert hidden and not any(article.is_displayed() for article in hidden)
    sections = {
        s.get_attribute("data-type"): s.is_displayed() for s in page.find_elements(By.TAG_NAME, "section")
    }
    assert sections == {name: name == case_type for name in sections}
    assert page.find_element(By.ID, "count").text == f"Viser {len(expected)} af {len(CASES)} cases"


def test_fokuseret_is_cases_five_to_eleven(page: Any) -> None:
    """The catalogue's chapter 3 holds cases 5-11; the page must show exactly those."""
    Select(page.find_element(By.ID, "type")).select_by_value("fokuseret")
    assert _shown_numbers(page) == [case["number"] for case in CASES if case["type"] == "fokuseret"]
    assert _shown_numbers(page) == list(range(5, 12))


def test_region_filter_matches_the_engine(page: Any) -> None:
    index = CorpusIndex.open(CORPUS, use_cache=False)
    regions = [o.get_attribute("value") for o in page.find_elements(By.CSS_SELECTOR, "#region option")]
    assert len(regions) > 2
    for region in filter(None, regions):
        Select(page.find_element(By.ID, "region")).select_by_value(region)
        expected = [record["number"] for record in list_cases(index, Filters(region=(region,)))]
        assert _shown_numbers(page) == expected, region


def _spellings(word: str) -> dict[str, str]:
    return {
        "as written": word,
        "ae/oe/aa": word.translate(str.maketrans(TRANSLITERATION)),
        "plain vowels": word.translate(str.maketrans("æøåÆØÅ", "aoaAOA")),
    }


def _unique_summary_word(driver: Any, danish: bool) -> tuple[int, str]:
    """A word of one case's summary that `erhverv find` finds in that case alone (however it is
    spelt: with æ/ø/å, as ae/oe/aa or with plain vowels)."""
    index = CorpusIndex.open(CORPUS, use_cache=False)
    for case in CASES:
        for word in re.findall(r"[^\W\d_]{6,}", case["summary"]):
            if danish != bool(re.search("[æøåÆØÅ]", word)):
                continue
            spellings = _spellings(word).values()
            found = [[hit.record["number"] for hit in search(index, typed)] for typed in spellings]
            if all(numbers == [case["number"]] for numbers in found):
                return case["number"], word
    raise AssertionError("no case has a summary word of its own")


def test_search_finds_a_case_by_a_word_of_its_summary(page: Any) -> None:
    number, word = _unique_summary_word(page, danish=False)
    _search(page, word.upper())
    assert _shown_numbers(page) == [number]
    _search(page, "")
    assert len(_shown_numbers(page)) == len(CASES)


@pytest.mark.parametrize("spelling", ["as written", "ae/oe/aa", "plain vowels"])
def test_search_tolerates_danish_letters_typed_in_ascii(page: Any, spelling: str) -> None:
    number, word = _unique_summary_word(page, danish=True)
    typed = _spellings(word)[spelling]
    _search(page, typed)
    assert _shown_numbers(page) == [number], typed


def test_search_words_combine_with_the_type_filter(page: Any) -> None:
    number, word = _unique_summary_word(page, danish=False)
    other = next(
        case["type"] for case in CASES if case["number"] != number and case["type"] != _type_of(number)
    )
    _search(page, word)
    Select(page.find_element(By.ID, "type")).select_by_value(other)
    assert _shown_numbers(page) == []
    assert page.find_element(By.ID, "none").is_displayed()
    page.find_element(By.CSS_SELECTOR, "button[type=reset]").click()
    # The page applies a reset once the browser has cleared the form (a task after the event).
    WebDriverWait(page, timeout=5, poll_frequency=0.05).until(
        lambda driver: len(_shown_numbers(driver)) == len(CASES)
    )
    assert not page.find_element(By.ID, "none").is_displayed()


def _type_of(number: int) -> str:
    return str(next(case["type"] for case in CASES if case["number"] == number))


FOLDING_SAMPLES = [
    "Køge",
    "KOEGE",
    "Koge",
    "Århus",
    "Aarhus",
    "Lyngby-Taarbæk",
    "Ærø",
    "væksthus",
    "Müller café",
]


@pytest.mark.parametrize("text", FOLDING_SAMPLES)
def test_page_folds_like_the_cli(page: Any, text: str) -> None:
    assert page.execute_script("return window.erhvervFold(arguments[0])", text) == fold(text)


# -- layout --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(WIDTHS))
def test_no_horizontal_overflow(page: Any, tmp_path: Path, name: str) -> None:
    _viewport(page, name)
    page.refresh()
    width = WIDTHS[name][0]
    assert page.execute_script("return window.innerWidth") == width
    overflow = "return [document.documentElement.scrollWidth, window.innerWidth]"
    scroll_width, inner_width = page.execute_script(overflow)
    assert scroll_width <= inner_width
    shot = tmp_path / f"katalog-{width}.png"
    assert page.save_screenshot(str(shot))
    assert _png_size(shot)[0] == width
    # with every case unfolded (facts, sections, figures) nothing may stick out either
    page.execute_script("document.querySelectorAll('details').forEach(function (d) { d.open = true; })")
    scroll_width, inner_width = page.execute_script(overflow)
    assert scroll_width <= inner_width
    wide = page.execute_script(
        "return Array.from(document.querySelectorAll('body *')).filter(function (e) {"
        " var r = e.getBoundingClientRect(); return r.width > 0 && r.right > window.innerWidth + 0.5; })"
        ".map(function (e) { return e.tagName + '.' + e.className; })"
    )
    assert wide == []
    assert page.save_screenshot(str(tmp_path / f"katalog-{width}-open.png"))
    assert _errors(page) == []
