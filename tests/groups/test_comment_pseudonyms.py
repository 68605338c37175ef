"""Comments on a 征求意见 are public under a pseudonym per announcement (评论者 1, 2… in the order of each person's
first comment); the announcing organisation and the administrators see who made them, on the page, in the API and
in the XLSX export."""

import io
from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse
from openpyxl import load_workbook

from biaozhun.core import clock
from biaozhun.groups.models import AnnouncementComment
from biaozhun.groups.services import post_announcement, submit_comment
from tests.factories.accounts import UserFactory
from tests.fixtures.groups import comment_input

pytestmark = pytest.mark.django_db


def _three_comments(call, first, second):
    submit_comment(actor=first, announcement=call, text="第一条", organisation_name="甲研究院")
    submit_comment(actor=second, announcement=call, text="第二条", organisation_name="乙检测中心")
    submit_comment(actor=first, announcement=call, text="第三条")


def test_a_person_keeps_one_pseudonym_per_announcement_and_each_announcement_counts_from_one(cas, cas_member,
                                                                                              open_call):
    first, second = UserFactory(real_name="张三"), UserFactory(real_name="李四")
    _three_comments(open_call, first, second)
    assert list(open_call.comments.values_list("number", "commenter_number")) == [(1, 1), (2, 2), (3, 1)]
    today = clock.today()
    other = post_announcement(actor=cas_member, profile=cas, data=comment_input(today, today + timedelta(days=5)))
    assert submit_comment(actor=second, announcement=other, text="另一公告").pseudonym == "评论者 1"


def test_the_public_and_other_commenters_see_pseudonyms_never_names(client, open_call):
    first, second = UserFactory(real_name="张三"), UserFactory(real_name="李四")
    _three_comments(open_call, first, second)
    for viewer in (None, UserFactory(), second):
        if viewer is None:
            client.logout()
        else:
            client.force_login(viewer)
        html = client.get(open_call.get_absolute_url()).content.decode()
        assert html.count("评论者 1") == 2 and html.count("评论者 2") == 1
        assert "第一条" in html and "第三条" in html
        names = ("张三", "甲研究院") if viewer is second else ("张三", "李四", "甲研究院", "乙检测中心")
        for secret in names:  # (the second commenter's own name is on the page: in the menu)
            assert secret not in html
    assert "（我）" in html  # the second commenter sees which comment is theirs


@pytest.mark.parametrize("viewer", ["cas_member", "admin_user"])
def test_the_announcing_organisation_and_administrators_see_who_commented(request, client, open_call, viewer):
    first, second = UserFactory(real_name="张三"), UserFactory(real_name="李四")
    _three_comments(open_call, first, second)
    client.force_login(request.getfixturevalue(viewer))
    html = client.get(open_call.get_absolute_url()).content.decode()
    assert "张三（甲研究院） · 评论者 1" in html and "李四（乙检测中心） · 评论者 2" in html
    body = client.get(f"/api/v1/groups/announcements/{open_call.pk}/comments").json()
    assert [(c["commenter"], c["author_name"], c["organisation_name"]) for c in body] == [
        ("评论者 1", "张三", "甲研究院"), ("评论者 2", "李四", "乙检测中心"), ("评论者 1", "张三", "")]


def test_another_organisations_admin_gets_pseudonyms_from_the_api(client, open_call, cesa_admin):
    _three_comments(open_call, UserFactory(real_name="张三"), UserFactory(real_name="李四"))
    client.force_login(cesa_admin)
    body = client.get(f"/api/v1/groups/announcements/{open_call.pk}/comments", {"limit": 2, "offset": 1}).json()
    assert [(c["number"], c["commenter"], c["author_name"], c["organisation_name"]) for c in body] == [
        (2, "评论者 2", None, None), (3, "评论者 1", None, None)]


def test_the_organisations_export_keeps_the_names_beside_the_pseudonyms(client, open_call, cas_member):
    _three_comments(open_call, UserFactory(real_name="张三"), UserFactory(real_name="李四"))
    client.force_login(cas_member)
    sheet = load_workbook(io.BytesIO(client.get(reverse("groups:comments_xlsx", args=[open_call.pk])).content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3)]
    assert [(row[4], row[5], row[7]) for row in rows] == [("张三", "甲研究院", "评论者 1"), ("李四", "乙检测中心", "评论者 2"),
                                                          ("张三", None, "评论者 1")]


def test_the_announcement_page_reads_its_comments_within_a_query_budget(client, open_call,
                                                                         django_assert_max_num_queries):
    people = [UserFactory() for _ in range(5)]
    for n in range(60):
        submit_comment(actor=people[n % 5], announcement=open_call, text=f"意见 {n}")
    with django_assert_max_num_queries(7):
        page = client.get(open_call.get_absolute_url())
    html = page.content.decode()
    assert html.count('class="border-bottom py-2"') == 50 and "第 1 / 2 页" in html
    assert "评论者 5" in html and "评论者 6" not in html


def test_existing_comments_are_numbered_by_the_migration_as_the_service_numbers_new_ones(open_call):
    first, second = UserFactory(), UserFactory()
    _three_comments(open_call, first, second)
    AnnouncementComment.objects.update(commenter_number=0)
    migration = import_module("biaozhun.groups.migrations.0002_commenter_pseudonyms")
    migration.number_commenters(apps, None)
    assert list(open_call.comments.values_list("commenter_number", flat=True)) == [1, 2, 1]


def test_a_deleted_account_leaves_its_comments_under_the_accounts_pseudonym(open_call):
    from biaozhun.accounts.privacy.personal_data import delete_account, export_personal_data
    from tests.factories.accounts import DEFAULT_PASSWORD

    person = UserFactory(real_name="张三")
    submit_comment(actor=person, announcement=open_call, text="意见", organisation_name="甲研究院")
    exported = export_personal_data(actor=person, user=person)
    assert exported["group_comments"][0]["author_name"] == "张三"
    pseudonym = delete_account(actor=person, user=person, password=DEFAULT_PASSWORD)
    comment = AnnouncementComment.objects.get()
    assert comment.author_name == pseudonym and comment.text == "意见"
