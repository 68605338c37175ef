"""The groups pages as the public and as an organisation's members see them, with their query budgets."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from biaozhun.core import clock
from biaozhun.groups.models import Announcement, AnnouncementComment, GroupProfile, GroupStandard
from biaozhun.groups.services import publish_group_standard, submit_comment
from tests.fixtures.groups import profile_input, standard_input

pytestmark = pytest.mark.django_db


def test_the_registry_lists_and_finds_organisations_by_name_code_and_region(client, cas, cesa,
                                                                             django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        page = client.get(reverse("groups:list")).content.decode()
    assert "T/CAS" in page and "T/CESA" in page
    link = f'href="{reverse("groups:detail", args=["CAS"])}"'
    for q in ("标准化协会", "cas", "T/CAS", "北京"):
        assert link in client.get(reverse("groups:list"), {"q": q}).content.decode(), q
    assert link not in client.get(reverse("groups:list"), {"section": "I"}).content.decode()


def test_the_registry_keeps_its_queries_with_many_organisations(client, cas_admin, django_assert_max_num_queries):
    from biaozhun.core.actors import SYSTEM
    from biaozhun.groups.services import register_group
    from tests.factories.accounts import OrganisationFactory

    for n in range(12):
        register_group(actor=SYSTEM, organisation=OrganisationFactory(social_organisation=True),
                       data=profile_input(f"ZB{n}"))
    with django_assert_max_num_queries(8):
        assert client.get(reverse("groups:list")).status_code == 200


def test_an_organisations_page_shows_its_entry_standards_and_announcements(client, cas_standard, open_call,
                                                                           django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        page = client.get(reverse("groups:detail", args=["CAS"])).content.decode()
    for text in ("中华人民共和国民政部", "国家市场监督管理总局", "T/CAS 115-2026", "预拌混凝土", open_call.title):
        assert text in page
    assert reverse("groups:publish", args=["CAS"]) not in page  # the public gets no work links
    assert client.get(reverse("groups:detail", args=["cas"])).status_code == 301


def test_a_member_sees_the_work_links_and_publishes_through_the_form(client, cas, cas_member):
    client.force_login(cas_member)
    assert reverse("groups:publish", args=["CAS"]) in client.get(reverse("groups:detail", args=["CAS"])).content.decode()
    response = client.post(reverse("groups:publish", args=["CAS"]), {
        "number": "7", "year": "2026", "title_zh": "智能家居 互联互通", "published_on": "2026-03-01",
        "implemented_on": "2026-04-01", "main_content": "规定了互联互通的协议。"})
    assert response.status_code == 302, response.content.decode()
    assert GroupStandard.objects.get().standard.identifier == "T/CAS 7-2026"


def test_a_refused_publication_says_which_field_and_writes_nothing(client, cas, cas_member):
    client.force_login(cas_member)
    response = client.post(reverse("groups:publish", args=["CAS"]), {
        "number": "7", "year": "2026", "title_zh": "某标准", "published_on": "2026-03-01", "main_content": "内容",
        "involves_patents": "on"})
    assert response.status_code == 422
    assert "涉及专利时请写明专利名称" in response.content.decode()
    assert not GroupStandard.objects.exists()


def test_someone_else_cannot_open_the_publication_form(client, cas, cesa_admin):
    client.force_login(cesa_admin)
    assert client.get(reverse("groups:publish", args=["CAS"])).status_code == 403


def test_an_admin_registers_through_the_form_and_a_clashing_code_is_shown_on_its_field(client, cas_org, cas_admin):
    client.force_login(cas_admin)
    url = reverse("groups:register", args=[cas_org.pk])
    data = {"code": "JB", "registration_authority": "中华人民共和国民政部", "region": "11", "industry": "M74"}
    response = client.post(url, data)
    assert response.status_code == 422 and "行业标准代号" in response.content.decode()
    assert client.post(url, {**data, "code": "cas"}).status_code == 302
    assert GroupProfile.objects.get().code == "CAS"


def test_the_work_page_lists_the_members_organisations(client, cas, cas_member, cesa_org, cesa_admin):
    client.force_login(cas_member)
    assert "T/CAS" in client.get(reverse("groups:work")).content.decode()
    client.force_login(cesa_admin)
    assert reverse("groups:register", args=[cesa_org.pk]) in client.get(reverse("groups:work")).content.decode()


def test_a_member_posts_a_call_for_comments_through_the_form(client, cas, cas_member):
    client.force_login(cas_member)
    today = clock.today()
    response = client.post(reverse("groups:announce", args=["CAS"]), {
        "kind": "draft_for_comment", "title": "征求意见通知", "standard_title": "某标准", "body": "请提意见",
        "comment_start": today.isoformat(), "comment_end": (today + timedelta(days=30)).isoformat()})
    assert response.status_code == 302
    assert Announcement.objects.get().comment_end == today + timedelta(days=30)


def test_the_public_reads_a_call_and_is_asked_to_sign_in_to_comment(client, open_call,
                                                                      django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        page = client.get(open_call.get_absolute_url()).content.decode()
    assert open_call.title in page and "登录后提出意见" in page


def test_a_signed_in_person_comments_on_the_page_and_a_late_one_reads_why_not(client, open_call, registered_user):
    client.force_login(registered_user)
    url = reverse("groups:comment_submit", args=[open_call.pk])
    assert client.post(url, {"text": "建议增加试验方法", "clause": "5.1"}).status_code == 302
    page = client.get(open_call.get_absolute_url()).content.decode()
    assert "建议增加试验方法" in page  # their own comment
    with time_machine.travel(open_call.comment_end + timedelta(days=1), tick=False):
        client.force_login(registered_user)  # the session of a month ago has timed out
        refused = client.post(url, {"text": "晚到的意见"})
        assert refused.status_code == 409
        assert f"征求意见已于 {open_call.comment_end.isoformat()} 截止" in refused.content.decode()
    assert AnnouncementComment.objects.count() == 1


def test_the_organisation_reads_and_exports_the_comments(client, open_call, cas_member, registered_user,
                                                         django_assert_max_num_queries):
    submit_comment(actor=registered_user, announcement=open_call, text="=HYPERLINK(\"http://x\")", clause="1")
    client.force_login(cas_member)
    with django_assert_max_num_queries(12):
        assert "HYPERLINK" in client.get(reverse("groups:comments", args=[open_call.pk])).content.decode()
    response = client.get(reverse("groups:comments_xlsx", args=[open_call.pk]))
    sheet = load_workbook(__import__("io").BytesIO(response.content)).active
    assert sheet.cell(row=3, column=3).value == "=HYPERLINK(\"http://x\")"
    assert sheet.cell(row=3, column=3).data_type == "s"  # text, never a formula
    client.force_login(registered_user)
    assert client.get(reverse("groups:comments", args=[open_call.pk])).status_code == 403


def test_the_statistics_count_by_province_and_section_and_download(client, cas, cesa, cas_member,
                                                                   django_assert_max_num_queries):
    publish_group_standard(actor=cas_member, profile=cas, data=standard_input())
    with django_assert_max_num_queries(8):
        page = client.get(reverse("groups:statistics")).content.decode()
    assert "北京" in page and "科学研究和技术服务业" in page
    # A chart above each table (the tables stay, for screen readers and copying), drawn as inline SVG.
    assert page.count('<svg class="bar-chart"') == 2 and page.count("<table") == 2
    assert 'aria-labelledby="chart-by-province-title chart-by-province-desc"' in page
    assert "社会团体最多的是北京（2 个，团体标准 1 项）" in page
    assert page.index('id="chart-by-section"') < page.index('id="by-section"')
    sheet = load_workbook(__import__("io").BytesIO(client.get(reverse("groups:statistics_xlsx")).content)).active
    assert [c.value for c in sheet[2]] == ["11", "北京", 2, 1]


def test_the_statistics_page_without_organisations_draws_no_chart(client):
    page = client.get(reverse("groups:statistics")).content.decode()
    assert "<svg" not in page and "暂无数据" in page


def test_the_draft_is_served_to_everyone(client, cas, cas_member):
    from biaozhun.groups.services import post_announcement
    from tests.factories.files import real_pdf
    from tests.fixtures.groups import comment_input

    today = clock.today()
    call = post_announcement(actor=cas_member, profile=cas, draft=real_pdf("草案"),
                             data=comment_input(today, today + timedelta(days=10)))
    response = client.get(reverse("groups:announcement_draft", args=[call.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
