"""Technical review ballots (审查投票): the roll, the votes, closing with the result, the guard to approval, pages."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from pytest_django.asserts import assertInHTML

from biaozhun.committees.models import Member
from biaozhun.core.actors import SYSTEM
from biaozhun.core.errors import (
    InvalidTransition,
    PermissionDeniedError,
    RequirementsUnmet,
    TimeLimitPassed,
    ValidationFailed,
)
from biaozhun.development.models import Ballot, DocumentKind, ProjectEvent
from biaozhun.development.selectors import live_tally
from biaozhun.development.services import move_project, propose_project
from biaozhun.development.services.ballots import cast_vote, close_ballot, open_ballot, record_vote
from biaozhun.development.sweep import close_due_ballots
from biaozhun.rules.stages import Stage
from tests.development.helpers import add_document, at
from tests.factories.accounts import UserFactory
from tests.factories.committees import MemberFactory
from tests.factories.development import ProjectFactory

pytestmark = pytest.mark.django_db

DAY = date(2026, 5, 4)  # advance() reaches 审查 on 2026-04-28


@pytest.fixture
def members(tc28_committee):
    """Four voting members in term, each linked to an account of their own."""
    return [MemberFactory(committee=tc28_committee, user=UserFactory()) for _seat in range(4)]


@pytest.fixture
def project(tc28_project, members, walk):
    return walk(tc28_project, Stage.REVIEW)


@pytest.fixture
def letter(secretariat_user):
    """letter(project, **kwargs): the secretariat opens a letter ballot on DAY."""
    def open_letter(project, actor=secretariat_user, **kwargs):
        with time_machine.travel(DAY, tick=False):
            return open_ballot(actor=actor, project=project, method="letter", **kwargs)
    return open_letter


@pytest.fixture
def meeting(secretariat_user):
    """meeting(project): the secretariat opens a meeting ballot on DAY."""
    def open_meeting(project, actor=secretariat_user):
        with time_machine.travel(DAY, tick=False):
            return open_ballot(actor=actor, project=project, method="meeting")
    return open_meeting


def vote_all(ballot, members, choices, on=DAY):
    with time_machine.travel(on, tick=False):
        for member, choice in zip(members, choices, strict=True):
            cast_vote(actor=member.user, ballot=ballot, choice=choice,
                      reason="理由" if choice in ("reject", "recuse") else "")


# --- Opening ------------------------------------------------------------------------------------------
def test_opening_fixes_the_roll_of_voting_members_in_term_and_emails_them(
        project, members, secretariat_user, letter, django_capture_on_commit_callbacks):
    committee = project.committee
    MemberFactory(committee=committee, name="观察员", user=UserFactory(), voting=False)
    MemberFactory(committee=committee, name="已离任", user=UserFactory(), term_end=date(2025, 12, 31))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ballot = letter(project)
    assert sorted(ballot.votes.values_list("member__name", flat=True)) == sorted(m.name for m in members)
    assert (ballot.members, ballot.closes_on, ballot.opened_by) == (4, DAY + timedelta(days=30), secretariat_user)
    assert (ballot.document.label, ballot.document.stage) == ("送审稿", Stage.DISPOSITION)
    event = project.events.get(kind=ProjectEvent.Kind.BALLOT_OPENED)
    assert event.data == {"ballot": ballot.pk, "members": 4, "method": "letter", "closes_on": "2026-06-03"}
    assert sorted(address for m in mail.outbox for address in m.to) == sorted(m.user.email for m in members)


def test_a_member_seated_after_opening_cannot_vote(project, tc28_committee, letter):
    ballot = letter(project)
    late = MemberFactory(committee=tc28_committee, name="新委员", user=UserFactory(), term_start=date(2026, 1, 1))
    with time_machine.travel(DAY, tick=False), pytest.raises(PermissionDeniedError):
        cast_vote(actor=late.user, ballot=ballot, choice="approve")
    assert ballot.votes.count() == 4


def test_only_members_on_the_roll_vote(project, registered_user, secretariat_user, letter):
    ballot = letter(project)
    for outsider in (registered_user, secretariat_user):
        with pytest.raises(PermissionDeniedError):
            cast_vote(actor=outsider, ballot=ballot, choice="approve")
    assert not ballot.votes.exclude(choice="").exists()


def test_opening_is_refused_outside_review_twice_without_voters_or_with_a_past_date(
        project, members, registered_user, secretariat_user, letter, meeting):
    proposal = propose_project(actor=secretariat_user, committee=project.committee, title_zh="信息技术 术语", kind="new",
                               nature="recommended")
    with pytest.raises(InvalidTransition):
        open_ballot(actor=secretariat_user, project=proposal, method="meeting")
    with pytest.raises(PermissionDeniedError):
        open_ballot(actor=registered_user, project=project, method="meeting")
    with pytest.raises(ValidationFailed) as caught:
        letter(project, closes_on=DAY)
    assert caught.value.errors[0]["field"] == "closes_on"
    letter(project)
    with pytest.raises(InvalidTransition):
        meeting(project)
    Member.objects.filter(pk__in=[m.pk for m in members]).update(voting=False)
    Ballot.objects.update(closed_at=at(DAY))
    with pytest.raises(RequirementsUnmet) as caught:
        meeting(project)
    assert caught.value.missing[0]["requirement"] == "voting_members"


# --- Voting -------------------------------------------------------------------------------------------
def test_against_and_recusal_need_a_reason_abstention_does_not(project, members, letter):
    ballot = letter(project)
    for choice in ("reject", "recuse"):
        with time_machine.travel(DAY, tick=False), pytest.raises(ValidationFailed) as caught:
            cast_vote(actor=members[0].user, ballot=ballot, choice=choice, reason="  ")
        assert caught.value.errors == [{"field": "reason", "message": caught.value.errors[0]["message"]}]
    with time_machine.travel(DAY, tick=False):
        vote = cast_vote(actor=members[0].user, ballot=ballot, choice="abstain")
    assert (vote.choice, vote.recorded_by) == ("abstain", members[0].user)


def test_a_late_vote_is_refused_citing_the_rule_and_the_closing_date(project, members, letter):
    ballot = letter(project)
    with time_machine.travel(ballot.closes_on, tick=False):
        cast_vote(actor=members[0].user, ballot=ballot, choice="approve")  # the closing day itself still counts
    with time_machine.travel(ballot.closes_on + timedelta(days=1), tick=False), pytest.raises(TimeLimitPassed) as caught:
        cast_vote(actor=members[1].user, ballot=ballot, choice="approve")
    assert caught.value.data["rule"] == "ballot_days"  # the code is for programs; the message says what happened
    assert caught.value.message == "审查投票已于 2026-06-03 截止，不再接受表决。"
    assert live_tally(ballot=ballot).approve == 1


def test_a_new_vote_replaces_the_earlier_one(project, members, letter):
    ballot = letter(project)
    vote_all(ballot, members[:1], ["approve"])
    with time_machine.travel(DAY + timedelta(days=2), tick=False):
        cast_vote(actor=members[0].user, ballot=ballot, choice="reject", reason="第5章的试验方法不可复现")
    assert ballot.votes.exclude(choice="").count() == 1
    tally = live_tally(ballot=ballot)
    assert (tally.approve, tally.reject) == (0, 1)


def test_no_vote_after_the_ballot_closed(project, members, meeting, secretariat_user):
    ballot = meeting(project)
    vote_all(ballot, members, ["approve"] * 4)
    with time_machine.travel(DAY, tick=False):
        close_ballot(actor=secretariat_user, ballot=ballot)
        with pytest.raises(InvalidTransition):
            cast_vote(actor=members[0].user, ballot=ballot, choice="reject", reason="改变主意")


def test_the_secretariat_records_meeting_votes_of_members_on_the_roll(project, members, secretariat_user, meeting):
    ballot = meeting(project)
    with time_machine.travel(DAY, tick=False):
        vote = record_vote(actor=secretariat_user, ballot=ballot, member=members[2], choice="reject",
                           reason="与GB/T 1.1不一致")
        assert (vote.member, vote.choice, vote.recorded_by) == (members[2], "reject", secretariat_user)
        stranger = MemberFactory(committee=project.committee, name="外人", term_start=DAY, term_end=DAY)
        with pytest.raises(ValidationFailed) as caught:
            record_vote(actor=secretariat_user, ballot=ballot, member=stranger, choice="approve")
        assert caught.value.errors[0]["field"] == "member"
        with pytest.raises(PermissionDeniedError):
            record_vote(actor=members[0].user, ballot=ballot, member=members[0], choice="approve")


def test_letter_votes_are_cast_by_members_themselves(project, members, secretariat_user, letter):
    ballot = letter(project)
    with time_machine.travel(DAY, tick=False), pytest.raises(InvalidTransition):
        record_vote(actor=secretariat_user, ballot=ballot, member=members[0], choice="approve")


# --- Closing ------------------------------------------------------------------------------------------
def test_a_letter_ballot_closes_early_only_when_everyone_has_voted(project, members, secretariat_user, letter):
    ballot = letter(project)
    vote_all(ballot, members[:3], ["approve", "approve", "abstain"])
    with time_machine.travel(DAY, tick=False), pytest.raises(RequirementsUnmet) as caught:
        close_ballot(actor=secretariat_user, ballot=ballot)
    assert "1" in caught.value.message and "2026-06-03" in caught.value.message
    vote_all(ballot, members[3:], ["approve"])
    with time_machine.travel(DAY, tick=False):
        assert close_ballot(actor=secretariat_user, ballot=ballot).passed is True


def test_closing_stores_the_result_and_records_it(project, members, secretariat_user, letter):
    ballot = letter(project)
    vote_all(ballot, members, ["approve", "approve", "reject", "recuse"])
    with time_machine.travel(ballot.closes_on, tick=False):
        ballot = close_ballot(actor=secretariat_user, ballot=ballot)
    ballot.refresh_from_db()
    # 2 of 3 eligible for (= 2/3), 1 of 3 against (≥ 1/4): refused for too many against.
    assert (ballot.members, ballot.approve, ballot.reject, ballot.abstain, ballot.recused) == (4, 2, 1, 0, 1)
    assert (ballot.passed, ballot.outcome, ballot.closed_by) == (False, "too_many_against", secretariat_user)
    event = project.events.get(kind=ProjectEvent.Kind.BALLOT_CLOSED)
    assert event.data == {"ballot": ballot.pk, "members": 4, "approve": 2, "reject": 1, "abstain": 0, "recused": 1,
                          "passed": False, "outcome": "too_many_against"}
    with pytest.raises(InvalidTransition):
        close_ballot(actor=secretariat_user, ballot=ballot)


def test_the_daily_sweep_closes_ballots_past_their_closing_day(project, members, letter):
    ballot = letter(project)
    vote_all(ballot, members[:1], ["approve"])
    assert close_due_ballots(actor=SYSTEM, today=ballot.closes_on) == 0
    with time_machine.travel(ballot.closes_on + timedelta(days=1), tick=False):
        assert close_due_ballots(actor=SYSTEM, today=ballot.closes_on + timedelta(days=1)) == 1
    ballot.refresh_from_db()
    assert (ballot.passed, ballot.outcome, ballot.closed_by) == (False, "no_quorum", None)


def _approval_package(project):
    for kind in (DocumentKind.DRAFT, DocumentKind.EXPLANATION, DocumentKind.REVIEW_MINUTES,
                 DocumentKind.DISPOSITION_TABLE):
        add_document(project, kind)  # uploaded during review: the draft is the one for approval (报批稿)


@pytest.mark.parametrize(("choices", "reaches_approval"), [
    (["approve", "approve", "approve", "abstain"], True),
    (["approve", "approve", "reject", "reject"], False),
])
def test_approval_needs_the_latest_ballot_passed(project, members, meeting, secretariat_user, choices,
                                                 reaches_approval):
    _approval_package(project)
    ballot = meeting(project)
    vote_all(ballot, members, choices)
    with time_machine.travel(DAY, tick=False):
        close_ballot(actor=secretariat_user, ballot=ballot)
        project.refresh_from_db()
        move = {"actor": secretariat_user, "project": project, "to": Stage.APPROVAL,
                "expected_version": project.version}
        if reaches_approval:
            assert move_project(**move).stage == Stage.APPROVAL
        else:
            with pytest.raises(RequirementsUnmet) as caught:
                move_project(**move)
            assert [m["requirement"] for m in caught.value.missing] == ["ballot"]


def test_a_ballot_votes_on_the_draft_for_review_never_on_the_comment_draft(members, secretariat_user, letter):
    """Seen in use: a ballot opened without a 送审稿 showed the 征求意见稿 as what was voted on."""
    project = ProjectFactory(committee=members[0].committee, stage=Stage.REVIEW)
    comment_draft = add_document(project, stage=Stage.DRAFTING)
    assert comment_draft.label == "征求意见稿"
    with pytest.raises(RequirementsUnmet, match="送审稿") as refused:
        letter(project)
    assert [item["requirement"] for item in refused.value.missing] == ["review_draft"]
    assert not Ballot.objects.filter(project=project).exists()
    approval_draft = add_document(project)  # uploaded in review: prepared for approval, not what is reviewed
    assert approval_draft.label == "报批稿"
    with pytest.raises(RequirementsUnmet):
        letter(project)
    review_draft = add_document(project, stage=Stage.DISPOSITION)
    assert letter(project).document == review_draft


# --- Pages --------------------------------------------------------------------------------------------
def _counter(name: str, css: str, count: int, label: str) -> str:
    return (f'<div class="border rounded py-2" id="tally-{name}"><div class="fs-4 fw-semibold{css}">{count}</div>'
            f'<div class="small">{label}</div></div>')


def test_while_a_ballot_runs_its_page_shows_how_many_have_voted_and_the_result_only_once_closed(
        client, project, members, letter, secretariat_user):
    """Seen in use: the public ballot page showed the live tally while saying votes are published after closing."""
    ballot = letter(project)
    vote_all(ballot, members[:3], ["approve", "reject", "abstain"])
    with time_machine.travel(DAY, tick=False):
        page = client.get(f"/projects/ballots/{ballot.pk}/").content.decode()
    assertInHTML('<p class="fs-5 mb-2" id="ballot-received">已表决 3 人，共 4 人</p>', page)
    assert 'id="tally-approve"' not in page and "还需" not in page and "反对票已达到" not in page
    vote_all(ballot, members[3:], ["approve"])
    with time_machine.travel(DAY, tick=False):
        close_ballot(actor=secretariat_user, ballot=ballot)
        closed = client.get(f"/projects/ballots/{ballot.pk}/").content.decode()
    assertInHTML(_counter("approve", " text-success", 2, "赞成"), closed)
    assertInHTML(_counter("reject", " text-danger", 1, "反对"), closed)
    assertInHTML(_counter("pending", " text-muted", 0, "未投票（共 4 人）"), closed)
    assert "赞成 2/4 = 50.0% &lt; 2/3" in closed


def test_until_it_closes_a_member_sees_their_own_vote_and_the_secretariat_only_who_has_voted(
        client, project, members, secretariat_user, registered_user, letter):
    ballot = letter(project)
    with time_machine.travel(DAY, tick=False):
        cast_vote(actor=members[0].user, ballot=ballot, choice="reject", reason="术语与GB/T 5271冲突")

        def page_for(user=None) -> str:
            client.logout()
            if user is not None:
                client.force_login(user)
            return client.get(f"/projects/ballots/{ballot.pk}/").content.decode()

        public, voter, colleague, secretariat = (page_for(), page_for(members[0].user), page_for(members[1].user),
                                                 page_for(secretariat_user))
    assert "已投票" not in public and "反对" not in public.split("表决名单")[1] and "术语与GB/T 5271冲突" not in public
    assert "术语与GB/T 5271冲突" in voter and "您已投「反对」票" in voter
    assert "术语与GB/T 5271冲突" not in colleague and "已投票" not in colleague
    roll = secretariat.split("表决名单")[1]
    assert "已投票" in roll and "未投票" in roll  # who has voted, to remind the others
    assert "术语与GB/T 5271冲突" not in secretariat and "反对</td>" not in roll  # but not how
    vote_all(ballot, members[1:], ["approve"] * 3)
    with time_machine.travel(DAY, tick=False):
        close_ballot(actor=secretariat_user, ballot=ballot)
        closed, outsider, colleague, secretariat = (page_for(), page_for(registered_user), page_for(members[1].user),
                                                    page_for(secretariat_user))
    result = "赞成 3/4 = 75.0% ≥ 2/3，反对 1/4 = 25.0% ≥ 1/4，投票率 4/4 = 100.0% ≥ 3/4：未通过：反对票达到 1/4"
    for page in (closed, outsider):  # the public: the counts and the outcome, not who voted how
        assert result in page and "术语与GB/T 5271冲突" not in page
        roll = page.split("表决名单")[1]
        assert "反对</td>" not in roll and "赞成</td>" not in roll and "已投票" not in roll
        assert "仅向本技术委员会委员、秘书处、审核人员和管理员公开" in roll
    for page in (colleague, secretariat):  # the committee's members and secretariat: the named roll
        assert result in page and "术语与GB/T 5271冲突" in page and "反对</td>" in page.split("表决名单")[1]


def test_after_closing_reviewers_and_administrators_see_the_named_roll_and_a_former_member_does_not(
        client, project, members, secretariat_user, reviewer_user, admin_user, letter):
    ballot = letter(project)
    vote_all(ballot, members, ["approve", "approve", "approve", "reject"])
    with time_machine.travel(DAY, tick=False):
        close_ballot(actor=secretariat_user, ballot=ballot)
    former = MemberFactory(committee=project.committee, user=UserFactory(), term_start=date(2020, 1, 1),
                           term_end=date(2023, 12, 31))
    for user, named in ((reviewer_user, True), (admin_user, True), (former.user, False)):
        client.force_login(user)
        with time_machine.travel(DAY, tick=False):
            roll = client.get(f"/projects/ballots/{ballot.pk}/").content.decode().split("表决名单")[1]
        assert ("反对</td>" in roll) is named, user


def test_a_member_votes_on_the_page_and_is_told_what_is_missing(client, project, members, letter):
    ballot = letter(project)
    client.force_login(members[0].user)
    url = f"/projects/ballots/{ballot.pk}/vote/"
    with time_machine.travel(DAY, tick=False):
        assert 'name="choice"' in client.get(f"/projects/ballots/{ballot.pk}/").content.decode()
        refused = client.post(url, {"choice": "reject", "reason": ""})
        assert refused.status_code == 422 and "须说明理由" in refused.content.decode()
        assert client.post(url, {"choice": "reject", "reason": "不可行"}).status_code == 302
    with time_machine.travel(ballot.closes_on + timedelta(days=1), tick=False):
        late = client.post(url, {"choice": "approve"})
    assert late.status_code == 409 and "2026-06-03" in late.content.decode()
    assert ballot.votes.get(member=members[0]).choice == "reject"


def test_the_secretariat_opens_records_and_closes_on_the_pages(client, project, members, secretariat_user,
                                                               registered_user):
    client.force_login(registered_user)
    assert client.post(f"/projects/{project.pk}/ballots/new/", {"method": "meeting"}).status_code == 403
    client.force_login(secretariat_user)
    with time_machine.travel(DAY, tick=False):
        assert "发起审查投票" in client.get(project.get_absolute_url()).content.decode()
        refused = client.post(f"/projects/{project.pk}/ballots/new/", {"method": "letter", "closes_on": "2026-05-01"})
        assert refused.status_code == 422 and "函审截止日期须晚于今天" in refused.content.decode()
        response = client.post(f"/projects/{project.pk}/ballots/new/", {"method": "meeting", "closes_on": ""})
        ballot = project.ballots.get()
        assert response.url == f"/projects/ballots/{ballot.pk}/"
        for member, choice in zip(members, ["approve", "approve", "approve", "abstain"], strict=True):
            assert client.post(f"/projects/ballots/{ballot.pk}/record/",
                               {"member": member.pk, "choice": choice}).status_code == 302
        assert client.post(f"/projects/ballots/{ballot.pk}/close/").status_code == 302
        again = client.post(f"/projects/ballots/{ballot.pk}/close/")
        assert again.status_code == 409
        detail = client.get(project.get_absolute_url()).content.decode()
    ballot.refresh_from_db()
    assert (ballot.approve, ballot.abstain, ballot.passed) == (3, 1, True)
    assert "3/4" in detail and "75.0%" in detail and "通过" in detail
