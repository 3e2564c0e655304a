"""Corpus discovery: the option, the environment, the nearest configuration, data/cases, the bundled one.

Every test builds its own tree under tmp_path with a `.git` at its top, so the upward search never
leaves the test's folder, and passes cwd= and environ= explicitly.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from erhverv_cli.discovery import CorpusLocation, find_corpus, find_schema_file
from erhverv_cli.errors import InvalidDataError, UsageError
from erhverv_cli.paths import bundled_cases_dir, bundled_schema_dir

NO_ENV: dict[str, str] = {}


def _folder(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with every source present: option/env targets, a config, data/cases."""
    root = _folder(tmp_path / "repo")
    _folder(root / ".git")
    _folder(root / "catalogue")
    _folder(root / "data" / "cases")
    _folder(tmp_path / "from-env")
    _folder(tmp_path / "from-option")
    _write(root / "erhverv.toml", 'data-dir = "catalogue"\n')
    return root


def _sources(repo: Path, drop: set[str]) -> tuple[str | None, dict[str, str]]:
    if "config" in drop:
        (repo / "erhverv.toml").unlink()
    if "folder" in drop:
        (repo / "data" / "cases").rmdir()
    option = None if "option" in drop else str(repo.parent / "from-option")
    env = {} if "environment" in drop else {"ERHVERV_DATA_DIR": str(repo.parent / "from-env")}
    return option, env


@pytest.mark.parametrize(
    ("drop", "origin", "expected"),
    [
        (set(), "option", "from-option"),
        ({"option"}, "environment", "from-env"),
        ({"option", "environment"}, "config", "repo/catalogue"),
        ({"option", "environment", "config"}, "folder", "repo/data/cases"),
    ],
)
def test_each_step_beats_the_ones_below_it(repo: Path, drop: set[str], origin: str, expected: str) -> None:
    option, env = _sources(repo, drop)
    found = find_corpus(option, environ=env, cwd=repo)
    assert found.origin == origin
    assert found.path == repo.parent / expected
    assert not found.bundled


def test_the_bundled_corpus_comes_last(repo: Path) -> None:
    _sources(repo, {"config", "folder"})
    found = find_corpus(None, environ=NO_ENV, cwd=repo)
    assert (found.origin, found.reason, found.path) == ("bundled", "bundled corpus", bundled_cases_dir())
    assert found.bundled and found.root is None and found.config is None


def test_reasons_name_where_the_choice_came_from(repo: Path) -> None:
    option, env = _sources(repo, set())
    assert find_corpus(option, environ=env, cwd=repo).reason == "--data-dir"
    assert find_corpus(None, environ=env, cwd=repo).reason == "ERHVERV_DATA_DIR"
    configured = find_corpus(None, environ=NO_ENV, cwd=repo)
    assert configured.reason == f"data-dir in {repo / 'erhverv.toml'}"
    assert (configured.config, configured.root) == (repo / "erhverv.toml", repo)
    (repo / "erhverv.toml").unlink()
    folder = find_corpus(None, environ=NO_ENV, cwd=repo / "catalogue")
    assert folder.reason == f"data/cases found in {repo}"
    assert (folder.config, folder.root) == (None, repo)


def test_an_empty_environment_variable_counts_as_unset(repo: Path) -> None:
    for value in ("", "   "):
        assert find_corpus(None, environ={"ERHVERV_DATA_DIR": value}, cwd=repo).origin == "config"


def test_relative_option_and_environment_paths_are_taken_from_the_working_folder(repo: Path) -> None:
    assert find_corpus("catalogue", environ=NO_ENV, cwd=repo).path == repo / "catalogue"
    env = {"ERHVERV_DATA_DIR": "data/cases"}
    assert find_corpus(None, environ=env, cwd=repo).path == repo / "data" / "cases"


def test_the_nearest_configuration_wins(repo: Path) -> None:
    _folder(repo / "team" / "cases")
    _write(repo / "team" / "erhverv.toml", 'data-dir = "cases"\n')
    found = find_corpus(None, environ=NO_ENV, cwd=_folder(repo / "team" / "deeper" / "still"))
    assert found.path == repo / "team" / "cases"
    assert found.config == repo / "team" / "erhverv.toml"


