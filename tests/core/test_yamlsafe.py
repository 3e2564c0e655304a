"""The hardened YAML reader on its own: YAML 1.2 typing, positions, refused constructs, caps."""

from __future__ import annotations

import math
from typing import Any

import pytest

from erhverv_cli.yamlsafe import (
    MAX_BYTES,
    MAX_DEPTH,
    Position,
    YamlDocument,
    decode,
    parse_yaml,
    resolve_plain,
)

# -- resolve_plain: the YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution) --------

CORE_SCHEMA: list[tuple[str, Any]] = [
    # null
    ("~", None),
    ("null", None),
    ("Null", None),
    ("NULL", None),
    # bool: only the true/false family
    ("true", True),
    ("True", True),
    ("TRUE", True),
    ("false", False),
    ("False", False),
    ("FALSE", False),
    # int: decimal (leading zeros are decimal), 0o octal, 0x hexadecimal
    ("0", 0),
    ("2014", 2014),
    ("+12", 12),
    ("-12", -12),
    ("0123", 123),
    ("007", 7),
    ("0o17", 15),
    ("0x1F", 31),
    ("0xff", 255),
    # float
    ("1.5", 1.5),
    ("-1.5", -1.5),
    (".5", 0.5),
    ("1.", 1.0),
    ("1e3", 1000.0),
    ("2.5E-2", 0.025),
    ("+1.0e+2", 100.0),
    (".inf", math.inf),
    ("+.Inf", math.inf),
    ("-.INF", -math.inf),
]

# Plain scalars YAML 1.1 (PyYAML's default) would type, but YAML 1.2's core schema keeps as text.
STAYS_TEXT = [
    "NO", "No", "no", "yes", "Yes", "YES", "y", "n", "on", "On", "off", "OFF",
    "1:30", "190:20:30", "-1:30",
    "2014-01-01", "2014-13-45", "2001-12-14t21:59:43.10-05:00",
    "0b101", "1_000", "1,000", "0x", "0o", "0o8", "0xG", "-0x1F", "+0o7",
    "1e", "e3", ".", "..", "+", "-", "1.2.3", "inf", "nan", ".Nan", "-.nan",
    "Aalborg", "tRUE", "nULL", "~~", "3 virksomheder", "ca. 400",
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CORE_SCHEMA, ids=[text for text, _ in CORE_SCHEMA])
def test_resolve_plain_types_like_the_core_schema(text: str, expected: Any) -> None:
    value = resolve_plain(text)
    assert type(value) is type(expected)
    assert value == expected


@pytest.mark.parametrize("text", [".nan", ".NaN", ".NAN"])
def test_resolve_plain_nan(text: str) -> None:
    value = resolve_plain(text)
    assert isinstance(value, float)
    assert math.isnan(value)


@pytest.mark.parametrize("text", STAYS_TEXT)
def test_resolve_plain_keeps_yaml_1_1_values_as_text(text: str) -> None:
    assert resolve_plain(text) == text
    assert type(resolve_plain(text)) is str


def test_resolve_plain_empty_is_null() -> None:
    assert resolve_plain("") is None


# -- decode: size, encoding, NUL ---------------------------------------------------------------------


def test_decode_strips_a_utf8_byte_order_mark() -> None:
    assert decode("\ufeffid: x\n".encode()) == ("id: x\n", None)


def test_decode_accepts_exactly_max_bytes_and_refuses_one_more() -> None:
    assert decode(b"a" * 10, max_bytes=10) == ("a" * 10, None)
    text, problem = decode(b"a" * 11, max_bytes=10)
    assert text is None
    assert problem is not None
    assert problem.message == "file is 11 bytes; case files may be at most 10 bytes"
    assert problem.position == Position(1, 1)


def test_default_size_cap_is_used() -> None:
    _text, problem = decode(b" " * (MAX_BYTES + 1))
    assert problem is not None
    assert problem.message.startswith(f"file is {MAX_BYTES + 1:,} bytes")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_decode_refuses_utf16_with_a_byte_order_mark(encoding: str) -> None:
    raw = "id: x\n".encode(encoding)
    if encoding != "utf-16":
        raw = ("\ufeff" + "id: x\n").encode(encoding)
    text, problem = decode(raw)
    assert text is None
    assert problem is not None
    assert (problem.message, problem.position) == ("file is UTF-16; save it as UTF-8", Position(1, 1))


