"""Checking option values the way a person reads them: one message style, allowed values named,
a did-you-mean where one is close. Nothing here imports more than the standard library needs."""

from __future__ import annotations

from collections.abc import Sequence

from erhverv_cli.errors import UsageError
from erhverv_cli.suggest import did_you_mean

MAX_YEAR = 2100
MAX_COUNT = 1_000_000_000


def choice(flag: str, value: str | None, allowed: Sequence[str], default: str | None = None) -> str:
    """A value from a closed list; an unknown one names the list and the closest value."""
    if value is None:
        if default is None:
            raise UsageError(f"{flag} needs a value", hint="allowed: " + ", ".join(allowed))
        return default
    typed = value.strip().lower()
    if typed in allowed:
        return typed
    raise UsageError(
        f"{flag}: unknown value '{value}'{did_you_mean(value, allowed)}",
        hint="allowed: " + ", ".join(allowed),
    )


def integer(flag: str, value: str | None, low: int, high: int, what: str = "a whole number") -> int | None:
    """A whole number in [low, high] typed as text; anything else is a usage error."""
    if value is None:
        return None
    text = value.strip()
    digits = text.lstrip("+-")
    if not digits.isdigit() or not digits.isascii():
        raise UsageError(
            f"{flag}: '{value}' is not {what}", hint=f"give {what} from {low} to {_number(high, what)}"
        )
    if len(digits) > 12 or not low <= int(text) <= high:
        raise UsageError(
            f"{flag}: {text} is out of range", hint=f"give {what} from {low} to {_number(high, what)}"
        )
    return int(text)


def _number(value: int, what: str) -> str:
    return str(value) if what == "a year" else f"{value:,}"


def year(flag: str, value: str | None) -> int | None:
    return integer(flag, value, 1900, MAX_YEAR, "a year")


def limit(value: str | None) -> int | None:
    return integer("--limit", value, 1, MAX_COUNT, "a number of cases")


def sort_key(value: str | None, allowed: Sequence[str], default: str) -> str:
    """A sort key, reversed with a leading '-' ('-year')."""
    if value is None:
        return default
    descending = value.strip().startswith("-")
    key = choice("--sort", value.strip().lstrip("-"), allowed)
    return f"-{key}" if descending else key


def lang(value: str | None) -> str | None:
    return None if value is None else choice("--lang", value, ("da", "en"))


def text_argument(name: str, value: str) -> str:
    """A free-text argument: refused when it holds a NUL (no path or query can)."""
    if "\x00" in value:
        raise UsageError(f"{name} holds a NUL character", hint="type the value again without it")
    return value
