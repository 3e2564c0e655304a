"""Errors the core raises for the CLI to map to exit codes (in one place,
:func:`erhverv_cli.entry.exit_status`, which the Typer app and the console script's fast path share).

Each carries a message saying what was found and a hint saying what to do; the CLI prints them
as ``erhverv: error: MESSAGE`` and one hint line. Exit codes: 1 for invalid data or nothing
found, 2 for usage errors and anything unexpected.
"""

from __future__ import annotations


class ErhvervError(Exception):
    """A failure the user can act on; ``exit_code`` follows the CLI's contract."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


class NotFoundError(ErhvervError):
    """A case, file or folder that was asked for does not exist, or nothing matches."""

    exit_code = 1


class InvalidDataError(ErhvervError):
    """Data that fails validation."""

    exit_code = 1


class UsageError(ErhvervError):
    """An argument or option value that cannot be used."""

    exit_code = 2
