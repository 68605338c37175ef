"""Development projects: proposal, the workflow's moves with their events, deadlines, refusals, pages."""

import io
from datetime import date

import pytest
import time_machine
from django.utils import dateformat, timezone
from pytest_django.asserts import assertContains, assertInHTML, assertNotContains

from biaozhun.core.actors import MissingActor
from biaozhun.core.errors import InvalidTransition, PermissionDeniedError, ValidationFailed
from biaozhun.development.models import Project, ProjectEvent
from biaozhun.development.services import StaleProject, move_project, propose_project
from biaozhun.rules.stages import Stage

pytestmark = pytest.mark.django_db


def move(project, to, actor, **kwargs):
    return move_project(actor=actor, project=project, to=to, expected_version=project.version, **kwargs)


def test_a_project_moves_along_the_path_with_one_event_per_move(tc28_project, secretariat_user, reviewer_user):
    with time_machine.travel(date(2026, 1, 5), tick=False):
        project = move(tc28_project, "notice", secretariat_user)
    assert project.period_ends_on == date(2026, 2, 4)  # 30 days of public notice
    with time_machine.travel(date(2026, 3, 2), tick=False):
        project = move(project, "planned", reviewer_user, plan_number="20260001-T-469")
    assert (project.plan_number, project.plan_issued_on, project.deadline) == (
        "20260001-T-469", date(2026, 3, 2), date(2027, 9, 2))  # recommended: 18 months
    project = move(project, "drafting", secretariat_user)
    events = list(project.events.order_by("id").values_list("kind", "from_stage", "to_stage"))
    assert events == [("proposed", "", "proposal"), ("moved", "proposal", "notice"), ("moved", "notice", "planned"),
                      ("moved", "planned", "drafting")]


def test_a_refused_move_names_the_allowed_next_steps(tc28_project, secretariat_user):
    with pytest.raises(InvalidTransition) as caught:
        move(tc28_project, Stage.REVIEW, secretariat_user)
    assert caught.value.data["allowed"] == ["notice", "suspended", "terminated"]
    assert "(notice)" not in caught.value.message and "立项公示、暂缓、终止" in caught.value.message
    assert tc28_project.events.count() == 1


def test_no_actor_no_write(tc28_project):
    """A service called without saying who acts refuses before anything is written."""
    with pytest.raises(MissingActor):
        move_project(actor=None, project=tc28_project, to=Stage.NOTICE, expected_version=1)
    with pytest.raises(TypeError):
        move_project(None, tc28_project, to=Stage.NOTICE, expected_version=1)  # keyword-only: no positional actor
    assert list(tc28_project.events.values_list("kind", flat=True)) == ["proposed"]
    assert Project.objects.get(pk=tc28_project.pk).stage == Stage.PROPOSAL


def test_adoptions_get_twelve_months(tc28_committee, secretariat_user, reviewer_user):
    project = propose_project(actor=secretariat_user, committee=tc28_committee, title_zh="采用项目", kind="adoption",
                              nature="recommended", adopts="ISO/IEC 27001:2022", degree="IDT")
    with time_machine.travel(date(2026, 1, 5), tick=False):
        project = move(project, Stage.NOTICE, secretariat_user)
    with time_machine.travel(date(2026, 3, 2), tick=False):
        project = move(project, Stage.PLANNED, reviewer_user, plan_number="20260002-T-469")
    assert project.deadline == date(2027, 3, 2)


def test_two_editors_never_lose_an_update(tc28_project, secretariat_user):
    move(tc28_project, Stage.NOTICE, secretariat_user)
    with pytest.raises(StaleProject):
        move_project(actor=secretariat_user, project=tc28_project, to=Stage.TERMINATED, expected_version=1,
                     reason="重复立项")


def test_only_the_committees_secretariat_moves_its_projects(tc28_project, registered_user):
    with pytest.raises(PermissionDeniedError):
        move(tc28_project, Stage.NOTICE, registered_user)
    assert ProjectEvent.objects.filter(project=tc28_project).count() == 1


def test_proposal_needs_what_its_kind_requires(tc28_committee, registered_user):
    with pytest.raises(ValidationFailed) as caught:
        propose_project(actor=registered_user, committee=tc28_committee, title_zh="", kind="adoption",
                        nature="optional")
    assert {e["field"] for e in caught.value.errors} == {"title_zh", "nature", "adopts"}
    nature = next(e["message"] for e in caught.value.errors if e["field"] == "nature")
    assert nature == "请选择：强制性、推荐性、指导性技术文件"  # what to choose, by name: never the codes
    assert not Project.objects.exists()


