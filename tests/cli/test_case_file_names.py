"""A file that looks like a case file but is not read as one (x.YAML) is named in a warning, by
validate and by the query commands alike, instead of being left out without a word."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import CORPUS
from typer.testing import CliRunner

from erhverv_cli.cli import app
from erhverv_cli.paths import case_files, misnamed_case_file


@pytest.mark.parametrize(
    ("name", "renamed"), [("x.YAML", "x.yaml"), ("x.Yml", "x.yml"), ("Case.yAmL", "Case.yaml")]
)
def test_an_upper_case_suffix_is_named_with_the_name_to_give(name: str, renamed: str) -> None:
    assert misnamed_case_file(name) == (
        f"is not read: case files end in .yaml or .yml, in lower case; rename it to {renamed}"
    )


@pytest.mark.parametrize("name", ["x.yaml", "x.yml", "notes.txt", "x.yaml.bak", "YAML"])
def test_other_names_say_nothing(name: str) -> None:
    assert misnamed_case_file(name) is None


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "cases"
    shutil.copytree(CORPUS, folder)
    (folder / "sub").mkdir()
    shutil.copy(folder / "animation-viborg.yaml", folder / "sub" / "ekstra.YAML")
    return folder


def test_validate_warns_and_checks_the_rest(corpus: Path) -> None:
    warnings: list[str] = []
    assert len(case_files(corpus, warnings)) == 18
    assert warnings == [f"{corpus / 'sub' / 'ekstra.YAML'} " + misnamed_case_file("ekstra.YAML")]  # type: ignore[operator]


@pytest.mark.parametrize(
    "command", [["validate"], ["list"], ["list", "--format", "csv"], ["find", "animation"]]
)
def test_every_command_names_the_file_it_leaves_out(
    runner: CliRunner, corpus: Path, command: list[str]
) -> None:
    args = [*command, str(corpus)] if command == ["validate"] else [*command, "--data-dir", str(corpus)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert f"erhverv: warning: {corpus / 'sub' / 'ekstra.YAML'} is not read" in result.stderr
