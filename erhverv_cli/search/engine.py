"""Queries over a corpus index: filter, rank, list, count facets, look up and relate cases.

Everything here returns values (records, hits, counts); nothing prints.
"""

from __future__ import annotations

import heapq
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from erhverv_cli.errors import NotFoundError, UsageError
from erhverv_cli.folding import fold, fold_name, spelling_pattern
from erhverv_cli.geography import MUNICIPALITIES, REGIONS, resolve_municipality, resolve_region
from erhverv_cli.search.analysis import STOPWORDS, WORD, analyze, term
from erhverv_cli.search.documents import COLUMNS, FACETS, body_texts
from erhverv_cli.search.index import CorpusIndex
from erhverv_cli.search.query import ParsedQuery, parse_query
from erhverv_cli.suggest import closest, did_you_mean
from erhverv_cli.vocab import CaseType, GoodPractice, Instrument, TargetGroup, resolve, values

Record = dict[str, Any]


@dataclass(frozen=True)
class Filters:
    """Filters combine with AND; several values of one filter combine with OR."""

    type: tuple[str, ...] = ()
    municipality: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    target_group: tuple[str, ...] = ()
    instrument: tuple[str, ...] = ()
    good_practice: tuple[str, ...] = ()
    sector: tuple[str, ...] = ()
    since: int | None = None
    until: int | None = None

    def facet_values(self) -> list[tuple[str, tuple[str, ...]]]:
        return [(name, getattr(self, name)) for name in FACETS if name != "started" and getattr(self, name)]

    @property
    def active(self) -> bool:
        return bool(self.facet_values()) or self.since is not None or self.until is not None


# Option name → (facet, resolver). Each resolver returns the official value or None.
def _vocab_resolver(vocabulary: Any) -> Callable[[str], str | None]:
    def resolve_value(text: str) -> str | None:
        member = resolve(vocabulary, text)
        return member.value if member is not None else None

    return resolve_value


FILTER_OPTIONS: dict[str, tuple[str, str]] = {
    "type": ("type", "--type"),
    "municipality": ("municipality", "--kommune"),
    "region": ("region", "--region"),
    "target_group": ("target_group", "--target"),
    "instrument": ("instrument", "--instrument"),
    "good_practice": ("good_practice", "--practice"),
    "sector": ("sector", "--sector"),
}


def allowed_values(facet: str, index: CorpusIndex | None = None) -> list[str]:
    """The values a filter accepts: its vocabulary, or for sectors the ones in the corpus."""
    fixed: dict[str, list[str]] = {
        "type": values(CaseType),
        "municipality": list(MUNICIPALITIES),
        "region": list(REGIONS),
        "target_group": values(TargetGroup),
        "instrument": values(Instrument),
        "good_practice": values(GoodPractice),
    }
    if facet in fixed:
        return fixed[facet]
    if index is None:
        return []
    rows = index.connection.execute(
        "SELECT DISTINCT value FROM facets WHERE facet=? ORDER BY value", (facet,)
    ).fetchall()
    return [row[0] for row in rows]


def _resolver(facet: str, index: CorpusIndex | None) -> Callable[[str], str | None]:
    if facet == "municipality":
        return resolve_municipality
    if facet == "region":
        return resolve_region
    vocabularies = {
        "type": CaseType,
        "target_group": TargetGroup,
        "instrument": Instrument,
        "good_practice": GoodPractice,
    }
    if facet in vocabularies:
        return _vocab_resolver(vocabularies[facet])
    known = {fold_name(value): value for value in allowed_values(facet, index)}
    return lambda text: known.get(fold_name(text))


def resolve_filter_values(
    facet: str, raw: Sequence[str], index: CorpusIndex | None = None
) -> tuple[str, ...]:
    """Check user-typed filter values against the vocabulary; unknown ones are a usage error."""
    resolver = _resolver(facet, index)
    out = []
    for text in raw:
        for piece in [part.strip() for part in text.split(",")] if "," in text else [text]:
            value = resolver(piece)
            if value is None:
                option = FILTER_OPTIONS[facet][1]
                allowed = allowed_values(facet, index)
                hint = did_you_mean(piece, allowed)
                listing = "" if hint or len(allowed) > 25 else "; allowed: " + ", ".join(allowed)
                if not hint and len(allowed) > 25:
                    listing = f"; see `erhverv stats` for the {len(allowed)} values in use"
                raise UsageError(f"{option}: unknown value '{piece}'{hint}{listing}")
            out.append(value)
    return tuple(dict.fromkeys(out))


