"""A persistent SQLite index of a corpus folder, brought up to date incrementally.

The index is a cache: it is keyed by the corpus folder, lives in the user cache directory and
can always be rebuilt from the YAML files. Only added, changed (size/mtime, then content hash)
and removed files are re-read. A corrupt, foreign or outdated cache file (other schema, other
analysis, other code) is replaced; an unwritable cache directory means working in memory, with
one warning. Without a cache (``use_cache=False``) the very same index is built in memory, so
ranking and analysis never differ between the two paths.

Concurrency: readers never block; a builder takes SQLite's write lock (BEGIN IMMEDIATE) and
re-checks freshness inside it, so two processes building at once leave one correct index.
Replacing a broken cache file is serialised by a lock file next to it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Generator, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from erhverv_cli import __version__
from erhverv_cli.errors import NotFoundError
from erhverv_cli.search.analysis import ANALYSIS_VERSION
from erhverv_cli.search.documents import COLUMNS

APPLICATION_ID = 0x45525652  # "ERVR": tells our cache files from any other SQLite file
SCHEMA_VERSION = 7
CACHE_DIR_ENV = "ERHVERV_CACHE_DIR"
PARALLEL_THRESHOLD = 64  # files to (re)parse before worker processes pay for their start-up
BULK_THRESHOLD = 64  # documents written in one refresh before the term table is rebuilt in one go
RACY_NS = 2_000_000_000  # a file changed this close to a scan may change again within the same mtime tick

# The modules that decide what the index holds: when one changes, an index built before is stale.
_CONTENT_MODULES = (
    "models.py",
    "vocab.py",
    "geography.py",
    "folding.py",
    "validation.py",
    "yamlsafe.py",
    "search/documents.py",
    "search/analysis.py",
    "search/index.py",
)

# The case as JSON lives in its own table: a record spans several pages, and ranking reads the
# lengths of thousands of docs rows, which stay small and many to a page this way.
_SCHEMA = f"""
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files(
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, digest TEXT NOT NULL,
    doc INTEGER, problems TEXT, conflict INTEGER NOT NULL DEFAULT 0);
CREATE TABLE docs(
    rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, number INTEGER, title TEXT NOT NULL,
    type TEXT NOT NULL, started INTEGER, path TEXT NOT NULL,
    {", ".join(f"len_{name} INTEGER NOT NULL" for name in COLUMNS)});
