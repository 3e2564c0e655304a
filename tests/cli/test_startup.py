"""Lazy start-up: commands import only what they need (measured by modules loaded, not time)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import CORPUS

PROBE = """
import json, sys
from erhverv_cli.cli import app
try:
    app(sys.argv[1:], prog_name="erhverv")
except SystemExit:
    pass
watched = {"pydantic", "yaml", "rich", "Stemmer", "rapidfuzz",
           "erhverv_cli.models", "erhverv_cli.validation"}
heavy = sorted(({m.split(".")[0] for m in sys.modules} | set(sys.modules)) & watched)
sys.stderr.write("MODULES=" + json.dumps(heavy) + "\\n")
"""


def _modules(args: list[str], cache: Path) -> list[str]:
    env = {**os.environ, "ERHVERV_CACHE_DIR": str(cache), "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env, check=False
    )
    line = next(line for line in done.stderr.splitlines() if line.startswith("MODULES="))
    return list(json.loads(line.removeprefix("MODULES=")))


def test_version_and_help_need_no_pydantic_or_yaml(tmp_path: Path) -> None:
    for args in (["--version"], ["--help"]):
        loaded = _modules(args, tmp_path)
        assert "pydantic" not in loaded
        assert "yaml" not in loaded


def test_find_on_a_fresh_index_needs_no_yaml_parser_or_case_models(tmp_path: Path) -> None:
    args = ["find", "--type", "fokuseret", "--data-dir", str(CORPUS), "--format", "json"]
    first = _modules(args, tmp_path)  # builds the index: parses YAML
    assert "yaml" in first
    warm = _modules(args, tmp_path)
    assert "yaml" not in warm
    # Typer itself may import pydantic to coerce arguments; our models must stay unloaded.
    assert "erhverv_cli.models" not in warm
    assert "erhverv_cli.validation" not in warm
    assert "rich" not in warm  # JSON output needs no table renderer


ENTRY_PROBE = """
import json, sys
from erhverv_cli.entry import main
sys.argv = ["erhverv", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
watched = {"pydantic", "yaml", "rich", "typer", "click"}
heavy = sorted({m.split(".")[0] for m in sys.modules} & watched)
sys.stderr.write("MODULES=" + json.dumps(heavy) + "\\n")
"""


def test_the_warm_json_path_imports_no_pydantic_yaml_rich_or_typer(tmp_path: Path) -> None:
    """The console script answers `find … --format json` on a warm index with the core alone."""
    env = {**os.environ, "ERHVERV_CACHE_DIR": str(tmp_path), "NO_COLOR": "1"}
    args = ["find", "--type", "fokuseret", "--data-dir", str(CORPUS), "--format", "json"]
    for expected in (None, []):  # the first run builds the index; the second is warm
        done = subprocess.run([sys.executable, "-c", ENTRY_PROBE, *args], capture_output=True, text=True,
                              env=env, check=False)  # fmt: skip
        line = next(line for line in done.stderr.splitlines() if line.startswith("MODULES="))
        loaded = json.loads(line.removeprefix("MODULES="))
        assert json.loads(done.stdout)[0]["number"] == 5
        if expected is not None:
            assert loaded == expected
