"""`erhverv new`: scaffolded files validate, are found, and are never overwritten."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import NEW_CASE
from typer.testing import CliRunner

from erhverv_cli.authoring import OPTIONAL_TEMPLATE, NewCase, derive_id, render_case
from erhverv_cli.cli import app
from erhverv_cli.models import CASE_FIELDS
from erhverv_cli.validation import validate_file


def _new(runner: CliRunner, folder: Path, *extra: str, input: str | None = None) -> object:
    args = ["new", "--data-dir", str(folder), *extra]
    return runner.invoke(app, args, input=input)


def test_new_with_flags_writes_a_valid_case_that_find_finds(runner: CliRunner, tmp_path: Path) -> None:
    result = _new(
        runner,
        tmp_path,
        "--title", "Iværksætterhus i Køge",
        "--type", "fokuseret",
        "--kommune", "Koge",
        "--summary", "Et hus, hvor nye virksomheder deler kontor og får sparring.",
        "--target", "ivaerksaettere",
        "--started", "2020",
        "--no-interactive",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    written = tmp_path / "ivaerksaetterhus-i-koege.yaml"
    assert f"wrote {written}" in result.output
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert validate_file(written).ok
    found = runner.invoke(app, ["find", "sparring kontor", "--data-dir", str(tmp_path), "--format", "json"])
    assert found.exit_code == 0, found.output
    assert [hit["id"] for hit in json.loads(found.stdout)] == ["ivaerksaetterhus-i-koege"]
    validated = runner.invoke(app, ["validate", str(tmp_path)])
    assert validated.exit_code == 0
    assert "1 file checked: all valid" in validated.output


def test_new_refuses_to_overwrite(runner: CliRunner, tmp_path: Path) -> None:
    assert _new(runner, tmp_path, *NEW_CASE).exit_code == 0
    before = (tmp_path / "ivaerksaetterhus.yaml").read_text(encoding="utf-8")
    again = _new(runner, tmp_path, *NEW_CASE)
    assert again.exit_code == 1
    assert "already exists" in again.output
    assert (tmp_path / "ivaerksaetterhus.yaml").read_text(encoding="utf-8") == before


def test_new_without_prompts_names_what_is_missing(runner: CliRunner, tmp_path: Path) -> None:
    result = _new(runner, tmp_path, "--title", "X", "--no-interactive")
    assert result.exit_code == 2
    assert "missing --type, --kommune, --summary" in result.output
    assert not list(tmp_path.iterdir())


def test_new_rejects_unknown_values_with_suggestions(runner: CliRunner, tmp_path: Path) -> None:
    result = _new(runner, tmp_path, "--title", "X", "--type", "fokus", "--kommune", "Aarhus",
                  "--summary", "Kort.", "--no-interactive")  # fmt: skip
    assert result.exit_code == 2
    assert "did you mean 'fokuseret'" in result.output
    result = _new(runner, tmp_path, "--title", "X", "--type", "basal", "--kommune", "Aarhuus",
                  "--summary", "Kort.", "--no-interactive")  # fmt: skip
    assert result.exit_code == 2
    assert "'Aarhuus' is not one of the 98 kommuner (did you mean 'Aarhus'" in result.output


def test_new_asks_on_a_terminal_and_repeats_bad_answers(runner: CliRunner, tmp_path: Path) -> None:
    answers = "\n".join(
        [
            "Vækst i Vesthimmerland",  # title
            "fokus",  # wrong type: asked again
            "fokuseret",
            "Vesthimmerlands, Koebenhavn",  # municipalities in other spellings
            "Et forløb for vækstvirksomheder.",
            "y",  # optional fields
            "Erhvervshuset",
            "20l9",  # not a year: asked again, with what is allowed
            "2019",
            "etablerede virksomheder",
            "netvaerk, kurser",
            "virksomhedsnetvaerk",  # an approach typed without æ, ø, å
        ]
    )
    result = _new(runner, tmp_path, "--interactive", input=answers + "\n")
    assert result.exit_code == 0, result.output
    assert "did you mean 'fokuseret'" in result.output
    assert "--started: '20l9' is not a year; give a year from 1900 to" in result.output
    assert "Error:" not in result.output  # no parser's wording
    written = tmp_path / "vaekst-i-vesthimmerland.yaml"
    assert validate_file(written).ok
    case = validate_file(written).case
    assert case is not None
    assert case.municipalities == ["Vesthimmerland", "København"]
    assert case.operator == "Erhvervshuset"
    assert case.started == 2019
    assert [i.value for i in case.instruments] == ["netværk", "kurser"]
    assert [a.value for a in case.approaches] == ["virksomhedsnetværk"]


def test_new_on_a_terminal_skips_an_optional_field_on_enter(runner: CliRunner, tmp_path: Path) -> None:
    """Saying yes to the optional fields does not oblige an answer to each: Enter leaves one out,
    and the file keeps it as a comment to fill in later."""
    answers = ["Kort forløb", "basal", "Aarhus", "Et kort forløb.", "y", "", "", "iværksættere", "", ""]
    result = _new(runner, tmp_path, "--interactive", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "Start year (Enter to skip)" in result.output
    written = tmp_path / "kort-forloeb.yaml"
    case = validate_file(written).case
    assert case is not None
    assert [group.value for group in case.target_groups] == ["iværksættere"]
    assert case.operator is None and case.started is None and case.instruments == []
    assert "# started: " in written.read_text(encoding="utf-8")


def test_new_checks_the_options_before_asking(runner: CliRunner, tmp_path: Path) -> None:
    """A wrong option value is refused at once, not after the questions."""
    result = _new(runner, tmp_path, "--started", "3000", "--interactive", input="")
    assert result.exit_code == 2
    assert "--started: 3000 is out of range" in result.output
    assert "Title" not in result.output
    assert not list(tmp_path.iterdir())


def test_derived_ids_are_kebab_case_ascii() -> None:
    assert derive_id("Fødevaresatsning i Vejen Kommune") == "foedevaresatsning-i-vejen-kommune"
    assert derive_id("Århus & Aabenraa: Vækst!") == "aarhus-aabenraa-vaekst"
    assert len(derive_id("ord " * 40)) <= 60


def test_template_names_only_real_fields() -> None:
    commented = {line[2:].split(":")[0] for line in OPTIONAL_TEMPLATE.splitlines() if line.startswith("# ")}
    named = {name for name in commented if name.isidentifier()}
    assert named <= set(CASE_FIELDS)
    assert set(CASE_FIELDS) - {"id", "title", "type", "municipalities", "summary"} <= named


def test_rendered_scaffold_round_trips_through_validation(tmp_path: Path) -> None:
    identifier, text = render_case(NewCase("Grøn omstilling", "erhvervsudvikling", ["Kalundborg"], "Kort."))
    path = tmp_path / f"{identifier}.yaml"
    path.write_text(text, encoding="utf-8")
    assert validate_file(path).ok


def test_a_wrong_answer_is_echoed_escaped(runner: CliRunner, tmp_path: Path) -> None:
    answers = ["T", "bas\u202eic\x1b[31m", "basal", "Aarhus", "K.", "n"]
    result = _new(runner, tmp_path, "--interactive", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    said = next(line for line in result.output.splitlines() if "unknown type" in line)
    # (CliRunner echoes what was typed, as a terminal does; the message itself is escaped)
    assert said.startswith("  unknown type 'bas<U+202E>ic\\x1b[31m'")


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--type", "fokus", "--type: unknown type 'fokus' (did you mean 'fokuseret'?)"),
        ("--kommune", "Koeg", "--kommune: 'Koeg' is not one of the 98 kommuner"),
        ("--target", "ivaerksaetter", "--target: unknown value 'ivaerksaetter' (did you mean 'iværksættere'"),
        ("--approach", "netvaerk", "--approach: unknown value 'netvaerk' (did you mean 'virksomhedsnetværk'"),
    ],
)
def test_a_wrong_option_value_is_said_with_the_option(
    runner: CliRunner, tmp_path: Path, option: str, value: str, said: str
) -> None:
    """As every other command says it: which option, what was wrong, what was meant."""
    args = {"--title": "Vækst", "--type": "basal", "--kommune": "Aarhus", "--summary": "Kort.", option: value}
    flat = [part for pair in args.items() for part in pair]
    result = runner.invoke(app, ["new", "--data-dir", str(tmp_path), *flat, "--no-interactive"])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"erhverv: error: {said}")
    assert list(tmp_path.iterdir()) == []
