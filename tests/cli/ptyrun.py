"""Run `python -m erhverv_cli …` on a real pseudo-terminal, or with its output piped.

Shared by the convention tests (output, colour, stats, language, pager): the child gets a new
pseudo-terminal of a chosen size as stdin, stdout and stderr, a clean colour environment
(no NO_COLOR, FORCE_COLOR or COLUMNS unless given) and a timeout. Not a test module.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path
from typing import Any

import pytest

pty = pytest.importorskip("pty")

TIMEOUT = 60
ESCAPE = "\x1b"
SGR = re.compile(r"\x1b\[[0-9;]*m")
CLEARED = ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "CLICOLOR_FORCE", "ERHVERV_LANG", "PAGER")


def environment(env: dict[str, str] | None = None) -> dict[str, str]:
    base = {key: value for key, value in os.environ.items() if key not in CLEARED}
    base.update({"TERM": "xterm-256color", "LANG": "C.UTF-8", "PAGER": "cat"})
    base.update(env or {})
    return base


# Runs several command lines in one process on the terminal, as the console script's Typer path
# does (tables never take the fast path), each ended by a line with its exit status.
BATCH = """
import json, sys
from erhverv_cli.cli import app
for arguments in json.loads(sys.argv[1]):
    try:
        app(arguments, prog_name="erhverv")
        code = 0
    except SystemExit as end:
        code = end.code if isinstance(end.code, int) else 1
    sys.stdout.flush()
    sys.stderr.flush()
    sys.stdout.write(f"<<<exit {code}>>>\\n")
    sys.stdout.flush()
"""
END = re.compile(r"<<<exit (\d+)>>>\n")


def on_terminal(
    arguments: list[str],
    env: dict[str, str] | None = None,
    rows: int = 40,
    columns: int = 120,
    cwd: Path | None = None,
    timeout: float = TIMEOUT,
    command: list[str] | None = None,
    lines: bool = True,
) -> tuple[int, str]:
    """Run erhverv on a new rows×columns pseudo-terminal; (exit code, everything on the screen).

    ``lines``: the terminal's "\r\n" read back as "\n"; without it the screen is as sent (the
    hostile tests look for a carriage return of their own)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    process = subprocess.Popen(
        command or [sys.executable, "-m", "erhverv_cli", *arguments],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=environment(env),
        cwd=cwd,
        start_new_session=True,
    )
    os.close(slave)
    chunks = []
    deadline = time.monotonic() + timeout
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"erhverv {' '.join(arguments)} did not finish in {timeout} s")
            ready, _, _ = select.select([master], [], [], remaining)
            if not ready:
                continue
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: every process holding the terminal has closed it
                break
            if not data:
                break
            chunks.append(data)
        code = process.wait(timeout=timeout)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
    screen = b"".join(chunks).decode("utf-8", errors="replace")
    # A terminal turns "\n" into "\r\n"; the tests read lines.
    return code, screen.replace("\r\n", "\n") if lines else screen


def on_terminal_batch(
    commands: list[list[str]], env: dict[str, str] | None = None, **options: Any
) -> list[tuple[int, str]]:
    """Several command lines on one pseudo-terminal, in one process; (exit code, screen) of each."""
    command = [sys.executable, "-c", BATCH, json.dumps(commands)]
    code, screen = on_terminal(["batch"], env, command=command, **options)
    assert code == 0, screen
    parts = END.split(screen)
    outputs = [(int(parts[i + 1]), parts[i]) for i in range(0, len(parts) - 1, 2)]
    assert len(outputs) == len(commands), screen
    return outputs


def piped(
    arguments: list[str], env: dict[str, str] | None = None, timeout: float = TIMEOUT
) -> subprocess.CompletedProcess[str]:
    """Run erhverv with stdin, stdout and stderr on pipes (as in a script)."""
    return subprocess.run(
        [sys.executable, "-m", "erhverv_cli", *arguments],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=environment(env),
        timeout=timeout,
        check=False,
    )


def plain(screen: str) -> str:
    """The screen without the tool's colours, each line without trailing blanks."""
    return "\n".join(line.rstrip() for line in SGR.sub("", screen).split("\n"))
