"""Search quality on judged sets (tests/relevance/): find's MRR and top-3 against a BM25 baseline,
English on par with Danish, no in-domain query empty, and similar's agreement with two judges.

The numbers the README reports come from `scripts/evaluate_search.py`, which these tests import.
"""

from __future__ import annotations

import importlib.util
import sys
from typing import Any

import pytest
import yaml
from conftest import CORPUS, ROOT

from erhverv_cli.search.engine import search, similar
from erhverv_cli.search.index import CorpusIndex

RELEVANCE = ROOT / "tests" / "relevance"
QUERIES: list[dict[str, Any]] = yaml.safe_load((RELEVANCE / "queries.yaml").read_text(encoding="utf-8"))


def _evaluation() -> Any:
    spec = importlib.util.spec_from_file_location("evaluate_search", ROOT / "scripts" / "evaluate_search.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("evaluate_search", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scores(index: CorpusIndex) -> dict[str, Any]:
    evaluation = _evaluation()
    return dict(
        evaluation.evaluate(QUERIES, lambda query: [hit.record["id"] for hit in search(index, query)])
    )


def test_mean_reciprocal_rank_is_at_least_095(scores: dict[str, Any]) -> None:
    assert scores["all"].mrr >= 0.95, scores


def test_english_is_on_par_with_danish(scores: dict[str, Any]) -> None:
    assert scores["en"].mrr >= 0.95 and scores["da"].mrr - scores["en"].mrr <= 0.05, scores


def test_no_in_domain_query_comes_back_empty(scores: dict[str, Any]) -> None:
    assert all(score.empty == 0 for score in scores.values()), scores


def test_find_beats_the_bm25_baseline() -> None:
    evaluation = _evaluation()
    baseline = evaluation.evaluate(QUERIES, evaluation.bm25_ranker(CORPUS))
    ours = evaluation.evaluate(QUERIES, evaluation.erhverv_ranker(CORPUS))
    assert ours["all"].mrr > baseline["all"].mrr
    assert ours["typo"].mrr > baseline["typo"].mrr


@pytest.mark.parametrize("case", sorted(path.stem for path in CORPUS.glob("*.yaml")))
def test_every_case_is_found_first_by_an_english_query(index: CorpusIndex, case: str) -> None:
    english = [q["query"] for q in QUERIES if q["lang"] == "en" and q["relevant"][0] == case]
    assert english, f"no English query judged to find {case} first"
    ranks = [
        next((n for n, hit in enumerate(search(index, q), 1) if hit.record["id"] == case), None)
        for q in english
    ]
    assert 1 in ranks, dict(zip(english, ranks, strict=True))


def _judged(name: str) -> dict[str, list[str]]:
    entries = yaml.safe_load((RELEVANCE / name).read_text(encoding="utf-8"))
    return {entry["case"]: entry["related"] for entry in entries}


def _agreement(index: CorpusIndex, judged: dict[str, list[str]]) -> float:
    found = {case: {item.record["id"] for item in similar(index, case, 3)[1]} for case in judged}
    return sum(len(found[case] & set(related)) for case, related in judged.items()) / len(judged)


def test_the_two_judges_agree_with_each_other() -> None:
    """The ceiling: two consultants, judging blind, share 2.5 of their three on average."""
    first, second = _judged("similar.yaml"), _judged("similar-second.yaml")
    assert first.keys() == second.keys() and len(first) == 18
    shared = sum(len(set(first[case]) & set(second[case])) for case in first) / len(first)
    assert shared >= 2.4


def test_similar_agrees_with_the_judges(index: CorpusIndex) -> None:
    """The target: on average at least two of each judge's three among similar's first three.
    Measured 2.11 and 2.00 (README, "Search quality"; docs/search.md has it at other weights)."""
    assert _agreement(index, _judged("similar.yaml")) >= 2.0
    assert _agreement(index, _judged("similar-second.yaml")) >= 2.0


def test_similar_without_the_kind_of_effort_falls_short(
    index: CorpusIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the approaches facet adds: without it, agreement is what it was before (1.83, 1.61)."""
    from erhverv_cli.search import similarity

    kept = tuple(facet for facet in similarity.SIMILAR_FACETS if facet.key != "approach")
    assert len(kept) == len(similarity.SIMILAR_FACETS) - 1
    monkeypatch.setattr(similarity, "SIMILAR_FACETS", kept)
    assert _agreement(index, _judged("similar.yaml")) < 2.0
    assert _agreement(index, _judged("similar-second.yaml")) < 2.0