def test_data_dir_is_relative_to_the_configuration_file_not_the_working_folder(repo: Path) -> None:
    found = find_corpus(None, environ=NO_ENV, cwd=_folder(repo / "catalogue" / "sub"))
    assert found.path == repo / "catalogue"
    assert found.display(repo / "catalogue" / "sub") == str(repo / "catalogue")


def test_a_pyproject_without_tool_erhverv_is_passed_over(repo: Path) -> None:
    _write(
        repo / "pkg" / "pyproject.toml", '[project]\nname = "uses-erhverv"\n[tool.ruff]\nline-length = 99\n'
    )
    _write(repo / "other" / "pyproject.toml", "this is [not toml\n")  # never mentions us: not parsed
    for sub in ("pkg", "other"):
        assert find_corpus(None, environ=NO_ENV, cwd=repo / sub).config == repo / "erhverv.toml"


def test_a_pyproject_with_tool_erhverv_is_a_configuration(repo: Path) -> None:
    _folder(repo / "pkg" / "cases")
    pyproject = _write(
        repo / "pkg" / "pyproject.toml", '[project]\nname = "x"\n\n[tool.erhverv]\ndata-dir = "cases"\n'
    )
    found = find_corpus(None, environ=NO_ENV, cwd=repo / "pkg")
    assert (found.origin, found.path, found.config) == ("config", repo / "pkg" / "cases", pyproject)
    assert found.reason == f"[tool.erhverv] data-dir in {pyproject}"
    _write(repo / "pkg" / "erhverv.toml", 'data-dir = "../catalogue"\n')  # beats pyproject.toml beside it
    assert find_corpus(None, environ=NO_ENV, cwd=repo / "pkg").config == repo / "pkg" / "erhverv.toml"


def test_data_cases_is_found_from_a_nested_subfolder(repo: Path) -> None:
    (repo / "erhverv.toml").unlink()
    nested = _folder(repo / "a" / "b" / "c")
    found = find_corpus(None, environ=NO_ENV, cwd=nested)
    assert (found.origin, found.path, found.root) == ("folder", repo / "data" / "cases", repo)
    assert found.display(nested) == str(repo / "data" / "cases")
    assert found.display(repo) == "data/cases"


@pytest.mark.parametrize("git", ["folder", "file"])
def test_the_search_stops_at_the_repository_root(tmp_path: Path, git: str) -> None:
    outer = tmp_path / "outer"
    _folder(outer / "data" / "cases")
    _folder(outer / "catalogue")
    _write(outer / "erhverv.toml", 'data-dir = "catalogue"\n')
    inner = _folder(outer / "checkout")
    if git == "folder":
        _folder(inner / ".git")
    else:  # worktrees and submodules: .git is a file
        _write(inner / ".git", "gitdir: /somewhere/else\n")
    found = find_corpus(None, environ=NO_ENV, cwd=_folder(inner / "sub"))
    assert found.origin == "bundled"


def test_the_repository_root_itself_is_searched(tmp_path: Path) -> None:
    _folder(tmp_path / ".git")
    _folder(tmp_path / "data" / "cases")
    assert find_corpus(None, environ=NO_ENV, cwd=_folder(tmp_path / "x")).origin == "folder"


@pytest.mark.parametrize("value", ["", "  ", "\t"])
def test_an_empty_data_dir_option_is_a_usage_error(repo: Path, value: str) -> None:
    with pytest.raises(UsageError, match="--data-dir is empty; give a folder of case files"):
        find_corpus(value, environ=NO_ENV, cwd=repo)


def test_broken_toml_names_file_line_and_column(repo: Path) -> None:
    _write(repo / "erhverv.toml", "# settings\ndata-dir = data/cases\n")
    with pytest.raises(InvalidDataError) as caught:
        find_corpus(None, environ=NO_ENV, cwd=repo)
    assert str(caught.value) == f"{repo / 'erhverv.toml'}:2:12: invalid TOML: Invalid value"
    _write(repo / "erhverv.toml", 'data-dir = "x"\nlist = [1,\n')
    with pytest.raises(InvalidDataError, match=r"erhverv\.toml:3:1: invalid TOML"):
        find_corpus(None, environ=NO_ENV, cwd=repo)


