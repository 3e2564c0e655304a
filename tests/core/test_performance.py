"""What keeps erhverv fast as the corpus grows, held by tests (docs/performance.md has the numbers).

- Machine output streams: memory stays bounded whatever the number of rows (a 2,000-case corpus,
  in-process with tracemalloc and in a subprocess by its peak RSS).
- A stream reads the order of its rows first and the records after; it still sees one snapshot.
- The consistency counts on open are skipped only while the file is as it was when last counted.
- Phrases are counted by FTS5 (or by set intersection); the counts equal the ones read from positions.
- A clean YAML file is read without placing every value; the values and the verdicts are those of
  the careful reading.
"""

from __future__ import annotations

import json
import math
import os
import re
import sqlite3
import subprocess
import sys
import time
import tracemalloc
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, FIXTURES

from erhverv_cli import validation
from erhverv_cli.search import storage
from erhverv_cli.search.engine import find
from erhverv_cli.search.index import CorpusIndex
from erhverv_cli.yamlsafe import parse_yaml

LARGE = 2_000


def _copies(folder: Path, count: int) -> Path:
    """A corpus of ``count`` cases: the real ones copied round-robin under new ids, written a
    minute ago (files changed within two seconds of a scan are read again by the next one)."""
    folder.mkdir(parents=True)
    sources = sorted(CORPUS.glob("*.yaml"))
    for n in range(count):
        source = sources[n % len(sources)]
        new_id = f"{source.stem}-k{n:05d}"
        text = source.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^id: .*$", f"id: {new_id}", text, count=1)
        text = re.sub(r"(?m)^number: .*\n", "", text, count=1)
        (folder / f"{new_id}.yaml").write_text(text, encoding="utf-8")
        _age(folder / f"{new_id}.yaml", 60)
    return folder


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """A 2,000-case corpus and a cache folder holding its index."""
    base = tmp_path_factory.mktemp("large")
    folder, cache = _copies(base / "cases", LARGE), base / "cache"
    CorpusIndex.open(folder, cache_dir=cache).close()
    yield folder, cache