def test_decode_locates_the_first_bad_byte() -> None:
    _text, problem = decode(b"id: x\ntitle: ab\xffc\n")
    assert problem is not None
    assert problem.message == "file is not valid UTF-8 (byte 0xff cannot be decoded); save it as UTF-8"
    assert problem.position == Position(2, 10)


def test_decode_locates_a_nul_byte() -> None:
    _text, problem = decode(b"id: x\n\ntitle: a\x00b\n")
    assert problem is not None
    assert (problem.message, problem.position) == (
        "file contains a NUL byte; is it a binary file?",
        Position(3, 9),
    )


# -- parse_yaml: values and where they sit --------------------------------------------------------------

SAMPLE = """# a comment
id: sample
number: 3
title: "0123"
municipalities:
  - Aalborg
  - Køge
key_figures:
  - label: deltagere
    value: 12.5
flow: {a: 1, b: [x, y]}
""".encode()


def test_values_are_built_with_yaml_1_2_types() -> None:
    doc = parse_yaml(SAMPLE)
    assert doc.problems == []
    assert not doc.fatal
    assert doc.data == {
        "id": "sample",
        "number": 3,
        "title": "0123",
        "municipalities": ["Aalborg", "Køge"],
        "key_figures": [{"label": "deltagere", "value": 12.5}],
        "flow": {"a": 1, "b": ["x", "y"]},
    }


@pytest.mark.parametrize(
    ("path", "position"),
    [
        ((), Position(2, 1)),
        (("id",), Position(2, 5)),
        (("number",), Position(3, 9)),
        (("title",), Position(4, 8)),
        (("municipalities",), Position(6, 3)),
        (("municipalities", 0), Position(6, 5)),
        (("municipalities", 1), Position(7, 5)),
        (("key_figures", 0), Position(9, 5)),
        (("key_figures", 0, "value"), Position(10, 12)),
        (("flow",), Position(11, 7)),
        (("flow", "b"), Position(11, 17)),
        (("flow", "b", 1), Position(11, 21)),
    ],
    ids=lambda value: repr(value),
)
def test_value_positions(path: tuple[str | int, ...], position: Position) -> None:
    assert parse_yaml(SAMPLE).values[path] == position


@pytest.mark.parametrize(
    ("path", "position"),
    [
        (("id",), Position(2, 1)),
        (("municipalities",), Position(5, 1)),
        (("key_figures", 0, "label"), Position(9, 5)),
        (("key_figures", 0, "value"), Position(10, 5)),
        (("flow", "b"), Position(11, 14)),
    ],
    ids=lambda value: repr(value),
)
def test_key_positions(path: tuple[str | int, ...], position: Position) -> None:
    assert parse_yaml(SAMPLE).keys[path] == position


def test_position_of_falls_back_to_key_then_parent() -> None:
    doc = parse_yaml(SAMPLE)
    assert doc.position_of(("key_figures", 0, "value")) == Position(10, 12)
    # A field that is missing inside an item: the item itself.
    assert doc.position_of(("key_figures", 0, "unit")) == Position(9, 5)
    # A key known only as a key (its value was never placed).
    doc.keys[("only_key",)] = Position(20, 1)
    assert doc.position_of(("only_key",)) == Position(20, 1)
    assert YamlDocument().position_of(("anything",)) == Position(1, 1)


def test_crlf_line_endings_do_not_shift_positions() -> None:
    doc = parse_yaml(SAMPLE.replace(b"\n", b"\r\n"))
    assert doc.values[("key_figures", 0, "value")] == Position(10, 12)


def test_quoted_scalars_are_never_typed() -> None:
    doc = parse_yaml(b"a: '123'\nb: \"true\"\nc: 'null'\nd: |\n  42\ne: >-\n  NO\n")
    assert doc.data == {"a": "123", "b": "true", "c": "null", "d": "42\n", "e": "NO"}


@pytest.mark.parametrize("key", ["1", "true", "~", "1.5", "NO", "0x1F", "null"])
def test_keys_stay_text(key: str) -> None:
    doc = parse_yaml(f"{key}: value\n".encode())
    assert doc.data == {key: "value"}
    assert doc.problems == []


