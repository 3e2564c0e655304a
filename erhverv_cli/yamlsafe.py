"""A hardened YAML reader for human-written case files.

PyYAML is fast (its C parser) but lenient in ways that hurt people who write YAML by hand:
it silently keeps the last of two duplicate keys, types values by YAML 1.1 (``NO`` becomes
False, ``0123`` becomes 83, ``1:30`` becomes 90) and follows tags and aliases. This module
consumes the C parser's *events* and builds plain Python values itself, so that it can

* type plain scalars by the YAML 1.2 core schema (no timestamps, no sexagesimals, no yes/no),
* report duplicate keys, tags, anchors and aliases as problems with their line and column,
* cap nesting depth and file size before the parser sees pathological input,
* remember where every value and key sits, so later validation errors can point at them.

It knows nothing about cases; it returns values and problems.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

MAX_BYTES = 1_000_000
MAX_DEPTH = 32

Path = tuple[str | int, ...]


class Position(NamedTuple):
    """A 1-based line and column in a file (a tuple: one is made for every value read)."""

    line: int
    col: int


@dataclass(frozen=True)
class YamlProblem:
    """Something wrong in the YAML text itself, located in the file."""

    message: str
    position: Position
    path: Path = ()


@dataclass
class YamlDocument:
    """The values of one YAML document, where each sits, and what was wrong on the way."""

    data: Any = None
    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)
    problems: list[YamlProblem] = field(default_factory=list)
    fatal: bool = False
    # Where a refused construct (an alias) stood; later checks say nothing more about these places.
    refused: set[Path] = field(default_factory=set)
    text: str = ""  # the decoded file, for locating a character inside a value
    places: bool = True  # False: a clean file read quickly, only top-level values placed

    def position_of(self, path: Path) -> Position:
        """The best-known position for a path: the value, else its key, else its nearest parent."""
        for length in range(len(path), -1, -1):
            prefix = path[:length]
            if prefix in self.values:
                return self.values[prefix]
            if prefix in self.keys:
                return self.keys[prefix]
        return Position(1, 1)


# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution).
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT10 = re.compile(r"^[-+]?[0-9]+$")
_INT8 = re.compile(r"^0o[0-7]+$")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")
# 75.000 or 1.250.000: Danish thousands separators, which YAML reads as a decimal point (75.0).
GROUPED_NUMBER = re.compile(r"^[-+]?[0-9]{1,3}(?:\.[0-9]{3})+$")


MAX_INT_DIGITS = 4000  # Python refuses to parse longer integers; such "numbers" stay text


def resolve_plain(text: str) -> Any:
    """Type a plain (unquoted) scalar the way YAML 1.2's core schema does."""
    if not text:
        return None
    if text[0] not in "~nNtTfF0123456789+-." or len(text) > MAX_INT_DIGITS:
        return text
    if _NULL.match(text):
        return None
    if _TRUE.match(text):
        return True
    if _FALSE.match(text):
        return False
    if _INT10.match(text):
        return int(text)
    if _INT8.match(text):
        return int(text[2:], 8)
    if _INT16.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    if _INF.match(text):
        return float("-inf") if text.startswith("-") else float("inf")
    if _NAN.match(text):
        return float("nan")
    return text


def _describe_decode_error(raw: bytes, error: UnicodeDecodeError) -> YamlProblem:
    # Columns count characters, as everywhere else, not bytes; lines end as YAML's do.
    before = raw[: error.start].decode("utf-8-sig", errors="replace")
    bad = raw[error.start : error.start + 1].hex()
    return YamlProblem(
        f"file is not valid UTF-8 (byte 0x{bad} cannot be decoded); save it as UTF-8",
        offset_position(before, len(before)),
    )


