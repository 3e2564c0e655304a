"""The facets of a case, each described once.

A facet is a way to slice the corpus: type, municipality, region, target group, instrument,
good-practice area, approach (kind of effort), sector, evaluation status and start year. Its entry
here says which record fields it reads, how a typed value is resolved (Danish spelling rules,
did-you-mean), which CLI flags filter on it, what it is called in tables (through
:mod:`erhverv_cli.labels`) and how much a shared value weighs in `similar`. :class:`Filters`, the
index's facet rows, `stats --by`, `vocab`, the option help and completion, similar's reasons and
the export filters are all derived from :data:`FACETS`. A new facet is an entry here, its
vocabulary and its model field; the views of a whole record (show, compare, the export columns
and sheets) list their fields themselves, in the order they show them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from erhverv_cli import vocab
from erhverv_cli.errors import UsageError
from erhverv_cli.folding import fold_name
from erhverv_cli.geography import MUNICIPALITIES, REGION_OF, REGIONS, resolve_municipality, resolve_region
from erhverv_cli.suggest import did_you_mean
from erhverv_cli.vocab import resolve


class ValueSource(Protocol):
    """Where facets without a closed vocabulary (sectors) find the values in use."""

    def facet_values(self, facet: str) -> list[str]: ...


@dataclass(frozen=True)
class Facet:
    """One facet: what it reads, how values are typed and resolved, and how it is shown."""

    key: str  # name in Filters, `stats --by`, `vocab`, JSON output and similar's reasons
    fields: tuple[str, ...]  # record fields it reads, in order (duplicates across them count once)
    flags: tuple[str, ...]  # CLI options that filter on it (empty: not a value filter)
    metavar: str
    help: str
    vocabulary: type[vocab.Vocabulary] | None = None
    weight: float = 0.0  # weight of one shared value in `similar` (0: never a reason)
    numeric: bool = False  # values are years: counted in order, filtered by --since/--until
    subfield: str = ""  # the key inside a mapping field (evaluation → status)

    @property
    def label(self) -> str:
        """The key of its title in :data:`erhverv_cli.labels.LABELS`."""
        return self.key

    @property
    def flag(self) -> str:
        return self.flags[0] if self.flags else f"--{self.key}"

    def values_of(self, record: Mapping[str, Any]) -> list[str]:
        """The facet's values in a record, as text, first-seen order, each once."""
        out: list[str] = []
        for name in self.fields:
            value = record.get(name)
            if self.subfield and isinstance(value, Mapping):
                value = value.get(self.subfield)
            items = value if isinstance(value, list) else [] if value is None else [value]
            out.extend(str(item) for item in items)
        return list(dict.fromkeys(out))

    def allowed(self, source: ValueSource | None = None) -> list[str]:
        """The values a filter accepts: its vocabulary, or for open facets those in the corpus."""
        if self.key == "municipality":
            return list(MUNICIPALITIES)
        if self.key == "region":
            return list(REGIONS)
        if self.vocabulary is not None:
            return [member.value for member in self.vocabulary]
        return source.facet_values(self.key) if source is not None else []

    def meanings(self) -> dict[str, str]:
        """What each allowed value means (English), where the vocabulary says."""
        if self.key == "municipality":
            return dict(REGION_OF)
        if self.key == "region":
            return {region: f"{len(members)} kommuner" for region, members in REGIONS.items()}
        if self.vocabulary is None:
            return {}
        return {member.value: member.meaning for member in self.vocabulary}

    def resolver(self, source: ValueSource | None = None) -> Callable[[str], str | None]:
        """Typed text → the official value, or None; æ/ø/å, case and punctuation are forgiven."""
        if self.key == "municipality":
            return resolve_municipality
        if self.key == "region":
            return resolve_region
        vocabulary = self.vocabulary
        if vocabulary is not None:

            def resolve_member(text: str) -> str | None:
                member = resolve(vocabulary, text)
                return member.value if member is not None else None

            return resolve_member
        known = {fold_name(value): value for value in self.allowed(source)}
        return lambda text: known.get(fold_name(text))


