"""Statistics per committee and per department with known answers: volume, answered, average working days to
answer, answered late, open past the deadline, overdue share; the public page and the API, within query budgets."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from biaozhun.committees.services import create_committee
from biaozhun.core.actors import SYSTEM
from biaozhun.feedback.selectors import statistics
from biaozhun.feedback.services import answer_feedback
from tests.factories.accounts import UserFactory
from tests.fixtures.catalog import make_standard
from tests.fixtures.feedback import VISITOR, submit

pytestmark = pytest.mark.django_db
TODAY = date(2026, 5, 4)
ANSWER = "经核实，该条款将在下次修订时调整。"


@pytest.fixture
def scene(tc28_standard, tc28_committee, tc_secretariat, secretariat_user, ministry, ministry_user,
          national_administration):
    """SAC/TC 28: answered in 4 and in 25 working days (late), one open past its deadline, one open in time.
    SAC/TC 151 (no secretariat: the national administration handles): one answered in 2.
    The ministry (JB): one answered in 10, one open past its deadline."""
    tc151 = create_committee(actor=SYSTEM, code="SAC/TC 151", name_zh="全国质量管理和质量保证标准化技术委员会")
    other = make_standard("GB/T 19000-2016", tc_code="SAC/TC 151")
    industry = make_standard("JB/T 10001-2018")

    def answered(standard, person, received, days_later):
        with time_machine.travel(received, tick=False):
            item = submit(standard)
        with time_machine.travel(days_later, tick=False):
            return answer_feedback(actor=person, item=item, answer=ANSWER)

    answered(tc28_standard, secretariat_user, date(2026, 3, 2), date(2026, 3, 6))  # 4 working days
    answered(tc28_standard, secretariat_user, date(2026, 3, 2), date(2026, 4, 6))  # after its 30 March deadline
    with time_machine.travel(date(2026, 3, 2), tick=False):
        submit(tc28_standard)  # due 30 March: open past it on 4 May
    with time_machine.travel(date(2026, 4, 30), tick=False):
        submit(tc28_standard)  # open, in time
    answered(industry, ministry_user, date(2026, 3, 2), date(2026, 3, 16))  # 10
    with time_machine.travel(date(2026, 3, 2), tick=False):
        submit(industry)
    reviewer = UserFactory(member_of=national_administration, member_of__role="reviewer")
    answered(other, reviewer, date(2025, 12, 1), date(2025, 12, 3))  # 2, in 2025
    return {"tc151": tc151}


def test_per_committee_the_figures_are_the_known_ones(scene, tc28_committee):
    rows = {r.key: r for r in statistics.by_committee(today=TODAY)}
    tc28 = rows[tc28_committee.pk]
    assert (tc28.total, tc28.answered, tc28.late, tc28.open_overdue) == (4, 2, 1, 1)
    assert tc28.average_days == pytest.approx((4 + tc28_late_days()) / 2)
    assert tc28.overdue_percent == 50.0
    tc151 = rows[scene["tc151"].pk]
    assert (tc151.total, tc151.answered, tc151.average_days, tc151.overdue_share) == (1, 1, 2, 0.0)


def tc28_late_days() -> int:
    from biaozhun.feedback.models import Feedback

    return Feedback.objects.get(answered_late=True).answer_working_days


def test_per_department_the_ministry_and_the_national_administration_are_counted(scene, ministry,
                                                                                 national_administration):
    rows = {r.key: r for r in statistics.by_department(today=TODAY)}
    assert (rows[ministry.pk].total, rows[ministry.pk].average_days, rows[ministry.pk].open_overdue) == (2, 10, 1)
    assert rows[national_administration.pk].total == 1
    assert set(rows) == {ministry.pk, national_administration.pk}  # committees' secretariats are not departments


def test_a_year_counts_the_items_received_in_it(scene, tc28_committee):
    assert statistics.summed(statistics.by_committee(today=TODAY, year=2025)).total == 1
    assert statistics.summed(statistics.by_committee(today=TODAY, year=2026)).total == 4  # the JB items: no committee
    assert {r.key for r in statistics.by_committee(today=TODAY, year=2025)} == {scene["tc151"].pk}


def test_sorting_by_overdue_share_puts_the_worst_first(scene, tc28_committee):
    assert statistics.by_committee(today=TODAY, sort="overdue")[0].key == tc28_committee.pk
    assert statistics.by_committee(today=TODAY, sort="days")[0].key == tc28_committee.pk


def test_the_public_page_shows_the_figures_and_no_one_who_wrote(client, scene, django_assert_max_num_queries):
    with time_machine.travel(TODAY, tick=False), django_assert_max_num_queries(8):
        page = client.get(reverse("feedback:statistics")).content.decode()
    assert "SAC/TC 28" in page and "50.0%" in page and VISITOR.name not in page
    with time_machine.travel(TODAY, tick=False):
        page = client.get(reverse("feedback:statistics"), {"by": "department", "sort": "overdue"}).content.decode()
    assert "工业和信息化部" in page


def test_the_api_gives_the_same_figures(client, scene, tc28_committee, django_assert_max_num_queries):
    with time_machine.travel(TODAY, tick=False), django_assert_max_num_queries(8):
        body = client.get("/api/v1/feedback/statistics", {"by": "committee", "sort": "overdue"}).json()
    assert (body["totals"]["total"], body["totals"]["answered"], body["count"]) == (5, 3, 2)
    first = body["rows"][0]
    assert (first["code"], first["total"], first["answered_late"], first["open_overdue"], first["overdue_share"]) == (
        "SAC/TC 28", 4, 1, 1, 0.5)
    assert client.get("/api/v1/feedback/statistics", {"by": "everyone"}).status_code == 422


def test_the_figures_are_counted_once_per_five_minutes_and_then_from_the_cache(scene, tc28_committee,
                                                                                django_assert_num_queries):
    statistics.by_committee(today=TODAY)
    with django_assert_num_queries(0):
        rows = statistics.by_committee(today=TODAY, sort="overdue")
    assert statistics.summed(rows).total == 5
