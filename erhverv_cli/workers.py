"""Worker processes for work over many files (an index build, `validate`): as many as the cores
this process may use, none outliving its parent, and the work done in this process where
processes cannot be had."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Generator, Iterable
from typing import Any, TypeVar

R = TypeVar("R")


def usable_cores() -> int:
    """The cores this process may run on (taskset, cgroups' cpusets), not all the machine has."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def ordered_map(
    function: Callable[..., R], *iterables: Iterable[Any], workers: int, chunk: int = 1
) -> Generator[R, None, None]:
    """``map(function, *iterables)``, results in order and streamed: in ``workers`` processes
    (handed ``chunk`` items at a time) when that is more than one and processes can be started
    here, else in this process. Closing the generator stops the workers at once."""
    pool = None
    if workers > 1:
        try:
            from concurrent.futures import ProcessPoolExecutor

            pool = ProcessPoolExecutor(max_workers=workers, initializer=_setup, initargs=(os.getpid(),))
        except (OSError, NotImplementedError, ImportError):
            pool = None  # no process support here (no semaphores): work in this process
    if pool is None:
        yield from map(function, *iterables)
        return
    try:
        yield from pool.map(function, *iterables, chunksize=chunk)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _watch_parent(parent: int) -> None:
    """Exit when the parent process is gone (killed with -9, say): an orphan would work on."""
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(1)


def _setup(parent: int) -> None:
    # Ctrl-C reaches the whole process group: the parent cancels the work, workers stay quiet.
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:  # Linux: the kernel ends us the moment the parent dies
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:
        os._exit(1)  # the parent died before we got here
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