# -- problems: duplicates, tags, anchors, aliases, complex keys ------------------------------------------


def _problems(raw: bytes) -> list[tuple[str, Position, tuple[str | int, ...]]]:
    return [(problem.message, problem.position, problem.path) for problem in parse_yaml(raw).problems]


def test_duplicate_key_is_a_problem_and_only_the_first_value_is_kept() -> None:
    doc = parse_yaml(b"a: 1\nb: 2\na: 3\n")
    assert _problems(b"a: 1\nb: 2\na: 3\n") == [
        (
            "duplicate key 'a' (first at line 1); YAML keeps only one of them: remove or rename one",
            Position(3, 1),
            ("a",),
        )
    ]
    assert doc.data == {"a": 1, "b": 2}
    assert not doc.fatal


def test_duplicate_key_in_a_flow_mapping() -> None:
    assert _problems(b"x: {a: 1, a: 2}\n") == [
        (
            "duplicate key 'a' (first at line 1); YAML keeps only one of them: remove or rename one",
            Position(1, 11),
            ("x", "a"),
        )
    ]


def test_duplicate_key_with_a_collection_value_is_dropped_whole() -> None:
    doc = parse_yaml(b"a: [1]\na:\n  b: 2\nc: 3\n")
    assert doc.data == {"a": [1], "c": 3}
    assert [problem.position for problem in doc.problems] == [Position(2, 1)]


def test_keys_that_look_different_but_type_the_same_are_not_duplicates() -> None:
    # Keys are not typed, so '1' and '01' are two different field names.
    assert parse_yaml(b"1: a\n01: b\n").problems == []


@pytest.mark.parametrize(
    ("raw", "message", "position"),
    [
        (
            b"a: !!str 1\n",
            "tag 'tag:yaml.org,2002:str' is not allowed; remove it and write a plain value",
            (1, 4),
        ),
        (b"a: !custom x\n", "tag '!custom' is not allowed; remove it and write a plain value", (1, 4)),
        (
            b"a: !!seq [x]\n",
            "tag 'tag:yaml.org,2002:seq' is not allowed; remove it and write a plain value",
            (1, 4),
        ),
        (b"a: &x text\n", "anchor '&x' is not allowed; write the text out in full", (1, 4)),
        (b"a: &x [1]\n", "anchor '&x' is not allowed; write the list out in full", (1, 4)),
        (b"a: &x {b: 1}\n", "anchor '&x' is not allowed; write the mapping out in full", (1, 4)),
        (b"a: *x\n", "alias '*x' is not allowed; write the value out in full", (1, 4)),
        (b"? [a]\n: b\n", "a list cannot be used as a key; keys are field names", (1, 3)),
        (b"{? {a: 1} : b}\n", "a mapping cannot be used as a key; keys are field names", (1, 4)),
    ],
)
def test_refused_constructs(raw: bytes, message: str, position: tuple[int, int]) -> None:
    doc = parse_yaml(raw)
    assert [(problem.message, problem.position) for problem in doc.problems] == [
        (message, Position(*position))
    ]
    assert not doc.fatal


def test_a_billion_laughs_never_expands() -> None:
    raw = b'a: &a ["lol","lol"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: [*c,*c]\n'
    doc = parse_yaml(raw)
    assert doc.data is not None
    assert doc.data["d"] == [None, None]
    assert len(doc.problems) == 3 + 6


def test_a_collection_key_does_not_swallow_the_next_field() -> None:
    doc = parse_yaml(b"? [a]\n: b\nc: d\n")
    assert doc.data == {"c": "d"}