FACETS: tuple[Facet, ...] = (
    Facet("type", ("type",), ("--type", "-t"), "TYPE", "basal, fokuseret or erhvervsudvikling",
          vocabulary=vocab.CaseType, weight=0.5),
    Facet("municipality", ("municipalities", "partner_municipalities"), ("--kommune", "--municipality", "-k"),
          "KOMMUNE", "Lead or partner municipality; æ/ø/å optional (Koge, Aarhus)"),
    Facet("region", ("regions",), ("--region", "-r"), "REGION", "Region, e.g. Nordjylland or Sjaelland"),
    Facet("target_group", ("target_groups",), ("--target",), "GROUP", "Target group, e.g. iværksættere",
          vocabulary=vocab.TargetGroup, weight=0.5),
    Facet("instrument", ("instruments",), ("--instrument", "-i"), "INSTRUMENT", "Instrument, e.g. netværk",
          vocabulary=vocab.Instrument, weight=1.0),
    Facet("good_practice", ("good_practice",), ("--practice",), "AREA",
          "Good-practice area, e.g. 'kritisk masse'", vocabulary=vocab.GoodPractice, weight=1.0),
    Facet("approach", ("approaches",), ("--approach",), "KIND",
          "Kind of effort, e.g. virksomhedsnetværk", vocabulary=vocab.Approach, weight=1.0),
    Facet("sector", ("sectors",), ("--sector",), "SECTOR", "Sector, e.g. it or fødevarer", weight=1.0),
    Facet("transferability", ("transferability",), ("--transferability",), "HOW",
          "How easily it travels, e.g. 'direkte overførbar'", vocabulary=vocab.Transferability, weight=0.5),
    Facet("evaluation", ("evaluation",), ("--evaluation",), "STATUS",
          "Evaluation status, e.g. evalueret", vocabulary=vocab.EvaluationStatus, subfield="status"),
    Facet("started", ("started",), (), "YEAR", "Start year (filter with --since and --until)", numeric=True),
)  # fmt: skip

FACET_BY_KEY: dict[str, Facet] = {facet.key: facet for facet in FACETS}
VALUE_FACETS: tuple[Facet, ...] = tuple(facet for facet in FACETS if facet.flags)
SIMILAR_FACETS: tuple[Facet, ...] = tuple(facet for facet in FACETS if facet.weight)


def facet(key: str) -> Facet:
    """A facet by key, or a usage error listing the facets (with did-you-mean)."""
    found = FACET_BY_KEY.get(key) or FACET_BY_KEY.get(key.replace("-", "_"))
    if found is None:
        keys = list(FACET_BY_KEY)
        raise UsageError(
            f"unknown facet '{key}'{did_you_mean(key, keys)}",
            hint="facets: " + ", ".join(keys),
        )
    return found


def facet_rows(record: Mapping[str, Any]) -> Iterator[tuple[str, str, str]]:
    """(facet, value, folded key) for every facet value of a record (what the index stores)."""
    for item in FACETS:
        for value in item.values_of(record):
            yield item.key, value, fold_name(value)


class Filters:
    """Filters combine with AND; several values of one facet combine with OR.

    ``Filters(type=("fokuseret",), region=("Region Nordjylland",), since=2010)``: keyword names
    are the keys of the value facets in :data:`FACETS`.
    """

    __slots__ = ("_values", "since", "until")

    def __init__(
        self, *, since: int | None = None, until: int | None = None, **values: Iterable[str]
    ) -> None:
        unknown = sorted(set(values) - {item.key for item in VALUE_FACETS})
        if unknown:
            raise TypeError(f"Filters() got unknown facet(s): {', '.join(unknown)}")
        self._values: dict[str, tuple[str, ...]] = {
            item.key: tuple(values[item.key]) for item in VALUE_FACETS if values.get(item.key)
        }
        self.since = since
        self.until = until

    def __getattr__(self, name: str) -> tuple[str, ...]:
        if name in FACET_BY_KEY and name != "started":
            return self._values.get(name, ())
        raise AttributeError(name)

    def facet_values(self) -> list[tuple[str, tuple[str, ...]]]:
        return list(self._values.items())

    @property
    def active(self) -> bool:
        return bool(self._values) or self.since is not None or self.until is not None

    def _key(self) -> tuple[Any, ...]:
        return (tuple(sorted(self._values.items())), self.since, self.until)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Filters) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        parts = [f"{key}={values!r}" for key, values in self._values.items()]
        parts += [
            f"{name}={getattr(self, name)}" for name in ("since", "until") if getattr(self, name) is not None
        ]
        return f"Filters({', '.join(parts)})"


def resolve_filter_values(key: str, raw: Sequence[str], source: ValueSource | None = None) -> tuple[str, ...]:
    """Check typed filter values against the facet's values; an unknown one is a usage error."""
    item = facet(key)
    resolver = item.resolver(source)
    out = []
    for text in raw:
        for piece in [part.strip() for part in text.split(",")] if "," in text else [text]:
            value = resolver(piece)
            if value is None:
                allowed = item.allowed(source)
                hint = did_you_mean(piece, allowed)
                listing = "" if hint or len(allowed) > 25 else "; allowed: " + ", ".join(allowed)
                raise UsageError(
                    f"{item.flag}: unknown value '{piece}'{hint}{listing}",
                    hint=f"`erhverv vocab {item.key}` lists the {len(allowed)} values",
                )
            out.append(value)
    return tuple(dict.fromkeys(out))


def filters_from(raw: Mapping[str, Sequence[str] | None], source: ValueSource | None = None, *,
                 since: int | None = None, until: int | None = None) -> Filters:  # fmt: skip
    """Filters from typed values per facet key (as the CLI parses them), each value resolved."""
    if since is not None and until is not None and since > until:
        raise UsageError(f"--since {since} is after --until {until}", hint="swap the two years")
    resolved = {key: resolve_filter_values(key, values or [], source) for key, values in raw.items()}
    return Filters(since=since, until=until, **resolved)
