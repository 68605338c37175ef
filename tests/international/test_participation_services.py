"""The participation services: what they write, the one event each change leaves, and refusals that write
nothing."""

from datetime import timedelta

import pytest
import time_machine

from biaozhun.committees.models import CommitteeStatus
from biaozhun.committees.services import change_status
from biaozhun.core import clock
from biaozhun.core.actors import SYSTEM
from biaozhun.core.errors import InvalidTransition, PermissionDeniedError, TimeLimitPassed, ValidationFailed
from biaozhun.international.models import (
    InternationalBallot,
    InternationalCommittee,
    MirrorLink,
    ParticipationEvent,
    ParticipationEventKind,
    Post,
)
from biaozhun.international.services.participation import (
    link_counterparts,
    link_mirror,
    move_stage,
    open_ballot,
    record_post,
    record_vote,
    register_committee,
    update_committee,
    update_post,
)

pytestmark = pytest.mark.django_db
Kind = ParticipationEventKind


def test_registering_reads_the_code_finds_the_parent_and_writes_one_event(jtc1, admin_user):
    sc27 = register_committee(actor=admin_user, code="iso/iec jtc1/sc27", title="Information security",
                              china_membership="P")
    assert (sc27.code, sc27.organisation, sc27.parent) == ("ISO/IEC JTC 1/SC 27", "ISO/IEC", jtc1)
    event = sc27.events.get()
    assert (event.kind, event.actor, event.data["membership"]) == (Kind.COMMITTEE_REGISTERED, admin_user, "P")


def test_a_code_that_names_no_committee_or_is_taken_is_refused_with_every_problem(jtc1, admin_user):
    before = ParticipationEvent.objects.count()
    with pytest.raises(ValidationFailed) as refused:
        register_committee(actor=admin_user, code="ISO 9001", title="", china_membership="X")
    assert [p["field"] for p in refused.value.errors] == ["code", "title", "china_membership"]
    with pytest.raises(ValidationFailed, match="国际标准化技术机构未能登记") as taken:
        register_committee(actor=admin_user, code="ISO/IEC JTC 1", title="IT")
    assert "已经登记" in taken.value.errors[0]["message"]
    assert ParticipationEvent.objects.count() == before


def test_a_secretariat_cannot_keep_the_register(secretariat_user):
    with pytest.raises(PermissionDeniedError):
        register_committee(actor=secretariat_user, code="ISO/TC 1", title="Screw threads")
    assert not InternationalCommittee.objects.exists()


def test_a_membership_change_records_before_and_after_and_a_no_op_records_nothing(jtc1, reviewer_user):
    update_committee(actor=reviewer_user, international=jtc1, changes={"china_membership": "O", "title": jtc1.title})
    update_committee(actor=reviewer_user, international=jtc1, changes={"china_membership": "O"})
    changed = jtc1.events.filter(kind=Kind.COMMITTEE_CHANGED).get()
    assert changed.data["before"] == {"china_membership": "P"} and changed.data["after"] == {"china_membership": "O"}


def test_a_committee_may_mirror_several_and_not_twice_the_same(jtc1, tc28_committee, admin_user):
    other = register_committee(actor=admin_user, code="ISO/TC 46", title="Information and documentation")
    link_mirror(actor=admin_user, international=other, committee=tc28_committee)
    assert set(tc28_committee.mirror_links.values_list("international__code", flat=True)) == {
        "ISO/IEC JTC 1", "ISO/TC 46"}
    with pytest.raises(InvalidTransition, match="已是"):
        link_mirror(actor=admin_user, international=jtc1, committee=tc28_committee)


def test_counterparts_written_on_committees_become_links_and_the_rest_is_reported(tc28_committee, admin_user):
    from biaozhun.committees.services import update_committee as update_chinese_committee

    update_chinese_committee(actor=SYSTEM, committee=tc28_committee,
                             changes={"international_counterpart": "ISO/IEC JTC 1、ISO/TC 46"})
    register_committee(actor=admin_user, code="ISO/IEC JTC 1", title="Information technology")
    result = link_counterparts(actor=admin_user)
    assert result.linked == [("SAC/TC 28", "ISO/IEC JTC 1")]
    assert result.unregistered == [("SAC/TC 28", "ISO/TC 46")]
    assert link_counterparts(actor=admin_user).linked == []  # a second run links nothing again


def test_a_convenor_names_the_working_group_and_a_term_ends_after_it_starts(jtc1, admin_user):
    today = clock.today()
    with pytest.raises(ValidationFailed) as refused:
        record_post(actor=admin_user, international=jtc1, kind="convenor", holder="王伟", organisation="某研究院",
                    start=today, end=today - timedelta(days=1))
    assert {p["field"] for p in refused.value.errors} == {"body", "end"}
    post = record_post(actor=admin_user, international=jtc1, kind="convenor", body="wg  13", holder="王伟",
                       organisation="某研究院", start=today)
    assert post.where == "ISO/IEC JTC 1/WG 13"
    update_post(actor=admin_user, post=post, changes={"end": today + timedelta(days=365)})
    assert [e.kind for e in post.events.all()] == [Kind.POST_RECORDED, Kind.POST_CHANGED]
    assert Post.objects.get().end == today + timedelta(days=365)


