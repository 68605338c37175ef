"""The admin writes through the services: adding a project proposes it, editing its free details records the change,
a refusal is shown as a message and writes nothing, and the workflow's fields cannot be edited there."""

import pytest
from django.contrib.messages import get_messages

from biaozhun.development.models import Project, ProjectEvent
from biaozhun.rules.stages import Stage

pytestmark = pytest.mark.django_db

ADD = "/admin/development/project/add/"


def change_url(project) -> str:
    return f"/admin/development/project/{project.pk}/change/"


def details(project, **changes) -> dict:
    """The change form as the admin posts it: the editable details and the version it was rendered with."""
    return {"title_zh": project.title_zh, "title_en": project.title_en, "drafters": "\n".join(project.drafters),
            "adopts": project.adopts, "degree": project.degree, "expected_version": project.version, **changes}


def test_adding_a_project_in_the_admin_proposes_it(client, admin_user, tc28_committee):
    client.force_login(admin_user)
    response = client.post(ADD, {"committee": tc28_committee.pk, "title_zh": "信息技术 边缘计算 术语", "title_en": "",
                                 "kind": "new", "nature": "recommended", "revises": "", "adopts": "", "degree": "",
                                 "ccs": "L70", "ics_codes": "35.020", "drafting_units": "某研究院\n某大学",
                                 "drafters": "张三、李四"})
    project = Project.objects.get()
    assert response.status_code == 302
    assert (project.stage, project.proposer) == (Stage.PROPOSAL, admin_user)
    assert (project.ccs_id, project.ics_codes, project.drafting_units, project.drafters) == (
        "L70", ["35.020"], ["某研究院", "某大学"], ["张三", "李四"])
    assert list(project.events.values_list("kind", "actor")) == [(ProjectEvent.Kind.PROPOSED, admin_user.pk)]


def test_a_refused_proposal_is_shown_and_nothing_is_written(client, admin_user, tc28_committee):
    client.force_login(admin_user)
    response = client.post(ADD, {"committee": tc28_committee.pk, "title_zh": "采用项目", "kind": "adoption",
                                 "nature": "recommended"}, follow=True)
    assert not Project.objects.exists() and not ProjectEvent.objects.exists()
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["项目未能提出。 采用的国际标准：须填写所采用的国际标准"]


def test_a_change_through_the_admin_writes_its_event(client, admin_user, tc28_project):
    client.force_login(admin_user)
    response = client.post(change_url(tc28_project), details(tc28_project, title_en="Cloud computing",
                                                             adopts="ISO/IEC 17789:2014", degree="MOD"))
    assert response.status_code == 302
    tc28_project.refresh_from_db()
    assert (tc28_project.title_en, tc28_project.adopts, tc28_project.version) == (
        "Cloud computing", "ISO/IEC 17789:2014", 2)
    event = tc28_project.events.latest("id")
    assert (event.kind, event.actor, event.data) == (ProjectEvent.Kind.DETAILS_CHANGED, admin_user, {"changes": {
        "title_en": ["", "Cloud computing"], "adopts": ["", "ISO/IEC 17789:2014"], "degree": ["", "MOD"]}})


def test_a_refused_change_shows_the_message_and_writes_nothing(client, admin_user, tc28_project, secretariat_user):
    from biaozhun.development.services import update_project_details

    stale = details(tc28_project, title_zh="改过的名称")
    update_project_details(actor=secretariat_user, project=tc28_project, changes={"drafters": "另一研究院"},
                           expected_version=tc28_project.version)  # someone else changed it meanwhile
    events = ProjectEvent.objects.count()
    client.force_login(admin_user)
    response = client.post(change_url(tc28_project), stale, follow=True)
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["项目已被他人修改（当前版本 2），请刷新后重试。"]
    tc28_project.refresh_from_db()
    assert (tc28_project.title_zh, ProjectEvent.objects.count()) == ("信息技术 云计算 参考架构", events)


def test_workflow_fields_are_read_only_and_projects_are_never_deleted(client, admin_user, tc28_project, walk):
    project = walk(tc28_project, Stage.PLANNED)
    client.force_login(admin_user)
    page = client.get(change_url(project)).content.decode()
    for editable in ("title_zh", "title_en", "drafters"):
        assert f'name="{editable}"' in page
    for read_only in ("stage", "deadline", "plan_number", "frozen", "committee", "adopts", "degree"):
        assert f'name="{read_only}"' not in page  # after the plan, what is adopted is settled too
    assert client.post(f"/admin/development/project/{project.pk}/delete/").status_code == 403
    # a read-only field sent anyway changes nothing
    client.post(change_url(project), {**details(project), "stage": Stage.TERMINATED, "adopts": "ISO 1:2020"})
    project.refresh_from_db()
    assert (project.stage, project.adopts) == (Stage.PLANNED, "")
