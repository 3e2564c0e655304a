"""Refused case files: validate points at the refused character, numbers and years are refused in
plain words, and a refused file beside the real 18 leaves every query command working for them."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import CORPUS
from hostile import ACCEPTED, REFUSED, check_clean, strict_json
from typer.testing import CliRunner

from erhverv_cli.cli import app
from erhverv_cli.models import latest_plausible_start
from erhverv_cli.render.text import has_unsafe
from erhverv_cli.search.index import CorpusIndex
from erhverv_cli.validation import validate_file

CHARACTER_FILES = [path for path in REFUSED if re.match(r"(esc|csi|osc|bel|nul|c1|bidi|zero|bom)", path.name)]
NUMBER_FILES = [path for path in REFUSED if re.match(r"(huge|inf|nan|1e400|start-year)", path.name)]
UNSAFE = re.compile(r"text contains U\+([0-9A-F]{4,6}) ")
ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)")
# Every text field of a fixture case, where the *-in-every-field files put their payload.
EVERY_FIELD = {
    *("title", "title_en", "summary", "summary_en", "operator", "context", "sectors[0]", "sectors[1]"),
    *("key_figures[0].label", "key_figures[0].unit", "partners[0].name", "partners[0].role"),
    *("staff.roles[0]", "background", "content", "organisation", "results", "collaboration"),
    *("description_en", "user_voice[0].company", "user_voice[0].says", "source.title"),
}
PYDANTIC = ("Input should be", "input_value", "pydantic", "type=", "[type")


def written_at(text: str, line: int, col: int) -> str:
    """The character written at a position: itself, or what the escape there stands for."""
    rest = text.split("\n")[line - 1][col - 1 :]
    escape = ESCAPE.match(rest)
    if escape:
        decoded: str = yaml.safe_load(f'"{escape.group(0)}"')
        return decoded
    return rest[:1]


def test_the_fixtures_are_plain_text() -> None:
    for path in [*REFUSED, *ACCEPTED]:
        text = path.read_text(encoding="utf-8")
        assert all(char == "\n" or char.isprintable() for char in text), path.name
        assert not has_unsafe(text), path.name


@pytest.mark.parametrize("path", CHARACTER_FILES, ids=lambda path: path.stem)
def test_findings_point_at_the_refused_character(path: Path) -> None:
    result = validate_file(path)
    assert result.case is None
    text = path.read_text(encoding="utf-8")
    unsafe = [finding for finding in result.findings if UNSAFE.search(finding.message)]
    assert unsafe and len(unsafe) == len(result.findings)
    for finding in unsafe:
        code = int(UNSAFE.search(finding.message)[1], 16)  # type: ignore[index]
        assert written_at(text, finding.line, finding.col) == chr(code), finding
    if path.stem.endswith("-in-every-field"):
        assert {finding.field for finding in unsafe} == EVERY_FIELD


LITERAL = {
    "plain": "summary: Kommunen vejleder {c}nye virksomheder.\n",
    "single-quoted": "summary: 'Kommunen vejleder {c}nye virksomheder.'\n",
    "double-quoted": 'summary: "Kommunen \\\\e vejleder {c}nye virksomheder."\n',
    "folded": "summary: >-\n  Kommunen vejleder nye\n  virksomheder i {c}kommunen.\n",
    "literal": "summary: |\n  Kommunen vejleder nye\n  virksomheder{c} i kommunen.\n",
    "list-item": "summary: Kort.\nsectors:\n  - it\n  - ener{c}gi\n",
}
HEAD = "id: {stem}\ntitle: Titel\ntype: basal\nmunicipalities:\n  - Aalborg\n"


@pytest.mark.parametrize("char", ["\u202e", "\u2067", "\u200b", "\u200f", "\ufeff"], ids=ascii)
@pytest.mark.parametrize("style", sorted(LITERAL))
def test_a_literal_character_is_located_exactly(style: str, char: str, tmp_path: Path) -> None:
    path = tmp_path / "literal.yaml"
    text = HEAD.format(stem="literal") + LITERAL[style].format(c=char)
    path.write_text(text, encoding="utf-8")
    offset = text.index(char)
    line = text.count("\n", 0, offset) + 1
    col = offset - text.rfind("\n", 0, offset)
    findings = validate_file(path).findings
    assert [(f.line, f.col) for f in findings] == [(line, col)], findings
    assert f"U+{ord(char):04X}" in findings[0].message


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\x9b"], ids=ascii)
def test_a_literal_control_character_is_a_located_syntax_error(char: str, tmp_path: Path) -> None:
    path = tmp_path / "control.yaml"
    text = HEAD.format(stem="control") + f"summary: Kort {char}[31m resumé.\n"
    path.write_text(text, encoding="utf-8")
    findings = validate_file(path).findings
    assert [(f.line, f.col) for f in findings] == [(6, 15)]


def test_cli_reports_the_position_and_escapes_the_value(runner: CliRunner) -> None:
    path = next(path for path in REFUSED if path.stem == "esc-colour-in-title")
    result = runner.invoke(app, ["validate", str(path)])
    check_clean(result.stdout, result.stderr)
    assert result.exit_code == 1
    assert f"{path}:3:25: title: text contains U+001B (ESCAPE)" in result.stdout
    github = runner.invoke(app, ["validate", "--format", "github", str(path)])
    assert f"file={path},line=3,col=25" in github.stdout


# -- numbers and years --------------------------------------------------------------------------


@pytest.mark.parametrize("path", NUMBER_FILES, ids=lambda path: path.stem)
def test_numbers_and_years_are_refused_in_plain_words(path: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", "--format", "json", str(path)])
    assert result.exit_code == 1
    errors = strict_json(result.stdout)["errors"]
    assert len(errors) == 1
    message = errors[0]["message"]
    assert not any(word in message for word in PYDANTIC), message
    assert re.search(r"out of range|finite number|after next year", message), message
    # The finding points at the number itself.
    line = path.read_text(encoding="utf-8").split("\n")[errors[0]["line"] - 1]
    assert re.match(r"[-+.0-9a-z]", line[errors[0]["col"] - 1 :]), line


@pytest.mark.parametrize(("offset", "valid"), [(0, True), (1, False)])
def test_a_start_may_be_next_year_at_the_latest(offset: int, valid: bool, tmp_path: Path) -> None:
    path = tmp_path / "soon.yaml"
    year = latest_plausible_start() + offset
    path.write_text(HEAD.format(stem="soon") + f"summary: Kort.\nstarted: {year}\n", encoding="utf-8")
    result = validate_file(path)
    assert result.ok == valid
    if not valid:
        assert f"{year} is after next year ({latest_plausible_start()})" in result.findings[0].message


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real 18 cases and every refused numbers file beside them."""
    folder = tmp_path_factory.mktemp("mixed") / "cases"
    shutil.copytree(CORPUS, folder)
    for path in NUMBER_FILES:
        shutil.copy(path, folder / path.name)
    return folder