CREATE TABLE records(rowid INTEGER PRIMARY KEY, record TEXT NOT NULL);
CREATE INDEX docs_number ON docs(number);
CREATE TABLE facets(doc INTEGER NOT NULL, facet TEXT NOT NULL, value TEXT NOT NULL, key TEXT NOT NULL);
CREATE INDEX facets_lookup ON facets(facet, key, doc);
CREATE INDEX facets_doc ON facets(doc);
CREATE TABLE terms(term TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID;
CREATE VIRTUAL TABLE fts USING fts5({", ".join(COLUMNS)}, tokenize='unicode61 remove_diacritics 0');
CREATE VIRTUAL TABLE vocab USING fts5vocab(fts, 'row');
CREATE VIRTUAL TABLE vocab_instance USING fts5vocab(fts, 'instance');
"""

# Every table (and FTS5 shadow table) the schema creates: a file missing one is broken.
_TABLES = frozenset(
    {"meta", "files", "docs", "records", "facets", "terms", "fts", "vocab", "vocab_instance"}
    | {f"fts_{shadow}" for shadow in ("data", "idx", "content", "docsize", "config")}
)

# What a worker hands back for a valid file: the row of `docs` and everything derived from it,
# already serialised, so the parent process only inserts.
Prepared = tuple[Any, ...]


@dataclass(frozen=True)
class SkippedFile:
    """A file that failed validation and is left out of the index, with its findings."""

    path: str
    findings: list[dict[str, Any]]


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
    """Relative path → (size, mtime_ns) of every case file under root (hidden folders skipped)."""
    found: dict[str, tuple[int, int]] = {}
    stack = [(str(root), "")]
    suffixes = (".yaml", ".yml")
    while stack:
        folder, prefix = stack.pop()
        try:
            entries = os.scandir(folder)
        except OSError:
            continue
        with entries:
            for entry in entries:
                name = entry.name
                try:
                    if name.endswith(suffixes) and entry.is_file():
                        stat = entry.stat()
                        found[prefix + name] = (stat.st_size, stat.st_mtime_ns)
                    elif not name.startswith(".") and entry.is_dir(follow_symlinks=False):
                        stack.append((entry.path, prefix + name + os.sep))
                except OSError:
                    continue  # vanished while we looked: the next refresh sees it gone
    return found


def _signature(scan: dict[str, tuple[int, int]]) -> str:
    """One key for the state of a whole folder: every path with its size and mtime."""
    text = "\n".join(f"{path}\t{size}\t{mtime}" for path, (size, mtime) in sorted(scan.items()))
    return hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


def _digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def _code_fingerprint() -> str:
    """Version, schema, analysis and the state of the modules that decide the index's content."""
    package = Path(__file__).resolve().parent.parent
    parts = [__version__, str(SCHEMA_VERSION), str(ANALYSIS_VERSION)]
    for name in _CONTENT_MODULES:
        try:
            stat = os.stat(package / name)
        except OSError:
            parts.append(f"{name}:-")
            continue
        parts.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.blake2b("|".join(parts).encode(), digest_size=12).hexdigest()


def _finding(file: str, message: str, field: str = "", line: int = 1, col: int = 1) -> dict[str, Any]:
    """A validation finding as stored in the index (JSON), the shape SkippedFile reads back."""
    return {"file": file, "line": line, "col": col, "field": field, "message": message}


def _prepare(job: tuple[str, str, str | None]) -> Prepared:
    """Read, validate and analyse one file (runs in worker processes for large corpora)."""
    from erhverv_cli.search.documents import columns, facets
    from erhverv_cli.validation import validate_bytes

    absolute, display, known_digest = job
    try:
        raw = Path(absolute).read_bytes()
    except OSError as error:
        return ("error", 0, "", [_finding(display, f"cannot read file: {error.strerror or error}")])
    digest = _digest(raw)
    if digest == known_digest:
        return ("same", len(raw), digest)
    result = validate_bytes(raw, display, stem=Path(absolute).stem)
    if result.case is None:
        findings = [_finding(f.file, f.message, f.field, f.line, f.col) for f in result.findings]
        return ("invalid", len(raw), digest, findings)
    record = result.case.record()
    cols = columns(record)
    doc = (
        record["id"],
        record.get("number"),
        record["title"],
        record["type"],
        record.get("started"),
        json.dumps(record, ensure_ascii=False),
        tuple(len(cols[name].split()) for name in COLUMNS),
        tuple(cols[name] for name in COLUMNS),
        facets(record),
    )
    return ("valid", len(raw), digest, doc)


def _ignore_interrupts() -> None:
    # Ctrl-C reaches the whole process group: the parent cancels the work, workers stay quiet.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _prepared(jobs_list: list[tuple[str, str, str | None]], jobs: int) -> Generator[Prepared, None, None]:
    """Results in the order of ``jobs_list``, streamed, so inserting overlaps parsing."""
    workers = min(jobs or (os.cpu_count() or 1), max(1, len(jobs_list) // 16))
    pool = None
    if workers > 1 and len(jobs_list) >= PARALLEL_THRESHOLD:
        try:
            from concurrent.futures import ProcessPoolExecutor

            pool = ProcessPoolExecutor(max_workers=workers, initializer=_ignore_interrupts)
        except (OSError, NotImplementedError, ImportError):
            pool = None  # no process support here (no semaphores): parse in this process
    if pool is None:
        for job in jobs_list:
            yield _prepare(job)
        return
    chunk = max(4, min(64, len(jobs_list) // (workers * 8)))
    try:
        yield from pool.map(_prepare, jobs_list, chunksize=chunk)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


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
        if use_cache:
            cached = cls._open_cached(root, cache_file_for(root, cache_dir), jobs, warnings)
            if cached is not None:
                return cached
        index = cls(_memory_connection(), root, None)
        index.warnings = warnings
        index.refresh(jobs=jobs)
        return index

    @classmethod
    def _open_cached(cls, root: Path, location: Path, jobs: int, warnings: list[str]) -> CorpusIndex | None:
        """The index in the cache file, or None (with one warning) when the cache cannot be used."""
        broken: int | None = None
        for _attempt in range(2):
            try:
                index = cls(_open_cache_file(location, broken), root, location)
            except (OSError, sqlite3.Error) as error:
                warnings.append(
                    f"cache directory {location.parent} is not usable ({_reason(error)}); "
                    "working without a cache"
                )
                return None
            try:
                index.refresh(jobs=jobs)
            except sqlite3.Error as error:
                index.connection.close()
                if broken is not None or _environmental(error):
                    warnings.append(
                        f"the index cache {location} cannot be updated ({_reason(error)}); "
                        "working without a cache"
                    )
                    return None
                # The file broke inside (a corrupt page, a missing table): replace it once.
                broken = _inode(location)
                continue
            index.warnings = warnings
            return index
        return None

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
        started = time.time_ns()
        scan = _scan(self.root)
        signature = _signature(scan)
        # One key compares the whole folder at once; only when it differs are the files compared.
        stored = self.connection.execute("SELECT value FROM meta WHERE key = 'scan'").fetchone()
        if (stored is not None and stored[0] == signature) or not self._stale(scan, self._known()):
            return RefreshStats()
        connection = self.connection
        connection.execute("BEGIN IMMEDIATE")
        try:
            stats = self._apply(scan, started, jobs)
            racy_from = started - RACY_NS
            if any(mtime >= racy_from for _size, mtime in scan.values()):
                # A file changed just now may change again unseen within its mtime tick: let the
                # next refresh compare file by file (and hash that file) instead of trusting the key.
                connection.execute("DELETE FROM meta WHERE key = 'scan'")
            else:
                connection.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('scan', ?)", (signature,))
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        return stats

    def _display(self, relative: str) -> str:
        return str(self.root / relative)

    def _apply(self, scan: dict[str, tuple[int, int]], started: int, jobs: int) -> RefreshStats:
        known = self._known()  # again, inside the write lock: another process may have done it
        stats = RefreshStats()
        removed = [path for path in known if path not in scan]
        todo = [path for path in sorted(scan) if path not in known or scan[path] != known[path][:2]]
        pending = set(todo)
        if todo or removed:
            # Files refused for clashing with another file may be fine now that others changed.
            todo += [
                path for path, row in sorted(known.items()) if row[3] and path in scan and path not in pending
            ]
        # Many documents: maintain the term table once at the end instead of row by row.
        bulk = len(todo) + len(removed) >= BULK_THRESHOLD
        if bulk:
            # FTS5 merges its segments as it goes; for many documents, merging once at the end
            # (optimize, in _after_writing) is cheaper and leaves one segment for queries to read.
            self.connection.execute("INSERT INTO fts(fts, rank) VALUES ('automerge', 0)")
            self.connection.execute("INSERT INTO fts(fts, rank) VALUES ('crisismerge', 64)")
        for path in removed:
            self._forget(path, terms=not bulk)
        stats.removed = len(removed)
        jobs_list = [
            (
                str(self.root / path),
                self._display(path),
                # A refused file is always validated again: its verdict depends on the others.
                known[path][2] if path in known and not known[path][3] else None,
            )
            for path in todo
        ]
        written = bool(removed)
        racy_from = started - RACY_NS
        results = _prepared(jobs_list, jobs)
        try:
            for path, outcome in zip(todo, results, strict=True):
                size, mtime = scan[path]
                if mtime >= racy_from:
                    mtime = -1  # changed just now: hash it again next time, however its mtime looks then
                status = outcome[0]
                stats.reread += 1
                if status == "same":
                    self.connection.execute(
                        "UPDATE files SET size=?, mtime_ns=? WHERE path=?", (size, mtime, path)
                    )
                    continue
                written = True
                if path in known:
                    if path in pending:
                        stats.changed += 1
                    self._forget(path, terms=not bulk)
                else:
                    stats.added += 1
                if status == "valid":
                    stats.parsed += 1
                    self._store(path, size, mtime, outcome[2], outcome[3], terms=not bulk)
                else:
                    stats.parsed += 1 if status == "invalid" else 0
                    self._store_problem(path, size, mtime, outcome[2], outcome[3], conflict=False)
        finally:
            results.close()  # stops the worker processes at once if inserting failed
        if written:
            self._after_writing(bulk)
        if bulk:
            self.connection.execute("INSERT INTO fts(fts, rank) VALUES ('automerge', 4)")  # FTS5's defaults
            self.connection.execute("INSERT INTO fts(fts, rank) VALUES ('crisismerge', 16)")
        self.connection.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES ('files', ?)", (str(len(scan)),)
        )
        return stats

    def _after_writing(self, bulk: bool) -> None:
        """Keep what queries read in one place up to date: the term table and the average lengths."""
        connection = self.connection
        if bulk:
            connection.execute("INSERT INTO fts(fts) VALUES ('optimize')")
            connection.execute("DELETE FROM terms")
            connection.execute("INSERT INTO terms(term, docs) SELECT term, doc FROM vocab")
        connection.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES ('average_lengths', ?)",
            (json.dumps(_average_lengths(connection)),),
        )

    def _forget(self, path: str, terms: bool) -> None:
        connection = self.connection
        row = connection.execute("SELECT doc FROM files WHERE path=?", (path,)).fetchone()
        if row and row[0] is not None:
            doc = row[0]
            if terms:
                texts = connection.execute(
                    f"SELECT {', '.join(COLUMNS)} FROM fts WHERE rowid=?", (doc,)
                ).fetchone()
                distinct = {(t,) for text in texts or () for t in text.split()}
                connection.executemany("UPDATE terms SET docs = docs - 1 WHERE term=?", distinct)
                connection.execute("DELETE FROM terms WHERE docs <= 0")
            connection.execute("DELETE FROM fts WHERE rowid=?", (doc,))
            connection.execute("DELETE FROM facets WHERE doc=?", (doc,))
            connection.execute("DELETE FROM docs WHERE rowid=?", (doc,))
            connection.execute("DELETE FROM records WHERE rowid=?", (doc,))
        connection.execute("DELETE FROM files WHERE path=?", (path,))

    def _store_problem(
        self, path: str, size: int, mtime: int, digest: str, findings: list[dict[str, Any]], conflict: bool
    ) -> None:
        self.connection.execute(
            "INSERT INTO files(path, size, mtime_ns, digest, doc, problems, conflict) "
            "VALUES (?,?,?,?,NULL,?,?)",
            (path, size, mtime, digest, json.dumps(findings, ensure_ascii=False), int(conflict)),
        )

    def _store(self, path: str, size: int, mtime: int, digest: str, doc: Prepared, terms: bool) -> None:
        connection = self.connection
        case_id, number, title, case_type, started, record, lengths, texts, facet_rows = doc
        clash = connection.execute("SELECT path FROM docs WHERE id=?", (case_id,)).fetchone()
        message = f"id '{case_id}' is also used by {self._display(clash[0])}" if clash else None
        field_name = "id"
        if message is None and number is not None:
            clash = connection.execute("SELECT path FROM docs WHERE number=?", (number,)).fetchone()
            if clash:
                message = f"number {number} is also used by {self._display(clash[0])}"
                field_name = "number"
        if message is not None:
            finding = _finding(self._display(path), message, field_name)
            self._store_problem(path, size, mtime, digest, [finding], conflict=True)
            return
        cursor = connection.execute(
            f"INSERT INTO docs(id, number, title, type, started, path, "
            f"{', '.join('len_' + name for name in COLUMNS)}) "
            f"VALUES (?,?,?,?,?,?{', ?' * len(COLUMNS)})",
            (case_id, number, title, case_type, started, path, *lengths),
        )
        rowid = cursor.lastrowid
        connection.execute("INSERT INTO records(rowid, record) VALUES (?, ?)", (rowid, record))
        connection.execute(
            f"INSERT INTO fts(rowid, {', '.join(COLUMNS)}) VALUES (?{', ?' * len(COLUMNS)})", (rowid, *texts)
        )
        connection.executemany(
            "INSERT INTO facets(doc, facet, value, key) VALUES (?,?,?,?)",
            [(rowid, facet, value, key) for facet, value, key in facet_rows],
        )
        connection.execute(
            "INSERT INTO files(path, size, mtime_ns, digest, doc, problems, conflict) "
            "VALUES (?,?,?,?,?,NULL,0)",
            (path, size, mtime, digest, rowid),
        )
        if terms:
            distinct = {(t,) for text in texts for t in text.split()}
            connection.executemany(
                "INSERT INTO terms(term, docs) VALUES (?, 1) ON CONFLICT(term) DO UPDATE SET docs = docs + 1",
                distinct,
            )

    # -- reading ---------------------------------------------------------------------------

    def skipped(self) -> list[SkippedFile]:
        """Files left out because they failed validation."""
        rows = self.connection.execute("SELECT path, problems FROM files WHERE doc IS NULL ORDER BY path")
        return [SkippedFile(self._display(path), json.loads(problems)) for path, problems in rows]

    def count(self) -> int:
        row = self.connection.execute("SELECT COUNT(*) FROM docs").fetchone()
        return int(row[0])

    def terms(self) -> dict[str, int]:
        """Every index term with the number of documents it occurs in (cheaper than the vocab table)."""
        return dict(self.connection.execute("SELECT term, docs FROM terms").fetchall())

    def records_for(self, rowids: Sequence[int]) -> dict[int, dict[str, Any]]:
        """Records by rowid."""
        rows = self._by_rowid("SELECT rowid, record FROM records", rowids)
        return {rowid: json.loads(record) for rowid, record in rows}

    def numbers_for(self, rowids: Sequence[int]) -> dict[int, float]:
        """Catalogue numbers by rowid; a case without one gets 1e9, so it sorts last."""
        return dict(self._by_rowid("SELECT rowid, COALESCE(number, 1e9) FROM docs", rowids))

    def _by_rowid(self, select: str, rowids: Sequence[int]) -> list[tuple[Any, ...]]:
        # In chunks: a statement may bind only so many parameters.
        rows: list[tuple[Any, ...]] = []
        for start in range(0, len(rowids), 500):
            chunk = rowids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows += self.connection.execute(f"{select} WHERE rowid IN ({marks})", chunk).fetchall()
        return rows

    def average_lengths(self) -> dict[str, float]:
        """Average analysed length of each text column (for BM25 length normalisation)."""
        row = self.connection.execute("SELECT value FROM meta WHERE key = 'average_lengths'").fetchone()
        values = json.loads(row[0]) if row else _average_lengths(self.connection)
        return dict(zip(COLUMNS, values, strict=True))


def _average_lengths(connection: sqlite3.Connection) -> list[float]:
    row = connection.execute(
        f"SELECT {', '.join(f'AVG(len_{name})' for name in COLUMNS)} FROM docs"
    ).fetchone()
    return [float(value or 1.0) or 1.0 for value in row]


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return str(error) or type(error).__name__


# SQLite result codes that say "this place cannot hold a cache now", not "this file is broken".
_ENVIRONMENTAL = (
    "SQLITE_BUSY",
    "SQLITE_LOCKED",
    "SQLITE_FULL",
    "SQLITE_IOERR",
    "SQLITE_CANTOPEN",
    "SQLITE_PERM",
    "SQLITE_NOMEM",
    "SQLITE_INTERRUPT",
    "SQLITE_READONLY",
)


def _environmental(error: sqlite3.Error) -> bool:
    name = getattr(error, "sqlite_errorname", "") or ""
    if name == "SQLITE_READONLY_DBMOVED":
        return False  # another process replaced the file under us: open the new one
    return name.startswith(_ENVIRONMENTAL)


def _inode(location: Path) -> int | None:
    try:
        return os.stat(location).st_ino
    except OSError:
        return None


def _create_schema(connection: sqlite3.Connection) -> None:
    # Statement by statement: executescript() would commit the caller's open transaction.
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            connection.execute(statement)
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    connection.executemany(
        "INSERT INTO meta(key, value) VALUES (?, ?)",
        [("version", __version__), ("code", _code_fingerprint())],
    )


def _memory_connection() -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    _create_schema(connection)
    return connection


def _remove_database(location: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with suppress(FileNotFoundError):
            os.unlink(f"{location}{suffix}")


def _connect(location: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(location, timeout=120, isolation_level=None, check_same_thread=False)
    connection.execute("PRAGMA busy_timeout = 120000")
    return connection


def _use_wal(connection: sqlite3.Connection) -> sqlite3.Connection:
    connection.execute("PRAGMA journal_mode = WAL")
    # A cache may lose its last write on power loss (it is rebuilt), never its consistency.
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute("PRAGMA journal_size_limit = 16777216")
    return connection


def _state(connection: sqlite3.Connection) -> str:
    """'ours' (current), 'empty' (new file), or 'other' (foreign, corrupt, outdated)."""
    try:
        application = connection.execute("PRAGMA application_id").fetchone()[0]
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if application == APPLICATION_ID and version == SCHEMA_VERSION:
            row = connection.execute("SELECT value FROM meta WHERE key = 'code'").fetchone()
            names = {name for (name,) in connection.execute("SELECT name FROM sqlite_master")}
            current = row is not None and row[0] == _code_fingerprint()
            return "ours" if current and names >= _TABLES else "other"
        tables = connection.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError:
        return "other"
    return "empty" if tables == 0 and application in (0, APPLICATION_ID) else "other"


@contextmanager
def _exclusive(location: Path) -> Iterator[None]:
    """Hold a lock file while the cache file is replaced (a no-op where flock is missing)."""
    try:
        import fcntl
    except ImportError:  # Windows: replacing there is rare and os.replace is still atomic
        yield
        return
    with open(f"{location}.lock", "ab") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _usable(location: Path) -> sqlite3.Connection | None:
    """The cache file opened, when it is ours and current or still empty; else None."""
    connection = _connect(location)
    state = _state(connection)
    if state == "ours":
        return _use_wal(connection)
    if state == "empty":
        return _initialise(connection)
    connection.close()
    return None


def _open_cache_file(location: Path, broken: int | None = None) -> sqlite3.Connection:
    """Open the cache file, replacing it when it is corrupt, foreign or from another version.

    ``broken`` is the inode of a file found broken while updating it: replace that one even
    though it looks like ours (unless another process replaced it already).
    """
    location.parent.mkdir(parents=True, exist_ok=True)
    if not os.access(location.parent, os.W_OK):
        raise PermissionError(13, "Permission denied", str(location.parent))
    if broken is None and (usable := _usable(location)) is not None:
        return usable
    with _exclusive(location):
        # Another process may have replaced the file while we waited for the lock: look again.
        if (broken is None or _inode(location) != broken) and (usable := _usable(location)) is not None:
            return usable
        # Build a fresh file aside and move it into place atomically, so a process reading the
        # old one is never handed a half-built index.
        temporary = location.with_name(f"{location.name}.{os.getpid()}.tmp")
        _remove_database(temporary)
        _initialise(_connect(temporary)).close()
        for suffix in ("-wal", "-shm", "-journal"):
            with suppress(FileNotFoundError):
                os.unlink(f"{location}{suffix}")
        os.replace(temporary, location)
    return _use_wal(_connect(location))


def _initialise(connection: sqlite3.Connection) -> sqlite3.Connection:
    connection.execute("BEGIN IMMEDIATE")
    try:
        if connection.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] == 0:
            _create_schema(connection)
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    return _use_wal(connection)
