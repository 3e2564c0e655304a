"""Errors the core raises for the CLI to map to exit codes (in one place: cli._guard)."""

from __future__ import annotations


class ErhvervError(Exception):
    """A failure the user can act on; ``exit_code`` follows the CLI's contract."""

    exit_code = 2


class NotFoundError(ErhvervError):
    """A case, file or folder that was asked for does not exist."""

    exit_code = 1


class InvalidDataError(ErhvervError):
    """Data that fails validation."""

    exit_code = 1


class UsageError(ErhvervError):
    """An argument or option value that cannot be used."""

    exit_code = 2
