"""--version, --help, --debug and the single place where errors become exit codes."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from erhverv_cli import __version__
from erhverv_cli.cli import app


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"erhverv {__version__}\n"


@pytest.mark.parametrize(
    "command", ["validate", "schema", "list", "find", "show", "compare", "stats", "similar", "new"]
)
def test_every_command_has_help_with_examples_or_description(runner: CliRunner, command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage: erhverv" in result.output or f"Usage: root {command}" in result.output
    assert len(result.output.splitlines()) > 5


def _break_listing(monkeypatch: pytest.MonkeyPatch) -> None:
    import erhverv_cli.search.engine as engine

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(engine, "find", broken)


def test_internal_error_is_one_clear_line_and_exit_2(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    _break_listing(monkeypatch)
    result = runner.invoke(app, ["list"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.output == (
        "erhverv: error: unexpected RuntimeError: simulated bug\n"
        "  hint: run with --debug for the traceback, and please report it\n"
    )


def test_debug_shows_the_traceback(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    _break_listing(monkeypatch)
    result = runner.invoke(app, ["--debug", "list"])
    assert isinstance(result.exception, RuntimeError)
    assert result.exit_code != 0


def test_not_found_is_exit_1_without_traceback(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", "no-such-case-at-all"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.output.startswith("erhverv: error: no case 'no-such-case-at-all'")


def test_usage_error_is_exit_2(runner: CliRunner) -> None:
    result = runner.invoke(app, ["find", "--since", "2015", "--until", "2010"])
    assert result.exit_code == 2
    assert "--since 2015 is after --until 2010" in result.output


def test_missing_data_dir_is_reported(runner: CliRunner, tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["list", "--data-dir", str(tmp_path / "nowhere")])
    assert result.exit_code == 2  # a wrong setting, as for validate's own paths: not "invalid data"
    assert f"--data-dir points to {tmp_path / 'nowhere'}, which does not exist" in result.output
