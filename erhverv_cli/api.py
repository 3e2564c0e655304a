"""The corpus from Python, for analysts in notebooks: find, relate and compare cases, as DataFrames.

Functions given no ``corpus=`` use :func:`default_corpus`, found as the CLI finds it (from the
working folder) on first use and kept for the session; a corpus shows its files as they were when
loaded. Errors are the core's: ``UsageError`` for an argument that cannot be used (unknown filter,
value or sort, with a did-you-mean; a corpus folder that does not exist), ``NotFoundError`` for a
case that does not exist;
problems in the corpus are :class:`CorpusWarning` warnings. Nothing prints, nothing imports typer,
click or rich, and the search engine is imported on first use, so importing this stays cheap.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from erhverv_cli.errors import ErhvervError, NotFoundError, UsageError
from erhverv_cli.records import CaseRecord

if TYPE_CHECKING:
    from erhverv_cli.discovery import CorpusLocation
    from erhverv_cli.search.engine import Hit
    from erhverv_cli.search.facets import Filters
    from erhverv_cli.search.index import CorpusIndex

__all__ = [
    "Case", "ComparedField", "Comparison", "Corpus", "CorpusWarning", "ErhvervError", "Match",
    "NotFoundError", "Related", "ResultList", "UsageError", "compare", "default_corpus", "find", "get",
    "load_corpus", "similar", "to_dataframe",
]  # fmt: skip


class CorpusWarning(UserWarning):
    """A problem in the corpus that does not stop it loading: a skipped file, a duplicate id."""


@dataclass(frozen=True, repr=False)
class Case:
    """One case: the fields analysts filter and group by, and ``record``, the whole case as a dict.
    Lists are tuples so a case can be a set member or dict key; ``evaluation`` is its status."""

    number: int | None
    id: str
    title: str
    type: str
    municipalities: tuple[str, ...]
    partner_municipalities: tuple[str, ...]
    regions: tuple[str, ...]
    started: int | None
    ended: int | None
    target_groups: tuple[str, ...]
    instruments: tuple[str, ...]
    good_practice: tuple[str, ...]
    approaches: tuple[str, ...]
    sectors: tuple[str, ...]
    evaluation: str | None
    title_en: str | None
    summary: str
    record: CaseRecord = field(compare=False, hash=False)

    @classmethod
    def from_record(cls, record: CaseRecord) -> Case:
        found: dict[str, Any] = {name: record.get(name) for name in _CASE_COLUMNS}
        evaluation = record.get("evaluation")
        found["evaluation"] = evaluation["status"] if evaluation else None
        lists = {name: tuple(value) for name, value in found.items() if isinstance(value, list)}
        return cls(**found | lists, record=record)

    def __repr__(self) -> str:  # the full record would flood a notebook cell
        return f"Case({self.number!r}, {self.id!r}, {self.title!r})"


_CASE_COLUMNS = tuple(item.name for item in fields(Case) if item.name != "record")


@dataclass(frozen=True)
class Match:
    """A case :func:`find` found, its relevance (0.0 without query words) and the words that
    matched. The snippet is made when first read: it costs more than ranking the case."""

    case: Case
    score: float
    _hit: Hit | None = field(default=None, compare=False, repr=False)

    @cached_property
    def snippet(self) -> str:
        return self._hit.snippet.text if self._hit is not None else ""


@dataclass(frozen=True)
class Related:
    """A case like another (:func:`similar`), its score and why: ``shared`` maps a facet key
    (``type``, ``region``, ``instrument``…) to the values both have, ``terms`` to words both use."""

    case: Case
    score: float
    shared: dict[str, list[str]] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class ComparedField:
    """One field across compared cases: its values per case (in their order) and those shared."""

    field: str
    label: str
    values: tuple[tuple[str, ...], ...]
    shared: tuple[str, ...]


@dataclass(frozen=True)
class Comparison:
    """Cases side by side (:func:`compare`) as ``erhverv compare`` shows them: the fields some case
    has, values as text (money with units), and per field the values two or more cases share
    (results, key figures and funding never count as shared)."""

    cases: tuple[Case, ...]
    fields: tuple[ComparedField, ...]

    @property
    def shared(self) -> dict[str, list[str]]:
        return {row.field: list(row.shared) for row in self.fields if row.shared}

    def to_dataframe(self) -> Any:
        """A pandas DataFrame: one row per field (the index), a column per case id, then ``shared``."""
        pandas = _pandas()
        columns = ["label", *(case.id for case in self.cases), "shared"]
        rows = [[row.label, *map(list, row.values), list(row.shared)] for row in self.fields]
        index = pandas.Index([row.field for row in self.fields], name="field")
        return pandas.DataFrame(rows, columns=columns, index=index)


_Item = TypeVar("_Item", bound=Case | Match | Related)


class ResultList(list[_Item]):
    """A list of results that knows its kind (for the columns of an empty frame) and the true
    ``total`` (a :func:`find` with ``limit`` holds fewer). Slicing gives a plain list."""

    def __init__(self, items: Iterable[_Item], kind: type[_Item], total: int | None = None) -> None:
        super().__init__(items)
        self.kind = kind
        self.total = len(self) if total is None else total

    def to_dataframe(self) -> Any:
        """A pandas DataFrame, one row per case: see :func:`to_dataframe`."""
        return to_dataframe(self)


class Corpus:
    """An opened corpus: its cases (``len``, iteration in catalogue order, ``corpus[6]`` or
    ``corpus["silkeborg-valley"]`` by number, not position, or id), where it is, and its
    ``warnings``. It holds an SQLite connection: close it, or use it in a ``with`` block."""

    def __init__(self, index: CorpusIndex, location: CorpusLocation, warnings: list[str]) -> None:
        self._index: CorpusIndex | None = index
        self.location = location
        self.path: Path = location.path
        self.warnings = warnings

    @property
    def index(self) -> CorpusIndex:
        """The search index underneath (for the core's functions); an error once closed."""
        if self._index is None:
            raise UsageError("the corpus is closed", hint="load it again with load_corpus()")
        return self._index

    @property
    def cases(self) -> ResultList[Case]:
        """Every case, in catalogue order."""
        return ResultList(iter(self), Case)

    def __len__(self) -> int:
        return self.index.count()

    def __iter__(self) -> Iterator[Case]:
        return (Case.from_record(record) for record in self.index.records())

    def __getitem__(self, case: str | int | Case) -> Case:
        return get(case, corpus=self)

    def close(self) -> None:
        if self._index is not None:
            self._index.close()
            self._index = None

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._index is None else f"{len(self)} cases"
        return f"<Corpus {state} in {self.path}>"


def load_corpus(path: str | Path | None = None, *, cache: bool = True) -> Corpus:
    """The corpus in ``path``, or (None) the one the CLI would use from the working folder.

    ``cache=False`` indexes in memory instead of reusing the CLI's cache. As in the CLI, invalid
    files are left out and duplicates kept: each is a line of ``Corpus.warnings``, also issued
    once as a :class:`CorpusWarning` so a notebook shows it."""
    from erhverv_cli.discovery import find_corpus
    from erhverv_cli.search.index import CorpusIndex

    location = find_corpus(None if path is None else str(path))
    index = CorpusIndex.open(location.path, use_cache=cache)
    index.corpus = location
    problems = [*index.warnings, *index.scan_warnings]
    for skipped in index.skipped():
        first = skipped.findings[0] if skipped.findings else {"line": 1, "col": 1, "message": "invalid"}
        more = f" (+{len(skipped.findings) - 1} more)" if len(skipped.findings) > 1 else ""
        problems.append(f"skipped {skipped.path}:{first['line']}:{first['col']}: {first['message']}{more}")
    for duplicate in index.duplicates():
        paths = ", ".join(duplicate.paths)
        problems.append(
            f"{duplicate.field} {duplicate.value} is used by {len(duplicate.paths)} files ({paths})"
        )
    for problem in problems:
        warnings.warn(problem, CorpusWarning, stacklevel=2)
    return Corpus(index, location, problems)


_default: Corpus | None = None


def default_corpus() -> Corpus:
    """The corpus functions use when given none: loaded on first use, kept until closed."""
    global _default
    if _default is None or _default._index is None:
        _default = load_corpus()
    return _default


def _opened(corpus: Corpus | None) -> CorpusIndex:
    return (default_corpus() if corpus is None else corpus).index  # not `or`: an empty corpus is falsy


def find(query: str = "", *, corpus: Corpus | None = None, limit: int | None = None, sort: str | None = None,
         since: int | None = None, until: int | None = None,
         **filters: str | Sequence[str] | None) -> ResultList[Match]:  # fmt: skip
    """Cases matching the words of ``query`` (best first) and the filters (catalogue order without
    words), like ``erhverv find``.

    Filters are facet keys: ``type``, ``municipality``, ``region``, ``target_group``,
    ``instrument``, ``good_practice``, ``approach``, ``sector``, ``evaluation``, each one value or a
    list (any of them); different facets must all match. Values are resolved as the CLI does ("Koge" is Køge,
    "nordjylland" Region Nordjylland). ``since``/``until`` bound the start year. ``sort`` is
    ``relevance``, ``number``, ``id``, ``title``, ``year`` or ``type``; a leading ``-`` reverses.
    The list's ``total`` counts every match, ``limit`` or not.
    """
    from erhverv_cli.search import engine

    index, limit = _opened(corpus), None if limit is None else _whole("limit", limit)
    results = engine.find(index, query, _filters(index, filters, since, until), sort=sort, limit=limit)
    matches = (Match(Case.from_record(hit.record), hit.score, hit if hit.ranked else None) for hit in results)
    return ResultList(matches, Match, results.total)


def _filters(index: CorpusIndex, raw: dict[str, str | Sequence[str] | None], since: int | None,
             until: int | None) -> Filters:  # fmt: skip
    """Filters resolved like the CLI's options; errors name the keyword, not the CLI flag."""
    from erhverv_cli.search.facets import VALUE_FACETS, Filters, resolve_filter_values
    from erhverv_cli.suggest import did_you_mean

    keys = [item.key for item in VALUE_FACETS]
    flags = {flag.strip("-"): item.key for item in VALUE_FACETS for flag in item.flags}
    for name, bound in (("since", since), ("until", until)):
        _whole(name, 0 if bound is None else bound)
    if since is not None and until is not None and since > until:
        raise UsageError(f"since {since} is after until {until}", hint="swap the two years")
    resolved: dict[str, tuple[str, ...]] = {}
    for key, value in raw.items():
        if key not in keys:
            hint = f" (did you mean '{flags[key]}'?)" if key in flags else did_you_mean(key, keys)
            raise UsageError(f"unknown filter '{key}'{hint}", hint="filters: " + ", ".join(keys))
        if value is None:  # find(type=None) is no filter, as a missing option is
            continue
        values = list(value) if isinstance(value, Iterable) and not isinstance(value, str) else [value]
        if not all(isinstance(item, str) for item in values):
            raise UsageError(f"{key} takes text or a list of text, not {value!r}")
        try:
            resolved[key] = resolve_filter_values(key, values, index)
        except UsageError as error:
            message = str(error).split(": ", 1)[-1]
            raise UsageError(f"{key}: {message}", hint=error.hint) from None
    return Filters(since=since, until=until, **resolved)


def _whole(name: str, value: int) -> int:
    """``value`` when it is a whole number of 0 or more (a notebook may pass "5" or 2.5)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise UsageError(f"{name} must be a whole number of 0 or more, not {value!r}")
    return value


def _reference(case: str | int | Case) -> str:
    """A case as the core's lookup takes it: catalogue number or id (or an unambiguous part)."""
    if isinstance(case, Case):
        return case.id
    if isinstance(case, int) and not isinstance(case, bool):
        return str(case)
    if isinstance(case, str) and case.strip():
        return case
    raise UsageError(f"give a case as its number, id or Case, not {case!r}")


def get(case: str | int | Case, *, corpus: Corpus | None = None) -> Case:
    """A case by catalogue number or id (also an unambiguous part of the id, or its exact title);
    :class:`~erhverv_cli.errors.NotFoundError`, with suggestions, when there is none."""
    from erhverv_cli.search.engine import lookup

    return Case.from_record(lookup(_opened(corpus), _reference(case)))


def similar(case: str | int | Case, *, limit: int = 5, corpus: Corpus | None = None) -> ResultList[Related]:
    """The cases most like ``case``, best first, with the reasons (``erhverv similar``)."""
    from erhverv_cli.search import engine

    _origin, found = engine.similar(_opened(corpus), _reference(case), _whole("limit", limit))
    related = (Related(Case.from_record(item.record), item.score, item.shared) for item in found)
    return ResultList(related, Related)


def compare(*cases: str | int | Case, corpus: Corpus | None = None) -> Comparison:
    """Two or more different cases side by side, field by field, with the values they share."""
    from erhverv_cli.render.comparison import compare_rows, shared_values

    if len(cases) < 2:
        raise UsageError(f"give two or more cases to compare, not {len(cases)}")
    found = [get(case, corpus=corpus) for case in cases]
    ids = [case.id for case in found]
    if len(set(ids)) < len(ids):
        raise UsageError(f"the same case is given twice ({', '.join(ids)})", hint="give different cases")
    rows = compare_rows([case.record for case in found])
    compared = tuple(
        ComparedField(key, name, tuple(map(tuple, values)), tuple(sorted(shared_values(key, values))))
        for key, name, values in rows
    )
    return Comparison(tuple(found), compared)


_EXTRA_COLUMNS = {Case: (), Match: ("score", "snippet"), Related: ("score", "shared")}


def to_dataframe(items: Iterable[Case | Match | Related] | Comparison) -> Any:
    """A pandas DataFrame of results: one row per case, its fields as columns in :class:`Case`'s
    order (lists stay Python lists, years and numbers are nullable integers), then the score and
    snippet or reasons. Raises ImportError saying what to install when pandas is missing."""
    if isinstance(items, Comparison):
        return items.to_dataframe()
    pandas = _pandas()
    rows = list(items)
    kinds = {type(item) for item in rows} or {getattr(items, "kind", Case)}
    extra = [name for kind in (Case, Match, Related) if kind in kinds for name in _EXTRA_COLUMNS[kind]]
    columns = [*_CASE_COLUMNS, *dict.fromkeys(extra)]
    frame = pandas.DataFrame([_row(item) for item in rows], columns=columns)
    for name in ("number", "started", "ended"):
        frame[name] = frame[name].astype("Int64")
    return frame


def _row(item: Case | Match | Related) -> dict[str, Any]:
    case = item if isinstance(item, Case) else item.case
    row = {name: getattr(case, name) for name in _CASE_COLUMNS}
    row = {name: list(value) if isinstance(value, tuple) else value for name, value in row.items()}
    if isinstance(item, Match):
        row |= {"score": item.score, "snippet": item.snippet}
    elif isinstance(item, Related):
        row |= {"score": item.score, "shared": item.shared}
    return row


def _pandas() -> Any:
    from importlib import import_module

    try:
        return import_module("pandas")
    except ImportError as error:
        raise ImportError("to_dataframe needs pandas: pip install 'erhverv[pandas]'") from error
