"""Arguments typed in decomposed form (NFD, as macOS and some keyboards give them) find what the
composed form (NFC) finds: queries, filter values and a case named by its title."""

from __future__ import annotations

import json
import unicodedata

import pytest
from typer.testing import CliRunner

from erhverv_cli.cli import app


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def _ids(runner: CliRunner, *arguments: str) -> list[str]:
    result = runner.invoke(app, [*arguments, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return [row["id"] for row in json.loads(result.stdout)]


def test_cli_query_in_nfd(runner: CliRunner) -> None:
    assert _ids(runner, "find", nfd("rådgivning")) == _ids(runner, "find", "rådgivning")


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--instrument", "private rådgivere"),
        ("--target", "vækstiværksættere"),
        ("--kommune", "Køge"),
        ("--sector", "fødevarer"),
        ("--region", "Sjælland"),
    ],
)
def test_cli_filter_values_in_nfd(runner: CliRunner, option: str, value: str) -> None:
    expected = _ids(runner, "find", option, value)
    assert expected
    assert _ids(runner, "find", option, nfd(value)) == expected


def test_show_by_title_in_nfd(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", nfd("Fødevaresatsning i Vejen Kommune"), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["id"] == "foedevaresatsning-vejen"
