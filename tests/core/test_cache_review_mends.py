"""Mends from a review of the index cache, each with the defect it fixes reproduced first.

- A document whose record is gone is damage (IndexDamaged, healed), not a shorter answer.
- Any mtime a file system holds (after 2262, before 1970) is indexed, not an OverflowError.
- A file or folder name that is not UTF-8 is indexed and reported, not a UnicodeEncodeError.
- A FIFO where the cache keeps its stamp, journal or lock never makes a command wait.
- A cache file cut short, zeroed or replaced by garbage is rebuilt with one warning (README).
"""

from __future__ import annotations

import os
import random
import re
import sqlite3
import stat
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import built_cache, bytes_named_file, open_index, race, run_sql, sql_damage, without_cache

from erhverv_cli.errors import NotFoundError
from erhverv_cli.search import cache, storage
from erhverv_cli.search.engine import find, list_cases, lookup
from erhverv_cli.search.freshness import FileStat, Scan
from erhverv_cli.search.index import CorpusIndex, IndexDamaged

DAMAGED = re.compile(r"the index cache \S+ was damaged \(.+\); rebuilt it$")
HEALED = re.compile(r"the index cache was damaged \(.+\); rebuilt it$")
PAGE = 4096


def _answers(index: CorpusIndex) -> dict[str, Any]:
    return {
        "count": index.count(),
        "list": [record["id"] for record in list_cases(index)],
        "find": [(hit.record["id"], hit.score) for hit in find(index, "klynge")],
        "skipped": sorted((s.path, s.findings[0]["message"]) for s in index.skipped()),
        "duplicates": sorted((d.field, d.value, d.paths) for d in index.duplicates()),
    }


# -- 1. a document without its record -------------------------------------------------------


def move_records(location: Path) -> None:
    """Give the records other rowids: every count still agrees (the checks on open pass), but no
    document has its record, as a damaged page of the records table leaves them."""
    run_sql(location, "UPDATE records SET rowid = rowid + 1000000")


@pytest.mark.parametrize("ask", ["list", "find"])
def test_a_document_without_its_record_is_damage_not_a_shorter_answer(
    ask: str, corpus: Path, cache_dir: Path, opened: list[CorpusIndex]
) -> None:
    expected = without_cache(corpus, _answers)
    wanted = {"list": expected["list"], "find": [case_id for case_id, _score in expected["find"]]}
    assert wanted[ask]
    location = built_cache(corpus, cache_dir)
    move_records(location)
    index = open_index(opened, corpus, cache_dir=cache_dir)
    assert index.warnings == []  # the checks on open cannot see it: the query must
    question: Callable[[], list[str]] = {
        "list": lambda: [record["id"] for record in list_cases(index)],
        "find": lambda: [hit.record["id"] for hit in find(index, "klynge")],
    }[ask]
    with pytest.raises(IndexDamaged, match=r"the record of document \d+ is missing"):
        question()
    with pytest.raises(IndexDamaged) as caught:
        question()
    assert index.heal(caught.value)
    assert len(index.warnings) == 1 and HEALED.match(index.warnings[0]), index.warnings
    assert _answers(index) == expected
    assert question() == wanted[ask]


def test_without_a_cache_every_row_still_has_its_record(corpus: Path) -> None:
    index = CorpusIndex.open(corpus, use_cache=False)
    try:
        assert len(list(list_cases(index))) == index.count() == len(list(corpus.glob("*.yaml")))
    finally:
        index.close()


# -- 2. times a file system holds, outside what nanoseconds in 64 bits hold --------------------


def _set_mtime(path: Path, nanoseconds: int) -> None:
    try:
        os.utime(path, ns=(nanoseconds, nanoseconds))
    except (OSError, OverflowError, ValueError) as error:
        pytest.skip(f"this file system does not take the time {nanoseconds}: {error}")


TIMES = {
    "after-2262": 2**63 + 5,
    "far-after-2262": 2**64 + 2**63 + 123,
    "before-1970": -5_000_000_001,
    "before-1678": -(2**63) - 7,
}


