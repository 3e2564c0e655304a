"""Queries over a corpus index: find, list, count facets, look up and relate cases.

Everything here returns values (records, hits, counts); nothing prints, and no SQL is written
here: the index (:mod:`.index`) answers, ranking (:mod:`.ranking`) scores, facets
(:mod:`.facets`) describe the filters, and snippets (:mod:`.snippets`) are made on demand.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from erhverv_cli.errors import NotFoundError, UsageError
from erhverv_cli.folding import fold, fold_name
from erhverv_cli.geography import resolve_municipality
from erhverv_cli.records import CaseRecord
from erhverv_cli.search import settings
from erhverv_cli.search.facets import FACETS, Filters, facet, resolve_filter_values
from erhverv_cli.search.index import SORTS, CorpusIndex
from erhverv_cli.suggest import closest

if TYPE_CHECKING:
    from erhverv_cli.search.query import ParsedQuery
    from erhverv_cli.search.similarity import Similarity
    from erhverv_cli.search.snippets import Snippet

__all__ = [
    "FacetCount",
    "Filters",
    "Hit",
    "Results",
    "facet_counts",
    "find",
    "list_cases",
    "lookup",
    "parsed",
    "resolve_filter_values",
    "search",
    "similar",
]

FIND_SORTS: tuple[str, ...] = ("relevance", *SORTS)


class Hit:
    """One result: the record, its relevance, how many of the query's words it holds, and (made
    when first asked for) its snippet."""

    __slots__ = ("_snippet", "_wanted", "doc", "record", "score", "words")

    def __init__(
        self,
        record: CaseRecord,
        score: float,
        wanted: frozenset[str] = frozenset(),
        words: int = 0,
        doc: int = 0,
    ) -> None:
        self.record = record
        self.score = score
        self.words = words
        self.doc = doc
        self._wanted = wanted
        self._snippet: Snippet | None = None

    @property
    def snippet(self) -> Snippet:
        if self._snippet is None:
            from erhverv_cli.search.snippets import Snippet, make_snippet

            self._snippet = make_snippet(self.record, self._wanted) if self._wanted else Snippet("")
        return self._snippet

    @property
    def ranked(self) -> bool:
        """Whether the hit comes from a query (it has a score and a snippet)."""
        return bool(self._wanted)


@dataclass
class Results:
    """What a find asked for: the true total, and the hits of the page, streamed on iteration."""

    total: int
    index: CorpusIndex
    filters: Filters
    sort: str
    limit: int | None
    query: ParsedQuery | None = None

    def __iter__(self) -> Iterator[Hit]:
        if self.query is None:
            for record in self.index.records(self.filters, self.sort, self.limit):
                yield Hit(record, 0.0)
            return
        if self.query.empty:  # nothing searchable in it ("og", "*"): nothing was ranked
            return
        wanted = frozenset(self.query.match_terms())
        for record, score, words, doc in self.index.scored_records(self.filters, self.sort, self.limit):
            yield Hit(record, round(score, 4), wanted, words, doc)

    @property
    def complete(self) -> int:
        """How many of the matches hold every word of the query."""
        if self.query is None or self.query.empty or not self.query.required:
            return self.total
        return self.index.scored_count(self.filters, self.query.required)

    @property
    def shown(self) -> int:
        """How many hits iteration yields."""
        return self.total if self.limit is None else min(self.total, self.limit)


def check_sort(sort: str, allowed: Sequence[str]) -> str:
    if sort.lstrip("-") not in allowed:
        raise UsageError(f"unknown sort '{sort}'", hint="sorts: " + ", ".join(allowed))
    return sort


def find(
    index: CorpusIndex,
    query: str = "",
    filters: Filters | None = None,
    *,
    sort: str | None = None,
    limit: int | None = None,
) -> Results:
    """Cases matching words and filters; with words, ranked by relevance unless sorted otherwise."""
    filters = filters or Filters()
    text = " ".join(query.split())
    if not text:
        chosen = check_sort(sort or "number", FIND_SORTS)
        chosen = "number" if chosen == "relevance" else chosen
        return Results(index.count(filters), index, filters, chosen, limit)
    chosen = check_sort(sort or "relevance", FIND_SORTS)
    from erhverv_cli.search.query import parse_query

    parsed_query = parse_query(text, index)
    if parsed_query.empty:
        return Results(0, index, filters, chosen, 0, parsed_query)
    from erhverv_cli.search.ranking import rank

    rank(index, parsed_query)
    return Results(index.scored_count(filters), index, filters, chosen, limit, parsed_query)


def search(
    index: CorpusIndex,
    query: str,
    filters: Filters | None = None,
    limit: int | None = None,
    sort: str = "relevance",
) -> list[Hit]:
    """The hits of a query as a list (for tests and small callers; commands stream :func:`find`).
    An empty query finds nothing."""
    if not query.strip():
        return []
    return list(find(index, query, filters, sort=sort, limit=limit))


def list_cases(index: CorpusIndex, filters: Filters | None = None, sort: str = "number") -> list[CaseRecord]:
    """Records matching the filters, sorted."""
    return list(index.records(filters or Filters(), check_sort(sort, tuple(SORTS))))


def parsed(index: CorpusIndex, query: str) -> ParsedQuery:
    """The analysed form of a query (exposed for tests and --explain)."""
    from erhverv_cli.search.query import parse_query

    return parse_query(query, index)


@dataclass(frozen=True)
class FacetCount:
    value: str
    count: int


def facet_counts(index: CorpusIndex, filters: Filters | None = None) -> dict[str, list[FacetCount]]:
    """Counts of cases per value of each facet, among the cases the filters select."""
    out: dict[str, list[FacetCount]] = {}
    for item in FACETS:
        rows = [
            FacetCount(value, count) for value, count in index.facet_counts([item.key], filters or Filters())
        ]
        counts = [row for row in rows if row.value is not None]
        if item.numeric:
            counts.sort(key=lambda c: c.value)
        else:
            counts.sort(key=lambda c: (-c.count, fold(c.value)))
        out[item.key] = counts
    return out


def lookup(index: CorpusIndex, reference: str) -> CaseRecord:
    """A case by catalogue number, id, unique id fragment, or closest title/municipality."""
    text = reference.strip()
    for column, value in (("number", int(text) if text.isdigit() and len(text) < 10 else None), ("id", text)):
        if value is None:
            continue
        rowids = index.rowids(column, value)
        if len(rowids) > 1:
            paths = index.paths_of(rowids)
            raise NotFoundError(
                f"{column} '{text}' is used by {len(rowids)} files: {', '.join(paths)}",
                hint="give the case's id, or fix the duplicate (`erhverv validate`)",
            )
        if rowids:
            return index.records_for(rowids)[rowids[0]]
    cases = index.ids_and_titles()
    key = fold_name(text)
    fragments = list(dict.fromkeys(case_id for case_id, _t, _n in cases if key and key in fold_name(case_id)))
    if len(fragments) == 1:
        return lookup(index, fragments[0])
    if len(fragments) > 1:
        shown = ", ".join(fragments[:6]) + (" …" if len(fragments) > 6 else "")
        raise NotFoundError(
            f"'{reference}' matches {len(fragments)} cases: {shown}", hint="give more of the id"
        )
    titles = {title: case_id for case_id, title, _n in cases}
    exact = [case_id for title, case_id in titles.items() if fold_name(title) == key]
    if len(exact) == 1:
        return lookup(index, exact[0])
    _not_found_hint(index, reference, text, titles)
    raise AssertionError("unreachable")  # pragma: no cover


def _not_found_hint(index: CorpusIndex, reference: str, text: str, titles: dict[str, str]) -> None:
    municipality = resolve_municipality(text)
    if municipality is not None:
        docs = index.docs_with("municipality", municipality)
        found = [record["id"] for record in index.records_for(docs).values()]
        if len(found) == 1:
            raise NotFoundError(
                f"no case '{reference}' (did you mean '{found[0]}', the case in {municipality}?)"
            )
        if found:
            raise NotFoundError(f"no case '{reference}'; cases in {municipality}: {', '.join(found[:6])}")
    suggestions = closest(text, list(titles), limit=2, cutoff=60)
    hint = ""
    if suggestions:
        hint = " (did you mean " + " or ".join(f"'{titles[s]}' ({s})" for s in suggestions) + "?)"
    raise NotFoundError(f"no case '{reference}'{hint}", hint="`erhverv list` shows them all")


def similar(index: CorpusIndex, reference: str, limit: int = 5) -> tuple[CaseRecord, list[Similarity]]:
    """The cases most like one case, best first, with reasons (see :mod:`.similarity`)."""
    from erhverv_cli.search.similarity import similar_to

    record = lookup(index, reference)
    return record, similar_to(index, record, limit)


def facet_keys(keys: Sequence[str]) -> list[str]:
    """Facet keys as typed (`stats --by`), checked, in the order given."""
    return [facet(key).key for key in keys]


@dataclass
class Tabulation:
    """Cases counted by the values of one or two facets (`stats --by`).

    ``counts`` maps a tuple of values (None for a case without a value) to a number of cases;
    ``totals`` gives the cases per value of each facet on its own, and ``total`` the cases
    selected. A case with several values counts once under each, so shares may add up to more
    than 100 %.
    """

    facets: list[str]
    total: int
    values: list[list[str | None]]
    counts: dict[tuple[str | None, ...], int]
    totals: list[dict[str | None, int]]


def tabulate(index: CorpusIndex, keys: Sequence[str], filters: Filters | None = None) -> Tabulation:
    """Count the selected cases by one or two facets, with an unknown value and totals."""
    chosen = facet_keys(keys)
    if not 1 <= len(chosen) <= 2:
        raise UsageError(
            f"give one or two facets to --by, not {len(chosen)}", hint="e.g. --by region --by instrument"
        )
    if len(set(chosen)) < len(chosen):
        raise UsageError(f"--by {chosen[0]} is given twice", hint="give two different facets for a cross-tab")
    filters = filters or Filters()
    counts = {tuple(row[:-1]): int(row[-1]) for row in index.facet_counts(chosen, filters)}
    totals: list[dict[str | None, int]] = []
    values: list[list[str | None]] = []
    for key in chosen:
        single = {row[0]: int(row[1]) for row in index.facet_counts([key], filters)}
        totals.append(single)
        item = facet(key)
        known = [value for value in single if value is not None]
        if item.numeric:
            known.sort(key=lambda value: (len(str(value)), str(value)))
        else:
            known.sort(key=lambda value: (-single[value], fold(str(value))))
        values.append([*known, *([None] if None in single else [])])
    return Tabulation(chosen, index.count(filters), values, counts, totals)


@dataclass
class Vocabulary:
    """A facet's allowed values, what each means, and how many selected cases use it."""

    facet: str
    rows: list[tuple[str, str, int]]
    open: bool  # values come from the corpus (sectors, years), not a closed list


