"""Reads of what follows filing: an authority's standards due for periodic review (复审), abolition announcements,
and supersession flags. Pages and the API share them.

The review period is the filing time limit "review_years" (at most five years, 标准化法第二十九条): a standard
falls due that many years after its publication or last confirmation (biaozhun/rules/reviews.py counts the days);
the due date is the last day allowed, so a standard past it is overdue. The list also shows standards coming due
within the next months, so the authority can plan.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import reduce
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, DateField, Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.db.models.lookups import LessThanOrEqual

from biaozhun.accounts import policy
from biaozhun.accounts.codes import normalise_region_code
from biaozhun.accounts.models import Organisation, OrganisationKind
from biaozhun.catalog.models import RelationKind, Standard, StandardRelation, Status
from biaozhun.identifiers import IdentifierError, parse
from biaozhun.rules import reviews as review_rules
from biaozhun.rules.cycles import add_months

from .. import limits
from ..authorities import AUTHORITY_KINDS, authorities_of, industry_codes_of
from ..models import (
    AbolitionNotice,
    Filing,
    FilingState,
    FilingTier,
    FilingTimeLimit,
    FlagState,
    ReviewOutcome,
    StandardReview,
    SupersessionFlag,
)

WITHIN_CHOICES = (3, 6, 12)  # months ahead the due list looks
DEFAULT_WITHIN = 6
EARLIEST_MONTHS = 12  # a standard may be confirmed or sent for revision this long before it falls due
# The lists of the review page: open (no conclusion yet; overdue ones included), overdue, under revision.
REVIEW_TABS = ("open", "overdue", "revising")


def review_years() -> int:
    """The review period in years, from the administrators' table of filing time limits."""
    value, unit = limits.current()["review_years"]
    if unit != FilingTimeLimit.Unit.YEARS:
        raise ImproperlyConfigured(f'the filing time limit "review_years" must be in years, not {unit}')
    return value


# --- Authorities ------------------------------------------------------------------------------------------------
def scope_of(authority: Organisation) -> Q:
    """The catalogue editions whose codes the authority owns (its industry codes, or its region code); kept on the
    instance for the rest of the request."""
    cached = authority.__dict__.get("_review_scope")
    if cached is not None:
        return cached
    parts = []
    codes = industry_codes_of(authority)
    if codes:
        parts.append(Q(tier=FilingTier.INDUSTRY, industry_code__in=sorted(codes)))
    if authority.kind == OrganisationKind.BUREAU and authority.region_code:
        parts.append(Q(tier=FilingTier.LOCAL, region_code=normalise_region_code(authority.region_code)))
    scope = reduce(operator.or_, parts) if parts else Q(pk__in=[])  # pk__in=[]: owns nothing
    authority.__dict__["_review_scope"] = scope
    return scope


def review_authorities(*, viewer: Any) -> list[Organisation]:
    """The authorities whose review lists the viewer may open: the ones they act for; every authority for the
    national administration's reviewers and administrators."""
    own = authorities_of(viewer)
    if policy.can(viewer, "filing.review"):
        others = Organisation.objects.filter(kind__in=AUTHORITY_KINDS).exclude(pk__in=[o.pk for o in own])
        return [*own, *others.order_by("kind", "region_code", "industry_code", "name")]
    return own


def authority_for_viewer(*, viewer: Any, pk: int | str | None) -> Organisation | None:
    """The authority `pk` (or the viewer's first one) if the viewer may see its review list."""
    choices = review_authorities(viewer=viewer)
    if pk in (None, ""):
        return choices[0] if choices else None
    return next((o for o in choices if str(o.pk) == str(pk)), None)


# --- Periodic review ----------------------------------------------------------------------------------------
def _in_force(authority: Organisation) -> QuerySet[Standard]:
    """The authority's editions in force with their review base date."""
    return (Standard.objects.filter(scope_of(authority), status=Status.CURRENT, abolished_on__isnull=True)
            .annotate(review_base=Coalesce("confirmed_on", "published_on"))
            .filter(review_base__isnull=False))


