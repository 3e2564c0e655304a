"""Mends from a review of how input is read and written.

* Writing never replaces anything but a regular file: a FIFO, a device, a socket or a folder is
  refused; a symbolic link is written through to the regular file it names.
* A file reached twice (one folder given by two spellings, or through a link) is checked once, not
  reported as a duplicate of itself.
* Findings count lines as YAML does, so a file with old-Mac line ends (a CR alone) or CR LF gets
  the same line:col as the same file with LF.
* Every invisible character is refused in case text: all format characters (Cf), the Hangul
  fillers, the combining grapheme joiner, tag characters; renderers show each of them visibly.
* Thousands of unknown fields in one file are listed up to a cap and then counted in one finding,
  and a "did you mean" folds its closed set of choices once, not once per question.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import sys
import unicodedata
from pathlib import Path

import pytest
from conftest import CORPUS

from erhverv_cli import suggest
from erhverv_cli.errors import UsageError
from erhverv_cli.models import character_name, unsafe_character
from erhverv_cli.render.text import json_text, safe, safe_line
from erhverv_cli.validation import (
    MAX_UNKNOWN_FIELDS,
    expand_paths,
    validate_bytes,
    validate_paths,
)
from erhverv_cli.writing import write_text_atomically
from erhverv_cli.yamlsafe import Position, offset_position, position_offset, split_lines

SAMPLE = CORPUS / "aalborg-virksomhedskontakt.yaml"
STEM = SAMPLE.stem
UNSAFE_TAIL = "; remove it (control, bidi and zero-width characters are not allowed in case files)"


def _leftovers(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.endswith(".tmp"))


# -- 1. writing only over regular files ---------------------------------------------------------------


def test_writing_refuses_a_fifo_and_leaves_it_a_fifo(tmp_path: Path) -> None:
    target = tmp_path / "cases.json"
    os.mkfifo(target)
    with pytest.raises(UsageError) as refused:
        write_text_atomically(target, "[]\n")
    assert str(refused.value) == f"cannot write {target}: it is a named pipe (FIFO), not a regular file"
    assert refused.value.exit_code == 2
    assert stat.S_ISFIFO(os.lstat(target).st_mode)
    assert _leftovers(tmp_path) == []


def test_writing_refuses_a_socket(tmp_path: Path) -> None:
    target = tmp_path / "s.json"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(target))
        with pytest.raises(UsageError, match="it is a socket, not a regular file"):
            write_text_atomically(target, "[]\n")
    finally:
        server.close()
    assert stat.S_ISSOCK(os.lstat(target).st_mode)


def null_device(path: Path) -> Path:
    """A character device node like /dev/null (1, 3), made where a test may lose it: were the guard
    ever broken, the test must not replace the system's own /dev/null."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (OSError, AttributeError):
        pytest.skip("cannot make a device node here (needs root or CAP_MKNOD)")
    return path


def test_writing_never_replaces_a_device_named_or_linked(tmp_path: Path) -> None:
    device = null_device(tmp_path / "null")
    before = os.lstat(device)
    with pytest.raises(UsageError) as refused:
        write_text_atomically(device, "x")
    assert str(refused.value) == f"cannot write {device}: it is a character device, not a regular file"
    link = tmp_path / "out.json"
    link.symlink_to(device)
    with pytest.raises(UsageError) as refused:
        write_text_atomically(link, "x")
    assert str(refused.value) == (
        f"cannot write {link} (a link to {device}): it is a character device, not a regular file"
    )
    after = os.lstat(device)
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert link.is_symlink() and os.readlink(link) == str(device)
    assert sorted(os.listdir(tmp_path)) == ["null", "out.json"]


def test_writing_a_folder_name_is_refused(tmp_path: Path) -> None:
    (tmp_path / "folder.json").mkdir()
    with pytest.raises(UsageError, match="is a folder"):
        write_text_atomically(tmp_path / "folder.json", "x")


