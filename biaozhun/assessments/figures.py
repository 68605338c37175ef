"""What the platform knows about committees' years, counted for the assessment: one ratio per indicator
(rules/assessment.py says what each means). A read: every figure comes from the records of the other apps as they
are, for many committees at once (one grouped query per indicator, whatever their number), so the yearly run
over all 1,338 committees costs the same few queries as one committee's page.

The year runs from 1 January to ``as_of`` (31 December, or today while the year is under way). Counts are of
the committee itself: a subcommittee is assessed on its own. Where a past state is not recorded the present one is
read (the standards in force, the ISO/IEC records current): decision 0032 lists these approximations."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, F, Max, Min, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from biaozhun.catalog.models import RelationKind, Standard, Status, Tier
from biaozhun.committees.models import Committee, Member
from biaozhun.committees.services import MIN_SEATS_FOR_BALANCE
from biaozhun.development.models import Comment, PeriodicReview, Project, ProjectEvent, ReviewConclusion, Vote
from biaozhun.development.selectors import review_limits
from biaozhun.feedback.models import Feedback, FeedbackState
from biaozhun.international.models import MirrorLink
from biaozhun.rules import assessment as rules
from biaozhun.rules import reviews as review_rules
from biaozhun.rules.assessment import Delivery, Indicator, Ratio
from biaozhun.rules.committees import parse_international_committees
from biaozhun.rules.feedback import OPEN
from biaozhun.rules.stages import Stage
from biaozhun.rules.text_access import ADOPTION_DEGREES


@dataclass
class Counted:
    """One committee's ratios, with the facts behind them (shown on the assessment page and in the report)."""

    ratios: dict[str, Ratio] = field(default_factory=dict)
    facts: dict[str, dict[str, Any]] = field(default_factory=dict)

    def set(self, indicator: Indicator, ratio: Ratio, **facts: Any) -> None:
        self.ratios[indicator.value] = ratio
        self.facts[indicator.value] = facts


def period_end(year: int, today: date) -> date:
    """The last day counted: 31 December, or today while the year is under way."""
    return min(date(year, 12, 31), today)


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def count(committees: Sequence[Committee], *, year: int, as_of: date) -> dict[int, Counted]:
    """Every indicator of every committee given, for the year up to ``as_of``."""
    start, end = date(year, 1, 1), as_of
    window = (_moment(start), _moment(end + timedelta(days=1)))
    ids = [c.pk for c in committees]
    found = {c.pk: Counted() for c in committees}
    _projects(found, ids, start, end)
    _reviews(found, committees, start, end)
    _feedback(found, ids, window, end)
    _comments(found, ids, window)
    _votes(found, ids, window)
    _balance(found, ids, end)
    _international(found, committees)
    return found


def _projects(found: dict[int, Counted], ids: list[int], start: date, end: date) -> None:
    firsts = (ProjectEvent.objects.filter(project__committee__in=ids, kind=ProjectEvent.Kind.MOVED,
                                          to_stage__in=(Stage.APPROVAL, Stage.TERMINATED))
              .order_by().values("project_id", "to_stage").annotate(first=Min("at")))
    delivered, ended = {}, {}
    for row in firsts:
        day = timezone.localdate(row["first"])
        (delivered if row["to_stage"] == Stage.APPROVAL else ended)[row["project_id"]] = day
    tallies: dict[int, dict[str, int]] = defaultdict(lambda: {"on_time": 0, "late": 0, "open_overdue": 0})
    for pk, committee_id, deadline in (Project.objects.filter(committee__in=ids, deadline__isnull=False)
                                       .order_by().values_list("pk", "committee_id", "deadline")):
        outcome = rules.project_delivery(deadline=deadline, delivered_on=delivered.get(pk), ended_on=ended.get(pk),
                                         start=start, end=end)
        if outcome is None:
            continue
        tally = tallies[committee_id]
        if outcome is Delivery.ON_TIME:
            tally["on_time"] += 1
        else:
            tally["late"] += 1
            if not (delivered.get(pk) and delivered[pk] <= end):
                tally["open_overdue"] += 1
    for committee_id, counted in found.items():
        tally = tallies.get(committee_id, {"on_time": 0, "late": 0, "open_overdue": 0})
        counted.set(Indicator.PROJECTS_ON_TIME, Ratio(tally["on_time"], tally["on_time"] + tally["late"]),
                    delivered_late=tally["late"] - tally["open_overdue"], overdue_undelivered=tally["open_overdue"])


