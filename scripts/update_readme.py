#!/usr/bin/env python3
"""Keep the README and docs/ honest: regenerate their example outputs and tables from the code.

usage: python scripts/update_readme.py [--check]

In README.md and every docs/*.md:

- each ```console block's `$ erhverv …` lines are run (at 100 columns, no colour, piped, from the
  repository root, on the bundled corpus with a fresh index cache) and their output replaced; the
  temporary cache folder is written as ~/.cache/erhverv, where it is by default, and the index file's
  name (a hash of the corpus's absolute path, different in every clone) as index-….sqlite3;
- the text between `<!-- NAME:start -->` and `<!-- NAME:end -->` is rebuilt, for NAME in
  `vocabularies` (from erhverv_cli.vocab), `case-fields` (from the JSON Schema),
  `ranking-settings` (erhverv_cli/search/settings.py), `search-quality` and `similar-agreement` (from
  scripts/evaluate_search.py) and `benchmark` (benchmarks/results.md, as benchmarks/run.py last wrote it).

```pycon blocks are not rewritten: tests/test_readme.py runs them as doctests.
With --check nothing is written; the exit status says whether every file is up to date (a test runs this).
"""

from __future__ import annotations

import os
import re
import shlex
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"^( *)```console\n(.*?)^\1```", re.DOTALL | re.MULTILINE)
MARKED = re.compile(r"(<!-- ([a-z-]+):start -->\n)(.*?)(<!-- \2:end -->)", re.DOTALL)
BENCHMARK_RESULTS = ROOT / "benchmarks" / "results.md"
WIDTH = "100"


def vocabulary_tables() -> str:
    from erhverv_cli.vocab import VOCABULARIES

    parts = []
    for field_name, vocabulary in VOCABULARIES.items():
        parts.append(f"**`{field_name}`**\n\n| value | meaning |\n|---|---|")
        parts += [f"| `{member.value}` | {member.meaning} |" for member in vocabulary]
        parts.append("")
    return "\n".join(parts)


def _kind(spec: dict[str, Any], definitions: dict[str, Any]) -> str:
    """A schema property's type in words: 'text', 'whole number', 'list of Funding', 'CaseType'."""
    options = [option for option in spec.get("anyOf", [spec]) if option.get("type") != "null"]
    if len(options) != 1:
        return " or ".join(_kind(option, definitions) for option in options)
    option = options[0]
    if "$ref" in option:
        name = option["$ref"].rsplit("/", 1)[1]
        target = definitions[name]
        return (
            "a value from [the vocabularies](#vocabularies)"
            if "enum" in target
            else f"[{name}](#{name.lower()})"
        )
    kind = option.get("type")
    if kind == "array":
        return "list of " + _kind(option["items"], definitions)
    words = {"string": "text", "integer": "whole number", "number": "number", "boolean": "yes/no"}
    text = words.get(str(kind), str(kind))
    if "minimum" in option and "maximum" in option and kind == "integer":
        text += f" {option['minimum']}–{option['maximum']}"
    if "maxLength" in option:
        text += f" (at most {option['maxLength']} characters)"
    return text


def _field_table(properties: dict[str, Any], required: list[str], definitions: dict[str, Any]) -> str:
    rows = ["| field | required | what it holds | description |", "|---|---|---|---|"]
    for name, spec in properties.items():
        description = " ".join(str(spec.get("description", "")).split()).replace("|", "\\|")
        needed = "yes" if name in required else ""
        rows.append(f"| `{name}` | {needed} | {_kind(spec, definitions)} | {description} |")
    return "\n".join(rows) + "\n"


def field_tables() -> str:
    """The case file's fields and those of its nested objects, from the JSON Schema the models make."""
    from erhverv_cli.schema import build_schema

    schema = build_schema()
    definitions = schema.get("$defs", {})
    parts = ["#### The case\n", _field_table(schema["properties"], schema.get("required", []), definitions)]
    for name, definition in definitions.items():
        if "properties" in definition:
            parts.append(f"#### {name}\n")
            if definition.get("description"):
                parts.append(" ".join(definition["description"].split()) + "\n")
            parts.append(_field_table(definition["properties"], definition.get("required", []), definitions))
    return "\n".join(parts)


