"""`stats --by FACET` and `vocab [FACET]`, checked against counts made from the case files.

One facet gives counts, shares, an "(ukendt)" row for cases without a value and a total; two give
a cross-tab with totals; every format works; without --by a compact overview. `vocab` lists the
facets, and for one facet its values, meanings and case counts; a bad filter value's hint points
there.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from typing import Any

import pytest
import yaml
from conftest import CORPUS
from ptyrun import on_terminal_batch, plain
from typer.testing import CliRunner

from erhverv_cli.cli import app
from erhverv_cli.search.facets import FACETS, VALUE_FACETS

CASES: list[dict[str, Any]] = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in CORPUS.glob("*.yaml")]
FIELD = {"sector": "sectors", "target_group": "target_groups", "instrument": "instruments", "type": "type"}


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("stats-cache"))


@pytest.fixture(autouse=True)
def _one_cache(cache: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every run of this module shares one cache: the index is built once."""
    monkeypatch.setenv("ERHVERV_CACHE_DIR", cache)


def _values(case: dict[str, Any], facet: str) -> list[str]:
    value = case.get(FIELD.get(facet, facet))
    return [str(item) for item in (value if isinstance(value, list) else [] if value is None else [value])]


def _expected(facet: str) -> tuple[Counter[str], int]:
    """Cases per value of a facet, and the cases without a value."""
    counts = Counter(value for case in CASES for value in set(_values(case, facet)))
    return counts, sum(1 for case in CASES if not _values(case, facet))


def _ok(runner: CliRunner, *arguments: str, env: dict[str, str] | None = None) -> str:
    result = runner.invoke(app, list(arguments), env=env, prog_name="erhverv")
    assert result.exit_code == 0, result.output
    return result.stdout


def _table_rows(text: str) -> dict[str, list[str]]:
    """First cell → the other cells, of a plain table (cells are two or more blanks apart)."""
    rows = [re.split(r"\s{2,}", line.strip()) for line in text.splitlines() if line.strip()]
    return {row[0]: row[1:] for row in rows}


# -- stats --by one facet ---------------------------------------------------------------------------


@pytest.mark.parametrize(("facet", "lang"), [("sector", "da"), ("started", "en"), ("type", "da")])
def test_one_facet_has_counts_shares_unknown_and_total(facet: str, lang: str, runner: CliRunner) -> None:
    rows = _table_rows(_ok(runner, "stats", "--by", facet, "--lang", lang))
    expected, unknown = _expected(facet)
    unknown_label, total_label = ("(ukendt)", "I alt") if lang == "da" else ("(unknown)", "Total")
    for value, count in expected.items():
        assert rows[value][:2] == [str(count), f"{round(100 * count / len(CASES))} %"], value
        assert set(rows[value][2]) <= set("█▏▎▍▌▋▊▉")  # a bar, as long as the count says
    if unknown:
        assert rows[unknown_label][:2] == [str(unknown), f"{round(100 * unknown / len(CASES))} %"]
    else:
        assert unknown_label not in rows
    assert rows[total_label] == [str(len(CASES))]
    assert "(ukendt)" in rows or "(unknown)" in rows or facet == "type"


def test_the_header_names_the_facet_as_show_names_the_field(runner: CliRunner) -> None:
    header = _ok(runner, "stats", "--by", "sector").splitlines()[0].split()
    assert header[:3] == ["Sektorer", "Cases", "Andel"]
    assert "Sectors" in _ok(runner, "stats", "--by", "sector", "--lang", "en").splitlines()[0]


def test_bars_on_a_terminal(cache: str) -> None:
    env = {"NO_COLOR": "1", "ERHVERV_CACHE_DIR": cache}
    (code, screen), (code2, cross) = on_terminal_batch(
        [["stats", "--by", "type"], ["stats", "--by", "type", "--by", "region"]], env
    )
    assert code == code2 == 0
    lines = plain(screen).splitlines()
    bars = {line.split()[0]: line.count("█") for line in lines if "█" in line}
    assert bars["erhvervsudvikling"] == bars["fokuseret"] > bars["basal"] > 0
    assert any(line.split()[:2] == ["I", "alt"] and line.split()[-1] == "18" for line in lines)
    assert "█" not in cross and "I alt" in cross


# -- two facets: a cross-tab --------------------------------------------------------------------------


def test_two_facets_give_a_cross_tab_with_totals(runner: CliRunner) -> None:
    text = _ok(runner, "stats", "--by", "type", "--by", "target_group")
    header = re.split(r"\s{2,}", text.splitlines()[0].strip())
    assert header[0] == "Type \\ Målgrupper" and header[-1] == "I alt"
    groups = header[1:-1]
    rows = _table_rows("\n".join(text.splitlines()[1:]))
    kinds = Counter(case["type"] for case in CASES)
    for kind, count in kinds.items():
        assert rows[kind][-1] == str(count)  # the row total (empty cells are blank, totals never)
    counts, _ = _expected("target_group")
    assert rows["I alt"] == [*(str(counts[group]) for group in groups), str(len(CASES))]
    cells = list(
        csv.DictReader(io.StringIO(_ok(runner, "stats", "--by", "type", "--by", "target_group", "-f", "csv")))
    )
    expected = Counter(
        (case["type"], group) for case in CASES for group in set(_values(case, "target_group"))
    )
    assert {(row["type"], row["target_group"]): int(row["count"]) for row in cells} == expected