def _structural_depth_estimate(text: str, limit: int) -> tuple[int, Position]:
    """A cheap upper bound on nesting depth, computed without parsing.

    Counts open flow brackets and block indentation. It may overestimate (a bracket inside a
    quoted string counts), which only matters for text far beyond any real case file.
    """
    # The common case in C: few brackets and no line indented deeper than the rest allows.
    brackets = text.count("[") + text.count("{")
    if brackets <= limit:
        room = limit - brackets  # the block depth any line may have
        if not re.search(f"{_LINE_START}[ -]{{{2 * (room + 1)},}}", text, re.MULTILINE):
            return limit, Position(1, 1)  # within the limit; the exact bound is not needed
    depth = deepest = 0
    where = Position(1, 1)
    for line_no, line in enumerate(split_lines(text), start=1):
        stripped = line.lstrip(" -")
        block = (len(line) - len(stripped)) // 2
        if block > deepest:
            deepest = block
            if deepest <= limit:
                where = Position(line_no, 1)
        if not depth and "[" not in line and "{" not in line:
            continue  # most lines hold no flow brackets: skip the character loop
        for col, char in enumerate(line, start=1):
            if char in "[{":
                depth += 1
                if depth + block > deepest:
                    deepest = depth + block
                    if deepest <= limit:
                        where = Position(line_no, col)
            elif char in "]}":
                depth = max(0, depth - 1)
            elif char == "#":
                break
    return deepest, where


def _wide_encoding(raw: bytes) -> str | None:
    """'UTF-16' or 'UTF-32' for a file saved so, by its byte-order mark or, without one, by the
    NUL bytes its first character (ASCII in a case file) comes with: "a\\0\\0\\0", "\\0a"; else None."""
    head = raw[:4]
    if head in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff") or (
        len(head) == 4 and ((head[0] and not any(head[1:])) or (not any(head[:3]) and head[3]))
    ):
        return "UTF-32"
    bom = raw.startswith((b"\xff\xfe", b"\xfe\xff"))
    return "UTF-16" if bom or (len(head) >= 2 and (head[0] == 0) != (head[1] == 0)) else None


def decode(raw: bytes, max_bytes: int = MAX_BYTES) -> tuple[str | None, YamlProblem | None]:
    """Check size and encoding of a file's bytes and return its text."""
    if len(raw) > max_bytes:
        return None, YamlProblem(
            f"file is {len(raw):,} bytes; case files may be at most {max_bytes:,} bytes",
            Position(1, 1),
        )
    if (wide := _wide_encoding(raw)) is not None:
        return None, YamlProblem(f"file is {wide}; save it as UTF-8", Position(1, 1))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return None, _describe_decode_error(raw, error)
    if "\x00" in text:
        where = offset_position(text, text.index("\x00"))
        return None, YamlProblem("file contains a NUL byte; is it a binary file?", where)
    return text, None


def _mark(event: Any) -> Position:
    mark = event.start_mark
    return Position(mark.line + 1, mark.column + 1)


# Line breaks as the parser counts them (its marks give every other position): CR LF, LF and a
# CR alone (old Mac files), and, as libyaml reads YAML 1.1, NEL and the line and paragraph
# separators. A finding's line:col must count lines the same way, whichever way the file ends them.
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_OTHER_BREAKS = ("\r", "\x85", "\u2028", "\u2029")
_LINE_START = "(?:^|(?<=[\r\x85\u2028\u2029]))"  # with re.MULTILINE: after any line break


def _line_feeds_only(text: str) -> bool:
    return not any(brk in text for brk in _OTHER_BREAKS)


def split_lines(text: str) -> list[str]:
    """The lines of a text, split at every line break YAML knows (see :data:`LINE_BREAK`)."""
    return text.split("\n") if _line_feeds_only(text) else LINE_BREAK.split(text)


def offset_position(text: str, offset: int) -> Position:
    """The line and column of a character offset in a text."""
    if _line_feeds_only(text[:offset]):
        line = text.count("\n", 0, offset) + 1
        return Position(line, offset - (text.rfind("\n", 0, offset) + 1) + 1)
    line, start = 1, 0
    for found in LINE_BREAK.finditer(text, 0, offset):
        line, start = line + 1, found.end()
    return Position(line, offset - start + 1)


def position_offset(text: str, position: Position) -> int | None:
    """The character offset of a line and column in a text (:func:`offset_position` undone);
    None for a line past the text's last."""
    if position.line == 1:
        return position.col - 1
    line = 1
    for found in LINE_BREAK.finditer(text):
        line += 1
        if line == position.line:
            return found.end() + position.col - 1
    return None