def _since_base() -> QuerySet[StandardReview]:
    """The conclusions given on an edition since its review base date (a subquery of _in_force's rows)."""
    return StandardReview.objects.filter(standard=OuterRef("pk"),
                                         concluded_on__gte=Coalesce(OuterRef("confirmed_on"), OuterRef("published_on")))


def _tab_filter(tab: str, today: date, within_months: int, years: int) -> Q:
    """The list's condition, written with the subqueries themselves (not aliases of them), so that it also serves
    as an aggregate's filter, which PostgreSQL evaluates outside the annotated query."""
    if tab == "revising":
        return Q(Exists(_since_base().filter(outcome=ReviewOutcome.REVISE)))
    horizon = add_months(today, within_months) if tab == "open" else today - timedelta(days=1)
    cutoff = review_rules.due_cutoff(horizon, years=years)
    base = Coalesce("confirmed_on", "published_on")
    return Q(~Exists(_since_base()), LessThanOrEqual(base, Value(cutoff, output_field=DateField())))


def due_for_review(*, authority: Organisation, today: date, within_months: int = DEFAULT_WITHIN,
                   tab: str = "open", years: int | None = None) -> QuerySet[Standard]:
    """The authority's in-force standards due for review by `within_months` from today, oldest first: `open` those
    without a conclusion in this period (overdue ones included), `overdue` those of them past their due date,
    `revising` those concluded "revise" whose revision is not filed yet. `years`: the review period, if read."""
    years = years or review_years()
    return (_in_force(authority).filter(_tab_filter(tab, today, within_months, years))
            .order_by("review_base", "sort_key", "pk"))


def review_counts(*, authority: Organisation, today: date, within_months: int,
                  years: int | None = None) -> dict[str, int]:
    """How many standards each list holds, in one pass over the authority's standards."""
    years = years or review_years()
    return _in_force(authority).aggregate(**{
        tab: Count("pk", filter=_tab_filter(tab, today, within_months, years)) for tab in REVIEW_TABS})


def standards_of(*, authority: Organisation, ids: list[int]) -> list[Standard]:
    """These catalogue editions, among those whose codes the authority owns (others are left out)."""
    return list(Standard.objects.filter(scope_of(authority), pk__in=ids).order_by("sort_key"))


@dataclass
class ReviewRow:
    standard: Standard
    due_on: date
    state: str  # upcoming, due (today), overdue
    days: int  # until the due date (upcoming) or past it (overdue)
    revision: StandardReview | None = None  # the open "revise" conclusion, on the revising list
    replacing: Filing | None = None  # an accepted filing that replaces the standard (closes the revision)
    flags: list[SupersessionFlag] = field(default_factory=list)  # national standards on its subject
    converted_to: list[str] = field(default_factory=list)  # numbers it was converted into (转化为)


def review_state(due_on: date, today: date) -> tuple[str, int]:
    if due_on < today:
        return "overdue", (today - due_on).days
    if due_on == today:
        return "due", 0
    return "upcoming", (due_on - today).days


def review_rows(standards: list[Standard], *, today: date, years: int | None = None) -> list[ReviewRow]:
    """The page's rows with their due dates and states, open revisions, replacing filings, flags and conversions
    (four queries)."""
    years = years or review_years()
    ids = [s.pk for s in standards]
    revisions: dict[int, StandardReview] = {}
    for review in StandardReview.objects.filter(standard_id__in=ids, outcome=ReviewOutcome.REVISE).order_by("at"):
        revisions[review.standard_id] = review
    numbers = {n: s.pk for s in standards for n in {s.identifier, s.edition}}
    replacing = {numbers[f.replaces]: f for f in Filing.objects.filter(state=FilingState.ACCEPTED,
                                                                      replaces__in=list(numbers))}
    flags: dict[int, list[SupersessionFlag]] = {}
    for flag in (SupersessionFlag.objects.filter(standard_id__in=ids, state__in=[FlagState.OPEN, FlagState.CONFIRMED])
                 .select_related("national").order_by("-score")):
        flags.setdefault(flag.standard_id, []).append(flag)
    converted: dict[int, list[str]] = {}
    for source_id, target in (StandardRelation.objects.filter(source_id__in=ids, kind=RelationKind.CONVERTED_TO)
                              .order_by("target_identifier").values_list("source_id", "target_identifier")):
        converted.setdefault(source_id, []).append(target)
    rows = []
    for standard in standards:
        due_on = review_rules.review_due_on(standard.published_on, standard.confirmed_on, years=years)
        state, days = review_state(due_on, today)
        rows.append(ReviewRow(standard, due_on, state, days, revisions.get(standard.pk), replacing.get(standard.pk),
                              flags.get(standard.pk, []), converted.get(standard.pk, [])))
    return rows


