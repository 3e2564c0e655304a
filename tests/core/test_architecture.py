"""The architecture holds: the core knows nothing of the terminal, records match the model, and no
module or function grows past what one person can read at once.

Imports are read from the source (every import statement, also those inside functions, since a lazy
import still runs), so a forbidden import fails here even on a path no other test takes.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import NotRequired, get_origin, get_type_hints

import pytest
from conftest import ROOT

from erhverv_cli import records

PACKAGE = ROOT / "erhverv_cli"
TERMINAL = {"typer", "click", "rich"}
# The layers allowed to know the terminal: the Typer app, the renderers, the command bodies and the
# console-script entry point that picks between the fast path and the app. The core may use a
# renderer that is plain text (fields, columns, formats, comparison), never the CLI.
OUTER = (
    "erhverv_cli.cli",
    "erhverv_cli.render",
    "erhverv_cli.commands",
    "erhverv_cli.entry",
    "erhverv_cli.__main__",
)
CLI = ("erhverv_cli.cli", "erhverv_cli.commands", "erhverv_cli.entry", "erhverv_cli.__main__")
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


@cache
def _imports(name: str) -> frozenset[str]:
    """Every module a module imports, anywhere in it, as absolute dotted names."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in MODULES)
    return frozenset(found)


def _closure(name: str) -> dict[str, str]:
    """Every module reachable from ``name`` through imports, each with the module that imports it."""
    seen: dict[str, str] = {name: ""}
    queue = [name]
    while queue:
        current = queue.pop()
        for imported in _imports(current):
            if imported not in seen:
                seen[imported] = current
                if imported in MODULES:
                    queue.append(imported)
    return seen


def _chain(seen: dict[str, str], name: str) -> str:
    chain = [name]
    while seen.get(chain[-1]):
        chain.append(seen[chain[-1]])
    return " <- ".join(chain)


CORE = sorted(name for name in MODULES if not name.startswith(OUTER))


def test_the_core_is_most_of_the_package() -> None:
    assert {
        "erhverv_cli.models",
        "erhverv_cli.search.engine",
        "erhverv_cli.api",
        "erhverv_cli.validation",
    } <= set(CORE)


@pytest.mark.parametrize("name", CORE)
def test_the_core_never_imports_the_terminal(name: str) -> None:
    seen = _closure(name)
    bad = sorted(module for module in seen if module.split(".")[0] in TERMINAL)
    assert not bad, f"{name} reaches {bad[0]}: {_chain(seen, bad[0])}"
    cli = sorted(module for module in seen if module.startswith(CLI))
    assert not cli, f"{name} reaches the CLI layer: {_chain(seen, cli[0])}"


PLAIN_RENDERERS = ["erhverv_cli.render.fields", "erhverv_cli.render.formats", "erhverv_cli.render.comparison"]


@pytest.mark.parametrize("name", PLAIN_RENDERERS)
def test_plain_text_renderers_never_import_the_terminal(name: str) -> None:
    seen = _closure(name)
    bad = sorted(module for module in seen if module.split(".")[0] in TERMINAL)
    assert not bad, f"{name} reaches {bad[0]}: {_chain(seen, bad[0])}"


def test_the_fast_path_and_command_bodies_do_not_import_typer_or_click() -> None:
    for name in ("erhverv_cli.commands", "erhverv_cli.arguments"):
        seen = _closure(name)
        bad = sorted(module for module in seen if module.split(".")[0] in {"typer", "click"})
        assert not bad, f"{name} reaches {bad[0]}: {_chain(seen, bad[0])}"


def test_the_import_reader_sees_lazy_imports() -> None:
    """The check is real: the app imports typer, and the engine's similar() imports lazily."""
    assert "typer" in _imports("erhverv_cli.cli.app")
    assert "erhverv_cli.search.similarity" in _imports("erhverv_cli.search.engine")


def _functions(tree: ast.AST) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


def test_no_module_is_longer_than_500_lines() -> None:
    long = {
        name: count
        for name, path in MODULES.items()
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not long


def test_no_function_is_longer_than_80_lines() -> None:
    long = {}
    for name, path in MODULES.items():
        for function in _functions(ast.parse(path.read_text(encoding="utf-8"))):
            length = (function.end_lineno or function.lineno) - function.lineno + 1
            if length > MAX_FUNCTION_LINES:
                long[f"{name}.{function.name}"] = length
    assert not long


def test_the_record_type_has_exactly_the_model_fields_and_the_derived_ones() -> None:
    from erhverv_cli.models import CASE_FIELDS

    keys = list(get_type_hints(records.CaseRecord))
    assert keys == [*CASE_FIELDS, *records.DERIVED_FIELDS]


def test_a_validated_case_gives_a_record_of_the_record_type() -> None:
    from erhverv_cli.models import Case

    hints = get_type_hints(records.CaseRecord, include_extras=True)
    optional = {key for key, hint in hints.items() if get_origin(hint) is NotRequired}
    case = Case.model_validate(
        {"id": "x", "title": "T", "type": "basal", "municipalities": ["Vejle", "Horsens"], "summary": "S."}
    )
    record = case.record()
    assert set(hints) - set(optional) <= set(record)
    assert set(record) <= set(hints)
    assert record["regions"] == ["Region Syddanmark", "Region Midtjylland"]


def test_core_tests_do_not_go_through_the_cli() -> None:
    """Two layers of tests: tests/core calls the core; commands are tested in tests/cli."""
    for path in sorted((ROOT / "tests" / "core").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {
            alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
        }
        names |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert not {name for name in names if name.split(".")[0] in {"typer", "click"}}, path.name
        assert not {name for name in names if name.startswith("erhverv_cli.cli")}, path.name
