"""The published pre-commit hook blocks a broken case in another repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=False)


def test_hook_blocks_a_broken_case_and_lets_a_fixed_one_through(tmp_path: Path) -> None:
    pre_commit = Path(sys.executable).with_name("pre-commit")
    if not pre_commit.exists():
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False)
    if head.returncode != 0:
        pytest.skip("the checkout has no commit to point the hook at")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }  # fmt: skip
    repo = tmp_path / "their-cases"
    (repo / "cases").mkdir(parents=True)
    assert _git(repo, "init", "-q", env=env).returncode == 0
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head.stdout.strip()}\n"
        "    hooks:\n      - id: erhverv-validate\n",
        encoding="utf-8",
    )
    installed = subprocess.run(
        [str(pre_commit), "install"], cwd=repo, env=env, capture_output=True, text=True
    )
    assert installed.returncode == 0, installed.stderr
    broken = repo / "cases" / "concept-mariagerfjord.yaml"
    text = (CORPUS / "concept-mariagerfjord.yaml").read_text(encoding="utf-8")
    broken.write_text(text.replace("type: fokuseret", "type: fokus"), encoding="utf-8")
    _git(repo, "add", ".", env=env)
    blocked = _git(repo, "commit", "-qm", "add case", env=env)
    assert blocked.returncode != 0, blocked.stdout + blocked.stderr
    output = blocked.stdout + blocked.stderr
    assert "cases/concept-mariagerfjord.yaml:" in output
    assert "did you mean 'fokuseret'" in output
    assert _git(repo, "log", "--oneline", env=env).stdout == ""
    broken.write_text(text, encoding="utf-8")
    _git(repo, "add", ".", env=env)
    passed = _git(repo, "commit", "-qm", "add case", env=env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
