"""Public reads of filed standards, as the filing platforms (hbba/dbba) show them: the list with its filters, the
filing of a catalogue edition, and the statistics per authority and year.

Only accepted filings are listed, whoever asks (the list is the public's; the policy's view of the anonymous
visitor gives it). A filing's own page asks the policy for the viewer (selectors.filing_for_viewer).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import models
from django.db.models import Count, F, Func, Lookup, Max, Min, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from biaozhun.accounts.models import Organisation
from biaozhun.catalog import selectors as catalog_selectors
from biaozhun.catalog import text_access
from biaozhun.catalog.models import Standard, Tier
from biaozhun.catalog.records import edition_key
from biaozhun.catalog.text_access import TextOffer
from biaozhun.core import clock
from biaozhun.identifiers import IdentifierError, parse
from biaozhun.reference.models import IndustryCode, RegionCode
from biaozhun.rules.cycles import add_months
from biaozhun.rules.filing import parse_filing_number

from ..models import PROVINCE, Filing, FilingState, FilingTier
from . import visible_filings

PAGE_SIZE = 20
COUNT_TTL = 120  # seconds a count of the list is reused (bench/bench_filing_list.py: up to ~120 ms uncached)
RECENT_MONTHS = (1, 3, 6, 12, 24)  # "filed within the last N months"
MAX_KEYWORD = 100
# The columns a list row shows (a filing also holds its record, the text's words and the checks: never loaded here).
LIST_FIELDS = ("id", "state", "tier", "identifier", "title_zh", "filing_number", "filed_on", "published_on",
               "implemented_on", "authority__id", "authority__name", "authority__name_en",
               "standard__id", "standard__identifier", "standard__status", "standard__title_zh",
               "standard__title_en")


class FilingSort(models.TextChoices):
    """Orders of the list, each newest first; the first is the default."""

    FILED = "filed", _("备案日期")
    PUBLISHED = "published", _("发布日期")
    IMPLEMENTED = "implemented", _("实施日期")


ORDERINGS = {
    FilingSort.FILED: ("-filed_on", "-id"),
    FilingSort.PUBLISHED: ("-published_on", "-id"),
    FilingSort.IMPLEMENTED: ("-implemented_on", "-id"),
}


@dataclass(frozen=True)
class FilingQuery:
    """The public list's filters, cleaned (filing/filters.py reads them from a page's or the API's query)."""

    q: str = ""
    status: str = ""  # a FiledStatus value
    tier: str = ""  # a FilingTier value
    authority: int | None = None
    industry: str = ""  # industry code, JB
    province: str = ""  # 2-digit region code
    city: str = ""  # 4-digit region code
    months: int | None = None  # filed within the last N months (RECENT_MONTHS)
    sort: str = FilingSort.FILED


def public_filings() -> QuerySet[Filing]:
    """Every accepted filing: what the public may see (the policy's filter for an anonymous visitor)."""
    return visible_filings(viewer=AnonymousUser()).filter(state=FilingState.ACCEPTED)


def keyword_condition(text: str) -> Q:
    """A keyword as people type it: a 备案号 (01234-2026); a standard number in any spelling (db32t 4001—2026,
    DB32/T 4001: every edition of it); else words, each found in the number or the title."""
    text = " ".join(text.split())[:MAX_KEYWORD]
    if number := parse_filing_number(text):  # on the (year, sequence) index
        sequence, year = number
        return Q(filing_year=year, filing_sequence=sequence)
    try:
        ident = parse(text)
    except IdentifierError:
        ident = None
    if ident is not None:
        if ident.year is not None:
            return Q(edition=edition_key(ident))
        # Every edition of an undated number: its editions are "<undated>-<year>" (a range on the edition index).
        return Q(edition__gte=f"{ident.undated}-1900", edition__lte=f"{ident.undated}-2099")
    condition = Q()
    for word in text.split():
        condition &= Q(identifier__icontains=word) | Q(title_zh__icontains=word)
    return condition


class Unindexed(Lookup):
    """`field = value`, tested on each row rather than looked up in an index (SQLite's unary +). The list walks
    filings newest first and tests each one's status: 20 rows of a page, where the status index would gather
    every edition of that status (123,443 current ones) to sort them. Other databases plan this well already."""

    lookup_name = "unindexed"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = {rhs}", [*lhs_params, *rhs_params]

    def as_sqlite(self, compiler, connection):
        sql, params = self.as_sql(compiler, connection)
        return f"+{sql}", params


