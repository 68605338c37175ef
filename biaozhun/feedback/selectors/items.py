"""Items as their readers see them: one item for its viewer, a person's own items, a handler's queue (overdue
first), the national overview, and the feedback on one standard (for its periodic review, and for whoever builds
on it: committee assessment, change propagation)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from biaozhun.accounts import policy
from biaozhun.accounts.models import Organisation
from biaozhun.rules.feedback import AWAITING_ACKNOWLEDGEMENT, ENDED, OPEN
from biaozhun.rules.feedback_routing import Target

from ..handlers import organisations_of
from ..models import Feedback, FeedbackEvent, FeedbackEventKind, FeedbackState

LIST_FIELDS = ("standard__identifier", "standard__title_zh", "standard__title_en", "assigned_to__name",
               "escalated_to__name")


def _listed(items: QuerySet[Feedback]) -> QuerySet[Feedback]:
    return items.select_related("standard", "assigned_to", "escalated_to").only(
        "tracking_number", "category", "clause", "state", "pseudonym", "received_at", "acknowledge_due", "answer_due",
        "escalation_level", "answered_at", "answered_late", "standard_id", "assigned_to_id", "escalated_to_id",
        "author_id", "version", *LIST_FIELDS)


def page_of(items: QuerySet[Feedback], number: Any, per_page: int = 50):
    """One page of an ordered list of items: the page's ids first (ordered and counted on an index, without the
    joins), then those rows with their standard and handlers. Sorting thousands of joined rows for fifty was what
    made a busy queue slow (bench/bench_feedback.py)."""
    from django.core.paginator import Paginator

    page = Paginator(items.values_list("pk", flat=True), per_page).get_page(number)
    ids = list(page.object_list)
    rows = _listed(Feedback.objects.filter(pk__in=ids)).in_bulk()
    page.object_list = [rows[pk] for pk in ids]
    return page


def by_number(number: str) -> Feedback | None:
    return (Feedback.objects.select_related("standard", "assigned_to", "escalated_to", "answered_by", "duplicate_of",
                                            "author")
            .filter(tracking_number=number).first())


def item_for_viewer(*, viewer: Any, number: str, granted: bool = False) -> Feedback | None:
    """The item if the viewer may see it (or the browser holds a code's grant for it); None otherwise (absent and
    hidden alike)."""
    item = by_number(number)
    if item is None:
        return None
    if granted or policy.can(viewer, "feedback.view", item):
        return item
    return None


def mine(*, user: Any) -> QuerySet[Feedback]:
    return Feedback.objects.filter(author=user).order_by("-received_at", "-pk")


def overdue_flag(today: date) -> Case:
    """1 for an item past a deadline it still waits for, else 0 (the queue lists those first)."""
    return Case(
        When(Q(state__in=AWAITING_ACKNOWLEDGEMENT, acknowledge_due__lt=today)
             | Q(state__in=OPEN, answer_due__lt=today), then=Value(1)),
        default=Value(0), output_field=IntegerField())


TABS = ("open", "overdue", "escalated", "answered", "ended")


@dataclass
class Queue:
    organisations: list[Organisation]
    organisation: Organisation | None
    tab: str
    items: QuerySet[Feedback]
    counts: dict[str, int]


def queue(*, viewer: Any, organisation_id: int | None, tab: str, today: date) -> Queue:
    """The items of one of the organisations the viewer acts for (the first by default), by tab: open ones overdue
    first then by answer deadline; overdue; escalated to it; answered; ended."""
    organisations = organisations_of(viewer)
    organisation = next((o for o in organisations if o.pk == organisation_id), organisations[0] if organisations else None)
    tab = tab if tab in TABS else "open"
    if organisation is None:
        return Queue(organisations, None, tab, Feedback.objects.none(), dict.fromkeys(TABS, 0))
    assigned = Feedback.objects.filter(assigned_to=organisation)
    late = Q(state__in=AWAITING_ACKNOWLEDGEMENT, acknowledge_due__lt=today) | Q(state__in=OPEN, answer_due__lt=today)
    counts = assigned.aggregate(
        open=Count("pk", filter=Q(state__in=OPEN)), overdue=Count("pk", filter=late),
        answered=Count("pk", filter=Q(state=FeedbackState.ANSWERED)), ended=Count("pk", filter=Q(state__in=ENDED)))
    counts["escalated"] = Feedback.objects.filter(escalated_to=organisation, state__in=OPEN).count()
    if tab == "open":
        items = assigned.filter(state__in=OPEN).annotate(late=overdue_flag(today)).order_by("-late", "answer_due", "pk")
    elif tab == "overdue":
        items = assigned.filter(late).order_by("answer_due", "pk")
    elif tab == "escalated":
        items = Feedback.objects.filter(escalated_to=organisation, state__in=OPEN).annotate(
            late=overdue_flag(today)).order_by("-late", "answer_due", "pk")
    elif tab == "answered":
        items = assigned.filter(state=FeedbackState.ANSWERED).order_by("-answered_at", "-pk")
    else:
        items = assigned.filter(state__in=ENDED).order_by("-updated_at", "-pk")
    return Queue(organisations, organisation, tab, items, counts)


def waiting_for_routing() -> QuerySet[Feedback]:
    """Items the routing table found nobody for (the national administration routes them by hand)."""
    return _listed(Feedback.objects.filter(state=FeedbackState.RECEIVED)).order_by("received_at", "pk")


def overdue_everywhere(*, today: date) -> QuerySet[Feedback]:
    """Open items past their answer deadline, the longest overdue first (the national overview)."""
    return Feedback.objects.filter(state__in=OPEN, answer_due__lt=today).order_by("answer_due", "pk")


def state_counts(*, today: date) -> dict[str, int]:
    """Items per state, kept with the statistics for their CACHE_SECONDS (a count of every item)."""
    from django.core.cache import cache

    from .statistics import CACHE_SECONDS

    key = f"feedback:statistics:states:{today.isoformat()}"
    counts = cache.get(key)
    if counts is None:
        counts = dict(Feedback.objects.order_by().values_list("state").annotate(n=Count("pk")))
        cache.set(key, counts, CACHE_SECONDS)
    return {state: counts.get(state, 0) for state in FeedbackState.values}


def history(item: Feedback) -> list[FeedbackEvent]:
    return list(item.events.select_related("organisation").order_by("at", "pk"))


# Events the person who wrote sees on their item's page (the handlers' work, not their reminders).
AUTHOR_VISIBLE = (FeedbackEventKind.RECEIVED, FeedbackEventKind.ROUTED, FeedbackEventKind.REASSIGNED,
                  FeedbackEventKind.ACKNOWLEDGED, FeedbackEventKind.ANSWERED, FeedbackEventKind.CLOSED,
                  FeedbackEventKind.MERGED, FeedbackEventKind.REJECTED, FeedbackEventKind.INTERPRETATION_PUBLISHED)


def author_history(item: Feedback) -> list[FeedbackEvent]:
    return [event for event in history(item) if event.kind in AUTHOR_VISIBLE]


def handler_choices() -> QuerySet[Organisation]:
    """Organisations an item may be reassigned to."""
    from ..handlers import HANDLER_KINDS

    return Organisation.objects.filter(kind__in=HANDLER_KINDS).order_by("kind", "name", "pk").only("pk", "name", "kind")


def routed_by_table(item: Feedback) -> str:
    """How the item reached its handler: the routing target's name of its last routing, or ""."""
    event = item.events.filter(kind=FeedbackEventKind.ROUTED).order_by("-at", "-pk").first()
    target = (event.data or {}).get("target") if event else None
    return str(dict((t.value, t) for t in Target).get(target, "")) if target else ""


