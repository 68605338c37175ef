"""A project's whole life along each path the workflow allows, with the days passing: the happy path through
every service to in force, returned to drafting and round again, terminated, suspended and resumed, overdue and
frozen, extended."""

from datetime import date

import pytest
import time_machine

from biaozhun.core.actors import SYSTEM
from biaozhun.core.errors import InvalidTransition, TimeLimitPassed, ValidationFailed
from biaozhun.development.models import DocumentKind
from biaozhun.development.services import move_project
from biaozhun.development.services.deadlines import decide_extension, request_extension
from biaozhun.development.sweep import sweep
from biaozhun.rules.stages import Stage
from tests.development.helpers import add_document, passed_ballot

pytestmark = pytest.mark.django_db

DEADLINE = date(2027, 8, 5)  # advance(): planned on 2026-02-05, recommended, 18 months


def move(project, to, actor, on, **kwargs):
    with time_machine.travel(on, tick=False):
        project.refresh_from_db()
        return move_project(actor=actor, project=project, to=to, expected_version=project.version, **kwargs)


def sweep_on(day):
    with time_machine.travel(day, tick=False):
        return sweep(actor=SYSTEM)


def stages(project) -> list[str]:
    return list(project.events.filter(kind="moved").order_by("id").values_list("to_stage", flat=True))


def test_returned_from_review_goes_round_again_to_approval(tc28_project, secretariat_user, walk):
    project = walk(tc28_project, Stage.REVIEW)  # in review since 2026-04-28
    with pytest.raises(ValidationFailed):
        move(project, "drafting", secretariat_user, date(2026, 5, 5))
    project = move(project, "drafting", secretariat_user, date(2026, 5, 5), reason="审查意见较多，须修改后重新征求意见")
    with time_machine.travel(date(2026, 5, 20), tick=False):
        add_document(project)  # the revised draft
    project = move(project, "comment", secretariat_user, date(2026, 5, 20))
    assert project.period_ends_on == date(2026, 7, 20)  # 60 days end on a Sunday: the next working day
    assert sweep_on(date(2026, 7, 21))["comment_closed"] == 1
    with time_machine.travel(date(2026, 7, 24), tick=False):
        project.refresh_from_db()
        assert add_document(project).label == "送审稿"  # the draft revised after the second round of comments
    project = move(project, "review", secretariat_user, date(2026, 7, 25))
    with time_machine.travel(date(2026, 8, 1), tick=False):
        passed_ballot(project)
        for kind in (DocumentKind.DRAFT, DocumentKind.EXPLANATION, DocumentKind.REVIEW_MINUTES,
                     DocumentKind.DISPOSITION_TABLE):
            add_document(project, kind)
    project = move(project, "approval", secretariat_user, date(2026, 8, 1))
    assert stages(project) == ["notice", "planned", "drafting", "comment", "disposition", "review",
                               "drafting", "comment", "disposition", "review", "approval"]
    # At approval the cycle is met: the deadline passing no longer freezes it.
    assert sweep_on(date(2027, 8, 6))["overdue"] == 0
    project.refresh_from_db()
    assert not project.frozen and project.deadline_notice == ""


@pytest.mark.parametrize("stage", ["proposal", "notice", "planned", "comment", "review", "approval"])
def test_terminated_from_any_open_stage_is_the_end(tc28_project, secretariat_user, walk, stage):
    project = walk(tc28_project, stage) if stage != Stage.PROPOSAL else tc28_project
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
def test_suspended_resumes_where_it_stopped(tc28_project, secretariat_user, walk, stage):
    project = walk(tc28_project, stage)
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


def test_overdue_freezes_until_it_is_terminated(tc28_project, secretariat_user, walk):
    project = walk(tc28_project, Stage.DRAFTING)
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
        request_extension(actor=secretariat_user, project=project, months=6, reason="补救")
    project = move(project, "terminated", secretariat_user, date(2027, 8, 10), reason="超期未报批")
    assert project.stage == "terminated"


def test_an_approved_extension_is_the_new_deadline_the_sweep_keeps(tc28_project, secretariat_user, reviewer_user,
                                                                   walk):
    project = walk(tc28_project, Stage.DRAFTING)
    with time_machine.travel(date(2027, 6, 1), tick=False):
        request = request_extension(actor=secretariat_user, project=project, months=6,
                                    reason="需要完成一个完整周期的验证试验")
    with time_machine.travel(date(2027, 6, 10), tick=False):
        decide_extension(actor=reviewer_user, request=request, approve=True)
    assert sweep_on(date(2027, 8, 6))["overdue"] == 0
    with time_machine.travel(date(2027, 9, 1), tick=False):
        add_document(project)
    project = move(project, "comment", secretariat_user, date(2027, 9, 1))  # not frozen: work goes on
    assert sweep_on(date(2027, 11, 2))["comment_closed"] == 1  # 2027-10-31 is a Sunday: it ended on 11-01
    reminder = sweep_on(date(2028, 1, 31))
    assert reminder["reminders"] == 1
    assert sweep_on(date(2028, 2, 8))["overdue"] == 1
    project.refresh_from_db()
    assert (project.stage, project.deadline, project.frozen) == ("disposition", date(2028, 2, 7), True)