def _yaml_error_problem(error: Exception, text: str) -> YamlProblem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if mark is not None:
        position = Position(mark.line + 1, mark.column + 1)
    elif isinstance(getattr(error, "position", None), int):
        # ReaderError (a forbidden character) carries an offset instead of a mark: in bytes of
        # the UTF-8 input when libyaml parsed it, in characters for the pure-Python parser.
        offset: int = error.position  # type: ignore[attr-defined]
        if getattr(error, "encoding", None) != "unicode" and not text.isascii():
            offset = len(text.encode("utf-8")[:offset].decode("utf-8", errors="ignore"))
        position = offset_position(text, offset)
    else:
        position = Position(1, 1)
    reason = getattr(error, "reason", None)
    if reason:
        character = getattr(error, "character", None)
        code = ord(character) if isinstance(character, str) else character
        shown = f" (character U+{code:04X})" if isinstance(code, int) else ""
        return YamlProblem(f"YAML syntax error: {reason}{shown}", position)
    problem = getattr(error, "problem", None)
    context = getattr(error, "context", None)
    at = position_offset(text, position)
    if at is not None and text[at : at + 1] == "\t":  # the usual cause, named plainly
        return YamlProblem("YAML syntax error: a tab where YAML needs spaces; indent with spaces", position)
    if problem:
        text = f"{context}, {problem}" if context else str(problem)
    else:
        text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return YamlProblem(f"YAML syntax error: {text}", position)


@dataclass(slots=True)
class _Frame:
    """A mapping or list being built: where it sits and, for a mapping, the key that waits for its
    value and the keys seen so far (for duplicates)."""

    container: Any
    path: Path
    key: Any = None
    seen: dict[str, Position] = field(default_factory=dict)


