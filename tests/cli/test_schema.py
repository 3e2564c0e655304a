"""`erhverv schema`: writing the JSON Schema, --check against stale files, and what the schema says."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, FIXTURES, ROOT, invoke
from typer.testing import CliRunner

from erhverv_cli.geography import MUNICIPALITIES
from erhverv_cli.models import Case
from erhverv_cli.paths import SCHEMA_ID
from erhverv_cli.schema import JSON_SCHEMA_DIALECT, build_schema, schema_text
from erhverv_cli.vocab import VOCABULARIES
from erhverv_cli.yamlsafe import parse_yaml

COMMITTED = Path("schemas") / "case.schema.json"


def run(runner: CliRunner, *args: str) -> Any:
    return invoke(runner, "schema", *args)


# -- writing and checking -----------------------------------------------------------------------------


def test_schema_is_written_to_the_output_file(runner: CliRunner, tmp_path: Path) -> None:
    output = tmp_path / "case.schema.json"
    result = run(runner, "-o", str(output))
    assert result.exit_code == 0
    assert (result.stdout, result.stderr) == ("", f"wrote {output}\n")
    assert output.read_text(encoding="utf-8") == schema_text()
    assert json.loads(output.read_text(encoding="utf-8")) == build_schema()


def test_schema_to_standard_output(runner: CliRunner) -> None:
    result = run(runner, "--output", "-")
    assert result.exit_code == 0
    assert result.stdout == schema_text()


def test_check_passes_on_a_fresh_file(runner: CliRunner, tmp_path: Path) -> None:
    output = tmp_path / "case.schema.json"
    assert run(runner, "-o", str(output)).exit_code == 0
    result = run(runner, "--check", "-o", str(output))
    assert result.exit_code == 0
    assert result.stdout == f"{output} is up to date\n"


def test_check_fails_on_a_stale_file_and_leaves_it_alone(runner: CliRunner, tmp_path: Path) -> None:
    output = tmp_path / "case.schema.json"
    stale = json.loads(schema_text())
    del stale["properties"]["summary_en"]
    stale_text = json.dumps(stale, indent=2, ensure_ascii=False) + "\n"
    output.write_text(stale_text, encoding="utf-8")
    result = run(runner, "--check", "-o", str(output))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"erhverv: error: {output} is out of date\n"
        f"  hint: run `erhverv schema --output {output}` and commit the result\n"
    )
    assert output.read_text(encoding="utf-8") == stale_text


def test_check_notices_a_difference_in_formatting_alone(runner: CliRunner, tmp_path: Path) -> None:
    output = tmp_path / "case.schema.json"
    output.write_text(json.dumps(build_schema()), encoding="utf-8")
    assert run(runner, "--check", "-o", str(output)).exit_code == 1


def test_check_fails_on_a_missing_file(runner: CliRunner, tmp_path: Path) -> None:
    output = tmp_path / "case.schema.json"
    result = run(runner, "--check", "-o", str(output))
    assert result.exit_code == 1
    assert result.stderr == (
        f"erhverv: error: {output} is missing\n"
        f"  hint: run `erhverv schema --output {output}` and commit the result\n"
    )
    assert not output.exists()


def test_committed_schema_is_up_to_date(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = run(runner, "--check", "-o", str(COMMITTED))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{COMMITTED} is up to date\n"


# -- content ------------------------------------------------------------------------------------------


def test_schema_header() -> None:
    schema = build_schema()
    assert schema["$schema"] == JSON_SCHEMA_DIALECT == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == SCHEMA_ID
    assert schema["title"]
    assert schema["description"]
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False


def test_schema_lists_every_field_with_a_description() -> None:
    schema = build_schema()
    assert list(schema["properties"]) == list(Case.model_fields)
    assert set(schema["required"]) == {name for name, info in Case.model_fields.items() if info.is_required()}
    for name, info in Case.model_fields.items():
        assert schema["properties"][name]["description"] == info.description


def test_nested_models_describe_their_fields() -> None:
    for name, definition in build_schema()["$defs"].items():
        if definition.get("type") == "object":
            assert definition["additionalProperties"] is False, name
            for field, spec in definition["properties"].items():
                assert spec.get("description"), f"{name}.{field}"


def test_vocabularies_are_enums_in_the_schema() -> None:
    defs = build_schema()["$defs"]
    for vocabulary in VOCABULARIES.values():
        assert defs[vocabulary.__name__]["enum"] == [member.value for member in vocabulary]


def test_municipalities_are_listed_by_official_name() -> None:
    items = build_schema()["properties"]["municipalities"]["items"]
    assert items["enum"] == list(MUNICIPALITIES)
    assert build_schema()["properties"]["municipalities"]["minItems"] == 1


# -- the schema agrees with the validator -------------------------------------------------------------


def _data(path: Path) -> Any:
    doc = parse_yaml(path.read_bytes())
    assert not doc.fatal
    return doc.data


@pytest.mark.parametrize(
    "path",
    sorted(CORPUS.glob("*.yaml")) + sorted((FIXTURES / "valid").glob("*.yaml")),
    ids=lambda path: f"{path.parent.name}/{path.name}",
)
def test_valid_cases_satisfy_the_schema(path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator(build_schema()).validate(_data(path))


@pytest.mark.parametrize(
    "name",
    [
        "missing-required.yaml",
        "unknown-field.yaml",
        "misspelt-municipality.yaml",
        "wrong-vocabulary.yaml",
        "wrong-vocabulary-in-list.yaml",
        "year-as-string.yaml",
        "title-as-integer.yaml",
        "id-not-kebab.yaml",
        "municipalities-empty.yaml",
    ],
)
def test_invalid_cases_break_the_schema_too(name: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(build_schema())
    assert list(validator.iter_errors(_data(FIXTURES / "invalid" / name)))


def test_check_in_a_project_without_its_schema_says_it_is_missing(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bundled schema is always "up to date": a project's CI step must see that its own file is
    gone, not pass on the bundled one."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "data").mkdir()
    shutil.copytree(CORPUS, tmp_path / "data" / "cases")
    monkeypatch.chdir(tmp_path)
    result = run(runner, "--check")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"erhverv: error: {tmp_path / 'schemas' / 'case.schema.json'} is missing")
    assert run(runner, "--output", "schemas/case.schema.json").exit_code == 2  # no such folder yet
    (tmp_path / "schemas").mkdir()
    assert run(runner, "--output", "schemas/case.schema.json").exit_code == 0
    assert run(runner, "--check").exit_code == 0