def _reviews(found: dict[int, Counted], committees: Sequence[Committee], start: date, end: date) -> None:
    years, grace = review_limits()
    ids = [c.pk for c in committees]
    concluded = list(PeriodicReview.objects.filter(committee__in=ids, concluded_on__gte=start, concluded_on__lte=end)
                     .order_by().values_list("committee_id", "standard_id", "concluded_on", "standard__published_on"))
    confirmations: dict[int, list[date]] = defaultdict(list)
    for standard_id, day in (PeriodicReview.objects.filter(standard__in={row[1] for row in concluded},
                                                           conclusion=ReviewConclusion.CONFIRM, concluded_on__lte=end)
                             .order_by().values_list("standard_id", "concluded_on")):
        confirmations[standard_id].append(day)
    on_time: dict[int, int] = defaultdict(int)
    late: dict[int, int] = defaultdict(int)
    for committee_id, standard_id, concluded_on, published_on in concluded:
        base = rules.review_base(published_on, confirmations[standard_id], concluded_on)
        if base is None or rules.review_on_time(base=base, concluded_on=concluded_on, years=years, grace_months=grace):
            on_time[committee_id] += 1
        else:
            late[committee_id] += 1
    # In-force standards overdue at the end with no conclusion since they fell due (a revision or an amendment
    # leaves the standard in force with its old base; a confirmation moves the base on).
    by_code = {c.code: c.pk for c in committees}
    cutoff = review_rules.overdue_cutoff(end, years=years, grace_months=grace)
    overdue = list(Standard.objects.filter(tc_code__in=list(by_code), status=Status.CURRENT)
                   .annotate(base=Coalesce("confirmed_on", "published_on")).filter(base__lte=cutoff)
                   .order_by().values_list("pk", "tc_code", "base"))
    latest = dict(PeriodicReview.objects.filter(committee__in=ids).order_by().values("standard_id")
                  .annotate(last=Max("concluded_on")).values_list("standard_id", "last"))
    still: dict[int, int] = defaultdict(int)
    for pk, code, base in overdue:
        due_on = review_rules.review_due_on(base, None, years=years)
        if latest.get(pk) is None or latest[pk] < due_on:
            still[by_code[code]] += 1
    for committee_id, counted in found.items():
        done, missed = on_time[committee_id], late[committee_id] + still[committee_id]
        counted.set(Indicator.REVIEWS_ON_TIME, Ratio(done, done + missed), concluded_late=late[committee_id],
                    overdue_unreviewed=still[committee_id])


def _feedback(found: dict[int, Counted], ids: list[int], window: tuple[datetime, datetime], end: date) -> None:
    rows = (Feedback.objects.filter(committee__in=ids, received_at__gte=window[0], received_at__lt=window[1])
            .exclude(state__in=(FeedbackState.MERGED, FeedbackState.REJECTED)).order_by().values("committee")
            .annotate(answered=Count("answer_working_days"), late=Count("pk", filter=Q(answered_late=True,
                                                                                       answer_working_days__isnull=False)),
                      open_overdue=Count("pk", filter=Q(state__in=OPEN, answer_due__lt=end))))
    tallies = {row["committee"]: row for row in rows}
    for committee_id, counted in found.items():
        row = tallies.get(committee_id, {"answered": 0, "late": 0, "open_overdue": 0})
        in_time = row["answered"] - row["late"]
        counted.set(Indicator.FEEDBACK_IN_TIME, Ratio(in_time, row["answered"] + row["open_overdue"]),
                    answered=row["answered"], answered_late=row["late"], open_overdue=row["open_overdue"])


