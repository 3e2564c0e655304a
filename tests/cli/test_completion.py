"""Shell completion of case ids, numbers, municipality names and vocabulary values."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from erhverv_cli.cli import app


def _complete(runner: CliRunner, words: str) -> list[str]:
    """Ask the CLI for bash completions of the last word in ``words``."""
    parts = words.split(" ")
    env = {"_ERHVERV_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(parts) - 1)}
    result = runner.invoke(app, [], env=env, prog_name="erhverv")
    assert result.exit_code == 0, result.output
    return [line for line in result.stdout.splitlines() if line]


def test_case_ids_complete_from_the_corpus(runner: CliRunner) -> None:
    assert _complete(runner, "erhverv show silk") == ["silkeborg-valley"]
    assert "symbiosecenter-kalundborg" in _complete(runner, "erhverv compare 1 s")


def test_case_numbers_complete(runner: CliRunner) -> None:
    assert set(_complete(runner, "erhverv similar 1")) >= {"1", "10", "18"}


def test_case_completion_follows_data_dir(runner: CliRunner, tmp_path, corpus_dir) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "concept-mariagerfjord.yaml").write_bytes(
        (corpus_dir / "concept-mariagerfjord.yaml").read_bytes()
    )
    assert _complete(runner, f"erhverv show --data-dir {tmp_path} ") == ["concept-mariagerfjord"]
    assert _complete(runner, f"erhverv show --data-dir {tmp_path} 1") == []


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("ko", {"Kolding", "København", "Køge"}),
        ("Koeb", {"København"}),
        ("Kog", {"Køge"}),
        ("lyngby", {"Lyngby-Taarbæk"}),
        ("aarh", {"Aarhus"}),
        ("arh", {"Aarhus"}),
    ],
)
def test_municipality_names_complete_with_danish_spelling(
    runner: CliRunner, typed: str, expected: set[str]
) -> None:
    assert set(_complete(runner, f"erhverv find --kommune {typed}")) == expected


def test_vocabulary_values_complete(runner: CliRunner) -> None:
    assert _complete(runner, "erhverv find --type fo") == ["fokuseret"]
    # bash takes the value with its space escaped: one word (tests/cli/test_completion_bash.py)
    assert "kritisk\\ masse" in _complete(runner, "erhverv find --practice kri")
    assert _complete(runner, "erhverv stats --region nord") == ["Nordjylland"]


@pytest.mark.parametrize(
    ("words", "expected"),
    [("erhverv find --approach ", 12), ("erhverv find --instrument ", 22), ("erhverv show ", 18)],
)
@pytest.mark.parametrize("shell", ["fish", "zsh"])
def test_each_completion_is_one_line_in_fish_and_zsh(
    runner: CliRunner, words: str, expected: int, shell: str
) -> None:
    """A long description (an approach's meaning, case 11's title) was wrapped at 80 columns, and the
    shell offered its second half as a value of its own: each description is one short line now."""
    from erhverv_cli.cli.complete import HELP_WIDTH

    env = {"_ERHVERV_COMPLETE": f"complete_{shell}", "_TYPER_COMPLETE_ARGS": words, "COLUMNS": "80"}
    if shell == "fish":
        env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    result = runner.invoke(app, [], env=env, prog_name="erhverv")
    assert result.exit_code == 0, result.output
    if shell == "fish":
        lines = result.stdout.splitlines()
        assert len(lines) == expected, lines
        assert all(len(line.split("\t", 1)[1]) <= HELP_WIDTH for line in lines if "\t" in line)
    else:  # zsh: "value":"description" pairs, one per line
        assert result.stdout.count("\n") in (expected, expected + 1), result.stdout