# --- Hooks for other apps ------------------------------------------------------------------------------------------
def feedback_on_standard(*, standard: Any, viewer: Any = None) -> QuerySet[Feedback]:
    """Every item on one edition, newest first: the selector other work reuses (periodic review, committee
    assessment, change propagation). With a viewer, only what they may see of it through their queue."""
    items = Feedback.objects.filter(standard=standard)
    if viewer is not None:
        items = items & policy.visible("feedback.queue", viewer)
    return items.order_by("-received_at", "-pk")


def counts_for_standards(*, standard_ids: list[int]) -> dict[int, dict[str, int]]:
    """{standard id: {"total", "open", "interpretations"}} for a page of standards, in one query (standards without
    feedback or interpretations are left out)."""
    from django.db.models import IntegerField, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    from biaozhun.catalog.models import Standard

    from ..models import Interpretation

    def count(rows: QuerySet) -> Coalesce:
        counted = rows.order_by().values("standard_id").annotate(n=Count("pk")).values("n")
        return Coalesce(Subquery(counted, output_field=IntegerField()), 0)

    mine = Feedback.objects.filter(standard_id=OuterRef("pk"))
    rows = Standard.all_objects.filter(pk__in=standard_ids).annotate(
        feedback_total=count(mine), feedback_open=count(mine.filter(state__in=OPEN)),
        interpretation_count=count(Interpretation.objects.filter(standard_id=OuterRef("pk"), withdrawn_at__isnull=True)),
    ).values_list("pk", "feedback_total", "feedback_open", "interpretation_count")
    return {pk: {"total": total, "open": open_, "interpretations": interpretations}
            for pk, total, open_, interpretations in rows if total or interpretations}
