"""The adoption rate of international standards (国际标准转化率, work-plan items 35–36): which ISO/IEC editions are
counted, which of them Chinese standards adopt, the rate per field and overall, the trend at each year's end, the
candidates still to adopt, and when an adoption is behind a newer ISO/IEC edition. Pure: no Django.

The rate of a field = adopted / in scope, where
* in scope (the denominator): the ISO/IEC editions in force on the day (or now), of the publishers and deliverable
  types asked (all by default), published on or before a date if one is given, classified in the field;
* adopted (the numerator): those of them that at least one Chinese standard in force on the day adopts with a
  counted degree (IDT and MOD by default, as the committee assessment counts: rules/text_access.ADOPTION_DEGREES)
  and of a counted tier (national by default, as the assessment).

An adoption counts for the edition the catalogue links it to: a dated one for that edition, an undated one (the
series) for the newest edition of the series, which the catalogue relinks when a new one arrives. Decision 0035.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

DEGREES = ("IDT", "MOD", "NEQ")
DEFAULT_DEGREES = frozenset({"IDT", "MOD"})  # as rules/text_access.ADOPTION_DEGREES and the assessment
PUBLISHERS = ("ISO", "IEC", "ISO/IEC")
# Deliverable types: IS (an International Standard, no type word in its number), TS, TR, PAS, Guide, IWA.
DELIVERABLES = ("IS", "TS", "TR", "PAS", "GUIDE", "IWA")
ADOPTING_TIERS = ("national", "industry", "local", "group")
DEFAULT_ADOPTING_TIERS = frozenset({"national"})
GOAL = 0.9  # the plan's goal: 90 % in key fields
DIMENSIONS = ("ics", "ccs", "industry", "tc")
UNCLASSIFIED = "-"  # the field of records without a code in the dimension
IN_FORCE = ("current",)  # the stored status of an edition in force (upcoming editions are not yet)
ENDED = ("replaced", "abolished")


@lru_cache(maxsize=512)
def publisher_and_deliverable(prefix: str) -> tuple[str, str]:
    """("ISO/IEC", "TR") for the prefix "ISO/IEC TR"; ("ISO", "TS") for "ISO/TS"; ("IEC", "IS") for "IEC";
    an IWA is ISO's."""
    words = prefix.upper().replace("/", " ").split()
    publishers = [w for w in words if w in ("ISO", "IEC")]
    others = [w for w in words if w not in ("ISO", "IEC", "IEEE", "ASTM", "CIE")]
    publisher = "ISO/IEC" if {"ISO", "IEC"} <= set(publishers) else (publishers[0] if publishers else "ISO")
    deliverable = next((w for w in others if w in DELIVERABLES), "IS")
    return publisher, deliverable


@dataclass(frozen=True, slots=True)
class Life:
    """When an edition is in force: its stored status, and the dates that say when it began and ended."""

    status: str
    starts_on: date | None  # implementation (or publication when unknown)
    status_since: date | None = None
    abolished_on: date | None = None

    def span(self) -> tuple[date | None, date | None]:
        """[start, end): the day it came into force and the day it stopped (None: not known, or not yet)."""
        ends = [d for d in (self.abolished_on, self.status_since if self.status in ENDED else None) if d is not None]
        return self.starts_on, min(ends) if ends else None

    def in_force(self, day: date | None = None) -> bool:
        """Now (day None): the stored status. At a past day: begun by then and not yet replaced or abolished."""
        if day is None:
            return self.status in IN_FORCE
        start, end = self.span()
        return _covers(start, end, day)


def _covers(start: date | None, end: date | None, day: date) -> bool:
    return start is not None and start <= day and (end is None or day < end)


@dataclass(frozen=True, slots=True)
class Record:
    """One ISO/IEC edition as the rate reads it."""

    id: int
    prefix: str
    published_on: date | None
    life: Life
    ics: tuple[str, ...] = ()
    ccs: str = ""
    industry: tuple[str, ...] = ()
    tc: str = ""

    def fields(self, dimension: str, level: int) -> tuple[str, ...]:
        """The fields of the record in a dimension, cut to a level (see `cut`)."""
        raw: Iterable[str] = {"ics": self.ics, "ccs": (self.ccs,) if self.ccs else (), "industry": self.industry,
                              "tc": (self.tc,) if self.tc else ()}[dimension]
        return tuple(sorted({cut(dimension, code, level) for code in raw if code}))


