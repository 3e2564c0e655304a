"""The built wheel carries the corpus and schema, and the installed tool finds them from anywhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{done.stderr[-2000:]}")
    (found,) = out.glob("erhverv-*.whl")
    return found


def test_wheel_contains_corpus_and_schema(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    cases = [n for n in names if n.startswith("erhverv_cli/_bundled/cases/") and n.endswith(".yaml")]
    assert len(cases) == len(list((ROOT / "data" / "cases").glob("*.yaml")))
    assert "erhverv_cli/_bundled/schemas/case.schema.json" in names


def test_installed_wheel_finds_its_corpus_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "somewhere-else"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "ERHVERV_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("ERHVERV_DATA_DIR", None)
    probe = "import erhverv_cli, sys; print(erhverv_cli.__file__)"
    location = subprocess.run([sys.executable, "-c", probe], cwd=elsewhere, env=env, capture_output=True,
                              text=True, check=True).stdout.strip()  # fmt: skip
    assert location.startswith(str(target)), "the test must run the installed copy, not the checkout"
    run = subprocess.run(
        [sys.executable, "-m", "erhverv_cli", "find", "--type", "fokuseret", "--format", "json"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert sorted(hit["number"] for hit in json.loads(run.stdout)) == list(range(5, 12))
    validate = subprocess.run(
        [sys.executable, "-m", "erhverv_cli", "validate"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert validate.returncode == 0, validate.stdout + validate.stderr
    assert validate.stdout == "18 files checked in the bundled corpus: all valid\n"
