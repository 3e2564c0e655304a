"""Which folder of case files a command works on, and why: one rule for every command.

The order, first match wins:

1. ``--data-dir`` (passed in by the CLI);
2. the environment variable ``ERHVERV_DATA_DIR`` — empty or only spaces counts as unset, as with
   most tools, so ``ERHVERV_DATA_DIR= erhverv …`` switches it off;
3. the nearest project configuration above the working folder: ``erhverv.toml`` (key ``data-dir``)
   or a ``pyproject.toml`` with a ``[tool.erhverv]`` table (key ``data-dir``); the path is relative
   to that file's folder. In one folder ``erhverv.toml`` beats ``pyproject.toml``; a pyproject.toml
   without the table does not count and the search goes on upward. A configuration that exists but
   has no ``data-dir`` is an error rather than silently ignored;
4. a ``data/cases`` folder in the working folder or a parent;
5. the corpus bundled with the tool.

Steps 3 and 4 look upward no further than the repository root (the nearest folder holding ``.git``,
a folder or, in worktrees and submodules, a file) or the filesystem root, so a curator repository
never picks up a corpus that happens to lie above it. Step 3 is tried in full before step 4: an
explicit configuration beats a folder that merely has the conventional name.

Paths keep the spelling they were given (``~`` expanded, made absolute, symlinks not resolved) so
messages show what the user wrote; existence is checked on the resolved target. This runs on every
start-up, so it imports only the standard library, and ``tomllib`` only when a configuration file
is actually read (a pyproject.toml that never mentions erhverv is not even parsed).
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from erhverv_cli.errors import InvalidDataError, UsageError
from erhverv_cli.paths import (
    DATA_DIR_ENV,
    SCHEMA_FILE_NAME,
    bundled_cases_dir,
    bundled_schema_dir,
    expand_home,
)

CONFIG_FILE = "erhverv.toml"
PYPROJECT_FILE = "pyproject.toml"
CONFIG_KEY = "data-dir"
CONVENTIONAL_FOLDER = Path("data") / "cases"
ORIGINS = ("option", "environment", "config", "folder", "bundled")


@dataclass(frozen=True)
class CorpusLocation:
    """Where the case files are, how that was decided, and the project they belong to."""

    path: Path
    origin: str  # one of ORIGINS
    reason: str  # for people: "--data-dir", "data-dir in /x/erhverv.toml", …
    config: Path | None = None
    root: Path | None = None  # project root: the config's folder, the folder holding data/, or the repo

    @property
    def bundled(self) -> bool:
        """True for the corpus shipped with the tool: nothing of the user's was found."""
        return self.origin == "bundled"

    def display(self, cwd: Path | None = None) -> str:
        """The path relative to ``cwd`` when it lies inside it (``data/cases``), else absolute."""
        return display_path(self.path, cwd)


def display_path(path: Path, cwd: Path | None = None) -> str:
    """``path`` relative to ``cwd`` (default: the working folder) when inside it, else as is."""
    if cwd is None:
        try:
            cwd = Path.cwd()
        except OSError:
            return str(path)
    if path.is_absolute() and path.is_relative_to(cwd):
        return str(path.relative_to(cwd)) if path != cwd else "."
    return str(path)


