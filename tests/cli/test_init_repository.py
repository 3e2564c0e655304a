"""End to end: a scaffolded curator repository, with real git and pre-commit, blocks a broken case.

The hook's package is installed by pre-commit from this checkout at its HEAD, through pip, so the
tests need git, pre-commit and a package index pip can reach (here: the local one). Without them
they skip and say why; an install that fails for another reason fails the test.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from erhverv_cli.scaffold import EXAMPLE_ID, installed_source, plan_repository, write_repository

PRE_COMMIT = Path(sys.executable).with_name("pre-commit")
OFFLINE_SIGNS = (
    "No matching distribution found",
    "Could not find a version that satisfies",
    "Failed to establish a new connection",
    "Network is unreachable",
    "Temporary failure in name resolution",
)
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _head() -> str:
    done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip("the checkout has no commit to point the hook at")
    return done.stdout.strip()


@pytest.fixture(scope="module")
def curated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A scaffolded repository pinned to this checkout's HEAD, with a broken copy of the example."""
    if not PRE_COMMIT.exists():
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    base = tmp_path_factory.mktemp("init")
    repo = base / "katalog"
    write_repository(plan_repository(repo, repo_url=str(ROOT), rev=_head()))
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(base / "pre-commit-home"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    env.pop("ERHVERV_DATA_DIR", None)
    example = (repo / "data" / "cases" / f"{EXAMPLE_ID}.yaml").read_text(encoding="utf-8")
    broken = example.replace(f"id: {EXAMPLE_ID}", "id: eksempel-brudt").replace(
        "type: fokuseret", "type: fokus"
    )
    assert broken != example
    (repo / "data" / "cases" / "eksempel-brudt.yaml").write_text(broken, encoding="utf-8")
    assert _run(["git", "init", "-q"], repo, env).returncode == 0
    assert _run(["git", "add", "."], repo, env).returncode == 0
    return repo, env


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=900)


def _output(done: subprocess.CompletedProcess[str], home: Path) -> str:
    """Everything pre-commit said, with its log when the hook's installation failed."""
    text = done.stdout + done.stderr
    log = home / "pre-commit.log"
    if "An unexpected error has occurred" in text and log.exists():
        text += log.read_text(encoding="utf-8", errors="replace")
        if any(sign in text for sign in OFFLINE_SIGNS):
            pytest.skip("pip cannot reach a package index to install the hook's dependencies")
    return text


def _broken_location(repo: Path) -> str:
    lines = (repo / "data" / "cases" / "eksempel-brudt.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("type:"))
    return f"data/cases/eksempel-brudt.yaml:{line}:7:"


def test_the_generated_pre_commit_configuration_blocks_a_broken_case(
    curated: tuple[Path, dict[str, str]],
) -> None:
    repo, env = curated
    home = Path(env["PRE_COMMIT_HOME"])
    valid = _run([str(PRE_COMMIT), "run", "--files", f"data/cases/{EXAMPLE_ID}.yaml"], repo, env)
    assert valid.returncode == 0, _output(valid, home)
    assert "erhverv validate" in valid.stdout and "Passed" in valid.stdout
    broken = _run([str(PRE_COMMIT), "run", "--files", "data/cases/eksempel-brudt.yaml"], repo, env)
    output = _output(broken, home)
    assert broken.returncode != 0, output
    assert _broken_location(repo) in output
    assert "did you mean 'fokuseret'" in output


def test_try_repo_with_the_hook_at_the_pinned_revision(curated: tuple[Path, dict[str, str]]) -> None:
    repo, env = curated
    pinned = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]
    assert (pinned["repo"], pinned["rev"]) == (str(ROOT), _head())
    done = _run(
        [str(PRE_COMMIT), "try-repo", str(ROOT), "erhverv-validate", "--ref", pinned["rev"],
         "--files", "data/cases/eksempel-brudt.yaml", f"data/cases/{EXAMPLE_ID}.yaml"],
        repo, env,
    )  # fmt: skip
    output = _output(done, Path(env["PRE_COMMIT_HOME"]))
    assert done.returncode != 0, output
    assert _broken_location(repo) in output
    assert "2 files checked: 1 invalid, 1 error" in output  # the example itself passes


def test_installed_source_of_this_editable_checkout_is_its_head() -> None:
    from importlib.metadata import distribution

    record = json.loads(distribution("erhverv").read_text("direct_url.json") or "{}")
    if "dir_info" not in record or Path(record["url"].removeprefix("file://")) != ROOT:
        pytest.skip("erhverv is not installed from this checkout (pip install -e .)")
    source = installed_source()
    assert source is not None
    repo, sha = source
    assert Path(repo) == ROOT
    assert sha == _head()
    check = subprocess.run(["git", "cat-file", "-e", f"{sha}^{{commit}}"], cwd=ROOT, check=False)
    assert check.returncode == 0
