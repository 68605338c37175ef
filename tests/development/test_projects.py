"""Development projects: proposal, the workflow's moves with their events, deadlines, refusals, pages."""

import io
from datetime import date

import pytest
import time_machine

from biaozhun.core.errors import InvalidTransition, PermissionDeniedError, ValidationFailed
from biaozhun.development.models import ProjectEvent
from biaozhun.development.services import StaleProject, move_project, propose_project

pytestmark = pytest.mark.django_db


def move(project, to, actor=None, **kwargs):
    return move_project(actor, project, to=to, expected_version=project.version, **kwargs)


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


def test_a_refused_move_names_the_allowed_next_steps(tc28_project):
    with pytest.raises(InvalidTransition) as caught:
        move(tc28_project, "review")
    assert caught.value.data["allowed"] == ["notice", "suspended", "terminated"]
    assert tc28_project.events.count() == 1


def test_adoptions_get_twelve_months(tc28_committee):
    project = propose_project(None, committee=tc28_committee, title_zh="采用项目", kind="adoption",
                              nature="recommended", adopts="ISO/IEC 27001:2022", degree="IDT")
    with time_machine.travel(date(2026, 1, 5), tick=False):
        project = move(project, "notice")
    with time_machine.travel(date(2026, 3, 2), tick=False):
        project = move(project, "planned", plan_number="20260002-T-469")
    assert project.deadline == date(2027, 3, 2)


def test_two_editors_never_lose_an_update(tc28_project):
    move(tc28_project, "notice")
    with pytest.raises(StaleProject):
        move_project(None, tc28_project, to="terminated", expected_version=1, reason="重复立项")


def test_only_the_committees_secretariat_moves_its_projects(tc28_project, registered_user):
    with pytest.raises(PermissionDeniedError):
        move(tc28_project, "notice", registered_user)
    assert ProjectEvent.objects.filter(project=tc28_project).count() == 1


def test_proposal_needs_what_its_kind_requires(tc28_committee):
    with pytest.raises(ValidationFailed) as caught:
        propose_project(None, committee=tc28_committee, title_zh="", kind="adoption", nature="optional")
    assert {e["field"] for e in caught.value.errors} == {"title_zh", "nature", "adopts"}


def test_public_lists_and_timeline(client, tc28_project):
    with time_machine.travel(date(2026, 1, 5), tick=False):
        project = move(tc28_project, "notice")
    project = move(project, "planned", plan_number="20260003-T-469")
    project = move(project, "drafting")
    page = client.get("/projects/?list=drafting").content.decode()
    assert "20260003-T-469" in page
    assert "20260003-T-469" not in client.get("/projects/?list=comment").content.decode()
    detail = client.get(project.get_absolute_url()).content.decode()
    assert "起草" in detail and "ISO 20.00" in detail and "立项公示" in detail


def test_demo_projects_cover_every_stage_with_their_records(tc28_committee):
    from django.core.management import call_command

    from biaozhun.committees.models import Committee
    from biaozhun.development.models import ExtensionRequest, Project
    from biaozhun.rules.stages import STAGES
    from tests.development.helpers import voting_members

    Committee.objects.filter(pk=tc28_committee.pk).update(international_counterpart="ISO/IEC JTC 1")
    voting_members(tc28_committee, 6)
    call_command("load_demo_projects", stdout=io.StringIO())
    stages = set(Project.objects.values_list("stage", flat=True))
    assert stages == {stage.code for stage in STAGES}
    assert Project.objects.filter(frozen=True).exists()
    assert ExtensionRequest.objects.filter(state="pending").exists()
    published = Project.objects.get(stage="published")
    assert published.standard.identifier == published.published_identifier
    commenting = Project.objects.get(stage="comment", committee=tc28_committee)
    assert commenting.period_open and commenting.comments.count() == 3
    assert Project.objects.get(stage="review", committee=tc28_committee).ballots.get().is_open
