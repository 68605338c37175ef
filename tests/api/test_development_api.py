"""The development API: projects, moves, comments, dispositions, ballots and votes."""

from datetime import date, timedelta

import pytest
import time_machine

from biaozhun.core.actors import SYSTEM
from biaozhun.development.models import Comment
from biaozhun.development.services.ballots import close_ballot, open_ballot
from biaozhun.development.services.comments import submit_comment
from biaozhun.development.sweep import sweep
from biaozhun.rules.stages import Stage
from tests.development.helpers import advance, voting_members
from tests.factories.committees import MemberFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 1)


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


@pytest.fixture
def commenting(tc28_project, secretariat_user, reviewer_user):
    """tc28_project in public comment from 2026-05-20 (60 days)."""
    return advance(tc28_project, Stage.COMMENT, secretariat=secretariat_user, reviewer=reviewer_user,
                   start=date(2026, 3, 1))


def test_the_list_filters_by_stage_and_committee(client, tc28_project, commenting):
    body = client.get("/api/v1/projects/?stage=comment,disposition&committee=SAC/TC 28").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["stage"] == {"code": "comment", "name_zh": "征求意见", "name_en": "Public comment", "iso_stage": "40.20"}
    assert item["period_open"] is True and item["url"] == f"/projects/{commenting.pk}/"
    assert client.get("/api/v1/projects/?stage=review").json() == {"count": 0, "items": []}


def test_the_detail_has_history_public_drafts_and_the_version_to_send_back(client, commenting):
    body = client.get(f"/api/v1/projects/{commenting.pk}").json()
    moves = [e["to_stage"] for e in body["events"] if e["kind"] == "moved"]
    assert moves == ["notice", "planned", "drafting", "comment"]
    assert body["version"] == commenting.version
    assert body["allowed_moves"] == ["disposition", "suspended", "terminated"]
    assert [d["label"] for d in body["documents"]] == ["征求意见稿"]
    assert client.get("/api/v1/projects/999999").json()["code"] == "not_found"


def test_writes_need_a_signed_in_session(client, tc28_project):
    response = post(client, f"/api/v1/projects/{tc28_project.pk}/moves", {"to": "notice", "expected_version": 1})
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_the_secretariat_moves_a_project_and_refusals_name_the_allowed_steps(client, tc28_project, secretariat_user):
    client.force_login(secretariat_user)
    url = f"/api/v1/projects/{tc28_project.pk}/moves"
    refused = post(client, url, {"to": "review", "expected_version": 1})
    assert refused.status_code == 409
    assert refused.json()["code"] == "invalid_transition"
    assert refused.json()["allowed"] == ["notice", "suspended", "terminated"]
    moved = post(client, url, {"to": "notice", "expected_version": 1})
    assert moved.status_code == 200 and moved.json()["stage"]["code"] == "notice"
    stale = post(client, url, {"to": "terminated", "expected_version": 1, "reason": "重复"})
    assert (stale.status_code, stale.json()["code"]) == (409, "stale_project")


def test_a_person_comments_and_reads_only_their_own(client, commenting, registered_user, enterprise_user):
    client.force_login(registered_user)
    url = f"/api/v1/projects/{commenting.pk}/comments"
    with time_machine.travel(TODAY, tick=False):
        created = post(client, url, {"clause": "5.2", "text": "建议补充测试条件。"})
    assert created.status_code == 201
    assert created.json()["author_name"] == registered_user.real_name and created.json()["number"] == 1
    with time_machine.travel(TODAY, tick=False):
        submit_comment(actor=enterprise_user, project=commenting, text="别人的意见")
    assert [c["text"] for c in client.get(url).json()] == ["建议补充测试条件。"]
    client.logout()
    assert client.get(url).json() == []


def test_comments_after_the_period_are_refused_with_the_rule(client, commenting, registered_user):
    client.force_login(registered_user)
    with time_machine.travel(date(2026, 8, 1), tick=False):
        response = post(client, f"/api/v1/projects/{commenting.pk}/comments", {"text": "晚了"})
    assert response.status_code == 409
    assert response.json()["code"] == "time_limit_passed" and response.json()["rule"] == "comment_days"