def _where(filters: Filters) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    for facet, wanted in filters.facet_values():
        marks = ",".join("?" * len(wanted))
        clauses.append(f"d.rowid IN (SELECT doc FROM facets WHERE facet=? AND key IN ({marks}))")
        params += [facet, *(fold_name(value) for value in wanted)]
    if filters.since is not None:
        clauses.append("d.started >= ?")
        params.append(filters.since)
    if filters.until is not None:
        clauses.append("d.started <= ?")
        params.append(filters.until)
    return (" AND ".join(clauses) or "1"), params


SORT_KEYS: dict[str, Callable[[Record], Any]] = {
    "number": lambda r: (r.get("number") is None, r.get("number") or 0, r["id"]),
    "id": lambda r: r["id"],
    "title": lambda r: (fold(r["title"]), r["id"]),
    "year": lambda r: (r.get("started") is None, r.get("started") or 0, r.get("number") or 0, r["id"]),
    "type": lambda r: (values(CaseType).index(r["type"]), r.get("number") or 0, r["id"]),
}


_RECORDS = "SELECT r.record FROM docs d JOIN records r ON r.rowid = d.rowid"


def list_cases(index: CorpusIndex, filters: Filters = Filters(), sort: str = "number") -> list[Record]:
    """Records matching the filters, sorted."""
    where, params = _where(filters)
    rows = index.connection.execute(f"{_RECORDS} WHERE {where}", params).fetchall()
    records = [json.loads(row[0]) for row in rows]
    records.sort(key=SORT_KEYS[sort])
    return records


@dataclass(frozen=True)
class Snippet:
    """A short excerpt of a case with the spans that matched the query."""

    text: str
    spans: tuple[tuple[int, int], ...] = ()
    field: str = ""


SNIPPET_PREFIX = 3  # Danish and English stems keep at least a word's first three letters


@dataclass
class Hit:
    """One search result: the record, its relevance and where the query matched."""

    record: Record
    score: float
    snippet: Snippet = field(default_factory=lambda: Snippet(""))


@lru_cache(maxsize=50_000)
def _word_terms(word: str) -> frozenset[str]:
    """Every index term a word of running text can stand for (Danish and English, whole and parts)."""
    return frozenset(analyze(word) + analyze(word, english=True))


def _word_matches(word: str, wanted: set[str], begins_like: Callable[[str], Any]) -> bool:
    # Stemming costs far more than a regular expression: only a word that begins like a wanted
    # term is stemmed.
    return bool(begins_like(word)) and not wanted.isdisjoint(_word_terms(word))


def _heads(wanted: set[str]) -> tuple[str, ...]:
    """The first letters every word that can match a wanted term begins with."""
    return tuple(sorted({t[:SNIPPET_PREFIX] for t in wanted}))


_ANY_WORD = re.compile(r"[^\W_]")


@lru_cache(maxsize=64)
def _head_pattern(heads: tuple[str, ...]) -> re.Pattern[str]:
    """A word starting with any of the heads however it is written: texts without one are skipped."""
    if any(not head.isalpha() for head in heads):
        return _ANY_WORD  # digits fold from ½, ² and the like: no cheap test, take every text
    # A hyphen may sit inside the head: "it-klynge" is also indexed joined, as "itklyng".
    spelled = ["[-'’]?".join(spelling_pattern(char) for char in head) for head in heads]
    return re.compile(rf"(?<![^\W_])(?:{'|'.join(spelled)})", re.IGNORECASE)


def make_snippet(record: Record, wanted: set[str], width: int = 28) -> Snippet:
    """The window of about ``width`` words with the most query matches, matches marked."""
    best: tuple[int, int, str, str, list[tuple[int, int]]] | None = None
    heads = _heads(wanted)
    candidate = _head_pattern(heads).search if heads else None  # used on whole texts, then words
    sources = [("title", record.get("title", "")), *body_texts(record)]
    sources += [("title_en", record.get("title_en") or ""), ("summary_en", record.get("summary_en") or "")]
    for name, text in sources:
        if not text or candidate is None or not candidate(text):
            continue
        tokens = list(WORD.finditer(text))
        hits = [i for i, token in enumerate(tokens) if _word_matches(token.group(0), wanted, candidate)]
        if not hits:
            continue
        for start_index in hits:
            window = [i for i in hits if start_index <= i < start_index + width]
            distinct = len({term(tokens[i].group(0)) for i in window})
            # More distinct query words first; on a tie the title, then a sentence with context
            # rather than a bare list value such as an instrument name.
            context = 3 if name == "title" else (2 if len(text.split()) >= 8 else 0)
            score = (distinct * 10 + len(window), context)
            if best is None or score > (best[0], best[1]):
                begin = max(0, start_index - 4)
                end = min(len(tokens), begin + width)
                spans = [(tokens[i].start(), tokens[i].end()) for i in window if i < end]
                best = (
                    score[0],
                    score[1],
                    name,
                    text,
                    [*spans, (tokens[begin].start(), tokens[end - 1].end())],
                )
    if best is None:
        summary = record.get("summary", "")
        return Snippet(_shorten(summary, width), (), "summary")
    _s, _t, name, text, spans = best
    window_start, window_end = spans.pop()
    if not any(char.isalnum() for char in text[window_end:]):
        window_end = len(text)  # keep a closing bracket or full stop instead of an ellipsis
    excerpt = text[window_start:window_end]
    prefix = "… " if window_start > 0 else ""
    suffix = " …" if window_end < len(text) else ""
    shift = len(prefix) - window_start
    excerpt = " ".join(excerpt.split("\n"))
    return Snippet(prefix + excerpt + suffix, tuple((a + shift, b + shift) for a, b in spans), name)