def test_public_lists_and_timeline(client, tc28_project, secretariat_user, reviewer_user):
    with time_machine.travel(date(2026, 1, 5), tick=False):
        project = move(tc28_project, Stage.NOTICE, secretariat_user)
    project = move(project, Stage.PLANNED, reviewer_user, plan_number="20260003-T-469")
    project = move(project, Stage.DRAFTING, secretariat_user)
    drafting = client.get("/projects/?list=drafting")
    row = (f'<tr><td class="text-nowrap" data-label="计划号">20260003-T-469</td><td data-label="项目名称">'
           f'<a href="{project.get_absolute_url()}">信息技术 云计算 参考架构</a></td>'
           f'<td class="text-nowrap" data-label="技术委员会"><a href="/committees/SAC/TC%2028/">SAC/TC 28</a></td>'
           f'<td data-label="阶段">起草</td><td class="text-nowrap" data-label="报批期限">{project.deadline:%Y-%m-%d}</td>'
           f'</tr>')
    assertContains(drafting, row, html=True)
    assertContains(drafting, '<a class="nav-link active" aria-current="page" href="?list=drafting">正在起草</a>',
                   html=True)
    assertNotContains(client.get("/projects/?list=comment"), "20260003-T-469")
    detail = client.get(project.get_absolute_url())
    assertContains(detail, '<span class="badge text-bg-primary">起草</span>', html=True)
    assertContains(detail, '<span class="small text-muted">ISO 20.00</span>', html=True)
    noticed = dateformat.format(timezone.localtime(project.events.get(to_stage=Stage.NOTICE).at), "c")
    assertInHTML(f'<li><time datetime="{noticed}">2026-01-05</time> 立项公示 · 至 2026-02-04 截止</li>',
                 detail.content.decode())


def test_demo_projects_cover_every_stage_with_their_records(tc28_committee):
    from django.core.management import call_command

    from biaozhun.accounts.models import User
    from biaozhun.committees.models import Committee
    from biaozhun.development.models import ExtensionRequest, Project
    from biaozhun.rules.stages import STAGES
    from tests.development.helpers import voting_members
    from tests.factories.committees import CommitteeFactory

    Committee.objects.filter(pk=tc28_committee.pk).update(international_counterpart="ISO/IEC JTC 1")
    voting_members(tc28_committee, 6)
    other = CommitteeFactory(code="SAC/TC 29", international_counterpart="ISO/TC 1")  # run by the demo administrator
    voting_members(other, 4)
    call_command("load_demo_projects", stdout=io.StringIO())
    assert Project.objects.filter(committee=other).exists()
    member = User.objects.get(username="member")
    assert [seat.name for seat in member.committee_seats.all()] == [member.real_name]  # the roll shows their name
    stages = set(Project.objects.values_list("stage", flat=True))
    assert stages == {stage.code for stage in STAGES}
    assert Project.objects.filter(frozen=True).exists()
    assert ExtensionRequest.objects.filter(state="pending").exists()
    published = Project.objects.get(stage="published")
    assert published.standard.identifier == published.published_identifier
    commenting = Project.objects.get(stage="comment", committee=tc28_committee)
    assert commenting.period_open and commenting.comments.count() == 3
    assert Project.objects.get(stage="review", committee=tc28_committee).ballots.get().is_open
    # People act as themselves; the platform (no user) only for what the daily sweep does.
    by_platform = ProjectEvent.objects.filter(actor__isnull=True)
    assert not by_platform.exclude(kind__in=["period_closed", "deadline_reminder", "overdue"]).exclude(
        kind="moved", to_stage__in=[Stage.DISPOSITION, Stage.IN_FORCE]).exists()


def test_an_english_reader_sees_the_english_title_where_there_is_one(client, tc28_committee, secretariat_user):
    project = propose_project(actor=secretariat_user, committee=tc28_committee, title_zh="信息技术 边缘计算 术语",
                              title_en="Information technology—Edge computing—Vocabulary", kind="new",
                              nature="recommended")
    client.cookies["django_language"] = "en"
    page = client.get(project.get_absolute_url()).content.decode()
    assertInHTML('<h1 class="h4" lang="en">Information technology—Edge computing—Vocabulary</h1>', page)
    assertInHTML('<p class="text-muted" lang="zh-Hans">信息技术 边缘计算 术语</p>', page)
    client.cookies["django_language"] = "zh-hans"
    assertInHTML('<h1 class="h4" lang="zh-Hans">信息技术 边缘计算 术语</h1>',
                 client.get(project.get_absolute_url()).content.decode())
