"""Deterministic committee work at national scale for the assessment's benchmark (bench/bench_assessments.py): for
each of the 1,338 committees its voting seats, the standards it is responsible for (their publication dates, for
periodic review), its projects with deadlines and when each went to approval or was terminated, the reviews it
concluded, the comments on its drafts and the ballots it closed, around one assessed year. Pure Python (no
Django): the benchmark writes the rows; feedback comes from datagen/feedback.py.

    from biaozhun.datagen.assessments import committee_work
    for work in committee_work(1338, year=2025): ...

The same arguments always give the same work in the same order.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

CATEGORIES = ("producer", "user", "consumer", "government", "research", "testing", "other")


@dataclass(frozen=True, slots=True)
class ProjectWork:
    deadline: date
    delivered_on: date | None  # first went to approval
    terminated_on: date | None


@dataclass(frozen=True, slots=True)
class ReviewWork:
    standard: int  # index into the committee's standards
    concluded_on: date
    confirm: bool


@dataclass(frozen=True, slots=True)
class BallotWork:
    closed_on: date
    roll: int
    cast: int


@dataclass
class CommitteeWork:
    index: int
    seats: list[str]
    counterpart: bool  # mirrors an ISO/IEC committee
    standards: list[date] = field(default_factory=list)  # publication dates
    projects: list[ProjectWork] = field(default_factory=list)
    reviews: list[ReviewWork] = field(default_factory=list)
    comments: list[tuple[date, bool]] = field(default_factory=list)  # (submitted, disposed)
    ballots: list[BallotWork] = field(default_factory=list)


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, (end - start).days))


def committee_work(count: int, *, year: int, seed: int = 2019) -> Iterator[CommitteeWork]:
    """`count` committees' work around `year`: a few large committees, most small (as real ones are)."""
    rng = random.Random(f"{seed}:assessments")
    start, end = date(year, 1, 1), date(year, 12, 31)
    for index in range(count):
        size = 1 + int(6 * rng.random() ** 3)  # 1 (most) to 6 (a few): how busy the committee is
        seats = [rng.choice(CATEGORIES[:6]) for _ in range(rng.randint(9, 25))]
        if rng.random() < 0.08:  # a few unbalanced committees
            seats += ["producer"] * (len(seats) + 2)
        work = CommitteeWork(index, seats, counterpart=rng.random() < 0.45)
        work.standards = [_day(rng, date(2000, 1, 1), end) for _ in range(rng.randint(5, 20) * size)]
        for _n in range(rng.randint(2, 6) * size):
            deadline = _day(rng, date(year - 2, 1, 1), date(year + 1, 12, 31))
            roll = rng.random()
            delivered = terminated = None
            if roll < 0.65:
                delivered = deadline + timedelta(days=rng.randint(-200, 120))
            elif roll < 0.72:
                terminated = deadline - timedelta(days=rng.randint(10, 300))
            work.projects.append(ProjectWork(deadline, delivered, terminated))
        for position, published in enumerate(work.standards):
            due = published.replace(year=published.year + 5) if not (published.month == 2 and published.day == 29) \
                else date(published.year + 5, 2, 28)
            if start - timedelta(days=365) <= due <= end and rng.random() < 0.7:
                concluded = due + timedelta(days=rng.randint(-30, 500))
                if start <= concluded <= end:
                    work.reviews.append(ReviewWork(position, concluded, rng.random() < 0.6))
        work.comments = [(_day(rng, start, end), rng.random() < 0.85) for _ in range(rng.randint(0, 30) * size)]
        work.ballots = []
        for _n in range(rng.randint(0, 3) * size):
            roll = len(seats)
            work.ballots.append(BallotWork(_day(rng, start, end), roll, min(roll, int(roll * (0.4 + 0.6 * rng.random())))))
        yield work
