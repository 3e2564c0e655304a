"""Hostile cases on a real terminal: `python -m erhverv_cli` on a pseudo-terminal (TERM=xterm-256color),
with colour as the terminal allows it, with NO_COLOR=1, and with --color always.

On a terminal the tool colours its own output, so escape sequences are expected there; what must
never appear is one that came from a case file or an argument: no OSC (hyperlinks, window titles),
no screen clearing or cursor movement, no BEL, NUL, one-byte CSI, bidi or zero-width character,
and Rich markup in case text is printed as written.
"""

from __future__ import annotations

from pathlib import Path

import ptyrun
import pytest
from hostile import OWN_COLOUR, REFUSED, check_clean, hostile_corpus

VARIANTS = {"auto": ({}, []), "no-color": ({"NO_COLOR": "1"}, []), "always": ({}, ["--color", "always"])}
COMMANDS = {
    "list": ["list"],
    "find": ["find", "bold"],
    "show": ["show", "rich-markup-in-every-field"],
    "show-long": ["show", "long-lines-and-words-in-every-field"],
    "compare": ["compare", "rich-markup-in-every-field", "markdown-html-in-every-field"],
    "stats": ["stats", "--by", "sector"],
    "similar": ["similar", "csv-formula-in-every-field"],
    "vocab": ["vocab", "sector"],
}
SHOWS_MARKUP = {"list", "find", "show", "compare", "similar"}
# Every command on a terminal with colour as it comes; a few also without colour and forced.
CASES = [(name, "auto") for name in COMMANDS] + [
    (name, variant) for name in ("list", "show", "stats") for variant in ("no-color", "always")
]


def on_terminal(arguments: list[str], env: dict[str, str]) -> tuple[int, str]:
    """erhverv on a 120x40 pseudo-terminal, the screen as sent: (exit code, screen)."""
    return ptyrun.on_terminal(arguments, env, lines=False)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile_corpus(tmp_path_factory.mktemp("hostile-pty") / "cases")


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return {"ERHVERV_CACHE_DIR": str(tmp_path_factory.mktemp("pty-cache"))}


def check_screen(screen: str, variant: str) -> str:
    """The screen holds no escape sequence but the tool's own colours; returns it without them."""
    check_clean(screen, colour=True)
    for sequence in ("\x1b]", "\x1b[2J", "\x1b[H", "\x1b[31mred", "\x07", "\x9b"):
        assert sequence not in screen
    if variant == "no-color":
        assert "\x1b" not in screen
    return OWN_COLOUR.sub("", screen)


@pytest.mark.parametrize(("name", "variant"), CASES)
def test_query_commands_on_a_terminal(name: str, variant: str, corpus: Path, cache: dict[str, str]) -> None:
    env, options = VARIANTS[variant]
    code, screen = on_terminal([*options, *COMMANDS[name], "--data-dir", str(corpus)], {**cache, **env})
    text = check_screen(screen, variant)
    assert code == 0, text
    assert text.count("erhverv: warning: skipped ") == len(REFUSED)
    if variant == "always":
        assert OWN_COLOUR.search(screen)  # colour was on, and the checks above saw it
    if name in SHOWS_MARKUP:
        assert "[bold]x[/bold]" in text


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_validate_on_a_terminal(variant: str, corpus: Path) -> None:
    env, options = VARIANTS[variant]
    code, screen = on_terminal([*options, "validate", str(corpus)], env)
    text = check_screen(screen, variant)
    assert code == 1
    assert "\\x1b]8;;https://evil.example" not in text  # findings name the character, not the value
    assert f"{len(REFUSED)} invalid" in text


ARGUMENTS = {
    "show-osc-title": (["show", "\x1b]0;pwned\x07"], 1, "\\x1b]0;pwned\\x07"),
    "find-bidi-kommune": (["find", "--kommune", "\u202e"], 2, "<U+202E>"),
    "find-csi-query": (["find", "\x1b[2J\x9b31m"], 1, "no cases match"),
    "compare-osc8": (["compare", "\x1b]8;;https://evil.example\x07x", "5"], 1, "\\x1b]8;;"),
}


@pytest.mark.parametrize("name", sorted(ARGUMENTS))
def test_hostile_arguments_echo_harmlessly_on_a_terminal(name: str, cache: dict[str, str]) -> None:
    arguments, expected_code, shown = ARGUMENTS[name]
    code, screen = on_terminal(arguments, cache)
    text = check_screen(screen, "auto")
    assert code == expected_code, text
    assert shown in text
    assert "Traceback" not in text


def test_a_file_name_with_an_escape_on_a_terminal(tmp_path: Path, cache: dict[str, str]) -> None:
    folder = hostile_corpus(tmp_path / "cases", refused=False)
    (folder / "evil\x1b]0;pwned\x07.yaml").write_text("id: evil\n", encoding="utf-8")
    code, screen = on_terminal(["list", "--data-dir", str(folder)], cache)
    text = check_screen(screen, "auto")
    assert code == 0
    assert "evil\\x1b]0;pwned\\x07.yaml" in text
