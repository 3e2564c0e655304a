"""Pages with true totals, no table when nothing matches, whole piped tables, machine formats, sorting.

A corpus of 45 cases (the bundled ones copied under new ids, without numbers) shows one page of 20
on a pseudo-terminal with a footer that counts every case; `--all` shows them all, `--limit 5` five;
piped output and machine formats print every row unless `--limit` is given.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import CORPUS
from ptyrun import on_terminal, plain
from typer.testing import CliRunner, Result

from erhverv_cli.cli import app

SIZE = 45
HINT = " — use --limit N or --all"


def _run(runner: CliRunner, *arguments: str, code: int = 0) -> Result:
    result = runner.invoke(app, list(arguments), prog_name="erhverv")
    assert result.exit_code == code, f"erhverv {' '.join(arguments)} → {result.exit_code}\n{result.output}"
    return result


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """45 cases: the bundled files over and over, each with a new id and no number."""
    folder = tmp_path_factory.mktemp("big") / "cases"
    folder.mkdir()
    sources = sorted(CORPUS.glob("*.yaml"))
    for position in range(SIZE):
        source = sources[position % len(sources)]
        text = re.sub(r"(?m)^number: \d+\n", "", source.read_text(encoding="utf-8"))
        text = re.sub(r"(?m)^id: (\S+)", rf"id: \g<1>-{position:02d}", text)
        (folder / f"{source.stem}-{position:02d}.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def titles(big: Path) -> dict[str, str]:
    """id → title of the 45 cases."""
    records = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in big.glob("*.yaml")]
    return {record["id"]: record["title"] for record in records}


@pytest.fixture(scope="module")
def ids(titles: dict[str, str]) -> list[str]:
    return sorted(titles)


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """One cache for the terminal runs of this module: the index is built once."""
    return {"ERHVERV_CACHE_DIR": str(tmp_path_factory.mktemp("output-cache")), "NO_COLOR": "1"}


@pytest.fixture(autouse=True)
def _one_cache(cache: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The in-process runs share it too (nothing here damages a cache)."""
    monkeypatch.setenv("ERHVERV_CACHE_DIR", cache["ERHVERV_CACHE_DIR"])


def _shown(screen: str, ids: list[str]) -> list[str]:
    return [case_id for case_id in ids if re.search(rf"(?<![\w-]){re.escape(case_id)}(?![\w-])", screen)]


# -- pages and true totals ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "rows", "footer"),
    [
        ([], 20, f"20 of 45 cases{HINT}"),
        (["--all"], 45, "45 cases"),
        (["--limit", "5"], 5, f"5 of 45 cases{HINT}"),
    ],
    ids=["page", "all", "limit"],
)
def test_a_terminal_shows_a_page_and_counts_every_case(
    options: list[str], rows: int, footer: str, big: Path, ids: list[str], cache: dict[str, str]
) -> None:
    code, screen = on_terminal(["list", "--data-dir", str(big), *options], cache, columns=160)
    text = plain(screen)
    assert code == 0, text
    assert len(_shown(text, ids)) == rows
    assert text.rstrip().splitlines()[-1] == f"{footer} in {big}"


def test_piped_list_shows_every_case(runner: CliRunner, big: Path, ids: list[str]) -> None:
    output = _run(runner, "list", "--data-dir", str(big)).stdout
    assert _shown(output, ids) == ids
    assert output.rstrip().splitlines()[-1] == f"45 cases in {big}"


def test_find_footers_count_true_totals(
    runner: CliRunner, big: Path, ids: list[str], cache: dict[str, str]
) -> None:
    total = len(json.loads(_run(runner, "find", "klynge", "--data-dir", str(big), "-f", "json").stdout))
    assert 20 < total < SIZE
    code, screen = on_terminal(["find", "klynge", "--data-dir", str(big)], cache, columns=160)
    assert code == 0
    assert plain(screen).rstrip().splitlines()[-1] == f"20 of {total} matches{HINT} in {big}"
    piped = _run(runner, "find", "klynge", "--data-dir", str(big)).stdout
    assert len(_shown(piped, ids)) == total
    assert piped.rstrip().splitlines()[-1] == f"{total} matches in {big}"
    limited = _run(runner, "find", "klynge", "--limit", "3", "--data-dir", str(big)).stdout
    assert limited.rstrip().splitlines()[-1] == f"3 of {total} matches in {big}"


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "tsv", "markdown"])
def test_machine_formats_print_everything_unless_limited(
    fmt: str, runner: CliRunner, big: Path, ids: list[str]
) -> None:
    everything = _run(runner, "list", "--data-dir", str(big), "-f", fmt).stdout
    assert _shown(everything, ids) == ids
    five = _run(runner, "list", "--data-dir", str(big), "-f", fmt, "--limit", "5").stdout
    assert len(_shown(five, ids)) == 5


def test_machine_formats_on_a_terminal_are_not_paged(
    big: Path, ids: list[str], cache: dict[str, str]
) -> None:
    code, screen = on_terminal(["list", "--data-dir", str(big), "-f", "jsonl"], cache)
    assert code == 0
    records = [json.loads(line) for line in screen.splitlines() if line.startswith("{")]
    assert sorted(record["id"] for record in records) == ids


# -- no match: no table, one line, exit 1 ----------------------------------------------------------

NO_MATCH = {
    "find": ["find", "zzqqxxyy"],
    "find-filters": ["find", "--type", "basal", "--since", "2013"],
    "stats-filters": ["stats", "--type", "basal", "--since", "2013"],
    "stats-by-filters": ["stats", "--by", "sector", "--type", "basal", "--since", "2013"],
}


