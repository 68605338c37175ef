"""The assessment API: the same services and policy as the pages, refusals as problem+json with their codes, the
list within a query budget."""

import pytest
from django.urls import reverse

from biaozhun.assessments.models import Assessment, Decision
from biaozhun.assessments.services import compute_assessment, run_assessments
from biaozhun.rules.assessment import Indicator

from .conftest import YEAR, finalised, seated

pytestmark = pytest.mark.django_db
JSON = "application/json"


def test_the_list_of_a_year_with_its_counts_within_a_query_budget(client, admin_user, django_assert_max_num_queries):
    for n in range(30):
        seated(f"SAC/TC {700 + n}")
    run_assessments(actor=admin_user, year=YEAR)
    client.force_login(admin_user)
    with django_assert_max_num_queries(12):
        data = client.get(reverse("api:assessment_list"), {"year": YEAR, "limit": 20}).json()
    assert data["count"] == 30 and len(data["items"]) == 20 and data["counts"]["excellent"] == 30
    assert data["items"][0]["committee"] == "SAC/TC 700" and data["items"][0]["state"] == "computed"


def test_the_assessor_and_the_administrator_act_through_the_api(client, committee, admin_user):
    assessment = compute_assessment(actor=admin_user, committee=committee, year=YEAR)
    client.force_login(admin_user)
    base = f"/api/v1/assessments/{assessment.pk}"
    scored = client.post(f"{base}/scores", {"scores": {"secretariat": 0, "openness": 0}}, content_type=JSON).json()
    assert (scored["state"], scored["total"], scored["grade"], scored["measure"]) == ("scored", "33.3", "fail",
                                                                                       "suspension")
    assert client.post(f"{base}/finalise").json()["state"] == "finalised"
    response = client.post(f"{base}/decision", {"measure": "suspension", "reason": "考核不合格。"}, content_type=JSON)
    assert response.status_code == 201 and response.json()["decision"]["measure"] == "suspension"
    committee.refresh_from_db()
    assert committee.status == "suspended"
    again = client.post(f"{base}/compute").json()
    assert again["version"] == 2 and again["id"] != assessment.pk


def test_refusals_are_problems_with_their_codes_and_write_nothing(client, committee, admin_user, reviewer_user):
    assessment = compute_assessment(actor=admin_user, committee=committee, year=YEAR)
    base = f"/api/v1/assessments/{assessment.pk}"
    assert client.post(f"{base}/finalise").status_code == 401
    client.force_login(reviewer_user)
    refused = client.post(f"{base}/finalise")
    assert refused.status_code == 403 and refused["Content-Type"] == "application/problem+json"
    assert refused.json()["code"] == "permission_denied"
    client.force_login(admin_user)
    early = client.post(f"{base}/finalise")
    assert early.status_code == 409 and early.json()["code"] == "invalid_transition"
    bad = client.post(f"{base}/scores", {"scores": {"secretariat": 101}}, content_type=JSON)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "scores.secretariat"
    assessment.refresh_from_db()
    assert assessment.state == "computed" and assessment.manual["secretariat"]["score"] is None
    assert not Decision.objects.exists()


def test_the_secretariat_reads_its_own_without_the_scores_until_finalised(client, committee, secretariat_user,
                                                                          admin_user):
    assessment = compute_assessment(actor=admin_user, committee=committee, year=YEAR)
    client.force_login(secretariat_user)
    data = client.get(f"/api/v1/assessments/{assessment.pk}").json()
    assert data["total"] is None and data["grade"] == "" and data["manual"] == []
    assert [i["code"] for i in data["indicators"]] == [indicator.value for indicator in Indicator]  # scheme order
    assert {i["code"]: i for i in data["indicators"]}["balance"] == {
        "code": "balance", "numerator": 6, "denominator": 6, "score": 100.0, "facts": {"seats": 6, "overweight": []}}
    assert client.get(reverse("api:assessment_mine")).json()[0]["grade"] == ""
    final = finalised(committee, admin_user, secretariat=100, openness=100)
    assert client.get(f"/api/v1/assessments/{final.pk}").json()["grade"] == "excellent"
    assert client.get(reverse("api:assessment_list")).status_code == 403
    other = compute_assessment(actor=admin_user, committee=seated("SAC/TC 151"), year=YEAR)
    assert client.get(f"/api/v1/assessments/{other.pk}").status_code == 404


def test_the_scheme_is_read_and_edited_as_versions(client, admin_user):
    client.force_login(admin_user)
    url = reverse("api:assessment_scheme", args=[YEAR])
    start = client.get(url).json()
    assert start["version"] == 0 and start["config"]["pass_from"] == 60.0
    saved = client.post(url, {"expected_version": 0, "config": start["config"] | {"pass_from": 65.0}},
                        content_type=JSON).json()
    assert saved["version"] == 2 and saved["config"]["pass_from"] == 65.0
    stale = client.post(url, {"expected_version": 1, "config": saved["config"]}, content_type=JSON)
    assert stale.status_code == 409 and stale.json()["code"] == "stale_edit"
    invalid = client.post(url, {"expected_version": 2, "config": saved["config"] | {"revoke_below": 70}},
                          content_type=JSON)
    assert invalid.status_code == 422 and invalid.json()["errors"][0]["field"] == "suspend_below"


def test_the_yearly_run_through_the_api(client, reviewer_user):
    seated("SAC/TC 80")
    client.force_login(reviewer_user)
    data = client.post(reverse("api:assessment_run"), {"year": YEAR}, content_type=JSON).json()
    assert data == {"year": YEAR, "created": 1, "computed": 1, "finalised_kept": 0}
    assert Assessment.objects.count() == 1
