#!/usr/bin/env python3
"""How well `erhverv find` ranks: MRR and top-3 over the judged queries in tests/relevance/.

For each query of tests/relevance/queries.yaml (Danish, English, Danish typed in ASCII, and
misspelt, each with the cases a consultant judged relevant), the rank of the first relevant case
gives the reciprocal rank; MRR is their mean, top-3 the share with a relevant case in the first
three. The same queries run against a baseline on the same cases: plain BM25 over all text of a
case, Danish Snowball stems, æ/ø/å folded. Both are printed per language and overall.

`similar` is measured the same way against two consultants' blind judgements of each case's three
most related cases (tests/relevance/similar.yaml, similar-second.yaml): how many of its first three
each judge also chose, on average.

usage: scripts/evaluate_search.py [--corpus DIR] [--queries FILE] [--show-misses] [--similar]
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

Ranker = Callable[[str], list[str]]


@dataclass(frozen=True)
class Score:
    queries: int
    mrr: float
    top3: float
    empty: int


def load_queries(path: Path) -> list[dict[str, Any]]:
    import yaml

    return list(yaml.safe_load(path.read_text(encoding="utf-8")))


def reciprocal_rank(ranking: Sequence[str], relevant: Iterable[str]) -> float:
    wanted = set(relevant)
    return next((1.0 / rank for rank, case in enumerate(ranking, start=1) if case in wanted), 0.0)


def evaluate(queries: Sequence[Mapping[str, Any]], ranker: Ranker) -> dict[str, Score]:
    """Per language and overall ("all")."""
    rows: dict[str, list[tuple[float, bool, bool]]] = defaultdict(list)
    for entry in queries:
        ranking = ranker(str(entry["query"]))
        rr = reciprocal_rank(ranking, entry["relevant"])
        top3 = bool(set(ranking[:3]) & set(entry["relevant"]))
        for key in (str(entry["lang"]), "all"):
            rows[key].append((rr, top3, not ranking))
    out = {}
    for key, values in rows.items():
        count = len(values)
        out[key] = Score(count, sum(v[0] for v in values) / count, sum(v[1] for v in values) / count,
                         sum(v[2] for v in values))  # fmt: skip
    return out


def erhverv_ranker(corpus: Path) -> Ranker:
    from erhverv_cli.search.engine import search
    from erhverv_cli.search.index import CorpusIndex

    index = CorpusIndex.open(corpus, use_cache=False)
    return lambda query: [hit.record["id"] for hit in search(index, query)]


def _case_text(record: Mapping[str, Any]) -> str:
    out: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, Mapping):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk({key: value for key, value in record.items() if key not in ("id", "source")})
    return " ".join(out)


def bm25_ranker(corpus: Path, k1: float = 1.2, b: float = 0.75) -> Ranker:
    """Plain BM25 over each case's whole text: Danish stems, æ/ø/å folded, OR over the words."""
    import Stemmer
    import yaml

    from erhverv_cli.folding import fold

    stem = Stemmer.Stemmer("danish").stemWord

    def terms(text: str) -> list[str]:
        return [fold(stem(word)) for word in re.findall(r"[^\W_]+", text.casefold())]

    documents = {}
    for path in sorted(corpus.glob("*.yaml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        documents[record["id"]] = Counter(terms(_case_text(record)))
    lengths = {case: sum(counts.values()) for case, counts in documents.items()}
    average = sum(lengths.values()) / len(lengths)
    frequency = Counter(term for counts in documents.values() for term in counts)
    total = len(documents)

    def rank(query: str) -> list[str]:
        scores: dict[str, float] = defaultdict(float)
        for term in set(terms(query)):
            if term not in frequency:
                continue
            idf = math.log(1 + (total - frequency[term] + 0.5) / (frequency[term] + 0.5))
            for case, counts in documents.items():
                tf = counts.get(term, 0)
                if tf:
                    scores[case] += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * lengths[case] / average))
        return sorted(scores, key=lambda case: (-scores[case], case))

    return rank