def cut(dimension: str, code: str, level: int) -> str:
    """A code at a level: ICS 03.120.10 → 03 (1), 03.120 (2), 03.120.10 (3); CCS A01 → A (1), A01 (2); industry
    C383 → C (1), C38 (2), C383 (3); committee ISO/TC 176/SC 2 → ISO/TC 176 (1), ISO/TC 176/SC 2 (2)."""
    code = code.strip()
    if dimension == "ics":
        return ".".join(code.split(".")[:level])
    if dimension == "ccs":
        return code[:1] if level == 1 else code
    if dimension == "industry":
        return code[: {1: 1, 2: 3}.get(level, len(code))]
    if dimension == "tc":
        parts = code.split("/")
        return "/".join(parts[:2]) if level == 1 and len(parts) > 2 else code
    raise ValueError(f"unknown dimension {dimension!r}")


@dataclass(frozen=True, slots=True)
class Adoption:
    """A Chinese standard adopting an ISO/IEC edition (the catalogue's resolved "adopts" relation)."""

    target_id: int
    degree: str
    tier: str
    life: Life


@dataclass(frozen=True, slots=True)
class Scope:
    """What the rate counts; the defaults are the assessment's."""

    degrees: frozenset[str] = DEFAULT_DEGREES
    adopting_tiers: frozenset[str] = DEFAULT_ADOPTING_TIERS
    publishers: frozenset[str] = frozenset(PUBLISHERS)
    deliverables: frozenset[str] = frozenset(DELIVERABLES)
    in_force_only: bool = True
    published_before: date | None = None  # published on or before this day

    def counts_kind(self, record: Record) -> bool:
        """The publisher and the deliverable type asked."""
        return _kind_allowed(record.prefix, self.publishers, self.deliverables)

    def counts_record(self, record: Record, day: date | None = None) -> bool:
        return self.counts_kind(record) and self.counts_on(record, day)

    def counts_on(self, record: Record, day: date | None) -> bool:
        """Published by the cut-off and (when only those in force count) in force on the day, or now."""
        before = self.published_before
        cutoff = day if before is None else (before if day is None else min(before, day))
        if cutoff is not None and (record.published_on is None or record.published_on > cutoff):
            return False
        if self.in_force_only:
            return record.life.in_force(day)
        return day is None or (record.published_on is not None and record.published_on <= day)

    def counts_adoption(self, adoption: Adoption, day: date | None = None) -> bool:
        return (adoption.degree in self.degrees and adoption.tier in self.adopting_tiers
                and adoption.life.in_force(day))


@lru_cache(maxsize=4096)
def _kind_allowed(prefix: str, publishers: frozenset[str], deliverables: frozenset[str]) -> bool:
    publisher, deliverable = publisher_and_deliverable(prefix)
    return publisher in publishers and deliverable in deliverables


@dataclass(frozen=True, slots=True)
class Rate:
    adopted: int
    in_scope: int

    @property
    def value(self) -> float | None:
        return self.adopted / self.in_scope if self.in_scope else None

    @property
    def candidates(self) -> int:
        return self.in_scope - self.adopted

    def meets(self, goal: float = GOAL) -> bool | None:
        value = self.value
        return None if value is None else value >= goal


@dataclass(slots=True)
class Tally:
    """The rate overall and per field, with the ids behind each (for candidates and lists)."""

    overall: Rate
    fields: dict[str, Rate] = field(default_factory=dict)
    adopted_ids: frozenset[int] = frozenset()
    scope_ids: frozenset[int] = frozenset()

    def below(self, goal: float = GOAL) -> list[tuple[str, Rate]]:
        """Fields under the goal, the largest number of candidates first."""
        return sorted(((f, r) for f, r in self.fields.items() if r.meets(goal) is False),
                      key=lambda item: (-item[1].candidates, item[0]))


def adopted_ids(adoptions: Iterable[Adoption], scope: Scope, day: date | None = None) -> frozenset[int]:
    return frozenset(a.target_id for a in adoptions if scope.counts_adoption(a, day))


