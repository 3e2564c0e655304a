#!/usr/bin/env python3
"""Keep the README honest: regenerate its example outputs and vocabulary tables from the code.

usage: python scripts/update_readme.py [--check]

Every ```console block whose lines start with `$ erhverv …` is re-run (at 100 columns, no colour,
on the bundled corpus) and its output replaced. The vocabulary tables between the
`<!-- vocabularies:start -->` and `<!-- vocabularies:end -->` markers are rebuilt from
erhverv_cli.vocab. With --check nothing is written; the exit status says whether the README is
up to date (the test suite runs this).
"""

from __future__ import annotations

import os
import re
import shlex
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BLOCK = re.compile(r"```console\n(.*?)```", re.DOTALL)
VOCAB = re.compile(r"(<!-- vocabularies:start -->\n)(.*?)(<!-- vocabularies:end -->)", re.DOTALL)
BENCHMARK = re.compile(r"(<!-- benchmark:start -->\n)(.*?)(<!-- benchmark:end -->)", re.DOTALL)
BENCHMARK_RESULTS = ROOT / "benchmarks" / "results.md"
WIDTH = "100"


def vocabulary_tables() -> str:
    from erhverv_cli.vocab import MEANINGS, VOCABULARIES

    parts = []
    for field_name, vocabulary in VOCABULARIES.items():
        parts.append(f"**`{field_name}`**\n\n| value | meaning |\n|---|---|")
        parts += [f"| `{member.value}` | {MEANINGS[member]} |" for member in vocabulary]
        parts.append("")
    return "\n".join(parts)


def run_example(command: str) -> str:
    from typer.testing import CliRunner

    from erhverv_cli.cli import app

    args = shlex.split(command)
    assert args[0] == "erhverv", command
    env = {
        "NO_COLOR": "1",
        "COLUMNS": WIDTH,
        "TERM": "dumb",
        "ERHVERV_DATA_DIR": str(ROOT / "data" / "cases"),
    }
    result = CliRunner(env=env).invoke(app, args[1:], prog_name="erhverv")
    lines = [line.rstrip() for line in result.output.rstrip("\n").splitlines()]
    return "\n".join(lines)


def render_block(body: str) -> str:
    out = []
    for line in body.splitlines():
        if line.startswith("$ erhverv "):
            out.append(line)
            out.append(run_example(line[2:]))
        elif line.startswith("$ "):
            out.append(line)
    return "\n".join(out) + "\n"


def benchmark_results() -> str:
    """The last benchmark run's tables, as benchmarks/run.py wrote them (headings shifted one level)."""
    if not BENCHMARK_RESULTS.exists():
        return "No benchmark has been run yet: `python benchmarks/run.py`.\n"
    text = BENCHMARK_RESULTS.read_text(encoding="utf-8").strip() + "\n"
    return re.sub(r"^(#+) ", lambda m: "#" + m.group(0), text, flags=re.MULTILINE)


def updated(text: str) -> str:
    text = BLOCK.sub(lambda m: "```console\n" + render_block(m.group(1)) + "```", text)
    text = VOCAB.sub(lambda m: m.group(1) + vocabulary_tables() + m.group(3), text)
    return BENCHMARK.sub(lambda m: m.group(1) + benchmark_results() + m.group(3), text)


def main() -> int:
    check = "--check" in sys.argv[1:]
    with tempfile.TemporaryDirectory() as cache:
        os.environ["ERHVERV_CACHE_DIR"] = cache
        current = README.read_text(encoding="utf-8")
        fresh = updated(current)
    if check:
        if fresh != current:
            print("README.md is out of date; run: python scripts/update_readme.py", file=sys.stderr)
            return 1
        print("README.md is up to date")
        return 0
    README.write_text(fresh, encoding="utf-8")
    print("README.md updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
