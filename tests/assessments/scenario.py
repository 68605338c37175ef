"""A committee's year with exact counts, for the assessment's known answers: projects with deadlines and their
deliveries, periodic reviews, feedback, comments, ballots, seats and the mirrored ISO/IEC committee's records.

Rows are written directly (factories and creates), as a migration of past records would leave them: the figures
read records, not how they came to be. `build_year(committee)` makes the year 2025 below and returns nothing; the
answers are the constants, so a test asserts exactly these ratios.

projects     on time 2 (delivered by the deadline; one on the very day), late 3 (one delivered late, one still
             undelivered since 2024, one delivered only in 2026); not counted: delivered in 2024, terminated,
             due in 2026                                                                   → 2 / 5
reviews      on time 2 (one revision before overdue, whose standard stays in force with its old base), late 2
             (one confirmed after it was overdue, one overdue and never reviewed); not counted: not yet due,
             abolished                                                                     → 2 / 4
feedback     answered in time 2, answered late 1, open past its deadline 1; not counted: open and not yet due,
             rejected, received in 2024                                                    → 2 / 4
comments     5 received in 2025, 4 with a disposition; 1 received in 2024                 → 4 / 5
votes        ballots closed in 2025: 6 on the roll, 5 voted; 6 on the roll, 3 voted (a recusal among them); an open
             ballot and one closed in 2024 do not count                                   → 8 / 12
balance      6 voting seats in 6 categories; a non-voting seat and a seat ended in 2024 do not count → 6 / 6
international ISO/TC 999: 4 current records, 2 adopted IDT or MOD by current national standards, 1 adopted NEQ,
             1 (the new edition of a replaced record) not adopted; the replaced record, adopted IDT, does not
             count                                                                         → 2 / 4
"""

from __future__ import annotations

import itertools
from datetime import date, datetime, time

from django.utils import timezone

from biaozhun.development.models import (
    Comment,
    Disposition,
    PeriodicReview,
    ProjectEvent,
    ReviewConclusion,
    Vote,
    VoteChoice,
)
from biaozhun.feedback.models import Feedback, FeedbackState
from biaozhun.rules.feedback import new_tracking_number
from biaozhun.rules.stages import Stage
from tests.factories.accounts import UserFactory
from tests.factories.committees import CATEGORIES, MemberFactory
from tests.factories.development import BallotFactory, ProjectFactory
from tests.fixtures.catalog import make_standard

YEAR = 2025
TODAY = datetime(2026, 2, 1, 10, 0)  # the year is over: counted up to 31 December
COUNTERPART = "ISO/TC 999"
ANSWERS = {
    "projects_on_time": (2, 5),
    "reviews_on_time": (2, 4),
    "feedback_in_time": (2, 4),
    "comments_disposed": (4, 5),
    "vote_attendance": (8, 12),
    "balance": (6, 6),
    "international": (2, 4),
}
_numbers = itertools.count(1)


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _moved(project, stage: Stage, day: date) -> None:
    ProjectEvent.objects.create(project=project, kind=ProjectEvent.Kind.MOVED, to_stage=stage, at=at(day))


def projects(committee) -> None:
    cases = [  # (deadline, delivered to approval, terminated, stage now)
        (date(2025, 6, 30), date(2025, 5, 10), None, Stage.APPROVAL),
        (date(2025, 3, 31), date(2025, 4, 15), None, Stage.PUBLISHED),
        (date(2024, 12, 31), None, None, Stage.DRAFTING),
        (date(2025, 9, 30), date(2025, 9, 30), None, Stage.APPROVAL),
        (date(2024, 6, 30), date(2024, 5, 1), None, Stage.IN_FORCE),
        (date(2025, 5, 31), None, date(2025, 4, 1), Stage.TERMINATED),
        (date(2026, 6, 30), None, None, Stage.DRAFTING),
        (date(2025, 10, 31), date(2026, 1, 10), None, Stage.APPROVAL),
    ]
    for deadline, delivered, terminated, stage in cases:
        project = ProjectFactory(committee=committee, deadline=deadline, stage=stage,
                                 plan_number=f"2024{next(_numbers):04d}-T-999")
        _moved(project, Stage.DRAFTING, date(2023, 1, 5))
        if delivered:
            _moved(project, Stage.APPROVAL, delivered)
        if terminated:
            _moved(project, Stage.TERMINATED, terminated)
    ProjectFactory(committee=committee, stage=Stage.PROPOSAL)  # no plan, no deadline: not counted


def _standard(committee, published: date, **fields):
    number = next(_numbers)
    return make_standard(f"GB/T {90000 + number}-{published.year}", tc_code=committee.code,
                         published_on=published, implemented_on=published, **fields)


def reviews(committee) -> None:
    late_confirmed = _standard(committee, date(2018, 3, 1), confirmed_on=date(2025, 2, 1))
    revised = _standard(committee, date(2020, 1, 15))
    _standard(committee, date(2019, 5, 1))  # overdue on 2025-05-01, never reviewed
    kept_old_base = _standard(committee, date(2019, 2, 1))
    _standard(committee, date(2021, 1, 1))  # due only in 2026
    _standard(committee, date(2017, 1, 1), abolished_on=date(2020, 1, 1))
    for standard, conclusion, day in ((late_confirmed, ReviewConclusion.CONFIRM, date(2025, 2, 1)),
                                      (revised, ReviewConclusion.REVISE, date(2025, 6, 1)),
                                      (kept_old_base, ReviewConclusion.REVISE, date(2025, 1, 20))):
        PeriodicReview.objects.create(standard=standard, committee=committee, conclusion=conclusion,
                                      concluded_on=day, at=at(day))


