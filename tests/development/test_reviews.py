"""Periodic review (复审): a committee's due and overdue in-force standards, exactly as the rules say on every
day, and each conclusion's effect on the catalogue."""

import calendar
from datetime import date, timedelta

import pytest
import time_machine
from hypothesis import example, given, settings
from hypothesis import strategies as st

from biaozhun.catalog.models import Standard
from biaozhun.core.actors import SYSTEM
from biaozhun.core.errors import (
    InvalidTransition,
    PermissionDeniedError,
    RequirementsUnmet,
    ValidationFailed,
)
from biaozhun.development.models import PeriodicReview
from biaozhun.development.selectors import due_for_review, overdue_for_review
from biaozhun.development.services.reviews import conclude_review
from biaozhun.rules.reviews import review_state
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 2)


def tc28_standard(number: int, published_on: date, **fields) -> Standard:
    return make_standard(f"GB/T {number}-{published_on.year}", tc_code="SAC/TC 28", published_on=published_on,
                         implemented_on=published_on, nature="recommended", title_zh=f"信息技术 标准{number}", **fields)


@pytest.fixture
def leap_day(tc28_committee):
    return tc28_standard(30001, date(2020, 2, 29))


def conclude(actor, standard, on=TODAY, **kwargs):
    with time_machine.travel(on, tick=False):
        return conclude_review(actor=actor, standard=standard, **kwargs)


def test_due_and_overdue_from_the_day_the_rules_say(tc28_committee, leap_day):
    def due(day):
        return list(due_for_review(committee=tc28_committee, today=day))

    assert due(date(2025, 2, 27)) == []
    assert due(date(2025, 2, 28)) == [leap_day]  # five years after 29 Feb 2020
    assert due(date(2025, 2, 28))[0].review_due_on == date(2025, 2, 28)
    assert list(overdue_for_review(committee=tc28_committee, today=date(2026, 2, 27))) == []
    assert list(overdue_for_review(committee=tc28_committee, today=date(2026, 2, 28))) == [leap_day]


def test_only_the_committees_standards_in_force_oldest_first(tc28_committee):
    newer = tc28_standard(30002, date(2020, 6, 1))
    older = tc28_standard(30003, date(2018, 6, 1), confirmed_on=date(2019, 1, 10))
    tc28_standard(30004, date(2019, 6, 1), abolished_on=date(2024, 1, 1))
    make_standard("GB/T 30005-2019", tc_code="SAC/TC 29", published_on=date(2019, 6, 1),
                  implemented_on=date(2019, 6, 1))
    assert list(due_for_review(committee=tc28_committee, today=TODAY)) == [older, newer]


def test_the_lists_agree_with_the_rules_on_every_day(tc28_committee):
    """Bases on the last days of every month of 2020 (a leap year) and some confirmed later, against any day."""
    standards = []
    for month in range(1, 13):
        last = calendar.monthrange(2020, month)[1]
        for back in (0, 1, 2):
            day = date(2020, month, last - back)
            standards.append(tc28_standard(31000 + month * 10 + back, day))
    standards.append(tc28_standard(31200, date(2016, 5, 31), confirmed_on=date(2020, 8, 31)))

    month_ends = st.builds(lambda year, month: date(year, month, calendar.monthrange(year, month)[1]),
                           st.integers(2025, 2026), st.integers(1, 12))

    @settings(max_examples=80, deadline=None)
    @given(st.one_of(st.dates(min_value=date(2024, 12, 1), max_value=date(2027, 1, 31)), month_ends))
    @example(date(2025, 2, 28))
    @example(date(2026, 2, 28))
    def agree(today):
        states = {s.pk: review_state(s.published_on, s.confirmed_on, today).code for s in standards}
        due = set(due_for_review(committee=tc28_committee, today=today).values_list("pk", flat=True))
        overdue = set(overdue_for_review(committee=tc28_committee, today=today).values_list("pk", flat=True))
        assert due == {pk for pk, code in states.items() if code != "not_due"}
        assert overdue == {pk for pk, code in states.items() if code == "overdue"}

    agree()
    for today in (date(2025, 2, 28), date(2025, 4, 30), date(2026, 2, 28), date(2025, 9, 30)):
        due = {s.pk: s.review_due_on for s in due_for_review(committee=tc28_committee, today=today)}
        assert due == {s.pk: review_state(s.published_on, s.confirmed_on, today).due_on for s in standards
                       if s.pk in due}


