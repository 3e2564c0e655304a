"""The CLI with a cache it cannot write: an answer, equal to one without a cache, and one warning."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import CORPUS
from typer.testing import CliRunner

from erhverv_cli.cli import app
from erhverv_cli.search.engine import list_cases
from erhverv_cli.search.facets import Filters
from erhverv_cli.search.index import CorpusIndex


def _under_a_file(tmp_path: Path) -> Path:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be\n", encoding="utf-8")
    return blocker / "cache"


def test_cli_find_without_a_writable_cache_answers_with_one_warning(
    runner: CliRunner, tmp_path: Path
) -> None:
    env = {"ERHVERV_CACHE_DIR": str(_under_a_file(tmp_path))}
    result = runner.invoke(app, ["find", "--type", "fokuseret", "--format", "json"], env=env)
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1
    assert "working without a cache" in warnings[0]
    expected = CorpusIndex.open(CORPUS, use_cache=False)
    assert [hit["id"] for hit in json.loads(result.stdout)] == [
        r["id"] for r in list_cases(expected, Filters(type=("fokuseret",)))
    ]
    expected.close()