def _shorten(text: str, width: int) -> str:
    words = text.split()
    return " ".join(words[:width]) + (" …" if len(words) > width else "")


def _allowed(index: CorpusIndex, filters: Filters) -> set[int] | None:
    if not filters.active:
        return None
    where, params = _where(filters)
    return {row[0] for row in index.connection.execute(f"SELECT d.rowid FROM docs d WHERE {where}", params)}


def search(
    index: CorpusIndex,
    query: str,
    filters: Filters = Filters(),
    limit: int | None = None,
    sort: str = "relevance",
) -> list[Hit]:
    """Cases matching a query, best first (BM25F over all text, title and places weighted up).

    ``sort`` may also be any key of :data:`SORT_KEYS`; snippets are made only for the hits kept.
    """
    from erhverv_cli.search.ranking import score

    parsed = parse_query(query, index.connection)
    if parsed.empty:
        return []
    scores = {doc: round(value, 9) for doc, value in score(index, parsed, _allowed(index, filters)).items()}
    pool = list(scores)
    if sort == "relevance" and limit is not None and len(pool) > limit:
        # Only the best `limit` hits, and any tied with the last of them, need ordering.
        cut = heapq.nlargest(limit, scores.values())[-1] if limit > 0 else float("inf")
        pool = [doc for doc in pool if scores[doc] >= cut]
    numbers = index.numbers_for(pool)
    ranked = sorted(pool, key=lambda doc: (-scores[doc], numbers.get(doc, 0), doc))
    if sort != "relevance":
        everything = index.records_for(ranked)
        ranked.sort(key=lambda doc: SORT_KEYS[sort](everything[doc]))
    if limit is not None:
        ranked = ranked[:limit]
    records = index.records_for(ranked)
    wanted = parsed.match_terms()
    return [Hit(records[doc], round(scores[doc], 4), make_snippet(records[doc], wanted)) for doc in ranked]


def parsed(index: CorpusIndex, query: str) -> ParsedQuery:
    """The analysed form of a query (exposed for tests and --debug output)."""
    return parse_query(query, index.connection)


@dataclass(frozen=True)
class FacetCount:
    value: str
    count: int


def facet_counts(index: CorpusIndex, filters: Filters = Filters()) -> dict[str, list[FacetCount]]:
    """Counts of cases per value of each facet, among the cases the filters select."""
    where, params = _where(filters)
    rows = index.connection.execute(
        "SELECT f.facet, f.value, COUNT(DISTINCT f.doc) FROM facets f "
        f"WHERE f.doc IN (SELECT d.rowid FROM docs d WHERE {where}) GROUP BY f.facet, f.value",
        params,
    ).fetchall()
    out: dict[str, list[FacetCount]] = {name: [] for name in FACETS}
    for facet, value, count in rows:
        out.setdefault(facet, []).append(FacetCount(value, count))
    for facet, counts in out.items():
        if facet == "started":
            counts.sort(key=lambda c: c.value)
        else:
            counts.sort(key=lambda c: (-c.count, fold(c.value)))
    return out


