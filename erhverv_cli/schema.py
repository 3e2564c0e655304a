"""The published JSON Schema of a case file, generated from the pydantic models."""

from __future__ import annotations

import json
from typing import Any

from erhverv_cli.paths import SCHEMA_ID

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def published(model: Any, schema_id: str, title: str, description: str) -> dict[str, Any]:
    """A model's JSON Schema as published: ``$schema``, ``$id``, our title and description first."""
    generated = model.model_json_schema(mode="validation")
    schema: dict[str, Any] = {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": schema_id,
        "title": title,
        "description": description,
    }
    schema.update({key: value for key, value in generated.items() if key not in ("title", "description")})
    return schema


def schema_json(schema: dict[str, Any]) -> str:
    """A schema as the exact text committed under schemas/."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def build_schema() -> dict[str, Any]:
    """The JSON Schema for one case file, with ``$schema``, ``$id``, title and descriptions."""
    from erhverv_cli.models import Case

    return published(
        Case,
        SCHEMA_ID,
        "erhverv case",
        "One good-practice case of Danish municipal business promotion (kommunal erhvervsfremme). "
        "Generated from erhverv_cli.models by `erhverv schema`; do not edit by hand.",
    )


def schema_text() -> str:
    """The schema as the exact text committed to schemas/case.schema.json."""
    return schema_json(build_schema())
