"""`erhverv init`: scaffold a curator repository that validates its cases locally and in CI.

The repository gets ``data/cases/`` with one example case that validates, ``schemas/`` with the JSON
Schema (for editors and ``erhverv schema --check``), ``erhverv.toml`` (so every command finds the
cases, see :mod:`erhverv_cli.discovery`), a pre-commit configuration using this project's
``erhverv-validate`` hook, a GitHub Actions workflow, VS Code settings and a short README.

Existing files are never overwritten: they are planned with ``exists=True``, skipped and reported.
Each file is written to a temporary file beside it and published with ``os.link``, which fails
when the name is taken, so a file that appears between planning and writing is kept too (where the
filesystem has no hard links, an existence check and ``os.replace`` do instead).

Which erhverv do the hook and the workflow pin? The honest answer is the repository and revision
this copy was installed from, read from the installation's PEP 610 ``direct_url.json``
(:func:`installed_source`): a VCS install records the URL and the commit; a local or editable
install records ``file:///path``, and the revision is that checkout's ``HEAD`` (its last commit:
uncommitted changes are not part of any revision others can install). An install from a package
index records neither, so then the user must say ``--repo URL --rev REV``
(:func:`choose_source` raises the UsageError that says so). A URL or revision the user gives wins
over the recorded one.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import secrets
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

from erhverv_cli.errors import UsageError
from erhverv_cli.paths import expand_home

EXAMPLE_ID = "eksempel-ivaerksaetterhus"
CASES = "data/cases"
HOOK_ID = "erhverv-validate"
# Characters that could break out of the YAML and shell quoting the generated files use.
_UNSAFE_URL = re.compile(r"[\s\"'`$\\<>|;&(){}\x00-\x1f\x7f]")
_REV = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/+-]*")
_SCP_LIKE = re.compile(r"(?P<user>[^@/:]+@)?(?P<host>[^/:]+):(?P<path>(?!/).+)")


@dataclass(frozen=True)
class PlannedFile:
    """One file of the scaffold: where it goes, what it holds, and whether the name is taken."""

    path: Path
    relative: str  # inside the repository, with forward slashes, for messages
    text: str
    exists: bool


@dataclass(frozen=True)
class ScaffoldResult:
    """What :func:`write_repository` wrote and what it left alone because it already existed."""

    written: list[Path]
    skipped: list[Path]


def plan_repository(target: Path, *, repo_url: str, rev: str) -> list[PlannedFile]:
    """The files of a curator repository in ``target``, pinned to erhverv at ``repo_url``@``rev``."""
    repo_url, rev = check_source(repo_url, rev)
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} is a file, not a folder; give a folder to create the repository in")
    from erhverv_cli.schema import schema_text

    contents = {
        f"{CASES}/{EXAMPLE_ID}.yaml": example_case(),
        "schemas/case.schema.json": schema_text(),
        "erhverv.toml": ERHVERV_TOML,
        ".pre-commit-config.yaml": _fill(PRE_COMMIT_CONFIG, repo_url, rev),
        ".github/workflows/erhverv.yml": _fill(WORKFLOW, repo_url, rev),
        ".vscode/settings.json": VSCODE_SETTINGS,
        "README.md": _fill(README, repo_url, rev),
    }
    plan = []
    for relative, text in contents.items():
        path = target / relative
        plan.append(PlannedFile(path, relative, text, path.exists() or path.is_symlink()))
    return plan


def write_repository(plan: list[PlannedFile]) -> ScaffoldResult:
    """Write the planned files that do not exist yet, atomically, creating folders as needed."""
    written: list[Path] = []
    skipped: list[Path] = []
    for planned in plan:
        if planned.exists:
            skipped.append(planned.path)
            continue
        try:
            planned.path.parent.mkdir(parents=True, exist_ok=True)
            created = _publish(planned.path, planned.text.encode("utf-8"))
        except OSError as error:
            raise UsageError(f"cannot write {planned.path}: {error.strerror or error}") from None
        (written if created else skipped).append(planned.path)
    return ScaffoldResult(written, skipped)


def _publish(path: Path, data: bytes) -> bool:
    """Create ``path`` holding ``data`` unless it exists; False when it did. Never a partial file."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # umask applies
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            return False
        except OSError as error:
            if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
                raise
            if path.exists() or path.is_symlink():
                return False
            os.replace(temporary, path)
        return True
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def example_case() -> str:
    """The example case: clearly marked as one, and valid (checked by the tests)."""
    from erhverv_cli.authoring import NewCase, render_case

    case = NewCase(
        id=EXAMPLE_ID,
        title="Eksempel: Iværksætterhus i Køge",
        type="fokuseret",
        municipalities=["Køge"],
        summary=(
            "Et opdigtet eksempel, der viser, hvordan en case skrives: kommunen stiller kontorpladser, "
            "sparring og kurser til rådighed for nystartede virksomheder i et fælles iværksætterhus. "
            "Slet filen, når jeres egne cases er på plads."
        ),
        extra={
            "title_en": "Example: a start-up house in Køge",
            "summary_en": "A made-up example that shows the format; delete it once your own cases are in.",
            "started": 2020,
            "target_groups": ["iværksættere"],
            "instruments": ["inkubator", "vejledning", "kurser"],
        },
    )
    _, text = render_case(case)
    modeline, rest = text.split("\n", 1)
    note = "# EKSEMPEL: en opdigtet case, der viser formatet. Slet eller erstat den."
    return f"{modeline}\n{note}\n{rest}"


