"""The published JSON Schema of a case file, generated from the pydantic models."""

from __future__ import annotations

import json
from typing import Any

from erhverv_cli.paths import SCHEMA_ID

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def build_schema() -> dict[str, Any]:
    """The JSON Schema for one case file, with ``$schema``, ``$id``, title and descriptions."""
    from erhverv_cli.models import Case

    generated = Case.model_json_schema(mode="validation")
    schema: dict[str, Any] = {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": SCHEMA_ID,
        "title": "erhverv case",
        "description": (
            "One good-practice case of Danish municipal business promotion (kommunal erhvervsfremme). "
            "Generated from erhverv_cli.models by `erhverv schema`; do not edit by hand."
        ),
    }
    schema.update({key: value for key, value in generated.items() if key not in ("title", "description")})
    return schema


def schema_text() -> str:
    """The schema as the exact text committed to schemas/case.schema.json."""
    return json.dumps(build_schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
