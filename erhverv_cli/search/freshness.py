"""Keeping an index up to date with its folder: scan, compare, re-read only what changed.

A file is taken as unchanged only when its size, mtime, ctime and inode all agree with what the
index recorded: an edit that keeps the size and restores the mtime still changes the ctime,
which no program can set back. A file that changed moments before a scan may change again
within the same clock tick, so it is hashed again on the next refresh whatever its stat says.
Changed files are parsed in worker processes when there are many, streamed back in order, so
inserting overlaps parsing; workers never outlive the process that started them.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from array import array
from collections.abc import Generator
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG
from typing import Any, NamedTuple, Protocol

from erhverv_cli.files import FileRefused, kind_of, read_regular_file
from erhverv_cli.paths import CASE_SUFFIXES, misnamed_case_file
from erhverv_cli.workers import ordered_map, usable_cores

PARALLEL_THRESHOLD = 64  # files to (re)parse before worker processes pay for their start-up
BULK_THRESHOLD = 64  # documents written in one refresh before the term table is rebuilt in one go
RACY_NS = 2_000_000_000  # a file changed this close to a scan may change again within the same tick
MAX_FOLDERS = 20_000  # a corpus is a few folders; a scan of a whole disk stops here with a message
# SQLite stores 64-bit signed integers: a stat number beyond them (an mtime after 2262 or before
# 1678 in nanoseconds, an inode above 2**63) is kept wrapped to that range (see :func:`_signed`).
_HALF = 1 << 63


class FileStat(NamedTuple):
    """What a scan sees of a file; any difference from the recorded one means "read it again"."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    problem: str = ""  # a non-regular file under a case-file name: refused without reading


@dataclass
class Scan:
    """The case files of a folder by relative path, and the folders that could not be read."""

    files: dict[str, FileStat] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    truncated: bool = False

    def signature(self) -> str:
        """One key for the state of the whole folder: every path with its stat.

        Built in C, without a Python step per file (a warm query on a large corpus computes it on
        every run): the paths, the sizes, mtimes, ctimes, inodes and problems, each as one block
        in path order, preceded by its length (a path and a problem never hold a NUL).
        """
        paths = sorted(self.files)
        rows = map(self.files.__getitem__, paths)
        columns = list(zip(*rows, strict=True)) or [()] * len(FileStat._fields)
        sizes, mtimes, ctimes, inodes, problems = columns
        blocks = [
            "\0".join(paths).encode("utf-8", "surrogateescape"),
            *(_numbers(numbers) for numbers in (sizes, mtimes, ctimes, inodes)),
            "\0".join(problems).encode("utf-8", "surrogateescape"),
        ]
        digest = hashlib.blake2b(digest_size=16)
        for block in blocks:
            digest.update(len(block).to_bytes(8, "little"))
            digest.update(block)
        return digest.hexdigest()


def _signed(value: int) -> int:
    """A stat number wrapped to 64 bits signed, as SQLite stores it (unchanged when it fits)."""
    return (value + _HALF) % (1 << 64) - _HALF


def _numbers(numbers: tuple[int, ...]) -> bytes:
    """A column of stat numbers as bytes: in C when every one fits (scan() keeps them so)."""
    try:
        return array("q", numbers).tobytes()
    except OverflowError:
        return array("q", map(_signed, numbers)).tobytes()


def file_stat(info: os.stat_result, problem: str = "") -> FileStat:
    """What a scan keeps of a stat: any st_mtime_ns, st_ctime_ns or st_ino, wrapped to fit."""
    return FileStat(
        _signed(info.st_size),
        _signed(info.st_mtime_ns),
        _signed(info.st_ctime_ns),
        _signed(info.st_ino),
        problem,
    )


