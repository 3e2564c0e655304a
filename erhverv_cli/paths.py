"""Where the bundled corpus and schema live, in a checkout and in an installed wheel."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent
DATA_DIR_ENV = "ERHVERV_DATA_DIR"
SCHEMA_FILE_NAME = "case.schema.json"
SCHEMA_ID = "urn:erhverv:schema:case:v1"


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[-1]


def bundled_cases_dir() -> Path:
    """The corpus shipped with the tool: inside the wheel, or data/cases in a checkout."""
    return _first_existing(_PACKAGE / "_bundled" / "cases", _CHECKOUT / "data" / "cases")


def bundled_schema_dir() -> Path:
    """The published JSON Schema folder: inside the wheel, or schemas/ in a checkout."""
    return _first_existing(_PACKAGE / "_bundled" / "schemas", _CHECKOUT / "schemas")


def checkout_schema_file() -> Path:
    """Where `erhverv schema` writes: the repository's schemas/ folder (or the bundled one when installed)."""
    return bundled_schema_dir() / SCHEMA_FILE_NAME


def default_data_dir() -> Path:
    """The corpus to query: $ERHVERV_DATA_DIR when set, else the bundled one."""
    configured = os.environ.get(DATA_DIR_ENV)
    return Path(configured).expanduser() if configured else bundled_cases_dir()


def case_files(root: Path) -> list[Path]:
    """The case files under a folder (``*.yaml`` and ``*.yml``, recursively, sorted)."""
    found = [p for pattern in ("*.yaml", "*.yml") for p in root.rglob(pattern) if p.is_file()]
    return sorted(found)
