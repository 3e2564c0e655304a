"""What an index file holds: its tables, the marks that tell ours from any other file, and the
checks that tell a sound index from a damaged one.

Both the cache (which opens and replaces files) and the index (which reads and writes them)
build on this module; neither knows the other's business.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

from erhverv_cli import __version__
from erhverv_cli.files import FileRefused, read_regular_file
from erhverv_cli.paths import bundled_thesaurus_file
from erhverv_cli.search.analysis import ANALYSIS_VERSION
from erhverv_cli.search.damage import damaged
from erhverv_cli.search.documents import COLUMNS
from erhverv_cli.search.freshness import RACY_NS

APPLICATION_ID = 0x45525652  # "ERVR": tells our cache files from any other SQLite file
SCHEMA_VERSION = 8

# The modules that decide what the index holds: when one changes, an index built before is stale.
CONTENT_MODULES = (
    "models.py",
    "records.py",
    "vocab.py",
    "geography.py",
    "folding.py",
    "validation.py",
    "yamlsafe.py",
    "search/facets.py",
    "search/documents.py",
    "search/analysis.py",
    "search/storage.py",
    "search/freshness.py",
    "search/thesaurus_lookup.py",
)

# The case as JSON lives in its own table: a record spans several pages, and ranking reads the
# lengths of thousands of docs rows, which stay small and many to a page this way. Two files may
# claim one id or number (a curator's slip): both are kept, and the index reports the clash.
SCHEMA = f"""
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files(
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL,
    inode INTEGER NOT NULL, digest TEXT NOT NULL, doc INTEGER, problems TEXT);
CREATE TABLE docs(
    rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, number INTEGER, title TEXT NOT NULL,
    title_key TEXT NOT NULL, type TEXT NOT NULL, type_order INTEGER NOT NULL, started INTEGER,
    path TEXT NOT NULL, {", ".join(f"len_{name} INTEGER NOT NULL" for name in COLUMNS)});
