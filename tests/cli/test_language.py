"""Languages: `--lang en` (or ERHVERV_LANG=en) puts the tables in English; help and errors are English
either way; a field carries the same label in show, compare, similar and stats, taken from
erhverv_cli/labels.py.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml
from conftest import CORPUS
from typer.testing import CliRunner

from erhverv_cli.cli import app
from erhverv_cli.labels import LABELS

SILKEBORG: dict[str, Any] = yaml.safe_load((CORPUS / "silkeborg-valley.yaml").read_text(encoding="utf-8"))
COMMANDS = {
    "list": ["list"],
    "find": ["find", "klynge"],
    "show": ["show", "13"],
    "compare": ["compare", "6", "13"],
    "similar": ["similar", "13"],
    "stats": ["stats"],
    "stats-by": ["stats", "--by", "sector"],
    "vocab": ["vocab"],
}
# view → labels (keys of LABELS) that its table shows for these cases
SHOWN = {
    "list": ["title", "type", "places", "started"],
    "find": ["title", "type", "places", "score", "snippet"],
    "show": ["municipalities", "regions", "target_groups", "sectors", "instruments", "good_practice",
             "transferability", "evaluation", "funding", "key_figures"],
    "compare": ["type", "municipalities", "regions", "target_groups", "sectors", "instruments",
                "good_practice", "transferability", "evaluation", "started"],
    "similar": ["cases_like", "title", "why", "instruments"],
    "stats": ["cases", "type", "municipalities", "regions", "target_groups", "instruments", "sectors",
              "good_practice", "transferability", "evaluation", "started"],
    "stats-by": ["sectors", "cases", "share", "unknown", "total"],
    "vocab": ["target_groups", "instruments", "sectors"],
}  # fmt: skip


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("language-cache"))


@pytest.fixture(autouse=True)
def _one_cache(cache: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ERHVERV_CACHE_DIR", cache)


def _ok(runner: CliRunner, arguments: list[str], env: dict[str, str | None] | None = None) -> str:
    result = runner.invoke(app, arguments, env=env, prog_name="erhverv")
    assert result.exit_code == 0, result.output
    return result.stdout


def _has(text: str, words: str) -> bool:
    """The label stands on its own in the text (not inside a longer word)."""
    return re.search(rf"(?<![\w(]){re.escape(words)}(?![\w)])", text) is not None


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_lang_en_puts_the_labels_in_english(name: str, runner: CliRunner) -> None:
    danish = _ok(runner, COMMANDS[name])
    english = _ok(runner, [*COMMANDS[name], "--lang", "en"])
    for key in SHOWN[name]:
        da, en = LABELS[key]
        assert _has(danish, da), f"{name}: no {da!r}"
        assert _has(english, en), f"{name} --lang en: no {en!r}"
        if da != en and not _has(en, da):
            assert not _has(english, da), f"{name} --lang en still says {da!r}"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_erhverv_lang_is_the_same_as_the_option(name: str, runner: CliRunner) -> None:
    english = _ok(runner, [*COMMANDS[name], "--lang", "en"])
    assert _ok(runner, COMMANDS[name], {"ERHVERV_LANG": "en"}) == english
    assert _ok(runner, [*COMMANDS[name], "--lang", "da"], {"ERHVERV_LANG": "en"}) == _ok(
        runner, COMMANDS[name]
    )


def test_show_in_english_has_the_english_title_and_description(runner: CliRunner) -> None:
    text = _ok(runner, ["show", "13", "--lang", "en"])
    flat = " ".join(text.split())
    assert text.splitlines()[0] == f"Case 13: {SILKEBORG['title_en']}"
    assert " ".join(SILKEBORG["summary_en"].split()) in flat
    assert " ".join(SILKEBORG["description_en"].split()[:40]) in flat
    assert "Baggrund" not in text and " ".join(SILKEBORG["background"].split()[:8]) not in flat
    danish = _ok(runner, ["show", "13"])
    assert danish.splitlines()[0] == f"Case 13: {SILKEBORG['title']}"
    assert "Baggrund" in danish


@pytest.mark.parametrize(
    "arguments",
    [["--help"], ["find", "--help"], ["stats", "--help"], ["find", "--type", "fokus"], ["show", "nope"]],
)
def test_help_and_errors_stay_english(arguments: list[str], runner: CliRunner) -> None:
    danish = runner.invoke(app, arguments, prog_name="erhverv")
    english = runner.invoke(app, arguments, env={"ERHVERV_LANG": "en"}, prog_name="erhverv")
    assert (danish.exit_code, danish.output) == (english.exit_code, english.output)
    if arguments[-1] != "--help":
        assert danish.stderr.startswith("erhverv: error: ")
        lang = runner.invoke(app, [*arguments, "--lang", "da"], prog_name="erhverv")
        assert lang.stderr == danish.stderr


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_field_has_one_label_in_show_compare_similar_and_stats(lang: str, runner: CliRunner) -> None:
    views = {name: _ok(runner, [*COMMANDS[name], "--lang", lang]) for name in ("show", "compare", "stats")}
    views["similar"] = _ok(runner, ["similar", "13", "--lang", lang])
    position = 0 if lang == "da" else 1
    for key in ("type", "municipalities", "regions", "target_groups", "instruments", "sectors",
                "good_practice", "transferability", "evaluation"):  # fmt: skip
        for name in ("show", "compare", "stats"):
            assert _has(views[name], LABELS[key][position]), f"{name} --lang {lang}: {LABELS[key][position]}"
    assert _has(views["similar"], LABELS["instruments"][position] + ":")


def test_the_labels_come_from_labels_py(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """Change a label in erhverv_cli.labels and every view says the new one."""
    for key in ("target_groups", "instruments", "share"):
        monkeypatch.setitem(LABELS, key, (f"DA-{key}", f"EN-{key}"))
    for lang in ("da", "en"):
        tag = lang.upper()
        for arguments in (["show", "13"], ["compare", "6", "13"], ["stats"], ["similar", "13"], ["vocab"]):
            assert f"{tag}-instruments" in _ok(runner, [*arguments, "--lang", lang]), arguments
        assert f"{tag}-target_groups" in _ok(runner, ["stats", "--by", "target_group", "--lang", lang])
        assert f"{tag}-share" in _ok(runner, ["stats", "--by", "type", "--lang", lang])