class _Builder:
    """Turns a stream of parser events into Python values with positions."""

    def __init__(self, doc: YamlDocument, max_depth: int) -> None:
        self.doc = doc
        self.max_depth = max_depth
        self.stack: list[_Frame] = []
        self.documents = 0
        self.done = False
        self.handlers = self._handler_table()  # event class → method that takes it

    def _problem(self, message: str, position: Position, path: Path = ()) -> None:
        self.doc.problems.append(YamlProblem(message, position, path))

    def _check_node(self, event: Any, what: str, path: Path) -> None:
        position = _mark(event)
        if event.anchor:
            self._problem(
                f"anchor '&{event.anchor}' is not allowed; write the {what} out in full",
                position,
                path,
            )
        if event.tag is not None:
            self._problem(
                f"tag '{event.tag}' is not allowed; remove it and write a plain value", position, path
            )
            self.doc.refused.add(path)  # its value is not read as the tag says: no second finding

    def _current_path(self) -> Path:
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            return (*frame.path, len(frame.container))
        return (*frame.path, frame.key) if frame.key is not None else frame.path

    def _add(self, value: Any, position: Position) -> None:
        """Place a finished value into its parent (a list item, a mapping key, or its value)."""
        stack = self.stack
        if not stack:
            self.doc.data = value
            self.doc.values[()] = position
            return
        frame = stack[-1]
        container, parent_path, pending_key = frame.container, frame.path, frame.key
        if container.__class__ is list:
            self.doc.values[(*parent_path, len(container))] = position
            container.append(value)
            return
        if pending_key is None:
            key = value if isinstance(value, str) else str(value)
            key_path = (*parent_path, key)
            seen = frame.seen
            if key in seen:
                first = seen[key]
                self._problem(
                    f"duplicate key '{key}' (first at line {first.line}); "
                    "YAML keeps only one of them: remove or rename one",
                    position,
                    key_path,
                )
                frame.key = _DUPLICATE
            else:
                seen[key] = position
                self.doc.keys[key_path] = position
                frame.key = key
            return
        if pending_key is not _DUPLICATE:
            container[pending_key] = value
            self.doc.values[(*parent_path, pending_key)] = position
        frame.key = None

    def _handler_table(self) -> dict[type, Any]:
        import yaml

        return {
            yaml.ScalarEvent: self._scalar,
            yaml.MappingStartEvent: self._start,
            yaml.SequenceStartEvent: self._start,
            yaml.MappingEndEvent: self._end,
            yaml.SequenceEndEvent: self._end,
            yaml.AliasEvent: self._alias,
            yaml.DocumentStartEvent: self._document,
            yaml.StreamStartEvent: _ignore,
            yaml.StreamEndEvent: _ignore,
            yaml.DocumentEndEvent: _ignore,
        }

    def _is_key(self) -> bool:
        return bool(self.stack) and isinstance(self.stack[-1].container, dict) and self.stack[-1].key is None

    def _document(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            self._problem(
                "file holds more than one YAML document ('---'); put each case in its own file",
                _mark(event),
            )
            self.doc.fatal = True
            self.done = True

    def _alias(self, event: Any) -> None:
        path = self._current_path()
        self._problem(
            f"alias '*{event.anchor}' is not allowed; write the value out in full", _mark(event), path
        )
        self.doc.refused.add(path)
        self._add(None, _mark(event))

    def _scalar(self, event: Any) -> None:
        # The hot path: most events of a case file are scalars.
        tag = event.tag
        if event.anchor or tag is not None:
            self._check_node(event, "text", self._current_path())
        value: Any = event.value
        if not event.style and tag is None and event.implicit[0]:
            resolved = resolve_plain(value)
            if resolved.__class__ is str or not self._is_key():
                value = resolved  # a key stays text as written: "1:" is the key '1'
                if resolved.__class__ is float and GROUPED_NUMBER.match(event.value):
                    self._grouped(event)
        mark = event.start_mark
        self._add(value, Position(mark.line + 1, mark.column + 1))

    def _grouped(self, event: Any) -> None:
        """'75.000' is 75.0 to YAML but seventy-five thousand to a Danish reader: refuse the guess."""
        text = event.value
        self._problem(
            f"'{text}' would be read as {float(text)!r} (in YAML '.' is a decimal point, not a thousands "
            f"separator); write {text.replace('.', '')}, or {float(text)!r} if a decimal is meant",
            _mark(event),
            self._current_path(),
        )

    def _start(self, event: Any) -> None:
        import yaml

        path = self._current_path()
        kind = "mapping" if event.__class__ is yaml.MappingStartEvent else "list"
        if self._is_key():
            self._problem(f"a {kind} cannot be used as a key; keys are field names", _mark(event), path)
        self._check_node(event, kind, path)
        if len(self.stack) >= self.max_depth:
            self._problem(
                f"nesting is deeper than {self.max_depth} levels; case files are shallow",
                _mark(event),
                path,
            )
            self.doc.fatal = True
            self.done = True
            return
        container: Any = {} if kind == "mapping" else []
        self.stack.append(_Frame(container, path))
        self.doc.values[path] = _mark(event)

    def _end(self, event: Any) -> None:
        finished = self.stack.pop()
        position = self.doc.values.get(finished.path, Position(1, 1))
        if self._is_key():
            # A collection used as a key: already reported; drop it and its value.
            self.stack[-1].key = _DUPLICATE
            return
        self._add(finished.container, position)


def _ignore(event: Any) -> None:
    return None


class _DuplicateMarker:
    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return "<duplicate key>"


_DUPLICATE: Any = _DuplicateMarker()


def parse_yaml(
    raw: bytes, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH, places: bool = True
) -> YamlDocument:
    """One YAML document from bytes: values, positions, problems; never raises (places: yamlquick)."""
    doc = YamlDocument()
    text, problem = decode(raw, max_bytes)
    if problem is not None or text is None:
        doc.problems.append(problem or YamlProblem("file could not be read", Position(1, 1)))
        doc.fatal = True
        return doc
    doc.text = text
    depth, where = _structural_depth_estimate(text, 2 * max_depth)
    if depth > 2 * max_depth:
        doc.problems.append(
            YamlProblem(f"nesting is deeper than {max_depth} levels; case files are shallow", where)
        )
        doc.fatal = True
        return doc
    if not places:
        from erhverv_cli.yamlquick import read_quickly

        if read_quickly(doc, text, max_depth):
            return doc  # else the careful way, which reports and places what is wrong

    import yaml

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    builder = _Builder(doc, max_depth)
    loader = loader_class(text)
    try:
        handlers, next_event = builder.handlers, loader.get_event
        while not builder.done:
            event = next_event()  # None after the end of the stream
            if event is None:
                break
            handlers[event.__class__](event)
    except yaml.YAMLError as error:
        doc.problems.append(_yaml_error_problem(error, text))
        doc.fatal = True
    finally:
        loader.dispose()
    if builder.documents == 0 and not doc.fatal:
        doc.problems.append(YamlProblem("file is empty; a case file is a mapping of fields", Position(1, 1)))
        doc.fatal = True
    return doc
