"""Help reads like a person wrote it, for every command the app has, and every example in it works.

The commands are taken from the app, so a new command is covered without editing this file. Each
help exits 0, has an Examples section, shows no Python or pydantic type, and names option values
with words (TEXT, TYPE, KOMMUNE, YEAR, N, PATH, FORMAT …). `erhverv --help` groups the commands
under Query, Curate and Export. Every `erhverv …` line of every Examples section is run through
CliRunner in a scratch project (`erhverv init`, the bundled cases copied in) and must exit 0.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
import typer
from conftest import CORPUS
from typer.testing import CliRunner

from erhverv_cli.cli import app
from erhverv_cli.cli.app import PANELS

GROUP = typer.main.get_command(app)
COMMANDS: dict[str, typer.core.TyperCommand] = dict(GROUP.commands)  # type: ignore[attr-defined]
PYTHON_TYPES = ("<list[str]>", "<int range>", "[x>=1]", "<list[Path]>", "Input should be", "<class", "None")
# An option's value is named by a word: FORMAT, KOMMUNE, N; or by its few values (da|en), or A,B,… .
OPTION_METAVAR = re.compile(r"[A-Z][A-Z_]*|[a-z]+(\|[a-z]+)+|A,B,…")
ARGUMENT_METAVAR = re.compile(r"\[?[A-Z][A-Z_]*\]?(\.\.\.)?")


def _help(name: str | None = None) -> str:
    result = CliRunner().invoke(app, [*([name] if name else []), "--help"], prog_name="erhverv")
    assert result.exit_code == 0, result.output
    return result.output


HELP = {name: _help(name) for name in COMMANDS}


def _examples(text: str) -> list[str]:
    """The `erhverv …` lines of a help's Examples section, `\\` continuations joined."""
    block = text.split("Examples:", 1)[1]
    block = re.split(r"\n(?=\S)", block, maxsplit=1)[0]  # up to the next section (Arguments:, Options:)
    lines: list[str] = []
    for line in block.strip().splitlines():
        line = line.strip()
        if lines and lines[-1].endswith("\\"):
            lines[-1] = lines[-1][:-1].rstrip() + " " + line
        elif line.startswith("erhverv "):
            lines.append(line)
    return lines


def _arguments(example: str) -> list[str]:
    """An example line as argv: `&& …` tails and shell redirections (`> file`) dropped."""
    words = shlex.split(example.split(" && ")[0])
    out: list[str] = []
    skip = False
    for word in words[1:]:
        if skip:
            skip = False
        elif word in (">", ">>", "2>", "<"):
            skip = True
        elif not word.startswith((">", "2>")):
            out.append(word)
    return out


EXAMPLES = [(name, example) for name in COMMANDS for example in _examples(HELP[name])]


# -- the help texts -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_has_examples_and_no_python_types(name: str) -> None:
    text = HELP[name]
    assert text.startswith(f"Usage: erhverv {name} ")
    assert "\nExamples:" in text or "\n  Examples:" in text
    assert _examples(text), f"{name}: the Examples section holds no `erhverv …` line"
    for leak in PYTHON_TYPES:
        assert leak not in text, f"{name} --help shows {leak!r}"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_option_values_are_named_by_words(name: str) -> None:
    command = COMMANDS[name]
    text = " ".join(HELP[name].split())
    for param in command.params:
        if getattr(param, "hidden", False) or getattr(param, "is_flag", False):
            continue
        kind = type(param).__name__
        pattern = ARGUMENT_METAVAR if "Argument" in kind else OPTION_METAVAR
        assert param.metavar and pattern.fullmatch(param.metavar), f"{name} {param.name}: {param.metavar!r}"
        if "Argument" not in kind:  # the help line reads `--format FORMAT`, `-k, --kommune, … KOMMUNE`
            assert any(f"{opt} {param.metavar}" in text for opt in param.opts), f"{name} {param.opts}"


def test_top_level_help_groups_the_commands_in_three_panels() -> None:
    text = _help()
    sections = re.split(r"\n(?=\S)", text)
    headings = {section.split(":", 1)[0]: section for section in sections}
    for panel in PANELS.values():
        assert f"{panel} commands" in headings, text
    listed = {
        name: heading
        for heading, section in headings.items()
        for name in re.findall(r"(?m)^  (\w+)  ", section)
        if heading.endswith(" commands")
    }
    assert set(listed) == {name for name, command in COMMANDS.items() if not command.hidden}
    assert listed["find"] == "Query commands"
    assert listed["validate"] == "Curate commands"
    assert listed["export"] == "Export commands"
    assert "--color WHEN" in text
    for leak in PYTHON_TYPES:
        assert leak not in text


def test_no_arguments_shows_the_help() -> None:
    result = CliRunner().invoke(app, [], prog_name="erhverv")
    assert result.exit_code == 0
    assert "Query commands" in result.stdout


# -- every example works -----------------------------------------------------------------------------

# `erhverv new` without flags is meant for a terminal: it asks for what is missing. Here it runs
# with --interactive and the answers on standard input (title, type, municipality, summary, and
# "no" to the optional fields), the way a person answers the prompts.
NEW_ANSWERS = "Iværksætterhus i Solrød\nfokuseret\nSolrød\nEt hus for nye virksomheder.\nn\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A scratch curator project: `erhverv init` in it, the bundled cases copied into its corpus, and
    the case file the validate example names (made with `erhverv new`). The examples share it and
    its index cache (building the index is most of an example's time); none needs another's files
    absent, and each runs once."""
    folder = tmp_path_factory.mktemp("project")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        runner = CliRunner()
        assert runner.invoke(app, ["init"]).exit_code == 0
        for path in CORPUS.glob("*.yaml"):
            shutil.copy(path, folder / "data" / "cases" / path.name)
        made = runner.invoke(
            app,
            ["new", "--id", "my-new-case", "--title", "Mit nye case", "--type", "basal", "--kommune",
             "Aarhus", "--summary", "Et kort resumé."],
        )  # fmt: skip
        assert made.exit_code == 0, made.output
    return folder


@pytest.fixture(scope="module")
def examples_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("examples-cache")


@pytest.fixture
def in_project(project: Path, examples_cache: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(project)
    monkeypatch.setenv("ERHVERV_CACHE_DIR", str(examples_cache))
    return project


@pytest.mark.parametrize(("name", "example"), EXAMPLES, ids=[example for _, example in EXAMPLES])
def test_every_example_in_the_help_works(name: str, example: str, in_project: Path) -> None:
    arguments = _arguments(example)
    assert arguments[0] == name or name in arguments, f"an example of {name} runs another command"
    stdin = None
    if arguments == ["new"]:
        arguments, stdin = ["new", "--interactive"], NEW_ANSWERS
    result = CliRunner().invoke(app, arguments, input=stdin, prog_name="erhverv")
    assert result.exit_code == 0, f"{example}\n→ exit {result.exit_code}\n{result.output}"
    assert "Traceback" not in result.output


def test_the_examples_are_found() -> None:
    """The parser above sees every Examples section, continuations and redirections included."""
    assert {name for name, _ in EXAMPLES} == set(COMMANDS)
    new = [example for name, example in EXAMPLES if name == "new"]
    assert any("--summary" in example and "\\" not in example for example in new)
    assert _arguments("erhverv schema > schemas/case.schema.json") == ["schema"]
    chained = "erhverv export --output x.sqlite && datasette x.sqlite"
    assert _arguments(chained) == ["export", "--output", "x.sqlite"]