class RowOrder(Func):
    """A column to sort by, not to walk an index by (SQLite's unary +): a number's few editions are found on
    the edition index and then sorted, rather than found by walking all filings in date order."""

    template = "%(expressions)s"

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template="+%(expressions)s", **extra)


def is_lookup(text: str) -> bool:
    """Whether a keyword names filings by number (a 备案号 or a standard number): a handful of rows at most."""
    text = " ".join(text.split())[:MAX_KEYWORD]
    if parse_filing_number(text):
        return True
    try:
        parse(text)
    except IdentifierError:
        return False
    return True


def filed_standards(*, query: FilingQuery, today: date | None = None, walk: bool = True) -> QuerySet[Filing]:
    """The accepted filings matching `query`, in its order, with what a list row shows. `walk`: pages are read
    in order, testing the status per row (Unindexed); a count (walk=False) may gather by status instead."""
    filings = public_filings()
    if query.q:
        filings = filings.filter(keyword_condition(query.q))
    if query.status:
        filings = filings.filter(Unindexed(F("standard__status"), query.status) if walk
                                 else Q(standard__status=query.status))
    if query.tier:
        filings = filings.filter(tier=query.tier)
    if query.authority is not None:
        filings = filings.filter(authority_id=query.authority)
    # Only industry filings have an industry code and only local ones a region code: no tier condition, which
    # the indexes of these codes do not hold.
    if query.industry:
        filings = filings.filter(industry_code=query.industry)
    if query.city:
        filings = filings.filter(region_code=query.city)
    elif query.province:  # the province's own (DB32) and its cities' (DB3201...), on an index of the first two digits
        filings = filings.alias(province=PROVINCE).filter(province=query.province)
    if query.months:
        since = add_months(today or clock.today(), -query.months)
        filings = filings.filter(filed_on__gte=since)
    order = ORDERINGS.get(query.sort, ORDERINGS[FilingSort.FILED])
    if query.q and is_lookup(query.q):
        order = tuple(RowOrder(F(name.lstrip("-"))).desc() for name in order)
    return filings.select_related("authority", "standard").only(*LIST_FIELDS).order_by(*order)


class FiledPages(Sequence):
    """The filings of a query for a Paginator, each page read in two steps: the page's ids first, ordered and
    counted off on the narrow indexes alone (selectors' indexes in models.Filing.Meta), then those rows. Read at
    once, the database would fetch every wide matching row before sorting (a filter of 7,752 rows: ~40 ms)."""

    def __init__(self, query: FilingQuery) -> None:
        self.query = query
        self.filings = filed_standards(query=query)

    def count(self) -> int:
        return filed_count(query=self.query)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("FiledPages is read by slices (pages)")
        ids = list(self.filings.values_list("id", flat=True)[index])
        rows = {filing.pk: filing for filing in self.filings.filter(pk__in=ids).order_by()} if ids else {}
        return [rows[pk] for pk in ids if pk in rows]


def count_key(query: FilingQuery) -> str:
    return "filing:public_count:" + hashlib.sha256(repr(replace(query, sort="")).encode()).hexdigest()


def filed_count(*, query: FilingQuery) -> int:
    """How many accepted filings match `query`, reused for COUNT_TTL seconds: the counts that cost (no filter, a
    status or tier alone: 10^5 rows) are the few that everyone asks for, so they are nearly always cached."""
    key = count_key(query)
    count = cache.get(key)
    if count is None:
        count = filed_standards(query=query, walk=False).count()
        cache.set(key, count, COUNT_TTL)
    return count


def filing_of_standard(*, standard: Standard) -> Filing | None:
    """The accepted filing through which a catalogue edition came, if any. Only industry and local editions are
    filed, so other tiers cost no query; an edition read with select_related("filing") costs none either."""
    if standard.tier not in (Tier.INDUSTRY, Tier.LOCAL):
        return None
    if Standard.filing.is_cached(standard):
        filing = getattr(standard, "filing", None)
        return filing if filing is not None and filing.state == FilingState.ACCEPTED else None
    return (public_filings().filter(standard=standard)
            .only("id", "filing_number", "filed_on", "state", "standard_id").first())


