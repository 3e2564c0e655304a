"""The README and docs/ tell the truth: real example output, current generated tables, Python
examples that run, links that resolve, and the CI test line."""

from __future__ import annotations

import doctest
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from erhverv_cli import api

DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
PYCON = re.compile(r"```pycon\n(.*?)```", re.DOTALL)


def test_examples_and_generated_tables_are_current() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "update_readme.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr + "\n(run: python scripts/update_readme.py)"


def _pycon_blocks() -> list[tuple[str, int, str]]:
    found = []
    for path in DOCUMENTS:
        text = path.read_text(encoding="utf-8")
        for match in PYCON.finditer(text):
            found.append(
                (path.relative_to(ROOT).as_posix(), text.count("\n", 0, match.start()) + 1, match.group(1))
            )
    return found


def test_there_are_python_examples() -> None:
    assert any(name == "README.md" for name, _, _ in _pycon_blocks())


@pytest.mark.parametrize(("name", "line", "block"), _pycon_blocks(), ids=lambda v: str(v)[:20])
def test_python_examples_run_as_shown(
    name: str, line: int, block: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pandas")
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("ERHVERV_DATA_DIR", raising=False)
    monkeypatch.setattr(api, "_default", None)
    test = doctest.DocTestParser().get_doctest(block, {}, name, name, line)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    report: list[str] = []
    try:
        runner.run(test, out=report.append)
    finally:
        if api._default is not None:
            api._default.close()
    assert runner.failures == 0, "".join(report)


def _links(path: Path) -> list[str]:
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
    return [target for target in re.findall(r"\]\(([^)\s]+)\)", text) if "://" not in target]


def _anchors(markdown: str) -> set[str]:
    """GitHub's anchors for the headings of a document: lower case, punctuation dropped, spaces as
    hyphens, and -1, -2, … after a heading's second and later occurrences."""
    anchors: set[str] = set()
    seen: dict[str, int] = {}
    fenced = False
    for line in markdown.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        if fenced or not re.match(r"#{1,6} ", line):
            continue
        slug = re.sub(r"[^\w\- ]", "", line.lstrip("#").strip().lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        anchors.add(slug if count == 0 else f"{slug}-{count}")
    return anchors


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_links_between_documents_resolve(path: Path) -> None:
    for target in _links(path):
        file, _, anchor = target.partition("#")
        linked = (path.parent / file).resolve() if file else path
        assert linked.exists(), f"{path.name}: link to missing {target}"
        if anchor and linked.suffix == ".md":
            assert anchor in _anchors(linked.read_text(encoding="utf-8")), (
                f"{path.name}: no heading for #{anchor}"
            )


def _quick_start() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Quick start.*?```bash\n(.*?)```", readme, re.DOTALL)
    assert block is not None, "the README has a Quick start with a bash block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_is_two_lines_and_ci_runs_the_second_verbatim() -> None:
    lines = _quick_start()
    assert len(lines) == 2
    assert "erhverv find --type fokuseret" in lines[0]
    assert "pytest" in lines[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert lines[1] in ci


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_no_placeholders(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for marker in ("TODO", "TBD", "FIXME", "XXX", "No benchmark has been run yet"):
        assert marker not in text, f"{path.name} contains {marker}"


def test_the_revisions_the_readme_pins_are_commits_with_the_hook() -> None:
    """The README says its pre-commit `rev` exists: each pinned hash is a commit of this repository
    that holds the hook's definition (skipped outside a git checkout, as in an unpacked wheel)."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    shallow = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--is-shallow-repository"],
        capture_output=True,
        text=True,
        check=False,
    )
    if shallow.stdout.strip() != "false":
        pytest.skip("a shallow clone holds only the newest commits")
    pinned = set(re.findall(r"\b[0-9a-f]{40}\b", (ROOT / "README.md").read_text(encoding="utf-8")))
    assert pinned, "the README pins no revision"
    for revision in pinned:
        done = subprocess.run(
            ["git", "-C", str(ROOT), "cat-file", "-e", f"{revision}:.pre-commit-hooks.yaml"],
            capture_output=True, check=False,
        )  # fmt: skip
        assert done.returncode == 0, f"{revision} is no commit of this repository with .pre-commit-hooks.yaml"
