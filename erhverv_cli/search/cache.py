"""Where index files live, and how one is opened, locked and replaced.

The index is a cache: one SQLite file per corpus folder in the user cache directory, always
rebuildable from the YAML files. A file that is not ours, from another version, or damaged is
replaced by a fresh one built aside and moved into place atomically, under a lock file, so a
process reading the old file is never handed a half-built index (a new one is made the same way,
so an empty file there is damage too). Damage (garbage, a file cut short or emptied, a table
missing) is reported to the caller, which warns; another program's file or another version's is
replaced quietly. Nothing in the cache folder is opened in a way that waits: a FIFO where the
lock, the stamp or SQLite's journal belongs is replaced or removed, never read.
"""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from erhverv_cli.files import kind_of
from erhverv_cli.paths import expand_home
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
        return expand_home(explicit, CACHE_DIR_ENV)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = expand_home(xdg, "XDG_CACHE_HOME") if xdg else expand_home("~", "the home folder") / ".cache"
    return base / "erhverv"


def cache_file_for(root: Path, directory: Path | None = None) -> Path:
    """The cache file of a corpus folder: one per resolved folder path."""
    key = hashlib.blake2b(os.fsencode(root.resolve()), digest_size=10).hexdigest()  # any name, UTF-8 or not
    return (directory or cache_root()) / f"index-{key}.sqlite3"


def reason(error: BaseException) -> str:
    """A short lower-case reason for a warning ("permission denied", "disk i/o error")."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return reason_text(str(error)) or type(error).__name__


def reason_text(text: str) -> str:
    """A reason on one line, short: SQLite may quote the damaged bytes it read ("Could not
    decode … with text '…'")."""
    text = " ".join(text.split())
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
    descriptor = _lock_file(f"{location}.lock")
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)


def _lock_file(name: str) -> int:
    """The lock file opened, without waiting: a FIFO in its place would block a plain open()
    until some reader came. Anything but a regular file there is removed and made anew."""
    flags = (
        os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    )
    for _attempt in range(2):
        try:
            descriptor = os.open(name, flags, 0o644)
        except OSError as error:
            # ENXIO: a FIFO nobody reads; ELOOP (EMLINK on BSD): a link, with O_NOFOLLOW; EISDIR.
            if error.errno not in (errno.ENXIO, errno.ELOOP, errno.EMLINK, errno.EISDIR):
                raise
        else:
            if stat.S_ISREG(os.fstat(descriptor).st_mode):
                return descriptor
            os.close(descriptor)
        _remove(name)
    raise OSError(errno.EINVAL, "the lock file is not a regular file", name)


def _remove(name: str) -> None:
    with suppress(FileNotFoundError):
        if os.path.isdir(name) and not os.path.islink(name):
            os.rmdir(name)  # only an empty one: a folder with content is not ours to delete
        else:
            os.unlink(name)


def _initialise(connection: sqlite3.Connection) -> sqlite3.Connection:
    with storage.immediate_transaction(connection):
        if connection.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] == 0:
            storage.create_schema(connection)
    return _use_wal(connection)


def _strange_sidecars(location: Path) -> list[str]:
    """What is not a regular file where SQLite keeps the journal, WAL or shared memory of a
    cache file: SQLite never makes one, and it would wait forever reading a FIFO there (a hot
    journal is read on open)."""
    strange = []
    for suffix in ("-wal", "-shm", "-journal"):
        name = f"{location}{suffix}"
        try:
            mode = os.stat(name).st_mode
        except OSError:
            continue  # missing (the common case), or a dangling link SQLite cannot open either
        if not stat.S_ISREG(mode):
            strange.append(name)
    return strange


def _clear_sidecars(location: Path) -> None:
    for name in _strange_sidecars(location):
        with suppress(OSError):
            _remove(name)


