"""A curator's own repository through the CLI: `erhverv init`, the corpus found from where you stand
(root and subfolders), query commands on that corpus, duplicates that hide no case, `info`, and a
`schema` that writes nothing unless asked. The scaffolding itself is tested in tests/core."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS
from typer.testing import CliRunner

from erhverv_cli.cli import app

BROKEN = "id: brudt-case\ntitle: Brudt\ntype: fokus\nmunicipalities: [Koge]\nsummary: En case.\n"


def _run(runner: CliRunner, *args: str) -> Any:
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def repository(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh curator repository made by `erhverv init` (pinned to a made-up source)."""
    root = tmp_path / "kommunens-cases"
    done = _run(runner, "init", str(root), "--repo", "https://example.org/erhverv.git", "--rev", "v1.0")
    assert done.exit_code == 0, done.output
    (root / ".git").mkdir()  # the repository's root, as git would make it
    monkeypatch.chdir(root)
    return root


def test_init_writes_a_repository_that_validates(runner: CliRunner, repository: Path) -> None:
    for name in (
        "data/cases/eksempel-ivaerksaetterhus.yaml",
        "erhverv.toml",
        "schemas/case.schema.json",
        ".pre-commit-config.yaml",
        ".github/workflows/erhverv.yml",
        ".vscode/settings.json",
    ):
        assert (repository / name).is_file(), name
    done = _run(runner, "validate")
    assert done.exit_code == 0
    assert done.stdout == "1 file checked in data/cases: all valid\n"


def test_init_never_overwrites(runner: CliRunner, repository: Path) -> None:
    (repository / "erhverv.toml").write_text('data-dir = "data/cases"\n# mine\n', encoding="utf-8")
    again = _run(
        runner, "init", str(repository), "--repo", "https://example.org/erhverv.git", "--rev", "v1.0"
    )
    assert again.exit_code == 0
    assert "created" not in again.stdout
    assert (repository / "erhverv.toml").read_text(encoding="utf-8").endswith("# mine\n")


