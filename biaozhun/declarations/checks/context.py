"""What the checks look up, loaded once for a whole batch of drafts: the catalogue editions every catalogue
number names (with the editions in force that replaced them), and the limits table. A form's one declaration and
a bulk file's 10,000 rows run the same checks over the same context: a few queries per batch, none per row."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from biaozhun.catalog.validity import MAX_LINES, CheckedLine, check_lines
from biaozhun.identifiers import Identifier, IdentifierError, parse
from biaozhun.identifiers import Nature as IdentNature
from biaozhun.rules.indicator_limits import Limit, LimitKind, normalise_name

from ..models import MandatoryIndicator, StandardSource
from .drafts import Draft


@dataclass(frozen=True, slots=True)
class LimitRow:
    id: int
    standard: str  # as written in the table (GB 19147-2016)
    undated: str  # GB 19147 (for matching the reference standards a declaration names)
    mandatory: bool
    clause: str
    keywords: tuple[str, ...]
    name: str
    limit: Limit
    verified: bool


@dataclass
class CheckContext:
    lookups: dict[str, CheckedLine] = field(default_factory=dict)  # canonical number → the catalogue's answer
    limits: dict[str, list[LimitRow]] = field(default_factory=dict)  # normalised indicator name → rows

    @classmethod
    def load(cls, drafts: list[Draft]) -> CheckContext:
        context = cls()
        numbers: set[str] = set()
        for draft in drafts:
            if draft.source == StandardSource.CATALOGUE:
                ident = parsed(draft.number)
                if ident is not None and ident.year is not None:
                    numbers.add(ident.canonical)
        ordered = sorted(numbers)
        for start in range(0, len(ordered), MAX_LINES):
            for line in check_lines(ordered[start:start + MAX_LINES]):
                context.lookups[line.canonical] = line
        if any(d.indicators for d in drafts):
            context.limits = load_limits()
        return context


@lru_cache(maxsize=65_536)
def parse_number(number: str) -> Identifier:
    """`biaozhun.identifiers.parse` remembered: a bulk file names its numbers on many rows, and grouping, the
    context and the numbering check each read them (the code tables are the shipped files: the answer for a
    text never changes). Raises IdentifierError as parse does (errors are not remembered)."""
    return parse(number)


def parsed(number: str) -> Identifier | None:
    try:
        return parse_number(number)
    except IdentifierError:
        return None


def load_limits() -> dict[str, list[LimitRow]]:
    """The active rows of the limits table, by each normalised name and alias (one query)."""
    by_name: dict[str, list[LimitRow]] = defaultdict(list)
    for row in MandatoryIndicator.objects.filter(active=True).order_by("id"):
        ident = parsed(row.standard_number)
        undated = ident.undated if ident is not None else row.standard_number
        mandatory = ident is not None and ident.nature == IdentNature.MANDATORY
        entry = LimitRow(
            id=row.pk, standard=row.standard_number, undated=undated, mandatory=mandatory, clause=row.clause,
            keywords=tuple(row.scope_keywords or ()), name=row.indicator_name,
            limit=Limit(LimitKind(row.comparator), row.limit_value, row.unit), verified=row.verified)
        for name in {normalise_name(row.indicator_name), *(normalise_name(a) for a in row.aliases or ())}:
            if name:
                by_name[name].append(entry)
    return dict(by_name)
