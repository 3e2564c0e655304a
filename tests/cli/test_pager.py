"""`erhverv show` pages long output on a terminal through $PAGER, as git and gh do.

$PAGER is a tiny script that writes what it is given (and $LESS) to files. On a pseudo-terminal of
15 rows `show 5` is longer than the screen and goes to the pager; with --no-pager, piped, in a
machine format or when it fits the screen it is printed directly.
"""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from ptyrun import on_terminal, piped, plain

SMALL, TALL = 15, 2000
TITLE = "Case 5: Concept Mariagerfjord"


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return {"ERHVERV_CACHE_DIR": str(tmp_path_factory.mktemp("pager-cache"))}


@pytest.fixture
def pager(tmp_path: Path, cache: dict[str, str]) -> tuple[dict[str, str], Path, Path]:
    """(environment with PAGER set, the file the pager writes its input to, and the one for $LESS)."""
    paged, less = tmp_path / "paged.txt", tmp_path / "less.txt"
    script = tmp_path / "pager.sh"
    script.write_text(f'#!/bin/sh\ncat > "{paged}"\nprintf %s "$LESS" > "{less}"\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return {**cache, "PAGER": str(script)}, paged, less


def test_long_output_on_a_terminal_goes_to_the_pager(pager: tuple[dict[str, str], Path, Path]) -> None:
    env, paged, less = pager
    code, screen = on_terminal(["show", "5"], env, rows=SMALL)
    assert code == 0, screen
    assert paged.is_file(), "the pager was not run"
    text = plain(paged.read_text(encoding="utf-8"))
    assert text.startswith(TITLE)
    assert len(text.splitlines()) > SMALL
    assert TITLE not in screen  # the pager had it, not the screen
    assert less.read_text(encoding="utf-8") == "FRX"  # quit if one screen, colours, no clearing


def test_the_users_less_options_are_kept(pager: tuple[dict[str, str], Path, Path]) -> None:
    env, paged, less = pager
    code, _ = on_terminal(["show", "5"], {**env, "LESS": "-R"}, rows=SMALL)
    assert code == 0 and paged.is_file()
    assert less.read_text(encoding="utf-8") == "-R"


@pytest.mark.parametrize(
    ("arguments", "rows"),
    [
        (["show", "5", "--no-pager"], SMALL),
        (["show", "5"], TALL),  # it fits the screen
        (["show", "5", "--source"], SMALL),  # one line
        (["show", "5", "--format", "yaml"], SMALL),  # a machine format is for copying, not paging
    ],
    ids=["no-pager", "fits", "source", "yaml"],
)
def test_no_pager_when_not_wanted(
    arguments: list[str], rows: int, pager: tuple[dict[str, str], Path, Path]
) -> None:
    env, paged, _ = pager
    code, screen = on_terminal(arguments, env, rows=rows)
    assert code == 0, screen
    assert not paged.exists(), f"erhverv {' '.join(arguments)} ran the pager"
    assert "Concept Mariagerfjord" in screen or "Katalog" in screen


def test_no_pager_when_piped(pager: tuple[dict[str, str], Path, Path]) -> None:
    env, paged, _ = pager
    done = piped(["show", "5"], {**env, "LINES": str(SMALL)})
    assert done.returncode == 0, done.stderr
    assert not paged.exists()
    assert done.stdout.startswith(TITLE)
    assert len(done.stdout.splitlines()) > SMALL


def test_a_missing_pager_falls_back_to_printing(tmp_path: Path, cache: dict[str, str]) -> None:
    code, screen = on_terminal(["show", "5"], {**cache, "PAGER": str(tmp_path / "no-such-pager")}, rows=SMALL)
    assert code == 0, screen
    assert TITLE in plain(screen)
