"""`erhverv validate` through the CLI: exit codes, the three output formats, the summary line."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, FIXTURES, ROOT, invoke
from fixture_files import INVALID_FIXTURES, VALID_FIXTURES, expected_findings, xfail_reason
from typer.testing import CliRunner

from erhverv_cli.paths import case_files

# Fixtures documenting a known bug are left out where their findings are compared.
SETTLED_INVALID = [path for path in INVALID_FIXTURES if xfail_reason(path) is None]
TEXT_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<rest>.+)$")
GITHUB_LINE = re.compile(
    r"^::error file=(?P<file>[^,]+),line=(?P<line>\d+),col=(?P<col>\d+),"
    r"title=(?P<title>[^:]+)::(?P<message>.+)$"
)
CORPUS_SIZE = len(case_files(CORPUS))


def run(runner: CliRunner, *args: str) -> Any:
    return invoke(runner, "validate", *args)


def _copy(paths: list[Path], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy(path, folder / path.name)) for path in paths]


# -- the bundled corpus -------------------------------------------------------------------------------


def test_default_corpus_is_valid(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the checkout: its data/cases is the corpus found from here
    result = run(runner)
    assert result.exit_code == 0, result.output
    assert CORPUS_SIZE == 18
    assert result.stdout == f"{CORPUS_SIZE} files checked in data/cases: all valid\n"


def test_explicit_corpus_folder_is_valid(runner: CliRunner) -> None:
    result = run(runner, str(CORPUS))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == f"{CORPUS_SIZE} files checked: all valid"


def test_data_dir_option_and_environment_choose_the_default_folder(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _copy(VALID_FIXTURES, tmp_path)
    expected = f"{len(VALID_FIXTURES)} files checked in {tmp_path}: all valid\n"
    assert run(runner, "--data-dir", str(tmp_path)).stdout == expected
    monkeypatch.setenv("ERHVERV_DATA_DIR", str(tmp_path))
    assert run(runner).stdout == expected


def test_valid_fixtures_pass(runner: CliRunner) -> None:
    result = run(runner, *[str(path) for path in VALID_FIXTURES])
    assert result.exit_code == 0
    assert result.stdout == f"{len(VALID_FIXTURES)} files checked: all valid\n"


# -- invalid files: text --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", SETTLED_INVALID, ids=lambda path: path.name)
def test_invalid_file_prints_file_line_col_lines(runner: CliRunner, path: Path) -> None:
    result = run(runner, str(path))
    assert result.exit_code == 1
    expected = expected_findings(path)
    errors = len(expected)
    assert result.stdout.splitlines() == [
        *(f"{path}:{finding}" for finding in expected),
        f"1 file checked: 1 invalid, {errors} error{'s' if errors != 1 else ''}",
    ]


def test_every_error_in_every_file_in_one_run(runner: CliRunner, tmp_path: Path) -> None:
    copies = _copy(SETTLED_INVALID + VALID_FIXTURES, tmp_path)
    result = run(runner, str(tmp_path))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    originals = sorted(SETTLED_INVALID + VALID_FIXTURES, key=lambda path: path.name)
    expected = [
        f"{tmp_path / path.name}:{finding}" for path in originals for finding in expected_findings(path)
    ]
    assert lines[:-1] == expected
    assert lines[-1] == (
        f"{len(copies)} files checked: {len(SETTLED_INVALID)} invalid, {len(expected)} errors"
    )


def test_files_and_folders_mix(runner: CliRunner) -> None:
    invalid = FIXTURES / "invalid" / "duplicate-key.yaml"
    result = run(runner, str(FIXTURES / "valid"), str(invalid))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == f"{len(VALID_FIXTURES) + 1} files checked: 1 invalid, 1 error"


def test_duplicate_id_and_number_across_files(runner: CliRunner, tmp_path: Path) -> None:
    source = FIXTURES / "valid" / "full.yaml"
    [first] = _copy([source], tmp_path / "a")
    [second] = _copy([source], tmp_path / "b")
    result = run(runner, str(tmp_path))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    # each file is named on the other's findings: neither case hides behind the other
    assert [(line.split(":", 1)[0], TEXT_LINE.match(line)["rest"]) for line in lines[:-1]] == [  # type: ignore[index]
        (str(first), f"id: id 'full' is also used by {second}"),
        (str(first), f"number: number 101 is also used by {second}"),
        (str(second), f"id: id 'full' is also used by {first}"),
        (str(second), f"number: number 101 is also used by {first}"),
    ]
    assert lines[-1] == "2 files checked: 2 invalid, 4 errors"


def test_a_file_named_on_the_command_line_need_not_end_in_yaml(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "minimal.txt"
    shutil.copy(FIXTURES / "valid" / "minimal.yaml", path)
    assert run(runner, str(path)).exit_code == 0


# -- json ---------------------------------------------------------------------------------------------


def test_json_format_for_a_valid_corpus(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = run(runner, "--format", "json")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload == {
        "ok": True,
        "files": CORPUS_SIZE,
        "invalid_files": 0,
        "errors": [],
        "summary": f"{CORPUS_SIZE} files checked in data/cases: all valid",
    }


def test_json_format_lists_every_error_with_its_location(runner: CliRunner) -> None:
    paths = [FIXTURES / "invalid" / "several-errors.yaml", FIXTURES / "invalid" / "missing-required.yaml"]
    result = run(runner, "-f", "json", *[str(path) for path in paths])
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert set(payload) == {"ok", "files", "invalid_files", "errors", "summary"}
    assert (payload["ok"], payload["files"], payload["invalid_files"]) == (False, 2, 2)
    rendered = []
    for error in payload["errors"]:
        assert set(error) == {"file", "line", "col", "field", "message"}
        where = f"{error['field']}: " if error["field"] else ""
        rendered.append(f"{error['file']}:{error['line']}:{error['col']}: {where}{error['message']}")
    assert rendered == [f"{path}:{finding}" for path in paths for finding in expected_findings(path)]
    assert payload["summary"] == f"2 files checked: 2 invalid, {len(rendered)} errors"


def test_json_keeps_danish_letters(runner: CliRunner) -> None:
    result = run(runner, "--format", "json", str(FIXTURES / "invalid" / "misspelt-municipality.yaml"))
    assert "'Køge'" in json.loads(result.stdout)["errors"][0]["message"]
    assert "Køge" in result.stdout


# -- github -------------------------------------------------------------------------------------------


def _github_findings(stdout: str) -> list[dict[str, str]]:
    lines = stdout.splitlines()
    matches = [GITHUB_LINE.match(line) for line in lines[:-1]]
    assert all(matches), lines
    return [match.groupdict() for match in matches if match]


def test_github_format_annotates_each_error(runner: CliRunner) -> None:
    path = FIXTURES / "invalid" / "several-errors.yaml"
    result = run(runner, "--format", "github", str(path))
    assert result.exit_code == 1
    found = _github_findings(result.stdout)
    expected = expected_findings(path)
    assert len(found) == len(expected) == 4
    for annotation, line in zip(found, expected, strict=True):
        position, field, message = line.split(": ", 2)
        row, col = position.split(":")
        assert annotation == {
            "file": str(path),
            "line": row,
            "col": col,
            "title": f"erhverv%3A {field}",
            "message": message,
        }
    assert result.stdout.splitlines()[-1] == "1 file checked: 1 invalid, 4 errors"


def test_github_format_escapes_properties(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "a,b:c"
    [copy] = _copy([FIXTURES / "invalid" / "top-level-list.yaml"], folder)
    result = run(runner, "--format", "github", str(copy))
    [annotation] = _github_findings(result.stdout)
    assert annotation["file"] == str(copy).replace(":", "%3A").replace(",", "%2C")
    assert annotation["title"] == "erhverv"


def test_github_format_is_chosen_when_running_in_github_actions(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = str(FIXTURES / "invalid" / "duplicate-key.yaml")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    automatic = run(runner, path)
    assert automatic.exit_code == 1
    assert automatic.stdout.startswith(f"::error file={path},line=8,col=1,")
    assert automatic.stdout == run(runner, "--format", "github", path).stdout
    assert run(runner, "--format", "text", path).stdout.startswith(f"{path}:8:1: title: duplicate key")


def test_text_format_outside_github_actions(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    path = str(FIXTURES / "invalid" / "duplicate-key.yaml")
    assert run(runner, path).stdout.startswith(f"{path}:8:1: ")


def test_github_format_for_a_valid_corpus_is_only_the_summary(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    result = run(runner, "--format", "github")
    assert result.exit_code == 0
    assert result.stdout == f"{CORPUS_SIZE} files checked in data/cases: all valid\n"


# -- usage errors -------------------------------------------------------------------------------------


def test_missing_path_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-case.yaml"
    result = run(runner, str(missing))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"no such file or folder: {missing}" in result.stderr


def test_unknown_format_is_a_usage_error(runner: CliRunner) -> None:
    result = run(runner, "--format", "xml")
    assert result.exit_code == 2
    assert "xml" in result.stderr


def test_no_traceback_for_hostile_files(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "deep.yaml").write_bytes(b"[" * 10_000)
    (tmp_path / "binary.yaml").write_bytes(bytes(range(256)))
    (tmp_path / "utf16.yaml").write_bytes("id: utf16\n".encode("utf-16"))
    result = run(runner, str(tmp_path))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    assert all(TEXT_LINE.match(line) for line in lines[:-1])
    assert lines[-1] == "3 files checked: 3 invalid, 3 errors"