def test_confirming_restarts_the_five_years(tc28_committee, leap_day, secretariat_user):
    review = conclude(secretariat_user, leap_day, conclusion="confirm", reason="技术内容仍然适用")
    leap_day.refresh_from_db()
    assert leap_day.confirmed_on == TODAY and leap_day.status == "current"
    assert (review.conclusion, review.committee, review.concluded_on, review.actor) == (
        "confirm", tc28_committee, TODAY, secretariat_user)
    assert list(due_for_review(committee=tc28_committee, today=TODAY)) == []


@pytest.mark.parametrize(("conclusion", "kind"), [("revise", "revision"), ("amend", "amendment")])
def test_revising_or_amending_starts_a_project_linked_to_the_standard(
        tc28_committee, leap_day, secretariat_user, conclusion, kind):
    review = conclude(secretariat_user, leap_day, conclusion=conclusion, reason="部分技术指标落后")
    project = review.project
    assert (project.kind, project.stage, project.committee, project.title_zh) == (
        kind, "proposal", tc28_committee, leap_day.title_zh)
    assert list(project.revises.all()) == [leap_day]
    with pytest.raises(InvalidTransition, match="已于"):
        conclude(secretariat_user, leap_day, conclusion="confirm")


def test_abolishing_needs_a_date_from_today(tc28_committee, leap_day, secretariat_user):
    for abolish_on in (None, TODAY - timedelta(days=1)):
        with pytest.raises(ValidationFailed) as refused:
            conclude(secretariat_user, leap_day, conclusion="abolish", abolish_on=abolish_on)
        assert [e["field"] for e in refused.value.errors] == ["abolish_on"]
    review = conclude(secretariat_user, leap_day, conclusion="abolish", abolish_on=TODAY, reason="已被新技术取代")
    leap_day.refresh_from_db()
    assert (leap_day.abolished_on, leap_day.status, review.abolished_on) == (TODAY, "abolished", TODAY)


def test_a_standard_not_yet_due_cannot_be_concluded(tc28_committee, secretariat_user):
    standard = tc28_standard(30006, date(2022, 5, 10))
    with pytest.raises(RequirementsUnmet, match="2027-05-10"):
        conclude(secretariat_user, standard, conclusion="confirm")
    assert not PeriodicReview.objects.exists()


def test_only_the_responsible_secretariat_or_an_administrator_concludes(
        tc28_committee, leap_day, secretariat_user, reviewer_user, admin_user):
    with pytest.raises(PermissionDeniedError):
        conclude(reviewer_user, leap_day, conclusion="confirm")
    orphan = make_standard("GB/T 30007-2020", tc_code="", published_on=date(2020, 1, 2),
                           implemented_on=date(2020, 1, 2))
    with pytest.raises(PermissionDeniedError):
        conclude(secretariat_user, orphan, conclusion="confirm")
    assert conclude(admin_user, orphan, conclusion="confirm").committee is None


# --- The reviews page ----------------------------------------------------------------------------
def get(client, user, query=""):
    with time_machine.travel(TODAY, tick=False):
        client.force_login(user)
        return client.get(f"/projects/reviews/{query}")


def test_the_secretariat_sees_its_committees_due_and_overdue_standards(client, tc28_committee, leap_day,
                                                                      secretariat_user):
    recent = tc28_standard(30008, date(2021, 1, 15))
    page = get(client, secretariat_user).content.decode()
    assert "SAC/TC 28" in page and leap_day.identifier in page and recent.identifier in page
    assert "2025-02-28" in page and f"/projects/reviews/{leap_day.pk}/conclude/" in page
    overdue = get(client, secretariat_user, "?committee=SAC/TC 28&tab=overdue").content.decode()
    assert leap_day.identifier in overdue and recent.identifier not in overdue


