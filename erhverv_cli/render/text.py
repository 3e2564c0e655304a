"""Untrusted text made safe to print: the one function every renderer passes text through.

Case files, file names, arguments and environment values may hold characters that rewrite a
terminal (ESC and CSI sequences, OSC 8 hyperlinks, window titles, BEL), hide text (zero-width
characters) or reorder it on screen (bidirectional overrides). :func:`safe` shows each of them
visibly (``\\x1b``, ``<U+202E>``) instead; line breaks and tabs are kept where a format allows
them and escaped where it does not. Rich markup is never interpreted: terminal output is built
from ``Text`` objects, and this module imports nothing from rich.
"""

from __future__ import annotations

import json
import re
from typing import Any

# C0 and C1 controls (tab and line feed kept; CR shown), DEL, Arabic letter mark, zero-width and
# bidi characters, line and paragraph separators, word joiner and invisible operators, isolates,
# the byte-order mark and interlinear annotation characters.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)
_UNSAFE_LINE = re.compile(_UNSAFE.pattern[:-1] + "\t\n]")


def _visible(match: re.Match[str]) -> str:
    char = match.group(0)
    code = ord(char)
    if char == "\n":
        return "\\n"
    if char == "\t":
        return "\\t"
    return f"\\x{code:02x}" if code < 0xA0 else f"<U+{code:04X}>"


def safe(text: Any) -> str:
    """Text with every unsafe character shown visibly; line breaks and tabs kept."""
    value = text if isinstance(text, str) else "" if text is None else str(text)
    return _UNSAFE.sub(_visible, value) if _UNSAFE.search(value) else value


def safe_line(text: Any) -> str:
    """:func:`safe`, and line breaks and tabs escaped too: for one-line places (messages, cells)."""
    value = text if isinstance(text, str) else "" if text is None else str(text)
    return _UNSAFE_LINE.sub(_visible, value) if _UNSAFE_LINE.search(value) else value


def has_unsafe(text: str) -> bool:
    return _UNSAFE.search(text) is not None


_JSON_UNSAFE = re.compile(_UNSAFE.pattern)


def json_text(value: Any, indent: int | None = None) -> str:
    """Strict JSON (no NaN or Infinity) with unsafe characters as \\uXXXX escapes, so the text
    stays the same data and prints harmlessly."""
    text = json.dumps(value, ensure_ascii=False, indent=indent, allow_nan=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
