"""The public 领跑者 pages, the objection form and the administration's actions through the pages, with query
budgets."""

from datetime import date

import pytest
from django.urls import reverse

from biaozhun.core.actors import SYSTEM
from biaozhun.leaders.models import LeaderList, ListState, Objection, RankingRun
from biaozhun.leaders.selectors.public import badges_for
from biaozhun.leaders.services import decide_objection, publish_leader_list, submit_objection
from tests.factories.accounts import UserFactory

from .scene import EFFICIENCY, at, declare, fridge, list_in_notice, scheme

pytestmark = pytest.mark.django_db


def _published(objector) -> LeaderList:
    leader_list = list_in_notice(date(2026, 6, 8))
    with at(date(2026, 6, 9)):
        objection = submit_objection(objector, leader_list=leader_list, entry=leader_list.entries.first(),
                                     text="检测报告与声明不符")
    with at(date(2026, 6, 24)):
        decide_objection(SYSTEM, objection=objection, upheld=False, reason="经核查，声明属实")
        return publish_leader_list(SYSTEM, leader_list=leader_list)


def test_the_public_sees_key_products_by_year_and_a_published_list_with_badges(client, registered_user,
                                                                               django_assert_max_num_queries):
    leader_list = _published(registered_user)
    with django_assert_max_num_queries(8):
        index = client.get(reverse("leaders:index"), {"year": 2026})
    assert "家用电冰箱" in index.content.decode() and leader_list.get_absolute_url() in index.content.decode()
    with django_assert_max_num_queries(10):
        page = client.get(leader_list.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("leader-badge") == 2
    assert "经核查，声明属实" in html  # the decision is public
    assert "检测报告与声明不符" not in html  # the objection's text is not


def test_a_draft_list_is_hidden_from_the_public(client):
    plan = scheme(fridge())
    for value in (38, 45):
        declare((EFFICIENCY, "eq", value, value))
    from biaozhun.leaders.services import draft_leader_list, run_ranking

    leader_list = draft_leader_list(SYSTEM, run=run_ranking(SYSTEM, scheme=plan))
    assert client.get(leader_list.get_absolute_url()).status_code == 404


def test_the_objection_form_outside_the_period_says_when_it_was(client):
    leader_list = list_in_notice(date(2026, 6, 8))
    client.force_login(UserFactory())
    with at(date(2026, 6, 25)):
        response = client.post(reverse("leaders:objection", args=[leader_list.pk]),
                               {"entry": leader_list.entries.first().pk, "text": "迟到的异议"})
    assert response.status_code == 409
    assert "2026-06-08 至 2026-06-23" in response.content.decode()
    assert not Objection.objects.exists()


def test_a_signed_in_person_objects_through_the_form(client):
    leader_list = list_in_notice(date(2026, 6, 8))
    client.force_login(UserFactory())
    entry = leader_list.entries.first()
    with at(date(2026, 6, 10)):
        assert client.get(reverse("leaders:objection", args=[leader_list.pk])).status_code == 200
        response = client.post(reverse("leaders:objection", args=[leader_list.pk]), {"entry": entry.pk, "text": "异议"})
    assert response.status_code == 302
    assert Objection.objects.get().entry == entry


def test_the_administration_ranks_drafts_notices_and_publishes_through_the_pages(client, reviewer_user):
    plan = scheme(fridge())
    leader = declare((EFFICIENCY, "eq", 38, 38))
    declare((EFFICIENCY, "eq", 45, 45))
    client.force_login(reviewer_user)
    with at(date(2026, 6, 8)):
        response = client.post(reverse("leaders:rank", args=[plan.pk]))
        run = RankingRun.objects.get()
        assert response.url == reverse("leaders:run", args=[run.pk])
        assert client.get(response.url).status_code == 200
        client.post(reverse("leaders:draft", args=[run.pk]))
        leader_list = LeaderList.objects.get()
        client.post(reverse("leaders:open_notice", args=[leader_list.pk]), {"working_days": 10})
    with at(date(2026, 6, 24)):
        client.post(reverse("leaders:publish", args=[leader_list.pk]))
    leader_list.refresh_from_db()
    assert leader_list.state == ListState.PUBLISHED
    assert set(badges_for([leader.pk])) == {leader.pk}


def test_the_run_page_is_refused_to_an_enterprise(client, enterprise_user):
    plan = scheme(fridge())
    declare((EFFICIENCY, "eq", 38, 38))
    run = run_ranking_now(plan)
    client.force_login(enterprise_user)
    assert client.get(reverse("leaders:run", args=[run.pk])).status_code == 403
    response = client.post(reverse("leaders:draft", args=[run.pk]))
    assert not LeaderList.objects.exists() and response.status_code == 302


def run_ranking_now(plan):
    from biaozhun.leaders.services import run_ranking

    return run_ranking(SYSTEM, scheme=plan)


def test_badges_for_reads_once_and_only_published_lists(django_assert_num_queries, registered_user):
    leader_list = _published(registered_user)
    ids = list(leader_list.entries.values_list("declaration_id", flat=True))
    other = list_in_notice(date(2026, 6, 8), year=2027)  # in notice: no badge yet
    others = list(other.entries.values_list("declaration_id", flat=True))
    with django_assert_num_queries(1):
        badges = badges_for([*ids, *others])
    assert set(badges) == set(ids)
    assert badges[ids[0]].year == 2026
