"""The application pages: the establishment form (a refused submission shows why on the form), the public notice
with its comments (names only for the applicant and the administration), the administration's queue and
decision, and drafts hidden from everyone else."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from biaozhun.committees.applications.models import Application, ApplicationStatus
from biaozhun.committees.applications.services import comment_on_application
from biaozhun.committees.models import Committee

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
ROWS = [("王建国", "producer", "chair"), ("李敏", "user", "member"), ("张伟", "research", "member"),
        ("刘洋", "testing", "member"), ("陈静", "producer", "member"), ("杨磊", "consumer", "member")]


def form_data(institute, ministry, rows=ROWS, **changes):
    data = {"kind": "TC", "code": "SAC/TC 907", "name_zh": "全国氢能标准化技术委员会", "name_en": "",
            "scope": "氢能制取、储运和加注。", "justification": "产业急需。", "international_counterpart": "ISO/TC 197",
            "secretariat": institute.name, "guiding_unit": ministry.name, "contact_name": "联络人",
            "contact_phone": "010-7654321", "contact_email": "h2@example.org",
            "seats-TOTAL_FORMS": str(len(rows) + 1), "seats-INITIAL_FORMS": "0", "seats-MIN_NUM_FORMS": "0",
            "seats-MAX_NUM_FORMS": "200"}
    for n, (name, stakeholder, role) in enumerate(rows):
        data |= {f"seats-{n}-name": name, f"seats-{n}-organisation": "某单位", f"seats-{n}-stakeholder": stakeholder,
                 f"seats-{n}-role": role, f"seats-{n}-title": "研究员", f"seats-{n}-voting": "on"}
    return {**data, **changes}


def test_a_ministry_applies_through_the_form_and_submits(client, ministry_user, ministry, institute):
    client.force_login(ministry_user)
    assert client.get("/committees/applications/new/").status_code == 200
    response = client.post("/committees/applications/new/", form_data(institute, ministry, submit="1"))
    application = Application.objects.get()
    assert response.status_code == 302 and response["Location"] == application.get_absolute_url()
    assert (application.state, application.seats.count()) == (ApplicationStatus.SUBMITTED, 6)
    assert application.guiding_unit == ministry and application.international_counterpart == "ISO/TC 197"
    page = client.get(application.get_absolute_url()).content.decode()
    assert "全国氢能标准化技术委员会" in page and "已提交" in page


def test_an_unbalanced_roll_is_shown_on_the_form_and_the_application_stays_a_draft(client, ministry_user, ministry,
                                                                                   institute):
    client.force_login(ministry_user)
    rows = [("甲", "producer", "chair"), ("乙", "producer", "member"), ("丙", "producer", "member"),
            ("丁", "producer", "member"), ("戊", "user", "member")]
    response = client.post("/committees/applications/new/", form_data(institute, ministry, rows, submit="1"))
    assert response.status_code == 422
    assert "生产者占 4 名，超过半数" in response.content.decode()
    assert Application.objects.get().state == ApplicationStatus.DRAFT


def test_an_unknown_organisation_is_named_on_its_field(client, ministry_user, ministry, institute):
    client.force_login(ministry_user)
    response = client.post("/committees/applications/new/",
                           form_data(institute, ministry, guiding_unit="不存在的部"))
    assert response.status_code == 422
    assert "没有找到“不存在的部”" in response.content.decode()
    assert not Application.objects.exists()


def test_a_draft_is_hidden_from_the_public_and_other_organisations(client, draft_application, bureau_user):
    url = draft_application.get_absolute_url()
    assert client.get(url).status_code == 404
    client.force_login(bureau_user)
    assert client.get(url).status_code == 404
    assert client.get("/committees/applications/").content.decode().count(url) == 0


def test_the_notice_is_public_and_comments_show_pseudonyms_to_the_public_names_to_the_administration(
        client, notice_application, registered_user, admin_user):
    comment_on_application(actor=registered_user, application=notice_application, text="建议扩大工作领域。")
    url = notice_application.get_absolute_url()
    assert url in client.get("/committees/applications/").content.decode()
    page = client.get(url).content.decode()
    assert "意见人 1" in page and registered_user.real_name not in page and "登录后提出意见" in page
    client.force_login(admin_user)
    assert registered_user.real_name in client.get(url).content.decode()


def test_a_signed_in_person_comments_from_the_notice_page(client, notice_application, registered_user):
    client.force_login(registered_user)
    response = client.post(f"{notice_application.get_absolute_url()}comment/", {"text": "同意筹建。"})
    assert response.status_code == 302
    assert notice_application.comments.get().text == "同意筹建。"
    response = client.post(f"{notice_application.get_absolute_url()}comment/", {"text": ""})
    assert response.status_code == 422 and notice_application.comments.count() == 1


def test_the_administration_opens_the_notice_and_decides_from_the_pages(client, submitted_application, admin_user):
    client.force_login(admin_user)
    assert submitted_application.get_absolute_url() in client.get("/committees/applications/queue/").content.decode()
    with time_machine.travel(datetime(2026, 6, 1, 10, tzinfo=SHANGHAI), tick=False):
        client.post(f"{submitted_application.get_absolute_url()}notice/")
        early = client.post(f"{submitted_application.get_absolute_url()}decide/", {"outcome": "approve"})
    assert early.status_code == 409 and "公示期满后才能批准" in early.content.decode()
    with time_machine.travel(datetime(2026, 7, 2, 10, tzinfo=SHANGHAI), tick=False):
        response = client.post(f"{submitted_application.get_absolute_url()}decide/",
                               {"outcome": "approve", "decision": "国标委函〔2026〕31号"})
    assert response.status_code == 302 and response["Location"] == "/committees/SAC/TC%20901/"
    assert Committee.objects.get(code="SAC/TC 901").terms.count() == 1


def test_a_rejection_without_a_reason_is_refused_on_the_form(client, submitted_application, admin_user):
    client.force_login(admin_user)
    response = client.post(f"{submitted_application.get_absolute_url()}decide/", {"outcome": "reject"})
    assert response.status_code == 422 and "请填写不予批准的理由" in response.content.decode()
    assert Application.objects.get(pk=submitted_application.pk).state == ApplicationStatus.SUBMITTED
