"""The propagation API: one's own flags, resolving one (refusals as problem+json naming the field), and the count
of what cites a standard for the national administration."""

import json

import pytest

from biaozhun.propagation.models import FlagEvent, FlagState

pytestmark = pytest.mark.django_db
FLAGS = "/api/v1/propagation/flags"


def _post(client, url: str, payload: dict):
    return client.post(url, json.dumps(payload), content_type="application/json")


def test_an_owner_lists_its_own_flags_only(client, tc28_flag, enterprise_flag, secretariat_user,
                                           django_assert_max_num_queries):
    client.force_login(secretariat_user)
    client.get(FLAGS)
    with django_assert_max_num_queries(8):
        answer = client.get(FLAGS).json()
    assert (answer["count"], answer["open"], answer["resolved"]) == (1, 1, 0)
    [item] = answer["items"]
    assert item | {"id": 0, "created_at": None, "effective_on": None} == {
        "id": 0, "changed": "GB/T 39001-2010", "change": "abolished", "change_label": "废止", "effective_on": None,
        "amendment_number": None, "source": "standard", "label": "GB/T 39002-2020 引用它的产品标准",
        "url": "/std/GB/T%2039002-2020", "citation": "dated", "cited_as": "GB/T 39001-2010", "in_force": None,
        "owner": tc28_flag.owner.name, "state": "open", "resolution": "", "reason": "", "created_at": None,
        "resolved_at": None}


def test_the_list_takes_the_page_s_filters(client, tc28_flag, secretariat_user):
    client.force_login(secretariat_user)
    assert client.get(FLAGS + "?kind=amended").json()["count"] == 0
    assert client.get(FLAGS + "?state=resolved").json()["items"] == []
    assert client.get(FLAGS + f"?owner={tc28_flag.owner_id}&q=39002").json()["count"] == 1


def test_without_signing_in_the_list_is_refused(client, tc28_flag):
    answer = client.get(FLAGS)
    assert answer.status_code == 401 and answer["Content-Type"] == "application/problem+json"


def test_an_owner_resolves_a_flag(client, tc28_flag, secretariat_user):
    client.force_login(secretariat_user)
    answer = _post(client, f"{FLAGS}/{tc28_flag.pk}/resolve", {"resolution": "not_affected",
                                                               "reason": "只引用了其术语，术语未变。"})
    assert answer.status_code == 200
    assert (answer.json()["state"], answer.json()["resolution"]) == ("resolved", "not_affected")
    again = _post(client, f"{FLAGS}/{tc28_flag.pk}/resolve", {"resolution": "updated", "reason": "再处理一次"})
    assert again.status_code == 409 and again.json()["code"] == "invalid_transition"


def test_a_resolution_without_a_reason_is_refused_at_its_field(client, tc28_flag, secretariat_user):
    client.force_login(secretariat_user)
    answer = _post(client, f"{FLAGS}/{tc28_flag.pk}/resolve", {"resolution": "updated", "reason": ""})
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "reason"
    tc28_flag.refresh_from_db()
    assert tc28_flag.state == FlagState.OPEN and not FlagEvent.objects.exists()


def test_another_organisation_s_flag_is_not_found(client, tc28_flag, enterprise_user):
    client.force_login(enterprise_user)
    answer = _post(client, f"{FLAGS}/{tc28_flag.pk}/resolve", {"resolution": "updated", "reason": "理由"})
    assert answer.status_code == 404 and not FlagEvent.objects.exists()


def test_the_national_administration_asks_how_many_documents_cite_a_standard(client, tc28_flag, admin_user,
                                                                             secretariat_user):
    from tests.fixtures.catalog import make_standard

    make_standard("GB/T 45001-2020", references=["GB/T 39002-2020"], tc_code="SAC/TC 28")
    client.force_login(admin_user)
    answer = client.get("/api/v1/propagation/citations/GB/T 39002-2020").json()
    assert (answer["dated"], answer["undated"], answer["total"]) == (1, 0, 1)
    assert client.get("/api/v1/propagation/citations/GB/T 1-9999").status_code == 404
    client.force_login(secretariat_user)
    assert client.get("/api/v1/propagation/citations/GB/T 39002-2020").status_code == 403
