"""The public list of filed standards, as the filing platforms (hbba/dbba) show it: its filters, order, pages and
count. Only accepted filings are listed, whoever asks (the list is the public's: the policy's view of an anonymous
visitor). A filing's page: public_page.py; statistics: statistics.py."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import models
from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from biaozhun.catalog.records import edition_key
from biaozhun.core import clock
from biaozhun.identifiers import IdentifierError, parse
from biaozhun.rules.cycles import add_months
from biaozhun.rules.filing import parse_filing_number

from ..models import PROVINCE, Filing, FilingState
from . import visible_filings
from .planner import RowOrder

PAGE_SIZE = 20
COUNT_TTL = 120  # seconds a count of the list is reused (bench/bench_filing_list.py: counts take 1–30 ms)
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
        # A number is ASCII (its canonical form), so a word with any other character can only be in the title:
        # one LIKE per filing rather than two, over every filing the other filters leave (150k without them).
        in_title = Q(title_zh__icontains=word)
        condition &= (Q(identifier__icontains=word) | in_title) if word.isascii() else in_title
    return condition


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


def filed_standards(*, query: FilingQuery, today: date | None = None) -> QuerySet[Filing]:
    """The accepted filings matching `query`, in its order, with what a list row shows. The status is the
    filing's copy of its edition's (Filing.standard_status): filtered and counted on the filing's indexes alone,
    where the catalogue's would be joined row by row (123,443 current editions: 60–80 ms a count)."""
    filings = public_filings()
    if query.q:
        filings = filings.filter(keyword_condition(query.q))
    if query.status:
        filings = filings.filter(standard_status=query.status)
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
        count = filed_standards(query=query).count()
        cache.set(key, count, COUNT_TTL)
    return count