def test_a_link_to_a_regular_file_is_written_through(tmp_path: Path) -> None:
    """The policy: the file the link names is replaced (atomically, in its own folder) and the link
    stays a link, as a shell's `>` leaves it."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    real = elsewhere / "real.json"
    real.write_text("old\n", encoding="utf-8")
    real.chmod(0o640)
    here = tmp_path / "here"
    here.mkdir()
    link = here / "cases.json"
    link.symlink_to(real)
    assert write_text_atomically(link, "new\n") == link
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert real.read_text(encoding="utf-8") == "new\n"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640  # the mode of the file it replaced
    assert sorted(os.listdir(here)) == ["cases.json"]
    assert sorted(os.listdir(elsewhere)) == ["real.json"]


def test_a_relative_link_is_written_through_too(tmp_path: Path) -> None:
    (tmp_path / "real.csv").write_text("old\n", encoding="utf-8")
    (tmp_path / "link.csv").symlink_to("real.csv")
    write_text_atomically(tmp_path / "link.csv", "new\n")
    assert (tmp_path / "link.csv").is_symlink()
    assert (tmp_path / "real.csv").read_text(encoding="utf-8") == "new\n"


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (
            lambda link: link.symlink_to(link.parent / "nowhere.json"),
            "a symbolic link to a file that does not exist",
        ),
        (lambda link: link.symlink_to(link), "a loop of symbolic links"),
    ],
    ids=["dangling", "loop"],
)
def test_a_dangling_link_or_a_loop_is_refused(make: object, reason: str, tmp_path: Path) -> None:
    link = tmp_path / "cases.json"
    make(link)  # type: ignore[operator]
    with pytest.raises(UsageError) as refused:
        write_text_atomically(link, "x")
    assert str(refused.value) == f"cannot write {link}: it is {reason}"
    assert link.is_symlink()
    assert sorted(os.listdir(tmp_path)) == ["cases.json"]


def test_a_link_to_a_fifo_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "cases.md").symlink_to("pipe")
    with pytest.raises(UsageError, match=r"\(a link to .*pipe\): it is a named pipe \(FIFO\)"):
        write_text_atomically(tmp_path / "cases.md", "x")
    assert stat.S_ISFIFO(os.lstat(tmp_path / "pipe").st_mode)


def test_exclusive_writing_still_counts_any_existing_name_as_taken(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "link.yaml").symlink_to(tmp_path / "nowhere.yaml")
    for name in ("pipe.yaml", "link.yaml"):
        with pytest.raises(FileExistsError):
            write_text_atomically(tmp_path / name, "x", exclusive=True)
    assert not (tmp_path / "nowhere.yaml").exists()
    assert _leftovers(tmp_path) == []


def test_a_regular_file_is_still_replaced(tmp_path: Path) -> None:
    target = tmp_path / "cases.json"
    target.write_text("old\n", encoding="utf-8")
    write_text_atomically(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert not target.is_symlink()


# -- 2. one file reached twice is one file -----------------------------------------------------------


@pytest.fixture
def three(tmp_path: Path) -> Path:
    folder = tmp_path / "cases"
    folder.mkdir()
    for name in ("silkeborg-valley", "concept-mariagerfjord", "lydens-by-struer"):
        shutil.copy(CORPUS / f"{name}.yaml", folder)
    return folder


def test_one_folder_by_two_spellings_is_checked_once(
    three: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    spellings = [
        Path("cases"),
        three.resolve(),
        Path("cases/../cases/"),
        Path("./cases/silkeborg-valley.yaml"),
    ]
    files = expand_paths(spellings)
    assert files == sorted(Path("cases").glob("*.yaml"))  # each once, under the name first reached by
    report = validate_paths(spellings)
    assert report.ok, [finding.message for finding in report.findings]
    assert report.summary() == "3 files checked: all valid"


def test_a_link_to_the_folder_is_the_same_folder(three: Path, tmp_path: Path) -> None:
    (tmp_path / "link").symlink_to(three)
    report = validate_paths([three, tmp_path / "link"])
    assert report.ok and len(report.files) == 3


def test_two_real_copies_still_clash(three: Path, tmp_path: Path) -> None:
    shutil.copytree(three, tmp_path / "copy")
    report = validate_paths([three, tmp_path / "copy"])
    assert len(report.files) == 6
    assert report.invalid_files == 6
    assert all("is also used by" in finding.message for finding in report.findings)


def test_a_missing_path_named_twice_is_reported_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    report = validate_paths([Path("gone.yaml"), tmp_path / "gone.yaml"])
    assert len(report.files) == 1 and not report.ok


# -- 3. line breaks counted as YAML counts them ------------------------------------------------------


def _broken_sample() -> str:
    """The sample case with a bidi override inside a folded value, a wrong type and an unknown field."""
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    assert "1.000" in lines[10]
    lines[10] = lines[10].replace("1.000", "1.\u202e000")
    lines[5] = "type: basel"
    lines.insert(30, "unknwn: 1")
    return "\n".join(lines)


BREAKS = {"cr": "\r", "crlf": "\r\n", "nel": "\x85"}


@pytest.mark.parametrize("newline", BREAKS.values(), ids=BREAKS.keys())
def test_findings_in_a_file_with_other_line_ends_are_where_they_are_with_lf(newline: str) -> None:
    text = _broken_sample()
    expected = [
        (finding.line, finding.col, finding.field, finding.message)
        for finding in validate_bytes(text.encode(), "x.yaml", stem=STEM).findings
    ]
    assert [(line, col, name) for line, col, name, _ in expected] == [
        (6, 7, "type"),
        (11, 5, "summary"),  # the override itself, in the folded value's third line
        (31, 1, "unknwn"),
    ]
    other = validate_bytes(text.replace("\n", newline).encode(), "x.yaml", stem=STEM)
    assert [(f.line, f.col, f.field, f.message) for f in other.findings] == expected


@pytest.mark.parametrize("newline", BREAKS.values(), ids=BREAKS.keys())
@pytest.mark.parametrize(
    ("tail", "where"),
    [
        (b"\xff\n", (4, 3)),  # not UTF-8
        (b"\x00\n", (4, 3)),  # a NUL byte
        (b"x: \x07\n", (4, 6)),  # a character the YAML reader refuses (an offset, not a mark)
    ],
    ids=["not-utf8", "nul", "reader-error"],
)
def test_problems_located_by_offset_count_every_line_break(
    newline: str, tail: bytes, where: tuple[int, int]
) -> None:
    lf = b"id: x\ntitle: T\nsummary: S\nk:" + tail
    assert [(f.line, f.col) for f in validate_bytes(lf, "x.yaml").findings][:1] == [where]
    other = lf.replace(b"\n", newline.encode())
    assert [(f.line, f.col) for f in validate_bytes(other, "x.yaml").findings][:1] == [where]


def test_deep_nesting_in_a_cr_only_file_is_placed_as_in_lf() -> None:
    raw = "id: x\n" + "".join("  " * level + "k:\n" for level in range(70))
    lf = [(f.line, f.col, f.message) for f in validate_bytes(raw.encode(), "x.yaml").findings]
    cr = [
        (f.line, f.col, f.message)
        for f in validate_bytes(raw.replace("\n", "\r").encode(), "x.yaml").findings
    ]
    assert cr == lf and lf[0][0] > 30


def test_offsets_and_positions_agree_on_every_line_break() -> None:
    text = "a\rbc\r\nd\ne\x85f\u2028g\u2029h"
    assert split_lines(text) == ["a", "bc", "d", "e", "f", "g", "h"]
    starts = {"a": (1, 1), "b": (2, 1), "c": (2, 2), "d": (3, 1), "e": (4, 1), "f": (5, 1), "h": (7, 1)}
    for char, (line, col) in starts.items():
        offset = text.index(char)
        assert offset_position(text, offset) == Position(line, col)
        assert position_offset(text, Position(line, col)) == offset
    assert position_offset(text, Position(9, 1)) is None
    assert offset_position("ab\ncd", 4) == Position(2, 2)  # the plain LF path


# -- 4. invisible characters ---------------------------------------------------------------------------

INVISIBLE = {
    "\u00ad": "SOFT HYPHEN",
    "\u034f": "COMBINING GRAPHEME JOINER",
    "\u180e": "MONGOLIAN VOWEL SEPARATOR",
    "\u3164": "HANGUL FILLER",
    "\u115f": "HANGUL CHOSEONG FILLER",
    "\u1160": "HANGUL JUNGSEONG FILLER",
    "\uffa0": "HALFWIDTH HANGUL FILLER",
    "\U000e0000": "unassigned invisible character",
    "\U000e0001": "LANGUAGE TAG",
    "\U000e0020": "TAG SPACE",
    "\U000e0041": "TAG LATIN CAPITAL LETTER A",
    "\U000e007f": "CANCEL TAG",
    "\u2065": "unassigned invisible character",
}


@pytest.mark.parametrize("char", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
def test_each_invisible_character_is_refused_at_its_place(char: str) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    title = "title: Aalborg Kommunes virksomhedskontakt og vejledning\n"
    assert title in text
    broken = text.replace(title, title.replace("virksomhedskontakt", f"virksomheds{char}kontakt"))
    result = validate_bytes(broken.encode(), "x.yaml", stem=STEM)
    code = f"U+{ord(char):04X}"
    assert [(f.line, f.col, f.field, f.message) for f in result.findings] == [
        (4, 36, "title", f"text contains {code} ({INVISIBLE[char]}) at character 29{UNSAFE_TAIL}")
    ]
    assert result.case is None
    # Written as an escape in a double-quoted value, it is refused and placed the same way.
    escaped = text.replace(title, f'title: "Aalborg Kommunes virksomheds\\U{ord(char):08x}kontakt"\n')
    again = validate_bytes(escaped.encode(), "x.yaml", stem=STEM)
    assert [(f.line, f.col, f.message) for f in again.findings] == [
        (4, 37, f"text contains {code} ({INVISIBLE[char]}) at character 29{UNSAFE_TAIL}")
    ]


@pytest.mark.parametrize("char", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
def test_each_invisible_character_is_shown_visibly(char: str) -> None:
    shown = f"<U+{ord(char):04X}>"
    assert safe(f"a{char}b") == f"a{shown}b"
    assert safe_line(f"a{char}b") == f"a{shown}b"
    encoded = json_text({"t": f"a{char}b"})
    assert encoded.isascii()
    assert json.loads(encoded) == {"t": f"a{char}b"}


def test_every_format_character_is_refused_and_shown_visibly() -> None:
    formats = [chr(code) for code in range(sys.maxunicode + 1) if unicodedata.category(chr(code)) == "Cf"]
    assert len(formats) > 150
    assert [f"U+{ord(c):04X}" for c in formats if unsafe_character(f"x{c}") != 1] == []
    assert [f"U+{ord(c):04X}" for c in formats if safe(c) == c] == []


def test_what_models_refuse_the_renderers_escape() -> None:
    refused = [chr(code) for code in range(0xE1000) if unsafe_character(chr(code)) == 0]
    assert [f"U+{ord(c):04X}" for c in refused if c not in "\r\u0085" and safe_line(c) == c] == []


@pytest.mark.parametrize(
    "text",
    [
        "Rådgivning i Ærø og Øster Højst",
        "Hjerte \u2764\ufe0f",  # a variation selector picks the emoji form: allowed
        "葛\U000e0100",  # an ideographic variation selector: allowed
        "Café «citat» – “anførsel” … §3, 50 %",
        "Linje\nto\tmed tab",
    ],
)
def test_visible_text_and_variation_selectors_stay_allowed(text: str) -> None:
    assert unsafe_character(text) == -1


def test_an_unnamed_invisible_character_is_not_called_a_control_character() -> None:
    assert character_name("\U000e0000") == "U+E0000 (unassigned invisible character)"
    assert character_name("\x01") == "U+0001 (control character)"
    assert character_name("\x1b") == "U+001B (ESCAPE)"


def test_the_bundled_corpus_still_validates() -> None:
    report = validate_paths([CORPUS])
    assert report.ok, [finding.message for finding in report.findings]


# -- 5. thousands of unknown fields -------------------------------------------------------------------


def _with_unknown_fields(count: int) -> bytes:
    return SAMPLE.read_bytes() + b"".join(b"k%d: 1\n" % number for number in range(count))


def test_thousands_of_unknown_fields_are_listed_up_to_a_cap_then_counted() -> None:
    base = len(SAMPLE.read_text(encoding="utf-8").splitlines())
    result = validate_bytes(_with_unknown_fields(60_000), "x.yaml", stem=STEM)
    listed, rest = result.findings[:-1], result.findings[-1]
    assert len(listed) == MAX_UNKNOWN_FIELDS == 20
    for number, finding in enumerate(listed):
        assert (finding.line, finding.col, finding.field) == (base + 1 + number, 1, f"k{number}")
        assert finding.message.startswith(f"unknown field 'k{number}'")
    assert (rest.line, rest.col, rest.field) == (base + 1 + MAX_UNKNOWN_FIELDS, 1, "")
    assert rest.message == "and 59,980 more unknown fields, from here on, not listed one by one"


@pytest.mark.parametrize(("count", "findings"), [(20, 20), (21, 21), (22, 21)])
def test_the_cap_counts_from_the_first_field_not_listed(count: int, findings: int) -> None:
    result = validate_bytes(_with_unknown_fields(count), "x.yaml", stem=STEM)
    assert len(result.findings) == findings
    if count == 21:
        assert result.findings[-1].message == "and 1 more unknown field, from here on, not listed one by one"
    if count == 20:
        assert all(finding.message.startswith("unknown field") for finding in result.findings)


def test_other_findings_are_kept_beside_the_cap() -> None:
    raw = _with_unknown_fields(100).replace(b"type: basal", b"type: basel")
    messages = [finding.message for finding in validate_bytes(raw, "x.yaml", stem=STEM).findings]
    assert any(message.startswith("the text 'basel' is not a valid type") for message in messages)
    assert messages[-1] == "and 80 more unknown fields, from here on, not listed one by one"
    assert len(messages) == 22


def test_a_near_miss_still_gets_its_suggestion() -> None:
    raw = SAMPLE.read_bytes() + b"titel_en: x\n"
    [finding] = validate_bytes(raw, "x.yaml", stem=STEM).findings
    assert finding.message == "unknown field 'titel_en' (did you mean 'title_en' or 'title'?)"


def test_suggestions_fold_their_choices_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = suggest.fold_name

    def counting(name: str) -> str:
        calls.append(name)
        return real(name)

    monkeypatch.setattr(suggest, "fold_name", counting)
    suggest._folded.cache_clear()
    choices = [f"choice_{number}" for number in range(50)]
    for number in range(200):
        suggest.did_you_mean(f"word{number}", choices)
    assert len(calls) == 50 + 200  # each choice once, each word once
    assert suggest.closest("Koebenhavn", ["København", "Aarhus"]) == ["København"]


def test_a_carriage_return_written_into_text_is_refused_where_it_stands() -> None:
    """ "\\r" in a quoted text would send the terminal's cursor back over the line ("Harmless
    title\\rEVIL" shows as EVIL…); every view escaped it, validate let it pass. Now it is refused."""
    text = 'id: x\ntitle: "Harmless title\\rEVIL"\ntype: basal\nmunicipalities: [Aarhus]\nsummary: S.\n'
    findings = validate_bytes(text.encode(), "x.yaml", stem="x").findings
    assert [(f.line, f.col, f.message) for f in findings] == [
        (2, 23, "text contains U+000D (CARRIAGE RETURN) at character 15" + UNSAFE_TAIL)
    ]


