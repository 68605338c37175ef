"""The assessment pages: the administration's list per year (filters, the committees below the pass mark) within a
query budget; one assessment's page for the administration (its forms) and for the secretariat (its own, the
grade once finalised); the scheme form; decisions made from the page, refusals shown with their status."""

import pytest
from django.urls import reverse

from biaozhun.assessments.models import Assessment, AssessmentScheme, Decision
from biaozhun.assessments.services import compute_assessment, run_assessments
from biaozhun.committees.models import Committee
from tests.factories.committees import CommitteeFactory

from .conftest import YEAR, finalised, seated

pytestmark = pytest.mark.django_db


def _list(client, **query):
    return client.get(reverse("assessments:list"), {"year": YEAR, **query})


def test_the_list_shows_every_committee_of_the_year_with_its_grade_within_a_query_budget(
        client, admin_user, django_assert_max_num_queries):
    for n in range(60):
        seated(f"SAC/TC {600 + n}")
    run_assessments(actor=admin_user, year=YEAR)
    failing = finalised(Committee.objects.get(code="SAC/TC 600"), admin_user)
    client.force_login(admin_user)
    with django_assert_max_num_queries(16):
        response = _list(client)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('href="/assessments/') >= 50 and "第 1 / 2 页" in page
    assert "共 60 份" in page and "低于合格线 1" in page
    with django_assert_max_num_queries(16):
        flagged = _list(client, show="flagged").content.decode()
    assert failing.get_absolute_url() in flagged and "SAC/TC 601" not in flagged
    assert "暂停工作" in flagged  # the recommended measure
    assert "SAC/TC 602" in _list(client, q="TC 602").content.decode()
    assert "SAC/TC 602" not in _list(client, grade="fail").content.decode()


def test_the_administration_runs_the_year_from_the_list(client, reviewer_user):
    seated("SAC/TC 70")
    client.force_login(reviewer_user)
    response = client.post(reverse("assessments:run"), {"year": YEAR}, follow=True)
    assert "新建 1 份，计算 1 份" in response.content.decode()
    assert Assessment.objects.get().committee.code == "SAC/TC 70"


