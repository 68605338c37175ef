"""The pages: the public lists and grid (counts per province), the XLSX export (safe writer), a pilot's page, the
organisation's applications, applying through the form, and the authority's review and evaluation pages."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from biaozhun.programmes.models import ApplicationState, PilotApplication
from biaozhun.programmes.services import apply_for_pilot, approve_application, move_call, start_review
from tests.factories.accounts import OrganisationFactory, UserFactory, make_uscc
from tests.fixtures.programmes import application_input, make_programme

pytestmark = pytest.mark.django_db


def _pilot(admin_user, programme, county: str, name: str, *, started_on=date(2026, 1, 5)):
    organisation = OrganisationFactory(uscc=make_uscc(hash(name) % 10**8, region=county))
    member = UserFactory(member_of=organisation)
    application = apply_for_pilot(actor=member, programme=programme, organisation=organisation,
                                  data=application_input(project_name=name, region_code=county))
    start_review(actor=admin_user, application=application)
    return application


@pytest.fixture
def pilots(admin_user, national_administration):
    """Three services pilots (two in 江苏, one in 浙江) and one agriculture pilot in 江苏."""
    services = make_programme(admin_user, national_administration)
    farming = make_programme(admin_user, national_administration, code="agriculture")
    applications = [_pilot(admin_user, services, "320102", "南京试点"), _pilot(admin_user, services, "320205", "无锡试点"),
                    _pilot(admin_user, services, "330106", "=HYPERLINK(\"http://x\")"),
                    _pilot(admin_user, farming, "320102", "农业示范区")]
    for programme in (services, farming):
        move_call(actor=admin_user, programme=programme, to="closed")
    return [approve_application(actor=admin_user, application=a) for a in applications]


def _cells(response):
    return {cell.code: cell.count for cell in response.context["cells"]}


def test_the_grid_counts_pilots_per_province_and_lists_every_province(client, pilots):
    response = client.get(reverse("programmes:grid"))
    counts = _cells(response)
    assert counts["32"] == 3 and counts["33"] == 1 and counts["11"] == 0
    assert len(counts) >= 31  # every province of the reference table, even at 0
    assert response.context["total"] == 4
    assert f'href="{reverse("programmes:pilots")}?province=32"' in response.content.decode()


def test_the_grid_follows_the_type_filter_and_its_cells_link_with_it(client, pilots):
    response = client.get(reverse("programmes:grid"), {"type": "agriculture"})
    counts = _cells(response)
    assert counts["32"] == 1 and counts["33"] == 0
    assert "province=32&amp;type=agriculture" in response.content.decode()


def test_a_grid_cell_leads_to_the_list_of_that_province(client, pilots):
    response = client.get(reverse("programmes:pilots"), {"province": "32"})
    assert response.context["count"] == 3
    assert {p.name for p in response.context["pilots"]} == {"南京试点", "无锡试点", "农业示范区"}


def test_the_list_filters_by_type_and_by_region_prefix(client, pilots):
    assert client.get(reverse("programmes:pilots"), {"type": "services"}).context["count"] == 3
    assert [p.name for p in client.get(reverse("programmes:pilots"), {"region": "3202"}).context["pilots"]] == [
        "无锡试点"]


def test_the_export_holds_the_filtered_pilots_and_formulas_stay_text(client, pilots):
    response = client.get(reverse("programmes:pilots_xlsx"), {"type": "services"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("名称", "承担单位", "统一社会信用代码", "类型")
    assert sorted(r[0] for r in rows[1:]) == sorted(["南京试点", "无锡试点", '=HYPERLINK("http://x")'])
    formula = next(c for c in sheet["A"] if str(c.value).startswith("="))
    assert formula.data_type == "s"  # text, never a live formula
    assert {r[6] for r in rows[1:]} == {"320102", "320205", "330106"}


def test_a_pilots_public_page_shows_its_facts(client, pilots):
    pilot = pilots[0]
    response = client.get(pilot.get_absolute_url())
    text = response.content.decode()
    assert response.status_code == 200
    for shown in ("南京试点", pilot.organisation.name, "320102", "建设中", "尚未评估"):
        assert shown in text
    assert 'id="open-evaluation"' not in text  # the public does not evaluate


def test_the_public_index_lists_open_calls_but_not_drafts(client, admin_user, national_administration,
                                                          open_programme):
    draft = make_programme(admin_user, national_administration, state="draft")
    response = client.get(reverse("programmes:index"))
    listed = list(response.context["programmes"])
    assert open_programme in listed and draft not in listed
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_an_organisation_member_applies_through_the_form(client, open_programme, enterprise_user, enterprise):
    client.force_login(enterprise_user)
    page = client.get(reverse("programmes:apply", args=[open_programme.pk]))
    assert page.status_code == 200
    response = client.post(reverse("programmes:apply", args=[open_programme.pk]), {
        "organisation": enterprise.pk, "project_name": "物流试点", "region_code": "320102", "field": "物流",
        "objectives": "目标", "planned_standards": "", "kind-0": "plan"})
    application = PilotApplication.objects.get()
    assert response.status_code == 302 and response["Location"] == application.get_absolute_url()
    mine = client.get(reverse("programmes:mine"))
    assert list(mine.context["applications"]) == [application]


def test_the_form_refuses_another_organisation_and_keeps_what_was_typed(client, open_programme, enterprise_user):
    client.force_login(enterprise_user)
    response = client.post(reverse("programmes:apply", args=[open_programme.pk]), {
        "organisation": OrganisationFactory().pk, "project_name": "物流试点", "region_code": "320102"})
    assert response.status_code == 422
    assert "物流试点" in response.content.decode()
    assert not PilotApplication.objects.exists()


def test_the_form_names_a_bad_region_code(client, open_programme, enterprise_user, enterprise):
    client.force_login(enterprise_user)
    response = client.post(reverse("programmes:apply", args=[open_programme.pk]), {
        "organisation": enterprise.pk, "project_name": "x", "region_code": "999999", "field": "x", "objectives": "x"})
    assert response.status_code == 422
    assert response.context["errors"]["region_code"]


def test_mine_refuses_a_person_of_no_organisation(client, registered_user):
    client.force_login(registered_user)
    assert client.get(reverse("programmes:mine")).status_code == 403


def test_the_authority_reviews_and_approves_on_the_application_page(client, pilot_application, admin_user):
    move_call(actor=admin_user, programme=pilot_application.programme, to="closed")
    client.force_login(admin_user)
    address = reverse("programmes:review", args=[pilot_application.pk])
    client.post(address, {"action": "start"})
    page = client.get(pilot_application.get_absolute_url())
    assert 'id="approve"' in page.content.decode()
    response = client.post(address, {"action": "approve", "started_on": "2026-02-01"})
    pilot_application.refresh_from_db()
    assert pilot_application.state == ApplicationState.APPROVED
    assert response["Location"] == pilot_application.pilot.get_absolute_url()


def test_the_applicant_cannot_review_on_the_page(client, pilot_application, enterprise_user, admin_user):
    move_call(actor=admin_user, programme=pilot_application.programme, to="closed")
    client.force_login(enterprise_user)
    page = client.get(pilot_application.get_absolute_url())
    assert 'id="start-review"' not in page.content.decode()
    response = client.post(reverse("programmes:review", args=[pilot_application.pk]), {"action": "start"})
    assert response.status_code == 403
    pilot_application.refresh_from_db()
    assert pilot_application.state == ApplicationState.SUBMITTED


def test_another_organisation_does_not_see_the_application(client, pilot_application):
    client.force_login(UserFactory(member_of=OrganisationFactory()))
    assert client.get(pilot_application.get_absolute_url()).status_code == 404


def test_the_evaluator_scores_and_the_authority_concludes_on_the_pages(client, midterm_evaluation, evaluator,
                                                                       admin_user):
    client.force_login(evaluator)
    assert client.get(reverse("programmes:work")).status_code == 200
    client.post(reverse("programmes:evaluation_score", args=[midterm_evaluation.pk]), {
        "score-organisation": "90", "score-standards": "80", "score-implementation": "70"})
    client.force_login(admin_user)
    page = client.get(midterm_evaluation.get_absolute_url())
    assert page.context["result"].total == 78
    client.post(reverse("programmes:evaluation_conclude", args=[midterm_evaluation.pk]),
                {"outcome": "continued", "comments": "合格"})
    midterm_evaluation.refresh_from_db()
    assert midterm_evaluation.outcome == "continued"
    public = client.get(midterm_evaluation.pilot.get_absolute_url()).content.decode()
    assert "继续建设" in public and "78.0" in public


def test_a_bad_score_shows_the_page_again_with_the_message(client, midterm_evaluation, evaluator):
    client.force_login(evaluator)
    response = client.post(reverse("programmes:evaluation_score", args=[midterm_evaluation.pk]), {
        "score-organisation": "120", "score-standards": "80", "score-implementation": "70"})
    assert response.status_code == 422
    assert "0 至 100" in response.content.decode()
    assert not midterm_evaluation.scores.exists()


def test_the_list_pages_keep_to_a_query_budget(client, pilots, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        client.get(reverse("programmes:pilots"))
    with django_assert_max_num_queries(8):
        client.get(reverse("programmes:grid"))

