"""The participation pages: the public register, committee, posts and work items (no ballot shown to the public);
the ballots of one's committees and the form that records China's vote; the administration's stage moves; the link
on the profile page. Refusals are shown with their status."""

from datetime import timedelta

import pytest
from django.urls import reverse

from biaozhun.core import clock
from biaozhun.core.actors import SYSTEM
from biaozhun.international.services.participation import record_post, register_committee

pytestmark = pytest.mark.django_db


def test_the_public_register_shows_membership_and_mirror_committees_within_a_query_budget(
        client, jtc1, iso_tc176, django_assert_max_num_queries):
    for n in range(30):
        register_committee(actor=SYSTEM, code=f"ISO/TC {300 + n}", title=f"Committee {n}", china_membership="P")
    with django_assert_max_num_queries(8):
        response = client.get(reverse("international:participation_register"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "ISO/IEC JTC 1" in page and "SAC/TC 28" in page and "P成员 31" in page and "O成员 1" in page
    observed = client.get(reverse("international:participation_register"), {"membership": "O"}).content.decode()
    assert "ISO/TC 176" in observed and "ISO/IEC JTC 1" not in observed
    assert "ISO/TC 176" in client.get(reverse("international:participation_register"), {"q": "TC 151"}).content.decode()


def test_a_committees_page_is_public_but_its_ballots_are_not(client, tc28_iso_ballot, china_work_item,
                                                             secretariat_user):
    url = reverse("international:participation_committee", args=[tc28_iso_ballot.international_id])
    page = client.get(url).content.decode()
    assert "ISO/NP 5001" in page and "上级技术委员会" in page and "ISO/IEC DIS 27090" not in page
    client.force_login(secretariat_user)
    assert "ISO/IEC DIS 27090" in client.get(url).content.decode()


def test_posts_expiring_soon_are_marked(client, jtc1):
    today = clock.today()
    record_post(actor=SYSTEM, international=jtc1, kind="chair", holder="李明", organisation="某研究院",
                start=today - timedelta(days=1000), end=today + timedelta(days=30))
    record_post(actor=SYSTEM, international=jtc1, kind="secretariat", organisation="中国电子技术标准化研究院",
                start=today - timedelta(days=1000))
    record_post(actor=SYSTEM, international=jtc1, kind="vice_chair", holder="赵前任", organisation="某大学",
                start=today - timedelta(days=2000), end=today - timedelta(days=1))
    page = client.get(reverse("international:participation_posts")).content.decode()
    assert "30 天后届满" in page and "中国电子技术标准化研究院" in page and "赵前任" not in page
    expiring = client.get(reverse("international:participation_posts"), {"show": "expiring"}).content.decode()
    assert "李明" in expiring and "中国电子技术标准化研究院" not in expiring
    assert "赵前任" in client.get(reverse("international:participation_posts"), {"show": "all"}).content.decode()


def test_a_work_item_shows_its_stage_history_and_the_administration_moves_it(client, china_work_item, admin_user,
                                                                           secretariat_user):
    url = china_work_item.get_absolute_url()
    page = client.get(url).content.decode()
    assert "10.20 新项目投票开始" in page and "00.00 → <strong>10.20</strong>" in page and "stage-form" not in page
    client.force_login(secretariat_user)
    refused = client.post(reverse("international:participation_stage", args=[china_work_item.pk]), {"stage": "10.99"})
    assert refused.status_code == 403
    client.force_login(admin_user)
    assert "stage-form" in client.get(url).content.decode()
    response = client.post(reverse("international:participation_stage", args=[china_work_item.pk]),
                           {"stage": "10.99", "on": clock.today().isoformat(), "note": "NP approved"}, follow=True)
    assert "10.99 新项目批准" in response.content.decode() and "NP approved" in response.content.decode()
    wrong = client.post(reverse("international:participation_stage", args=[china_work_item.pk]), {"stage": "00.20"})
    assert wrong.status_code == 409 and "可登记的阶段" in wrong.content.decode()


def test_the_ballots_page_lists_ones_own_committees_ballots_only(client, tc28_iso_ballot, tc151_iso_ballot,
                                                                  secretariat_user, admin_user, registered_user):
    url = reverse("international:participation_ballots")
    assert client.get(url).status_code == 302  # to sign in
    client.force_login(registered_user)
    assert client.get(url).status_code == 403
    client.force_login(secretariat_user)
    page = client.get(url).content.decode()
    assert "ISO/IEC DIS 27090" in page and "ISO/TC 176 N 1500" not in page
    assert client.get(reverse("international:participation_ballot", args=[tc151_iso_ballot.pk])).status_code == 404
    client.force_login(admin_user)
    page = client.get(url).content.decode()
    assert "ISO/IEC DIS 27090" in page and "ISO/TC 176 N 1500" in page and "剩 3 天" in page


def test_the_secretariat_records_chinas_vote_with_comments_on_the_ballots_page(client, tc28_iso_ballot, secretariat_user):
    client.force_login(secretariat_user)
    vote_url = reverse("international:participation_vote", args=[tc28_iso_ballot.pk])
    refused = client.post(vote_url, {"vote": "approve_with_comments", "comments": ""})
    assert refused.status_code == 422 and "须填写我国意见" in refused.content.decode()
    response = client.post(vote_url, {"vote": "approve_with_comments", "comments": "6.1：建议增加模型窃取威胁。"},
                           follow=True)
    page = response.content.decode()
    assert "已记录我国投票：赞成并附意见" in page and "6.1：建议增加模型窃取威胁。" in page
    tc28_iso_ballot.refresh_from_db()
    assert (tc28_iso_ballot.vote, tc28_iso_ballot.recorded_by) == ("approve_with_comments", secretariat_user)


def test_the_administration_sees_the_vote_but_has_no_form(client, tc28_iso_ballot, admin_user):
    client.force_login(admin_user)
    page = client.get(tc28_iso_ballot.get_absolute_url()).content.decode()
    assert "尚未记录我国投票" in page and "vote-form" not in page
    assert client.post(reverse("international:participation_vote", args=[tc28_iso_ballot.pk]),
                       {"vote": "approve"}).status_code == 403


def test_the_profile_page_links_a_secretariat_to_its_ballots(client, secretariat_user, enterprise_user):
    link = reverse("international:participation_ballots")
    client.force_login(secretariat_user)
    assert link in client.get(reverse("accounts:profile")).content.decode()
    client.force_login(enterprise_user)
    assert link not in client.get(reverse("accounts:profile")).content.decode()
