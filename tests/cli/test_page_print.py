"""The HTML catalogue on paper: headless Chromium prints it to PDF, and poppler reads the PDF.

Checked: a page (at least) per case, each case starting at the top of a page in catalogue order,
no form or skip link on paper, every case unfolded (facts, sections, source), type of a readable
size that stays inside the page, pages that are white, not dark, and the address of a link
printed after it. Needs Debian's chromium and poppler-utils (pdfinfo, pdftotext, pdftoppm); the
style checks in a dark-mode browser also need chromedriver and Selenium.
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import headless
import pytest
from conftest import CORPUS, invoke

from erhverv_cli.export import export_html
from erhverv_cli.render.fields import heading_text
from erhverv_cli.search.engine import list_cases
from erhverv_cli.search.index import CorpusIndex

POPPLER = ("pdfinfo", "pdftotext", "pdftoppm")
headless.require(driver=False, module_level=True)
if not all(shutil.which(tool) for tool in POPPLER):
    pytest.skip(
        "reading the printed PDF needs poppler-utils (apt-get install poppler-utils)", allow_module_level=True
    )

# The browser tests' flags, and no date or file name printed around the pages.
FLAGS = (*headless.FLAGS, "--no-pdf-header-footer")
A4_WIDTH, A4_HEIGHT = 595.0, 842.0  # points


def print_to_pdf(page: Path, tmp: Path, query: str = "") -> Path:
    """``chromium --headless --print-to-pdf`` of a file (opened with ``?query`` when given)."""
    target = tmp / f"{page.stem}{len(query)}.pdf"
    done = subprocess.run(
        [
            str(headless.CHROMIUM),
            *FLAGS,
            f"--user-data-dir={tmp / 'profile'}",
            f"--print-to-pdf={target}",
            page.as_uri() + query,
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert target.is_file() and target.stat().st_size > 0, done.stderr[-2000:]
    return target


def page_texts(pdf: Path) -> list[str]:
    """The text of each page, laid out as printed."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    pages = text.stdout.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    found = re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE)
    assert found, info
    return int(found.group(1))


