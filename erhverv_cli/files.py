"""Reading case files as untrusted input: only regular files, size checked before reading.

A name ending in ``.yaml`` may be a FIFO (reading it waits forever), a device (``/dev/zero``
never ends), a socket, or a link to one of them. Each is refused at once with a message, and
the size is taken from the opened file itself, so a file swapped between a check and the read
cannot slip past the limit.
"""

from __future__ import annotations

import errno
import os
import stat

MAX_BYTES = 1_000_000  # case files are a few kilobytes; a megabyte is far beyond any real one


class FileRefused(Exception):
    """A path that is not a readable regular file of acceptable size; the message says why."""


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def kind_of(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_regular_file(path: str | os.PathLike[str], limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or FileRefused."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        # A socket cannot be opened at all (ENXIO): say what it is, as for a FIFO or a device.
        kind = _kind_of_path(path)
        if kind is not None:
            raise FileRefused(f"is {kind}, not a case file; only regular files are read") from None
        raise FileRefused(_cannot(error)) from None
    try:
        info = os.fstat(descriptor)
        kind = kind_of(info.st_mode)
        if kind is not None:
            raise FileRefused(f"is {kind}, not a case file; only regular files are read")
        if info.st_size > limit:
            raise FileRefused(f"file is {info.st_size:,} bytes; case files may be at most {limit:,} bytes")
        chunks, total = [], 0
        while True:
            chunk = os.read(descriptor, 65536)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:  # grew while we read
                raise FileRefused(f"file is over {limit:,} bytes; case files may be at most {limit:,} bytes")
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as error:
        raise FileRefused(_cannot(error)) from None
    finally:
        os.close(descriptor)


def _kind_of_path(path: str | os.PathLike[str]) -> str | None:
    try:
        return kind_of(os.stat(path).st_mode)
    except OSError:
        return None


def _cannot(error: OSError) -> str:
    if error.errno == errno.ENAMETOOLONG:
        return "cannot read file: the path is too long"
    if error.errno == errno.ELOOP:
        return "cannot read file: too many levels of symbolic links"
    return f"cannot read file: {error.strerror or error}"