def ranking_settings() -> str:
    """erhverv_cli/search/settings.py as tables: each block comment a heading, each constant a row
    with its value and its own comment."""
    import ast

    from erhverv_cli.search import settings

    source = Path(settings.__file__).read_text(encoding="utf-8")
    lines = source.splitlines()
    parts: list[str] = []
    for node in ast.parse(source).body:
        target = node.targets[0] if isinstance(node, ast.Assign) else getattr(node, "target", None)
        name = getattr(target, "id", "")
        if not name.isupper():
            continue
        above = lines[node.lineno - 2].strip()
        if above.startswith("#"):
            parts += ["", above.lstrip("# "), "", "| setting | value | what it does |", "|---|---|---|"]
        comment = lines[(node.end_lineno or node.lineno) - 1].partition("  # ")[2].strip()
        if not comment:
            raise SystemExit(f"search/settings.py: {name} needs a comment saying what it does")
        value = getattr(settings, name)
        shown = ", ".join(f"{k} {v:g}" for k, v in value.items()) if isinstance(value, dict) else f"{value:g}"
        escaped = comment.replace("|", "\\|")
        rows = f"| `{name}` | {shown} | {escaped} |"
        parts.append(rows)
    return "\n".join(parts).lstrip("\n") + "\n"


def search_quality() -> str:
    from evaluate_search import quality_table

    return quality_table() + "\n"


def similar_agreement() -> str:
    from evaluate_search import similar_table

    return similar_table() + "\n"


def benchmark_results() -> str:
    """The targets of the last benchmark run, as benchmarks/run.py wrote them (growth, every command
    and the machine are in benchmarks/results.md)."""
    if not BENCHMARK_RESULTS.exists():
        return "No benchmark has been run yet: `python benchmarks/run.py`.\n"
    text = BENCHMARK_RESULTS.read_text(encoding="utf-8")
    targets = text.split("\nGrowth", 1)[0].strip()
    targets = re.sub(r"^#+ .*\n+", "", targets)  # the README gives its own heading
    return targets + "\n\nGrowth, every command, the corpora and the machine: `benchmarks/results.md`.\n"


GENERATED: dict[str, Callable[[], str]] = {
    "vocabularies": vocabulary_tables,
    "case-fields": field_tables,
    "ranking-settings": ranking_settings,
    "search-quality": search_quality,
    "similar-agreement": similar_agreement,
    "benchmark": benchmark_results,
}


class Examples:
    """Runs `erhverv …` lines as a user's piped terminal would, against one fresh cache."""

    def __init__(self, cache: str) -> None:
        self.cache = cache
        self.env = {
            "NO_COLOR": "1",
            "COLUMNS": WIDTH,
            "TERM": "dumb",
            "ERHVERV_DATA_DIR": str(ROOT / "data" / "cases"),
            "ERHVERV_CACHE_DIR": cache,
            "ERHVERV_LANG": "",
        }

    def run(self, command: str) -> str:
        from typer.testing import CliRunner

        from erhverv_cli.cli import app

        args = shlex.split(command)
        assert args[0] == "erhverv", command
        result = CliRunner(env=self.env).invoke(app, args[1:], prog_name="erhverv")
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise RuntimeError(f"{command!r} raised {result.exception!r}")
        output = result.output.replace(self.cache, "~/.cache/erhverv")
        output = re.sub(r"index-[0-9a-f]{8,}\.sqlite3", "index-….sqlite3", output)
        return "\n".join(line.rstrip() for line in output.rstrip("\n").splitlines())

    def block(self, body: str, indent: str = "") -> str:
        """A console block's commands with their fresh output (a block in a list item is indented)."""
        out = []
        for line in body.splitlines():
            line = line.removeprefix(indent)
            if line.startswith("$ erhverv "):
                out += [line, *self.run(line[2:]).splitlines()]
            elif line.startswith("$ "):
                out.append(line)
        return "".join(f"{indent}{line}".rstrip() + "\n" for line in out)


def updated(text: str, examples: Examples, generated: dict[str, str]) -> str:
    text = BLOCK.sub(
        lambda m: f"{m.group(1)}```console\n{examples.block(m.group(2), m.group(1))}{m.group(1)}```", text
    )

    def section(match: re.Match[str]) -> str:
        name = match.group(2)
        if name not in generated:
            generated[name] = GENERATED[name]()
        return match.group(1) + generated[name] + match.group(4)

    return MARKED.sub(section, text)


def main() -> int:
    check = "--check" in sys.argv[1:]
    stale = []
    previous = Path.cwd()
    os.chdir(ROOT)  # examples name files relative to the repository root
    try:
        with tempfile.TemporaryDirectory() as cache:
            examples = Examples(cache)
            generated: dict[str, str] = {}
            for path in DOCUMENTS:
                current = path.read_text(encoding="utf-8")
                fresh = updated(current, examples, generated)
                if fresh != current:
                    stale.append(path.relative_to(ROOT))
                    if not check:
                        path.write_text(fresh, encoding="utf-8")
    finally:
        os.chdir(previous)
    if not stale:
        print("README.md and docs/ are up to date")
        return 0
    names = ", ".join(str(name) for name in stale)
    if check:
        print(f"out of date: {names}; run: python scripts/update_readme.py", file=sys.stderr)
        return 1
    print(f"updated: {names}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