def test_other_people_may_not_open_a_committees_list(client, tc28_committee, registered_user, reviewer_user):
    from biaozhun.committees.services import create_committee

    create_committee(actor=SYSTEM, code="SAC/TC 29", name_zh="全国测试标准化技术委员会")
    assert get(client, registered_user).status_code == 403
    page = get(client, reviewer_user, "?committee=SAC/TC 28")
    assert page.status_code == 200 and "SAC/TC 29" in page.content.decode()  # reviewers pick any committee
    assert "/conclude/" not in page.content.decode()  # but conclusions are the committee's


def test_a_conclusion_through_the_page(client, tc28_committee, leap_day, secretariat_user):
    url = f"/projects/reviews/{leap_day.pk}/conclude/"
    with time_machine.travel(TODAY, tick=False):
        client.force_login(secretariat_user)
        refused = client.post(url, {"conclusion": "abolish", "committee": "SAC/TC 28"})
        assert refused.status_code == 422 and "废止须填写废止日期" in refused.content.decode()
        done = client.post(url, {"conclusion": "confirm", "committee": "SAC/TC 28", "tab": "due"})
    assert done.status_code == 302 and done.url.startswith("/projects/reviews/?committee=SAC")
    leap_day.refresh_from_db()
    assert leap_day.confirmed_on == TODAY


def test_the_page_stays_a_few_queries_however_many_standards_are_due(
        client, tc28_committee, secretariat_user, django_assert_max_num_queries):
    for number in range(25):
        tc28_standard(32000 + number, date(2019, 1, 1) + timedelta(days=number))
    for number in range(5):  # mandatory ones: their implementation is read for the page at once
        make_standard(f"GB {32050 + number}-2019", tc_code="SAC/TC 28", published_on=date(2018, 12, 1 + number),
                      implemented_on=date(2018, 12, 1 + number), title_zh=f"信息技术 标准{32050 + number}")
    with time_machine.travel(TODAY, tick=False):
        client.force_login(secretariat_user)
        with django_assert_max_num_queries(21):  # 14, one for the feedback counts, six for the implementation
            page = client.get("/projects/reviews/?committee=SAC/TC 28")
    assert page.context["page"].paginator.num_pages == 2
    assert sum(row["implementation"] is not None for row in page.context["rows"]) == 5


def test_a_mandatory_standard_due_shows_how_much_it_is_used(client, tc28_committee, secretariat_user, admin_user):
    """The implementation of mandatory standards feeds the periodic review: a little-used one says so on its row,
    with the signals behind it; the staff who read the statistics follow it to the whole list."""
    from biaozhun.stats.models import StandardUse

    used, unused = (make_standard(f"GB {number}-2019", tc_code="SAC/TC 28", published_on=date(2019, 5, day),
                                  implemented_on=date(2019, 5, day), title_zh=f"信息技术 标准{number}")
                    for number, day in ((32100, 1), (32101, 2)))
    recommended = tc28_standard(32102, date(2019, 5, 3))
    StandardUse.objects.create(standard=used, day=TODAY - timedelta(days=10), views=900, reads=80, downloads=40)
    for number in range(5):
        make_standard(f"GB/T {32200 + number}-2021", published_on=date(2021, 1, 1),
                      implemented_on=date(2021, 1, 1), references=[used.identifier])
    with time_machine.travel(TODAY, tick=False):
        client.force_login(secretariat_user)
        page = client.get("/projects/reviews/?committee=SAC/TC 28")
        rows = {row["standard"].pk: row["implementation"] for row in page.context["rows"]}
        assert rows[recommended.pk] is None  # only mandatory standards are graded
        assert rows[unused.pk].strength == "weak" and rows[used.pk].strength != "weak"
        assert rows[used.pk].signals.use == 1020 and rows[used.pk].signals.citations == 5
        text = page.content.decode()
        assert "实施强度" in text and "/stats/implementation/" not in text  # the list is for staff
        client.force_login(admin_user)
        staff = client.get("/projects/reviews/?committee=SAC/TC 28").content.decode()
    assert "/stats/implementation/?strength=weak" in staff