def _wrong_file(info: os.stat_result) -> str | None:
    """Why what stands where the cache file belongs cannot be one, seen from its stat alone: not
    a regular file, or empty (a cache file is made aside and moved into place, never empty)."""
    kind = kind_of(info.st_mode)
    if kind is not None:
        return f"it is {kind}"
    return "the file is empty" if info.st_size == 0 else None


def _usable(location: Path) -> tuple[sqlite3.Connection | None, str | None]:
    """The cache file opened, when it is ours and current or still empty; else None, with the
    reason when the file is damaged (None when it is missing, foreign or from another version)."""
    try:
        info = os.stat(location)
    except FileNotFoundError:
        return None, None  # built aside and moved into place: a cache file is never seen half-made
    if (wrong := _wrong_file(info)) is not None:
        return None, wrong
    _clear_sidecars(location)
    connection = _connect(location)
    try:
        found, why = storage.inspect(connection)
        if found == "ours":
            return _use_wal(connection), None
        if found == "empty":
            return _initialise(connection), None
    except BaseException:
        connection.close()
        raise
    connection.close()
    return None, why


def open_cache_file(location: Path, broken: int | None = None) -> sqlite3.Connection:
    """Open the cache file, replacing it when it is corrupt, foreign or from another version.

    ``broken`` is the inode of a file found damaged: replace that one even though it looks like
    ours (unless another process replaced it already).
    """
    return open_cache(location, broken)[0]


def open_cache(location: Path, broken: int | None = None) -> tuple[sqlite3.Connection, str | None]:
    """:func:`open_cache_file`, and why the file it replaced was damaged (garbage, cut short,
    emptied, a table missing), or None: the caller warns of damage, not of a file from another
    version. Only the process that replaces a damaged file says so."""
    location.parent.mkdir(parents=True, exist_ok=True)
    if not os.access(location.parent, os.W_OK):
        raise PermissionError(13, "Permission denied", str(location.parent))
    if broken is None:
        usable, _why = _usable(location)
        if usable is not None:
            return usable, None
    with _exclusive(location):
        # Another process may have replaced the file while we waited for the lock: look again.
        why = None
        if broken is None or inode(location) != broken:
            usable, why = _usable(location)
            if usable is not None:
                return usable, None
        temporary = location.with_name(f"{location.name}.{os.getpid()}.tmp")
        _remove_database(temporary)
        _initialise(_connect(temporary)).close()
        for suffix in ("-wal", "-shm", "-journal"):
            with suppress(FileNotFoundError):
                os.unlink(f"{location}{suffix}")
        try:
            _clear_place(location)
            os.replace(temporary, location)
        except BaseException:
            _remove_database(temporary)  # never left behind, one run after another
            raise
    return _use_wal(_connect(location)), why


def _clear_place(location: Path) -> None:
    """Make room for the new cache file: an empty folder in its place is removed; a folder with
    files in it is not ours to delete, and is said so, naming the place."""
    if os.path.isdir(location) and not os.path.islink(location):
        try:
            _remove(str(location))
        except OSError as error:
            if error.errno not in (errno.ENOTEMPTY, errno.EEXIST):
                raise
            reason = f"a folder with files in it is where the cache file {location.name} belongs"
            raise OSError(error.errno, reason, str(location)) from None


def status(root: Path, use_cache: bool = True, directory: Path | None = None) -> tuple[Path | None, str]:
    """The cache file of a corpus folder and its state, without building or changing anything:
    'disabled', 'missing', 'fresh', 'stale' (files changed since), 'outdated' (another version
    of erhverv), 'damaged' or 'not ours'."""
    from erhverv_cli.search import freshness

    if not use_cache:
        return None, "disabled"
    location = cache_file_for(root, directory)
    try:
        info = os.stat(location)
    except OSError:
        return location, "missing"
    if _wrong_file(info) is not None or _strange_sidecars(location):
        return location, "damaged"
    try:
        connection = sqlite3.connect(f"{location.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return location, "damaged"
    try:
        found = storage.state(connection)
        if found == "damaged":
            return location, "damaged"
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
