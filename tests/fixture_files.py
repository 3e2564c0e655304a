"""The fixture files of tests/fixtures/valid and tests/fixtures/invalid, and what each invalid one
declares it must produce.

Every file in tests/fixtures/invalid/ states its findings, one per line, in the form the text
report prints after the file name::

    # expect: LINE:COL: FIELD: MESSAGE        (or LINE:COL: MESSAGE when the finding has no field)

Files that cannot hold a readable comment (UTF-16, empty) keep those lines in a sidecar
``<name>.expected``. A line ``# xfail: reason`` marks a fixture whose expectation states the
correct behaviour of a known bug (run as a strict xfail until it is fixed).
"""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES

INVALID_DIR = FIXTURES / "invalid"
VALID_DIR = FIXTURES / "valid"
INVALID_FIXTURES = sorted(INVALID_DIR.glob("*.yaml"))
VALID_FIXTURES = sorted(VALID_DIR.glob("*.yaml"))

EXPECT = "# expect: "
XFAIL = "# xfail: "


def _annotation_lines(path: Path) -> list[str]:
    sidecar = path.with_suffix(".expected")
    source = sidecar if sidecar.exists() else path
    # Non-UTF-8 fixtures still carry their expectation as an ASCII comment.
    return source.read_bytes().decode("utf-8", errors="replace").splitlines()


def expected_findings(path: Path) -> list[str]:
    """The findings a fixture declares, as ``LINE:COL: [FIELD: ]MESSAGE`` strings."""
    return [line.removeprefix(EXPECT) for line in _annotation_lines(path) if line.startswith(EXPECT)]


def xfail_reason(path: Path) -> str | None:
    """The known bug a fixture documents, if any."""
    reasons = [line.removeprefix(XFAIL) for line in _annotation_lines(path) if line.startswith(XFAIL)]
    return reasons[0] if reasons else None
