"""`erhverv init` scaffolding: the files, what they say, and that nothing is ever overwritten."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from erhverv_cli import scaffold
from erhverv_cli.discovery import find_corpus, find_schema_file
from erhverv_cli.errors import UsageError
from erhverv_cli.scaffold import (
    EXAMPLE_ID,
    choose_source,
    pip_requirement,
    plan_repository,
    write_repository,
)
from erhverv_cli.schema import schema_text
from erhverv_cli.validation import validate_paths

URL = "https://github.com/example/erhverv"
REV = "0123456789abcdef0123456789abcdef01234567"
FILES = [
    f"data/cases/{EXAMPLE_ID}.yaml",
    "schemas/case.schema.json",
    "erhverv.toml",
    ".pre-commit-config.yaml",
    ".github/workflows/erhverv.yml",
    ".vscode/settings.json",
    "README.md",
]


@pytest.fixture
def made(tmp_path: Path) -> Path:
    """A fresh curator repository in a folder that did not exist yet."""
    target = tmp_path / "katalog"
    write_repository(plan_repository(target, repo_url=URL, rev=REV))
    return target


def test_an_empty_folder_gets_every_file(tmp_path: Path) -> None:
    target = tmp_path / "new" / "katalog"
    plan = plan_repository(target, repo_url=URL, rev=REV)
    assert [p.relative for p in plan] == FILES
    assert not any(p.exists for p in plan)
    result = write_repository(plan)
    assert result.written == [target / name for name in FILES]
    assert result.skipped == []
    assert sorted(str(p.relative_to(target)) for p in target.rglob("*") if p.is_file()) == sorted(FILES)


def test_a_second_run_writes_nothing_and_reports_every_file_as_existing(made: Path) -> None:
    before = {p: p.read_bytes() for p in made.rglob("*") if p.is_file()}
    plan = plan_repository(made, repo_url=URL, rev="v2")
    assert all(p.exists for p in plan)
    result = write_repository(plan)
    assert result.written == [] and result.skipped == [made / name for name in FILES]
    assert {p: p.read_bytes() for p in made.rglob("*") if p.is_file()} == before


def test_an_existing_configuration_is_kept_byte_for_byte(tmp_path: Path) -> None:
    own = b'# ours\r\ndata-dir = "cases"\r\n'
    (tmp_path / "erhverv.toml").write_bytes(own)
    (tmp_path / ".vscode").mkdir()
    (tmp_path / ".vscode" / "settings.json").symlink_to(tmp_path / "elsewhere.json")  # dangling: kept
    plan = plan_repository(tmp_path, repo_url=URL, rev=REV)
    assert {p.relative for p in plan if p.exists} == {"erhverv.toml", ".vscode/settings.json"}
    result = write_repository(plan)
    assert (tmp_path / "erhverv.toml").read_bytes() == own
    assert (tmp_path / ".vscode" / "settings.json").is_symlink()
    assert set(result.skipped) == {tmp_path / "erhverv.toml", tmp_path / ".vscode" / "settings.json"}
    assert len(result.written) == len(FILES) - 2


def test_a_file_that_appears_after_planning_is_not_overwritten(tmp_path: Path) -> None:
    plan = plan_repository(tmp_path, repo_url=URL, rev=REV)
    (tmp_path / "README.md").write_text("mine\n", encoding="utf-8")
    result = write_repository(plan)
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "mine\n"
    assert tmp_path / "README.md" in result.skipped
    assert not list(tmp_path.rglob("*.tmp")), "no temporary file is left behind"


def test_written_files_follow_the_umask_like_any_new_file(made: Path) -> None:
    umask = os.umask(0)
    os.umask(umask)
    assert (made / "erhverv.toml").stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_file_in_place_of_the_folder_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "x").write_text("", encoding="utf-8")
    with pytest.raises(UsageError, match="is a file, not a folder"):
        plan_repository(tmp_path / "x", repo_url=URL, rev=REV)


def test_the_example_case_validates_and_says_it_is_an_example(made: Path) -> None:
    case = made / "data" / "cases" / f"{EXAMPLE_ID}.yaml"
    report = validate_paths([made / "data" / "cases"])
    assert report.ok, [f.location() + " " + f.message for f in report.findings]
    assert [c.id for c in report.valid_cases] == [EXAMPLE_ID]
    lines = case.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../../schemas/case.schema.json"
    assert "EKSEMPEL" in lines[1]
    assert yaml.safe_load(case.read_text(encoding="utf-8"))["title"].startswith("Eksempel:")


def _steps(made: Path) -> list[dict[str, Any]]:
    workflow = yaml.safe_load((made / ".github" / "workflows" / "erhverv.yml").read_text(encoding="utf-8"))
    assert set(workflow[True]) == {"push", "pull_request"}  # YAML 1.1 reads the key `on` as True
    steps: list[dict[str, Any]] = workflow["jobs"]["validate"]["steps"]
    return steps


def test_the_workflow_installs_the_pinned_revision_and_validates(made: Path) -> None:
    steps = _steps(made)
    assert [s.get("uses") for s in steps[:2]] == ["actions/checkout@v4", "actions/setup-python@v5"]
    runs = [s["run"].strip() for s in steps if "run" in s]
    assert runs == [
        f'python -m pip install "erhverv @ git+{URL}@{REV}"',
        "erhverv validate --format github",
        "erhverv schema --check",
    ]


def test_the_pre_commit_configuration_uses_the_hook_at_the_given_revision(made: Path) -> None:
    config = yaml.safe_load((made / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert config == {"repos": [{"repo": URL, "rev": REV, "hooks": [{"id": "erhverv-validate"}]}]}
    root = Path(__file__).resolve().parents[2]
    hooks = yaml.safe_load((root / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert "erhverv-validate" in [hook["id"] for hook in hooks]


def test_vscode_maps_the_schema_to_the_case_files(made: Path) -> None:
    settings = json.loads((made / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"]["./schemas/case.schema.json"][0] == "data/cases/*.yaml"


def test_the_schema_file_is_the_published_schema(made: Path) -> None:
    assert (made / "schemas" / "case.schema.json").read_text(encoding="utf-8") == schema_text()


def test_the_new_repository_is_found_through_its_configuration(made: Path) -> None:
    (made / ".git").mkdir()
    corpus = find_corpus(cwd=made / ".github" / "workflows", environ={})
    assert (corpus.origin, corpus.path, corpus.config) == (
        "config", made / "data" / "cases", made / "erhverv.toml",
    )  # fmt: skip
    assert find_schema_file(corpus) == made / "schemas" / "case.schema.json"


def test_the_readme_says_how_to_add_and_check_a_case(made: Path) -> None:
    readme = (made / "README.md").read_text(encoding="utf-8")
    for needle in ("erhverv new", "erhverv validate", "pre-commit install", REV):
        assert needle in readme


@pytest.mark.parametrize(
    ("repo", "expected"),
    [
        (URL, f"erhverv @ git+{URL}@v1"),
        ("git@github.com:example/erhverv.git", "erhverv @ git+ssh://git@github.com/example/erhverv.git@v1"),
    ],
)
def test_pip_requirements_for_remote_repositories(repo: str, expected: str) -> None:
    assert pip_requirement(repo, "v1") == expected


def test_a_local_checkout_becomes_a_file_url(tmp_path: Path) -> None:
    assert pip_requirement(str(tmp_path), "abc") == f"erhverv @ git+{tmp_path.as_uri()}@abc"


@pytest.mark.parametrize(
    ("repo", "rev"),
    [("", REV), ("https://x/$(id)", REV), ('https://x/"', REV), ("https://x y", REV), (URL, ""),
     (URL, "-x"), (URL, "a b"), (URL, "v1@x"), (URL, "v1#x")],
)  # fmt: skip
def test_sources_that_would_break_the_generated_files_are_refused(repo: str, rev: str) -> None:
    with pytest.raises(UsageError):
        plan_repository(Path("unused"), repo_url=repo, rev=rev)


def test_given_repo_and_rev_win_over_the_recorded_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scaffold, "installed_source", lambda: ("/checkout", "abc123"))
    assert choose_source(URL, "v9") == (URL, "v9")
    assert choose_source(None, None) == ("/checkout", "abc123")
    assert choose_source(URL, None) == (URL, "abc123")
    assert choose_source(None, "v9") == ("/checkout", "v9")


def test_without_a_recorded_source_repo_and_rev_must_be_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scaffold, "installed_source", lambda: None)
    assert choose_source(URL, REV) == (URL, REV)
    with pytest.raises(UsageError, match="give both --repo URL and --rev REV"):
        choose_source(URL, None)


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"url": URL, "vcs_info": {"vcs": "git", "commit_id": REV}}, (URL, REV)),
        ({"url": URL, "vcs_info": {"vcs": "hg", "commit_id": REV}}, None),
        ({"url": "https://files.example/erhverv-0.1.tar.gz", "archive_info": {}}, None),
        ({"url": "file:///nonexistent/erhverv", "dir_info": {"editable": True}}, None),
    ],
)
def test_installed_source_reads_pep_610_records(record: dict[str, object], expected: object) -> None:
    assert scaffold._source_from_record(record) == expected


def test_a_folder_inside_another_checkout_is_not_taken_for_a_checkout(tmp_path: Path) -> None:
    """An unpacked sdist inside some other repository must not report that repository's HEAD."""
    import shutil
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(
        ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@example.org",
         "commit", "-q", "--allow-empty", "-m", "x"],
        check=True,
    )  # fmt: skip
    inner = tmp_path / "erhverv-0.1.0"
    inner.mkdir()
    assert scaffold._checkout_head(inner) is None
    assert scaffold._checkout_head(tmp_path) is not None
    assert scaffold._source_from_record({"url": inner.as_uri(), "dir_info": {}}) is None