# -- fatal problems: document shape, syntax, depth ----------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "message", "position"),
    [
        (b"", "file is empty; a case file is a mapping of fields", (1, 1)),
        (b"# only a comment\n\n", "file is empty; a case file is a mapping of fields", (1, 1)),
        (
            b"a: 1\n---\nb: 2\n",
            "file holds more than one YAML document ('---'); put each case in its own file",
            (2, 1),
        ),
        (
            b"---\na: 1\n...\n---\nb: 2\n",
            "file holds more than one YAML document ('---'); put each case in its own file",
            (4, 1),
        ),
        (
            b"a: [1, 2\n",
            "YAML syntax error: while parsing a flow sequence, did not find expected ',' or ']'",
            (2, 1),
        ),
        (
            b"a: 'open\n",
            "YAML syntax error: while scanning a quoted scalar, found unexpected end of stream",
            (2, 1),
        ),
        (
            b"a:\n\t- b\n",
            "YAML syntax error: a tab where YAML needs spaces; indent with spaces",
            (2, 1),
        ),
    ],
)
def test_fatal_problems(raw: bytes, message: str, position: tuple[int, int]) -> None:
    doc = parse_yaml(raw)
    assert doc.fatal
    assert [(problem.message, problem.position) for problem in doc.problems][-1] == (
        message,
        Position(*position),
    )


def test_one_explicit_document_is_fine() -> None:
    doc = parse_yaml(b"---\na: 1\n...\n")
    assert (doc.data, doc.problems, doc.fatal) == ({"a": 1}, [], False)


def test_block_nesting_beyond_the_cap_is_refused_where_it_starts() -> None:
    # Each key opens a mapping one level deeper; the top-level mapping is the first level,
    # so the mapping on line MAX_DEPTH + 1 is one too many. Indentation alone stays under
    # the pre-parse estimate, so this is caught while building.
    levels = MAX_DEPTH + 8
    raw = b"".join(b"  " * level + f"k{level}:\n".encode() for level in range(levels))
    doc = parse_yaml(raw)
    assert doc.fatal
    assert [(problem.message, problem.position, problem.path) for problem in doc.problems] == [
        (
            f"nesting is deeper than {MAX_DEPTH} levels; case files are shallow",
            Position(MAX_DEPTH + 1, 2 * MAX_DEPTH + 1),
            tuple(f"k{level}" for level in range(MAX_DEPTH)),
        )
    ]


def test_depth_cap_can_be_lowered() -> None:
    doc = parse_yaml(b"a: [[[1]]]\n", max_depth=3)
    assert doc.fatal
    assert doc.problems[0].message == "nesting is deeper than 3 levels; case files are shallow"
    assert doc.problems[0].position == Position(1, 6)
    assert not parse_yaml(b"a: [[1]]\n", max_depth=3).fatal


def test_very_deep_flow_nesting_is_refused_before_parsing() -> None:
    doc = parse_yaml(b"[" * 100_000)
    assert doc.fatal
    assert [problem.message for problem in doc.problems] == [
        f"nesting is deeper than {MAX_DEPTH} levels; case files are shallow"
    ]
    assert doc.data is None


def test_size_cap_of_parse_yaml() -> None:
    doc = parse_yaml(b"a: 1\n" * 10, max_bytes=20)
    assert doc.fatal
    assert doc.problems[0].message == "file is 50 bytes; case files may be at most 20 bytes"


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\n",
        "a:\n" + "".join("  " * level + f"k{level}:\n" for level in range(1, 70)),
        "a: " + "[" * 40 + "\n" + "".join("  " * level + f"k{level}:\n" for level in range(1, 30)),
        "a: " + "{" * 64 + "}" * 64 + "\n",
        "a: " + "[" * 65 + "\n",
        "- " * 40 + "x\n",
        "- " * 70 + "x\n",
        "a: [b, c]  # [[[[ a comment\n" * 20,
    ],
    ids=[
        "flat",
        "deep-block",
        "brackets-and-block",
        "at-limit",
        "over-limit",
        "dashes",
        "many-dashes",
        "comments",
    ],
)
def test_depth_estimate_shortcut_agrees_with_the_line_scan(text: str) -> None:
    """The estimate answers common files in C; it must refuse exactly what the full scan refuses."""
    import erhverv_cli.yamlsafe as yamlsafe

    limit = 2 * MAX_DEPTH
    quick, _where = yamlsafe._structural_depth_estimate(text, limit)
    # The full scan: the same text with a bracket count that defeats the shortcut.
    padded = text + "#" + "[" * (limit + 1) + "\n"
    full, _where = yamlsafe._structural_depth_estimate(padded, limit)
    assert (quick > limit) == (full > limit)