def check_source(repo_url: str, rev: str) -> tuple[str, str]:
    """The repository and revision, refused when they could break the files they are written into."""
    repo_url, rev = repo_url.strip(), rev.strip()
    if not repo_url or _UNSAFE_URL.search(repo_url):
        raise UsageError(f"--repo {repo_url!r} is not a usable repository URL or path")
    if not _REV.fullmatch(rev):
        raise UsageError(f"--rev {rev!r} is not a usable revision (a commit sha or tag)")
    return repo_url, rev


def pip_requirement(repo_url: str, rev: str) -> str:
    """``erhverv @ git+URL@REV``; a local path becomes a file URL, ``git@host:path`` an ssh URL."""
    if "://" in repo_url:
        url = repo_url
    elif (scp := _SCP_LIKE.fullmatch(repo_url)) is not None and not Path(repo_url).exists():
        url = f"ssh://{scp['user'] or ''}{scp['host']}/{scp['path']}"
    else:
        url = expand_home(repo_url, "the repository").resolve().as_uri()
    return f"erhverv @ git+{url}@{rev}"


def installed_source(distribution: str = "erhverv") -> tuple[str, str] | None:
    """The repository (URL, or path of a local checkout) and commit this erhverv was installed from."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import distribution as find_distribution

    try:
        raw = find_distribution(distribution).read_text("direct_url.json")
    except PackageNotFoundError:
        return None
    try:
        record = json.loads(raw or "")
    except ValueError:
        return None
    return _source_from_record(record) if isinstance(record, dict) else None


def _source_from_record(record: dict[str, object]) -> tuple[str, str] | None:
    """Read a PEP 610 record: git commit of a VCS install, or HEAD of a local checkout."""
    url, vcs = record.get("url"), record.get("vcs_info")
    if not isinstance(url, str):
        return None
    if isinstance(vcs, dict):
        commit = vcs.get("commit_id")
        return (url, commit) if vcs.get("vcs") == "git" and isinstance(commit, str) else None
    if "dir_info" in record and urlparse(url).scheme == "file":
        folder = Path(url2pathname(urlparse(url).path))
        commit = _checkout_head(folder)
        return (str(folder), commit) if commit else None
    return None


def _checkout_head(folder: Path) -> str | None:
    """HEAD of ``folder`` when it is itself the top of a git checkout (not a folder inside one)."""
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), "rev-parse", "--show-toplevel", "HEAD"],
            capture_output=True, text=True, timeout=20, check=False,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    lines = done.stdout.split()
    if done.returncode != 0 or len(lines) != 2:
        return None
    top, head = lines
    return head if Path(top).resolve() == folder.resolve() else None


def choose_source(repo_url: str | None, rev: str | None) -> tuple[str, str]:
    """What `erhverv init` pins: ``--repo``/``--rev`` where given, else where this copy came from."""
    if repo_url and rev:
        return check_source(repo_url, rev)
    known = installed_source()
    if known is None:
        raise UsageError(
            "cannot tell which repository and revision this erhverv was installed from (an install "
            "from a package index does not record them); give both --repo URL and --rev REV"
        )
    return check_source(repo_url or known[0], rev or known[1])


def _fill(template: str, repo_url: str, rev: str) -> str:
    requirement = pip_requirement(repo_url, rev)
    return (
        template.replace("@REPO_YAML@", json.dumps(repo_url, ensure_ascii=False))
        .replace("@REV_YAML@", json.dumps(rev))
        .replace("@REQUIREMENT@", requirement)
        .replace("@REPO@", repo_url)
        .replace("@REV@", rev)
    )


ERHVERV_TOML = """\
# erhverv project configuration. Every erhverv command run in this repository (validate, find,
# list, export, schema --check, …) works on the case files in data-dir, relative to this file,
# unless --data-dir or ERHVERV_DATA_DIR says otherwise. `erhverv info` shows what is in use.
data-dir = "data/cases"
"""

PRE_COMMIT_CONFIG = """\
# Check case files before they are committed: `pip install pre-commit && pre-commit install`.
# The hook runs `erhverv validate` on staged files under a cases/ folder.
repos:
  - repo: @REPO_YAML@
    rev: @REV_YAML@
    hooks:
      - id: erhverv-validate