def test_a_stage_move_records_from_to_and_date_and_a_wrong_one_names_the_allowed(china_work_item, admin_user):
    today = clock.today()
    move_stage(actor=admin_user, item=china_work_item, stage="10.99", on=today, note="approved by 18 P-members")
    moved = china_work_item.events.filter(kind=Kind.STAGE_MOVED).last()
    assert moved.data == {"reference": "ISO/NP 5001", "from": "10.20", "to": "10.99", "on": today.isoformat(),
                          "note": "approved by 18 P-members"}
    with pytest.raises(InvalidTransition, match="可登记的阶段：20.00"):
        move_stage(actor=admin_user, item=china_work_item, stage="10.20")
    with pytest.raises(ValidationFailed):
        move_stage(actor=admin_user, item=china_work_item, stage="20.00", on=today - timedelta(days=1))


def test_a_ballot_goes_only_to_a_committee_that_mirrors_its_committee_or_the_tc_above(jtc1_sc27, tc151_committee,
                                                                                      tc28_committee, admin_user):
    today = clock.today()
    ballot = open_ballot(actor=admin_user, international=jtc1_sc27, committee=tc28_committee,
                         reference="ISO/IEC FDIS 27001", kind="fdis", opens_on=today)
    assert ballot.closes_on == today + timedelta(weeks=8)
    with pytest.raises(ValidationFailed) as refused:
        open_ballot(actor=admin_user, international=jtc1_sc27, committee=tc151_committee, reference="X", kind="cd",
                    opens_on=today)
    assert refused.value.errors[0]["field"] == "committee"
    assert InternationalBallot.objects.count() == 1


def test_a_suspended_mirror_committee_is_given_no_ballot(jtc1, tc28_committee, admin_user):
    change_status(actor=admin_user, committee=tc28_committee, status=CommitteeStatus.SUSPENDED, reason="考核不合格")
    with pytest.raises(ValidationFailed, match="投票未能登记"):
        open_ballot(actor=admin_user, international=jtc1, committee=tc28_committee, reference="ISO/IEC DIS 1",
                    kind="dis", opens_on=clock.today())


def test_the_secretariat_records_chinas_vote_with_comments_and_may_change_it_until_the_deadline(
        tc28_iso_ballot, secretariat_user):
    record_vote(actor=secretariat_user, ballot=tc28_iso_ballot, vote="approve")
    ballot = record_vote(actor=secretariat_user, ballot=tc28_iso_ballot, vote="disapprove",
                         comments="5.2: the threat model omits data poisoning.")
    assert (ballot.vote, ballot.recorded_by) == ("disapprove", secretariat_user)
    votes = [e.data for e in ballot.events.filter(kind=Kind.VOTE_RECORDED)]
    assert [(d["before"], d["vote"]) for d in votes] == [("", "approve"), ("approve", "disapprove")]


def test_a_disapproval_without_reasons_is_refused_and_nothing_is_written(tc28_iso_ballot, secretariat_user):
    with pytest.raises(ValidationFailed) as refused:
        record_vote(actor=secretariat_user, ballot=tc28_iso_ballot, vote="disapprove", comments="  ")
    assert refused.value.errors[0]["field"] == "comments"
    tc28_iso_ballot.refresh_from_db()
    assert tc28_iso_ballot.vote == "" and not tc28_iso_ballot.events.filter(kind=Kind.VOTE_RECORDED).exists()


def test_after_the_deadline_no_vote_is_recorded(tc28_iso_ballot, secretariat_user):
    with time_machine.travel(clock.now() + timedelta(days=11), tick=False), pytest.raises(TimeLimitPassed):
        record_vote(actor=secretariat_user, ballot=tc28_iso_ballot, vote="abstain")


def test_neither_the_administration_nor_another_secretariat_records_the_vote(tc151_iso_ballot, secretariat_user,
                                                                             admin_user):
    for actor in (secretariat_user, admin_user):
        with pytest.raises(PermissionDeniedError):
            record_vote(actor=actor, ballot=tc151_iso_ballot, vote="approve")
    assert not tc151_iso_ballot.events.filter(kind=Kind.VOTE_RECORDED).exists()


def test_a_link_removed_is_recorded(jtc1, admin_user):
    from biaozhun.international.services.participation import unlink_mirror

    unlink_mirror(actor=admin_user, link=MirrorLink.objects.get())
    assert jtc1.events.filter(kind=Kind.MIRROR_UNLINKED).get().data["committee"] == "SAC/TC 28"
