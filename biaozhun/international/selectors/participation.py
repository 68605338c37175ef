"""Reads of China's participation in ISO/IEC that the pages and the API share. Ballots are read through the
policy's filter (participation.ballots): the administration's every ballot, a secretariat's own committees'."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.rules.participation import TermState, days_left, term_state

from ..models import (
    InternationalBallot,
    InternationalCommittee,
    MirrorLink,
    ParticipationEvent,
    ParticipationEventKind,
    Post,
    WorkItem,
)

PAGE_SIZE = 50
BALLOT_FILTERS = ("open", "voted", "missed", "all")
POST_FILTERS = ("current", "expiring", "all")


def _mirrors() -> Prefetch:
    return Prefetch("mirror_links", queryset=MirrorLink.objects.select_related("committee").order_by("committee__code"))


@dataclass
class RegisterQuery:
    q: str = ""
    organisation: str = ""  # ISO, IEC, ISO/IEC
    membership: str = ""  # P, O, "-" (none)


def register(query: RegisterQuery) -> QuerySet[InternationalCommittee]:
    """The register of ISO/IEC committees, each with the Chinese committees that mirror it."""
    rows = InternationalCommittee.objects.all()
    if query.organisation in ("ISO", "IEC", "ISO/IEC"):
        rows = rows.filter(organisation=query.organisation)
    if query.membership in ("P", "O"):
        rows = rows.filter(china_membership=query.membership)
    elif query.membership == "-":
        rows = rows.filter(china_membership="")
    text = " ".join(query.q.split())
    if text:
        rows = rows.filter(Q(code__icontains=text) | Q(title__icontains=text) | Q(title_zh__contains=text)
                           | Q(mirror_links__committee__code__icontains=text)
                           | Q(mirror_links__committee__name_zh__contains=text)).distinct()
    return rows.prefetch_related(_mirrors()).order_by("organisation", "code")


def membership_counts() -> dict[str, int]:
    counts = {"P": 0, "O": 0, "": 0}
    for membership in InternationalCommittee.objects.values_list("china_membership", flat=True):
        counts[membership] = counts.get(membership, 0) + 1
    return counts


def committee(pk: int) -> InternationalCommittee | None:
    return (InternationalCommittee.objects.filter(pk=pk).select_related("parent")
            .prefetch_related(_mirrors(), "subcommittees").first())


def committee_by_code(code: str) -> InternationalCommittee | None:
    return InternationalCommittee.objects.filter(code=code).first()


# --- Posts ---------------------------------------------------------------------------------------------------
@dataclass
class PostRow:
    post: Post
    state: TermState
    days_left: int | None


def expiring_window() -> int:
    return settings.BIAOZHUN_PARTICIPATION_EXPIRING_DAYS


def post_rows(*, show: str = "current", international: InternationalCommittee | None = None,
              today: date | None = None) -> list[PostRow]:
    """Posts with where their term stands: current (expiring ones among them), expiring soon only, or all."""
    today = today or clock.today()
    posts = Post.objects.select_related("international").order_by("international__code", "body", "kind", "start")
    if international is not None:
        posts = posts.filter(international=international)
    if show != "all":
        posts = posts.filter(Q(end__isnull=True) | Q(end__gte=today), start__lte=today)
    window = expiring_window()
    rows = [PostRow(post, term_state(post.start, post.end, today, window),
                    days_left(post.end, today) if post.end else None) for post in posts]
    if show == "expiring":
        rows = [row for row in rows if row.state == TermState.EXPIRING]
    return rows


# --- Work items ----------------------------------------------------------------------------------------------
def work_items(*, q: str = "", stage: str = "", international: InternationalCommittee | None = None
               ) -> QuerySet[WorkItem]:
    rows = WorkItem.objects.select_related("international", "committee")
    if international is not None:
        rows = rows.filter(international=international)
    if stage[:2].isdigit():
        rows = rows.filter(stage__startswith=stage[:2] + ".")
    text = " ".join(q.split())
    if text:
        rows = rows.filter(Q(reference__icontains=text) | Q(title__icontains=text) | Q(title_zh__contains=text)
                           | Q(leader__contains=text) | Q(leader_organisation__contains=text))
    return rows.order_by("-proposed_on", "reference")


def work_item(pk: int) -> WorkItem | None:
    return WorkItem.objects.select_related("international", "committee").filter(pk=pk).first()


def stage_history(item: WorkItem) -> list[ParticipationEvent]:
    return list(item.events.filter(kind__in=(ParticipationEventKind.WORK_ITEM_RECORDED,
                                             ParticipationEventKind.STAGE_MOVED)).order_by("at", "id"))


# --- Ballots -------------------------------------------------------------------------------------------------
def visible_ballots(viewer: Any) -> QuerySet[InternationalBallot]:
    return policy.visible("participation.ballots", viewer)


def ballots(*, viewer: Any, show: str = "open", q: str = "", today: date | None = None
            ) -> QuerySet[InternationalBallot]:
    """The ballots the viewer may see: open (deadline not passed; closing soonest first), voted, missed or all."""
    today = today or clock.today()
    rows = visible_ballots(viewer).select_related("international", "committee", "recorded_by")
    if show == "open":
        rows = rows.filter(closes_on__gte=today).order_by("closes_on", "id")
    elif show == "voted":
        rows = rows.exclude(vote="").order_by("-closes_on", "-id")
    elif show == "missed":
        rows = rows.filter(vote="", closes_on__lt=today).order_by("-closes_on", "-id")
    else:
        rows = rows.order_by("-closes_on", "-id")
    text = " ".join(q.split())
    if text:
        rows = rows.filter(Q(reference__icontains=text) | Q(title__icontains=text)
                           | Q(international__code__icontains=text) | Q(committee__code__icontains=text))
    return rows


def ballot_for_viewer(*, viewer: Any, pk: int) -> InternationalBallot | None:
    """A ballot the viewer may see; None for one that does not exist or is not theirs (the same answer)."""
    return (visible_ballots(viewer).select_related("international", "committee", "recorded_by")
            .filter(pk=pk).first())


def ballot_history(ballot: InternationalBallot) -> list[ParticipationEvent]:
    return list(ballot.events.select_related("actor").order_by("at", "id"))


def open_ballot_count(*, viewer: Any, today: date | None = None) -> int:
    today = today or clock.today()
    return visible_ballots(viewer).filter(closes_on__gte=today, vote="").count()
