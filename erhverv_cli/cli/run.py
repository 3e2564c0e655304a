"""How query commands print on a terminal: the look of the output (colour, width, language), a
rich console, footers, and a pager for long `show` output. What they do before printing is in
:mod:`erhverv_cli.commands`, shared with the fast path."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from typing import Any

from erhverv_cli.arguments import lang as parse_lang
from erhverv_cli.cli.app import STATE
from erhverv_cli.commands import SESSION
from erhverv_cli.render.terminal import Look, console, make_look


def look(lang: str | None = None, corpus: Any = None) -> Look:
    shown = "" if corpus is None or corpus.bundled else corpus.display()
    return make_look(STATE["color"], parse_lang(lang), sys.stdout, shown)


def emit(output: Any, view: Look) -> None:
    """Write a rendered value: text as it is, rich renderables through a console (off a terminal,
    without the blanks rich pads lines with)."""
    SESSION["written"] = True
    if isinstance(output, str):
        sys.stdout.write(output)
    elif view.terminal:
        console(view).print(output)
    else:
        sys.stdout.write(rendered(output, view))
    sys.stdout.flush()


def rendered(output: Any, view: Look) -> str:
    """A rich renderable as plain text lines without trailing blanks."""
    from io import StringIO

    buffer = StringIO()
    console(view, buffer).print(output)
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def footer(shown: int, total: int, noun: str, view: Look, paged: bool) -> str:
    """'7 cases', '20 of 8,792 matches — use --limit N or --all', '… in data/cases'."""
    plural = noun + ("es" if noun.endswith("h") else "s")
    text = f"{total:,} {noun if total == 1 else plural}"
    if shown < total:
        text = f"{shown:,} of {text}" + (" — use --limit N or --all" if paged else "")
    return text + (f" in {view.corpus}" if view.corpus else "")


def paged(output: Any, view: Look, use_pager: bool) -> None:
    """Long output on a terminal through $PAGER (else `less -FRX`), like git and gh do."""
    if not (use_pager and view.terminal):
        emit(output, view)
        return
    SESSION["written"] = True
    from io import StringIO

    buffer = StringIO()
    console(view, buffer).print(output) if not isinstance(output, str) else buffer.write(output)
    text = buffer.getvalue()
    height = shutil.get_terminal_size((100, 24)).lines
    pager = os.environ.get("PAGER") or ("less -FRX" if shutil.which("less") else "")
    if text.count("\n") < height or not pager.strip():
        sys.stdout.write(text)
        return
    env = {**os.environ, "LESS": os.environ.get("LESS", "FRX")}
    try:
        subprocess.run(shlex.split(pager), input=text, text=True, check=False, env=env)
    except OSError:
        sys.stdout.write(text)
