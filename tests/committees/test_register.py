"""The public register of committees: a page at a time, each committee with its members in term, in a fixed
number of queries whatever the register holds."""

from datetime import date

import pytest
from django.urls import reverse

from tests.factories.committees import CommitteeFactory, MemberFactory

pytestmark = pytest.mark.django_db
URL = reverse("committees:list")


def test_members_in_term_are_counted_and_former_ones_are_not(client, tc28_committee):
    MemberFactory(committee=tc28_committee, term_start=date(2020, 1, 1), term_end=date(2099, 12, 31))
    MemberFactory(committee=tc28_committee, term_start=date(2015, 1, 1), term_end=date(2019, 12, 31))
    committee = next(c for c in client.get(URL).context["committees"] if c.pk == tc28_committee.pk)
    assert committee.seats == 1


def test_the_register_is_read_a_page_at_a_time_in_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    committees = [CommitteeFactory(code=f"SAC/TC {600 + n}") for n in range(105)]
    for committee in committees[:5]:
        MemberFactory(committee=committee)
    with django_assert_max_num_queries(8):
        first = client.get(URL)
    assert len(first.context["committees"]) == 100
    assert "第 1 / 2 页" in first.content.decode()
    second = client.get(URL, {"page": 2})
    assert [c.code for c in second.context["committees"]] == [f"SAC/TC {700 + n}" for n in range(5)]
