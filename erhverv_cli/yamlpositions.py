"""Where a character of a value is written in a YAML file: the character itself, or the escape that
stands for it in a double-quoted value. Validation uses it to point at an invisible or unsafe
character inside a long value rather than at the value's start."""

from __future__ import annotations

from erhverv_cli.yamlsafe import Path, Position, YamlDocument, offset_position, position_offset

# The escapes of a double-quoted YAML scalar (https://yaml.org/spec/1.2.2/#57-escaped-characters).
_ESCAPES = {
    "0": "\x00", "a": "\x07", "b": "\x08", "t": "\t", "\t": "\t", "n": "\n", "v": "\x0b",
    "f": "\x0c", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\",
    "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029",
}  # fmt: skip
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}


def _source_offset(text: str, start: int, char: str, end: int) -> int | None:
    """The offset of the first place from ``start`` (a value's first character or its quote)
    where ``char`` is written, literally or, in a double-quoted value, as an escape."""
    if text[start : start + 1] != '"':
        found = text.find(char, start, end)
        return None if found < 0 else found
    position = start + 1
    while position < len(text):
        current = text[position]
        if current == '"':
            return None  # the closing quote
        if current != "\\":
            if current == char:
                return position
            position += 1
            continue
        letter = text[position + 1 : position + 2]
        width = _HEX_ESCAPES.get(letter, 0)
        if width:
            digits = text[position + 2 : position + 2 + width]
            try:
                meant = chr(int(digits, 16))
            except ValueError:
                return None  # not a valid escape: the parser has said so already
            if meant == char:
                return position
            position += 2 + width
            continue
        if _ESCAPES.get(letter) == char:
            return position
        position += 2
    return None


def character_position(doc: YamlDocument, path: Path, char: str) -> Position:
    """Where ``char`` of the value at ``path`` is written: the character itself, or the escape
    that stands for it in a double-quoted value ("\\e", "\\u202e"); else the value's start.

    A value may be long and folded over many lines; pointing at the character (which may be
    invisible, like a bidi override) is what lets an author find it.
    """
    start = doc.position_of(path)
    if not doc.text:
        return start
    offset = position_offset(doc.text, start)
    if offset is None:
        return start
    found = _source_offset(doc.text, offset, char, _end_after(doc, start))
    return start if found is None else offset_position(doc.text, found)


def _end_after(doc: YamlDocument, start: Position) -> int:
    """The offset where the next known value or key begins after ``start`` (the end of the text
    if none does): a value's source lies before it."""
    following = [p for p in (*doc.values.values(), *doc.keys.values()) if p > start]
    if not following:
        return len(doc.text)
    offset = position_offset(doc.text, min(following))
    return len(doc.text) if offset is None else offset