def vocabulary(index: CorpusIndex, key: str) -> Vocabulary:
    """The values of one facet (`erhverv vocab FACET`): closed lists in their defined order."""
    item = facet(key)
    used = {row[0]: int(row[1]) for row in index.facet_counts([item.key], Filters()) if row[0] is not None}
    meanings = item.meanings()
    values = item.allowed(index)
    if item.numeric:
        values = sorted(used, key=lambda value: (len(value), value))
    rows = [(value, meanings.get(value, ""), used.get(value, 0)) for value in values]
    return Vocabulary(item.key, rows, item.vocabulary is None and item.key not in ("municipality", "region"))


@dataclass(frozen=True)
class Alternative:
    """One thing a query word searches for, and why."""

    text: str  # the index term, or the thesaurus term as written
    kind: str  # word, typo, compound, split, prefix, phrase, thesaurus
    weight: float
    note: str = ""  # the thesaurus concept, or the language of a stem


@dataclass(frozen=True)
class UnitExplanation:
    label: str  # the query word(s) as typed
    alternatives: list[Alternative]
    counts: bool  # whether it is one of the words a case must hold to hold them all


@dataclass(frozen=True)
class HitExplanation:
    hit: Hit
    shares: list[float]  # each unit's part of the score, in the order of the units


@dataclass(frozen=True)
class Explanation:
    """How a query was read (`find --explain`) and why each case ranks where it does."""

    query: str
    units: list[UnitExplanation]
    excluded: list[str]
    required: int
    hits: list[HitExplanation]


