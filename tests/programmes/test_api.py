"""The API: public calls and pilots, applications scoped by the policy, applying and deciding through the services;
refusals as problem+json with stable codes."""

import pytest

from biaozhun.programmes.models import PilotApplication
from biaozhun.programmes.services import move_call
from tests.factories.accounts import OrganisationFactory, UserFactory
from tests.fixtures.programmes import make_programme

pytestmark = pytest.mark.django_db
BASE = "/api/v1/programmes"


def _apply(client, programme, organisation, **overrides):
    body = {"organisation_id": organisation.pk, "project_name": "物流试点", "region_code": "320102", "field": "物流",
            "objectives": "目标", **overrides}
    return client.post(f"{BASE}/{programme.pk}/applications", body, content_type="application/json")


def test_the_public_reads_open_calls_and_pilots_but_not_drafts(client, approved_pilot, admin_user,
                                                               national_administration):
    draft = make_programme(admin_user, national_administration, state="draft")
    ids = [p["id"] for p in client.get(f"{BASE}/").json()]
    assert approved_pilot.programme_id in ids and draft.pk not in ids
    assert client.get(f"{BASE}/{draft.pk}").status_code == 404
    pilots = client.get(f"{BASE}/pilots", {"province": "32"}).json()
    assert [p["id"] for p in pilots] == [approved_pilot.pk]
    assert client.get(f"{BASE}/pilots", {"province": "33"}).json() == []
    assert client.get(f"{BASE}/pilots/{approved_pilot.pk}").json()["region_code"] == "320102"


def test_applications_need_a_signed_in_caller(client):
    assert client.get(f"{BASE}/applications").status_code == 401


def test_an_organisation_sees_only_its_own_applications(client, pilot_application, enterprise_user):
    client.force_login(enterprise_user)
    assert [a["id"] for a in client.get(f"{BASE}/applications").json()] == [pilot_application.pk]
    client.force_login(UserFactory(member_of=OrganisationFactory()))
    assert client.get(f"{BASE}/applications").json() == []
    assert client.get(f"{BASE}/applications/{pilot_application.pk}").status_code == 404


def test_applying_through_the_api_and_the_refusals_codes(client, open_programme, enterprise_user, enterprise,
                                                         admin_user):
    client.force_login(enterprise_user)
    created = _apply(client, open_programme, enterprise)
    assert created.status_code == 201 and created.json()["state"] == "submitted"
    twice = _apply(client, open_programme, enterprise)
    assert (twice.status_code, twice.json()["code"]) == (409, "already_applied")
    other = _apply(client, open_programme, OrganisationFactory())
    assert (other.status_code, other.json()["code"]) == (403, "permission_denied")
    bad = _apply(client, open_programme, enterprise, region_code="12")
    assert bad.status_code in (409, 422)
    move_call(actor=admin_user, programme=open_programme, to="closed")
    closed = _apply(client, open_programme, OrganisationFactory())
    assert closed.status_code == 403  # not theirs: refused before the call's state is told
    assert PilotApplication.objects.count() == 1


def test_applying_after_close_is_409_call_not_open(client, open_programme, enterprise_user, enterprise, admin_user):
    move_call(actor=admin_user, programme=open_programme, to="closed")
    client.force_login(enterprise_user)
    response = _apply(client, open_programme, enterprise)
    assert (response.status_code, response.json()["code"]) == (409, "call_not_open")


def test_the_authority_decides_and_the_applicant_cannot(client, pilot_application, admin_user, enterprise_user):
    move_call(actor=admin_user, programme=pilot_application.programme, to="closed")
    address = f"{BASE}/applications/{pilot_application.pk}/decision"
    client.force_login(enterprise_user)
    refused = client.post(address, {"action": "start_review"}, content_type="application/json")
    assert refused.status_code == 403
    client.force_login(admin_user)
    client.post(address, {"action": "start_review"}, content_type="application/json")
    approved = client.post(address, {"action": "approve", "started_on": "2026-03-01"},
                           content_type="application/json").json()
    assert approved["state"] == "approved" and approved["pilot_id"]
