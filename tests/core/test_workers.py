"""No worker process outlives its parent: a build or a `validate` killed midway leaves no parser
running.

A corpus large enough for worker processes (freshness.PARALLEL_THRESHOLD, and validate's 200
files) is indexed by `python -m erhverv_cli list`, or validated; once its workers exist, the main
process is killed (SIGKILL, which it cannot catch, and SIGTERM) and every worker must be gone
within seconds.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import CORPUS

from erhverv_cli.search import freshness

PROC = Path("/proc")
COPIES = 400

pytestmark = [
    pytest.mark.skipif(not (PROC / "self" / "task").is_dir(), reason="needs /proc to see child processes"),
    pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: the index is built without workers"),
]


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in (PROC / str(pid) / "task").glob("*"):
        try:
            found.update(int(child) for child in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def alive(pid: int) -> bool:
    """Running, not a zombie waiting to be reaped (a dead process may linger as one in a container)."""
    try:
        status = (PROC / str(pid) / "status").read_text()
    except OSError:
        return False
    state = re.search(r"^State:\s+(\S)", status, re.MULTILINE)
    return state is not None and state[1] not in ("Z", "X")


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """COPIES cases made from the real ones under new ids, without catalogue numbers."""
    assert COPIES > 2 * freshness.PARALLEL_THRESHOLD
    folder = tmp_path_factory.mktemp("big") / "cases"
    folder.mkdir()
    sources = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.yaml"))]
    for copy in range(COPIES):
        text = re.sub(r"(?m)^id: .*$", f"id: copy-{copy:04d}", sources[copy % len(sources)], count=1)
        text = re.sub(r"(?m)^number: .*\n", "", text, count=1)
        (folder / f"copy-{copy:04d}.yaml").write_text(text, encoding="utf-8")
    return folder


COMMANDS = {"build": ["list", "--format", "json", "--data-dir"], "validate": ["validate", "--jobs", "2"]}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "term"])
def test_workers_end_with_their_parent(
    command: str, stop: signal.Signals, big_corpus: Path, tmp_path: Path
) -> None:
    env = {**os.environ, "ERHVERV_CACHE_DIR": str(tmp_path / "cache")}
    process = subprocess.Popen(
        [sys.executable, "-m", "erhverv_cli", *COMMANDS[command], str(big_corpus)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        env=env,
        start_new_session=True,  # its own process group: cleaned up below whatever happens
    )
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 30
        while not workers and process.poll() is None and time.monotonic() < deadline:
            workers = {pid for pid in children(process.pid) if alive(pid)}
            time.sleep(0.005)
        assert workers, f"the {command} finished or stalled before worker processes were seen"
        os.kill(process.pid, stop)
        assert process.wait(timeout=10) == -stop
        deadline = time.monotonic() + 5
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [pid for pid in workers if alive(pid)], "workers outlived their parent"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
