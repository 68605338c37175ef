"""Leader lists: drafted from the top tier, public notice over working days, objections inside the period only,
decided by the administration (upheld removes the entry), published after the period; every step an event."""

from datetime import date

import pytest

from biaozhun.core.actors import SYSTEM
from biaozhun.core.errors import InvalidTransition, PermissionDeniedError, TimeLimitPassed, ValidationFailed
from biaozhun.leaders.models import (
    EntryState,
    LeaderList,
    LeadersEvent,
    LeadersEventKind,
    ListState,
    Objection,
    ObjectionState,
)
from biaozhun.leaders.selectors.public import badges_for
from biaozhun.leaders.services import (
    decide_objection,
    draft_leader_list,
    open_notice,
    publish_leader_list,
    run_ranking,
    submit_objection,
)

from .scene import EFFICIENCY, at, declare, fridge, list_in_notice, scheme

pytestmark = pytest.mark.django_db


def _kinds(leader_list):
    return list(LeadersEvent.objects.filter(leader_list=leader_list).values_list("kind", flat=True))


def test_a_draft_lists_the_top_tier_and_the_notice_ends_ten_working_days_later_past_a_holiday():
    leader_list = list_in_notice(date(2026, 6, 8))
    assert leader_list.state == ListState.NOTICE
    assert leader_list.notice_from == date(2026, 6, 8)
    assert leader_list.notice_until == date(2026, 6, 23)  # 19 June, the Dragon Boat Festival, is not counted
    assert leader_list.entries.count() == 2
    assert _kinds(leader_list) == [LeadersEventKind.LIST_DRAFTED, LeadersEventKind.NOTICE_OPENED]


def test_the_notice_length_is_configurable(settings):
    settings.BIAOZHUN_LEADERS_NOTICE_WORKING_DAYS = 5
    leader_list = list_in_notice(date(2026, 6, 8))
    assert leader_list.notice_until == date(2026, 6, 15)


@pytest.mark.parametrize("day, allowed", [
    (date(2026, 6, 8), True),  # the first day
    (date(2026, 6, 23), True),  # the last day
    (date(2026, 6, 24), False),  # the day after
])
def test_objections_are_accepted_on_the_first_and_last_day_of_the_notice_and_refused_after(
        registered_user, day, allowed):
    leader_list = list_in_notice(date(2026, 6, 8))
    entry = leader_list.entries.first()
    with at(day, hour=23):
        if allowed:
            submit_objection(registered_user, leader_list=leader_list, entry=entry, text="检测报告与声明不符")
        else:
            with pytest.raises(TimeLimitPassed, match="2026-06-08 至 2026-06-23"):
                submit_objection(registered_user, leader_list=leader_list, entry=entry, text="检测报告与声明不符")
    assert Objection.objects.count() == (1 if allowed else 0)
    assert _kinds(leader_list).count(LeadersEventKind.OBJECTION_SUBMITTED) == (1 if allowed else 0)


def test_an_anonymous_visitor_cannot_object_and_nothing_is_written(public_user):
    leader_list = list_in_notice(date(2026, 6, 8))
    with at(date(2026, 6, 9)), pytest.raises(PermissionDeniedError):
        submit_objection(public_user, leader_list=leader_list, entry=leader_list.entries.first(), text="异议")
    assert not Objection.objects.exists()


def test_an_empty_objection_is_refused_naming_the_field(registered_user):
    leader_list = list_in_notice(date(2026, 6, 8))
    with at(date(2026, 6, 9)), pytest.raises(ValidationFailed) as refused:
        submit_objection(registered_user, leader_list=leader_list, entry=leader_list.entries.first(), text="  ")
    assert refused.value.errors[0]["field"] == "text"
    assert not Objection.objects.exists()


