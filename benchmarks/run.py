#!/usr/bin/env python3
"""Benchmark erhverv against the floors the issue names, and write benchmarks/results.md.

usage: python benchmarks/run.py [--repeat 9] [--heavy-repeat 3] [--quick] [--work benchmarks/out]

Every measurement runs the installed `erhverv` (the console script next to this interpreter, else
`python -m erhverv_cli`) in a subprocess, as a user would, with its own cache directory. The
compared commands of a ratio run interleaved in the same session (A B, then B A, ...), so a busy
machine slows both; medians are reported. Peak memory is that of the whole process tree (worker
processes included), sampled from /proc, and never below the largest single process
(wait4 ru_maxrss).

Measured:
  a. `erhverv find --type fokuseret` on the bundled corpus, warm cache, against
     `python -c "import typer, rich, pydantic, yaml"`                            target <= 1.0x
  b. the first `find` on 10,000 cases (cold cache: the index is built) against parsing the same
     files with yaml.load(..., Loader=yaml.CSafeLoader) in one process           target <= 1.5x, <= 300 MB
  c. warm `find QUERY --limit 10` on 10,000 cases against the same on the bundled 18 (and on
     1,000 cases, to show the growth)                                             target <= 1.5x, <= 0.3 s
  d. `erhverv validate` on 10,000 files against
     `check-jsonschema --schemafile schemas/case.schema.json` on the same files    target <= 0.5x
  e. peak memory of each command.

Synthetic corpora come from ../shared/tools/make-synthetic-corpus (or a simple built-in generator
when it is missing) and are kept in --work between runs. check-jsonschema is a benchmark extra:
pip install -e '.[bench]'.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "cases"
SCHEMA = ROOT / "schemas" / "case.schema.json"
GENERATOR = ROOT.parent / "shared" / "tools" / "make-synthetic-corpus"
TYPER_FLOOR = ROOT / "benchmarks" / "typer_floor.py"
RESULTS = ROOT / "benchmarks" / "results.md"
QUERY = "klynge"
SIZES = (1_000, 10_000)
PARSE_FLOOR = """
import pathlib, sys, yaml
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.yaml")):
    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
