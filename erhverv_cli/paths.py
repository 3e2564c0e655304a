"""Where the bundled corpus and schema live, in a checkout and in an installed wheel."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent
DATA_DIR_ENV = "ERHVERV_DATA_DIR"
THESAURUS_FILE_NAME = "thesaurus.yaml"
SCHEMA_FILE_NAME = "case.schema.json"
SCHEMA_ID = "urn:erhverv:schema:case:v1"
CASE_SUFFIXES = (".yaml", ".yml")  # in lower case, as pre-commit's pattern and editors' schema mapping


def misnamed_case_file(name: str) -> str | None:
    """The warning for a file that looks like a case file but is not read as one (``x.YAML``,
    ``x.Yml``): its suffix is not in lower case. None for any other name."""
    if name.endswith(CASE_SUFFIXES) or not name.lower().endswith(CASE_SUFFIXES):
        return None
    suffix = ".yaml" if name.lower().endswith(".yaml") else ".yml"
    rename = name[: -len(suffix)] + suffix
    return f"is not read: case files end in .yaml or .yml, in lower case; rename it to {rename}"


def expand_home(text: str | Path, source: str) -> Path:
    """``text`` with a leading ``~`` or ``~user`` made the home folder; a usage error naming
    ``source`` (an option, a variable, a setting; "" for an argument) when there is no such home."""
    try:
        return Path(text).expanduser()
    except RuntimeError:  # "~nouser", or no $HOME and no password entry
        from erhverv_cli.errors import UsageError

        user = str(text).split("/", 1)[0]
        where = f"{source}: " if source else ""
        raise UsageError(
            f"{where}'{text}' begins with {user}, but there is no such home folder",
            hint="give the folder's full path",
        ) from None


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


def bundled_thesaurus_file() -> Path:
    """The thesaurus shipped with the tool: in the wheel (pyproject's force-include puts it at
    erhverv_cli/_bundled/thesaurus.yaml), or data/thesaurus.yaml in a checkout."""
    candidates = (_PACKAGE / "_bundled" / THESAURUS_FILE_NAME, _CHECKOUT / "data" / THESAURUS_FILE_NAME)
    return next((candidate for candidate in candidates if candidate.is_file()), candidates[-1])


def case_files(root: Path, warnings: list[str] | None = None) -> list[Path]:
    """The case files under a folder (``*.yaml`` and ``*.yml``, recursively, sorted).

    Hidden folders are skipped and linked folders never followed. Names of non-regular files
    (a FIFO called ``x.yaml``) are included, so the reader can refuse them with a message; a
    folder that cannot be read is skipped with a warning in ``warnings``.
    """

    def unreadable(error: OSError) -> None:
        if warnings is not None:
            warnings.append(f"skipped folder {error.filename}: {(error.strerror or str(error)).lower()}")

    found: list[Path] = []
    for folder, folders, files in os.walk(root, onerror=unreadable, followlinks=False):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        base = Path(folder)
        found += [base / name for name in files if name.endswith(CASE_SUFFIXES)]
        if warnings is not None:
            warnings += [f"{base / name} {why}" for name in files if (why := misnamed_case_file(name))]
    return sorted(found)