@pytest.mark.parametrize("when", sorted(TIMES))
def test_any_mtime_is_indexed(when: str, corpus: Path, cache_dir: Path, opened: list[CorpusIndex]) -> None:
    files = sorted(corpus.glob("*.yaml"))
    _set_mtime(files[0], TIMES[when])
    _set_mtime(files[1], -TIMES[when])
    expected = without_cache(corpus, _answers)
    assert expected["count"] == len(files)
    index = open_index(opened, corpus, cache_dir=cache_dir)
    assert index.warnings == []
    assert _answers(index) == expected
    assert index.refresh().parsed == 0  # stored and compared as scanned: nothing parsed again
    again = open_index(opened, corpus, cache_dir=cache_dir)
    assert again.warnings == []
    assert _answers(again) == expected


def test_a_signature_takes_any_stat_numbers() -> None:
    huge = Scan({"a.yaml": FileStat(10, 2**63 + 5, -(2**63) - 1, 2**64 - 1), "b.yaml": FileStat(1, -1, 0, 0)})
    small = Scan({"a.yaml": FileStat(10, 5, 6, 7), "b.yaml": FileStat(1, -1, 0, 0)})
    assert len(huge.signature()) == 32
    assert huge.signature() != small.signature()
    assert huge.signature() == Scan(dict(huge.files)).signature()


# -- 3. names that are not UTF-8 ------------------------------------------------------------


def _not_utf8_corpus(corpus: Path) -> dict[str, Path]:
    valley = (corpus / "silkeborg-valley.yaml").read_bytes()
    folder = os.path.join(os.fsencode(corpus), b"mappe-\xfd")
    try:
        os.mkdir(folder)
    except OSError as error:
        pytest.skip(f"this file system refuses a name that is not UTF-8: {error}")
    return {
        # a valid case whose id does not match its name: skipped, with a finding naming the file
        "mismatch": bytes_named_file(corpus, b"case-\xff.yaml", valley),
        "broken": bytes_named_file(corpus, b"bad-\xfe.yaml", b"id: [\n"),
        # a valid case in a folder so named: indexed, and its id is claimed twice
        "twin": bytes_named_file(Path(os.fsdecode(folder)), b"silkeborg-valley.yaml", valley),
    }


def test_names_that_are_not_utf8_are_indexed_and_reported(
    corpus: Path, cache_dir: Path, opened: list[CorpusIndex]
) -> None:
    made = _not_utf8_corpus(corpus)
    expected = without_cache(corpus, _answers)
    index = open_index(opened, corpus, cache_dir=cache_dir)
    assert index.warnings == []
    assert _answers(index) == expected
    skipped = {skip.path for skip in index.skipped()}
    assert skipped == {str(made["mismatch"]), str(made["broken"])}
    mismatch = next(skip for skip in index.skipped() if skip.path == str(made["mismatch"]))
    assert mismatch.findings[0]["file"] == str(made["mismatch"])  # the name, lone surrogates and all
    both = {str(corpus / "silkeborg-valley.yaml"), str(made["twin"])}
    assert {clash.field: set(clash.paths) for clash in index.duplicates()} == {"id": both, "number": both}
    with pytest.raises(NotFoundError, match="is used by 2 files"):
        lookup(index, "silkeborg-valley")
    assert index.count() == len(list(corpus.glob("*.yaml"))) - 2 + 1
    # Stored paths read back as scanned: the next run reads nothing again.
    again = open_index(opened, corpus, cache_dir=cache_dir)
    assert again.refresh().reread == 0
    assert _answers(again) == expected
    # Removing them is seen too (the stored path is found and forgotten).
    for path in made.values():
        os.unlink(os.fsencode(path))
    after = open_index(opened, corpus, cache_dir=cache_dir)
    assert after.skipped() == [] and after.duplicates() == []
    assert _answers(after) == without_cache(corpus, _answers)


@pytest.mark.parametrize(
    "path",
    [
        "a.yaml",
        "mappe/æøå.yaml",
        "case-\udcff.yaml",
        "x\udcfe/\udc80\\u00e9.yaml",
        "line\nbreak.yaml",
        '"/q.yaml',
    ],
)
def test_stored_paths_read_back_as_they_were(path: str) -> None:
    key = storage.path_key(path)
    key.encode("utf-8")  # SQLite can hold it
    assert "\n" not in key
    assert storage.path_of(key) == path