def test_line_ends_of_a_crlf_file_are_no_carriage_returns_in_text() -> None:
    text = (
        "id: x\ntitle: T\ntype: basal\nmunicipalities:\n  - Aarhus\n"
        "summary: >-\n  En\n  to.\ncontent: |\n  a\n  b\n"
    )
    result = validate_bytes(text.replace("\n", "\r\n").encode(), "x.yaml", stem="x")
    assert result.findings == [] and result.case is not None
    assert (result.case.summary, result.case.content) == ("En to.", "a\nb")


def _case_text(identifier: str) -> bytes:
    return f'id: "{identifier}"\ntitle: T\ntype: basal\nmunicipalities: [Aarhus]\nsummary: S.\n'.encode()


def test_an_id_is_compared_with_the_file_name_as_the_model_reads_it() -> None:
    """'sp ' is the id 'sp' (the model strips it): no clash with sp.yaml, no advice to make 'sp .yaml'."""
    assert validate_bytes(_case_text("sp "), "sp.yaml", stem="sp").findings == []
    [finding] = validate_bytes(_case_text("other "), "good-name.yaml", stem="good-name").findings
    assert finding.message == (
        "id 'other' does not match the file name 'good-name'; "
        "rename the file to 'other.yaml' or set id: good-name"
    )