# -- every format ---------------------------------------------------------------------------------


def test_json_has_by_total_and_rows(runner: CliRunner) -> None:
    data = json.loads(_ok(runner, "stats", "--by", "sector", "-f", "json"))
    assert set(data) == {"by", "total", "rows"}
    assert (data["by"], data["total"]) == (["sector"], len(CASES))
    expected, unknown = _expected("sector")
    assert {row["sector"]: row["count"] for row in data["rows"]} == {**expected, None: unknown}
    assert all(row["share"] == round(row["count"] / len(CASES), 4) for row in data["rows"])
    cross = json.loads(_ok(runner, "stats", "--by", "type", "--by", "region", "-f", "json"))
    assert cross["by"] == ["type", "region"] and cross["total"] == len(CASES)
    assert sum(row["count"] for row in cross["rows"]) >= len(CASES)


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl", "markdown"])
@pytest.mark.parametrize("by", [["type"], ["type", "region"]], ids=["one", "two"])
def test_every_format_of_stats_by(fmt: str, by: list[str], runner: CliRunner) -> None:
    arguments = [argument for facet in by for argument in ("--by", facet)]
    output = _ok(runner, "stats", *arguments, "-f", fmt)
    if fmt == "jsonl":
        rows = [json.loads(line) for line in output.splitlines()]
        assert all(set(by) <= set(row) and "count" in row for row in rows)
    elif fmt == "markdown":
        lines = output.splitlines()
        assert lines[1].startswith("|---") and lines[-1].startswith("| I alt |")
    else:
        rows = list(csv.reader(io.StringIO(output), dialect="excel" if fmt == "csv" else "excel-tab"))
        assert rows[0] == [*by, "count", *(["share"] if len(by) == 1 else [])]
        assert len({len(row) for row in rows}) == 1


def test_without_by_a_compact_overview(runner: CliRunner) -> None:
    lines = _ok(runner, "stats").splitlines()
    assert 8 <= len(lines) <= 20, "\n".join(lines)
    assert lines[0].split() == ["Cases", "18"]
    for title in ("Type", "Kommuner", "Målgrupper", "Virkemidler", "Sektorer", "Start"):
        assert any(line.startswith(title + " ") for line in lines), title
    data = json.loads(_ok(runner, "stats", "-f", "json"))
    assert {row["value"]: row["count"] for row in data["type"]} == {
        "basal": 4,
        "fokuseret": 7,
        "erhvervsudvikling": 7,
    }


def test_an_unknown_facet_names_the_facets(runner: CliRunner) -> None:
    result = runner.invoke(app, ["stats", "--by", "kommune"], prog_name="erhverv")
    assert result.exit_code == 2
    message, hint = result.stderr.splitlines()
    assert message.startswith("erhverv: error: unknown facet 'kommune'")
    assert hint == "  hint: facets: " + ", ".join(item.key for item in FACETS)


# -- vocab -----------------------------------------------------------------------------------------


def test_vocab_lists_the_facets(runner: CliRunner) -> None:
    rows = _table_rows(_ok(runner, "vocab"))
    assert [key for key in rows if key in {item.key for item in FACETS}] == [item.key for item in FACETS]
    assert rows["target_group"][:2] == ["Målgrupper", "--target"]
    assert [row["facet"] for row in json.loads(_ok(runner, "vocab", "-f", "json"))] == [i.key for i in FACETS]


@pytest.mark.parametrize("facet", ["type", "target_group", "sector"])
def test_vocab_of_a_facet_has_values_meanings_and_counts(facet: str, runner: CliRunner) -> None:
    data = json.loads(_ok(runner, "vocab", facet, "-f", "json"))
    assert data["facet"] == facet
    counts = {row["value"]: row["cases"] for row in data["values"]}
    expected, _ = _expected(facet)
    assert {value: count for value, count in counts.items() if count} == dict(expected)
    if facet != "sector":  # closed vocabularies say what each value means
        assert all(row["meaning"] for row in data["values"])
    if facet == "type":
        assert counts == {"basal": 4, "fokuseret": 7, "erhvervsudvikling": 7}
        rows = _table_rows(_ok(runner, "vocab", "type"))
        assert [rows[kind][-1] for kind in ("basal", "fokuseret", "erhvervsudvikling")] == ["4", "7", "7"]


@pytest.mark.parametrize("item", VALUE_FACETS, ids=[item.key for item in VALUE_FACETS])
def test_a_bad_filter_value_points_to_vocab(item: Any, runner: CliRunner) -> None:
    result = runner.invoke(app, ["find", item.flags[0], "zzqqxx"], prog_name="erhverv")
    assert result.exit_code == 2
    hint = result.stderr.splitlines()[-1]
    found = re.fullmatch(rf"  hint: `erhverv vocab {item.key}` lists the (\d+) values", hint)
    assert found, hint
    listed = json.loads(_ok(runner, "vocab", item.key, "-f", "json"))["values"]
    assert int(found.group(1)) == len(listed)
