"""Writing files safely: whole or not at all, never over a case file, never half-written.

Every file the tool writes (exports, the schema, scaffolds, new cases) goes through here: the
content is written to a temporary file in the target's folder and renamed into place, so a
full disk or an interrupted run leaves the old file (or none), never a torn one. Errors come
back as one clear message.

Only a regular file is ever replaced. An existing target that is a FIFO, a device (``/dev/null``,
``/dev/full``), a socket or a folder is refused before anything is written: renaming over it would
swap a device node or a pipe some other program listens on for a plain file. A symbolic link is
written *through*: the regular file it points to is replaced (atomically, in that file's folder)
and the link stays a link, as a shell's ``>`` would leave it. A link to anything but a regular
file, a dangling link and a loop of links are refused.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from erhverv_cli.errors import UsageError


def _problem(error: OSError, target: Path) -> UsageError:
    reason = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the file system is read-only",
        errno.ENAMETOOLONG: "the path is too long",
        errno.EISDIR: "it is a folder",
    }.get(error.errno or 0, (error.strerror or str(error)).lower())
    return UsageError(
        f"cannot write {target}: {reason}", hint="choose another place, or free space and try again"
    )


def write_atomically(target: Path, fill: Callable[[IO[bytes]], object], *, exclusive: bool = False) -> Path:
    """Write ``target`` through ``fill`` (which writes bytes to a file) and move it into place.

    ``exclusive``: refuse when the target exists (an existing file is never overwritten; any
    existing name, a link too, counts as existing). Otherwise an existing target must be a regular
    file, or a link to one, which is written through (see the module's notes); the path written is
    returned as given.
    """
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"folder '{folder}' does not exist", hint="create it first or choose another file")
    if target.is_dir():
        raise UsageError(f"'{target}' is a folder", hint="give a file name")
    given = target
    if not exclusive:
        target = regular_destination(target)
        folder = target.parent
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name[:40]}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise _problem(error, target) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            fill(stream)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes the file 0600: give it the mode of the file it replaces, or of a new file.
        os.chmod(temporary, _mode_for(target))
        if exclusive:
            _link_exclusively(temporary, target)
        else:
            os.replace(temporary, target)
    except FileExistsError:
        os.unlink(temporary)
        raise
    except OSError as error:
        if os.path.exists(temporary):
            os.unlink(temporary)
        _quiet_when_collected(error)
        raise _problem(error, target) from None
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return given


def regular_destination(target: Path) -> Path:
    """The file that writing ``target`` replaces: ``target`` itself when it is missing or a regular
    file, the regular file a symbolic link resolves to; a :class:`UsageError` for anything else (a
    FIFO, a device, a socket, a folder, a dangling link, a loop of links)."""
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return target
    except OSError as error:
        raise _problem(error, target) from None
    destination = target
    if stat.S_ISLNK(info.st_mode):
        try:
            destination = Path(os.path.realpath(target, strict=True))
            info = os.stat(destination)
        except OSError as error:
            reason = (
                "it is a loop of symbolic links"
                if error.errno == errno.ELOOP
                else "it is a symbolic link to a file that does not exist"
            )
            raise UsageError(
                f"cannot write {target}: {reason}", hint="give the name of a regular file, or of a new one"
            ) from None
    if not stat.S_ISREG(info.st_mode):
        from erhverv_cli.files import kind_of

        through = f" (a link to {destination})" if destination != target else ""
        raise UsageError(
            f"cannot write {target}{through}: it is {kind_of(info.st_mode)}, not a regular file",
            hint="give the name of a regular file, or of a new one; to see the output, leave out --output",
        )
    return destination


def _mode_for(target: Path) -> int:
    try:
        return os.stat(target).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _quiet_when_collected(error: OSError) -> None:
    """A writer the fill left open (openpyxl's sheet streams) fails the same way again when Python
    collects it at exit, and would print "Exception ignored … Traceback" after our one message."""
    previous = sys.unraisablehook

    def hook(unraisable: Any) -> None:
        value = unraisable.exc_value
        if not (isinstance(value, OSError) and value.errno == error.errno):
            previous(unraisable)

    sys.unraisablehook = hook


def _link_exclusively(temporary: str, target: Path) -> None:
    """Move the finished file into place unless the target exists (atomically where hard links work)."""
    try:
        os.link(temporary, target)  # fails if the target exists
    except FileExistsError:
        raise
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK, errno.EOPNOTSUPP):
            raise
        os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY))  # claim the name, then fill it
        os.replace(temporary, target)
        return
    os.unlink(temporary)


def write_text_atomically(target: Path, text: str, *, exclusive: bool = False) -> Path:
    data = text.encode("utf-8")

    def fill(stream: IO[bytes]) -> None:
        stream.write(data)

    return write_atomically(target, fill, exclusive=exclusive)