def test_a_file_name_that_is_no_id_is_not_offered_as_one() -> None:
    [finding] = validate_bytes(_case_text("min-case"), "Min Case.yaml", stem="Min Case").findings
    assert (
        finding.message
        == "id 'min-case' does not match the file name 'Min Case'; rename the file to 'min-case.yaml'"
    )


def test_validate_and_new_allow_the_same_longest_id() -> None:
    from erhverv_cli.authoring import check_id
    from erhverv_cli.models import ID_MAX_LENGTH

    longest, too_long = "a" * ID_MAX_LENGTH, "a" * (ID_MAX_LENGTH + 1)
    assert validate_bytes(_case_text(longest), "x.yaml", stem=longest).findings == []
    assert check_id(longest) == longest
    [finding] = validate_bytes(_case_text(too_long), "x.yaml", stem=too_long).findings
    assert finding.message == f"is too long: at most {ID_MAX_LENGTH} characters"
    with pytest.raises(
        UsageError, match=f"at most {ID_MAX_LENGTH} characters; this one has {ID_MAX_LENGTH + 1}"
    ):
        check_id(too_long)


def _findings(text: bytes) -> list[tuple[int, int, str]]:
    return [(f.line, f.col, f.message) for f in validate_bytes(text, "x.yaml", stem="x").findings]


