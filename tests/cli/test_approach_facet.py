"""The kind of effort (`approaches`, indsatsform): a facet like the others, from the file to every view."""

from __future__ import annotations

import json
from collections import Counter

import yaml
from conftest import CORPUS, ROOT
from typer.testing import CliRunner

from erhverv_cli.cli import app
from erhverv_cli.vocab import Approach


def _ids(runner: CliRunner, *args: str) -> list[str]:
    result = runner.invoke(app, ["find", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return [hit["id"] for hit in json.loads(result.stdout)]


def test_every_case_has_one_to_three_approaches_and_every_value_is_shared() -> None:
    """The bundled corpus keeps to the authoring rule (one to three for a case's core), and each
    value groups at least two cases, else it could say nothing about what is alike."""
    used: Counter[str] = Counter()
    for path in sorted(CORPUS.glob("*.yaml")):
        approaches = yaml.safe_load(path.read_text(encoding="utf-8")).get("approaches", [])
        assert 1 <= len(approaches) <= 3, path.name
        used.update(approaches)
    assert set(used) == {member.value for member in Approach}
    assert min(used.values()) >= 2, used


def test_find_filters_on_an_approach_typed_without_danish_letters(runner: CliRunner) -> None:
    assert sorted(_ids(runner, "--approach", "virksomhedsnetvaerk")) == [
        "industry-smart-center-randers",
        "ledernetvaerk-middelfart",
        "silkeborg-valley",
    ]


def test_an_unknown_approach_is_a_usage_error_with_a_suggestion(runner: CliRunner) -> None:
    result = runner.invoke(app, ["find", "--approach", "vaerdikaedeudviklin"])
    assert result.exit_code == 2
    assert "did you mean 'værdikædeudvikling'" in result.stderr


def test_vocab_lists_the_approaches_with_their_counts(runner: CliRunner) -> None:
    result = runner.invoke(app, ["vocab", "approach", "--format", "json"])
    assert result.exit_code == 0, result.output
    counts = {row["value"]: row["cases"] for row in json.loads(result.stdout)["values"]}
    assert counts["kollektive forløb"] == 5
    assert set(counts) == {member.value for member in Approach}


def test_show_and_similar_name_the_approach(runner: CliRunner) -> None:
    shown = runner.invoke(app, ["show", "6", "--format", "json"])
    assert json.loads(shown.stdout)["approaches"] == ["virksomhedsnetværk"]
    related = runner.invoke(app, ["similar", "6", "--format", "json"])
    assert related.exit_code == 0, related.output
    reasons = [hit["why"].get("approach", []) for hit in json.loads(related.stdout)["similar"]]
    assert ["virksomhedsnetværk"] in reasons


def test_the_case_files_carry_the_blind_tagging_unchanged() -> None:
    """tests/relevance/approaches.yaml records how the values were chosen; the files hold exactly them."""
    record = yaml.safe_load((ROOT / "tests" / "relevance" / "approaches.yaml").read_text("utf-8"))
    tagged = {entry["case"]: [item["value"] for item in entry["approaches"]] for entry in record["cases"]}
    in_files = {
        path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))["approaches"]
        for path in sorted(CORPUS.glob("*.yaml"))
    }
    assert tagged == in_files
    assert all(item["why"] and item["page"] for entry in record["cases"] for item in entry["approaches"])
