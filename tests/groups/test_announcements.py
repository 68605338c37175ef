"""立项公告 and 征求意见: the organisation's members post them; signed-in people comment during the period only,
and the organisation reads the comments."""

from datetime import timedelta

import pytest
import time_machine

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.core.errors import PermissionDeniedError, ValidationFailed
from biaozhun.groups.models import Announcement, AnnouncementComment, GroupEvent
from biaozhun.groups.services import CommentPeriodClosed, post_announcement, submit_comment
from tests.factories.files import real_pdf
from tests.fixtures.groups import comment_input

pytestmark = pytest.mark.django_db


def test_a_member_posts_a_call_for_comments_with_its_draft(cas, cas_member):
    today = clock.today()
    announcement = post_announcement(actor=cas_member, profile=cas, draft=real_pdf("征求意见稿"),
                                     data=comment_input(today, today + timedelta(days=30)))
    assert announcement.draft.name.startswith("group_drafts/") and announcement.draft_size > 0
    event = GroupEvent.objects.get(kind="announcement_posted")
    assert (event.actor, event.announcement, event.data["kind"]) == (cas_member, announcement, "draft_for_comment")


def test_someone_outside_the_organisation_cannot_post_and_nothing_is_written(cas, cesa_admin, registered_user):
    today = clock.today()
    for actor in (cesa_admin, registered_user):
        with pytest.raises(PermissionDeniedError):
            post_announcement(actor=actor, profile=cas, data=comment_input(today, today + timedelta(days=30)))
    assert not Announcement.objects.exists() and not GroupEvent.objects.filter(kind="announcement_posted").exists()


def test_a_period_that_ends_before_it_starts_or_starts_in_the_past_is_refused(cas, cas_member):
    today = clock.today()
    with pytest.raises(ValidationFailed) as refused:
        post_announcement(actor=cas_member, profile=cas, data=comment_input(today, today - timedelta(days=1)))
    assert [p["field"] for p in refused.value.errors] == ["comment_end"]
    with pytest.raises(ValidationFailed) as refused:
        post_announcement(actor=cas_member, profile=cas, data=comment_input(today - timedelta(days=1), today))
    assert [p["field"] for p in refused.value.errors] == ["comment_start"]
    assert not Announcement.objects.exists()


def test_a_draft_that_is_not_a_pdf_is_refused(cas, cas_member):
    today = clock.today()
    with pytest.raises(ValidationFailed) as refused:
        post_announcement(actor=cas_member, profile=cas, draft=b"<html>", data=comment_input(today, today))
    assert refused.value.errors[0]["field"] == "draft"


def test_a_signed_in_person_comments_during_the_period(open_call, registered_user):
    comment = submit_comment(actor=registered_user, announcement=open_call, text="第 3.2 条的限值偏低", clause="3.2",
                             organisation_name="某检测中心")
    assert (comment.number, comment.author_name, comment.clause) == (1, registered_user.real_name, "3.2")
    assert GroupEvent.objects.filter(kind="comment_submitted", announcement=open_call).exists()


def test_the_first_and_last_days_take_comments_and_the_days_around_them_do_not(open_call, registered_user):
    start, end = open_call.comment_start, open_call.comment_end
    for day in (start, end):
        with time_machine.travel(day, tick=False):
            submit_comment(actor=registered_user, announcement=open_call, text=f"{day} 的意见")
    with time_machine.travel(end + timedelta(days=1), tick=False), pytest.raises(CommentPeriodClosed) as late:
        submit_comment(actor=registered_user, announcement=open_call, text="晚了")
    assert late.value.message == f"征求意见已于 {end.isoformat()} 截止，不再接收意见。"
    with time_machine.travel(start - timedelta(days=1), tick=False), pytest.raises(CommentPeriodClosed) as early:
        submit_comment(actor=registered_user, announcement=open_call, text="早了")
    assert early.value.message == f"征求意见自 {start.isoformat()} 开始，请届时再提出意见。"
    assert AnnouncementComment.objects.count() == 2


def test_the_public_cannot_comment(open_call, public_user):
    with pytest.raises(PermissionDeniedError):
        submit_comment(actor=public_user, announcement=open_call, text="匿名意见")
    assert not AnnouncementComment.objects.exists()


def test_a_project_approval_notice_takes_no_comments(approval_notice, registered_user):
    with pytest.raises(PermissionDeniedError):
        submit_comment(actor=registered_user, announcement=approval_notice, text="意见")


def test_everyone_reads_every_comment_and_only_the_organisation_and_administrators_learn_who_made_them(
        open_call, cas_member, cesa_admin, admin_user, registered_user, enterprise_user, public_user):
    submit_comment(actor=registered_user, announcement=open_call, text="甲")
    submit_comment(actor=enterprise_user, announcement=open_call, text="乙")
    for viewer in (cas_member, registered_user, public_user):
        assert [c.text for c in policy.visible("groups.comments", viewer, open_call)] == ["甲", "乙"]
    assert policy.can(cas_member, "groups.identify_commenters", open_call)
    assert policy.can(admin_user, "groups.identify_commenters", open_call)
    for viewer in (cesa_admin, registered_user, enterprise_user, public_user):
        assert not policy.can(viewer, "groups.identify_commenters", open_call)