def test_escaped_paths_never_meet_plain_ones() -> None:
    escaped = storage.path_key("case-\udcff.yaml")
    assert escaped.startswith("/")  # no relative path does
    lookalikes = [escaped[1:], escaped[2:-1], "case-\\udcff.yaml", "case-\\xff.yaml"]
    assert escaped not in {storage.path_key(path) for path in lookalikes}


# -- 4. a FIFO where the cache keeps its stamp ------------------------------------------------


def _within(seconds: float, work: Callable[[], Any], fifo: Path) -> Any:
    """Run ``work`` in a thread; fail (and free it, by writing to the FIFO) if it takes too long."""
    result: list[Any] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            result.append(work())
        except BaseException as error:  # handed to the test
            failure.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        with open(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK), "wb") as handle:
            handle.write(b"x")  # let the blocked reader go before failing
        thread.join(5)
        pytest.fail(f"still waiting after {seconds} s: a FIFO at {fifo.name} blocked the read")
    if failure:
        raise failure[0]
    return result[0]


def test_a_fifo_as_the_stamp_is_no_stamp_and_is_replaced(
    corpus: Path, cache_dir: Path, opened: list[CorpusIndex]
) -> None:
    location = built_cache(corpus, cache_dir)
    stamp = Path(f"{location}{storage.STAMP_SUFFIX}")
    assert stamp.is_file()  # a sound check left it
    stamp.unlink()
    os.mkfifo(stamp)
    index = _within(20, lambda: open_index(opened, corpus, cache_dir=cache_dir), stamp)
    assert index.warnings == []
    assert _answers(index) == without_cache(corpus, _answers)
    assert stat.S_ISREG(os.lstat(stamp).st_mode)  # the next sound check wrote a real stamp


def test_a_stamp_is_read_only_as_a_small_regular_file(corpus: Path, cache_dir: Path) -> None:
    location = built_cache(corpus, cache_dir)
    witness = storage._witness(str(location))
    assert witness is not None
    stamp = Path(f"{location}{storage.STAMP_SUFFIX}")
    text = " ".join(map(str, (*witness, max(witness[2:]) + 10 * storage.RACY_NS)))
    stamp.write_text(text + "\n", encoding="ascii")
    assert storage._stamp(str(location)) == witness
    stamp.write_text(text + " " * 10_000 + "\n", encoding="ascii")  # far larger than a stamp is
    assert storage._stamp(str(location)) is None
    stamp.write_bytes(b"\xff\xfe garbage")
    assert storage._stamp(str(location)) is None


# -- 5. a damaged cache file is rebuilt with one warning ----------------------------------------


def _garbage(location: Path) -> None:
    location.write_bytes(random.Random(11).randbytes(16 * PAGE))


def _zeroed(location: Path) -> None:
    location.write_bytes(bytes(location.stat().st_size))


def _emptied(location: Path) -> None:
    with location.open("r+b") as handle:
        handle.truncate(0)


