"""The plan's pages and API: the public plan with its filters, a project's page with the moves its viewer may make,
the administration's forms (a project, a plan file, publishing the PDF), the standard's page listing its versions,
and the profile page's link."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from biaozhun.core import clock
from biaozhun.core.actors import SYSTEM
from biaozhun.international.models import TranslationProject
from biaozhun.international.services.translations import move_translation, publish_translation
from biaozhun.rules.translations import TranslationState as S
from tests.factories.files import real_pdf
from tests.fixtures.international_translations import xlsx

pytestmark = pytest.mark.django_db


def _published(project):
    for to in (S.TRANSLATING, S.REVIEW, S.APPROVED):
        project = move_translation(actor=SYSTEM, project=project, to=to)
    return publish_translation(actor=SYSTEM, project=project, content=real_pdf("English version"))


def test_the_plan_is_public_and_filters_by_year_language_and_state(client, translation_project,
                                                                  django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        page = client.get("/international/translations/", {"year": clock.today().year, "language": "en"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "T-001" in html and "GB 39147-2025" in html and "计划下达" in html
    assert 'id="manage"' not in html
    assert "T-001" not in client.get("/international/translations/", {"language": "fr"}).content.decode()
    assert "T-001" not in client.get("/international/translations/", {"state": "published"}).content.decode()


def test_a_projects_page_shows_the_undertakers_moves_only(client, enterprise_user, translation_project):
    anonymous = client.get(translation_project.get_absolute_url()).content.decode()
    assert 'id="moves"' not in anonymous
    client.force_login(enterprise_user)
    html = client.get(translation_project.get_absolute_url()).content.decode()
    assert 'value="translating"' in html and 'value="cancelled"' not in html
    response = client.post(f"/international/translations/{translation_project.pk}/move/", {"to": "translating"})
    assert response.status_code == 302
    translation_project.refresh_from_db()
    assert translation_project.state == S.TRANSLATING


def test_a_refused_move_is_shown_on_the_page_and_changes_nothing(client, enterprise_user, translation_project):
    client.force_login(enterprise_user)
    response = client.post(f"/international/translations/{translation_project.pk}/move/", {"to": "approved"})
    assert response.status_code == 409 and "可改为" in response.content.decode()
    translation_project.refresh_from_db()
    assert translation_project.state == S.PLANNED


def test_anonymous_and_other_people_cannot_move(client, registered_user, translation_project):
    assert client.post(f"/international/translations/{translation_project.pk}/move/",
                       {"to": "translating"}).status_code == 302  # to sign in
    client.force_login(registered_user)
    assert client.post(f"/international/translations/{translation_project.pk}/move/",
                       {"to": "translating"}).status_code == 403
    translation_project.refresh_from_db()
    assert translation_project.state == S.PLANNED


def test_the_administration_creates_a_project_by_form(client, reviewer_user, diesel_standard):
    client.force_login(reviewer_user)
    assert client.get("/international/translations/new/").status_code == 200
    response = client.post("/international/translations/new/", {
        "standard": "gb 39147-2025", "language": "ru", "plan_year": clock.today().year, "plan_number": "R-9",
        "undertaker_name": "中国标准化研究院"})
    assert response.status_code == 302
    assert TranslationProject.objects.get(plan_number="R-9").standard == diesel_standard
    refused = client.post("/international/translations/new/", {
        "standard": "GB 1-1900", "language": "ru", "plan_year": clock.today().year, "plan_number": "R-10",
        "undertaker_name": "某单位"})
    assert refused.status_code == 422 and "目录中已收录" in refused.content.decode()


def test_a_plan_file_with_errors_shows_row_and_column(client, admin_user, diesel_standard):
    client.force_login(admin_user)
    content = xlsx([["计划编号", "标准号", "语种", "承担单位"], ["P-1", "GB 39147-2025", "火星文", "某研究院"]])
    response = client.post("/international/translations/import/", {
        "year": clock.today().year, "file": SimpleUploadedFile("plan.xlsx", content)})
    html = response.content.decode()
    assert response.status_code == 422 and 'id="problems"' in html and "语种" in html and ">2<" in html
    assert not TranslationProject.objects.exists()
    good = xlsx([["计划编号", "标准号", "语种", "承担单位"], ["P-1", "GB 39147-2025", "英文", "某研究院"]])
    response = client.post("/international/translations/import/", {
        "year": clock.today().year, "file": SimpleUploadedFile("plan.xlsx", good)})
    assert response.status_code == 302 and TranslationProject.objects.filter(plan_number="P-1").exists()
    assert client.get("/international/translations/template.xlsx").content.startswith(b"PK")


def test_publishing_through_the_page_refuses_a_file_that_is_not_a_pdf(client, admin_user, translation_project):
    for to in (S.TRANSLATING, S.REVIEW, S.APPROVED):
        move_translation(actor=SYSTEM, project=translation_project, to=to)
    client.force_login(admin_user)
    assert 'id="publish"' in client.get(translation_project.get_absolute_url()).content.decode()
    url = f"/international/translations/{translation_project.pk}/publish/"
    refused = client.post(url, {"file": SimpleUploadedFile("en.pdf", b"hello", content_type="application/pdf")})
    assert refused.status_code == 422 and "PDF" in refused.content.decode()
    done = client.post(url, {"file": SimpleUploadedFile("en.pdf", real_pdf("EN"), content_type="application/pdf")})
    assert done.status_code == 302
    translation_project.refresh_from_db()
    assert translation_project.state == S.PUBLISHED


def test_the_standards_page_lists_its_versions_and_translations_in_progress(client, translation_project, admin_user):
    from biaozhun.international.services.translations import ProjectInput, create_translation

    _published(translation_project)
    french = create_translation(actor=admin_user, data=ProjectInput(
        standard=translation_project.standard, language="fr", plan_year=clock.today().year, plan_number="T-002",
        undertaker_name="中国标准化研究院"))
    move_translation(actor=admin_user, project=french, to=S.TRANSLATING)
    html = client.get("/std/GB 39147-2025").content.decode()
    assert 'id="foreign-versions"' in html
    assert "英文" in html and "T-001" in html
    assert "法文：翻译中（翻译中）" in html and "T-002" in html
    # A mandatory standard's English version is read online by everyone, not downloaded.
    assert client.get("/std/GB 39147-2025/read/en").status_code == 200
    assert client.get("/std/GB 39147-2025/fulltext/en.pdf?download=1").status_code == 403


def test_a_standard_without_versions_shows_no_section(client, diesel_standard):
    assert 'id="foreign-versions"' not in client.get("/std/GB 39147-2025").content.decode()


def test_the_profile_links_the_work_pages_by_role(client, enterprise_user, admin_user, translation_project):
    client.force_login(enterprise_user)
    html = client.get("/accounts/profile/").content.decode()
    assert "/international/translations/mine/" in html and "/international/indicators/" not in html
    assert "T-001" in client.get("/international/translations/mine/").content.decode()
    client.force_login(admin_user)
    html = client.get("/accounts/profile/").content.decode()
    assert 'href="/international/translations/"' in html and "/international/indicators/" in html


# --- API ------------------------------------------------------------------------------------------------------
def test_the_api_lists_the_plan_and_one_project_with_its_history(client, translation_project):
    listed = client.get("/api/v1/international/translations/", {"language": "en"}).json()
    assert listed["count"] == 1 and listed["items"][0]["plan_number"] == "T-001"
    detail = client.get(f"/api/v1/international/translations/{translation_project.pk}").json()
    assert detail["state"] == "planned" and [e["kind"] for e in detail["events"]] == ["created"]
    assert client.get("/api/v1/international/translations/999999").status_code == 404
    assert client.get("/api/v1/international/translations/", {"language": "xx"}).status_code == 422


def test_the_api_moves_for_the_undertaker_and_refuses_others(client, enterprise_user, registered_user,
                                                             translation_project):
    url = f"/api/v1/international/translations/{translation_project.pk}/move"
    assert client.post(url, {"to": "translating"}, content_type="application/json").status_code == 401
    client.force_login(registered_user)
    assert client.post(url, {"to": "translating"}, content_type="application/json").status_code == 403
    client.force_login(enterprise_user)
    moved = client.post(url, {"to": "translating"}, content_type="application/json")
    assert moved.status_code == 200 and moved.json()["state"] == "translating"
    refused = client.post(url, {"to": "approved"}, content_type="application/json")
    assert refused.status_code in (403, 409)
