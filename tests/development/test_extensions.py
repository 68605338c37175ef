"""Extensions of the approval deadline (延期): asked 30 days before it at the latest, 1–12 months, once per
project, decided by the national administration; approval moves the deadline and restarts the reminders."""

from datetime import date

import pytest
import time_machine
from django.core import mail
from pytest_django.asserts import assertInHTML

from biaozhun.core.actors import SYSTEM
from biaozhun.core.errors import InvalidTransition, PermissionDeniedError, TimeLimitPassed, ValidationFailed
from biaozhun.development.models import ExtensionRequest
from biaozhun.development.services.deadlines import decide_extension, request_extension
from biaozhun.development.sweep import sweep
from biaozhun.rules.stages import Stage

pytestmark = pytest.mark.django_db

DEADLINE = date(2027, 8, 5)  # advance(): planned 2026-02-05, recommended, 18 months
LAST_DAY = date(2027, 7, 6)  # 30 days before


@pytest.fixture
def drafting(tc28_project, walk):
    return walk(tc28_project, Stage.DRAFTING)


def ask(project, actor, *, on=LAST_DAY, months=6, reason="试验验证需要一个完整的采暖季"):
    with time_machine.travel(on, tick=False):
        return request_extension(actor=actor, project=project, months=months, reason=reason)


def decide(request, actor, *, on=date(2027, 7, 10), approve=True, reason=""):
    with time_machine.travel(on, tick=False):
        return decide_extension(actor=actor, request=request, approve=approve, reason=reason)


def test_the_last_day_to_ask_is_thirty_days_before_the_deadline(drafting, secretariat_user):
    with pytest.raises(TimeLimitPassed) as late:
        ask(drafting, secretariat_user, on=date(2027, 7, 7))
    assert late.value.data == {"rule": "extension_notice_days", "deadline": "2027-08-05", "last_day": "2027-07-06"}
    assert late.value.message == "延期须在报批期限（2027-08-05）前 30 日提出，最后一天是 2027-07-06。"  # no setting names
    request = ask(drafting, secretariat_user, on=LAST_DAY)
    assert (request.state, request.months, request.deadline_before) == ("pending", 6, DEADLINE)
    assert drafting.events.filter(kind="extension_requested", data__months=6).exists()


@pytest.mark.parametrize("months", [0, 13])
def test_months_must_be_between_one_and_twelve(drafting, secretariat_user, months):
    with pytest.raises(ValidationFailed) as refused:
        ask(drafting, secretariat_user, months=months)
    assert [e["field"] for e in refused.value.errors] == ["months"]
    assert ask(drafting, secretariat_user, months=12).months == 12


def test_a_reason_is_required(drafting, secretariat_user):
    with pytest.raises(ValidationFailed) as refused:
        ask(drafting, secretariat_user, reason="  ")
    assert [e["field"] for e in refused.value.errors] == ["reason"]


def test_one_extension_per_project(drafting, secretariat_user, reviewer_user):
    first = ask(drafting, secretariat_user, on=date(2027, 6, 1))
    with pytest.raises(InvalidTransition, match="待审核"):
        ask(drafting, secretariat_user, on=date(2027, 6, 2))
    decide(first, reviewer_user, on=date(2027, 6, 3), approve=False, reason="理由不充分")
    second = ask(drafting, secretariat_user, on=date(2027, 6, 4), months=3)  # a refused request does not count
    decide(second, reviewer_user, on=date(2027, 6, 5))
    with pytest.raises(InvalidTransition, match="只能延期一次"):
        ask(drafting, secretariat_user, on=date(2027, 6, 6))


def test_only_the_secretariat_asks_and_only_the_national_administration_decides(
        drafting, secretariat_user, registered_user, reviewer_user):
    with pytest.raises(PermissionDeniedError):
        ask(drafting, registered_user)
    request = ask(drafting, secretariat_user)
    with pytest.raises(PermissionDeniedError):
        decide(request, secretariat_user)
    assert decide(request, reviewer_user).state == "approved"


def test_a_refusal_needs_a_reason(drafting, secretariat_user, reviewer_user):
    request = ask(drafting, secretariat_user)
    with pytest.raises(ValidationFailed):
        decide(request, reviewer_user, approve=False)
    request = decide(request, reviewer_user, approve=False, reason="不符合延期条件")
    drafting.refresh_from_db()
    assert (request.state, request.decision_reason, drafting.deadline) == ("refused", "不符合延期条件", DEADLINE)
    with pytest.raises(InvalidTransition):
        decide(request, reviewer_user)