def _unit_explanations(query: ParsedQuery) -> list[UnitExplanation]:
    out = []
    for unit, group in enumerate(query.groups):
        alternatives = [
            Alternative(term, query.kinds.get(term, "word"), query.weight(term), query.scopes.get(term, ""))
            for term in group
        ]
        alternatives += [
            Alternative(e.term, "thesaurus", settings.THESAURUS_WEIGHT, f"{e.concept}, {e.language}")
            for e in query.expansions.get(unit, [])
        ]
        out.append(UnitExplanation(query.labels[unit], alternatives, query.requirement(unit) is not None))
    for n, phrase in enumerate(query.phrases):
        unit = len(query.groups) + n
        words = " ".join(phrase.danish or phrase.english)
        alternatives = [Alternative(words, "phrase", settings.PHRASE_BOOST)]
        out.append(UnitExplanation(query.labels[unit], alternatives, query.requirement(unit) is not None))
    return out


def explain(results: Results) -> Explanation:
    """The reading of a find's query and the share of each query word in each hit's score."""
    query = results.query
    if query is None:
        return Explanation("", [], [], 0, [HitExplanation(hit, []) for hit in results])
    units = _unit_explanations(query)
    excluded = [" ".join(group) for group in query.excluded] + [
        " ".join(p.terms()) for p in query.excluded_phrases
    ]
    hits = []
    for hit in results:
        shares = results.index.contributions(hit.doc)
        hits.append(HitExplanation(hit, [round(shares.get(unit, 0.0), 4) for unit in range(len(units))]))
    return Explanation(query.text, units, excluded, query.required, hits)