def table(results: Mapping[str, Mapping[str, Score]]) -> str:
    """A Markdown table: rows per ranker, MRR and top-3 per language."""
    languages = ["all", "da", "en", "ascii", "typo"]
    header = "| ranker | " + " | ".join(f"{lang} MRR | {lang} top-3" for lang in languages) + " |"
    lines = [header, "|---|" + "---|" * (2 * len(languages))]
    for name, scores in results.items():
        cells = []
        for lang in languages:
            score = scores[lang]
            cells += [f"{score.mrr:.3f}", f"{round(score.top3 * score.queries)}/{score.queries}"]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def quality_table(corpus: Path = ROOT / "data" / "cases", queries: Path | None = None) -> str:
    """erhverv find and the BM25 baseline over the judged queries, as a Markdown table."""
    judged = load_queries(queries or ROOT / "tests" / "relevance" / "queries.yaml")
    rankers = {"erhverv find": erhverv_ranker(corpus), "BM25 (Danish stems, folded)": bm25_ranker(corpus)}
    return table({name: evaluate(judged, ranker) for name, ranker in rankers.items()})


def load_judgement(path: Path) -> dict[str, list[str]]:
    """case id -> the three cases a judge found most related."""
    import yaml

    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {str(entry["case"]): [str(case) for case in entry["related"]] for entry in entries}


def shared_on_average(found: Mapping[str, Iterable[str]], judged: Mapping[str, Iterable[str]]) -> float:
    """How many of each case's judged related cases `found` also has, averaged over the cases."""
    return sum(len(set(found[case]) & set(related)) for case, related in judged.items()) / len(judged)


def similar_found(corpus: Path, cases: Iterable[str], limit: int = 3) -> dict[str, list[str]]:
    """The first `limit` cases `erhverv similar` gives for each case."""
    from erhverv_cli.search.engine import similar
    from erhverv_cli.search.index import CorpusIndex

    index = CorpusIndex.open(corpus, use_cache=False)
    try:
        return {case: [item.record["id"] for item in similar(index, case, limit)[1]] for case in cases}
    finally:
        index.close()


SIMILAR_JUDGES = {"first judge": "similar.yaml", "second judge": "similar-second.yaml"}


def similar_table(corpus: Path = ROOT / "data" / "cases") -> str:
    """A Markdown table: similar and each judge against each judge, shared of three on average."""
    judges = {
        name: load_judgement(ROOT / "tests" / "relevance" / file) for name, file in SIMILAR_JUDGES.items()
    }
    first = next(iter(judges.values()))
    found = {"erhverv similar": similar_found(corpus, first), **judges}
    lines = [
        "| of the first three, shared with | " + " | ".join(judges) + " |",
        "|---|" + "---|" * len(judges),
    ]
    for name, ranking in found.items():
        cells = [
            "—" if name == judge else f"{shared_on_average(ranking, judged):.2f}"
            for judge, judged in judges.items()
        ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "data" / "cases")
    parser.add_argument("--queries", type=Path, default=ROOT / "tests" / "relevance" / "queries.yaml")
    parser.add_argument(
        "--show-misses", action="store_true", help="list queries whose first hit is not relevant"
    )
    parser.add_argument("--similar", action="store_true", help="also measure similar against the judges")
    args = parser.parse_args()
    print(quality_table(args.corpus, args.queries))
    if args.show_misses:
        ranker = erhverv_ranker(args.corpus)
        for entry in load_queries(args.queries):
            ranking = ranker(entry["query"])
            if reciprocal_rank(ranking, entry["relevant"]) < 1.0:
                print(f"{entry['lang']:>5}  {entry['query']!r}: got {ranking[:3]}, want {entry['relevant']}")
    if args.similar:
        print()
        print(similar_table(args.corpus))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
