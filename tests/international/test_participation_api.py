"""The participation API: public reads of the register, posts and work items; ballots for the administration and
the mirror committee's secretariat only; the vote and stage moves through the same services (problem+json
refusals)."""

from datetime import timedelta

import pytest

from biaozhun.core import clock

pytestmark = pytest.mark.django_db
BASE = "/api/v1/international/participation"


def test_the_register_and_work_items_are_open_data(client, jtc1, jtc1_sc27, china_work_item):
    committees = client.get(f"{BASE}/committees").json()
    assert [c["code"] for c in committees] == ["ISO/IEC JTC 1", "ISO/IEC JTC 1/SC 27"]
    assert committees[0]["mirrors"][0]["committee"] == "SAC/TC 28" and committees[1]["parent"] == "ISO/IEC JTC 1"
    assert client.get(f"{BASE}/committees", {"membership": "O"}).json() == []
    item = client.get(f"{BASE}/work-items/{china_work_item.pk}").json()
    assert item["stage"] == "10.20" and [h["stage"] for h in item["history"]] == ["00.00", "10.20"]
    assert client.get(f"{BASE}/work-items/999999").status_code == 404


def test_ballots_need_signing_in_and_show_only_ones_own(client, tc28_iso_ballot, tc151_iso_ballot, secretariat_user,
                                                        reviewer_user):
    assert client.get(f"{BASE}/ballots").status_code == 401
    client.force_login(secretariat_user)
    assert [b["reference"] for b in client.get(f"{BASE}/ballots").json()] == ["ISO/IEC DIS 27090"]
    assert client.get(f"{BASE}/ballots/{tc151_iso_ballot.pk}").status_code == 404
    client.force_login(reviewer_user)
    assert [b["reference"] for b in client.get(f"{BASE}/ballots").json()] == ["ISO/TC 176 N 1500", "ISO/IEC DIS 27090"]


def test_the_secretariat_votes_through_the_api_and_a_missing_reason_is_422(client, tc28_iso_ballot, secretariat_user):
    client.force_login(secretariat_user)
    url = f"{BASE}/ballots/{tc28_iso_ballot.pk}/vote"
    refused = client.post(url, {"vote": "disapprove"}, content_type="application/json")
    assert refused.status_code == 422 and refused["Content-Type"] == "application/problem+json"
    response = client.post(url, {"vote": "disapprove", "comments": "Clause 7 conflicts with ISO/IEC 27001."},
                           content_type="application/json")
    assert response.status_code == 200
    body = response.json()
    assert body["vote"] == "disapprove" and body["recorded_by"] and body["days_left"] == 10


def test_the_administration_opens_a_ballot_and_moves_a_stage(client, jtc1, tc28_committee, china_work_item,
                                                             admin_user, secretariat_user):
    payload = {"committee": "ISO/IEC JTC 1", "mirror_committee": "SAC/TC 28", "reference": "ISO/IEC CD 42001",
               "kind": "cd", "opens_on": clock.today().isoformat()}
    client.force_login(secretariat_user)
    assert client.post(f"{BASE}/ballots", payload, content_type="application/json").status_code == 403
    client.force_login(admin_user)
    opened = client.post(f"{BASE}/ballots", payload, content_type="application/json")
    assert opened.status_code == 201
    assert opened.json()["closes_on"] == (clock.today() + timedelta(weeks=8)).isoformat()
    moved = client.post(f"{BASE}/work-items/{china_work_item.pk}/stage", {"stage": "10.99"},
                        content_type="application/json")
    assert moved.status_code == 200 and moved.json()["stage"] == "10.99"
    back = client.post(f"{BASE}/work-items/{china_work_item.pk}/stage", {"stage": "00.20"},
                       content_type="application/json")
    assert back.status_code == 409
