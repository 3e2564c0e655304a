"""A persistent SQLite index of a corpus folder, brought up to date incrementally.

The index is a cache: it is keyed by the corpus folder, lives in the user cache directory and
can always be rebuilt from the YAML files. Only added, changed (size/mtime, then content hash)
and removed files are re-read. A corrupt or foreign cache file is replaced; an unwritable cache
directory means working in memory, with a warning. Without a cache (``use_cache=False``) the very
same index is built in memory, so ranking and analysis never differ between the two paths.

Concurrency: readers never block; a builder takes SQLite's write lock (BEGIN IMMEDIATE) and
re-checks freshness inside it, so two processes building at once leave one correct index.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from erhverv_cli import __version__
from erhverv_cli.errors import NotFoundError
from erhverv_cli.search.documents import COLUMNS, WEIGHTS

APPLICATION_ID = 0x45525652  # "ERVR": tells our cache files from any other SQLite file
SCHEMA_VERSION = 4
CACHE_DIR_ENV = "ERHVERV_CACHE_DIR"
PARALLEL_THRESHOLD = 64

_SCHEMA = f"""
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files(
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, digest TEXT NOT NULL,
    doc INTEGER, problems TEXT, conflict INTEGER NOT NULL DEFAULT 0);
CREATE TABLE docs(
    rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, number INTEGER, title TEXT NOT NULL,
    type TEXT NOT NULL, started INTEGER, path TEXT NOT NULL, record TEXT NOT NULL,
    {", ".join(f"len_{name} INTEGER NOT NULL" for name in COLUMNS)});
CREATE INDEX docs_number ON docs(number);
CREATE TABLE facets(doc INTEGER NOT NULL, facet TEXT NOT NULL, value TEXT NOT NULL, key TEXT NOT NULL);
CREATE INDEX facets_lookup ON facets(facet, key, doc);
CREATE INDEX facets_doc ON facets(doc);
CREATE VIRTUAL TABLE fts USING fts5({", ".join(COLUMNS)}, tokenize='unicode61 remove_diacritics 0');
CREATE VIRTUAL TABLE vocab USING fts5vocab(fts, 'row');
CREATE VIRTUAL TABLE vocab_instance USING fts5vocab(fts, 'instance');
"""


@dataclass(frozen=True)
class SkippedFile:
    """A file that failed validation and is left out of the index, with its findings."""

    path: str
    findings: list[dict[str, Any]]


@dataclass
class RefreshStats:
    """What a refresh did."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    reread: int = 0

    @property
    def touched(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def cache_root() -> Path:
    """$ERHVERV_CACHE_DIR, else $XDG_CACHE_HOME/erhverv, else ~/.cache/erhverv."""
    explicit = os.environ.get(CACHE_DIR_ENV)
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "erhverv"


def cache_file_for(root: Path, directory: Path | None = None) -> Path:
    """The cache file of a corpus folder: one per resolved folder path."""
    key = hashlib.blake2b(str(root.resolve()).encode(), digest_size=10).hexdigest()
    return (directory or cache_root()) / f"index-{key}.sqlite3"


def _scan(root: Path) -> dict[str, tuple[int, int]]:
    """Relative path → (size, mtime_ns) of every case file under root."""
    found: dict[str, tuple[int, int]] = {}
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False) and not entry.name.startswith("."):
                stack.append(Path(entry.path))
            elif entry.name.endswith((".yaml", ".yml")) and entry.is_file():
                stat = entry.stat()
                found[os.path.relpath(entry.path, root)] = (stat.st_size, stat.st_mtime_ns)
    return found