"""

WORKFLOW = """\
# Validate the case files on every push and pull request; errors are annotated on the changed lines.
name: erhverv

on:
  push:
  pull_request:

jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - name: Install erhverv (the revision pinned in .pre-commit-config.yaml too)
        run: |
          python -m pip install "@REQUIREMENT@"
      - name: Validate the case files (data-dir in erhverv.toml)
        run: |
          erhverv validate --format github
      - name: The JSON Schema in schemas/ matches this erhverv
        run: |
          erhverv schema --check
"""

VSCODE_SETTINGS = (
    json.dumps(
        {"yaml.schemas": {"./schemas/case.schema.json": [f"{CASES}/*.yaml", f"{CASES}/**/*.yaml"]}},
        indent=2,
    )
    + "\n"
)

README = """\
# Case catalogue

Good-practice cases of Danish municipal business promotion, one YAML file per case in
`data/cases/`, checked with [erhverv](@REPO@) (pinned to `@REV@`).

## Add a case

    erhverv new            # asks for title, type, municipalities and summary
    erhverv validate       # every error as file:line:col

Or copy `data/cases/eksempel-ivaerksaetterhus.yaml` (an example: delete it once your own cases
are in). The file name is the case's `id` plus `.yaml`; erhverv's README has the authoring guide
(every field, the vocabularies, the 98 kommuner). Editors with the YAML language server
(VS Code: the Red Hat YAML extension) check fields as you type, using `schemas/case.schema.json`.

## Checks

- Before each commit: `pip install pre-commit && pre-commit install` (see `.pre-commit-config.yaml`).
- In CI: `.github/workflows/erhverv.yml` runs `erhverv validate` and `erhverv schema --check`.

To move to a newer erhverv, change `rev:` in `.pre-commit-config.yaml` and the revision in the
workflow, then run `erhverv schema` to update the schema file.

Install erhverv at the pinned revision: `pip install "@REQUIREMENT@"`
"""