def test_an_organisation_is_named_by_its_uscc(client, commenting, enterprise_user, enterprise):
    client.force_login(enterprise_user)
    url = f"/api/v1/projects/{commenting.pk}/comments"
    with time_machine.travel(TODAY, tick=False):
        wrong = post(client, url, {"text": "意见", "organisation": "91320100000000999X"})
        right = post(client, url, {"text": "意见", "organisation": enterprise.uscc.lower()})
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "organisation"
    assert right.json()["organisation_name"] == enterprise.name


def test_the_secretariat_records_a_disposition(client, commenting, registered_user, secretariat_user):
    with time_machine.travel(TODAY, tick=False):
        comment = submit_comment(actor=registered_user, project=commenting, text="建议删除第6章。")
    advance_to_disposition(commenting)
    client.force_login(secretariat_user)
    url = f"/api/v1/projects/comments/{comment.pk}/disposition"
    missing_reason = post(client, url, {"disposition": "not_accepted"})
    assert missing_reason.status_code == 422
    done = post(client, url, {"disposition": "not_accepted", "reason": "第6章为必要内容。"})
    assert done.status_code == 200 and done.json()["disposition"] == "not_accepted"
    assert Comment.objects.get(pk=comment.pk).disposition_reason == "第6章为必要内容。"


def advance_to_disposition(project):
    sweep(actor=SYSTEM, today=date(2026, 7, 20))  # the day after the 60-day period: the sweep closes it
    project.refresh_from_db()
    assert project.stage == Stage.DISPOSITION


def test_a_ballot_with_its_tally_and_a_members_vote(client, tc28_project, registered_user, secretariat_user,
                                                    reviewer_user):
    MemberFactory(committee=tc28_project.committee, user=registered_user)
    voting_members(tc28_project.committee, 3)
    project = advance(tc28_project, Stage.REVIEW, secretariat=secretariat_user, reviewer=reviewer_user,
                      start=date(2026, 1, 5))
    ballot = open_ballot(actor=secretariat_user, project=project, method="letter")
    client.force_login(registered_user)
    voted = post(client, f"/api/v1/projects/ballots/{ballot.pk}/votes", {"choice": "approve"})
    assert voted.status_code == 200 and voted.json()["choice"] == "approve"
    mine = client.get(f"/api/v1/projects/ballots/{ballot.pk}").json()
    secret = {"members": 4, "received": 1, "not_voted": 3, "approve": None, "reject": None, "abstain": None,
              "recused": None, "votes_needed_to_pass": None}
    assert (mine["tally"], mine["own_vote"], mine["roll"]) == (secret, "approve", None)  # secret until it closes
    client.force_login(secretariat_user)
    refused = post(client, f"/api/v1/projects/ballots/{ballot.pk}/votes", {"choice": "approve"})
    assert refused.status_code == 403
    assert client.get(f"/api/v1/projects/ballots/{ballot.pk}").json()["tally"] == secret
    with time_machine.travel(ballot.closes_on + timedelta(days=1), tick=False):
        close_ballot(actor=secretariat_user, ballot=ballot)  # a letter ballot closes after its last day
    client.logout()
    public = client.get(f"/api/v1/projects/ballots/{ballot.pk}").json()
    assert public["tally"] == {"members": 4, "received": 1, "not_voted": 3, "approve": 1, "reject": 0,
                               "abstain": 0, "recused": 0, "votes_needed_to_pass": 3}
    assert public["own_vote"] is None and public["roll"] is None  # the public: counts and outcome, no names
    for user in (secretariat_user, registered_user, reviewer_user):  # the committee, its secretariat, reviewers
        client.force_login(user)
        roll = client.get(f"/api/v1/projects/ballots/{ballot.pk}").json()["roll"]
        assert sorted(entry["choice"] for entry in roll) == ["", "", "", "approve"], user


def test_paging_out_of_range_is_a_validation_error_not_a_crash(client):
    for query in ("offset=68522180568133476024320", "limit=0", "limit=101", "offset=-1"):
        response = client.get(f"/api/v1/projects/?{query}")
        assert response.status_code == 422 and response.json()["code"] == "validation_failed", query