def test_approval_moves_the_deadline_and_restarts_the_reminders(drafting, secretariat_user, reviewer_user,
                                                               django_capture_on_commit_callbacks):
    request = ask(drafting, secretariat_user)
    with time_machine.travel(date(2027, 7, 29), tick=False):
        sweep(actor=SYSTEM)  # the first reminder, 7 days before the old deadline
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decide(request, reviewer_user, on=date(2027, 7, 30))
    drafting.refresh_from_db()
    # 2028-02-05 is a Saturday: the deadline is the next working day.
    assert (drafting.deadline, drafting.extension_months, drafting.deadline_notice) == (date(2028, 2, 7), 6, "")
    assert [m.to for m in mail.outbox] == [[secretariat_user.email]]  # the secretariat hears the decision
    event = drafting.events.get(kind="extension_decided")
    assert event.data == {"request": request.pk, "approved": True, "months": 6, "deadline": "2028-02-07"}
    with time_machine.travel(date(2027, 8, 6), tick=False):
        assert sweep(actor=SYSTEM)["overdue"] == 0
    with time_machine.travel(date(2028, 1, 31), tick=False):
        assert sweep(actor=SYSTEM)["reminders"] == 1


def test_a_request_pending_when_the_deadline_passes_unfreezes_the_project_when_approved(
        drafting, secretariat_user, reviewer_user):
    request = ask(drafting, secretariat_user)
    with time_machine.travel(date(2027, 8, 6), tick=False):
        sweep(actor=SYSTEM)
    drafting.refresh_from_db()
    assert drafting.frozen
    with pytest.raises(TimeLimitPassed):
        ask(drafting, secretariat_user, on=date(2027, 8, 6))
    decide(request, reviewer_user, on=date(2027, 8, 7))
    drafting.refresh_from_db()
    assert not drafting.frozen and drafting.deadline == date(2028, 2, 7)


def test_no_extension_before_the_plan_or_after_approval(tc28_project, secretariat_user):
    with pytest.raises(InvalidTransition):
        ask(tc28_project, secretariat_user, on=date(2026, 1, 5))


# --- The section on the project page -----------------------------------------------------------------
def test_the_secretariat_sees_the_deadline_and_the_last_day_to_ask(client, drafting, secretariat_user,
                                                                   registered_user):
    with time_machine.travel(date(2027, 7, 1), tick=False):  # signed in on the day: sessions expire
        client.force_login(secretariat_user)
        page = client.get(drafting.get_absolute_url()).content.decode()
    assert "2027-08-05" in page and "还有 35 日" in page
    assert 'id="extension-months"' in page and "2027-07-06" in page
    with time_machine.travel(date(2027, 7, 1), tick=False):
        client.force_login(registered_user)
        page = client.get(drafting.get_absolute_url()).content.decode()
    assert "2027-08-05" in page and 'id="extension-months"' not in page


def test_a_frozen_project_shows_why(client, drafting):
    with time_machine.travel(date(2027, 8, 6), tick=False):
        sweep(actor=SYSTEM)
        page = client.get(drafting.get_absolute_url()).content.decode()
    assertInHTML('<div class="alert alert-danger" role="alert" id="deadline-frozen"><strong>超期冻结</strong> '
                 '报批期限 2027-08-05 已过（推荐性国家标准的制定周期：自计划下达之日 2026-02-05 起 18 个月）。'
                 '项目已冻结：不能再转入下一阶段，只能暂缓或终止。</div>', page)
    assert "cycle_recommended" not in page  # the limit by its name, not its code


def test_asking_and_deciding_through_the_page(client, drafting, secretariat_user, reviewer_user):
    url = f"/projects/{drafting.pk}/extension/"
    with time_machine.travel(date(2027, 7, 1), tick=False):  # signed in on the day: sessions expire
        client.force_login(secretariat_user)
        refused = client.post(url, {"months": "13", "reason": "需要补充试验"})
        assert refused.status_code == 422
        assertInHTML('<div class="invalid-feedback">延期为 1 至 12 个月</div>', refused.content.decode())
        assert "extension_max_months" not in refused.content.decode()
        response = client.post(url, {"months": "6", "reason": "需要补充试验"})
    assert response.status_code == 302 and response.url == drafting.get_absolute_url()
    with time_machine.travel(date(2027, 7, 20), tick=False):
        client.force_login(secretariat_user)
        late = client.post(url, {"months": "6", "reason": "需要补充试验"})
    assert late.status_code == 409 and "2027-07-06" in late.content.decode()

    request = ExtensionRequest.objects.get(project=drafting)
    client.force_login(reviewer_user)
    page = client.get(drafting.get_absolute_url()).content.decode()
    assert f"/projects/extensions/{request.pk}/decide/" in page
    refused = client.post(f"/projects/extensions/{request.pk}/decide/", {"decision": "refuse", "reason": ""})
    assert refused.status_code == 422 and "请说明不批准的理由" in refused.content.decode()
    client.post(f"/projects/extensions/{request.pk}/decide/", {"decision": "approve"})
    drafting.refresh_from_db()
    assert drafting.deadline == date(2028, 2, 7)