"""


# -- running one command ---------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    tree_peak_kb: int  # the process tree's summed RSS at its sampled peak
    single_peak_kb: int  # the largest single process (wait4's ru_maxrss)
    returncode: int

    @property
    def peak_kb(self) -> int:
        return max(self.tree_peak_kb, self.single_peak_kb)


def _children_table() -> dict[int, list[int]]:
    table: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        # The command name is in parentheses and may hold spaces: the ppid follows the last ')'.
        fields = stat[stat.rfind(b")") + 2 :].split()
        table.setdefault(int(fields[1]), []).append(int(name))
    return table


def _tree_rss_kb(root: int) -> int:
    table = _children_table()
    total, stack, page_kb = 0, [root], os.sysconf("SC_PAGE_SIZE") // 1024
    while stack:
        pid = stack.pop()
        stack.extend(table.get(pid, ()))
        try:
            with open(f"/proc/{pid}/statm", "rb") as handle:
                total += int(handle.read().split()[1]) * page_kb
        except (OSError, IndexError, ValueError):
            continue
    return total


def run(command: Sequence[str], env: dict[str, str], *, ok: tuple[int, ...] = (0,)) -> Run:
    """Run a command to completion: wall time, peak memory of its process tree, exit status."""
    # Write back what earlier commands left in the page cache (an index build writes ~200 MB),
    # so that its flushing does not slow the command measured next.
    if hasattr(os, "sync"):
        os.sync()
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(list(command), env=env, stdout=subprocess.DEVNULL, stderr=errors, cwd=ROOT)
        peak = 0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.wait(0.05):
                peak = max(peak, _tree_rss_kb(process.pid))

        sampler = threading.Thread(target=sample, daemon=True) if Path("/proc/self/statm").exists() else None
        if sampler:
            sampler.start()
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        done.set()
        if sampler:
            sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in ok:
            errors.seek(0)
            text = errors.read().decode(errors="replace")[-2000:]
            raise SystemExit(f"benchmark: {' '.join(command)[:200]} exited {process.returncode}\n{text}")
    single = usage.ru_maxrss // (1024 if sys.platform == "darwin" else 1)
    return Run(seconds, peak, single, process.returncode)


# -- measurements ----------------------------------------------------------------------------


@dataclass
class Measure:
    label: str
    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def peak_mb(self) -> float:
        return max(r.peak_kb for r in self.runs) / 1024


def interleaved(
    pairs: Sequence[tuple[Measure, Callable[[], Run]]], repeat: int, prepare: Callable[[], None] | None = None
) -> None:
    """Run each command ``repeat`` times, alternating their order every round."""
    for round_number in range(repeat):
        order = pairs if round_number % 2 == 0 else list(reversed(pairs))
        for measure, runner in order:
            if prepare:
                prepare()
            measure.runs.append(runner())
            print(f"  {measure.label}: {measure.runs[-1].seconds:.3f} s", flush=True)


@dataclass
class Row:
    name: str
    measured: Measure
    baseline: Measure | None
    target: str
    met: bool | None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return self.measured.median / self.baseline.median if self.baseline else None


# -- corpora ---------------------------------------------------------------------------------


def make_corpus(size: int, folder: Path, erhverv_python: str) -> str:
    """A folder of ``size`` valid synthetic cases (kept between runs); returns how it was made."""
    marker = folder / ".complete"
    if marker.exists() and marker.read_text().strip() == str(size):
        return marker.with_name(".how").read_text() if marker.with_name(".how").exists() else "kept"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    if GENERATOR.exists():
        subprocess.run(
            [sys.executable, str(GENERATOR), str(size), str(folder), "--from", str(BUNDLED)],
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        how = f"grown with {GENERATOR.relative_to(ROOT.parent)} (seed 1)"
    else:
        print(
            f"benchmark: {GENERATOR} is missing; using the built-in generator (copies of the real cases "
            "under new ids, text not reshuffled)",
            file=sys.stderr,
        )
        _builtin_corpus(size, folder)
        how = "copied from data/cases under new ids (built-in generator)"
    repaired, removed = _repair(folder, erhverv_python)
    if repaired or removed:
        how += (
            f"; {repaired} generated summaries had more than three sentences and were replaced by their"
            f" source case's summary" + (f", {removed} files still invalid were removed" if removed else "")
        )
    marker.with_name(".how").write_text(how)
    marker.write_text(str(size))
    return how


def _builtin_corpus(size: int, folder: Path) -> None:
    rng = random.Random(1)
    sources = sorted(BUNDLED.glob("*.yaml"))
    for n in range(size):
        source = rng.choice(sources)
        new_id = f"{source.stem}-s{n:05d}"
        text = source.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^id: .*$", f"id: {new_id}", text, count=1)
        text = re.sub(r"(?m)^number: .*\n", "", text, count=1)
        (folder / f"{new_id}.yaml").write_text(text, encoding="utf-8")


REPAIR = r"""
import json, os, pathlib, re, sys, yaml
from erhverv_cli.validation import validate_paths
folder, bundled = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
real = {p.stem: yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader) for p in bundled.glob("*.yaml")}
bad = [pathlib.Path(r.path) for r in validate_paths([folder], jobs=os.cpu_count() or 1).files if not r.ok]
repaired = removed = 0
for path in bad:
    doc = yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    base = real.get(re.sub(r"-s\d{5}$", "", str(doc.get("id", ""))))
    if base is not None:
        doc["summary"] = base["summary"]
        text = yaml.dump(doc, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
        path.write_text(text, encoding="utf-8")
        repaired += 1
still = [pathlib.Path(r.path) for r in validate_paths(bad, jobs=1).files if not r.ok] if bad else []
for path in still:
    path.unlink()
    removed += 1
print(json.dumps([repaired - len(still), removed]))
"""


def _repair(folder: Path, erhverv_python: str) -> tuple[int, int]:
    """Make every generated file valid: the generator's summaries may have too many sentences."""
    out = subprocess.run(
        [erhverv_python, "-c", REPAIR, str(folder), str(BUNDLED)], check=True, capture_output=True, text=True
    )
    repaired, removed = (int(x) for x in out.stdout.strip().strip("[]").split(","))
    return repaired, removed


# -- the machine -----------------------------------------------------------------------------


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    return {
        "CPU": cpu,
        "cores": f"{os.cpu_count()} ({usable} usable)",
        "Python": platform.python_version(),
        "SQLite": sqlite3.sqlite_version,
        "OS": f"{platform.system()} {platform.release()}",
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit,
    }


def load() -> str:
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


# -- main ------------------------------------------------------------------------------------


def erhverv_command() -> list[str]:
    script = Path(sys.executable).with_name("erhverv")
    return [str(script)] if script.exists() else [sys.executable, "-m", "erhverv_cli"]


def tool(name: str) -> str | None:
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else shutil.which(name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9, help="runs of each quick command (default 9)")
    parser.add_argument("--heavy-repeat", type=int, default=3, help="runs of each slow command (default 3)")
    parser.add_argument("--quick", action="store_true", help="1,000 cases instead of 10,000, fewer runs")
    parser.add_argument(
        "--work", type=Path, default=ROOT / "benchmarks" / "out", help="where corpora are kept"
    )
    parser.add_argument("--output", type=Path, default=RESULTS, help="the Markdown table to write")
    args = parser.parse_args()
    if args.quick:
        args.repeat, args.heavy_repeat = min(args.repeat, 5), 1
    large = SIZES[0] if args.quick else SIZES[-1]

    try:
        import erhverv_cli  # noqa: F401
    except ImportError:
        print(
            f"benchmark: erhverv is not installed for {sys.executable}; run pip install -e '.[bench]'",
            file=sys.stderr,
        )
        return 2
    erhverv = erhverv_command()
    checker = tool("check-jsonschema")
    env_base = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "ERHVERV_DATA_DIR")
    }
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    # Bytecode is cached as after a normal install (in our own folder, not in the source tree).
    env_base.update(
        {"NO_COLOR": "1", "COLUMNS": "100", "TERM": "dumb", "PYTHONPYCACHEPREFIX": str(work / "pycache")}
    )
    scratch = Path(tempfile.mkdtemp(prefix="caches-", dir=work))

    def env(cache: Path) -> dict[str, str]:
        return {**env_base, "ERHVERV_CACHE_DIR": str(cache)}

    print(f"erhverv: {' '.join(erhverv)}\nload average at start: {load()}", flush=True)
    corpora: dict[int, Path] = {}
    hows: dict[int, str] = {}
    for size in sorted({SIZES[0], large}):
        print(f"corpus of {size:,} cases ...", flush=True)
        corpora[size] = work / f"corpus-{size}"
        hows[size] = make_corpus(size, corpora[size], sys.executable)
    rows: list[Row] = []
    started_load = load()

    # a. start-up: a filter query on the bundled corpus against importing our dependencies
    print("a. start-up", flush=True)
    warm_cache = scratch / "bundled"
    find_type = [*erhverv, "find", "--type", "fokuseret", "--data-dir", str(BUNDLED)]
    floor = [sys.executable, "-c", "import typer, rich, pydantic, yaml"]
    bare_typer = [sys.executable, str(TYPER_FLOOR), "find", "--type", "fokuseret"]
    for _ in range(2):  # warm the index and the bytecode cache
        run(find_type, env(warm_cache))
        run(floor, env(warm_cache))
        run(bare_typer, env(warm_cache))
    a_find, a_floor, a_typer = (
        Measure("find --type fokuseret (18 cases, warm)"),
        Measure("import typer, rich, pydantic, yaml"),
        Measure("bare Typer app with find's parameters"),
    )
    interleaved(
        [
            (a_find, lambda: run(find_type, env(warm_cache))),
            (a_floor, lambda: run(floor, env(warm_cache))),
            (a_typer, lambda: run(bare_typer, env(warm_cache))),
        ],
        args.repeat,
    )
    rows.append(
        Row(
            "a. `find --type fokuseret`, bundled corpus, warm",
            a_find,
            a_floor,
            "≤ 1.0×",
            a_find.median <= a_floor.median,
        )
    )
    rows.append(
        Row(
            "a. (reference) a bare Typer app with find's parameters, printing one line",
            a_typer,
            a_floor,
            "(Typer's own cost)",
            None,
        )
    )
    rows.append(
        Row(
            "a. (reference) `find --type fokuseret` against that bare Typer app",
            a_find,
            a_typer,
            "(erhverv's own cost)",
            None,
        )
    )

    # b. the first find on the large corpus builds the index
    print(f"b. index build on {large:,} cases", flush=True)
    big = corpora[large]
    cold_cache = scratch / "cold"
    find_cold = [*erhverv, "find", "--type", "fokuseret", "--limit", "10", "--data-dir", str(big)]
    parse = [sys.executable, "-c", PARSE_FLOOR, str(big)]
    b_build, b_parse = (
        Measure(f"first find, {large:,} cases (builds the index)"),
        Measure("yaml CSafeLoader parse"),
    )
    interleaved(
        [(b_build, lambda: run(find_cold, env(cold_cache))), (b_parse, lambda: run(parse, env(cold_cache)))],
        args.heavy_repeat,
        prepare=lambda: shutil.rmtree(cold_cache, ignore_errors=True),
    )
    rows.append(
        Row(
            f"b. first `find` on {large:,} cases (index build)",
            b_build,
            b_parse,
            "≤ 1.5×",
            b_build.median <= 1.5 * b_parse.median,
        )
    )
    rows.append(
        Row(
            "b. peak memory of that build (MB, process tree)",
            b_build,
            None,
            "≤ 300 MB",
            b_build.peak_mb <= 300,
            note="memory",
        )
    )

    # c. warm queries: cost must not grow with the corpus
    print("c. warm queries", flush=True)
    query_measures: dict[int, Measure] = {}
    pairs = []
    for size, folder in [(18, BUNDLED), *sorted(corpora.items())]:
        cache = scratch / f"warm-{size}"
        command = [*erhverv, "find", QUERY, "--limit", "10", "--data-dir", str(folder)]
        run(command, env(cache))  # builds the index
        run(command, env(cache))
        query_measures[size] = Measure(f"find {QUERY} --limit 10, {size:,} cases (warm)")
        pairs.append((query_measures[size], lambda command=command, cache=cache: run(command, env(cache))))
    interleaved(pairs, args.repeat if not large >= 10_000 else max(3, args.repeat // 2))
    small = query_measures[18]
    for size in sorted(corpora):
        measured = query_measures[size]
        is_target = size == large
        rows.append(
            Row(
                f"c. warm `find {QUERY} --limit 10` on {size:,} vs 18 cases",
                measured,
                small,
                "≤ 1.5×" if is_target else "(growth)",
                (measured.median <= 1.5 * small.median) if is_target else None,
            )
        )
    rows.append(
        Row(
            f"c. warm `find {QUERY} --limit 10` on {large:,} cases, absolute",
            query_measures[large],
            None,
            "≤ 0.3 s",
            query_measures[large].median <= 0.3,
        )
    )

    # d. validation against check-jsonschema
    print(f"d. validate {large:,} files", flush=True)
    validate = [*erhverv, "validate", str(big)]
    d_validate = Measure(f"validate, {large:,} files")
    if checker:
        files = sorted(str(p) for p in big.glob("*.yaml"))
        check = [checker, "--schemafile", str(SCHEMA), *files]
        d_check = Measure("check-jsonschema, same files")
        run(validate, env(scratch / "v"), ok=(0, 1))
        interleaved(
            [
                (d_validate, lambda: run(validate, env(scratch / "v"), ok=(0, 1))),
                (d_check, lambda: run(check, env(scratch / "v"), ok=(0, 1))),
            ],
            args.heavy_repeat,
        )
        rows.append(
            Row(
                f"d. `validate` on {large:,} files",
                d_validate,
                d_check,
                "≤ 0.5×",
                d_validate.median <= 0.5 * d_check.median,
            )
        )
    else:
        print(
            "benchmark: check-jsonschema not found; install it with pip install -e '.[bench]'",
            file=sys.stderr,
        )
        interleaved([(d_validate, lambda: run(validate, env(scratch / "v"), ok=(0, 1)))], args.heavy_repeat)
        rows.append(
            Row(
                f"d. `validate` on {large:,} files",
                d_validate,
                None,
                "≤ 0.5× check-jsonschema",
                None,
                note="check-jsonschema not installed: pip install -e '.[bench]'",
            )
        )

    ended_load = load()
    shutil.rmtree(scratch, ignore_errors=True)
    info = machine()
    info["load average (1/5/15 min)"] = f"{started_load} at start, {ended_load} at end"
    text = report(rows, info, hows, args, large)
    args.output.write_text(text, encoding="utf-8")
    print()
    print(text)
    print(f"wrote {args.output}")
    return 0


def _fmt_seconds(value: float) -> str:
    return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"


def report(
    rows: list[Row], info: dict[str, str], hows: dict[int, str], args: argparse.Namespace, large: int
) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"`python benchmarks/run.py` — medians of {args.repeat} runs (quick commands) and "
        f"{args.heavy_repeat} (index builds, validation), each command in its own process, compared "
        "commands interleaved in the same session. Memory is the peak of the whole process tree "
        "(worker processes included).",
        "",
        "| measure | median | compared with | its median | ratio | target | met |",
        "|---|---:|---|---:|---:|---|---|",
    ]
    for row in rows:
        if row.note == "memory":
            lines.append(
                f"| {row.name} | {row.measured.peak_mb:.0f} MB | | | | {row.target} | {_verdict(row.met)} |"
            )
            continue
        base = row.baseline
        ratio = f"{row.ratio:.2f}×" if row.ratio is not None else ""
        lines.append(
            f"| {row.name} | {_fmt_seconds(row.measured.median)} | {base.label if base else row.note} | "
            f"{_fmt_seconds(base.median) if base else ''} | {ratio} | {row.target} | {_verdict(row.met)} |"
        )
    lines += ["", "Peak memory of each command (MB, process tree; largest single process in brackets):", ""]
    lines += ["| command | peak MB |", "|---|---:|"]
    seen: set[int] = set()
    for row in rows:
        for measure in (row.measured, row.baseline):
            if measure is None or id(measure) in seen:
                continue
            seen.add(id(measure))
            single = max(r.single_peak_kb for r in measure.runs) / 1024
            lines.append(f"| {measure.label} | {measure.peak_mb:.0f} ({single:.0f}) |")
    lines += ["", "Corpora:", ""]
    lines += [f"- {size:,} cases: {how}" for size, how in sorted(hows.items())]
    lines += ["", "Machine:", ""]
    lines += [f"- {key}: {value}" for key, value in info.items()]
    lines.append("")
    return "\n".join(lines)


def _verdict(met: bool | None) -> str:
    return "" if met is None else ("met" if met else "**missed**")


if __name__ == "__main__":
    sys.exit(main())
