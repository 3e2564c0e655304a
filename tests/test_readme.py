"""The README tells the truth: real example output, current vocabularies, the CI test line."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT


def test_readme_examples_and_tables_are_current() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "update_readme.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr + "\n(run: python scripts/update_readme.py)"


def _quick_start() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Quick start.*?```bash\n(.*?)```", readme, re.DOTALL)
    assert block is not None, "the README has a Quick start with a bash block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_is_two_lines_and_ci_runs_the_second_verbatim() -> None:
    lines = _quick_start()
    assert len(lines) == 2
    assert "erhverv find --type fokuseret" in lines[0]
    assert "pytest" in lines[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert lines[1] in ci


def test_readme_has_no_placeholders() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for marker in ("TODO", "TBD", "PERFORMANCE_SECTION", "XXX"):
        assert marker not in readme