def _peak_while(rows: Iterator[Any]) -> tuple[int, int]:
    """(rows, peak traced bytes) while iterating, one row held at a time."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        count = sum(1 for _row in rows)
        return count, tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()


@pytest.mark.slow
def test_records_and_hits_stream_in_bounded_memory(large: tuple[Path, Path]) -> None:
    folder, cache = large
    index = CorpusIndex.open(folder, cache_dir=cache)
    try:
        stored = sum(len(text) for (text,) in index.connection.execute("SELECT record FROM records"))
        count, peak = _peak_while(index.records())
        assert count == LARGE
        # Holding every record would take more than the stored text; a stream holds one chunk.
        assert peak < stored / 4, (peak, stored)
        results = find(index, "virksomheder")
        assert results.total > LARGE / 2
        count, peak = _peak_while(iter(results))
        assert count == results.total
        assert peak < stored / 4, (peak, stored)
    finally:
        index.close()


def _peak_rss_kb(arguments: list[str], cache: Path) -> int:
    env = {**os.environ, "ERHVERV_CACHE_DIR": str(cache)}
    process = subprocess.Popen(
        [sys.executable, "-m", "erhverv_cli", *arguments], env=env, stdout=subprocess.DEVNULL
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    return int(usage.ru_maxrss)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "wait4"), reason="needs wait4 for the peak RSS of a subprocess")
def test_list_as_json_lines_does_not_grow_with_the_corpus(large: tuple[Path, Path], tmp_path: Path) -> None:
    folder, cache = large
    small = tmp_path / "cache"
    arguments = ["list", "--format", "jsonl", "--data-dir"]
    _peak_rss_kb([*arguments, str(CORPUS)], small)  # builds the small index
    base = min(_peak_rss_kb([*arguments, str(CORPUS)], small) for _ in range(2))
    grown = min(_peak_rss_kb([*arguments, str(folder)], cache) for _ in range(2))
    stored_kb = sum(path.stat().st_size for path in folder.glob("*.yaml")) // 1024
    # 2,000 records held at once would add more than their YAML; streamed, a chunk at a time.
    assert grown - base < stored_kb / 2, (base, grown, stored_kb)


def test_a_stream_sees_one_snapshot_of_the_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _copies(tmp_path / "cases", 40)
    index = CorpusIndex.open(folder, cache_dir=tmp_path / "cache")
    other = sqlite3.connect(index.location or "", isolation_level=None)
    try:
        monkeypatch.setattr("erhverv_cli.search.index._RECORD_CHUNK", 8)
        stream = index.records()
        first = next(stream)
        other.execute("BEGIN")  # another process changes the index meanwhile (whole documents:
        other.execute("DELETE FROM records")  # a document without its record is damage)
        other.execute("DELETE FROM docs")
        other.execute("COMMIT")
        rest = list(stream)
        assert len(rest) + 1 == 40 and first["id"] != rest[0]["id"]
        assert list(index.records()) == []  # a new stream sees the change
    finally:
        other.close()
        index.close()


def _age(location: Path, seconds: float) -> None:
    stamp = time.time() - seconds
    os.utime(location, (stamp, stamp))


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    full_check = storage.full_check

    def counted(connection: sqlite3.Connection) -> str | None:
        calls.append(1)
        return full_check(connection)

    monkeypatch.setattr(storage, "full_check", counted)
    return calls


def _reopen(folder: Path, cache: Path) -> CorpusIndex:
    index = CorpusIndex.open(folder, cache_dir=cache)
    index.close()
    return index


def test_a_stamp_written_just_after_a_change_is_not_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, cache = _copies(tmp_path / "cases", 5), tmp_path / "cache"
    _reopen(folder, cache)
    calls = _counting(monkeypatch)
    for _ in range(3):
        _reopen(folder, cache)
    assert len(calls) == 3  # the file changed within RACY_NS of every check: counted each time


def test_counts_are_skipped_only_while_the_file_is_as_stamped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, cache = _copies(tmp_path / "cases", 5), tmp_path / "cache"
    _reopen(folder, cache)
    monkeypatch.setattr(storage, "RACY_NS", 0)  # as if every check came long after the last change
    calls = _counting(monkeypatch)
    _reopen(folder, cache)
    assert len(calls) == 1  # changed since the last stamp (written by the build): counted, stamped
    _reopen(folder, cache)
    _reopen(folder, cache)
    assert len(calls) == 1  # as stamped: not counted
    location = next(cache.glob("index-*.sqlite3"))
    connection = sqlite3.connect(location)
    connection.execute("DELETE FROM records WHERE rowid = (SELECT MIN(rowid) FROM records)")
    connection.commit()
    connection.close()
    _age(location, 10)  # its old mtime back: the ctime still tells
    index = CorpusIndex.open(folder, cache_dir=cache)
    try:
        assert len(calls) == 3  # counted: found damaged; the rebuilt file counted too
        assert any("damaged" in warning for warning in index.warnings)
        assert index.count() == 5
    finally:
        index.close()


def test_a_write_waiting_in_the_wal_is_counted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, cache = _copies(tmp_path / "cases", 5), tmp_path / "cache"
    _reopen(folder, cache)
    monkeypatch.setattr(storage, "RACY_NS", 0)
    _reopen(folder, cache)  # stamps it
    location = next(cache.glob("index-*.sqlite3"))
    reader = sqlite3.connect(location)  # open, it keeps the WAL from being checkpointed away
    reader.execute("SELECT COUNT(*) FROM docs").fetchone()
    writer = sqlite3.connect(location, isolation_level=None)
    writer.execute("DELETE FROM docs WHERE rowid = (SELECT MIN(rowid) FROM docs)")
    writer.close()
    connection = sqlite3.connect(location)
    try:
        assert storage.damage(connection) is not None
    finally:
        connection.close()
        reader.close()


def _oracle(index: CorpusIndex, terms: list[str], english: bool) -> dict[int, dict[str, int]]:
    if len(terms) < 2:
        return {}
    places: list[dict[tuple[int, str], set[int]]] = []
    for term in terms:
        found: dict[tuple[int, str], set[int]] = defaultdict(set)
        for doc, column, offset in index.postings(term):
            if (column == "english") == english:
                found[(doc, column)].add(offset)
        places.append(found)
    counts: dict[int, dict[str, int]] = {}
    for (doc, column), starts in places[0].items():
        hits = sum(
            all(start + shift in places[shift].get((doc, column), ()) for shift in range(1, len(terms)))
            for start in starts
        )
        if hits:
            counts.setdefault(doc, {})[column] = hits
    return counts


@pytest.mark.parametrize(
    ("words", "english"),
    [
        (["kloge", "penge"], False),
        (["triple", "helix"], False),
        (["små", "og", "mellemstore", "virksomheder"], False),
        (["business", "angel"], True),
        (["business", "network"], True),
        (["business", "development"], True),
        (["penge", "kloge"], False),
    ],
)
@pytest.mark.parametrize("way", ["fts5 phrase query", "set intersection"])
def test_phrase_counts_equal_the_counts_read_from_positions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, words: list[str], english: bool, way: str
) -> None:
    from erhverv_cli.search import searching
    from erhverv_cli.search.analysis import phrase_terms

    if way == "set intersection":  # the way for phrases that may overlap themselves ("a a")
        monkeypatch.setattr(searching, "_overlaps", lambda terms: True)
    index = CorpusIndex.open(CORPUS, cache_dir=tmp_path)
    try:
        terms = phrase_terms(" ".join(words), english=english)
        assert len(terms) >= 2
        assert index.phrase_counts(terms, english) == _oracle(index, terms, english)
    finally:
        index.close()


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[key], b[key]) for key in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _yaml_files() -> list[Path]:
    found = [*CORPUS.glob("*.yaml"), *FIXTURES.rglob("*.yaml"), *FIXTURES.rglob("*.yml")]
    return sorted(path for path in found if path.is_file())


def test_a_clean_file_read_quickly_has_the_values_of_the_careful_reading(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    files = _yaml_files()
    quick = 0
    for path in files:
        raw = path.read_bytes()
        careful, fast = parse_yaml(raw), parse_yaml(raw, places=False)
        if fast.places:  # a problem: read the careful way all the same
            assert fast.problems == careful.problems and fast.values == careful.values, path
        else:
            quick += 1
            assert not careful.problems and not careful.fatal, path
            assert fast.values == {key: place for key, place in careful.values.items() if len(key) <= 1}
        assert _same(fast.data, careful.data), path
    assert quick > len(files) / 2  # the comparison is not vacuous


def test_validation_gives_the_verdicts_of_the_careful_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    careful_only = validation.parse_yaml

    def always_careful(raw: bytes, *args: Any, places: bool = True, **options: Any) -> Any:
        return careful_only(raw, *args, **options)

    for path in _yaml_files():
        raw = path.read_bytes()
        fast = validation.validate_bytes(raw, path.name, stem=path.stem)
        with monkeypatch.context() as patch:
            patch.setattr(validation, "parse_yaml", always_careful)
            slow = validation.validate_bytes(raw, path.name, stem=path.stem)
        assert fast.findings == slow.findings and fast.anchors == slow.anchors, path
        assert (fast.case is None) == (slow.case is None), path
        if fast.case is not None and slow.case is not None:
            assert json.dumps(fast.case.record()) == json.dumps(slow.case.record()), path


@pytest.mark.skipif(not hasattr(os, "sched_getaffinity"), reason="no CPU affinity here")
def test_a_build_starts_no_more_workers_than_the_cores_it_may_use(monkeypatch: pytest.MonkeyPatch) -> None:
    from erhverv_cli.search import freshness

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    assert freshness.usable_cores() == 1
    started: list[int] = []
    monkeypatch.setattr(
        "concurrent.futures.ProcessPoolExecutor", lambda *a, **k: started.append(1) or pytest.fail()
    )
    jobs = [(str(path), path.name, None, "") for path in sorted(CORPUS.glob("*.yaml"))] * 6
    assert len(list(freshness.prepared(jobs, 0))) == len(jobs) >= freshness.PARALLEL_THRESHOLD
    assert started == []