def test_an_upheld_objection_removes_the_entry_and_a_rejected_one_keeps_it(registered_user, reviewer_user):
    leader_list = list_in_notice(date(2026, 6, 8))
    first, second = leader_list.entries.order_by("id")
    with at(date(2026, 6, 9)):
        one = submit_objection(registered_user, leader_list=leader_list, entry=first, text="能效检测报告造假")
        two = submit_objection(registered_user, leader_list=leader_list, entry=second, text="不服")
    with at(date(2026, 6, 20)):
        decide_objection(reviewer_user, objection=one, upheld=True, reason="经核查，检测报告不实")
        decide_objection(reviewer_user, objection=two, upheld=False, reason="未提供证据")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state) == (EntryState.REMOVED, EntryState.LISTED)
    assert set(Objection.objects.values_list("state", flat=True)) == {ObjectionState.UPHELD, ObjectionState.REJECTED}
    assert _kinds(leader_list)[-2:] == [LeadersEventKind.OBJECTION_UPHELD, LeadersEventKind.OBJECTION_REJECTED]
    with at(date(2026, 6, 24)):
        publish_leader_list(reviewer_user, leader_list=leader_list)
    assert badges_for([first.declaration_id, second.declaration_id]).keys() == {second.declaration_id}


def test_an_enterprise_cannot_decide_an_objection_and_nothing_changes(registered_user, enterprise_user):
    leader_list = list_in_notice(date(2026, 6, 8))
    with at(date(2026, 6, 9)):
        objection = submit_objection(registered_user, leader_list=leader_list, entry=leader_list.entries.first(),
                                     text="异议")
    events = LeadersEvent.objects.count()
    with pytest.raises(PermissionDeniedError):
        decide_objection(enterprise_user, objection=objection, upheld=True, reason="我说成立")
    objection.refresh_from_db()
    assert objection.state == ObjectionState.OPEN and LeadersEvent.objects.count() == events
    assert not leader_list.entries.filter(state=EntryState.REMOVED).exists()


def test_a_list_is_published_only_after_the_period_and_with_every_objection_decided(registered_user,
                                                                                     admin_user):
    leader_list = list_in_notice(date(2026, 6, 8))
    with at(date(2026, 6, 23)), pytest.raises(InvalidTransition, match="2026-06-23"):
        publish_leader_list(admin_user, leader_list=leader_list)
    with at(date(2026, 6, 10)):
        objection = submit_objection(registered_user, leader_list=leader_list, entry=leader_list.entries.first(),
                                     text="异议")
    with at(date(2026, 6, 24)):
        with pytest.raises(InvalidTransition, match="1 条异议未处理"):
            publish_leader_list(admin_user, leader_list=leader_list)
        decide_objection(admin_user, objection=objection, upheld=False, reason="不成立")
        publish_leader_list(admin_user, leader_list=leader_list)
    leader_list.refresh_from_db()
    assert leader_list.state == ListState.PUBLISHED
    assert _kinds(leader_list)[-1] == LeadersEventKind.LIST_PUBLISHED


def test_a_run_without_tiers_gives_no_list():
    plan = scheme(fridge())
    declare((EFFICIENCY, "eq", 45, 45))
    declare((EFFICIENCY, "eq", 45, 45))
    run = run_ranking(SYSTEM, scheme=plan)
    with pytest.raises(InvalidTransition, match="没有形成档次"):
        draft_leader_list(SYSTEM, run=run)
    assert not LeaderList.objects.exists()


def test_drafting_and_notice_are_refused_to_a_registered_person_and_write_nothing(registered_user):
    plan = scheme(fridge())
    for value in (38, 45):
        declare((EFFICIENCY, "eq", value, value))
    run = run_ranking(SYSTEM, scheme=plan)
    with pytest.raises(PermissionDeniedError):
        draft_leader_list(registered_user, run=run)
    assert not LeaderList.objects.exists()
    leader_list = draft_leader_list(SYSTEM, run=run)
    with pytest.raises(PermissionDeniedError):
        open_notice(registered_user, leader_list=leader_list)
    leader_list.refresh_from_db()
    assert leader_list.state == ListState.DRAFT and _kinds(leader_list) == [LeadersEventKind.LIST_DRAFTED]