def _digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def _prepare(job: tuple[str, str, str | None]) -> tuple[Any, ...]:
    """Read, validate and analyse one file (runs in worker processes for large corpora)."""
    from erhverv_cli.search.documents import columns, facets
    from erhverv_cli.validation import validate_bytes

    absolute, display, known_digest = job
    try:
        raw = Path(absolute).read_bytes()
    except OSError as error:
        finding = {"file": display, "line": 1, "col": 1, "field": "", "message": f"cannot read file: {error}"}
        return ("error", 0, "", [finding])
    digest = _digest(raw)
    if digest == known_digest:
        return ("same", len(raw), digest)
    result = validate_bytes(raw, display, stem=Path(absolute).stem)
    if result.case is None:
        findings = [
            {"file": f.file, "line": f.line, "col": f.col, "field": f.field, "message": f.message}
            for f in result.findings
        ]
        return ("invalid", len(raw), digest, findings)
    record = result.case.record()
    return ("valid", len(raw), digest, record, columns(record), facets(record))


class CorpusIndex:
    """Search, filter and look up cases of one corpus folder through its index."""

    def __init__(self, connection: sqlite3.Connection, root: Path, location: Path | None) -> None:
        self.connection = connection
        self.root = root
        self.location = location
        self.warnings: list[str] = []

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        root: Path,
        *,
        use_cache: bool = True,
        cache_dir: Path | None = None,
        jobs: int = 0,
    ) -> CorpusIndex:
        """Open (or build) the index of a corpus folder and bring it up to date."""
        if not root.is_dir():
            raise NotFoundError(f"no corpus folder at {root}: give --data-dir a folder of case files")
        warnings: list[str] = []
        index: CorpusIndex | None = None
        if use_cache:
            location = cache_file_for(root, cache_dir)
            try:
                index = cls(_open_cache_file(location), root, location)
            except (OSError, sqlite3.Error) as error:
                warnings.append(
                    f"cache directory {location.parent} is not usable ({_reason(error)}); "
                    "working without a cache"
                )
        if index is None:
            connection = sqlite3.connect(":memory:", isolation_level=None)
            _create_schema(connection)
            index = cls(connection, root, None)
        index.warnings.extend(warnings)
        try:
            index.refresh(jobs=jobs)
        except sqlite3.Error as error:
            if index.location is None:
                raise
            # A cache that broke while updating: start it over once.
            index.connection.close()
            _remove_database(index.location)
            fresh = cls(_open_cache_file(index.location), root, index.location)
            fresh.warnings = [*index.warnings, f"rebuilt the corpus index after an error ({_reason(error)})"]
            fresh.refresh(jobs=jobs)
            index = fresh
        return index

    def close(self) -> None:
        self.connection.close()

    # -- keeping up to date ----------------------------------------------------------------

    def _known(self) -> dict[str, tuple[int, int, str, int]]:
        rows = self.connection.execute("SELECT path, size, mtime_ns, digest, conflict FROM files")
        return {path: (size, mtime, digest, conflict) for path, size, mtime, digest, conflict in rows}

    @staticmethod
    def _stale(scan: dict[str, tuple[int, int]], known: dict[str, tuple[int, int, str, int]]) -> bool:
        if scan.keys() != known.keys():
            return True
        return any(scan[path] != known[path][:2] for path in scan)

    def refresh(self, jobs: int = 0) -> RefreshStats:
        """Re-read what changed on disk since the index was last brought up to date."""
        scan = _scan(self.root)
        if not self._stale(scan, self._known()):
            return RefreshStats()
        connection = self.connection
        connection.execute("BEGIN IMMEDIATE")
        try:
            stats = self._apply(scan, jobs)
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        return stats

    def _display(self, relative: str) -> str:
        return str(self.root / relative)

    def _apply(self, scan: dict[str, tuple[int, int]], jobs: int) -> RefreshStats:
        known = self._known()  # again, inside the write lock: another process may have done it
        stats = RefreshStats()
        removed = [path for path in known if path not in scan]
        for path in removed:
            self._forget(path)
        stats.removed = len(removed)
        todo = [path for path in sorted(scan) if path not in known or scan[path] != known[path][:2]]
        if todo or removed:
            # Files refused for clashing with another file may be fine now that others changed.
            todo += [path for path, row in known.items() if row[3] and path in scan and path not in todo]
        jobs_list = [
            (str(self.root / path), self._display(path), known[path][2] if path in known else None)
            for path in todo
        ]
        for path, outcome in zip(todo, self._run(jobs_list, jobs), strict=True):
            size, mtime = scan[path]
            status = outcome[0]
            if status == "same":
                self.connection.execute(
                    "UPDATE files SET size=?, mtime_ns=? WHERE path=?", (size, mtime, path)
                )
                continue
            if path in known:
                stats.changed += 1
                self._forget(path)
            else:
                stats.added += 1
            if status == "valid":
                _status, _size, digest, record, cols, facet_rows = outcome
                self._store(path, size, mtime, digest, record, cols, facet_rows)
            else:
                digest = outcome[2]
                self._store_problem(path, size, mtime, digest, outcome[3], conflict=False)
        stats.reread = len(todo)
        self.connection.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES ('files', ?)", (str(len(scan)),)
        )
        return stats

    def _run(self, jobs_list: list[tuple[str, str, str | None]], jobs: int) -> Iterable[tuple[Any, ...]]:
        workers = jobs or (os.cpu_count() or 1)
        if workers > 1 and len(jobs_list) >= PARALLEL_THRESHOLD:
            from concurrent.futures import ProcessPoolExecutor

            chunk = max(4, len(jobs_list) // (workers * 16))
            with ProcessPoolExecutor(max_workers=workers) as pool:
                return list(pool.map(_prepare, jobs_list, chunksize=chunk))
        return [_prepare(job) for job in jobs_list]

    def _forget(self, path: str) -> None:
        row = self.connection.execute("SELECT doc FROM files WHERE path=?", (path,)).fetchone()
        if row and row[0] is not None:
            doc = row[0]
            self.connection.execute("DELETE FROM fts WHERE rowid=?", (doc,))
            self.connection.execute("DELETE FROM facets WHERE doc=?", (doc,))
            self.connection.execute("DELETE FROM docs WHERE rowid=?", (doc,))
        self.connection.execute("DELETE FROM files WHERE path=?", (path,))

    def _store_problem(
        self, path: str, size: int, mtime: int, digest: str, findings: list[dict[str, Any]], conflict: bool
    ) -> None:
        self.connection.execute(
            "INSERT INTO files(path, size, mtime_ns, digest, doc, problems, conflict) VALUES (?,?,?,?,NULL,?,?)",
            (path, size, mtime, digest, json.dumps(findings, ensure_ascii=False), int(conflict)),
        )

    def _store(
        self,
        path: str,
        size: int,
        mtime: int,
        digest: str,
        record: dict[str, Any],
        cols: dict[str, str],
        facet_rows: list[tuple[str, str, str]],
    ) -> None:
        connection = self.connection
        clash = connection.execute("SELECT path FROM docs WHERE id=?", (record["id"],)).fetchone()
        message = f"id '{record['id']}' is also used by {self._display(clash[0])}" if clash else None
        field_name = "id"
        if message is None and record.get("number") is not None:
            clash = connection.execute("SELECT path FROM docs WHERE number=?", (record["number"],)).fetchone()
            if clash:
                message = f"number {record['number']} is also used by {self._display(clash[0])}"
                field_name = "number"
        if message is not None:
            finding = {"file": self._display(path), "line": 1, "col": 1, "field": field_name, "message": message}
            self._store_problem(path, size, mtime, digest, [finding], conflict=True)
            return
        lengths = [len(cols[name].split()) for name in COLUMNS]
        cursor = connection.execute(
            f"INSERT INTO docs(id, number, title, type, started, path, record, "
            f"{', '.join('len_' + name for name in COLUMNS)}) VALUES (?,?,?,?,?,?,?{', ?' * len(COLUMNS)})",
            (
                record["id"],
                record.get("number"),
                record["title"],
                record["type"],
                record.get("started"),
                path,
                json.dumps(record, ensure_ascii=False),
                *lengths,
            ),
        )
        doc = cursor.lastrowid
        connection.execute(
            f"INSERT INTO fts(rowid, {', '.join(COLUMNS)}) VALUES (?{', ?' * len(COLUMNS)})",
            (doc, *(cols[name] for name in COLUMNS)),
        )
        connection.executemany(
            "INSERT INTO facets(doc, facet, value, key) VALUES (?,?,?,?)",
            [(doc, facet, value, key) for facet, value, key in facet_rows],
        )
        connection.execute(
            "INSERT INTO files(path, size, mtime_ns, digest, doc, problems, conflict) VALUES (?,?,?,?,?,NULL,0)",
            (path, size, mtime, digest, doc),
        )

    # -- reading ---------------------------------------------------------------------------

    def skipped(self) -> list[SkippedFile]:
        """Files left out because they failed validation."""
        rows = self.connection.execute("SELECT path, problems FROM files WHERE doc IS NULL ORDER BY path")
        return [SkippedFile(self._display(path), json.loads(problems)) for path, problems in rows]

    def count(self) -> int:
        row = self.connection.execute("SELECT COUNT(*) FROM docs").fetchone()
        return int(row[0])

    def records_for(self, rowids: Sequence[int]) -> dict[int, dict[str, Any]]:
        """Records by rowid."""
        out: dict[int, dict[str, Any]] = {}
        for start in range(0, len(rowids), 500):
            chunk = rowids[start : start + 500]
            rows = self.connection.execute(
                f"SELECT rowid, record FROM docs WHERE rowid IN ({','.join('?' * len(chunk))})", chunk
            )
            out.update((rowid, json.loads(record)) for rowid, record in rows)
        return out

    def bm25_weights(self) -> str:
        return ", ".join(str(WEIGHTS[name]) for name in COLUMNS)

    def average_lengths(self) -> dict[str, float]:
        """Average analysed length of each text column (for BM25 length normalisation)."""
        row = self.connection.execute(
            f"SELECT {', '.join(f'AVG(len_{name})' for name in COLUMNS)} FROM docs"
        ).fetchone()
        return {name: float(value or 1.0) or 1.0 for name, value in zip(COLUMNS, row, strict=True)}


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return str(error) or type(error).__name__


def _create_schema(connection: sqlite3.Connection) -> None:
    # Statement by statement: executescript() would commit the caller's open transaction.
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            connection.execute(statement)
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    connection.execute("INSERT INTO meta(key, value) VALUES ('version', ?)", (__version__,))


def _remove_database(location: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.unlink(f"{location}{suffix}")
        except FileNotFoundError:
            pass


def _connect(location: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(location, timeout=120, isolation_level=None, check_same_thread=False)
    connection.execute("PRAGMA busy_timeout = 120000")
    return connection


def _is_ours(connection: sqlite3.Connection) -> bool:
    application = connection.execute("PRAGMA application_id").fetchone()[0]
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    return bool(application == APPLICATION_ID and version == SCHEMA_VERSION)


def _open_cache_file(location: Path) -> sqlite3.Connection:
    """Open the cache file, replacing it when it is corrupt, foreign or from another version."""
    location.parent.mkdir(parents=True, exist_ok=True)
    if not os.access(location.parent, os.W_OK):
        raise PermissionError(13, "Permission denied", str(location.parent))
    connection = _connect(location)
    try:
        if _is_ours(connection):
            connection.execute("PRAGMA journal_mode = WAL")
            return connection
        is_empty = connection.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] == 0
    except sqlite3.DatabaseError:
        is_empty = False
    if is_empty:
        return _initialise(connection)
    connection.close()
    # Foreign, corrupt or outdated: build a fresh file aside and move it into place atomically,
    # so a process reading the old one is never handed a half-built index.
    temporary = location.with_name(f"{location.name}.{os.getpid()}.tmp")
    _remove_database(temporary)
    fresh = _connect(temporary)
    _initialise(fresh).close()
    for suffix in ("-wal", "-shm", "-journal"):
        try:
            os.unlink(f"{location}{suffix}")
        except FileNotFoundError:
            pass
    os.replace(temporary, location)
    connection = _connect(location)
    connection.execute("PRAGMA journal_mode = WAL")
    return connection


def _initialise(connection: sqlite3.Connection) -> sqlite3.Connection:
    connection.execute("BEGIN IMMEDIATE")
    try:
        if connection.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] == 0:
            _create_schema(connection)
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("PRAGMA journal_mode = WAL")
    return connection


