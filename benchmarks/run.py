#!/usr/bin/env python3
"""Benchmark erhverv against the targets of "Fast at any size and in every output".

usage: python benchmarks/run.py [--repeat 7] [--heavy-repeat 3] [--quick] [--with-100k]
                                [--work benchmarks/out] [--output benchmarks/results.md]

Every measurement runs the installed `erhverv` console script (next to this interpreter) in a
subprocess, as a user would, with its own cache directory. The commands compared in a ratio run
interleaved in one session (A B, then B A, ...), so a busy machine slows both; the table gives
medians. Each run records wall time, CPU time (user + system of the process and the workers it
waited for, from wait4) and peak memory: the largest single process (wait4's ru_maxrss, worker
processes included) and the summed RSS of the process tree, sampled from /proc every 20 ms.

Measured (each a ratio of two commands run side by side):
  a. `find --type fokuseret --format json`, bundled corpus, warm,
     against `python -c "import typer, rich, pydantic, yaml"`               target <= 1.0x (aim 0.8x)
  b. warm `find klynge netværk --limit 10 --format json` on 10,000 cases
     against the same on the bundled 18                                      target <= 1.2x
  c. every hit as JSON (`find klynge netværk --format json`) on 10,000
     against (b) on 10,000                                                   target <= 4x, <= 150 MB
  d. the default table on a terminal (a pseudo-terminal: a page of 20 with snippets) on 10,000
     against (b) on 10,000                                                   target <= 1.3x
  e. `list --format json` on 10,000 against (b) on 10,000                  target <= 3x, <= 150 MB
  f. `validate` on 10,000 files against check-jsonschema on the same files   target <= 0.3x
  g. the first `find` on 10,000 cases (no cache: builds the index) against a CSafeLoader parse
     of the same files in one process; both with every core, and both pinned to one core
                                                                             target <= 1.2x
and the growth of build time, warm query time, index size and the consistency check at
1,000 / 10,000 (/ 100,000 with --with-100k) cases.

Cold runs (g and the growth builds) start without the corpus files in the page cache: each file
is evicted with posix_fadvise(DONTNEED) before the command (only our files, no root needed, no
effect on other programs' caches), for the build and the parse floor alike.

Synthetic corpora come from make-synthetic-corpus (shared/tools, found above the repository or
given with --generator) or, when it is missing, from a built-in generator, and are kept in --work
between runs. check-jsonschema is a benchmark extra: pip install -e '.[bench]'.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
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
TYPER_FLOOR = ROOT / "benchmarks" / "typer_floor.py"
RESULTS = ROOT / "benchmarks" / "results.md"
QUERY = ("klynge", "netværk")
IMPORT_FLOOR = "import typer, rich, pydantic, yaml"
PARSE_FLOOR = """
import pathlib, sys, yaml
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.yaml")):
    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
"""
# The consistency check of an index, timed in-process (what storage.damage() costs on open).
CHECK_COST = """
import os, sqlite3, sys, time
from erhverv_cli.search import storage
connection = sqlite3.connect(sys.argv[1])
# A stamp is trusted only when taken RACY_NS after the file's last change: wait that out, then
# let one check stamp the file, as the next open after a quiet moment would.
info = os.stat(sys.argv[1])
time.sleep(max(0.0, (max(info.st_mtime_ns, info.st_ctime_ns) + storage.RACY_NS) / 1e9 - time.time() + 0.1))
storage.damage(connection)
best = {}
for name, check in (("full", getattr(storage, "full_check", storage.damage)), ("open", storage.damage)):
    times = []
    for _ in range(5):
        started = time.perf_counter()
        problem = check(connection)
        times.append(time.perf_counter() - started)
        assert problem is None, problem
    best[name] = min(times)
