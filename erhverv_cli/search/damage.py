"""Telling a damaged index file from a wrong statement: SQLite's words for a broken file."""

from __future__ import annotations

import sqlite3


class IndexDamaged(Exception):
    """SQLite found the index file damaged while it was read; the caller may heal and retry."""


# What SQLite says when the file under it is damaged (not when a statement is wrong).
_DAMAGE_CODES = ("SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_IOERR_SHORT_READ")
_DAMAGE_WORDS = (
    "malformed",
    "not a database",
    "no such table",
    "no such column",
    "corrupt",
    "no such fts5 table",
    "could not decode to utf-8",  # Python's sqlite3 on a text value we never wrote: overwritten bytes
)


def damaged(error: sqlite3.DatabaseError) -> bool:
    """Whether an error means the index file is damaged (a programming error is not)."""
    name = getattr(error, "sqlite_errorname", "") or ""
    return name.startswith(_DAMAGE_CODES) or any(word in str(error).lower() for word in _DAMAGE_WORDS)


def damage_or_raise(error: sqlite3.DatabaseError) -> IndexDamaged:
    if not damaged(error):
        raise error
    return IndexDamaged(str(error))