def test_init_says_what_to_do_next_from_where_you_stand(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = ("--repo", "https://example.org/erhverv.git", "--rev", "v1.0")
    monkeypatch.chdir(tmp_path)
    elsewhere = _run(runner, "init", "my cases", *source)
    assert elsewhere.stdout.splitlines()[-1] == "next: cd 'my cases' && git init && erhverv validate"
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    here = _run(runner, "init", *source)
    assert here.stdout.splitlines()[-1] == "next: git init && erhverv validate"
    (tmp_path / "repo" / ".git").mkdir(parents=True)  # already a git repository: no git init
    monkeypatch.chdir(tmp_path / "repo")
    inside = _run(runner, "init", *source)
    assert inside.stdout.splitlines()[-1] == "next: erhverv validate"
    blank = _run(runner, "init", "", *source)
    assert blank.exit_code == 2
    assert "hint: give a folder to make the repository in ('.' for this one)" in blank.stderr


@pytest.mark.parametrize("where", [".", "data", "data/cases", "schemas"])
def test_a_broken_case_fails_plain_validate_from_root_and_subfolders(
    runner: CliRunner, repository: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    (repository / "data" / "cases" / "brudt-case.yaml").write_text(BROKEN, encoding="utf-8")
    monkeypatch.chdir(repository / where)
    done = _run(runner, "validate")
    assert done.exit_code == 1
    assert "brudt-case.yaml:3:7: type:" in done.stdout
    assert "did you mean 'fokuseret'" in done.stdout
    assert done.stdout.splitlines()[-1].startswith("2 files checked in ")


def test_query_commands_read_the_repository_not_the_bundled_corpus(
    runner: CliRunner, repository: Path
) -> None:
    listed = _run(runner, "list", "--format", "jsonl", "--fields", "id")
    assert listed.stdout == '{"id": "eksempel-ivaerksaetterhus"}\n'
    table = _run(runner, "list")
    assert table.stdout.rstrip().endswith("1 case in data/cases")  # the footer names the corpus
    assert _run(runner, "show", "eksempel").exit_code == 0
    assert _run(runner, "show", "5").exit_code == 1  # the catalogue's case 5 is not in this repository


def test_outside_any_project_the_bundled_corpus_is_used(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / ".git").mkdir(parents=True)
    monkeypatch.chdir(elsewhere)
    listed = _run(runner, "list", "--format", "jsonl", "--fields", "number")
    assert len(listed.stdout.splitlines()) == 18
    assert not _run(runner, "list").stdout.rstrip().endswith("in data/cases")  # the bundled one is not named
    info = _run(runner, "info")
    assert "chosen by     bundled corpus" in info.stdout


def test_info_says_which_corpus_and_why(runner: CliRunner, repository: Path) -> None:
    info = _run(runner, "info")
    assert info.exit_code == 0
    rows = {line[:12].strip(): line[12:].strip() for line in info.stdout.splitlines()}
    assert rows["corpus"] == "data/cases"
    assert rows["chosen by"] == f"data-dir in {repository / 'erhverv.toml'}"
    assert rows["case files"] == "1"
    assert rows["schema"] == "schemas/case.schema.json"
    as_json = _run(runner, "info", "--format", "json")
    assert '"origin": "config"' in as_json.stdout


def test_duplicates_are_named_on_both_files_and_both_cases_are_shown(
    runner: CliRunner, repository: Path
) -> None:
    cases = repository / "data" / "cases"
    first = cases / "eksempel-ivaerksaetterhus.yaml"
    text = first.read_text(encoding="utf-8")
    (cases / "kopi").mkdir()
    second = cases / "kopi" / "eksempel-ivaerksaetterhus.yaml"
    second.write_text(text, encoding="utf-8")
    checked = _run(runner, "validate")
    assert checked.exit_code == 1
    named = {line.split(":")[0]: line for line in checked.stdout.splitlines() if "is also used by" in line}
    assert set(named) == {
        str(Path("data/cases") / "eksempel-ivaerksaetterhus.yaml"),
        str(Path("data/cases") / "kopi" / "eksempel-ivaerksaetterhus.yaml"),
    }
    for file, line in named.items():  # each file names the other
        other = next(name for name in named if name != file)
        assert line.endswith(f"is also used by {other}") or f"is also used by {other}" in line
    listed = _run(runner, "list", "--format", "jsonl", "--fields", "id")
    assert listed.stdout.count("eksempel-ivaerksaetterhus") == 2  # no case disappears
    assert "is used by 2 files" in listed.stderr and "all are shown" in listed.stderr


def test_schema_writes_nothing_unless_asked(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    somewhere = tmp_path / "anywhere"
    somewhere.mkdir()
    monkeypatch.chdir(somewhere)
    printed = _run(runner, "schema")
    assert printed.exit_code == 0 and printed.stdout.startswith("{")
    assert list(somewhere.iterdir()) == []
    written = _run(runner, "schema", "--output", "case.schema.json")
    assert written.exit_code == 0 and (somewhere / "case.schema.json").is_file()


def test_schema_check_uses_the_projects_schema(runner: CliRunner, repository: Path) -> None:
    assert _run(runner, "schema", "--check").exit_code == 0
    (repository / "schemas" / "case.schema.json").write_text("{}\n", encoding="utf-8")
    stale = _run(runner, "schema", "--check")
    assert stale.exit_code == 1 and "out of date" in stale.stderr


def test_new_writes_into_the_repositorys_corpus(
    runner: CliRunner, repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repository / "schemas")
    done = _run(
        runner,
        "new",
        "--title",
        "Vækst i Køge",
        "--type",
        "basal",
        "--kommune",
        "Koge",
        "--summary",
        "Kommunen hjælper nye virksomheder.",
        "--no-interactive",
    )
    assert done.exit_code == 0, done.output
    assert (repository / "data" / "cases" / "vaekst-i-koege.yaml").is_file()
    assert _run(runner, "validate").exit_code == 0


def test_a_config_pointing_nowhere_is_a_clear_error(runner: CliRunner, repository: Path) -> None:
    (repository / "erhverv.toml").write_text('data-dir = "no/such/folder"\n', encoding="utf-8")
    done = _run(runner, "list")
    assert done.exit_code == 2
    assert done.stderr.startswith("erhverv: error: data-dir in ")
    assert "which does not exist" in done.stderr


def test_the_bundled_corpus_copied_into_a_repository_validates(runner: CliRunner, repository: Path) -> None:
    shutil.copytree(CORPUS, repository / "data" / "cases", dirs_exist_ok=True)
    done = _run(runner, "validate")
    assert done.exit_code == 0, done.stdout
    assert done.stdout == "19 files checked in data/cases: all valid\n"
