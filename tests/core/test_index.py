"""Robustness of the corpus index: freshness, invalid and clashing files, concurrent builders,
broken caches, an unwritable cache directory, and cached answers equal to in-memory ones.

Core tests work on a temporary copy of data/cases through CorpusIndex and the engine; one CLI
test checks the warning a user sees when the cache cannot be written.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, open_index, race, run_sql

from erhverv_cli.errors import NotFoundError
from erhverv_cli.search import freshness, storage
from erhverv_cli.search.cache import cache_file_for, cache_root
from erhverv_cli.search.engine import Filters, facet_counts, list_cases, lookup, search
from erhverv_cli.search.index import CorpusIndex
from erhverv_cli.search.storage import APPLICATION_ID

QUERIES = (
    "klynge",
    "iværksættere",
    "maritime klynge",
    '"kritisk masse"',
    "vaeksthus",
    "turisme netværk",
    "Koge",
    "klyngeudviklng",
    "cluster",
    "fødevarer innovation",
)
FILTERS = (
    Filters(),
    Filters(type=("fokuseret",)),
    Filters(region=("Nordjylland",)),
    Filters(instrument=("netværk",), since=2005),
)
SORTS = ("number", "id", "title", "year", "type")
CASE_IDS = sorted(path.stem for path in CORPUS.glob("*.yaml"))


# -- helpers ---------------------------------------------------------------------------------


def variant(source: Path, new_id: str, folder: Path | None = None, keep_number: bool = False) -> Path:
    """A copy of a case file under another id (and file name); without its catalogue number."""
    text = source.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^id: .*$", f"id: {new_id}", text, count=1)
    if not keep_number:
        text = re.sub(r"(?m)^number: .*\n", "", text, count=1)
    target = (folder or source.parent) / f"{new_id}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def yaml_number(path: Path) -> int:
    return int(re.search(r"(?m)^number: (\d+)$", path.read_text(encoding="utf-8"))[1])  # type: ignore[index]


def set_title(path: Path, title: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^title: .*$", f"title: {title}", text, count=1), encoding="utf-8")


def ids(index: CorpusIndex, filters: Filters | None = None) -> list[str]:
    return [record["id"] for record in list_cases(index, filters or Filters())]


def ranking(index: CorpusIndex, query: str, filters: Filters | None = None) -> list[tuple[str, float]]:
    return [(hit.record["id"], hit.score) for hit in search(index, query, filters or Filters())]


def terms_from_vocab(index: CorpusIndex) -> dict[str, int]:
    return dict(index.connection.execute("SELECT term, doc FROM vocab").fetchall())


def answers(index: CorpusIndex) -> dict[str, Any]:
    """Everything a user can ask, as plain values, for comparing two indexes."""
    return {
        "count": index.count(),
        "lists": {sort: [r["id"] for r in list_cases(index, sort=sort)] for sort in SORTS},
        "filtered": [ids(index, filters) for filters in FILTERS],
        "rankings": {query: ranking(index, query) for query in QUERIES},
        "facets": {
            facet: [(c.value, c.count) for c in counts] for facet, counts in facet_counts(index).items()
        },
        "skipped": [(Path(s.path).name, s.findings) for s in index.skipped()],
        "terms": index.terms(),
    }


# -- where the cache lives -------------------------------------------------------------------


def test_cache_dir_env_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ERHVERV_CACHE_DIR", str(tmp_path / "explicit"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_root() == tmp_path / "explicit"


def test_xdg_cache_home_is_honoured(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ERHVERV_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_root() == tmp_path / "xdg" / "erhverv"


def test_home_cache_is_the_fallback(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ERHVERV_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_root() == tmp_path / "home" / ".cache" / "erhverv"


@pytest.mark.parametrize("variable", ["ERHVERV_CACHE_DIR", "XDG_CACHE_HOME"])
def test_index_file_is_written_where_the_environment_says(
    variable: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, corpus: Path, opened: list[CorpusIndex]
) -> None:
    monkeypatch.delenv("ERHVERV_CACHE_DIR", raising=False)
    monkeypatch.setenv(variable, str(tmp_path / "chosen"))
    index = open_index(opened, corpus)
    expected_dir = tmp_path / "chosen" if variable == "ERHVERV_CACHE_DIR" else tmp_path / "chosen" / "erhverv"
    assert index.location == cache_file_for(corpus, expected_dir)
    assert index.location is not None and index.location.is_file()
    assert index.warnings == []


def test_each_corpus_folder_has_its_own_cache_file(tmp_path: Path, cache_dir: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    assert cache_file_for(first, cache_dir) != cache_file_for(second, cache_dir)
    assert cache_file_for(first, cache_dir) == cache_file_for(tmp_path / "x" / ".." / "a", cache_dir)


# -- freshness -------------------------------------------------------------------------------


def test_added_file_is_seen_by_the_next_open(
    corpus: Path, cache_dir: Path, opened: list[CorpusIndex]
) -> None:
    before = open_index(opened, corpus, cache_dir=cache_dir)
    assert not ranking(before, "Zebrafiskeklynge")
    added = variant(corpus / f"{CASE_IDS[0]}.yaml", "zebrafisk-test")
    set_title(added, "Zebrafiskeklynge i testkommunen")

    after = open_index(opened, corpus, cache_dir=cache_dir)
    assert after.count() == len(CASE_IDS) + 1
    assert "zebrafisk-test" in ids(after)
    assert lookup(after, "zebrafisk-test")["title"] == "Zebrafiskeklynge i testkommunen"
    assert [hit_id for hit_id, _score in ranking(after, "Zebrafiskeklynge")] == ["zebrafisk-test"]


def test_refresh_reports_what_it_did(corpus: Path, cache_dir: Path, opened: list[CorpusIndex]) -> None:
    index = open_index(opened, corpus, cache_dir=cache_dir)
    variant(corpus / f"{CASE_IDS[0]}.yaml", "refresh-added")
    (corpus / f"{CASE_IDS[1]}.yaml").unlink()
    set_title(corpus / f"{CASE_IDS[2]}.yaml", "En helt ny titel")
    stats = index.refresh()
    assert (stats.added, stats.changed, stats.removed) == (1, 1, 1)
    assert stats.parsed == 2
    assert index.refresh().touched is False


def test_edited_file_is_seen(corpus: Path, cache_dir: Path, opened: list[CorpusIndex]) -> None:
    open_index(opened, corpus, cache_dir=cache_dir)
    path = corpus / f"{CASE_IDS[3]}.yaml"
    set_title(path, "Kvanteklynge for nye virksomheder")

    index = open_index(opened, corpus, cache_dir=cache_dir)
    assert lookup(index, CASE_IDS[3])["title"] == "Kvanteklynge for nye virksomheder"
    assert [hit_id for hit_id, _score in ranking(index, "Kvanteklynge")] == [CASE_IDS[3]]
    assert index.terms() == terms_from_vocab(index)


@pytest.mark.parametrize("mtime", ["new", "restored"])
def test_same_size_edit_is_seen(mtime: str, corpus: Path, cache_dir: Path, opened: list[CorpusIndex]) -> None:
    """A change that keeps the size is found by its mtime, or (mtime restored) because it was recent."""
    path = corpus / f"{CASE_IDS[4]}.yaml"
    set_title(path, "Abcdefghij")
    now = time.time_ns()
    os.utime(path, ns=(now, now))  # recent when indexed: the index must not trust this mtime yet
    index = open_index(opened, corpus, cache_dir=cache_dir)
    assert lookup(index, CASE_IDS[4])["title"] == "Abcdefghij"
    size = path.stat().st_size
    set_title(path, "Jihgfedcba")
    assert path.stat().st_size == size
    if mtime == "restored":
        os.utime(path, ns=(now, now))
    else:
        os.utime(path, ns=(now + 5_000_000_000, now + 5_000_000_000))

    stats = index.refresh()
    assert stats.changed == 1 and stats.parsed == 1
    assert lookup(index, CASE_IDS[4])["title"] == "Jihgfedcba"
    reopened = open_index(opened, corpus, cache_dir=cache_dir)
    assert lookup(reopened, CASE_IDS[4])["title"] == "Jihgfedcba"


def test_touch_without_change_does_not_reparse(
    corpus: Path, cache_dir: Path, opened: list[CorpusIndex]
) -> None:
    index = open_index(opened, corpus, cache_dir=cache_dir)
    before = answers(index)
    path = corpus / f"{CASE_IDS[5]}.yaml"
    later = path.stat().st_mtime_ns + 7_000_000_000
    os.utime(path, ns=(later, later))

    stats = index.refresh()
    assert stats.reread >= 1
    assert stats.parsed == 0
    assert not stats.touched
    assert answers(index) == before


def test_deleted_file_is_gone(corpus: Path, cache_dir: Path, opened: list[CorpusIndex]) -> None:
    index = open_index(opened, corpus, cache_dir=cache_dir)
    gone = CASE_IDS[6]
    assert gone in ids(index)
    (corpus / f"{gone}.yaml").unlink()

    after = open_index(opened, corpus, cache_dir=cache_dir)
    assert after.count() == len(CASE_IDS) - 1
    assert gone not in ids(after)
    assert all(hit_id != gone for query in QUERIES for hit_id, _score in ranking(after, query))
    with pytest.raises(NotFoundError):
        lookup(after, gone)
    assert after.terms() == terms_from_vocab(after)


def test_incremental_index_equals_a_fresh_build(
    corpus: Path, cache_dir: Path, opened: list[CorpusIndex]
) -> None:
    """After adds, edits and deletes the cache answers exactly as an index built from scratch."""
    index = open_index(opened, corpus, cache_dir=cache_dir)
    variant(corpus / f"{CASE_IDS[0]}.yaml", "ekstra-klynge", folder=corpus / "nye")
    set_title(corpus / f"{CASE_IDS[1]}.yaml", "Turisme og netværk i klyngen")
    (corpus / f"{CASE_IDS[2]}.yaml").unlink()
    index.refresh()
    fresh = open_index(opened, corpus, use_cache=False)
    assert answers(index) == answers(fresh)
    assert index.terms() == terms_from_vocab(index)


# -- files that are not good -----------------------------------------------------------------


def test_invalid_file_is_skipped_and_reported(
    corpus: Path, cache_dir: Path, opened: list[CorpusIndex]
) -> None:
    bad = variant(corpus / f"{CASE_IDS[0]}.yaml", "ugyldig-sag")
    bad.write_text(
        bad.read_text(encoding="utf-8").replace("\ntype: ", "\ntype: ukendt-", 1), encoding="utf-8"
    )

    index = open_index(opened, corpus, cache_dir=cache_dir)
    skipped = index.skipped()
    assert [Path(s.path).name for s in skipped] == ["ugyldig-sag.yaml"]
    finding = skipped[0].findings[0]
    assert finding["field"] == "type" and finding["line"] > 1 and "not a valid" in finding["message"]
    assert index.count() == len(CASE_IDS)
    assert ids(index) == ids(open_index(opened, CORPUS, use_cache=False))
    assert ranking(index, "klynge")

    variant(corpus / f"{CASE_IDS[0]}.yaml", "ugyldig-sag")  # fixed
    index.refresh()
    assert index.skipped() == []
    assert index.count() == len(CASE_IDS) + 1


@pytest.mark.parametrize("content", [b"id: [unclosed\n", b"\xff\xfe not utf-8", b""])
def test_unparsable_file_is_skipped(
    content: bytes, corpus: Path, cache_dir: Path, opened: list[CorpusIndex]
) -> None:
    (corpus / "broken.yaml").write_bytes(content)
    index = open_index(opened, corpus, cache_dir=cache_dir)
    assert [Path(s.path).name for s in index.skipped()] == ["broken.yaml"]
    assert index.skipped()[0].findings
    assert index.count() == len(CASE_IDS)


@pytest.mark.parametrize("remove", ["original", "twin"])
def test_duplicate_id_keeps_both_cases_and_names_both_files(
    remove: str, corpus: Path, cache_dir: Path, opened: list[CorpusIndex]
) -> None:
    """A second file with the same id never hides a case: both are listed, the clash is reported."""
    case_id = CASE_IDS[7]
    original = corpus / f"{case_id}.yaml"
    twin = variant(original, case_id, folder=corpus / "kopi", keep_number=True)
    index = open_index(opened, corpus, cache_dir=cache_dir)
    assert index.skipped() == []
    assert index.count() == len(CASE_IDS) + 1
    assert ids(index).count(case_id) == 2
    clashes = {(d.field, d.value): set(d.paths) for d in index.duplicates()}
    assert clashes[("id", case_id)] == {str(original), str(twin)}
    with pytest.raises(NotFoundError, match="is used by 2 files"):
        lookup(index, case_id)

    (original if remove == "original" else twin).unlink()
    after = open_index(opened, corpus, cache_dir=cache_dir)
    assert after.duplicates() == []
    assert after.count() == len(CASE_IDS)
    assert lookup(after, case_id)["id"] == case_id


def test_duplicate_number_is_reported(corpus: Path, cache_dir: Path, opened: list[CorpusIndex]) -> None:
    source = corpus / f"{CASE_IDS[8]}.yaml"
    variant(source, "samme-nummer", keep_number=True)
    index = open_index(opened, corpus, cache_dir=cache_dir)
    assert index.skipped() == []
    [clash] = index.duplicates()
    assert (clash.field, clash.value) == ("number", str(yaml_number(source)))
    assert set(clash.paths) == {str(source), str(corpus / "samme-nummer.yaml")}
    assert index.count() == len(CASE_IDS) + 1


# -- concurrent builders ---------------------------------------------------------------------


def _race_builder(root: str, cache: str, barrier: Any, results: Any) -> None:
    """One of several processes building the same index at the same moment."""
    barrier.wait(timeout=60)
    index = CorpusIndex.open(Path(root), cache_dir=Path(cache), jobs=1)
    results.put(
        (
            os.getpid(),
            index.count(),
            [r["id"] for r in list_cases(index)],
            {query: ranking(index, query) for query in QUERIES[:4]},
            index.warnings,
        )
    )
    index.close()


@pytest.mark.parametrize("start", ["empty", "corrupt"])
def test_two_processes_building_at_once_both_end_correct(
    start: str, corpus: Path, cache_dir: Path, opened: list[CorpusIndex]
) -> None:
    for n, source in enumerate(sorted(corpus.glob("*.yaml")) * 6):
        variant(source, f"{source.stem}-v{n}", folder=corpus / "flere")  # enough work to overlap
    expected = open_index(opened, corpus, use_cache=False)
    want = (expected.count(), ids(expected), {query: ranking(expected, query) for query in QUERIES[:4]})
    location = cache_file_for(corpus, cache_dir)
    if start == "corrupt":
        cache_dir.mkdir()
        location.write_bytes(os.urandom(8192))

    got = race(_race_builder, corpus, cache_dir)

    for _pid, count, listed, rankings, _warnings in got:
        assert (count, listed, rankings) == want
    said = [warning for *_rest, warnings in got for warning in warnings]
    if start == "corrupt":  # damage: said once, by the process that replaced the file
        assert len(said) == 1 and "was damaged" in said[0] and said[0].endswith("; rebuilt it"), said
    else:
        assert said == []
    after = open_index(opened, corpus, cache_dir=cache_dir)
    assert after.location == location
    assert after.refresh().parsed == 0
    assert answers(after) == answers(expected)


# -- broken caches ---------------------------------------------------------------------------


def _garbage(location: Path) -> None:
    location.write_bytes(os.urandom(16384))


def _foreign(location: Path) -> None:
    run_sql(
        location,
        "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT)",
        "INSERT INTO notes(body) VALUES ('not an erhverv index')",
    )


def _outdated(location: Path) -> None:
    run_sql(
        location,
        "CREATE TABLE docs(id TEXT)",
        f"PRAGMA application_id = {APPLICATION_ID}",
        "PRAGMA user_version = 1",
    )


def _missing_table(location: Path) -> None:
    # Looks like ours from the header, but a table is gone: found broken while updating.
    run_sql(location, "DROP TABLE facets")


def _truncated(location: Path) -> None:
    size = location.stat().st_size
    with location.open("r+b") as handle:
        handle.truncate(size // 3)


# (how, whether it needs a built cache first, whether it is damage: said once, as the README promises)
BREAKERS = {
    "garbage": (_garbage, False, True),
    "foreign": (_foreign, False, False),
    "outdated": (_outdated, False, False),
    "missing-table": (_missing_table, True, True),
    "truncated": (_truncated, True, True),
}


@pytest.mark.parametrize("damage", sorted(BREAKERS))
def test_broken_cache_is_rebuilt_transparently(
    damage: str, corpus: Path, cache_dir: Path, opened: list[CorpusIndex]
) -> None:
    breaker, needs_existing, is_damage = BREAKERS[damage]
    location = cache_file_for(corpus, cache_dir)
    if needs_existing:
        CorpusIndex.open(corpus, cache_dir=cache_dir).close()
        for suffix in ("-wal", "-shm"):
            assert not Path(f"{location}{suffix}").exists()
    else:
        cache_dir.mkdir()
    breaker(location)
    variant(corpus / f"{CASE_IDS[0]}.yaml", "efter-skaden")  # a change, so the refresh writes

    index = open_index(opened, corpus, cache_dir=cache_dir)
    if is_damage:
        assert len(index.warnings) == 1, index.warnings
        assert re.match(r"the index cache \S+ was damaged \(.+\); rebuilt it$", index.warnings[0])
    else:
        assert index.warnings == []
    assert index.location == location
    expected = open_index(opened, corpus, use_cache=False)
    assert answers(index) == answers(expected)
    check = sqlite3.connect(location)
    assert check.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    check.close()


def test_index_of_another_code_version_is_replaced(
    corpus: Path, cache_dir: Path, opened: list[CorpusIndex], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = open_index(opened, corpus, cache_dir=cache_dir)
    first.close()
    opened.clear()
    monkeypatch.setattr(storage, "__version__", "999.0")
    second = open_index(opened, corpus, cache_dir=cache_dir)
    version = second.connection.execute("SELECT value FROM meta WHERE key='version'").fetchone()[0]
    assert version == "999.0"
    assert second.count() == len(CASE_IDS)


# -- no usable cache directory ---------------------------------------------------------------


def _under_a_file(tmp_path: Path) -> Path:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be\n", encoding="utf-8")
    return blocker / "cache"


def _read_only(tmp_path: Path) -> Path:
    if os.geteuid() == 0:
        pytest.skip("root may write to a read-only folder; the blocked-path variant covers this")
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    return folder


UNWRITABLE = {"under-a-file": _under_a_file, "read-only": _read_only}


@pytest.mark.parametrize("how", sorted(UNWRITABLE))
def test_unwritable_cache_dir_means_memory_and_one_warning(
    how: str, tmp_path: Path, corpus: Path, opened: list[CorpusIndex]
) -> None:
    blocked = UNWRITABLE[how](tmp_path)
    try:
        index = open_index(opened, corpus, cache_dir=blocked)
        assert index.location is None
        assert len(index.warnings) == 1
        assert "working without a cache" in index.warnings[0]
        assert str(blocked.parent) in index.warnings[0] or str(blocked) in index.warnings[0]
        assert answers(index) == answers(open_index(opened, corpus, use_cache=False))
    finally:
        if blocked.is_dir():
            blocked.chmod(0o700)  # let pytest clean up


# -- the cache changes nothing ---------------------------------------------------------------


@pytest.fixture(scope="module")
def both_paths(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[CorpusIndex, CorpusIndex]]:
    cache = tmp_path_factory.mktemp("shared-cache")
    CorpusIndex.open(CORPUS, cache_dir=cache).close()  # built once, read back below
    cached = CorpusIndex.open(CORPUS, cache_dir=cache)
    memory = CorpusIndex.open(CORPUS, use_cache=False)
    yield cached, memory
    cached.close()
    memory.close()


@pytest.mark.parametrize(
    "filters", FILTERS, ids=lambda f: ",".join(n for n, _v in f.facet_values()) or "none"
)
@pytest.mark.parametrize("query", QUERIES)
def test_cached_and_in_memory_rank_alike(
    query: str, filters: Filters, both_paths: tuple[CorpusIndex, CorpusIndex]
) -> None:
    cached, memory = both_paths
    assert cached.location is not None and memory.location is None
    assert ranking(cached, query, filters) == ranking(memory, query, filters)


@pytest.mark.parametrize("sort", SORTS)
def test_cached_and_in_memory_list_alike(sort: str, both_paths: tuple[CorpusIndex, CorpusIndex]) -> None:
    cached, memory = both_paths
    assert [r["id"] for r in list_cases(cached, sort=sort)] == [
        r["id"] for r in list_cases(memory, sort=sort)
    ]
    assert sorted(r["id"] for r in list_cases(cached, sort=sort)) == CASE_IDS


def test_cached_and_in_memory_agree_on_everything(both_paths: tuple[CorpusIndex, CorpusIndex]) -> None:
    cached, memory = both_paths
    assert answers(cached) == answers(memory)
    assert cached.terms() == terms_from_vocab(cached)


def test_large_refresh_keeps_the_term_table_exact(
    corpus: Path, cache_dir: Path, opened: list[CorpusIndex], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bulk refreshes rebuild the term table in one go; small ones keep it row by row."""
    monkeypatch.setattr(freshness, "BULK_THRESHOLD", 5)
    index = open_index(opened, corpus, cache_dir=cache_dir)
    for n, source in enumerate(sorted(corpus.glob("*.yaml"))[:6]):
        variant(source, f"bulk-{n}")
    assert index.refresh().added == 6
    assert index.terms() == terms_from_vocab(index)
    (corpus / "bulk-0.yaml").unlink()
    assert index.refresh().removed == 1
    assert index.terms() == terms_from_vocab(index)