@pytest.mark.parametrize("name", sorted(NO_MATCH))
def test_no_match_prints_one_line_and_exits_1(name: str, runner: CliRunner) -> None:
    result = _run(runner, *NO_MATCH[name], code=1)
    assert result.stdout == ""
    assert result.stderr == "erhverv: error: no cases match\n"


def test_no_match_on_a_terminal_is_one_line(cache: dict[str, str]) -> None:
    code, screen = on_terminal(NO_MATCH["find"], cache)
    assert (code, screen.strip()) == (1, "erhverv: error: no cases match")


def test_no_match_in_json_is_an_empty_list(runner: CliRunner) -> None:
    result = _run(runner, "find", "zzqqxxyy", "-f", "json", code=1)
    assert json.loads(result.stdout) == []
    assert result.stderr == "erhverv: error: no cases match\n"


@pytest.mark.parametrize("command", [["list"], ["find", "klynge"], ["stats"], ["stats", "--by", "type"]])
def test_an_empty_folder_says_it_has_no_cases(command: list[str], runner: CliRunner, tmp_path: Path) -> None:
    result = _run(runner, *command, "--data-dir", str(tmp_path), code=1)
    assert result.stdout == ""
    assert result.stderr == f"erhverv: error: no cases in {tmp_path}\n"


# -- piped and machine output ----------------------------------------------------------------------


@pytest.mark.parametrize("command", [["list"], ["find", "klynge"], ["similar", "silkeborg-valley-15"]])
def test_narrow_piped_tables_keep_every_id_and_title_whole(
    command: list[str], runner: CliRunner, big: Path, titles: dict[str, str]
) -> None:
    result = runner.invoke(
        app, [*command, "--data-dir", str(big)], env={"COLUMNS": "40"}, prog_name="erhverv"
    )
    assert result.exit_code == 0, result.output
    output = result.stdout
    rows = [line for line in output.splitlines() if re.search(r"-\d\d  ", line)]
    assert rows
    for line in rows:
        case_id = re.search(r"\S+-\d\d(?=  )", line)
        assert case_id is not None
        assert titles[case_id.group(0)] in line, line
    assert [line for line in output.splitlines() if line != line.rstrip()] == []


def test_tsv_is_a_header_and_one_row_per_case(runner: CliRunner, big: Path, ids: list[str]) -> None:
    lines = _run(runner, "list", "--data-dir", str(big), "-f", "tsv").stdout.splitlines()
    assert len(lines) == SIZE + 1
    rows = list(csv.reader(io.StringIO("\n".join(lines)), dialect="excel-tab"))
    assert rows[0][:3] == ["number", "id", "title"]
    assert sorted(row[1] for row in rows[1:]) == ids
    assert {len(row) for row in rows} == {len(rows[0])}


def test_jsonl_is_one_object_per_line(runner: CliRunner) -> None:
    lines = _run(runner, "find", "netværk", "-f", "jsonl").stdout.splitlines()
    assert lines
    assert all(isinstance(json.loads(line), dict) for line in lines)


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "tsv", "markdown"])
def test_fields_choose_the_columns(fmt: str, runner: CliRunner) -> None:
    output = _run(runner, "list", "--fields", "id,started", "-f", fmt, "--limit", "3").stdout
    if fmt == "json":
        assert [list(item) for item in json.loads(output)] == [["id", "started"]] * 3
    elif fmt == "jsonl":
        assert [list(json.loads(line)) for line in output.splitlines()] == [["id", "started"]] * 3
    elif fmt == "markdown":
        assert output.splitlines()[0] == "| id | started |"
    else:
        assert output.splitlines()[0] == ("id,started" if fmt == "csv" else "id\tstarted")
    if fmt in ("csv", "tsv", "markdown"):
        assert len(output.splitlines()) == 3 + (2 if fmt == "markdown" else 1)


@pytest.mark.parametrize("command", [["list"], ["find", "klynge"], ["similar", "5"]])
def test_fields_without_a_value_lists_them(command: list[str], runner: CliRunner) -> None:
    for arguments in ([*command, "--fields"], [*command, "--fields", "-f", "json"]):
        names = _run(runner, *arguments).stdout.splitlines()
        assert {"number", "id", "title", "started", "score"} <= set(names), arguments
        assert ("why" in names) == (command[0] == "similar")


# -- sorting ------------------------------------------------------------------------------------------


def _column(runner: CliRunner, field: str, *arguments: str) -> list[str]:
    output = _run(runner, *arguments, "-f", "tsv", "--fields", field).stdout
    return [row[0] for row in csv.reader(io.StringIO(output), dialect="excel-tab")][1:]


@pytest.mark.parametrize(
    "command", [["list"], ["find", "--type", "basal", "--type", "fokuseret"], ["find", "klynge"]]
)
def test_sort_by_year_descending_puts_unknown_years_last(command: list[str], runner: CliRunner) -> None:
    years = _column(runner, "started", *command, "--sort", "-year")
    known = [int(year) for year in years if year]
    assert known == sorted(known, reverse=True)
    assert "" in years, "the test needs a case without a year"
    assert years == [str(year) for year in known] + [""] * (len(years) - len(known))


@pytest.mark.parametrize("command", [["list"], ["find", "netværk"]])
def test_sort_by_title_descending_reverses_the_ascending_order(command: list[str], runner: CliRunner) -> None:
    ascending = _column(runner, "title", *command, "--sort", "title")
    descending = _column(runner, "title", *command, "--sort", "-title")
    assert len(ascending) > 3
    assert descending == ascending[::-1]
    assert descending[0].startswith("Vejle") if command == ["list"] else True