def test_a_tab_that_indents_is_named() -> None:
    text = b"id: x\ntitle: T\ntype: basal\nmunicipalities:\n\t- Aarhus\nsummary: S.\n"
    assert _findings(text) == [(5, 1, "YAML syntax error: a tab where YAML needs spaces; indent with spaces")]


def test_a_refused_tag_is_one_finding_not_two() -> None:
    """'!!int 2012' was refused for its tag and then as "the text '2012' (remove the quotes)"."""
    text = b"id: x\ntitle: T\ntype: basal\nmunicipalities: [Aarhus]\nsummary: S.\nstarted: !!int 2012\n"
    assert _findings(text) == [
        (6, 10, "tag 'tag:yaml.org,2002:int' is not allowed; remove it and write a plain value")
    ]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
def test_wide_encodings_are_named_with_or_without_a_byte_order_mark(encoding: str) -> None:
    text = "id: x\ntitle: Tå\ntype: basal\nmunicipalities: [Aarhus]\nsummary: S.\n".encode(encoding)
    wide = encoding[:6].upper()
    assert _findings(text) == [(1, 1, f"file is {wide}; save it as UTF-8")]


@pytest.mark.parametrize("raw", [b"\x00" * 64, b"id: x\x00\n"])
def test_nul_bytes_that_are_no_wide_encoding_are_still_called_so(raw: bytes) -> None:
    assert [message for _line, _col, message in _findings(raw)] == [
        "file contains a NUL byte; is it a binary file?"
    ]