def _comments(found: dict[int, Counted], ids: list[int], window: tuple[datetime, datetime]) -> None:
    rows = (Comment.objects.filter(project__committee__in=ids, submitted_at__gte=window[0],
                                   submitted_at__lt=window[1])
            .order_by().values(committee=F("project__committee"))
            .annotate(received=Count("pk"), disposed=Count("pk", filter=~Q(disposition=""))))
    tallies = {row["committee"]: row for row in rows}
    for committee_id, counted in found.items():
        row = tallies.get(committee_id, {"received": 0, "disposed": 0})
        counted.set(Indicator.COMMENTS_DISPOSED, Ratio(row["disposed"], row["received"]))


def _votes(found: dict[int, Counted], ids: list[int], window: tuple[datetime, datetime]) -> None:
    rows = (Vote.objects.filter(ballot__project__committee__in=ids, ballot__closed_at__gte=window[0],
                                ballot__closed_at__lt=window[1])
            .order_by().values(committee=F("ballot__project__committee"))
            .annotate(roll=Count("pk"), cast=Count("pk", filter=~Q(choice="")), ballots=Count("ballot", distinct=True)))
    tallies = {row["committee"]: row for row in rows}
    for committee_id, counted in found.items():
        row = tallies.get(committee_id, {"roll": 0, "cast": 0, "ballots": 0})
        counted.set(Indicator.VOTE_ATTENDANCE, Ratio(row["cast"], row["roll"]), ballots=row["ballots"])


def _balance(found: dict[int, Counted], ids: list[int], end: date) -> None:
    seats: dict[int, list[str]] = defaultdict(list)
    for committee_id, stakeholder in (Member.objects.filter(committee__in=ids, voting=True, term_start__lte=end,
                                                            term_end__gte=end)
                                      .order_by().values_list("committee_id", "stakeholder")):
        seats[committee_id].append(stakeholder)
    for committee_id, counted in found.items():
        ratio, overweight = rules.balance_ratio(seats[committee_id], min_seats=MIN_SEATS_FOR_BALANCE)
        counted.set(Indicator.BALANCE, ratio, seats=len(seats[committee_id]),
                    overweight=[[category, held] for category, held, _total in overweight])


def _mirrored(committees: Iterable[Committee]) -> dict[int, list[str]]:
    """The ISO/IEC committees each committee mirrors: its links in the participation register (decision 0036) and
    those its ``international_counterpart`` text names (decision 0030), which the register may not have yet."""
    committees = list(committees)
    codes: dict[int, set[str]] = {c.pk: set(parse_international_committees(c.international_counterpart)[0])
                                  for c in committees}
    for committee_id, code in (MirrorLink.objects.filter(committee__in=[c.pk for c in committees])
                               .order_by().values_list("committee_id", "international__code")):
        codes[committee_id].add(code)
    return {pk: sorted(found) for pk, found in codes.items()}


def _international(found: dict[int, Counted], committees: Iterable[Committee]) -> None:
    mirrored = _mirrored(committees)
    wanted = {code for codes in mirrored.values() for code in codes}
    adopted = Q(relations_in__kind=RelationKind.ADOPTS, relations_in__degree__in=sorted(ADOPTION_DEGREES),
                relations_in__source__status=Status.CURRENT, relations_in__source__tier=Tier.NATIONAL)
    rows = (Standard.objects.filter(tier=Tier.INTERNATIONAL, status=Status.CURRENT, tc_code__in=sorted(wanted))
            .order_by().values("tc_code").annotate(records=Count("pk", distinct=True),
                                                   adopted=Count("pk", distinct=True, filter=adopted))) if wanted else []
    tallies = {row["tc_code"]: row for row in rows}
    for committee_id, counted in found.items():
        codes = mirrored.get(committee_id, [])
        records = sum(tallies[code]["records"] for code in codes if code in tallies)  # one committee per record
        adopted_records = sum(tallies[code]["adopted"] for code in codes if code in tallies)
        counted.set(Indicator.INTERNATIONAL, Ratio(adopted_records, records), counterpart="、".join(codes))