def test_the_happy_path_through_every_service_to_in_force(tc28_committee, secretariat_user, reviewer_user,
                                                          registered_user, standard_maker):
    """A mandatory, trade-relevant revision from proposal to in force, every step by its own service and person,
    the days passing as they would."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from biaozhun.catalog.services import refresh_due_statuses
    from biaozhun.development.services import propose_project
    from biaozhun.development.services.ballots import cast_vote, close_ballot, open_ballot, record_vote
    from biaozhun.development.services.comments import dispose_comment, submit_comment
    from biaozhun.development.services.documents import upload_document
    from biaozhun.development.services.publication import publish_project, record_tbt_notification
    from tests.development.helpers import PDF, voting_members
    from tests.factories.committees import MemberFactory

    old = standard_maker("GB 4943.1-2011", title_zh="信息技术设备 安全 第1部分：通用要求", nature="mandatory",
                         published_on="2011-12-30", implemented_on="2012-12-01", tc_code="SAC/TC 28")
    members = [MemberFactory(committee=tc28_committee, user=registered_user), *voting_members(tc28_committee, 3)]

    def upload(project, kind, on):
        with time_machine.travel(on, tick=False):
            return upload_document(actor=secretariat_user, project=project, kind=kind,
                                   upload=SimpleUploadedFile(f"{kind}.pdf", PDF, content_type="application/pdf"))

    with time_machine.travel(date(2026, 1, 5), tick=False):
        project = propose_project(actor=registered_user, committee=tc28_committee, title_zh="信息技术设备 安全 第1部分：通用要求",
                                  kind="revision", nature="mandatory", revises=[old], trade_relevant=True)
    project = move(project, "notice", secretariat_user, date(2026, 1, 6))
    project = move(project, "planned", reviewer_user, date(2026, 2, 10), plan_number="20260101-Q-339")
    assert project.deadline == date(2028, 2, 10)  # mandatory: 24 months
    project = move(project, "drafting", secretariat_user, date(2026, 2, 11))
    upload(project, DocumentKind.DRAFT, date(2026, 6, 1))
    project = move(project, "comment", secretariat_user, date(2026, 6, 2))
    with time_machine.travel(date(2026, 7, 1), tick=False):
        comment = submit_comment(actor=registered_user, project=project, clause="4.1", text="建议增加电池安全要求。")
    assert sweep_on(date(2026, 8, 3))["comment_closed"] == 0  # 60 days end on Saturday 08-01: open to Monday
    assert sweep_on(date(2026, 8, 4))["comment_closed"] == 1
    with time_machine.travel(date(2026, 8, 10), tick=False):
        dispose_comment(actor=secretariat_user, comment=comment, disposition="partly", reason="电池另有专门标准，仅增加引用。")
    project.refresh_from_db()
    assert upload(project, DocumentKind.DRAFT, date(2026, 8, 19)).label == "送审稿"  # revised after the comments
    project = move(project, "review", secretariat_user, date(2026, 8, 20))
    with time_machine.travel(date(2026, 9, 1), tick=False):
        ballot = open_ballot(actor=secretariat_user, project=project, method="meeting")
        for member in members[1:]:
            record_vote(actor=secretariat_user, ballot=ballot, member=member, choice="approve")
        cast_vote(actor=registered_user, ballot=ballot, choice="abstain")
        ballot = close_ballot(actor=secretariat_user, ballot=ballot)
    assert (ballot.passed, ballot.approve, ballot.abstain) == (True, 3, 1)
    for kind in (DocumentKind.DRAFT, DocumentKind.EXPLANATION, DocumentKind.REVIEW_MINUTES):
        upload(project, kind, date(2026, 9, 10))
    project = move(project, "approval", secretariat_user, date(2026, 9, 10))
    with time_machine.travel(date(2026, 9, 15), tick=False):
        project = record_tbt_notification(actor=reviewer_user, project=project, number="G/TBT/N/CHN/2001",
                                          notified_on=date(2026, 9, 15))
    with time_machine.travel(date(2026, 11, 20), tick=False):
        project.refresh_from_db()
        edition = publish_project(actor=reviewer_user, project=project, expected_version=project.version,
                                  identifier="GB 4943.1-2026", published_on=date(2026, 11, 20),
                                  implemented_on=date(2027, 11, 1))
    assert edition.relations_out.get(kind="replaces").target == old
    assert sweep_on(date(2027, 11, 1))["into_force"] == 1
    refresh_due_statuses(actor=SYSTEM, today=date(2027, 11, 1))  # the catalogue's own daily sweep
    project.refresh_from_db()
    old.refresh_from_db()
    edition.refresh_from_db()
    assert project.stage == "in_force" and edition.status == "current" and old.status == "replaced"
    assert stages(project) == ["notice", "planned", "drafting", "comment", "disposition", "review", "approval",
                               "published", "in_force"]
    kinds = list(project.events.order_by("id").values_list("kind", flat=True))
    for kind in ("proposed", "document_added", "disposed", "ballot_opened", "ballot_closed", "tbt_notified",
                 "published"):
        assert kind in kinds