def test_a_broken_pyproject_that_mentions_erhverv_is_an_error(repo: Path) -> None:
    _write(repo / "pkg" / "pyproject.toml", '[tool.erhverv\ndata-dir = "x"\n')
    with pytest.raises(InvalidDataError, match=r"pyproject\.toml:1:14: invalid TOML"):
        find_corpus(None, environ=NO_ENV, cwd=repo / "pkg")


@pytest.mark.parametrize(
    ("text", "kind"),
    [("\n  data-dir = 3\n", "a number"), ('data-dir = ""\n', "an empty string"), ("data-dir = []", "a list")],
)
def test_data_dir_must_be_a_string(repo: Path, text: str, kind: str) -> None:
    _write(repo / "erhverv.toml", text)
    line, col = (2, 3) if text.startswith("\n") else (1, 1)
    with pytest.raises(InvalidDataError) as caught:
        find_corpus(None, environ=NO_ENV, cwd=repo)
    assert (
        str(caught.value)
        == f"{repo / 'erhverv.toml'}:{line}:{col}: data-dir must be a folder as a string, not {kind}"
    )


def test_a_configuration_without_data_dir_is_an_error(repo: Path) -> None:
    _write(repo / "erhverv.toml", "# nothing yet\n")
    with pytest.raises(InvalidDataError, match=r"erhverv\.toml: no data-dir; add data-dir = \"data/cases\""):
        find_corpus(None, environ=NO_ENV, cwd=repo)


def test_a_missing_configured_folder_names_the_configuration(repo: Path) -> None:
    _write(repo / "erhverv.toml", 'data-dir = "cases"\n')
    with pytest.raises(UsageError) as caught:
        find_corpus(None, environ=NO_ENV, cwd=repo)
    config = repo / "erhverv.toml"
    assert str(caught.value) == f"data-dir in {config} points to {repo / 'cases'}, which does not exist"
    _write(repo / "cases", "a file\n")
    with pytest.raises(UsageError, match="which is not a folder"):
        find_corpus(None, environ=NO_ENV, cwd=repo)


def test_missing_option_and_environment_folders_name_their_source(repo: Path) -> None:
    with pytest.raises(UsageError, match=r"^--data-dir points to .*nowhere, which does not exist$"):
        find_corpus("nowhere", environ=NO_ENV, cwd=repo)
    with pytest.raises(UsageError, match=r"^ERHVERV_DATA_DIR points to .*nowhere, which does not exist$"):
        find_corpus(None, environ={"ERHVERV_DATA_DIR": "nowhere"}, cwd=repo)
    # The option wins even when it is wrong: no silent fallback to a folder the user did not name.
    with pytest.raises(UsageError):
        find_corpus("nowhere", environ={"ERHVERV_DATA_DIR": str(repo / "catalogue")}, cwd=repo)


def test_nul_bytes_and_overlong_paths_are_usage_errors(repo: Path) -> None:
    with pytest.raises(UsageError, match="NUL byte"):
        find_corpus("cata\0logue", environ=NO_ENV, cwd=repo)
    with pytest.raises(UsageError, match="NUL byte"):
        find_corpus(None, environ={"ERHVERV_DATA_DIR": "a\0b"}, cwd=repo)
    with pytest.raises(UsageError, match="too long to be a path"):
        find_corpus("x" * 5000, environ=NO_ENV, cwd=repo)


def test_symbolic_links_are_followed_but_shown_as_given(repo: Path) -> None:
    link = repo / "linked"
    link.symlink_to(repo / "catalogue", target_is_directory=True)
    found = find_corpus("linked", environ=NO_ENV, cwd=repo)
    assert found.path == link
    assert found.display(repo) == "linked"
    (repo / "dangling").symlink_to(repo / "gone")
    with pytest.raises(UsageError, match="dangling, which does not exist"):
        find_corpus("dangling", environ=NO_ENV, cwd=repo)
    (repo / "loop").symlink_to(repo / "loop")
    with pytest.raises(UsageError, match="loop of symbolic links"):
        find_corpus("loop", environ=NO_ENV, cwd=repo)


def test_a_tilde_is_expanded(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(repo))
    assert find_corpus("~/catalogue", environ=NO_ENV, cwd=repo.parent).path == repo / "catalogue"


