"""Where index files live, and how one is opened, locked and replaced.

The index is a cache: one SQLite file per corpus folder in the user cache directory, always
rebuildable from the YAML files. A file that is not ours, from another version, or damaged is
replaced by a fresh one built aside and moved into place atomically, under a lock file, so a
process reading the old file is never handed a half-built index.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from erhverv_cli.search import storage

CACHE_DIR_ENV = "ERHVERV_CACHE_DIR"

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


def reason(error: BaseException) -> str:
    """A short lower-case reason for a warning ("permission denied", "disk i/o error")."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    text = " ".join(str(error).split()) or type(error).__name__
    # SQLite may quote the damaged bytes it read ("Could not decode … with text '…'"): keep it short.
    return text if len(text) <= 80 else text[:79] + "…"


def environmental(error: sqlite3.Error) -> bool:
    """Whether an error is about the place (full, locked, read-only), not the file's content."""
    name = getattr(error, "sqlite_errorname", "") or ""
    if name == "SQLITE_READONLY_DBMOVED":
        return False  # another process replaced the file under us: open the new one
    return name.startswith(_ENVIRONMENTAL)


def inode(location: Path) -> int | None:
    try:
        return os.stat(location).st_ino
    except OSError:
        return None


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


def _initialise(connection: sqlite3.Connection) -> sqlite3.Connection:
    with storage.immediate_transaction(connection):
        if connection.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] == 0:
            storage.create_schema(connection)
    return _use_wal(connection)


def _usable(location: Path) -> sqlite3.Connection | None:
    """The cache file opened, when it is ours and current or still empty; else None."""
    connection = _connect(location)
    found = storage.state(connection)
    if found == "ours":
        return _use_wal(connection)
    if found == "empty":
        return _initialise(connection)
    connection.close()
    return None


def open_cache_file(location: Path, broken: int | None = None) -> sqlite3.Connection:
    """Open the cache file, replacing it when it is corrupt, foreign or from another version.

    ``broken`` is the inode of a file found damaged: replace that one even though it looks like
    ours (unless another process replaced it already).
    """
    location.parent.mkdir(parents=True, exist_ok=True)
    if not os.access(location.parent, os.W_OK):
        raise PermissionError(13, "Permission denied", str(location.parent))
    if broken is None and (usable := _usable(location)) is not None:
        return usable
    with _exclusive(location):
        # Another process may have replaced the file while we waited for the lock: look again.
        if (broken is None or inode(location) != broken) and (usable := _usable(location)) is not None:
            return usable
        temporary = location.with_name(f"{location.name}.{os.getpid()}.tmp")
        _remove_database(temporary)
        _initialise(_connect(temporary)).close()
        for suffix in ("-wal", "-shm", "-journal"):
            with suppress(FileNotFoundError):
                os.unlink(f"{location}{suffix}")
        os.replace(temporary, location)
    return _use_wal(_connect(location))


def status(root: Path, use_cache: bool = True, directory: Path | None = None) -> tuple[Path | None, str]:
    """The cache file of a corpus folder and its state, without building or changing anything:
    'disabled', 'missing', 'fresh', 'stale' (files changed since), 'outdated' (another version
    of erhverv), 'damaged' or 'not ours'."""
    from erhverv_cli.search import freshness

    if not use_cache:
        return None, "disabled"
    location = cache_file_for(root, directory)
    if not location.is_file():
        return location, "missing"
    try:
        connection = sqlite3.connect(f"{location.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return location, "damaged"
    try:
        found = storage.state(connection)
        if found != "ours":
            application = connection.execute("PRAGMA application_id").fetchone()[0]
            return location, "outdated" if application == storage.APPLICATION_ID else "not ours"
        if storage.damage(connection) is not None:
            return location, "damaged"
        row = connection.execute("SELECT value FROM meta WHERE key = 'scan'").fetchone()
        fresh = row is not None and row[0] == freshness.scan(root).signature()
        return location, "fresh" if fresh else "stale"
    except sqlite3.DatabaseError:
        return location, "damaged"
    finally:
        connection.close()
