"""Shell completion in a real bash: the script `erhverv --show-completion` prints is sourced and its
function called the way bash calls it on Tab.

Typer names the variable after the program: _ERHVERV_COMPLETE=source_bash prints the script, which
calls erhverv again with _ERHVERV_COMPLETE=complete_bash. A value with a space must reach the
command line as one shell word (`etablerede\\ virksomheder`); municipalities complete under the
Danish spelling rules (koe → København, Køge; Koge → Køge). zsh and fish run when installed.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

TIMEOUT = 60
BASH = shutil.which("bash")
pytestmark = pytest.mark.skipif(BASH is None, reason="bash is not installed")


@pytest.fixture(scope="module")
def bin_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with an `erhverv` that runs this checkout with this Python (as the console script)."""
    folder = tmp_path_factory.mktemp("bin")
    script = folder / "erhverv"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m erhverv_cli "$@"\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return folder


def _env(bin_dir: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.endswith("_COMPLETE")}
    return {**env, "PATH": f"{bin_dir}{os.pathsep}{env.get('PATH', '')}", **extra}


@pytest.fixture(scope="module")
def bash_script(bin_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The completion script Typer generates for bash, saved to a file, and its function's name."""
    done = subprocess.run(
        ["erhverv"],
        env=_env(bin_dir, _ERHVERV_COMPLETE="source_bash"),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=True,
    )
    assert "_ERHVERV_COMPLETE=complete_bash" in done.stdout, done.stdout
    registered = re.search(r"complete .*-F (\w+) erhverv", done.stdout)
    assert registered, done.stdout
    path = tmp_path_factory.mktemp("completion") / "erhverv.bash"
    path.write_text(done.stdout, encoding="utf-8")
    return path, registered.group(1)


BASH_DRIVER = r"""
source "$1"
function_name="$2"
shift 2
for line in "$@"; do
    read -r -a COMP_WORDS <<< "$line"
    case "$line" in *" ") COMP_WORDS+=("") ;; esac
    COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
    COMP_LINE="$line"
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    "$function_name" erhverv "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    printf '%s\n' "${COMPREPLY[@]}"
    if [ ${#COMPREPLY[@]} -gt 0 ]; then
        # What the shell reads back when the first candidate replaces the word typed:
        eval "set -- ${line% *} ${COMPREPLY[0]}"
        printf 'ARGS %s:' "$#"
        printf ' [%s]' "$@"
        printf '\n'
    fi
    echo "@@"
done
"""


def complete(bin_dir: Path, script: tuple[Path, str], *lines: str) -> list[tuple[list[str], str]]:
    """(candidates, how the completed line splits into words) for each typed line, in one bash."""
    path, function = script
    done = subprocess.run(
        [str(BASH), "--norc", "--noprofile", "-c", BASH_DRIVER, "bash", str(path), function, *lines],
        env=_env(bin_dir),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = []
    for block in done.stdout.split("@@\n")[: len(lines)]:
        rows = block.splitlines()
        words = next((row for row in rows if row.startswith("ARGS ")), "")
        out.append(([row for row in rows if not row.startswith("ARGS ")], words))
    assert len(out) == len(lines), done.stdout
    return out


def test_bash_completes_in_one_shell(bin_dir: Path, bash_script: tuple[Path, str]) -> None:
    target, koe, koge, silk, nord = complete(
        bin_dir,
        bash_script,
        "erhverv find --target etab",
        "erhverv find --kommune koe",
        "erhverv find --kommune Koge",
        "erhverv show silk",
        "erhverv stats --region nord",
    )
    # A value with a space arrives as ONE word: escaped in the reply, whole when the shell reads it.
    assert target[0] == ["etablerede\\ virksomheder"]
    assert target[1] == "ARGS 4: [erhverv] [find] [--target] [etablerede virksomheder]"
    assert sorted(koe[0]) == ["København", "Køge"]  # not Kolding
    assert koge[0] == ["Køge"]
    assert koge[1].endswith("[--kommune] [Køge]")
    assert silk[0] == ["silkeborg-valley"]
    assert nord[0] == ["Nordjylland"]


def test_bash_completes_commands_and_facets(bin_dir: Path, bash_script: tuple[Path, str]) -> None:
    commands, facets, practice = complete(
        bin_dir, bash_script, "erhverv s", "erhverv stats --by ta", "erhverv find --practice kritisk"
    )
    assert {"show", "stats", "similar", "schema"} <= set(commands[0])
    assert facets[0] == ["target_group"]
    assert practice[0] == ["kritisk\\ masse"]
    assert practice[1].endswith("[--practice] [kritisk masse]")


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_zsh_gets_the_value_whole(bin_dir: Path) -> None:
    done = subprocess.run(
        ["erhverv"],
        env=_env(
            bin_dir, _ERHVERV_COMPLETE="complete_zsh", _TYPER_COMPLETE_ARGS="erhverv find --target etab"
        ),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=True,
    )
    assert "etablerede virksomheder" in done.stdout
    assert "etablerede\\ virksomheder" not in done.stdout


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_fish_gets_the_value_whole(bin_dir: Path) -> None:
    done = subprocess.run(
        ["erhverv"],
        env=_env(
            bin_dir,
            _ERHVERV_COMPLETE="complete_fish",
            _TYPER_COMPLETE_FISH_ACTION="get-args",
            _TYPER_COMPLETE_ARGS="erhverv find --target etab",
        ),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=True,
    )
    assert "etablerede virksomheder" in done.stdout.splitlines()[0]