def feedback(committee) -> None:
    standard = _standard(committee, date(2022, 3, 1))
    cases = [  # (received, state, answer due, working days to answer, answered late)
        (date(2025, 3, 1), FeedbackState.CLOSED, date(2025, 3, 29), 10, False),
        (date(2025, 4, 1), FeedbackState.ANSWERED, date(2025, 4, 29), 30, True),
        (date(2025, 11, 1), FeedbackState.ROUTED, date(2025, 11, 29), None, False),
        (date(2025, 12, 20), FeedbackState.ACKNOWLEDGED, date(2026, 1, 20), None, False),
        (date(2025, 6, 1), FeedbackState.REJECTED, date(2025, 6, 29), None, False),
        (date(2024, 12, 31), FeedbackState.CLOSED, date(2025, 1, 28), 5, False),
        (date(2025, 7, 1), FeedbackState.ANSWERED, date(2025, 7, 29), 12, False),
    ]
    for received, state, due, days, late in cases:
        Feedback.objects.create(tracking_number=new_tracking_number(), standard=standard, committee=committee,
                                pseudonym="a3f9c2e1", category="content", text="反馈", state=state,
                                received_at=at(received), answer_due=due, answer_working_days=days,
                                answered_late=late, answered_at=at(received) if days else None)


def comments(committee) -> None:
    project = ProjectFactory(committee=committee, stage=Stage.DISPOSITION)
    author = UserFactory()
    days = [date(2025, 2, 1)] * 3 + [date(2025, 11, 30), date(2025, 12, 31), date(2024, 12, 31)]
    dispositions = [Disposition.ACCEPTED, Disposition.PARTLY, Disposition.NOT_ACCEPTED, Disposition.ACCEPTED, "",
                    ""]
    for number, (day, disposition) in enumerate(zip(days, dispositions, strict=True), 1):
        Comment.objects.create(project=project, number=number, period=Stage.COMMENT, text="意见", author=author,
                               author_name="某人", submitted_at=at(day, 23), disposition=disposition)


def seats(committee) -> list:
    members = [MemberFactory(committee=committee, stakeholder=category) for category in CATEGORIES]
    MemberFactory(committee=committee, stakeholder=CATEGORIES[0], voting=False)
    MemberFactory(committee=committee, stakeholder=CATEGORIES[0], term_end=date(2024, 6, 30))
    return members


def ballots(committee, members: list) -> None:
    project = ProjectFactory(committee=committee, stage=Stage.REVIEW)
    for closed, choices in ((date(2025, 5, 1), ["approve"] * 4 + ["reject", ""]),
                            (date(2025, 10, 1), ["approve", "abstain", "recuse", "", "", ""]),
                            (None, [""] * 6),
                            (date(2024, 12, 1), ["approve"] * 6)):
        ballot = BallotFactory(project=project, closed_at=at(closed) if closed else None,
                               opened_at=at(closed or date(2026, 1, 20), 8))
        Vote.objects.bulk_create([Vote(ballot=ballot, member=member, choice=VoteChoice(choice) if choice else "")
                                  for member, choice in zip(members, choices, strict=True)])


def international(committee) -> None:
    committee.international_counterpart = COUNTERPART
    committee.save(update_fields=["international_counterpart"])
    records = [make_standard(f"ISO {99900 + n}:2019", tc_code=COUNTERPART, title_zh="", title_en="Test",
                             published_on=date(2019, 1, 1), implemented_on=date(2019, 1, 1)) for n in range(1, 4)]
    make_standard("ISO 99905:2010", tc_code=COUNTERPART, title_en="Old", published_on=date(2010, 1, 1),
                  implemented_on=date(2010, 1, 1))
    make_standard("ISO 99905:2020", tc_code=COUNTERPART, title_en="New", replaces=["ISO 99905:2010"],
                  published_on=date(2020, 1, 1), implemented_on=date(2020, 1, 1))
    # The adopting national standards may be any committee's: here another's, so that they are not this one's reviews.
    for number, (record, degree) in enumerate(zip(records[:3], ["IDT", "MOD", "NEQ"], strict=True), 1):
        make_standard(f"GB/T {99800 + number}-2021", tc_code="SAC/TC 1", published_on=date(2021, 6, 1),
                      implemented_on=date(2021, 6, 1), adopts=[{"identifier": record.identifier, "degree": degree}])
    make_standard("GB/T 99804-2012", tc_code="SAC/TC 1", published_on=date(2012, 6, 1),
                  implemented_on=date(2012, 6, 1), adopts=[{"identifier": "ISO 99905:2010", "degree": "IDT"}])


def build_year(committee) -> None:
    """Everything above for ``committee`` (a fresh one, with no seats yet)."""
    projects(committee)
    reviews(committee)
    feedback(committee)
    comments(committee)
    members = seats(committee)
    ballots(committee, members)
    international(committee)