def conclusions_of(*, authority: Organisation, limit: int = 20) -> QuerySet[StandardReview]:
    """The authority's latest conclusions, newest first."""
    return (StandardReview.objects.filter(authority=authority).select_related("standard", "notice", "actor")
            .order_by("-at", "-id")[:limit])


def standards_by_numbers(numbers: list[str]) -> tuple[list[Standard], list[str]]:
    """The catalogue editions of these numbers as people write them (any accepted spelling), in order, and the
    numbers not found (or not standard numbers at all)."""
    canonical: dict[str, str] = {}
    for number in dict.fromkeys(n for n in numbers if n):
        try:
            canonical[number] = parse(number).canonical
        except IdentifierError:
            canonical[number] = ""
    wanted = [c for c in canonical.values() if c]
    found = {s.identifier: s for s in Standard.objects.filter(Q(identifier__in=wanted) | Q(edition__in=wanted))}
    found.update({s.edition: s for s in list(found.values())})
    standards = unique([found[c] for c in canonical.values() if c in found])
    return standards, [n for n, c in canonical.items() if c not in found]


def unique(standards) -> list[Standard]:
    """The editions in their order, each once (by id)."""
    seen: set[int] = set()
    return [s for s in standards if not (s.pk in seen or seen.add(s.pk))]


# --- Abolition announcements (public) ------------------------------------------------------------------------------
def announcements(*, authority_pk: int | None = None) -> QuerySet[AbolitionNotice]:
    notices = AbolitionNotice.objects.select_related("authority")
    if authority_pk:
        notices = notices.filter(authority_id=authority_pk)
    return notices.order_by("-notice_date", "-id")


def announcement_authorities() -> QuerySet[Organisation]:
    """The authorities that have published an announcement (the public page's filter)."""
    return Organisation.objects.filter(abolition_notices__isnull=False).distinct().order_by("kind", "name")


def announcement(*, pk: int) -> AbolitionNotice | None:
    return AbolitionNotice.objects.select_related("authority").filter(pk=pk).first()


def announced_standards(notice: AbolitionNotice) -> list[StandardReview]:
    return list(notice.reviews.select_related("standard").order_by("standard__sort_key"))


def announcement_counts(notices: list[AbolitionNotice]) -> dict[int, int]:
    return dict(StandardReview.objects.filter(notice__in=notices).order_by().values_list("notice_id")
                .annotate(n=Count("id")))


# --- Supersession flags -----------------------------------------------------------------------------------------
def visible_flags(*, viewer: Any) -> QuerySet[SupersessionFlag]:
    return policy.visible("filing.flags", viewer)


def flags_for(*, viewer: Any, state: str = FlagState.OPEN, authority: Organisation | None = None
              ) -> QuerySet[SupersessionFlag]:
    flags = visible_flags(viewer=viewer).filter(state=state)
    if authority is not None:
        flags = flags.filter(authority=authority)
    return flags.select_related("standard", "national", "authority", "decided_by").order_by("-created_at", "-id")


def flag_counts(*, viewer: Any) -> dict[str, int]:
    counts = dict.fromkeys(FlagState.values, 0)
    counts.update(visible_flags(viewer=viewer).order_by().values_list("state").annotate(n=Count("id")))
    return counts


def flag_for_viewer(*, viewer: Any, pk: int) -> SupersessionFlag | None:
    return visible_flags(viewer=viewer).select_related("standard", "national", "authority").filter(pk=pk).first()