@pytest.mark.parametrize("role", ["secretariat_user", "registered_user", "enterprise_user"])
def test_only_the_administration_sees_the_list(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert _list(client).status_code == 403
    assert client.post(reverse("assessments:run"), {"year": YEAR}).status_code == 403
    assert not Assessment.objects.exists()


def test_the_assessor_scores_on_the_page_and_a_bad_score_is_shown_on_its_field(client, committee, reviewer_user):
    assessment = compute_assessment(actor=reviewer_user, committee=committee, year=YEAR)
    client.force_login(reviewer_user)
    page = client.get(assessment.get_absolute_url()).content.decode()
    assert 'id="score-form"' in page and 'id="decide-form"' not in page and 'id="finalise"' not in page
    assert "委员构成均衡度" in page and "6 / 6" in page
    refused = client.post(reverse("assessments:score", args=[assessment.pk]),
                          {"score-secretariat": "150", "score-openness": "80"})
    assert refused.status_code == 422
    assert "秘书处工作：请填写 0 到 100 之间的分数。" in refused.content.decode()
    assert 'value="150"' in refused.content.decode()  # what was typed stays
    client.post(reverse("assessments:score", args=[assessment.pk]),
                {"score-secretariat": "80", "score-openness": "70", "comment-secretariat": "纪要完整"})
    assessment.refresh_from_db()
    assert assessment.state == "scored" and assessment.manual["secretariat"] == {"score": 80.0, "remark": "纪要完整"}


def test_the_administrator_finalises_and_decides_on_the_page(client, committee, admin_user):
    assessment = compute_assessment(actor=admin_user, committee=committee, year=YEAR)
    client.force_login(admin_user)
    client.post(reverse("assessments:score", args=[assessment.pk]), {"score-secretariat": "0", "score-openness": "0"})
    client.post(reverse("assessments:finalise", args=[assessment.pk]))
    page = client.get(assessment.get_absolute_url()).content.decode()
    assert 'id="decide-form"' in page and 'option value="suspension" selected' in page
    refused = client.post(reverse("assessments:decide", args=[assessment.pk]), {"measure": "suspension", "reason": ""})
    assert refused.status_code == 422 and "请填写作出决定的理由。" in refused.content.decode()
    client.post(reverse("assessments:decide", args=[assessment.pk]),
                {"measure": "suspension", "reason": "考核不合格。", "document": "国标委发〔2026〕6号",
                 "decided_on": "2026-03-16"})
    committee.refresh_from_db()
    assert committee.status == "suspended" and Decision.objects.get().measure == "suspension"
    page = client.get(assessment.get_absolute_url()).content.decode()
    assert 'id="decide-form"' not in page and "国标委发〔2026〕6号" in page and "暂停工作" in page


def test_the_secretariat_sees_its_own_assessment_and_the_grade_only_once_finalised(client, committee,
                                                                                   secretariat_user, admin_user):
    assessment = compute_assessment(actor=admin_user, committee=committee, year=YEAR)
    client.force_login(secretariat_user)
    page = client.get(assessment.get_absolute_url()).content.decode()
    assert "定稿后公布" in page and 'id="score-form"' not in page and 'id="compute"' not in page
    mine = client.get(reverse("assessments:mine")).content.decode()
    assert assessment.get_absolute_url() in mine and reverse("assessments:report_pdf", args=[committee.pk, YEAR]) in mine
    final = finalised(committee, admin_user, secretariat=60, openness=60)
    page = client.get(final.get_absolute_url()).content.decode()
    assert ">合格</span>" in page and "会议纪要不全" in page


def test_another_committees_secretariat_and_the_public_get_nothing(client, secretariat_user, admin_user):
    other = compute_assessment(actor=admin_user, committee=seated("SAC/TC 151"), year=YEAR)
    client.force_login(secretariat_user)
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(reverse("assessments:report_xlsx", args=[other.committee_id, YEAR])).status_code == 404
    client.logout()
    assert client.get(other.get_absolute_url()).status_code == 302


def test_a_draft_is_the_administrations_alone(client, committee, secretariat_user):
    draft = Assessment.objects.create(committee=committee, year=YEAR)
    client.force_login(secretariat_user)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_the_scheme_page_saves_a_new_version_and_names_each_wrong_field(client, admin_user, reviewer_user):
    client.force_login(reviewer_user)
    page = client.get(reverse("assessments:scheme", args=[YEAR])).content.decode()
    assert "尚未设定" in page and 'id="save-scheme"' not in page
    client.force_login(admin_user)
    form = {f"{code}-{name}": value for code, weight in [
        ("projects_on_time", 20), ("reviews_on_time", 10), ("feedback_in_time", 10), ("comments_disposed", 10),
        ("vote_attendance", 10), ("balance", 10), ("international", 10)]
        for name, value in (("weight", weight), ("full_at", "0.9"), ("zero_at", "0.5"))}
    form |= {"manual-count": "3", "manual-0-code": "secretariat", "manual-0-name_zh": "秘书处工作",
             "manual-0-weight": "20", "excellent_from": "90", "good_from": "75", "pass_from": "60",
             "suspend_below": "45", "revoke_below": "30", "correction_days": "90", "version": "0"}
    saved = client.post(reverse("assessments:scheme", args=[YEAR]), form, follow=True)
    assert "考核方案已保存" in saved.content.decode()
    scheme = AssessmentScheme.objects.get(year=YEAR)
    assert scheme.version == 2 and scheme.config["correction_days"] == 90
    refused = client.post(reverse("assessments:scheme", args=[YEAR]), form | {"version": "2", "pass_from": "八十",
                                                                             "balance-full_at": "0.3"})
    assert refused.status_code == 422
    text = refused.content.decode()
    assert "合格分数线：请填写数字。" in text and "委员构成均衡度·满分线：满分线应高于零分线。" in text
    assert AssessmentScheme.objects.get(year=YEAR).version == 2


def test_the_pages_name_no_stage_of_a_project_and_render_for_a_committee_without_anything(client, admin_user):
    bare = CommitteeFactory(code="SAC/TC 71")
    assessment = compute_assessment(actor=admin_user, committee=bare, year=YEAR)
    client.force_login(admin_user)
    page = client.get(assessment.get_absolute_url()).content.decode()
    assert page.count("不适用") >= 7 and 'id="total">—' in page


def test_an_assessment_page_and_the_secretariats_page_keep_to_a_query_budget(client, committee, admin_user,
                                                                            secretariat_user,
                                                                            django_assert_max_num_queries):
    first = finalised(committee, admin_user)
    compute_assessment(actor=admin_user, committee=committee, year=YEAR)  # version 2
    for year in (YEAR - 1, YEAR - 2):
        compute_assessment(actor=admin_user, committee=committee, year=year)
    client.force_login(admin_user)
    with django_assert_max_num_queries(20):
        page = client.get(first.get_absolute_url())
    assert "此版本已由更新的版本取代" in page.content.decode()
    client.force_login(secretariat_user)
    with django_assert_max_num_queries(14):
        mine = client.get(reverse("assessments:mine")).content.decode()
    assert mine.count('href="/assessments/') >= 3


def test_the_navigation_leads_the_administration_to_the_list_and_the_profile_a_secretariat_to_its_own(
        client, reviewer_user, secretariat_user, registered_user):
    client.force_login(reviewer_user)
    assert f'href="{reverse("assessments:list")}"' in client.get("/").content.decode()
    client.force_login(secretariat_user)
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert f'href="{reverse("assessments:mine")}"' in profile
    assert f'href="{reverse("assessments:list")}"' not in client.get("/").content.decode()
    client.force_login(registered_user)
    assert "委员会考核" not in client.get("/").content.decode()
    assert client.get(reverse("assessments:mine")).status_code == 403
