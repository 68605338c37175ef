"""A project's whole life along each path the workflow allows, with the days passing: returned to drafting and
round again, terminated, suspended and resumed, overdue and frozen, extended. (The path through publication is
in test_publication.py.)"""

from datetime import date

import pytest
import time_machine

from biaozhun.core.errors import InvalidTransition, TimeLimitPassed, ValidationFailed
from biaozhun.development.models import DocumentKind
from biaozhun.development.services import move_project
from biaozhun.development.services.deadlines import decide_extension, request_extension, sweep
from tests.development.helpers import add_document, advance, passed_ballot

pytestmark = pytest.mark.django_db

DEADLINE = date(2027, 8, 5)  # advance(): planned on 2026-02-05, recommended, 18 months


def move(project, to, actor, on, **kwargs):
    with time_machine.travel(on, tick=False):
        project.refresh_from_db()
        return move_project(actor, project, to=to, expected_version=project.version, **kwargs)


def sweep_on(day):
    with time_machine.travel(day, tick=False):
        return sweep()


def stages(project) -> list[str]:
    return list(project.events.filter(kind="moved").order_by("id").values_list("to_stage", flat=True))


def test_returned_from_review_goes_round_again_to_approval(tc28_project, secretariat_user):
    project = advance(tc28_project, "review")  # in review since 2026-04-28
    with pytest.raises(ValidationFailed):
        move(project, "drafting", secretariat_user, date(2026, 5, 5))
    project = move(project, "drafting", secretariat_user, date(2026, 5, 5), reason="审查意见较多，须修改后重新征求意见")
    with time_machine.travel(date(2026, 5, 20), tick=False):
        add_document(project)  # the revised draft
    project = move(project, "comment", secretariat_user, date(2026, 5, 20))
    assert project.period_ends_on == date(2026, 7, 19)
    assert sweep_on(date(2026, 7, 20))["comment_closed"] == 1
    project = move(project, "review", secretariat_user, date(2026, 7, 25))
    with time_machine.travel(date(2026, 8, 1), tick=False):
        passed_ballot(project)
        for kind in (DocumentKind.EXPLANATION, DocumentKind.REVIEW_MINUTES, DocumentKind.DISPOSITION_TABLE):
            add_document(project, kind)
    project = move(project, "approval", secretariat_user, date(2026, 8, 1))
    assert stages(project) == ["notice", "planned", "drafting", "comment", "disposition", "review",
                               "drafting", "comment", "disposition", "review", "approval"]
    # At approval the cycle is met: the deadline passing no longer freezes it.
    assert sweep_on(date(2027, 8, 6))["overdue"] == 0
    project.refresh_from_db()
    assert not project.frozen and project.deadline_notice == ""


@pytest.mark.parametrize("stage", ["proposal", "notice", "planned", "comment", "review", "approval"])
def test_terminated_from_any_open_stage_is_the_end(tc28_project, secretariat_user, stage):
    project = advance(tc28_project, stage) if stage != "proposal" else tc28_project
    day = date(2026, 9, 1)
    with pytest.raises(ValidationFailed):
        move(project, "terminated", secretariat_user, day)
    project = move(project, "terminated", secretariat_user, day, reason="标准化需求已消失")
    assert project.stage == "terminated" and stages(project)[-1] == "terminated"
    with pytest.raises(InvalidTransition) as refused:
        move(project, "drafting", secretariat_user, day)
    assert refused.value.data["allowed"] == []
    events = project.events.count()
    assert set(sweep_on(date(2027, 8, 6)).values()) == {0}  # no periods, reminders or freezing any more
    assert project.events.count() == events


@pytest.mark.parametrize("stage", ["drafting", "comment", "review"])
def test_suspended_resumes_where_it_stopped(tc28_project, secretariat_user, stage):
    project = advance(tc28_project, stage)
    project = move(project, "suspended", secretariat_user, date(2026, 6, 1), reason="等待相关强制性标准发布")
    assert set(sweep_on(date(2027, 8, 6)).values()) == {0}  # a suspended project is left alone
    other = "review" if stage == "drafting" else "drafting"
    with pytest.raises(InvalidTransition) as refused:
        move(project, other, secretariat_user, date(2027, 9, 1))
    assert refused.value.data["allowed"] == [stage, "terminated"]
    project = move(project, stage, secretariat_user, date(2027, 9, 1))
    assert project.stage == stage and project.suspended_from == ""
    assert stages(project)[-2:] == ["suspended", stage]
    # Suspension does not move the approval deadline: once resumed, the sweep flags it.
    assert sweep_on(date(2027, 9, 2))["overdue"] == 1


def test_overdue_freezes_until_it_is_terminated(tc28_project, secretariat_user):
    project = advance(tc28_project, "drafting")
    sweep_on(date(2027, 7, 29))
    sweep_on(DEADLINE)
    sweep_on(date(2027, 8, 6))
    project.refresh_from_db()
    assert project.frozen
    assert list(project.events.filter(kind__in=["deadline_reminder", "overdue"]).values_list(
        "data__state", flat=True)) == ["reminder", "due_today", "overdue"]
    with pytest.raises(TimeLimitPassed):
        move(project, "comment", secretariat_user, date(2027, 8, 10))
    with time_machine.travel(date(2027, 8, 10), tick=False), pytest.raises(TimeLimitPassed):
        request_extension(secretariat_user, project, months=6, reason="补救")
    project = move(project, "terminated", secretariat_user, date(2027, 8, 10), reason="超期未报批")
    assert project.stage == "terminated"


def test_an_approved_extension_is_the_new_deadline_the_sweep_keeps(tc28_project, secretariat_user, reviewer_user):
    project = advance(tc28_project, "drafting")
    with time_machine.travel(date(2027, 6, 1), tick=False):
        request = request_extension(secretariat_user, project, months=6, reason="需要完成一个完整周期的验证试验")
    with time_machine.travel(date(2027, 6, 10), tick=False):
        decide_extension(reviewer_user, request, approve=True)
    assert sweep_on(date(2027, 8, 6))["overdue"] == 0
    with time_machine.travel(date(2027, 9, 1), tick=False):
        add_document(project)
    project = move(project, "comment", secretariat_user, date(2027, 9, 1))  # not frozen: work goes on
    assert sweep_on(date(2027, 11, 1))["comment_closed"] == 1
    reminder = sweep_on(date(2028, 1, 29))
    assert reminder["reminders"] == 1
    assert sweep_on(date(2028, 2, 6))["overdue"] == 1
    project.refresh_from_db()
    assert (project.stage, project.deadline, project.frozen) == ("disposition", date(2028, 2, 5), True)
