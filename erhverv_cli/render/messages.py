"""Messages on standard error, in the one style of the tool: ``erhverv: error: …`` with at most
one hint line, and ``erhverv: warning: …``. Used by the Typer app and by the fast path alike,
so both say the same thing the same way; it imports nothing from Typer or rich."""

from __future__ import annotations

import os
import sys
from typing import Any

from erhverv_cli.render.text import safe_line


def shown_path(path: object) -> str:
    """A path as a message prints it: quoted where a shell needs it, so that a command naming it
    can be pasted, and with control characters made visible (a folder's name is untrusted too)."""
    import shlex

    return safe_line(shlex.quote(str(path)))


def print_error(message: str, hint: str = "") -> None:
    """What went wrong, and (optionally) what to do about it."""
    sys.stderr.write(f"erhverv: error: {safe_line(message)}\n")
    if hint:
        sys.stderr.write(f"  hint: {safe_line(hint)}\n")
    sys.stderr.flush()


_WARNED: set[str] = set()


def print_warning(message: str) -> None:
    """A warning, said once per run (a command run again after healing the cache repeats none)."""
    line = f"erhverv: warning: {safe_line(message)}\n"
    if line not in _WARNED:
        _WARNED.add(line)
        sys.stderr.write(line)


def reset_warnings() -> None:
    """Forget the warnings said (a new command starts: in tests, many run in one process)."""
    _WARNED.clear()


def report(index: Any) -> None:
    """Warnings of an index on stderr: cache trouble, unreadable folders, skipped files, duplicates."""
    for warning in [*index.warnings, *index.scan_warnings]:
        print_warning(warning)
    for skipped in index.skipped():
        first = skipped.findings[0] if skipped.findings else {"line": 1, "col": 1, "message": "invalid"}
        more = f" (+{len(skipped.findings) - 1} more)" if len(skipped.findings) > 1 else ""
        print_warning(
            f"skipped {skipped.path}:{first['line']}:{first['col']}: {first['message']}{more}; "
            "run `erhverv validate`"
        )
    for duplicate in index.duplicates():
        print_warning(
            f"{duplicate.field} {duplicate.value} is used by {len(duplicate.paths)} files "
            f"({', '.join(duplicate.paths)}); all are shown — run `erhverv validate`"
        )


def quiet_stdout() -> None:
    """Output piped into `head` was cut: point stdout at nothing, so Python's exit stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def os_error(error: OSError) -> None:
    """A failure of the system (disk full, file gone), in the one style."""
    where = f" ({error.filename})" if error.filename else ""
    print_error(
        f"{(error.strerror or str(error)).lower()}{where}",
        "check the path and the free space, then run it again",
    )


def unexpected(error: Exception) -> None:
    print_error(
        f"unexpected {type(error).__name__}: {error}",
        "run with --debug for the traceback, and please report it",
    )