@dataclass(frozen=True)
class FilingPage:
    """What a filing's page shows beside the filing: the edition it replaced as the catalogue has it (None when
    not catalogued), and for a filed edition the access to its text as the catalogue's rules give it."""

    filing: Filing
    replaced: Standard | None
    text_offer: TextOffer | None
    has_text: bool
    area: str  # the industry (JB 机械) or the region (江苏省 · 南京市) the number belongs to

    @property
    def accepted(self) -> bool:
        return self.filing.state == FilingState.ACCEPTED

    @property
    def withdrawn(self) -> bool:
        return self.filing.state == FilingState.WITHDRAWN

    @property
    def titles(self) -> dict[str, str]:
        """Both titles, as `localized` reads them (the English one from the filed record, if given)."""
        return {"title_zh": self.filing.title_zh, "title_en": str(self.filing.record.get("title_en") or "")}


def _area(filing: Filing) -> str:
    if filing.tier == FilingTier.INDUSTRY:
        name = IndustryCode.objects.filter(code=filing.industry_code).values_list("name_zh", flat=True).first()
        return f"{filing.industry_code} {name}" if name else filing.industry_code
    codes = [filing.region_code[:2], filing.region_code] if len(filing.region_code) == 4 else [filing.region_code]
    names = dict(RegionCode.objects.filter(code__in=codes).values_list("code", "name_zh"))
    return " · ".join(names.get(code, code) for code in codes)


def filing_page(*, viewer: Any, filing: Filing) -> FilingPage:
    replaced = (catalog_selectors.standard_by_identifier(viewer=viewer, identifier=filing.replaces)
                if filing.replaces else None)
    standard = filing.standard if filing.state == FilingState.ACCEPTED else None
    offer, has_text = None, False
    if standard is not None:
        offer, has_text = text_access.offer(standard), standard.full_texts.filter(language="zh").exists()
    return FilingPage(filing=filing, replaced=replaced, text_offer=offer, has_text=has_text, area=_area(filing))


# --- Statistics ----------------------------------------------------------------------------------------------------
@dataclass
class AuthorityRow:
    """One authority's accepted filings per year of filing (and per tier, for a ministry that files both)."""

    authority: Organisation
    tier: str
    by_year: dict[int, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.by_year.values())


@dataclass
class FilingStatistics:
    years: list[int]
    rows: list[AuthorityRow]  # by tier, then most filings first
    by_tier: dict[str, dict[int, int]]  # tier -> year -> count

    def tier_total(self, tier: str) -> int:
        return sum(self.by_tier.get(tier, {}).values())

    def year_total(self, year: int) -> int:
        return sum(counts.get(year, 0) for counts in self.by_tier.values())

    @property
    def total(self) -> int:
        return sum(self.tier_total(tier) for tier in self.by_tier)


def filing_years() -> tuple[int, int] | None:
    """The first and last year with an accepted filing, None before the first."""
    span = public_filings().aggregate(first=Min("filing_year"), last=Max("filing_year"))
    return (span["first"], span["last"]) if span["first"] is not None else None


def filing_statistics(*, year_from: int, year_to: int) -> FilingStatistics:
    """Accepted filings per authority and year of filing, and per tier and year, for the years given; reused for
    COUNT_TTL seconds (a grouping of every accepted filing: ~60 ms at national scale)."""
    key = f"filing:public_statistics:{year_from}:{year_to}"
    statistics = cache.get(key)
    if statistics is None:
        statistics = _statistics(year_from=year_from, year_to=year_to)
        cache.set(key, statistics, COUNT_TTL)
    return statistics


def _statistics(*, year_from: int, year_to: int) -> FilingStatistics:
    counts = (public_filings().filter(filing_year__gte=year_from, filing_year__lte=year_to)
              .values_list("authority_id", "tier", "filing_year").annotate(n=Count("id")).order_by())
    by_key: dict[tuple[int, str], dict[int, int]] = defaultdict(dict)
    by_tier: dict[str, dict[int, int]] = {tier: {} for tier in FilingTier.values}
    for authority_id, tier, year, n in counts:
        by_key[(authority_id, tier)][year] = n
        by_tier[tier][year] = by_tier[tier].get(year, 0) + n
    authorities = Organisation.objects.in_bulk({authority_id for authority_id, _tier in by_key})
    rows = [AuthorityRow(authority=authorities[authority_id], tier=tier, by_year=years)
            for (authority_id, tier), years in by_key.items()]
    tier_order = {tier: index for index, tier in enumerate(FilingTier.values)}
    rows.sort(key=lambda row: (tier_order[row.tier], -row.total, row.authority.name))
    return FilingStatistics(years=list(range(year_from, year_to + 1)), rows=rows, by_tier=by_tier)
