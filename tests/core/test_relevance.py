"""Search quality on the real corpus: mean reciprocal rank over tests/relevance/by-kind.yaml.

The queries are what a municipal business-development officer types (Danish with and without
æ/ø/å, misspelt, inflected, compounds, quoted phrases, English, place and organisation names),
each with the case that must come first or near first. The core is queried directly, both
through the cache and without it: the two paths must rank identically.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import CORPUS

from erhverv_cli.search.engine import search
from erhverv_cli.search.index import CorpusIndex

QUERIES_FILE = Path(__file__).resolve().parents[1] / "relevance" / "by-kind.yaml"
QUERIES: list[dict[str, str]] = yaml.safe_load(QUERIES_FILE.read_text(encoding="utf-8"))
MIN_MRR = 0.9
KINDS = {
    "danish",
    "ascii",
    "typo",
    "inflection",
    "compound",
    "phrase",
    "english",
    "municipality",
    "organisation",
}


def _case_ids() -> set[str]:
    return {yaml.safe_load(path.read_text(encoding="utf-8"))["id"] for path in CORPUS.glob("*.yaml")}


@pytest.fixture(scope="module")
def uncached(index: CorpusIndex) -> CorpusIndex:
    return index


@pytest.fixture(scope="module")
def cached(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CorpusIndex]:
    directory = tmp_path_factory.mktemp("relevance-cache")
    CorpusIndex.open(CORPUS, cache_dir=directory).close()  # build the cache file ...
    index = CorpusIndex.open(CORPUS, cache_dir=directory)  # ... and read it back, as a second run would
    assert index.location is not None and index.location.exists()
    yield index
    index.close()


def _ranking(index: CorpusIndex, query: str) -> list[tuple[str, float]]:
    return [(hit.record["id"], hit.score) for hit in search(index, query)]


def _rank(ranking: list[tuple[str, float]], expected: str) -> int | None:
    ids = [case_id for case_id, _score in ranking]
    return ids.index(expected) + 1 if expected in ids else None


def _report(rows: list[dict[str, Any]], mrr: float) -> str:
    """The per-query rank table (worst first) and the MRR per kind, for the assertion message."""
    lines = [
        f"MRR {mrr:.4f} < {MIN_MRR} over {len(rows)} queries",
        "",
        f"{'rank':>5}  {'kind':<13}{'query':<48}top 3",
    ]
    for row in sorted(rows, key=lambda r: (-(r["rank"] or 999), r["kind"])):
        rank = "-" if row["rank"] is None else str(row["rank"])
        flag = "" if row["rank"] == 1 else f"   (expected {row['expect']})"
        lines.append(f"{rank:>5}  {row['kind']:<13}{row['query']:<48}{', '.join(row['top'])}{flag}")
    by_kind: dict[str, list[float]] = defaultdict(list)
    for row in rows:
        by_kind[row["kind"]].append(row["rr"])
    lines += [
        "",
        "MRR by kind: " + ", ".join(f"{k} {sum(v) / len(v):.3f}" for k, v in sorted(by_kind.items())),
    ]
    return "\n".join(lines)


def test_relevance_set_is_well_formed() -> None:
    ids = _case_ids()
    assert len(QUERIES) >= 40
    assert {q["kind"] for q in QUERIES} == KINDS
    for entry in QUERIES:
        assert set(entry) == {"kind", "query", "expect"}, entry
        assert entry["expect"] in ids, f"{entry['query']!r} expects unknown case {entry['expect']!r}"
    texts = [q["query"] for q in QUERIES]
    assert len(texts) == len(set(texts)), "duplicate queries"


@pytest.mark.parametrize("path", ["cached", "uncached"])
def test_mean_reciprocal_rank(path: str, request: pytest.FixtureRequest) -> None:
    index: CorpusIndex = request.getfixturevalue(path)
    rows = []
    for entry in QUERIES:
        ranking = _ranking(index, entry["query"])
        rank = _rank(ranking, entry["expect"])
        rows.append(
            {**entry, "rank": rank, "rr": 1.0 / rank if rank else 0.0, "top": [i for i, _ in ranking[:3]]}
        )
    mrr = sum(row["rr"] for row in rows) / len(rows)
    assert mrr >= MIN_MRR, _report(rows, mrr)


def test_cached_and_uncached_rank_identically(cached: CorpusIndex, uncached: CorpusIndex) -> None:
    differences = []
    for entry in QUERIES:
        with_cache, without = _ranking(cached, entry["query"]), _ranking(uncached, entry["query"])
        if with_cache != without:
            differences.append(f"{entry['query']!r}:\n  cached   {with_cache}\n  uncached {without}")
    assert not differences, "\n".join(differences)