def test_display_is_relative_inside_the_working_folder_and_absolute_outside(repo: Path) -> None:
    found = CorpusLocation(repo / "data" / "cases", "folder", "r", None, repo)
    assert found.display(repo) == "data/cases"
    assert found.display(repo / "data" / "cases") == "."
    assert found.display(repo / "catalogue") == str(repo / "data" / "cases")


def test_the_schema_file_is_the_projects_own_when_it_has_one(repo: Path) -> None:
    corpus = find_corpus(None, environ=NO_ENV, cwd=repo)
    assert find_schema_file(corpus) == bundled_schema_dir() / "case.schema.json"
    own = _write(repo / "schemas" / "case.schema.json", "{}\n")
    assert find_schema_file(corpus) == own
    # An option inside a repository belongs to that repository's project.
    assert find_corpus(str(repo / "catalogue"), environ=NO_ENV, cwd=repo.parent).root == repo
    bundled = find_corpus(None, environ=NO_ENV, cwd=_folder(repo.parent / "x" / ".git").parent)
    assert find_schema_file(bundled) == bundled_schema_dir() / "case.schema.json"


def test_discovery_is_cheap_at_start_up(repo: Path) -> None:
    """No third-party import, and tomllib only once a configuration file is actually read."""
    (repo / "erhverv.toml").unlink()
    probe = (
        "import json, sys; from pathlib import Path; from erhverv_cli.discovery import find_corpus; "
        "find_corpus(cwd=Path(sys.argv[1]), environ={}); "
        "print(json.dumps(sorted(m for m in ('tomllib', 'yaml', 'pydantic', 'typer', 'rich') "
        "if m in sys.modules)))"
    )
    env = {key: value for key, value in os.environ.items() if key != "ERHVERV_DATA_DIR"}
    done = subprocess.run(
        [sys.executable, "-c", probe, str(repo)], capture_output=True, text=True, env=env, check=True
    )
    assert json.loads(done.stdout) == []
    _write(repo / "erhverv.toml", 'data-dir = "catalogue"\n')
    done = subprocess.run(
        [sys.executable, "-c", probe, str(repo)], capture_output=True, text=True, env=env, check=True
    )
    assert json.loads(done.stdout) == ["tomllib"]


def test_corpus_info_counts_case_files_and_carries_the_cache_state(repo: Path) -> None:
    from erhverv_cli.info import corpus_info

    _write(repo / "catalogue" / "a.yaml", "not: parsed: at all: [\n")
    _write(repo / "catalogue" / "nested" / "b.yml", "")
    _write(repo / "catalogue" / "notes.txt", "")
    corpus = find_corpus(None, environ=NO_ENV, cwd=repo)
    cache = repo.parent / "cache" / "index-x.sqlite3"
    info = corpus_info(corpus, cache, "stale")
    assert (info.case_files, info.cache_file, info.cache_state) == (2, cache, "stale")
    assert info.schema_bundled and info.schema_file == bundled_schema_dir() / "case.schema.json"
    assert dict(info.rows(repo)) == {
        "corpus": "catalogue",
        "chosen by": f"data-dir in {repo / 'erhverv.toml'}",
        "config": "erhverv.toml",
        "project root": ".",
        "case files": "2",
        "schema": f"{bundled_schema_dir() / 'case.schema.json'} (bundled)",
        "cache": f"{cache} (stale)",
    }
    data = info.to_json()
    assert json.loads(json.dumps(data)) == data
    assert data["path"] == str(repo / "catalogue") and data["config"] == str(repo / "erhverv.toml")
    own = _write(repo / "schemas" / "case.schema.json", "{}\n")
    info = corpus_info(corpus, None, "disabled")
    assert (info.schema_file, info.schema_bundled) == (own, False)
    assert dict(info.rows(repo))["schema"] == "schemas/case.schema.json"
    assert dict(info.rows(repo))["cache"] == "- (disabled)"


def test_a_folder_that_is_not_there_says_what_to_give(repo: Path) -> None:
    with pytest.raises(UsageError) as caught:
        find_corpus("nowhere", environ=NO_ENV, cwd=repo)
    assert caught.value.hint == "give the folder that holds the case files (*.yaml)"