print(best["full"], best["open"])
"""


def find_generator() -> Path | None:
    for folder in (ROOT, *ROOT.parents):
        candidate = folder / "shared" / "tools" / "make-synthetic-corpus"
        if candidate.is_file():
            return candidate
    return None


# -- running one command ---------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    cpu: float  # user + system seconds of the process and the children it waited for
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


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass  # EIO: the terminal's other end closed


def run(
    command: Sequence[str],
    env: dict[str, str],
    *,
    ok: tuple[int, ...] = (0,),
    tty: bool = False,
    cpus: set[int] | None = None,
) -> Run:
    """Run a command to completion: wall and CPU time, peak memory, exit status.

    ``tty`` gives it a pseudo-terminal (100 columns) as standard output; ``cpus`` pins it (and its
    workers) to those cores.
    """
    # Write back what earlier commands left dirty (an index build writes hundreds of MB), so that
    # flushing it does not slow the command measured next.
    os.sync()
    master = slave = -1
    if tty:
        import fcntl
        import pty
        import struct
        import termios

        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 100, 0, 0))
    preexec = (lambda: os.sched_setaffinity(0, cpus)) if cpus else None
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(
            list(command),
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=slave if tty else subprocess.DEVNULL,
            stderr=errors,
            cwd=ROOT,
            preexec_fn=preexec,
        )
        drainer = None
        if tty:
            os.close(slave)
            drainer = threading.Thread(target=_drain, args=(master,), daemon=True)
            drainer.start()
        peak = 0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.wait(0.02):
                peak = max(peak, _tree_rss_kb(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
        if drainer:
            drainer.join(5)
            os.close(master)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in ok:
            errors.seek(0)
            text = errors.read().decode(errors="replace")[-2000:]
            raise SystemExit(f"benchmark: {' '.join(command)[:200]} exited {process.returncode}\n{text}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, peak, usage.ru_maxrss, process.returncode)


def evict(folder: Path) -> None:
    """Drop a folder's files from the page cache (only these files; clean pages only)."""
    os.sync()
    for path in folder.rglob("*"):
        try:
            descriptor = os.open(path, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(descriptor)


# -- measurements ----------------------------------------------------------------------------


@dataclass
class Measure:
    label: str
    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def spread(self) -> str:
        values = sorted(r.seconds for r in self.runs)
        return f"{values[0]:.3f}–{values[-1]:.3f}" if len(values) > 1 else ""

    @property
    def peak_mb(self) -> float:
        return max(r.single_peak_kb for r in self.runs) / 1024

    @property
    def tree_mb(self) -> float:
        return max(r.peak_kb for r in self.runs) / 1024


def interleaved(
    pairs: Sequence[tuple[Measure, Callable[[], Run]]],
    repeat: int,
    prepare: Callable[[], None] | None = None,
) -> None:
    """Run each command ``repeat`` times, rotating their order every round."""
    for round_number in range(repeat):
        shift = round_number % len(pairs)
        order = list(pairs[shift:]) + list(pairs[:shift])
        if round_number % 2:
            order.reverse()
        for measure, runner in order:
            if prepare:
                prepare()
            measure.runs.append(runner())
            last = measure.runs[-1]
            print(f"  {measure.label}: {last.seconds:.3f} s (cpu {last.cpu:.3f} s)", flush=True)


@dataclass
class Row:
    name: str
    measured: Measure
    baseline: Measure
    target: float | None  # the largest ratio allowed
    memory: float | None = None  # MB allowed (largest single process)
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.measured.median / self.baseline.median

    @property
    def cpu_ratio(self) -> float:
        return self.measured.cpu / self.baseline.cpu if self.baseline.cpu else float("nan")

    @property
    def met(self) -> bool | None:
        if self.target is None:
            return None
        return self.ratio <= self.target and (self.memory is None or self.measured.peak_mb <= self.memory)


# -- corpora ---------------------------------------------------------------------------------


def make_corpus(size: int, folder: Path, generator: Path | None) -> str:
    """A folder of ``size`` valid synthetic cases (kept between runs); returns how it was made."""
    marker, how_file = folder / ".complete", folder / ".how"
    if marker.exists() and marker.read_text().strip() == str(size):
        return how_file.read_text().strip() if how_file.exists() else "kept"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    if generator is not None:
        subprocess.run(
            [sys.executable, str(generator), str(size), str(folder), "--from", str(BUNDLED), "--seed", "1"],
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        how = "grown from data/cases with make-synthetic-corpus (seed 1)"
    else:
        print("benchmark: make-synthetic-corpus not found; using the built-in generator", file=sys.stderr)
        _builtin_corpus(size, folder)
        how = "copies of data/cases under new ids (built-in generator: text not reshuffled)"
    repaired, removed = _repair(folder)
    if repaired or removed:
        how += f"; {repaired} files with a summary the model refuses got their source case's summary"
        how += f", {removed} files still invalid were removed" if removed else ""
    how_file.write_text(how)
    marker.write_text(str(size))
    return how


def _builtin_corpus(size: int, folder: Path) -> None:
    rng = random.Random(1)
    sources = sorted(BUNDLED.glob("*.yaml"))
    for n in range(size):
        source = rng.choice(sources)
        new_id = f"{source.stem}-s{n:06d}"
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
repaired = 0
for path in bad:
    doc = yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    base = real.get(re.sub(r"-s\d+$", "", str(doc.get("id", ""))))
    if base is not None:
        doc["summary"] = base["summary"]
        path.write_text(yaml.dump(doc, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False))
        repaired += 1
still = [pathlib.Path(r.path) for r in validate_paths(bad, jobs=1).files if not r.ok] if bad else []
for path in still:
    path.unlink()
print(json.dumps([repaired - len(still), len(still)]))
"""


def _repair(folder: Path) -> tuple[int, int]:
    """Make every generated file valid (older generators could write over-long summaries)."""
    out = subprocess.run(
        [sys.executable, "-c", REPAIR, str(folder), str(BUNDLED)], check=True, capture_output=True, text=True
    )
    repaired, removed = json.loads(out.stdout)
    return int(repaired), int(removed)


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
    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    packages = []
    for name in ("typer", "rich", "pydantic", "PyYAML", "PyStemmer", "check-jsonschema"):
        try:
            from importlib.metadata import version

            packages.append(f"{name} {version(name)}")
        except Exception:
            continue
    return {
        "CPU": cpu,
        "cores": f"{os.cpu_count()} ({len(os.sched_getaffinity(0))} usable)",
        "Python": platform.python_version(),
        "SQLite": sqlite3.sqlite_version,
        "packages": ", ".join(packages),
        "OS": f"{platform.system()} {platform.release()}",
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit,
    }


def load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


# -- main ------------------------------------------------------------------------------------


def erhverv_command() -> list[str]:
    script = Path(sys.executable).with_name("erhverv")
    return [str(script)] if script.exists() else [sys.executable, "-m", "erhverv_cli"]


def tool(name: str) -> str | None:
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else shutil.which(name)


def index_size(cache: Path) -> int:
    return sum(path.stat().st_size for path in cache.glob("index-*.sqlite3*") if path.is_file())


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.erhverv = erhverv_command()
        work = args.work.resolve()
        work.mkdir(parents=True, exist_ok=True)
        self.work = work
        self.scratch = Path(tempfile.mkdtemp(prefix="caches-", dir=work))
        base = {
            k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "ERHVERV_DATA_DIR")
        }
        # Bytecode is cached as after a normal install (in our own folder, not in the source tree).
        base.update(
            {"COLUMNS": "100", "TERM": "xterm-256color", "PYTHONPYCACHEPREFIX": str(work / "pycache")}
        )
        for name in ("PAGER", "NO_COLOR", "FORCE_COLOR"):
            base.pop(name, None)
        self.base = base
        self.rows: list[Row] = []
        self.growth: list[dict[str, str]] = []
        self.measures: list[Measure] = []

    def env(self, name: str) -> dict[str, str]:
        return {**self.base, "ERHVERV_CACHE_DIR": str(self.scratch / name)}

    def measure(self, label: str) -> Measure:
        found = Measure(label)
        self.measures.append(found)
        return found

    def find(self, folder: Path, *extra: str) -> list[str]:
        return [*self.erhverv, "find", *QUERY, *extra, "--data-dir", str(folder)]

    # a
    def startup(self) -> None:
        print("a. start-up: find --type fokuseret --format json, bundled corpus", flush=True)
        env = self.env("bundled")
        command = [
            *self.erhverv,
            "find",
            "--type",
            "fokuseret",
            "--format",
            "json",
            "--data-dir",
            str(BUNDLED),
        ]
        floor = [sys.executable, "-c", IMPORT_FLOOR]
        typer_app = [sys.executable, str(TYPER_FLOOR), "find", "--type", "fokuseret"]
        for _ in range(2):  # the index and the bytecode caches
            for warm in (command, floor, typer_app):
                run(warm, env)
        found, base, bare = (
            self.measure("find --type fokuseret --format json (18 cases, warm)"),
            self.measure(f'python -c "{IMPORT_FLOOR}"'),
            self.measure("a bare Typer app with find's parameters"),
        )
        repeat = self.args.repeat * 2 + 1
        interleaved(
            [
                (found, lambda: run(command, env)),
                (base, lambda: run(floor, env)),
                (bare, lambda: run(typer_app, env)),
            ],
            repeat,
        )
        self.rows.append(Row("a. `find --type fokuseret --format json`, bundled, warm", found, base, 1.0))
        self.rows.append(Row("a′. (reference) a bare Typer app, printing one line", bare, base, None))

    # b-e
    def queries(self, folder: Path, size: int) -> None:
        print(f"b–e. warm queries on {size:,} cases", flush=True)
        small_env, env = self.env("bundled"), self.env(f"warm-{size}")
        small_top = self.find(BUNDLED, "--limit", "10", "--format", "json")
        top = self.find(folder, "--limit", "10", "--format", "json")
        every = self.find(folder, "--format", "json")
        table = self.find(folder)
        listed = [*self.erhverv, "list", "--format", "json", "--data-dir", str(folder)]
        for command in (small_top, top, top):
            run(command, small_env if command is small_top else env)  # builds and warms the indexes
        m_small = self.measure("find klynge netværk --limit 10 --format json, 18 cases")
        m_top = self.measure(f"find klynge netværk --limit 10 --format json, {size:,} cases")
        m_every = self.measure(f"find klynge netværk --format json (every hit), {size:,} cases")
        m_table = self.measure(f"find klynge netværk on a terminal (page of 20), {size:,} cases")
        m_list = self.measure(f"list --format json, {size:,} cases")
        interleaved(
            [
                (m_small, lambda: run(small_top, small_env)),
                (m_top, lambda: run(top, env)),
                (m_every, lambda: run(every, env)),
                (m_table, lambda: run(table, env, tty=True)),
                (m_list, lambda: run(listed, env)),
            ],
            self.args.repeat,
        )
        self.rows.append(
            Row(f"b. warm top-10 `find klynge netværk` on {size:,} vs 18 cases", m_top, m_small, 1.2)
        )
        self.rows.append(Row(f"c. every hit as JSON on {size:,} vs top-10", m_every, m_top, 4.0, 150))
        self.rows.append(
            Row(f"d. the table on a terminal (page of 20) on {size:,} vs top-10", m_table, m_top, 1.3)
        )
        self.rows.append(Row(f"e. `list --format json` on {size:,} vs top-10", m_list, m_top, 3.0, 150))

    # f
    def validate(self, folder: Path, size: int) -> None:
        checker = tool("check-jsonschema")
        if not checker:
            print("benchmark: check-jsonschema not found: pip install -e '.[bench]'", file=sys.stderr)
            return
        print(f"f. validate {size:,} files", flush=True)
        env = self.env("validate")
        command = [*self.erhverv, "validate", str(folder)]
        files = sorted(str(p) for p in folder.glob("*.yaml"))
        check = [checker, "--schemafile", str(SCHEMA), *files]
        run(command, env, ok=(0, 1))
        ours, theirs = self.measure(f"validate, {size:,} files"), self.measure("check-jsonschema, same files")
        interleaved(
            [(ours, lambda: run(command, env, ok=(0, 1))), (theirs, lambda: run(check, env, ok=(0, 1)))],
            self.args.heavy_repeat,
        )
        self.rows.append(Row(f"f. `validate` on {size:,} files vs check-jsonschema", ours, theirs, 0.3))

    # g
    def cold(self, folder: Path, size: int) -> None:
        print(f"g. first find on {size:,} cases (builds the index)", flush=True)
        cold = self.scratch / "cold"
        build = self.find(folder, "--limit", "10", "--format", "json")
        parse = [sys.executable, "-c", PARSE_FLOOR, str(folder)]
        env = {**self.base, "ERHVERV_CACHE_DIR": str(cold)}

        def prepare() -> None:
            shutil.rmtree(cold, ignore_errors=True)
            evict(folder)

        for cpus, name in ((None, "every core"), ({min(os.sched_getaffinity(0))}, "one core")):
            m_build = self.measure(f"first find, {size:,} cases, {name}")
            m_parse = self.measure(f"CSafeLoader parse of the same files, {name}")
            interleaved(
                [
                    (m_build, lambda cpus=cpus: run(build, env, cpus=cpus)),
                    (m_parse, lambda cpus=cpus: run(parse, env, cpus=cpus)),
                ],
                self.args.heavy_repeat,
                prepare=prepare,
            )
            self.rows.append(
                Row(
                    f"g. first `find` on {size:,} cases (cold) vs CSafeLoader parse, {name}",
                    m_build,
                    m_parse,
                    1.2,
                )
            )
        shutil.rmtree(cold, ignore_errors=True)

    # growth
    def grow(self, corpora: dict[int, Path]) -> None:
        print("growth", flush=True)
        for size, folder in sorted(corpora.items()):
            cache = self.scratch / f"growth-{size}"
            env = {**self.base, "ERHVERV_CACHE_DIR": str(cache)}
            build_cmd = self.find(folder, "--limit", "10", "--format", "json")
            builds = self.measure(f"first find (build), {size:,} cases")
            repeat = 1 if size >= 100_000 else self.args.heavy_repeat
            for _ in range(repeat):
                shutil.rmtree(cache, ignore_errors=True)
                evict(folder)
                builds.runs.append(run(build_cmd, env))
                print(f"  build {size:,}: {builds.runs[-1].seconds:.1f} s", flush=True)
            run(build_cmd, env)
            warm = self.measure(f"warm top-10 find, {size:,} cases")
            interleaved([(warm, lambda cmd=build_cmd, env=env: run(cmd, env))], self.args.repeat)
            files = list(cache.glob("index-*.sqlite3"))
            check = subprocess.run(
                [sys.executable, "-c", CHECK_COST, str(files[0])], capture_output=True, text=True, check=True
            ).stdout.split()
            corpus_bytes = sum(p.stat().st_size for p in folder.glob("*.yaml"))
            self.growth.append(
                {
                    "cases": f"{size:,}",
                    "corpus": f"{corpus_bytes / 1e6:.0f} MB",
                    "build": _fmt_seconds(builds.median),
                    "build cpu": _fmt_seconds(builds.cpu),
                    "build peak": f"{builds.peak_mb:.0f} MB ({builds.tree_mb:.0f} MB tree)",
                    "warm top-10": _fmt_seconds(warm.median),
                    "index": f"{index_size(cache) / 1e6:.0f} MB",
                    "full count check": f"{float(check[0]) * 1e3:.1f} ms",
                    "check on open": f"{float(check[1]) * 1e3:.2f} ms",
                }
            )
            shutil.rmtree(cache, ignore_errors=True)

    def close(self) -> None:
        shutil.rmtree(self.scratch, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs of each quick command (default 7)")
    parser.add_argument(
        "--heavy-repeat", type=int, default=3, help="runs of builds and validations (default 3)"
    )
    parser.add_argument("--quick", action="store_true", help="1,000 cases instead of 10,000, fewer runs")
    parser.add_argument("--with-100k", action="store_true", help="also grow and build 100,000 cases (slow)")
    parser.add_argument("--only", default="abcdefgG", help="which parts to run (letters; G = growth)")
    parser.add_argument("--generator", type=Path, default=find_generator(), help="make-synthetic-corpus")
    parser.add_argument(
        "--work", type=Path, default=ROOT / "benchmarks" / "out", help="where corpora are kept"
    )
    parser.add_argument("--output", type=Path, default=RESULTS, help="the Markdown table to write")
    args = parser.parse_args()
    if args.quick:
        args.repeat, args.heavy_repeat = min(args.repeat, 3), 1
    large = 1_000 if args.quick else 10_000
    try:
        import erhverv_cli  # noqa: F401
    except ImportError:
        print(
            f"benchmark: erhverv is not installed for {sys.executable}: pip install -e '.[bench]'",
            file=sys.stderr,
        )
        return 2
    bench = Bench(args)
    print(f"erhverv: {' '.join(bench.erhverv)}\nload average at start: {load()}", flush=True)
    sizes = sorted({1_000, large} | ({100_000} if args.with_100k else set()))
    corpora: dict[int, Path] = {}
    hows: dict[int, str] = {}
    for size in sizes:
        print(f"corpus of {size:,} cases ...", flush=True)
        corpora[size] = bench.work / f"corpus-{size}"
        hows[size] = make_corpus(size, corpora[size], args.generator)
    started_load = load()
    started = time.time()
    try:
        if "a" in args.only:
            bench.startup()
        if set("bcde") & set(args.only):
            bench.queries(corpora[large], large)
        if "f" in args.only:
            bench.validate(corpora[large], large)
        if "g" in args.only:
            bench.cold(corpora[large], large)
        if "G" in args.only:
            bench.grow(corpora)
    finally:
        bench.close()
    info = machine()
    info["load average (1/5/15 min)"] = f"{started_load} at start, {load()} at end"
    info["duration (once the corpora were made)"] = f"{(time.time() - started) / 60:.0f} min"
    text = report(bench, info, hows, args)
    args.output.write_text(text, encoding="utf-8")
    raw = {m.label: [vars(r) for r in m.runs] for m in bench.measures}
    (bench.work / "last-run.json").write_text(json.dumps({"runs": raw, "growth": bench.growth}, indent=1))
    print()
    print(text)
    print(f"wrote {args.output} (raw runs in {bench.work / 'last-run.json'})")
    return 0


def _fmt_seconds(value: float) -> str:
    return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"


def _verdict(met: bool | None) -> str:
    return "" if met is None else ("met" if met else "**missed**")


def report(bench: Bench, info: dict[str, str], hows: dict[int, str], args: argparse.Namespace) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"`python benchmarks/run.py{' --with-100k' if args.with_100k else ''}` — medians of"
        f" {args.repeat} runs"
        f" (a: {args.repeat * 2 + 1}; builds and validation: {args.heavy_repeat}), each command in its own"
        " process, the commands of a ratio interleaved. Wall time decides; CPU time (user + system, workers"
        " included) is shown beside it because the machine is shared. Memory is the largest single process"
        " (wait4 `ru_maxrss`).",
        "",
        "| measure | median | CPU | compared with | its median | its CPU | ratio (wall) | ratio (CPU)"
        " | peak MB | target | met |",
        "|---|---:|---:|---|---:|---:|---:|---:|---:|---|---|",
    ]
    for row in bench.rows:
        target = (
            ""
            if row.target is None
            else f"≤ {row.target:g}×" + (f", ≤ {row.memory:g} MB" if row.memory else "")
        )
        lines.append(
            f"| {row.name} | {_fmt_seconds(row.measured.median)} | {_fmt_seconds(row.measured.cpu)} |"
            f" {row.baseline.label} | {_fmt_seconds(row.baseline.median)} |"
            f" {_fmt_seconds(row.baseline.cpu)} |"
            f" {row.ratio:.2f}× | {row.cpu_ratio:.2f}× | {row.measured.peak_mb:.0f} | {target} |"
            f" {_verdict(row.met)} |"
        )
    if bench.growth:
        keys = list(bench.growth[0])
        lines += [
            "",
            "Growth (build = the first `find` with no cache, corpus files evicted from the page cache):",
            "",
        ]
        lines += ["| " + " | ".join(keys) + " |", "|" + "|".join("---:" for _ in keys) + "|"]
        lines += ["| " + " | ".join(row[k] for k in keys) + " |" for row in bench.growth]
    lines += [
        "",
        "Every command (median wall, spread, median CPU, peak MB of the largest process / process tree):",
        "",
    ]
    lines += ["| command | median | min–max | CPU | peak MB |", "|---|---:|---|---:|---:|"]
    for measure in bench.measures:
        if measure.runs:
            lines.append(
                f"| {measure.label} | {_fmt_seconds(measure.median)} | {measure.spread} |"
                f" {_fmt_seconds(measure.cpu)} | {measure.peak_mb:.0f} / {measure.tree_mb:.0f} |"
            )
    lines += ["", "Corpora:", ""]
    lines += [f"- {size:,} cases: {how}" for size, how in sorted(hows.items())]
    lines += ["", "Machine:", ""]
    lines += [f"- {key}: {value}" for key, value in info.items()]
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
