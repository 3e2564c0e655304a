"""Reading exports back the way their readers do (CSV, JSON, Markdown headings, HTML), and the
expected cases read straight from the case files, never from the exporters."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import CORPUS


def _corpus_cases() -> list[dict[str, Any]]:
    cases = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(CORPUS.glob("*.yaml"))]
    return sorted(cases, key=lambda case: case["number"])


CASES = _corpus_cases()


needs_datasette = pytest.mark.skipif(
    importlib.util.find_spec("datasette") is None,
    reason="datasette is not installed (pip install -e '.[test]' brings it)",
)


def datasette(database: Path, path: str) -> dict[str, Any]:
    """What Datasette itself answers for ``path`` (a JSON URL) on the database."""
    done = subprocess.run(
        [sys.executable, "-m", "datasette", str(database), "--get", path],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def of_type(case_type: str) -> list[dict[str, Any]]:
    return [case for case in CASES if case["type"] == case_type]


def csv_rows(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def headings(text: str, level: int) -> list[str]:
    pattern = re.compile(rf"^{'#' * level} (.+)$")
    return [m.group(1) for line in text.splitlines() if (m := pattern.match(line))]


class Page(HTMLParser):
    """Collects what the HTML tests look at: tags with attributes, heading texts, labels."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: dict[str, list[str]] = {}
        self._open: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in {"meta", "input", "br", "link", "img"}:
            self._open.append(tag)
            self.text.setdefault(tag, []).append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            while self._open and self._open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        for tag in set(self._open):
            self.text[tag][-1] += data

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def parse(text: str) -> Page:
    parser = Page()
    parser.feed(text)
    parser.close()
    return parser
