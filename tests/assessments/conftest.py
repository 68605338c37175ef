"""Assessment test set-up: a frozen day in 2026, committees with seats, and assessments walked through the
services to each state."""

from datetime import datetime

import pytest
import time_machine

from biaozhun.assessments.services import compute_assessment, finalise_assessment, score_assessment
from tests.factories.committees import CATEGORIES, CommitteeFactory, MemberFactory

YEAR = 2026
TODAY = datetime(2026, 3, 16, 10, 0)


@pytest.fixture(autouse=True)
def _frozen_day():
    with time_machine.travel(TODAY.astimezone(), tick=False):
        yield


def seated(code: str = "SAC/TC 28", **fields):
    """A committee with six voting seats in six categories (balance 100; nothing else to count)."""
    committee = CommitteeFactory(code=code, **fields)
    for category in CATEGORIES:
        MemberFactory(committee=committee, stakeholder=category)
    return committee


def finalised(committee, actor, *, secretariat: float = 0, openness: float = 0):
    """The committee's assessment of 2026, scored and finalised. With only the balance to count (100, weight 10),
    the manual scores decide: (10×100 + 10×secretariat + 10×openness) / 30."""
    assessment = compute_assessment(actor=actor, committee=committee, year=YEAR)
    score_assessment(actor=actor, assessment=assessment, scores={"secretariat": secretariat, "openness": openness},
                     comments={"secretariat": "会议纪要不全"})
    return finalise_assessment(actor=actor, assessment=assessment)


@pytest.fixture
def committee(db):
    """SAC/TC 28 (the committee ``secretariat_user`` works for), with its seats."""
    return seated()


@pytest.fixture
def failing(committee, admin_user):
    """SAC/TC 28's finalised 2026 assessment: 33.3, 不合格, suspension recommended (below 45, not below 30)."""
    return finalised(committee, admin_user)
