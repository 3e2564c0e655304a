"""CLI tests of the query commands (list, find, show, compare, stats, similar) on the real corpus.

Everything runs in-process through CliRunner. Expected sets come from the case files read with
PyYAML, except the two the issue fixes: `--type fokuseret` is cases 5–11 and `--region
Nordjylland` is cases 2 and 5.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import CORPUS
from typer.testing import CliRunner, Result

from erhverv_cli.cli import app
from erhverv_cli.geography import REGION_OF

CASES: list[dict[str, Any]] = sorted(
    (yaml.safe_load(path.read_text(encoding="utf-8")) for path in CORPUS.glob("*.yaml")),
    key=lambda case: case["number"],
)
BY_NUMBER = {case["number"]: case for case in CASES}
ANSI = re.compile(r"\x1b\[|\x1b\]|\x9b")


def run(runner: CliRunner, *args: str, env: dict[str, str] | None = None) -> Result:
    return runner.invoke(app, list(args), env=env, catch_exceptions=False)


def ok(runner: CliRunner, *args: str, env: dict[str, str] | None = None) -> Result:
    result = run(runner, *args, env=env)
    assert result.exit_code == 0, f"erhverv {' '.join(args)} → {result.exit_code}\n{result.output}"
    return result


def numbers(runner: CliRunner, *args: str) -> set[int]:
    """Case numbers `find … --format json` prints (an empty result exits 1 with an empty list)."""
    result = run(runner, "find", *args, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return {item["number"] for item in json.loads(result.stdout)}


def _regions(case: dict[str, Any]) -> set[str]:
    """The regions of a case: those of its lead municipalities, where it is at home."""
    return {REGION_OF[name] for name in case["municipalities"]}


def _places(case: dict[str, Any]) -> set[str]:
    return {*case["municipalities"], *(case.get("partner_municipalities") or [])}


def _expected(predicate: Any) -> set[int]:
    found = {case["number"] for case in CASES if predicate(case)}
    assert found, "the expectation selects no case: the test would prove nothing"
    return found


# -- find: filters --------------------------------------------------------------------------------


def test_type_fokuseret_is_cases_5_to_11(runner: CliRunner) -> None:
    assert numbers(runner, "--type", "fokuseret") == set(range(5, 12))


def test_region_nordjylland_is_cases_2_and_5(runner: CliRunner) -> None:
    assert numbers(runner, "--region", "Nordjylland") == {2, 5}


@pytest.mark.parametrize("typed", ["Sjaelland", "Sjælland", "region sjælland", "SJAELLAND"])
def test_region_typed_in_ascii_or_danish(runner: CliRunner, typed: str) -> None:
    assert numbers(runner, "--region", typed) == _expected(lambda c: "Region Sjælland" in _regions(c))


@pytest.mark.parametrize("option", ["--kommune", "--municipality", "-k"])
@pytest.mark.parametrize("typed", ["Koge", "Køge", "Koege"])
def test_kommune_and_its_alias_fold_danish_letters(runner: CliRunner, option: str, typed: str) -> None:
    assert numbers(runner, option, typed) == _expected(lambda c: "Køge" in _places(c))


def test_kommune_matches_partner_municipalities(runner: CliRunner) -> None:
    assert numbers(runner, "--kommune", "Favrskov") == _expected(lambda c: "Favrskov" in _places(c))


def test_repeated_type_is_or(runner: CliRunner) -> None:
    expected = _expected(lambda c: c["type"] in ("basal", "fokuseret"))
    assert numbers(runner, "--type", "basal", "--type", "fokuseret") == expected
    assert numbers(runner, "--type", "basal,fokuseret") == expected


def test_different_filters_are_and(runner: CliRunner) -> None:
    expected = _expected(lambda c: c["type"] == "fokuseret" and "Region Syddanmark" in _regions(c))
    assert numbers(runner, "--type", "fokuseret", "--region", "Syddanmark") == expected
    assert expected < _expected(lambda c: c["type"] == "fokuseret")


def test_filters_and_with_a_query(runner: CliRunner) -> None:
    found = numbers(runner, "netværk", "--type", "basal")
    assert found and found <= _expected(lambda c: c["type"] == "basal")


def test_target_instrument_practice_and_sector_filters(runner: CliRunner) -> None:
    assert numbers(runner, "--target", "mikrovirksomheder") == _expected(
        lambda c: "mikrovirksomheder" in (c.get("target_groups") or [])
    )
    assert numbers(runner, "--instrument", "inkubator") == _expected(
        lambda c: "inkubator" in (c.get("instruments") or [])
    )
    assert numbers(runner, "--practice", "kritisk masse") == _expected(
        lambda c: "kritisk masse" in (c.get("good_practice") or [])
    )
    assert numbers(runner, "--sector", "offshore") == _expected(
        lambda c: "offshore" in (c.get("sectors") or [])
    )


@pytest.mark.parametrize(
    ("args", "since", "until"),
    [
        (("--since", "2011"), 2011, None),
        (("--until", "2006"), None, 2006),
        (("--since", "2010", "--until", "2012"), 2010, 2012),
    ],
)
def test_since_and_until(
    runner: CliRunner, args: tuple[str, ...], since: int | None, until: int | None
) -> None:
    expected = _expected(
        lambda c: (
            c.get("started") is not None
            and (since is None or c["started"] >= since)
            and (until is None or c["started"] <= until)
        )
    )
    assert numbers(runner, *args) == expected


def test_unknown_type_is_a_usage_error_with_did_you_mean(runner: CliRunner) -> None:
    result = run(runner, "find", "--type", "fokus")
    assert result.exit_code == 2
    assert "did you mean 'fokuseret'" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_kommune_suggests_the_closest(runner: CliRunner) -> None:
    result = run(runner, "find", "--kommune", "Kobenhvn")
    assert result.exit_code == 2
    assert "--kommune" in result.stderr and "did you mean 'København'" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("option", "typed", "suggested"),
    [
        ("--region", "Midtjyland", "Region Midtjylland"),
        ("--target", "ivaerksaetter", "iværksættere"),
        ("--sector", "fodevare", "fødevarer"),
        ("--instrument", "netvaerket", "netværk"),
    ],
)
def test_other_unknown_filter_values_suggest(
    runner: CliRunner, option: str, typed: str, suggested: str
) -> None:
    result = run(runner, "find", option, typed)
    assert result.exit_code == 2
    assert f"{option}: unknown value '{typed}'" in result.stderr
    assert f"'{suggested}'" in result.stderr


def test_no_match_is_exit_1_with_a_message(runner: CliRunner) -> None:
    result = run(runner, "find", "zzzxqy", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == []
    assert "no cases match" in result.stderr


# -- find: limit, sort, relevance -----------------------------------------------------------------


def _json(result: Result) -> Any:
    return json.loads(result.stdout)


def test_limit(runner: CliRunner) -> None:
    everything = _json(ok(runner, "find", "--type", "fokuseret", "--format", "json"))
    limited = _json(ok(runner, "find", "--type", "fokuseret", "--limit", "3", "--format", "json"))
    assert limited == everything[:3]
    ranked = _json(ok(runner, "find", "klynge", "--format", "json"))
    assert _json(ok(runner, "find", "klynge", "-n", "2", "--format", "json")) == ranked[:2]


def test_without_a_query_results_are_sorted_by_number(runner: CliRunner) -> None:
    found = [item["number"] for item in _json(ok(runner, "find", "--format", "json"))]
    assert found == sorted(case["number"] for case in CASES)


@pytest.mark.parametrize("query", [(), ("netværk",)])
def test_sort_by_year_and_title(runner: CliRunner, query: tuple[str, ...]) -> None:
    by_year = _json(ok(runner, "find", *query, "--sort", "year", "--format", "json"))
    years = [item["started"] for item in by_year if item["started"] is not None]
    assert years == sorted(years) and len(years) > 1
    assert all(item["started"] is None for item in by_year[len(years) :])  # unknown years last
    by_title = _json(ok(runner, "find", *query, "--sort", "title", "--format", "json"))
    assert len(by_title) == len(by_year)
    by_number = _json(ok(runner, "find", *query, "--sort", "number", "--format", "json"))
    assert [item["number"] for item in by_number] == sorted(item["number"] for item in by_number)


def test_a_query_ranks_by_relevance_with_score_and_snippet(runner: CliRunner) -> None:
    fields = "number,id,title,score,snippet"  # machine formats carry snippets only when asked
    hits = _json(ok(runner, "find", "vaeksthus Koge", "--format", "json", "--fields", fields))
    assert hits[0]["id"] == "koege-erhvervsservice-knudepunkt"
    scores = [hit["score"] for hit in hits]
    assert scores == sorted(scores, reverse=True) and all(score > 0 for score in scores)
    for hit in hits:
        snippet = hit["snippet"]
        assert snippet["text"] and snippet["field"]
        for start, end in snippet["highlights"]:
            assert 0 <= start < end <= len(snippet["text"])
    first = hits[0]["snippet"]
    marked = {first["text"][start:end].lower() for start, end in first["highlights"]}
    assert marked & {"væksthus", "køge"}


def test_relevance_is_the_default_sort_with_a_query(runner: CliRunner) -> None:
    default = _json(ok(runner, "find", "symbiose", "--format", "json"))
    explicit = _json(ok(runner, "find", "symbiose", "--sort", "relevance", "--format", "json"))
    assert default == explicit and default[0]["id"] == "symbiosecenter-kalundborg"


def test_json_uses_the_field_names_of_the_case_files(runner: CliRunner) -> None:
    listed = _json(ok(runner, "list", "--format", "json"))
    found = _json(ok(runner, "find", "--format", "json"))
    case_fields = set().union(*(case.keys() for case in CASES)) | {"regions"}
    for item in listed:
        assert set(item) <= case_fields
        source = BY_NUMBER[item["number"]]
        assert (item["id"], item["title"], item["type"]) == (source["id"], source["title"], source["type"])
    assert [item["id"] for item in found] == [item["id"] for item in listed]


# -- every format parses ---------------------------------------------------------------------------

COMMANDS: dict[str, tuple[str, ...]] = {
    "list": ("list",),
    "find": ("find", "klynge"),
    "find-filters": ("find", "--type", "basal"),
    "compare": ("compare", "6", "13"),
    "stats": ("stats",),
    "stats-filtered": ("stats", "--type", "fokuseret"),
    "similar": ("similar", "silkeborg-valley"),
    "show": ("show", "5"),
}


def _markdown_tables(text: str) -> list[list[list[str]]]:
    """The pipe tables of a Markdown text, as rows of cells (header first, separator dropped)."""
    tables: list[list[list[str]]] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines) - 1:
        if lines[i].startswith("|") and re.fullmatch(r"\|(\s*:?-{3,}:?\s*\|)+", lines[i + 1].strip()):
            rows = [lines[i]]
            i += 2
            while i < len(lines) and lines[i].startswith("|"):
                rows.append(lines[i])
                i += 1
            tables.append([_cells(row) for row in rows])
        else:
            i += 1
    return tables


def _cells(row: str) -> list[str]:
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", row.strip())[1:-1]]


@pytest.mark.parametrize("name", list(COMMANDS))
def test_json_parses(runner: CliRunner, name: str) -> None:
    data = _json(ok(runner, *COMMANDS[name], "--format", "json"))
    assert data


@pytest.mark.parametrize("name", list(COMMANDS))
def test_csv_parses_into_rectangular_rows(runner: CliRunner, name: str) -> None:
    rows = list(csv.reader(io.StringIO(ok(runner, *COMMANDS[name], "--format", "csv").stdout)))
    assert len(rows) >= 2
    assert len({len(row) for row in rows}) == 1, "rows of different lengths"
    assert all(cell.strip() for cell in rows[0]) or name == "compare"


@pytest.mark.parametrize("name", list(COMMANDS))
def test_markdown_has_well_formed_tables(runner: CliRunner, name: str) -> None:
    tables = _markdown_tables(ok(runner, *COMMANDS[name], "--format", "markdown").stdout)
    assert tables, "no Markdown table"
    for table in tables:
        assert len(table) >= 2
        assert len({len(row) for row in table}) == 1, table[0]


@pytest.mark.parametrize("name", ["list", "find", "find-filters", "similar"])
def test_formats_agree_on_the_cases(runner: CliRunner, name: str) -> None:
    data = _json(ok(runner, *COMMANDS[name], "--format", "json"))
    items = data["similar"] if name == "similar" else data
    rows = list(csv.DictReader(io.StringIO(ok(runner, *COMMANDS[name], "--format", "csv").stdout)))
    assert [row["id"] for row in rows] == [item["id"] for item in items]
    table = ok(runner, *COMMANDS[name]).stdout
    for item in items:
        assert re.search(rf"(?m)^\s*{item['number']}\s", table), item["id"]


# -- table output: width and control codes --------------------------------------------------------


@pytest.mark.parametrize("name", list(COMMANDS))
@pytest.mark.parametrize(
    "env",
    [
        {"COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb"},
        {"COLUMNS": "80", "NO_COLOR": "", "TERM": "xterm-256color"},
    ],
    ids=["no-color", "color-terminal-but-piped"],
)
def test_piped_tables_are_whole_without_control_codes_or_trailing_blanks(
    runner: CliRunner, name: str, env: dict[str, str]
) -> None:
    """Off a terminal nothing is cut: ids and names stay whole, lines carry no padding."""
    output = ok(runner, *COMMANDS[name], env=env).stdout
    assert not ANSI.search(output)
    padded = [line for line in output.splitlines() if line != line.rstrip()]
    assert not padded, "\n".join(padded)
    assert "…" not in output.replace(" …", "") or name == "show"
    if name in ("list", "find-filters"):
        for case in CASES:
            if name == "list" or case["type"] == "basal":
                assert re.search(
                    rf"(?m)^\s*{case['number']}\s+{case['id']}\s+{re.escape(case['title'])}\s", output
                )


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown"])
def test_other_formats_have_no_control_codes(runner: CliRunner, fmt: str) -> None:
    env = {"COLUMNS": "80", "NO_COLOR": "", "TERM": "xterm-256color"}
    for name, args in COMMANDS.items():
        assert not ANSI.search(ok(runner, *args, "--format", fmt, env=env).stdout), name


# -- show -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("reference", ["5", "concept-mariagerfjord", "mariager", "Concept Mariagerfjord"])
def test_show_by_number_id_fragment_or_title(runner: CliRunner, reference: str) -> None:
    shown = _json(ok(runner, "show", reference, "--format", "json"))
    assert shown["id"] == "concept-mariagerfjord" and shown["number"] == 5


def test_show_table_has_the_key_facts_and_text(runner: CliRunner) -> None:
    case = BY_NUMBER[6]
    output = ok(runner, "show", "6").stdout
    assert case["title"] in output and case["id"] in output
    assert "Middelfart Erhvervscenter" in output
    first_words = " ".join(case["background"].split()[:3])
    assert first_words in " ".join(output.split())


@pytest.mark.parametrize("reference", ["silkebrog valey", "99", "no-such-case"])
def test_show_miss_is_exit_1_without_traceback(runner: CliRunner, reference: str) -> None:
    result = run(runner, "show", reference)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stderr.startswith(f"erhverv: error: no case '{reference}'")
    assert result.stdout == ""
    if reference == "silkebrog valey":
        assert "did you mean 'silkeborg-valley'" in result.stderr


def test_show_yaml_round_trips(runner: CliRunner) -> None:
    for case in CASES:
        as_yaml = yaml.safe_load(ok(runner, "show", case["id"], "--format", "yaml").stdout)
        as_json = _json(ok(runner, "show", case["id"], "--format", "json"))
        assert as_yaml == {key: value for key, value in as_json.items() if key != "regions"}
        _assert_contains(as_yaml, case, case["id"])


def test_show_yaml_is_a_valid_case_file(runner: CliRunner, tmp_path: Path) -> None:
    from erhverv_cli.validation import validate_file

    for case in CASES:
        path = tmp_path / f"{case['id']}.yaml"
        path.write_text(ok(runner, "show", case["id"], "--format", "yaml").stdout, encoding="utf-8")
        assert validate_file(path).ok, validate_file(path).findings


def _assert_contains(shown: Any, source: Any, where: str) -> None:
    """Everything the case file says is in what `show` printed (which adds defaults and regions)."""
    if isinstance(source, dict):
        assert isinstance(shown, dict), where
        for key, value in source.items():
            if value is not None:
                assert key in shown, f"{where}.{key} is missing"
                _assert_contains(shown[key], value, f"{where}.{key}")
    elif isinstance(source, list):
        assert isinstance(shown, list) and len(shown) == len(source), where
        for i, (one, other) in enumerate(zip(shown, source, strict=True)):
            _assert_contains(one, other, f"{where}[{i}]")
    else:
        assert shown == source, f"{where}: {shown!r} != {source!r}"


# -- compare ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [0, 1, 5])
def test_compare_needs_two_to_four_cases(runner: CliRunner, count: int) -> None:
    result = run(runner, "compare", *[str(n) for n in range(1, count + 1)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_compare_refuses_the_same_case_twice(runner: CliRunner) -> None:
    result = run(runner, "compare", "6", "ledernetvaerk-middelfart")
    assert result.exit_code == 2


@pytest.mark.parametrize("count", [2, 3, 4])
def test_compare_two_to_four(runner: CliRunner, count: int) -> None:
    chosen = [str(n) for n in (6, 13, 16, 9)[:count]]
    data = _json(ok(runner, "compare", *chosen, "--format", "json"))
    assert [item["number"] for item in data["cases"]] == [int(n) for n in chosen]
    header = next(csv.reader(io.StringIO(ok(runner, "compare", *chosen, "--format", "csv").stdout)))
    assert len(header) == count + 1


def test_compare_marks_shared_values(runner: CliRunner) -> None:
    one, other = BY_NUMBER[6], BY_NUMBER[13]
    shared_instruments = set(one["instruments"]) & set(other["instruments"])
    only_one = set(one["instruments"]) - set(other["instruments"])
    assert shared_instruments and only_one
    data = _json(ok(runner, "compare", "6", "13", "--format", "json"))
    marked = {value for values in data["shared"].values() for value in values}
    assert shared_instruments <= marked
    assert not only_one & marked
    table = ok(runner, "compare", "6", "13").stdout
    flat = " ".join(table.split())
    for value in shared_instruments:
        assert f"{value}*" in flat, value
    for value in only_one:
        assert f"{value}*" not in flat, value


def test_compare_stays_readable_at_80_columns(runner: CliRunner) -> None:
    output = ok(runner, "compare", "6", "13", "16", "9", env={"COLUMNS": "80"}).stdout
    assert max(len(line) for line in output.splitlines()) <= 80
    for case in (BY_NUMBER[n] for n in (6, 13, 16, 9)):
        assert case["municipalities"][0] in output


# -- stats ------------------------------------------------------------------------------------------


def _stats(runner: CliRunner, *args: str) -> dict[str, dict[str, int]]:
    data = _json(ok(runner, "stats", *args, "--format", "json"))
    return {facet: {row["value"]: row["count"] for row in rows} for facet, rows in data.items()}


def test_stats_counts_types_4_7_7(runner: CliRunner) -> None:
    counts = _stats(runner)["type"]
    assert counts == {"basal": 4, "fokuseret": 7, "erhvervsudvikling": 7}
    assert counts == {t: sum(1 for c in CASES if c["type"] == t) for t in counts}


def test_stats_counts_every_facet_from_the_case_files(runner: CliRunner) -> None:
    counts = _stats(runner)
    regions = set().union(*(_regions(c) for c in CASES))
    assert counts["region"] == {r: sum(1 for c in CASES if r in _regions(c)) for r in regions}
    assert counts["municipality"] == {
        m: sum(1 for c in CASES if m in _places(c)) for m in set().union(*map(_places, CASES))
    }
    assert counts["instrument"] == {
        i: sum(1 for c in CASES if i in (c.get("instruments") or []))
        for i in {i for c in CASES for i in c.get("instruments") or []}
    }
    assert sum(counts["type"].values()) == len(CASES)


def test_stats_honours_filters(runner: CliRunner) -> None:
    counts = _stats(runner, "--region", "Nordjylland")
    selected = [BY_NUMBER[2], BY_NUMBER[5]]
    assert counts["type"] == {
        t: sum(1 for c in selected if c["type"] == t) for t in {c["type"] for c in selected}
    }
    assert counts["municipality"] == {
        m: sum(1 for c in selected if m in _places(c)) for m in set().union(*map(_places, selected))
    }


def test_stats_table_has_bars(runner: CliRunner) -> None:
    output = ok(runner, "stats", "--by", "type").stdout
    assert "█" in output
    assert "fokuseret" in output and "erhvervsudvikling" in output


# -- similar ----------------------------------------------------------------------------------------


def test_similar_lists_reasons(runner: CliRunner) -> None:
    data = _json(ok(runner, "similar", "13", "--format", "json"))
    assert data["case"]["id"] == "silkeborg-valley"
    assert data["similar"] and all(item["why"] for item in data["similar"])
    assert "silkeborg-valley" not in {item["id"] for item in data["similar"]}
    rows = list(csv.DictReader(io.StringIO(ok(runner, "similar", "13", "--format", "csv").stdout)))
    assert rows and all(row["why"] for row in rows)
    table = ok(runner, "similar", "13").stdout
    assert "instrument" in table.lower() or "virkemidler" in table.lower()


def test_similar_limit(runner: CliRunner) -> None:
    data = _json(ok(runner, "similar", "5", "--limit", "2", "--format", "json"))
    assert len(data["similar"]) == 2


def test_similar_miss_is_exit_1(runner: CliRunner) -> None:
    result = run(runner, "similar", "no-such-case")
    assert result.exit_code == 1 and "Traceback" not in result.output


# -- another corpus -----------------------------------------------------------------------------------


@pytest.fixture
def two_cases(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("concept-mariagerfjord.yaml", "silkeborg-valley.yaml"):
        shutil.copy(CORPUS / name, folder / name)
    return folder


@pytest.mark.parametrize(
    "args",
    [("list",), ("find",), ("find", "netværk"), ("stats",)],
    ids=["list", "find", "find-query", "stats"],
)
def test_data_dir_restricts_every_command(runner: CliRunner, two_cases: Path, args: tuple[str, ...]) -> None:
    data = _json(ok(runner, *args, "--data-dir", str(two_cases), "--format", "json"))
    if args[0] == "stats":
        assert sum(row["count"] for row in data["type"]) == 2
    else:
        assert {item["id"] for item in data} == {"concept-mariagerfjord", "silkeborg-valley"}


def test_data_dir_for_show_compare_similar(runner: CliRunner, two_cases: Path) -> None:
    where = ("--data-dir", str(two_cases))
    assert _json(ok(runner, "show", "13", *where, "--format", "json"))["id"] == "silkeborg-valley"
    assert run(runner, "show", "6", *where).exit_code == 1
    compared = _json(ok(runner, "compare", "5", "13", *where, "--format", "json"))
    assert [item["id"] for item in compared["cases"]] == ["concept-mariagerfjord", "silkeborg-valley"]
    related = _json(ok(runner, "similar", "5", *where, "--format", "json"))
    assert [item["id"] for item in related["similar"]] == ["silkeborg-valley"]


def test_data_dir_from_the_environment(runner: CliRunner, two_cases: Path) -> None:
    listed = _json(ok(runner, "list", "--format", "json", env={"ERHVERV_DATA_DIR": str(two_cases)}))
    assert {item["id"] for item in listed} == {"concept-mariagerfjord", "silkeborg-valley"}
    found = _json(
        ok(
            runner,
            "find",
            "--type",
            "fokuseret",
            "--format",
            "json",
            env={"ERHVERV_DATA_DIR": str(two_cases)},
        )
    )
    assert [item["id"] for item in found] == ["concept-mariagerfjord"]


def test_a_missing_data_dir_is_an_error_without_traceback(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "list", "--data-dir", str(tmp_path / "nowhere"))
    assert result.exit_code in (1, 2)
    assert "Traceback" not in result.output and "nowhere" in result.output


def test_no_cache_gives_the_same_answers(runner: CliRunner) -> None:
    for args in (("find", "klyngeudviklng maritim"), ("find", "--region", "Sjaelland"), ("similar", "9")):
        cached = ok(runner, *args, "--format", "json").stdout
        assert ok(runner, *args, "--format", "json", "--no-cache").stdout == cached


def test_compare_json_never_shares_the_truncation_marker(runner: CliRunner) -> None:
    data = _json(ok(runner, "compare", "6", "13", "--format", "json"))
    assert all("…" not in values for values in data["shared"].values()), data["shared"]


def _ids(runner: CliRunner, *args: str) -> list[str]:
    result = runner.invoke(app, ["find", *args, "--format", "json", "--fields", "id"])
    assert result.exit_code in (0, 1), result.output
    return [hit["id"] for hit in json.loads(result.stdout or "[]")]


@pytest.mark.parametrize(
    "excluded",
    ["-netværk", '-"offentlig-privat"', "-2012", "-title:klynge", "-klynge*", "-it-klynge"],
)
def test_a_dash_word_on_the_command_line_is_always_an_exclusion(runner: CliRunner, excluded: str) -> None:
    """Written as its own shell word, as the README shows: the same as inside one quoted query."""
    assert _ids(runner, "klynge", excluded) == _ids(runner, f"klynge {excluded}")
    assert _ids(runner, "klynge", excluded) != _ids(runner, "klynge")


def test_a_short_option_and_a_value_starting_with_dash_keep_their_meaning(runner: CliRunner) -> None:
    assert _ids(runner, "klynge", "-t", "basal") == _ids(runner, "klynge", "--type", "basal")
    years = runner.invoke(
        app, ["find", "klynge", "--sort", "-year", "--format", "csv", "--fields", "started"]
    )
    assert years.exit_code == 0
    started = [int(y) for y in years.stdout.splitlines()[1:] if y.strip('"')]  # cases with no year last
    assert started == sorted(started, reverse=True)