@dataclass
class RefreshStats:
    """What a refresh did: files added, changed, removed; files read (and hashed) and parsed."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    reread: int = 0
    parsed: int = 0

    @property
    def touched(self) -> bool:
        return bool(self.added or self.changed or self.removed)


class Writer(Protocol):
    """What a refresh needs to change an index (``erhverv_cli.search.writer.IndexWriter``)."""

    def writing(self) -> Any: ...
    def stored_signature(self) -> str | None: ...
    def store_signature(self, signature: str | None) -> None: ...
    def known_files(self) -> dict[str, tuple[Any, ...]]: ...
    def begin_bulk(self) -> None: ...
    def forget(self, path: str, terms: bool) -> None: ...
    def update_stat(self, path: str, info: FileStat) -> None: ...
    def store(self, path: str, info: FileStat, digest: str, doc: Any, terms: bool) -> None: ...
    def store_problem(self, path: str, info: FileStat, digest: str, problems: str) -> None: ...
    def after_writing(self, bulk: bool) -> None: ...
    def set_file_count(self, count: int) -> None: ...


class Indexed(Protocol):
    """The index a refresh brings up to date (``erhverv_cli.search.index.CorpusIndex``)."""

    root: Path
    scan_warnings: list[str]

    @property
    def writer(self) -> Writer: ...
    def display(self, relative: str) -> str: ...


def _entry_stat(entry: os.DirEntry[str]) -> FileStat | None:
    """The stat of an entry with a case-file name that is not a regular file (links followed):
    refused with what it is, or None for a folder. (:func:`scan` takes regular files itself.)"""
    info = entry.stat()  # cached by the DirEntry: scan() has stat'ed it already
    kind = kind_of(info.st_mode)
    if kind == "a folder":
        return None
    problem = f"is {kind}, not a case file; only regular files are read" if kind else ""
    return file_stat(info, problem)


def scan(root: Path) -> Scan:
    """Every case file under root (hidden folders and linked folders skipped, never followed)."""
    found = Scan()
    stack = [(str(root), "")]
    visited = 0
    while stack:
        folder, prefix = stack.pop()
        visited += 1
        if visited > MAX_FOLDERS:
            found.truncated = True
            found.warnings.append(
                f"stopped after {MAX_FOLDERS:,} folders under {root}; is that the folder of case files?"
            )
            break
        try:
            entries = os.scandir(folder)
        except OSError as error:
            if folder == str(root):
                raise
            found.warnings.append(f"skipped folder {folder}: {(error.strerror or str(error)).lower()}")
            continue
        with entries:
            for entry in entries:
                name = entry.name
                try:
                    if name.endswith(CASE_SUFFIXES):
                        stat = entry.stat()  # links followed: a link to a case file is a case file
                        if S_ISREG(stat.st_mode):  # the common case, without a call: a scan stats every file
                            mtime, ctime, inode = stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino
                            if -_HALF <= mtime < _HALF and -_HALF <= ctime < _HALF and inode < _HALF:
                                found.files[prefix + name] = FileStat(stat.st_size, mtime, ctime, inode)
                            else:  # a time after 2262 or before 1678, a huge inode: wrapped to fit
                                found.files[prefix + name] = file_stat(stat)
                            continue
                        info = _entry_stat(entry)
                        if info is not None:
                            found.files[prefix + name] = info
                            continue
                    if not name.startswith(".") and entry.is_dir(follow_symlinks=False):
                        stack.append((entry.path, prefix + name + os.sep))
                    elif why := misnamed_case_file(name):  # x.YAML: read nowhere else either
                        found.warnings.append(f"{entry.path} {why}")
                except OSError:
                    continue  # vanished while we looked, or a dangling link: the next refresh sees it
    return found


def digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def finding(file: str, message: str, field_name: str = "", line: int = 1, col: int = 1) -> dict[str, Any]:
    """A validation finding as stored in the index (JSON), the shape SkippedFile reads back."""
    return {"file": file, "line": line, "col": col, "field": field_name, "message": message}


def findings_json(findings: list[dict[str, Any]]) -> str:
    """Findings as the index stores them: JSON text that is valid UTF-8. A file name that is not
    UTF-8 (held by Python as lone surrogates) is kept as JSON escapes, which read back the same."""
    text = json.dumps(findings, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(findings, ensure_ascii=True)
    return text


def prepare(job: tuple[str, str, str | None, str]) -> tuple[Any, ...]:
    """Read, validate and analyse one file (runs in worker processes for large corpora)."""
    from erhverv_cli.search.documents import prepared_document
    from erhverv_cli.validation import validate_bytes

    absolute, display, known_digest, problem = job
    if problem:
        return ("error", 0, "", [finding(display, problem)])
    try:
        raw = read_regular_file(absolute)
    except FileRefused as refused:
        if not os.path.lexists(absolute):  # deleted since the scan: gone, not broken
            return ("gone",)
        return ("error", 0, "", [finding(display, str(refused))])
    found = digest(raw)
    if found == known_digest:
        return ("same", len(raw), found)
    result = validate_bytes(raw, display, stem=Path(absolute).stem)
    if result.case is None:
        findings = [finding(f.file, f.message, f.field, f.line, f.col) for f in result.findings]
        return ("invalid", len(raw), found, findings)
    return ("valid", len(raw), found, prepared_document(result.case.record()))


def prepared(
    jobs_list: list[tuple[str, str, str | None, str]], jobs: int
) -> Generator[tuple[Any, ...], None, None]:
    """Results in the order of ``jobs_list``, streamed, so inserting overlaps parsing."""
    workers = min(jobs or usable_cores(), max(1, len(jobs_list) // 16))
    if len(jobs_list) < PARALLEL_THRESHOLD:
        workers = 1
    chunk = max(4, min(64, len(jobs_list) // (workers * 8)))
    return ordered_map(prepare, jobs_list, workers=workers, chunk=chunk)


def refresh(index: Indexed, jobs: int = 0) -> RefreshStats:
    """Re-read what changed on disk since the index was last brought up to date."""
    started = time.time_ns()
    found = scan(index.root)
    index.scan_warnings = found.warnings
    signature = found.signature()
    writer = index.writer
    # One key compares the whole folder at once; only when it differs are the files compared.
    if writer.stored_signature() == signature or not _stale(found, writer.known_files()):
        return RefreshStats()
    with writer.writing():
        stats = _apply(index, writer, found, started, jobs)
        racy = any(info.mtime_ns >= started - RACY_NS for info in found.files.values())
        # A file changed just now may change again unseen within its tick: let the next refresh
        # compare file by file (and hash that file) instead of trusting the key.
        writer.store_signature(None if racy else signature)
    return stats


def _stale(found: Scan, known: dict[str, tuple[Any, ...]]) -> bool:
    if found.files.keys() != known.keys():
        return True
    return any(tuple(info[:4]) != known[path][:4] for path, info in found.files.items())


def _apply(index: Indexed, writer: Writer, found: Scan, started: int, jobs: int) -> RefreshStats:
    known = writer.known_files()  # again, inside the write lock: another process may have done it
    files = found.files
    stats = RefreshStats()
    removed = [path for path in known if path not in files]
    todo = [path for path in sorted(files) if path not in known or tuple(files[path][:4]) != known[path][:4]]
    bulk = len(todo) + len(removed) >= BULK_THRESHOLD
    if bulk:
        writer.begin_bulk()
    for path in removed:
        writer.forget(path, terms=not bulk)
    stats.removed = len(removed)
    jobs_list = [
        (
            str(index.root / path),
            index.display(path),
            known[path][4] if path in known else None,
            files[path].problem,
        )
        for path in todo
    ]
    written = bool(removed)
    results = prepared(jobs_list, jobs)
    try:
        for path, outcome in zip(todo, results, strict=True):
            info = files[path]
            if info.mtime_ns >= started - RACY_NS:
                info = info._replace(mtime_ns=-1)  # changed just now: hash it again next time
            if outcome[0] == "gone":  # deleted between the scan and the read: as if never seen
                if path in known:
                    writer.forget(path, terms=not bulk)
                    stats.removed += 1
                    written = True
                files.pop(path)
                continue
            stats.reread += 1
            if outcome[0] == "same":
                writer.update_stat(path, info)
                continue
            written = True
            if path in known:
                stats.changed += 1
                writer.forget(path, terms=not bulk)
            else:
                stats.added += 1
            stats.parsed += outcome[0] in ("valid", "invalid")
            if outcome[0] == "valid":
                writer.store(path, info, outcome[2], outcome[3], terms=not bulk)
            else:
                writer.store_problem(path, info, outcome[2], findings_json(outcome[3]))
    finally:
        results.close()  # stops the worker processes at once if inserting failed
    if written:
        writer.after_writing(bulk)
    writer.set_file_count(len(files))
    return stats
