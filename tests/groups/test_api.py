"""/api/v1/groups/: the public registry, standards and announcements; members post, signed-in people comment."""

from datetime import timedelta

import pytest

from biaozhun.core import clock
from biaozhun.groups.models import Announcement, AnnouncementComment

pytestmark = pytest.mark.django_db


def test_the_registry_is_public_and_filtered(client, cas, cesa, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        body = client.get("/api/v1/groups/").json()
    assert body["count"] == 2 and [g["code"] for g in body["items"]] == ["CAS", "CESA"]
    assert client.get("/api/v1/groups/", {"section": "I"}).json()["items"][0]["code"] == "CESA"
    assert client.get("/api/v1/groups/", {"q": "t/cas"}).json()["count"] == 1
    assert client.get("/api/v1/groups/", {"province": "x"}).status_code == 422


def test_one_organisation_and_its_standards(client, cas_standard, django_assert_max_num_queries):
    detail = client.get("/api/v1/groups/cas").json()
    assert (detail["code"], detail["registration_authority"], detail["industry_section"]) == (
        "CAS", "中华人民共和国民政部", "M")
    with django_assert_max_num_queries(4):
        standards = client.get("/api/v1/groups/CAS/standards").json()
    assert standards[0]["identifier"] == "T/CAS 115-2026" and standards[0]["status"] == "current"
    missing = client.get("/api/v1/groups/NONE")
    assert missing.status_code == 404 and missing["Content-Type"] == "application/problem+json"


def test_announcements_are_public(client, open_call, approval_notice):
    items = client.get("/api/v1/groups/announcements").json()
    assert {a["kind"] for a in items} == {"draft_for_comment", "project_approval"}
    assert client.get(f"/api/v1/groups/announcements/{open_call.pk}").json()["comment_end"] == \
        open_call.comment_end.isoformat()


def test_a_member_posts_an_announcement_and_others_are_refused(client, cas, cas_member, cesa_admin):
    today = clock.today()
    payload = {"kind": "draft_for_comment", "title": "征求意见", "standard_title": "某标准", "body": "请提意见",
               "comment_start": today.isoformat(), "comment_end": (today + timedelta(days=30)).isoformat()}
    assert client.post("/api/v1/groups/CAS/announcements", payload, content_type="application/json").status_code == 401
    client.force_login(cesa_admin)
    refused = client.post("/api/v1/groups/CAS/announcements", payload, content_type="application/json")
    assert refused.status_code == 403 and refused.json()["code"] == "permission_denied"
    assert not Announcement.objects.exists()
    client.force_login(cas_member)
    response = client.post("/api/v1/groups/CAS/announcements", payload, content_type="application/json")
    assert response.status_code == 201 and response.json()["group_code"] == "CAS"


def test_comments_through_the_api_in_and_out_of_the_period(client, open_call, registered_user, cas_member):
    import time_machine

    url = f"/api/v1/groups/announcements/{open_call.pk}/comments"
    client.force_login(registered_user)
    created = client.post(url, {"text": "意见一", "clause": "4"}, content_type="application/json")
    assert created.status_code == 201 and created.json()["number"] == 1
    with time_machine.travel(open_call.comment_end + timedelta(days=1), tick=False):
        client.force_login(registered_user)
        late = client.post(url, {"text": "意见二"}, content_type="application/json")
    assert late.status_code == 409 and late.json()["code"] == "comment_period_closed"
    assert AnnouncementComment.objects.count() == 1
    client.logout()
    public = client.get(url).json()
    assert [(c["text"], c["commenter"], c["author_name"]) for c in public] == [("意见一", "评论者 1", None)]
    client.force_login(cas_member)
    assert [(c["text"], c["author_name"]) for c in client.get(url).json()] == [("意见一", registered_user.real_name)]