def find_corpus(
    data_dir: str | Path | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> CorpusLocation:
    """The corpus to use, by the order in the module docstring; raises ErhvervError subclasses.

    ``data_dir`` should be the option's raw text: a ``Path`` cannot tell ``--data-dir ''`` from ``.``.
    """
    environ = os.environ if environ is None else environ
    here = _working_folder(cwd)
    if data_dir is not None:
        text = str(data_dir)
        if not text.strip():
            raise UsageError("--data-dir is empty; give a folder of case files")
        path = _checked_folder(_absolute(text, here, "--data-dir"), "--data-dir")
        return CorpusLocation(path, "option", "--data-dir", None, _repository_of(path))
    configured = environ.get(DATA_DIR_ENV, "")
    if configured.strip():
        path = _checked_folder(_absolute(configured, here, DATA_DIR_ENV), DATA_DIR_ENV)
        return CorpusLocation(path, "environment", DATA_DIR_ENV, None, _repository_of(path))
    found = _from_config(here) or _from_folder(here)
    if found is not None:
        return found
    return CorpusLocation(bundled_cases_dir(), "bundled", "bundled corpus")


def find_schema_file(corpus: CorpusLocation) -> Path:
    """The project's ``schemas/case.schema.json`` when the project has one, else the bundled schema."""
    if corpus.root is not None:
        candidate = corpus.root / "schemas" / SCHEMA_FILE_NAME
        if candidate.is_file():
            return candidate
    return bundled_schema_dir() / SCHEMA_FILE_NAME


def repository_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds ``.git`` (a folder or a file)."""
    for folder in _upward(start):
        if os.path.lexists(folder / ".git"):
            return folder
    return None


def _working_folder(cwd: Path | None) -> Path:
    if cwd is None:
        try:
            return Path.cwd()
        except OSError as error:
            raise UsageError(f"cannot use the working folder: {error.strerror}") from None
    return Path(os.path.abspath(cwd)) if not cwd.is_absolute() else cwd


def _upward(start: Path) -> Iterator[Path]:
    yield start
    yield from start.parents


def _search_folders(start: Path) -> Iterator[Path]:
    """``start`` and its parents, up to and including the repository root or the filesystem root."""
    for folder in _upward(start):
        yield folder
        if os.path.lexists(folder / ".git"):
            return


def _absolute(text: str, base: Path, source: str) -> Path:
    """``text`` with ``~`` expanded, made absolute against ``base``; NUL bytes are refused."""
    if "\0" in text:
        raise UsageError(f"{source} contains a NUL byte; give a folder of case files")
    return base / expand_home(text, source)


_WHERE_CASES_ARE = "give the folder that holds the case files (*.yaml)"


def _checked_folder(path: Path, source: str) -> Path:
    """``path`` unchanged when it is (or links to) a folder; else a usage error naming ``source``
    (exit 2: a folder that is not there is a wrong setting, not invalid data nor an empty search)."""
    try:
        mode = os.stat(path).st_mode  # follows symbolic links
    except (FileNotFoundError, NotADirectoryError):
        raise UsageError(f"{source} points to {path}, which does not exist", hint=_WHERE_CASES_ARE) from None
    except OSError as error:
        raise _os_error(path, source, error) from None
    if not stat.S_ISDIR(mode):
        raise UsageError(f"{source} points to {path}, which is not a folder", hint=_WHERE_CASES_ARE)
    return path


def _os_error(path: Path, source: str, error: OSError) -> UsageError:
    if error.errno == errno.ENAMETOOLONG:
        return UsageError(f"{source} is too long to be a path ({len(str(path))} characters)")
    if error.errno == errno.ELOOP:
        return UsageError(f"{source} points to {path}, a loop of symbolic links")
    return UsageError(f"{source} points to {path}, which cannot be read: {error.strerror or error}")


def _repository_of(path: Path) -> Path | None:
    try:
        return repository_root(path.resolve())
    except OSError:
        return None


def _from_folder(here: Path) -> CorpusLocation | None:
    for folder in _search_folders(here):
        candidate = folder / CONVENTIONAL_FOLDER
        if candidate.is_dir():
            reason = f"{CONVENTIONAL_FOLDER.as_posix()} found in {folder}"
            return CorpusLocation(candidate, "folder", reason, None, folder)
    return None


def _from_config(here: Path) -> CorpusLocation | None:
    """The nearest configuration's corpus, or None when no configuration is found."""
    for folder in _search_folders(here):
        config = folder / CONFIG_FILE
        if config.is_file():
            settings = _read_toml(_read_bytes(config), config)
            return _configured(settings, config, "data-dir in")
        pyproject = folder / PYPROJECT_FILE
        if pyproject.is_file():
            raw = _read_bytes(pyproject)
            if b"erhverv" not in raw:  # cannot hold [tool.erhverv]: skip the parse
                continue
            tool = _read_toml(raw, pyproject).get("tool", {})
            section = tool.get("erhverv") if isinstance(tool, dict) else None
            if isinstance(section, dict):
                return _configured(section, pyproject, "[tool.erhverv] data-dir in")
    return None


def _configured(settings: dict[str, Any], config: Path, label: str) -> CorpusLocation:
    reason = f"{label} {config}"
    value = settings.get(CONFIG_KEY)
    if value is None:
        raise InvalidDataError(f'{config}: no {CONFIG_KEY}; add {CONFIG_KEY} = "data/cases" (relative to it)')
    if not isinstance(value, str) or not value.strip() or "\0" in value:
        where = _key_position(config)
        raise InvalidDataError(f"{where}: {CONFIG_KEY} must be a folder as a string, not {_kind(value)}")
    path = _checked_folder(_absolute(value, config.parent, reason), reason)
    return CorpusLocation(path, "config", reason, config, config.parent)


def _kind(value: object) -> str:
    if isinstance(value, str):
        return "a string with a NUL byte" if "\0" in value else "an empty string"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    return "a table" if isinstance(value, dict) else "a list" if isinstance(value, list) else "a date"


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror or error}") from None


_TOML_POSITION = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$")


def _read_toml(raw: bytes, source: Path) -> dict[str, Any]:
    """Parse a configuration file; errors name ``file:line:col`` as tomllib reports it."""
    import tomllib

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidDataError(f"{source}: not UTF-8 text (byte {error.start + 1})") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _TOML_POSITION.search(message)
        if match is None:
            raise InvalidDataError(f"{source}: invalid TOML: {message}") from None
        if match[1] is None:  # "at end of document": the position after the last character
            last = text.rsplit("\n", 1)[-1]
            line, col = text.count("\n") + 1, len(last) + 1
        else:
            line, col = int(match[1]), int(match[2])
        detail = message[: match.start()]
        raise InvalidDataError(f"{source}:{line}:{col}: invalid TOML: {detail}") from None


_KEY_LINE = re.compile(rf"^([ \t]*)[\"']?{re.escape(CONFIG_KEY)}[\"']?\s*=", re.MULTILINE)


def _key_position(config: Path) -> str:
    """``file:line:col`` of the ``data-dir`` key, best effort (tomllib gives no value positions)."""
    try:
        text = config.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return str(config)
    match = _KEY_LINE.search(text)
    if match is None:
        return str(config)
    line = text.count("\n", 0, match.start()) + 1
    return f"{config}:{line}:{len(match[1]) + 1}"