CREATE TABLE records(rowid INTEGER PRIMARY KEY, record TEXT NOT NULL);
CREATE INDEX docs_id ON docs(id);
CREATE INDEX docs_number ON docs(number, id);
CREATE TABLE facets(doc INTEGER NOT NULL, facet TEXT NOT NULL, value TEXT NOT NULL, key TEXT NOT NULL);
CREATE INDEX facets_lookup ON facets(facet, key, doc);
CREATE INDEX facets_doc ON facets(doc);
CREATE TABLE terms(term TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID;
CREATE VIRTUAL TABLE fts USING fts5({", ".join(COLUMNS)}, tokenize='unicode61 remove_diacritics 0');
CREATE VIRTUAL TABLE vocab USING fts5vocab(fts, 'row');
CREATE VIRTUAL TABLE vocab_instance USING fts5vocab(fts, 'instance');
"""

# Every table (and FTS5 shadow table) the schema creates: a file missing one is broken.
TABLES = frozenset(
    {"meta", "files", "docs", "records", "facets", "terms", "fts", "vocab", "vocab_instance"}
    | {f"fts_{shadow}" for shadow in ("data", "idx", "content", "docsize", "config")}
)

# Row counts that must agree with each other in a sound index (checked on every open: a table
# emptied or cut short by damage is noticed before it gives a wrong answer).
_CONSISTENCY = (
    "SELECT (SELECT COUNT(*) FROM docs), (SELECT COUNT(*) FROM records), "
    "(SELECT COUNT(*) FROM fts_docsize), (SELECT COUNT(*) FROM files WHERE doc IS NOT NULL), "
    "(SELECT COUNT(DISTINCT doc) FROM facets), (SELECT COUNT(*) FROM fts_content), "
    "(SELECT COUNT(*) FROM terms), (SELECT value FROM meta WHERE key = 'marks'), "
    "EXISTS (SELECT 1 FROM fts_idx)"
)
# fts_content (the texts `similar` reads back) and fts_idx (where FTS5 finds its segments) are
# checked too: emptied, the first made `similar` silently weaker and the second made every query
# find nothing, with no SQLite error to notice. fts_idx is not counted into the marks: FTS5 writes
# it only when the transaction commits, after the marks are taken; every segment has a row in it.


def path_key(path: str) -> str:
    """A file's relative path as the index stores it (in files.path and docs.path).

    SQLite holds UTF-8 text, and the index lists paths one a line; a name that is not UTF-8
    (bytes a POSIX file system allows, held by Python as lone surrogates) or holds a line break
    is stored as "/" and the path as a JSON string, in ASCII. No relative path starts with a
    separator, so the two forms never meet; :func:`path_of` reads either back.
    """
    if "\n" not in path:
        if path.isascii():
            return path
        try:
            path.encode("utf-8")
        except UnicodeEncodeError:
            pass
        else:
            return path
    return "/" + json.dumps(path, ensure_ascii=True)


def path_of(key: str) -> str:
    """The relative path stored as ``key`` by :func:`path_key`."""
    if key[:1] != "/":
        return key
    path: str = json.loads(key[1:])
    return path


def create_schema(connection: sqlite3.Connection) -> None:
    """Create the tables in an empty database (statement by statement: executescript() would
    commit the caller's open transaction)."""
    for statement in SCHEMA.split(";"):
        if statement.strip():
            connection.execute(statement)
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    connection.executemany(
        "INSERT INTO meta(key, value) VALUES (?, ?)",
        [
            ("version", __version__),
            ("code", code_fingerprint()),
            ("schema", schema_fingerprint(connection)),
            ("thesaurus", thesaurus_rows()),
        ],
    )
    write_marks(connection)


def thesaurus_rows() -> str:
    """The bundled thesaurus, analysed, as JSON rows: queries expand from these without loading
    (or validating) the YAML file each time."""
    import json

    from erhverv_cli.search.thesaurus_lookup import default_lookup

    return json.dumps(default_lookup().rows(), ensure_ascii=False)


def memory_connection() -> sqlite3.Connection:
    """A new in-memory index (for --no-cache and when no cache file can be used)."""
    connection = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    create_schema(connection)
    return connection


def code_fingerprint() -> str:
    """Version, schema, analysis and the state of the modules that decide the index's content."""
    package = Path(__file__).resolve().parent.parent
    parts = [__version__, str(SCHEMA_VERSION), str(ANALYSIS_VERSION)]
    files = [(name, package / name) for name in CONTENT_MODULES]
    files += [("thesaurus.py", package / "thesaurus.py"), ("thesaurus", bundled_thesaurus_file())]
    for name, path in files:
        try:
            stat = os.stat(path)
        except OSError:
            parts.append(f"{name}:-")
            continue
        parts.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.blake2b("|".join(parts).encode(), digest_size=12).hexdigest()


def schema_fingerprint(connection: sqlite3.Connection) -> str:
    """A digest of the schema as SQLite stores it: a table altered or dropped changes it."""
    rows = connection.execute(
        "SELECT type, name, COALESCE(sql, '') FROM sqlite_master ORDER BY type, name"
    ).fetchall()
    text = "\n".join("\t".join(row) for row in rows)
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def _counts(connection: sqlite3.Connection) -> tuple[tuple[int, ...], str | None, bool]:
    row = connection.execute(_CONSISTENCY).fetchone()
    return tuple(int(value) for value in row[:-2]), row[-2], bool(row[-1])


def write_marks(connection: sqlite3.Connection) -> None:
    """Record the row counts of a consistent index (inside the transaction that made it so)."""
    counts, _stored, _segments = _counts(connection)
    connection.execute(
        "INSERT OR REPLACE INTO meta(key, value) VALUES ('marks', ?)", (",".join(map(str, counts)),)
    )


def damage(connection: sqlite3.Connection) -> str | None:
    """Why an index that claims to be ours cannot be trusted, or None when it is sound.

    Cheap enough for every open: the schema digest always, and the row counts of
    :func:`full_check` whenever the file may have changed since they were last found sound.
    Counting reads every page of the records and full-text tables (tens of milliseconds at
    10,000 cases, ten times that at 100,000), so a sound check leaves a stamp beside the file:
    its inode, size, mtime and ctime, and when it was checked. While the file is as stamped, and
    no write waits in its WAL, its content is what was counted. Damage SQLite itself notices (a
    page overwritten) raises sqlite3.DatabaseError here or in a later query; the caller treats
    both alike.
    """
    location = _file_of(connection)
    witness = _witness(location) if location else None
    if witness is not None and location is not None and witness == _stamp(location):
        return _schema_damage(connection)
    problem = full_check(connection)
    if problem is None and location is not None and witness is not None and witness == _witness(location):
        _write_stamp(location, witness)
    return problem


def full_check(connection: sqlite3.Connection) -> str | None:
    """The schema digest, and row counts against the marks written at build time and against
    each other (docs, records and the full-text index hold one row per case)."""
    problem = _schema_damage(connection)
    if problem is not None:
        return problem
    counts, marks, segments = _counts(connection)
    if marks != ",".join(map(str, counts)):
        return "its row counts differ from the ones recorded when it was built"
    docs, records, fts, files, faceted, texts, _terms = counts
    if not docs == records == fts == files == faceted == texts:
        return "its tables disagree on the number of cases"
    if docs and not segments:
        return "its full-text index is empty"
    return None


def _schema_damage(connection: sqlite3.Connection) -> str | None:
    stored = connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    if stored is None or stored[0] != schema_fingerprint(connection):
        return "its tables were altered"
    return None


# A file changed within RACY_NS (freshness's clock-tick rule) of its check may change again unseen:
# such a stamp is not trusted (the next open counts again, and stamps anew).
STAMP_SUFFIX = ".checked"
_STAMP_BYTES = 256  # five numbers of at most 20 digits and their spaces
_Witness = tuple[int, int, int, int]


def _file_of(connection: sqlite3.Connection) -> str | None:
    for _seq, name, file in connection.execute("PRAGMA database_list"):
        if name == "main":
            return str(file) or None  # "" for an in-memory index
    return None


def _witness(location: str) -> _Witness | None:
    """The file as it is on disk (inode, size, mtime, ctime); None when its WAL holds writes
    (they change what is read without changing the file) or it cannot be seen."""
    try:
        if os.stat(f"{location}-wal").st_size:
            return None
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        info = os.stat(location)
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _stamp(location: str) -> _Witness | None:
    """The file as it was at its last sound check, if that check came well after its last change."""
    try:
        # Never a plain open(): a FIFO put in its place would wait forever. Not a regular file,
        # or larger than a stamp can be, it is no stamp (the next sound check replaces it).
        text = read_regular_file(location + STAMP_SUFFIX, limit=_STAMP_BYTES)
        fields = [int(value) for value in text.decode("ascii").split()]
    except (FileRefused, ValueError):
        return None
    if len(fields) != 5:
        return None
    inode, size, mtime_ns, ctime_ns, checked_ns = fields
    if checked_ns < max(mtime_ns, ctime_ns) + RACY_NS:
        return None
    return (inode, size, mtime_ns, ctime_ns)


def _write_stamp(location: str, witness: _Witness) -> None:
    text = " ".join(str(value) for value in (*witness, time.time_ns())) + "\n"
    temporary = f"{location}{STAMP_SUFFIX}.{os.getpid()}.tmp"
    try:
        with open(temporary, "w", encoding="ascii") as handle:
            handle.write(text)
        os.replace(temporary, location + STAMP_SUFFIX)
    except OSError:  # a read-only cache: the next open counts again
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def state(connection: sqlite3.Connection) -> str:
    """'ours' (current), 'empty' (new file), 'other' (foreign, or from another version), or
    'damaged': SQLite cannot read it (garbage, cut short, pages overwritten), or it is marked as
    ours and current in schema yet misses a table or its meta rows."""
    return inspect(connection)[0]


def inspect(connection: sqlite3.Connection) -> tuple[str, str | None]:
    """:func:`state`, with the reason when the file is damaged."""
    try:
        application = connection.execute("PRAGMA application_id").fetchone()[0]
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if application == APPLICATION_ID and version == SCHEMA_VERSION:
            names = {name for (name,) in connection.execute("SELECT name FROM sqlite_master")}
            if not names >= TABLES:
                return "damaged", "a table is missing"
            row = connection.execute("SELECT value FROM meta WHERE key = 'code'").fetchone()
            if row is None:
                return "damaged", "its meta table was emptied"
            return ("ours" if row[0] == code_fingerprint() else "other"), None
        tables = connection.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as error:
        # The file's content, or the place (locked, unreadable, full): only the first is damage.
        return ("damaged", str(error)) if damaged(error) else ("other", None)
    return ("empty" if tables == 0 and application in (0, APPLICATION_ID) else "other"), None


@contextlib.contextmanager
def immediate_transaction(connection: sqlite3.Connection) -> Iterator[None]:
    """A write transaction taken at once (BEGIN IMMEDIATE): committed when the block ends, rolled
    back when anything is raised in it, Ctrl-C included."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
