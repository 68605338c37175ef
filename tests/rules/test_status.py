"""Status derivation: abolition, whole and partial replacement, implementation dates."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from biaozhun.rules.status import Replacement, Status, derive_status, next_change_on

TODAY = date(2026, 11, 25)


def derive(**kwargs):
    base = {"today": TODAY, "published_on": date(2016, 12, 30), "implemented_on": date(2017, 7, 1), "abolished_on": None}
    return derive_status(**{**base, **kwargs})


def test_in_force_after_implementation_date():
    result = derive()
    assert (result.status, result.reason, result.since) == (Status.CURRENT, "in_force", date(2017, 7, 1))


def test_upcoming_before_implementation_date():
    result = derive(published_on=date(2026, 10, 1), implemented_on=date(2027, 4, 1))
    assert (result.status, result.since) == (Status.UPCOMING, date(2027, 4, 1))


def test_abolition_wins_over_everything():
    result = derive(abolished_on=date(2020, 1, 1), replaced_by=[Replacement("GB/T 1-2019", date(2019, 6, 1))])
    assert (result.status, result.since) == (Status.ABOLISHED, date(2020, 1, 1))


def test_future_abolition_keeps_standard_in_force():
    assert derive(abolished_on=date(2027, 1, 1)).status == Status.CURRENT


def test_replaced_from_the_replacing_editions_implementation_date():
    result = derive(replaced_by=[Replacement("GB/T 19001-2016", date(2017, 7, 1))])
    assert (result.status, result.by, result.since) == (Status.REPLACED, "GB/T 19001-2016", date(2017, 7, 1))


def test_replacement_not_yet_in_force_leaves_status_current_with_notice():
    result = derive(replaced_by=[Replacement("GB/T 19001-2026", date(2027, 7, 1))])
    assert (result.status, result.reason, result.by) == (Status.CURRENT, "in_force_replacement_pending", "GB/T 19001-2026")


def test_partial_replacement_keeps_status_current():
    result = derive(replaced_by=[Replacement("GB/T 2-2020", date(2020, 1, 1), partial=True)])
    assert (result.status, result.reason) == (Status.CURRENT, "in_force_partly_replaced")


def test_next_change_is_earliest_future_date():
    assert next_change_on(
        today=TODAY, implemented_on=date(2027, 3, 1), abolished_on=None,
        replaced_by=[Replacement("X", date(2027, 1, 1))],
    ) == date(2027, 1, 1)
    assert next_change_on(today=TODAY, implemented_on=date(2017, 1, 1), abolished_on=None) is None


dates = st.dates(min_value=date(1980, 1, 1), max_value=date(2035, 12, 31))


@given(implemented=dates, abolished=st.none() | dates, replaced=st.none() | dates, today=dates)
def test_status_never_moves_backwards_in_time(implemented, abolished, replaced, today):
    """Once replaced or abolished, a standard stays so on every later day."""
    replaced_by = [Replacement("R", replaced)] if replaced else []
    order = [Status.UPCOMING, Status.CURRENT, Status.REPLACED, Status.ABOLISHED]
    earlier = derive_status(today=today, published_on=None, implemented_on=implemented, abolished_on=abolished, replaced_by=replaced_by)
    later = derive_status(today=date(2036, 1, 1), published_on=None, implemented_on=implemented, abolished_on=abolished, replaced_by=replaced_by)
    if earlier.status in (Status.REPLACED, Status.ABOLISHED):
        assert order.index(later.status) >= order.index(earlier.status)