def test_refused_numbers_never_reach_the_index(mixed: Path) -> None:
    index = CorpusIndex.open(mixed, use_cache=False)
    try:
        assert index.count() == 18
        assert sorted(Path(s.path).name for s in index.skipped()) == sorted(p.name for p in NUMBER_FILES)
        assert index.connection.execute("SELECT MAX(number), MAX(started) FROM docs").fetchone() == (18, 2013)
    finally:
        index.close()


COMMANDS = {
    "list": (["list", "--format", "json"], 18),
    "find": (["find", "klynge", "--format", "json"], None),
    "show": (["show", "5", "--format", "json"], None),
    "compare": (["compare", "5", "13", "--format", "json"], None),
    "stats": (["stats", "--by", "sector", "--format", "json"], None),
    "similar": (["similar", "13", "--format", "json"], None),
    "vocab": (["vocab", "sector", "--format", "json"], None),
    "export": (["export", "--format", "json"], 18),
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_works_for_the_others(
    name: str, mixed: Path, runner: CliRunner, tmp_path: Path
) -> None:
    arguments, count = COMMANDS[name]
    result = runner.invoke(app, [*arguments, "--data-dir", str(mixed)])
    check_clean(result.stdout, result.stderr)
    assert result.exit_code == 0, result.stderr
    data = strict_json(result.stdout)
    if count is not None:
        assert len(data) == count
    warnings = result.stderr.splitlines()
    assert len(warnings) == len(NUMBER_FILES)
    assert all(re.match(r"erhverv: warning: skipped .+\.yaml:\d+:\d+: ", line) for line in warnings)
    assert "Input should be" not in result.stderr
    assert json.dumps(data)  # plain data all through