def lookup(index: CorpusIndex, reference: str) -> Record:
    """A case by catalogue number, id, unique id fragment, or closest title/municipality."""
    connection = index.connection
    text = reference.strip()
    if text.isdigit():
        row = connection.execute(f"{_RECORDS} WHERE d.number=?", (int(text),)).fetchone()
        if row:
            return dict(json.loads(row[0]))
    row = connection.execute(f"{_RECORDS} WHERE d.id=?", (text,)).fetchone()
    if row:
        return dict(json.loads(row[0]))
    key = fold_name(text)
    ids = [r[0] for r in connection.execute("SELECT id FROM docs ORDER BY number, id")]
    fragments = [i for i in ids if key and key in fold_name(i)]
    if len(fragments) == 1:
        return lookup(index, fragments[0])
    titles = {r[1]: r[0] for r in connection.execute("SELECT id, title FROM docs")}
    if len(fragments) > 1:
        shown = ", ".join(fragments[:6]) + (" …" if len(fragments) > 6 else "")
        raise NotFoundError(f"'{reference}' matches {len(fragments)} cases: {shown}; give more of the id")
    exact_title = [case_id for title, case_id in titles.items() if fold_name(title) == key]
    if len(exact_title) == 1:
        return lookup(index, exact_title[0])
    municipality = resolve_municipality(text)
    if municipality is not None:
        rows = connection.execute(
            "SELECT d.id FROM facets f JOIN docs d ON d.rowid = f.doc "
            "WHERE f.facet='municipality' AND f.value=? ORDER BY d.number, d.id",
            (municipality,),
        ).fetchall()
        if len(rows) == 1:
            raise NotFoundError(
                f"no case '{reference}' (did you mean '{rows[0][0]}', the case in {municipality}?)"
            )
        if rows:
            shown = ", ".join(r[0] for r in rows[:6])
            raise NotFoundError(f"no case '{reference}'; cases in {municipality}: {shown}")
    suggestions = closest(text, list(titles), limit=2, cutoff=60)
    hint = ""
    if suggestions:
        hint = " (did you mean " + " or ".join(f"'{titles[s]}' ({s})" for s in suggestions) + "?)"
    raise NotFoundError(f"no case '{reference}'{hint}; `erhverv list` shows them all")


@dataclass
class Similarity:
    """A case related to another, with the reasons."""

    record: Record
    score: float
    shared: dict[str, list[str]]


_SHARED_FACETS = ("instrument", "target_group", "sector", "good_practice", "type", "region")
_FACET_WEIGHT = {
    "instrument": 1.0,
    "target_group": 1.0,
    "sector": 2.0,
    "good_practice": 1.0,
    "type": 0.5,
    "region": 0.5,
}


def _doc_terms(index: CorpusIndex, rowid: int) -> Counter[str]:
    row = index.connection.execute(f"SELECT {', '.join(COLUMNS)} FROM fts WHERE rowid=?", (rowid,)).fetchone()
    return Counter(t for column in row for t in column.split())


def similar(index: CorpusIndex, reference: str, limit: int = 5) -> tuple[Record, list[Similarity]]:
    """The cases most like one case: shared facets plus distinctive shared terms."""
    record = lookup(index, reference)
    connection = index.connection
    rowid = connection.execute("SELECT rowid FROM docs WHERE id=?", (record["id"],)).fetchone()[0]
    total = index.count()
    mine = _doc_terms(index, rowid)
    marks = ",".join("?" * len(mine))
    document_frequency = dict(
        connection.execute(f"SELECT term, docs FROM terms WHERE term IN ({marks})", list(mine)).fetchall()
    )
    weights = {
        t: count * math.log(1 + total / document_frequency.get(t, 1))
        for t, count in mine.items()
        if len(t) > 2
        and not t.isdigit()
        and t not in STOPWORDS
        and document_frequency.get(t, total) < max(2, total * 0.5)
    }
    top_terms = sorted(weights, key=lambda t: -weights[t])[:30]
    scores: dict[int, float] = defaultdict(float)
    if top_terms:
        from erhverv_cli.search.ranking import score

        related = score(index, ParsedQuery(text="", groups=[[t] for t in top_terms]), None)
        related.pop(rowid, None)
        best = max(related.values(), default=1.0) or 1.0
        for other, value in related.items():
            scores[other] += 3.0 * value / best
    my_facets = {
        (facet, value)
        for facet, value in connection.execute("SELECT facet, value FROM facets WHERE doc=?", (rowid,))
    }
    shared: dict[int, dict[str, list[str]]] = {}
    for facet, value in sorted(my_facets):
        if facet not in _SHARED_FACETS:
            continue
        for (other,) in connection.execute(
            "SELECT doc FROM facets WHERE facet=? AND value=? AND doc != ?", (facet, value, rowid)
        ):
            scores[other] += _FACET_WEIGHT[facet]
            shared.setdefault(other, {}).setdefault(facet, []).append(value)
    ranked = sorted(scores, key=lambda other: (-scores[other], other))[:limit]
    records = index.records_for(ranked)
    out = []
    for other in ranked:
        found = shared.get(other, {})
        reasons = {facet: sorted(found[facet]) for facet in _SHARED_FACETS if facet in found}
        other_terms = _doc_terms(index, other)
        common = [t for t in top_terms if t in other_terms][:6]
        if common:
            reasons["terms"] = [_surface(record, t) for t in common]
        out.append(Similarity(records[other], round(scores[other], 3), reasons))
    return record, out


def _surface(record: Record, wanted: str) -> str:
    """A word of the record's text whose term is ``wanted`` (to explain matches in plain words)."""
    english = [("title_en", record.get("title_en") or ""), ("summary_en", record.get("summary_en") or "")]
    for _name, text in [*body_texts(record), *english]:
        for match in WORD.finditer(text):
            if wanted in _word_terms(match.group(0)):
                return match.group(0).lower()
    return wanted
