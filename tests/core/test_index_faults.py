"""A damaged cache file heals itself: every answer equals the one built without a cache.

Each test builds the cache of a small corpus, damages the file (a table emptied, dropped or
altered, pages overwritten with random bytes, the file cut short, zeroed or replaced by garbage),
and asks everything a user can ask. SQLite notices some damage only in the middle of a query:
the core then raises IndexDamaged, and ``heal`` followed by a retry must answer right; the CLI
does that retry by itself.
"""

from __future__ import annotations

import os
import random
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, built_cache, sql_damage, without_cache

from erhverv_cli.search.engine import facet_counts, find, list_cases, lookup, similar
from erhverv_cli.search.index import CorpusIndex, IndexDamaged

QUERIES = ("klynge", "rådgivning iværksættere", '"maritime klynge"', "netværk -fødevarer", "innovation")
LOOKUPS = ("5", "silkeborg-valley", "mariager")
PAGE = 4096


def answers(index: CorpusIndex) -> dict[str, Any]:
    """What a user can ask, as plain values: lists, finds with scores, facets, lookups, similar."""
    return {
        "count": index.count(),
        "lists": {sort: [r["id"] for r in list_cases(index, sort=sort)] for sort in ("number", "title")},
        "finds": {q: [(hit.record["id"], hit.score) for hit in find(index, q)] for q in QUERIES},
        "facets": {key: [(c.value, c.count) for c in counts] for key, counts in facet_counts(index).items()},
        "lookups": [lookup(index, reference)["id"] for reference in LOOKUPS],
        "similar": [(s.record["id"], s.score, s.shared) for s in similar(index, "silkeborg-valley", 5)[1]],
        "skipped": [Path(s.path).name for s in index.skipped()],
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the real corpus (the tests never change it, only its cache)."""
    target = tmp_path_factory.mktemp("faults") / "cases"
    shutil.copytree(CORPUS, target)
    return target


@pytest.fixture(scope="module")
def expected(corpus: Path) -> dict[str, Any]:
    return without_cache(corpus, answers)  # type: ignore[no-any-return]


@pytest.fixture
def built(corpus: Path, tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """A freshly built cache directory and its file."""
    cache_dir = tmp_path / "cache"
    yield cache_dir, built_cache(corpus, cache_dir)


def _pages(seed: int, count: int = 3) -> Callable[[Path], None]:
    def damage(location: Path) -> None:
        chance = random.Random(seed)
        pages = location.stat().st_size // PAGE
        with location.open("r+b") as handle:
            for _ in range(count):
                handle.seek(chance.randrange(1, pages) * PAGE)  # page 0 holds the header: see below
                handle.write(chance.randbytes(PAGE))

    return damage


def _cut(size: Callable[[int], int]) -> Callable[[Path], None]:
    def damage(location: Path) -> None:
        with location.open("r+b") as handle:
            handle.truncate(size(location.stat().st_size))

    return damage


TABLES = (
    *("docs", "records", "facets", "terms", "files", "meta"),
    *("fts_data", "fts_idx", "fts_content", "fts_docsize", "fts_config"),
)
DAMAGES: dict[str, Callable[[Path], None]] = {
    **{f"empty-{table}": sql_damage(f"DELETE FROM {table}") for table in TABLES},
    "drop-facets": sql_damage("DROP TABLE facets"),
    "drop-records": sql_damage("DROP TABLE records"),
    "drop-index": sql_damage("DROP INDEX docs_number"),
    "alter-docs": sql_damage("ALTER TABLE docs ADD COLUMN extra TEXT"),
    "record-not-json": sql_damage("UPDATE records SET record = 'not json' WHERE rowid = 3"),
    "record-not-a-case": sql_damage("UPDATE records SET record = '[1, 2]' WHERE rowid = 3"),
    # Bytes that are not UTF-8 inside a stored text (as an overwritten page leaves them): Python's
    # sqlite3 cannot even hand the row over.
    "record-not-utf8": sql_damage("UPDATE records SET record = CAST(X'7B22FF22' AS TEXT) WHERE rowid = 3"),
    "title-not-utf8": sql_damage("UPDATE docs SET title = CAST(X'C328' AS TEXT) WHERE rowid = 2"),
    **{f"random-pages-{seed}": _pages(seed) for seed in range(8)},
    "header-page": _pages(99, count=0),  # replaced below: page 0 overwritten
    "half": _cut(lambda size: size // 2),
    "one-page": _cut(lambda size: PAGE),
    "zero-bytes": _cut(lambda size: 0),
    "garbage": lambda location: location.write_bytes(random.Random(7).randbytes(12 * PAGE)),
}


def _header(location: Path) -> None:
    with location.open("r+b") as handle:
        handle.write(random.Random(3).randbytes(PAGE))


DAMAGES["header-page"] = _header


def _answers_after_healing(index: CorpusIndex) -> dict[str, Any]:
    try:
        return answers(index)
    except IndexDamaged as error:
        assert index.heal(error), "a cache file can always be rebuilt"
        return answers(index)


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_damaged_cache_answers_like_no_cache(
    damage: str, built: tuple[Path, Path], corpus: Path, expected: dict[str, Any]
) -> None:
    cache_dir, location = built
    DAMAGES[damage](location)
    index = CorpusIndex.open(corpus, cache_dir=cache_dir)
    try:
        assert _answers_after_healing(index) == expected
        assert len(index.warnings) <= 1, index.warnings
        assert all("damaged" in warning or "rebuilt" in warning for warning in index.warnings)
    finally:
        index.close()
    again = CorpusIndex.open(corpus, cache_dir=cache_dir)  # the next run finds a sound cache
    try:
        assert again.warnings == []
        assert answers(again) == expected
    finally:
        again.close()


def test_an_emptied_full_text_index_is_noticed_on_open(built: tuple[Path, Path], corpus: Path) -> None:
    # FTS5 raises no error when fts_idx is empty: every query just finds nothing.
    cache_dir, location = built
    sql_damage("DELETE FROM fts_idx")(location)
    index = CorpusIndex.open(corpus, cache_dir=cache_dir)
    try:
        assert len(index.warnings) == 1
        assert "full-text index is empty" in index.warnings[0]
    finally:
        index.close()


# -- freshness and order ----------------------------------------------------------------------


def test_same_size_edit_with_restored_mtime_is_seen(corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cases"
    shutil.copytree(corpus, folder)
    cache_dir = tmp_path / "cache"
    CorpusIndex.open(folder, cache_dir=cache_dir).close()
    path = folder / "silkeborg-valley.yaml"
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Silkeborg Valley", "title: Silkeborg Vallex", 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # size and mtime as before
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    index = CorpusIndex.open(folder, cache_dir=cache_dir)
    try:
        assert lookup(index, "silkeborg-valley")["title"] == "Silkeborg Vallex"
    finally:
        index.close()


def _twins(folder: Path) -> None:
    """Six cases with the very same text: three with numbers out of file order, three without."""
    source = (CORPUS / "silkeborg-valley.yaml").read_text(encoding="utf-8")
    for name, number in (("c", 30), ("a", 31), ("b", 29), ("f", None), ("d", None), ("e", None)):
        text = re.sub(r"(?m)^id: .*$", f"id: twin-{name}", source, count=1)
        replacement = "" if number is None else f"number: {number}\n"
        text = re.sub(r"(?m)^number: .*\n", replacement, text, count=1)
        (folder / f"twin-{name}.yaml").write_text(text, encoding="utf-8")


def test_ties_are_ordered_totally_and_alike_with_and_without_cache(tmp_path: Path) -> None:
    folder = tmp_path / "cases"
    shutil.copytree(CORPUS, folder)
    _twins(folder)
    cached = CorpusIndex.open(folder, cache_dir=tmp_path / "cache")
    memory = CorpusIndex.open(folder, use_cache=False)
    try:
        for query in ("Silkeborg Valley", "netværk", "it-virksomheder partnerskaber"):
            rows = [(hit.record["id"], hit.record.get("number"), hit.score) for hit in find(cached, query)]
            assert rows == [(h.record["id"], h.record.get("number"), h.score) for h in find(memory, query)]
            twins = [row for row in rows if row[0].startswith("twin-")]
            assert len({score for _id, _number, score in twins}) == 1  # the same text scores the same
            assert [row[0] for row in twins] == ["twin-b", "twin-c", "twin-a", "twin-d", "twin-e", "twin-f"]
    finally:
        cached.close()
        memory.close()