def _truncated(location: Path) -> None:
    with location.open("r+b") as handle:
        handle.truncate(location.stat().st_size // 3)


def _header(location: Path) -> None:
    with location.open("r+b") as handle:
        handle.write(random.Random(5).randbytes(100))


def _fifo(location: Path) -> None:
    location.unlink()
    os.mkfifo(location)


DAMAGES: dict[str, Callable[[Path], None]] = {
    "garbage": _garbage,
    "zeroed": _zeroed,
    "zero-bytes": _emptied,
    "truncated": _truncated,
    "header": _header,
    "table-dropped": sql_damage("DROP TABLE facets"),
    "meta-emptied": sql_damage("DELETE FROM meta"),
    "a-fifo": _fifo,
}


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_a_damaged_cache_file_is_rebuilt_with_one_warning(
    damage: str, corpus: Path, cache_dir: Path, opened: list[CorpusIndex]
) -> None:
    expected = without_cache(corpus, _answers)
    location = built_cache(corpus, cache_dir)
    DAMAGES[damage](location)
    assert cache.status(corpus, directory=cache_dir)[1] == "damaged"
    index = open_index(opened, corpus, cache_dir=cache_dir)
    assert len(index.warnings) == 1, index.warnings
    assert DAMAGED.match(index.warnings[0]), index.warnings[0]
    assert str(location) in index.warnings[0]
    assert index.location == location
    assert _answers(index) == expected
    check = sqlite3.connect(location)
    try:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert check.execute("PRAGMA application_id").fetchone()[0] == storage.APPLICATION_ID
    finally:
        check.close()
    again = open_index(opened, corpus, cache_dir=cache_dir)  # healed: said once, not on every run
    assert again.warnings == []
    assert cache.status(corpus, directory=cache_dir)[1] == "fresh"


def _foreign(location: Path) -> None:
    location.unlink()
    sql_damage("CREATE TABLE notes(body TEXT)", "INSERT INTO notes VALUES ('not an index')")(location)


def _outdated(location: Path) -> None:
    location.unlink()
    sql_damage(
        "CREATE TABLE docs(id TEXT)",
        f"PRAGMA application_id = {storage.APPLICATION_ID}",
        "PRAGMA user_version = 1",
    )(location)


@pytest.mark.parametrize("replace", [_foreign, _outdated], ids=["foreign", "outdated"])
def test_a_file_that_is_not_damaged_is_replaced_quietly(
    replace: Callable[[Path], None], corpus: Path, cache_dir: Path, opened: list[CorpusIndex]
) -> None:
    location = built_cache(corpus, cache_dir)
    replace(location)
    index = open_index(opened, corpus, cache_dir=cache_dir)
    assert index.warnings == []  # another program's file or another version's: no damage
    assert _answers(index) == without_cache(corpus, _answers)


def test_a_missing_cache_is_built_without_a_warning(
    corpus: Path, cache_dir: Path, opened: list[CorpusIndex]
) -> None:
    index = open_index(opened, corpus, cache_dir=cache_dir)
    assert index.warnings == []
    assert index.location is not None and stat.S_ISREG(os.stat(index.location).st_mode)


def _race(root: str, cache_root: str, barrier: Any, results: Any) -> None:
    barrier.wait(timeout=60)
    index = CorpusIndex.open(Path(root), cache_dir=Path(cache_root), jobs=1)
    results.put((index.count(), index.warnings))
    index.close()


def test_two_processes_on_a_damaged_cache_say_it_once(corpus: Path, cache_dir: Path) -> None:
    location = built_cache(corpus, cache_dir)
    _garbage(location)
    got = race(_race, corpus, cache_dir)
    count = without_cache(corpus, _answers)["count"]
    assert [found for found, _warnings in got] == [count, count]
    warnings = [warning for _count, said in got for warning in said]
    assert len(warnings) == 1, warnings  # only the process that replaced the file says so
    assert DAMAGED.match(warnings[0])


# -- a file deleted between the scan and the read --------------------------------------------------


@pytest.mark.parametrize("which", ["new", "known"])
def test_a_file_deleted_while_the_index_reads_it_is_gone_not_broken(
    which: str, corpus: Path, cache_dir: Path, opened: list[CorpusIndex], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program deletes a case file after the scan saw it: it is left out as deleted, not
    stored as a file that "cannot be read" and warned of until the next change."""
    from erhverv_cli.search import freshness

    built_cache(corpus, cache_dir)
    if which == "new":
        doomed = corpus / "ny-case.yaml"
        text = (corpus / "animation-viborg.yaml").read_text(encoding="utf-8")
        doomed.write_text(
            text.replace("id: animation-viborg", "id: ny-case").replace("number: 10", "number: 99")
        )
    else:
        doomed = corpus / "animation-viborg.yaml"
        doomed.write_text(doomed.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    read = freshness.read_regular_file

    def deleted_first(path: str) -> bytes:
        if Path(path) == doomed and doomed.exists():
            doomed.unlink()
        return read(path)

    monkeypatch.setattr(freshness, "read_regular_file", deleted_first)
    index = open_index(opened, corpus, cache_dir=cache_dir)
    assert index.skipped() == [] and index.warnings == []
    assert index.count() == 17 if which == "known" else 18
    monkeypatch.setattr(freshness, "read_regular_file", read)
    assert _answers(index) == without_cache(corpus, _answers)