def page_objects(pdf: Path) -> int:
    """Page objects counted in the file itself (/Type /Page, not /Pages)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))


def _first_line(text: str) -> str:
    return next((" ".join(line.split()) for line in text.splitlines() if line.strip()), "")


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    cases: list[Any] = list_cases(CorpusIndex.open(CORPUS, use_cache=False))
    return cases


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """`erhverv export --format html` of the corpus, printed."""
    from typer.testing import CliRunner

    folder = tmp_path_factory.mktemp("print")
    runner = CliRunner(env={"NO_COLOR": "1", "ERHVERV_CACHE_DIR": str(folder / "cache")})
    target = folder / "katalog.html"
    result: Any = invoke(runner, "export", "--format", "html", "--output", str(target))
    assert result.exit_code == 0, result.output
    pdf = print_to_pdf(target, folder)
    return pdf, page_texts(pdf)


def test_every_case_starts_on_a_new_page(
    printed: tuple[Path, list[str]], records: list[dict[str, Any]]
) -> None:
    pdf, pages = printed
    assert page_count(pdf) == page_objects(pdf) == len(pages)
    assert len(pages) >= len(records) + 1  # a page per case at least, and the title page
    starts = []
    for record in records:
        heading = " ".join(heading_text(record).split())
        at_top = [
            n for n, text in enumerate(pages) if (line := _first_line(text)) and heading.startswith(line)
        ]
        assert len(at_top) == 1, f"{heading!r} heads {len(at_top)} pages"
        assert len(_first_line(pages[at_top[0]]).split()) >= min(3, len(heading.split()))
        starts.append(at_top[0])
    assert starts == sorted(starts)  # in the catalogue's order
    # every case runs from its first page to the next case's: its own pages, no one else's heading
    for start, end, record in zip(starts, [*starts[1:], len(pages)], records, strict=True):
        text = "\n".join(pages[start:end])
        others = [r["id"] for r in records if r is not record and heading_text(r) in " ".join(text.split())]
        assert others == [], heading_text(record)


def test_paper_holds_the_cases_not_the_controls(
    printed: tuple[Path, list[str]], records: list[dict[str, Any]]
) -> None:
    _pdf, pages = printed
    text = "\n".join(pages)
    for control in ("Søg i casene", "Nulstil", "Spring til casene", "Alle typer", "Viser 18 af"):
        assert control not in text
    # <details> unfolded: every case's facts, sections and source line are on paper
    flat = " ".join(text.split())
    assert flat.count("Kilde: ") == sum(1 for record in records if record.get("source"))
    assert len(re.findall(r"^\s*Fakta\s*$", text, re.MULTILINE)) == len(records)
    for record in records:
        assert " ".join(record["background"].split()[:8]) in flat
    assert "Side 2 af" in flat  # page numbers at the foot


def test_a_shared_view_prints_what_it_shows(records: list[dict[str, Any]], tmp_path: Path) -> None:
    """Opened from a link with a filter, the paper holds those cases, and says which they are."""
    page = tmp_path / "katalog.html"
    page.write_text(export_html(records), encoding="utf-8")
    chosen = [r for r in records if "Region Sjælland" in r["regions"]]
    pages = page_texts(print_to_pdf(page, tmp_path, "?region=Region%20Sj%C3%A6lland"))
    cover = " ".join(pages[0].split())
    assert f"Udvalg: Region Sjælland – {len(chosen)} af {len(records)} cases" in cover
    listed = [r for r in records if heading_text(r) in cover]
    assert listed == chosen and len(pages) >= len(chosen) + 1
    tops = [_first_line(text) for text in pages]
    assert [r for r in records if any(line and heading_text(r).startswith(line) for line in tops)] == chosen


def _word_boxes(pdf: Path) -> list[tuple[float, float, float, float]]:
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True)
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
    found = re.findall(pattern, html.stdout)
    return [(float(a), float(b), float(c), float(d)) for a, b, c, d in found]


def test_type_is_readable_and_stays_on_the_page(printed: tuple[Path, list[str]]) -> None:
    pdf, _pages = printed
    boxes = _word_boxes(pdf)
    assert len(boxes) > 5000
    heights = [y2 - y1 for _x1, y1, _x2, y2 in boxes]
    assert 10.0 <= statistics.median(heights) <= 16.0  # body text of about 10-12 pt
    assert min(heights) >= 7.0  # nothing below 7 pt (the page numbers are 8 pt)
    # 17 mm side margins: nothing cut off or running into the edge
    assert min(x1 for x1, _y1, _x2, _y2 in boxes) >= 40
    assert max(x2 for _x1, _y1, x2, _y2 in boxes) <= A4_WIDTH - 40


def _brightness(pdf: Path, tmp: Path, first: int, last: int) -> list[float]:
    """Mean brightness (0 black to 1 white) of some pages, rendered small in grey."""
    subprocess.run(
        ["pdftoppm", "-gray", "-r", "20", "-f", str(first), "-l", str(last), str(pdf), str(tmp / "page")],
        check=True,
    )
    out = []
    for image in sorted(tmp.glob("page-*.pgm")):
        header, _sep, pixels = image.read_bytes().partition(b"\n255\n")
        assert header.startswith(b"P5")
        out.append(sum(pixels) / len(pixels) / 255)
    return out


def test_pages_are_white_not_dark(printed: tuple[Path, list[str]], tmp_path: Path) -> None:
    pdf, pages = printed
    brightness = _brightness(pdf, tmp_path, 1, min(6, len(pages)))
    assert brightness and min(brightness) > 0.85, brightness


def test_link_addresses_are_printed(records: list[dict[str, Any]], tmp_path: Path) -> None:
    record = dict(records[0])
    record["source"] = dict(record["source"], url="https://example.org/katalog/god-praksis.pdf")
    page = tmp_path / "one.html"
    page.write_text(export_html([record]), encoding="utf-8")
    flat = " ".join(" ".join(page_texts(print_to_pdf(page, tmp_path))).split())
    assert "netudgave (https://example.org/katalog/god-praksis.pdf)" in flat


# -- the print stylesheet in a dark-mode browser (needs chromedriver) ---------------------------


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    yield from headless.session(tmp_path_factory.mktemp("chromium-profile"))


def test_print_style_is_black_on_white_even_in_dark_mode(
    browser: Any, records: list[dict[str, Any]], tmp_path: Path
) -> None:
    page = tmp_path / "katalog.html"
    page.write_text(export_html(records), encoding="utf-8")
    browser.get(page.as_uri())
    browser.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"media": "print", "features": [{"name": "prefers-color-scheme", "value": "dark"}]},
    )
    style = browser.execute_script(
        "function s(q, p) { return getComputedStyle(document.querySelector(q))[p]; }"
        "return [s('body', 'backgroundColor'), s('body', 'color'), s('header.site', 'backgroundColor'),"
        " s('body', 'fontSize'), s('form.filters', 'display'), s('.skip', 'display'),"
        " s('details', 'display'), s('details > summary', 'display')];"
    )
    assert style[:3] == ["rgb(255, 255, 255)", "rgb(0, 0, 0)", "rgba(0, 0, 0, 0)"]
    assert float(style[3].removesuffix("px")) >= 13.3  # at least 10 pt
    assert style[4:6] == ["none", "none"]
    assert style[7] == "none"
    # every closed <details> shows its content on paper (the script also opens them before printing)
    shown = browser.execute_script(
        "return Array.from(document.querySelectorAll('details')).map(function (d) {"
        " return !d.open && getComputedStyle(d, '::details-content').contentVisibility; })"
    )
    assert shown == ["visible"] * len(records)
