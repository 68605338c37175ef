"""Reads of the filing work pages and the write API: an authority's filings by state, the reviewers' and the
provinces' queues, the overdue list, and one filing's history. Each list is a bounded number of queries."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet

from biaozhun.accounts.codes import normalise_region_code
from biaozhun.accounts.models import Organisation, OrganisationKind
from biaozhun.rules.filing import OPEN

from ..authorities import authorities_of
from ..models import Filing, FilingEvent, FilingEventKind, FilingState, FilingTier
from . import visible_filings

# The dashboard's sections, in page order: returned ones first (they wait for the authority), then those waiting
# for others, then the closed ones; each with the order its rows are listed in.
DASHBOARD_STATES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (FilingState.RETURNED, ("-updated_at", "-id")),
    (FilingState.AWAITING_PROVINCE, ("review_due", "id")),
    (FilingState.SUBMITTED, ("review_due", "id")),
    (FilingState.ACCEPTED, ("-filed_on", "-id")),
    (FilingState.WITHDRAWN, ("-updated_at", "-id")),
)
ORDER = dict(DASHBOARD_STATES)
RETURN_KINDS = (FilingEventKind.RETURNED, FilingEventKind.PROVINCE_RETURNED)
# Columns the lists show (the record, the checks' evidence and the text's words stay in the database).
LIST_FIELDS = ("id", "authority__id", "authority__name", "identifier", "title_zh", "tier", "state", "industry_code",
               "region_code", "published_on", "submitted_at", "filing_deadline", "days_late", "review_due",
               "filing_number", "filed_on", "updated_at")


def authority_filings(*, authorities: list[Organisation]) -> QuerySet[Filing]:
    return Filing.objects.filter(authority__in=[a.pk for a in authorities])


def state_counts(*, authorities: list[Organisation]) -> dict[str, int]:
    """How many of the authorities' filings are in each state (every state present, 0 if none): one query."""
    counts = dict.fromkeys(FilingState.values, 0)
    rows = authority_filings(authorities=authorities).order_by().values("state").annotate(n=Count("id"))
    counts.update({row["state"]: row["n"] for row in rows})
    return counts


def filings_in_state(*, authorities: list[Organisation], state: str) -> QuerySet[Filing]:
    """The authorities' filings in one state, in the dashboard's order for it."""
    return (authority_filings(authorities=authorities).filter(state=state).select_related("authority")
            .only(*LIST_FIELDS).order_by(*ORDER[state]))


def return_reasons(*, filings: list[Filing]) -> dict[int, FilingEvent]:
    """The latest return (by the reviewer or the province) of each filing, with its reasons: one query."""
    events = (FilingEvent.objects.filter(filing__in=[f.pk for f in filings], kind__in=RETURN_KINDS)
              .select_related("actor").order_by("filing_id", "-at", "-id"))
    latest: dict[int, FilingEvent] = {}
    for event in events:
        latest.setdefault(event.filing_id, event)
    return latest


def province_codes(*, viewer: Any) -> list[str]:
    """The provinces whose bureau the viewer acts for (they approve their cities' filings)."""
    return sorted({normalise_region_code(o.region_code) for o in authorities_of(viewer)
                   if o.kind == OrganisationKind.BUREAU and len(normalise_region_code(o.region_code)) == 2})


def awaiting_province(*, provinces: list[str]) -> QuerySet[Filing]:
    """Cities' local standards waiting for the approval of one of these provinces, the earliest due first."""
    if not provinces:
        return Filing.objects.none()
    within = Q()
    for code in provinces:
        within |= Q(region_code__startswith=code)
    return (Filing.objects.filter(within, state=FilingState.AWAITING_PROVINCE, tier=FilingTier.LOCAL)
            .select_related("authority").only(*LIST_FIELDS).order_by("review_due", "id"))


def review_queue(*, tier: str = "", authority_id: int | None = None) -> QuerySet[Filing]:
    """Filings waiting for the national review, the earliest review due first; with their checks (for the count
    of flags)."""
    filings = Filing.objects.filter(state=FilingState.SUBMITTED)
    if tier:
        filings = filings.filter(tier=tier)
    if authority_id:
        filings = filings.filter(authority_id=authority_id)
    return filings.select_related("authority").only(*LIST_FIELDS, "checks").order_by("review_due", "id")


def review_queue_authorities() -> list[Organisation]:
    """The authorities that have filings waiting for review (the queue's filter)."""
    ids = (Filing.objects.filter(state=FilingState.SUBMITTED).order_by().values("authority_id").distinct())
    return list(Organisation.objects.filter(pk__in=ids).only("id", "name").order_by("name"))


def overdue(*, viewer: Any, today: date) -> QuerySet[Filing]:
    """Filings the viewer may see whose review (national, or a province's approval) is past its time limit."""
    return (visible_filings(viewer=viewer).filter(state__in=[str(s) for s in OPEN], review_due__lt=today)
            .select_related("authority").only(*LIST_FIELDS).order_by("review_due", "id"))


def history(*, filing: Filing) -> QuerySet[FilingEvent]:
    return filing.events.select_related("actor").order_by("at", "id")


def filing_for_work(*, viewer: Any, pk: int) -> Filing | None:
    """The filing with what its work page shows, if the viewer may see it (None otherwise: existence stays secret)."""
    return (visible_filings(viewer=viewer).select_related("authority", "standard", "submitted_by").filter(pk=pk)
            .first())
