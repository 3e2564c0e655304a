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

from erhverv_cli.characters import UNSAFE

# What case text may not hold (erhverv_cli.characters), and lone surrogates: a file name that is
# not UTF-8 arrives with each undecodable byte as one (os.fsdecode's surrogateescape), and is shown
# as that byte, ``\xff``.
_UNSAFE = re.compile(f"[{UNSAFE}\ud800-\udfff]")
_UNSAFE_LINE = re.compile(_UNSAFE.pattern[:-1] + "\t\n]")


def _visible(match: re.Match[str]) -> str:
    char = match.group(0)
    code = ord(char)
    if char == "\n":
        return "\\n"
    if char == "\t":
        return "\\t"
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a name that is not UTF-8, as surrogateescape keeps it
        return f"\\x{code - 0xDC00:02x}"
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
    return _JSON_UNSAFE.sub(_json_escape, text)


def _json_escape(match: re.Match[str]) -> str:
    """``\\uXXXX``; a character beyond U+FFFF (a tag character) as its UTF-16 surrogate pair, as
    JSON spells it. A lone surrogate (a byte of a non-UTF-8 file name) stays one escape, which reads
    back as the same string."""
    code = ord(match.group(0))
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