def tally(records: Iterable[Record], adoptions: Iterable[Adoption], scope: Scope, *, dimension: str = "ics",
          level: int = 1, day: date | None = None, within: str = "") -> Tally:
    """The rate at `day` (None: now) overall and per field of `dimension` at `level`; `within` keeps only fields
    starting with it (an ICS prefix, a committee). A record in several fields counts once in each, once overall."""
    adopted = adopted_ids(adoptions, scope, day)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    total = [0, 0]
    scope_ids = []
    for record in records:
        if not scope.counts_record(record, day):
            continue
        names = record.fields(dimension, level)
        if within:
            if not in_field(record, dimension, within):
                continue
            names = tuple(n for n in names if within_field(n, within, dimension) or within_field(within, n, dimension))
        hit = record.id in adopted
        scope_ids.append(record.id)
        total[0] += hit
        total[1] += 1
        for name in names or (UNCLASSIFIED,):
            counts[name][0] += hit
            counts[name][1] += 1
    return Tally(Rate(*total), {name: Rate(*pair) for name, pair in sorted(counts.items())},
                 adopted & frozenset(scope_ids), frozenset(scope_ids))


def within_field(code: str, prefix: str, dimension: str) -> bool:
    """Whether a field code lies in a prefix: a field within a prefix: ICS 03.120.10 is within 03 and 03.120 (whole segments), a committee within its TC."""
    if code == prefix:
        return True
    separator = {"ics": ".", "tc": "/"}.get(dimension, "")
    return code.startswith(prefix + separator) if separator else code.startswith(prefix)


def trend(records: list[Record], adoptions: list[Adoption], scope: Scope, years: Iterable[int],
          today: date, *, dimension: str = "ics", within: str = "") -> list[tuple[int, Rate]]:
    """The rate (overall, or of the field `within`) at the end of each year, today for the current one: the
    editions in force on that day, as their dates and replacements say. One pass over the records for all the
    years (the same answer as `tally(..., day=...)` for each, which the tests check)."""
    years = list(years)
    days = [min(date(year, 12, 31), today) for year in years]
    spans: dict[int, list[tuple[date | None, date | None]]] = defaultdict(list)
    for adoption in adoptions:
        if adoption.degree in scope.degrees and adoption.tier in scope.adopting_tiers:
            spans[adoption.target_id].append(adoption.life.span())
    totals = [[0, 0] for _ in days]
    before = scope.published_before
    for record in records:
        if not scope.counts_kind(record) or (within and not in_field(record, dimension, within)):
            continue
        published = record.published_on
        if published is None or (before is not None and published > before):
            continue  # in scope on no day (counts_on: published by the cut-off)
        if scope.in_force_only:  # in scope on [first, end): published and in force
            start, end = record.life.span()
            if start is None:
                continue
            first = max(start, published)
        else:
            first, end = published, None
        covering = spans.get(record.id, ())
        for index, day in enumerate(days):
            if day < first or (end is not None and day >= end):
                continue
            totals[index][1] += 1
            for begun, ended in covering:
                if begun is not None and begun <= day and (ended is None or day < ended):
                    totals[index][0] += 1
                    break
    return [(year, Rate(*pair)) for year, pair in zip(years, totals, strict=True)]


def in_field(record: Record, dimension: str, field: str) -> bool:
    """Whether a record belongs to a field (a code or prefix; UNCLASSIFIED: no code in the dimension)."""
    if field == UNCLASSIFIED:
        return not record.fields(dimension, 9)
    return any(within_field(code, field, dimension) for code in record.fields(dimension, 9))


def candidates(records: Iterable[Record], adopted: frozenset[int], scope: Scope, *,
               matches: Callable[[Record], bool] = lambda r: True) -> list[Record]:
    """Editions in scope that no counted adoption covers, newest first."""
    found = [r for r in records if scope.counts_record(r) and r.id not in adopted and matches(r)]
    return sorted(found, key=lambda r: (r.published_on or date.min, r.id), reverse=True)


def is_behind(*, adopted_published: date | None, adopter_published: date | None,
              newer_published: date | None) -> bool:
    """An adoption is behind when a newer edition of the adopted ISO/IEC document was published after both the
    adopted edition and the Chinese standard (one published before the Chinese standard was its authors' choice)."""
    if newer_published is None or adopted_published is None or adopter_published is None:
        return False  # an unknown date flags nothing (the query over the catalogue compares the same way)
    return newer_published > adopted_published and newer_published > adopter_published
