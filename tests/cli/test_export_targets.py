"""Every export format refuses a target that is not a regular file, before any work is done:
the SQLite and xlsx writers as much as the text formats (they write their files their own way)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from erhverv_cli.cli import app

FORMATS = ["json", "csv", "sqlite", "xlsx", "html"]


@pytest.mark.parametrize("output_format", FORMATS)
def test_export_refuses_a_fifo(output_format: str, runner: CliRunner, tmp_path: Path) -> None:
    fifo = tmp_path / f"out.{output_format}"
    os.mkfifo(fifo)
    result = runner.invoke(app, ["export", "--format", output_format, "--output", str(fifo)])
    assert result.exit_code == 2, result.output
    assert "named pipe" in result.stderr
    assert fifo.is_fifo()  # still the pipe: never renamed over


@pytest.mark.parametrize("output_format", FORMATS)
def test_export_refuses_a_loop_of_links(output_format: str, runner: CliRunner, tmp_path: Path) -> None:
    loop = tmp_path / f"loop.{output_format}"
    loop.symlink_to(loop.name)
    result = runner.invoke(app, ["export", "--format", output_format, "--output", str(loop)])
    assert result.exit_code == 2, result.output
    assert "loop of symbolic links" in result.stderr
    assert "unexpected" not in result.stderr
    assert loop.is_symlink()


@pytest.mark.parametrize("output_format", ["sqlite", "xlsx"])
def test_a_binary_export_is_written_through_a_link(
    output_format: str, runner: CliRunner, tmp_path: Path
) -> None:
    real = tmp_path / f"real.{output_format}"
    real.write_bytes(b"old")
    link = tmp_path / f"link.{output_format}"
    link.symlink_to(real.name)
    result = runner.invoke(app, ["export", "--format", output_format, "--output", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert real.read_bytes().startswith(b"SQLite format 3\x00" if output_format == "sqlite" else b"PK")
