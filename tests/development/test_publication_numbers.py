"""Publication keeps each number to its own standard, carries the project's details and approved text into the
catalogue, and a publication made in error is withdrawn by an administrator.

Seen in use: a new-standard project titled 医用电器 检验规则 was published as GB 7258-2026 and became a new edition
of GB 7258 机动车运行安全技术条件."""

import hashlib
from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from biaozhun.catalog.models import Amendment, EventKind, Standard, StandardEvent, Status
from biaozhun.catalog.services import refresh_due_statuses
from biaozhun.core.actors import SYSTEM
from biaozhun.core.errors import InvalidTransition, PermissionDeniedError, RequirementsUnmet, ValidationFailed
from biaozhun.development.models import DocumentKind, ProjectEvent
from biaozhun.development.services import propose_project
from biaozhun.development.services.documents import upload_document
from biaozhun.development.services.publication import publish_project
from biaozhun.development.services.withdrawal import withdraw_publication
from biaozhun.rules.stages import Stage
from tests.development.helpers import PDF
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db

SUMMER = date(2026, 6, 1)  # advance() reaches 报批 on 2026-05-05


@pytest.fixture
def motor_vehicles(db):
    return make_standard("GB 7258-2017", title_zh="机动车运行安全技术条件", published_on="2017-09-29",
                         implemented_on="2018-01-01", ccs="T35", ics=["43.020"], competent_department="公安部",
                         drafting_units=["公安部交通管理科学研究所"], drafters=["甲", "乙"])


@pytest.fixture
def propose(tc28_committee, secretariat_user, walk):
    """propose(title, kind=..., **details): a mandatory project of SAC/TC 28 walked to 报批."""
    def make(title="医用电器 检验规则", kind="new", **fields):
        project = propose_project(actor=secretariat_user, committee=tc28_committee, title_zh=title, kind=kind,
                                  nature="mandatory", **fields)
        return walk(project, Stage.APPROVAL)
    return make


@pytest.fixture
def publish(reviewer_user):
    def approve(project, identifier, actor=reviewer_user, **kwargs):
        project.refresh_from_db()
        with time_machine.travel(SUMMER, tick=False):
            return publish_project(actor=actor, project=project, expected_version=project.version,
                                   identifier=identifier, published_on=SUMMER, implemented_on=date(2026, 12, 1),
                                   **kwargs)
    return approve


def _nothing_published(project, series="GB 7258"):
    project.refresh_from_db()
    assert project.stage == Stage.APPROVAL and project.standard is None
    assert not project.events.filter(kind=ProjectEvent.Kind.PUBLISHED).exists()
    assert list(Standard.objects.filter(undated=series).values_list("identifier", flat=True)) == ["GB 7258-2017"]


# --- One number, one standard -----------------------------------------------------------------------------
def test_a_new_standard_cannot_take_the_number_of_another_series(propose, publish, motor_vehicles):
    project = propose("医用电器 检验规则")
    with pytest.raises(ValidationFailed) as refused:
        publish(project, "GB 7258-2026")
    [problem] = refused.value.errors
    assert problem["field"] == "identifier"
    assert "机动车运行安全技术条件" in problem["message"] and "GB 7258-2017" in problem["message"]
    _nothing_published(project)
    motor_vehicles.refresh_from_db()
    assert motor_vehicles.status == Status.CURRENT


def test_a_revision_may_not_take_the_number_of_a_standard_it_does_not_revise(propose, publish, motor_vehicles):
    other = make_standard("GB 9706.1-2020", title_zh="医用电气设备 第1部分：基本安全和基本性能的通用要求")
    project = propose("医用电气设备 第1部分：基本安全和基本性能的通用要求", kind="revision", revises=[other])
    with pytest.raises(ValidationFailed, match="标准号有误"):
        publish(project, "GB 7258-2026")
    _nothing_published(project)
    assert publish(project, "GB 9706.1-2026").identifier == "GB 9706.1-2026"


def test_a_revision_into_its_series_keeps_its_title_or_the_reviewer_confirms_the_change(propose, publish,
                                                                                     motor_vehicles):
    project = propose("医用电器 检验规则", kind="revision", revises=[motor_vehicles])
    with pytest.raises(ValidationFailed) as refused:
        publish(project, "GB 7258-2026")
    [problem] = refused.value.errors
    assert problem["field"] == "confirm_title_change"
    assert "机动车运行安全技术条件" in problem["message"] and "医用电器 检验规则" in problem["message"]
    _nothing_published(project)
    renamed = publish(project, "GB 7258-2026", confirm_title_change=True)
    assert renamed.title_zh == "医用电器 检验规则"


def test_a_revision_that_keeps_its_title_publishes_without_confirming(propose, publish, motor_vehicles):
    project = propose("机动车运行安全技术条件", kind="revision", revises=[motor_vehicles])
    edition = publish(project, "GB 7258-2026")
    assert edition.relations_out.get().target == motor_vehicles


# --- What the edition carries ---------------------------------------------------------------------------
def test_the_edition_carries_classification_department_drafters_and_the_approved_text(propose, publish,
                                                                                      reviewer_user):
    project = propose("医用电器 检验规则", ccs="C30", ics_codes="11.040.01", competent_department="国家药品监督管理局",
                      drafting_units="中国食品药品检定研究院\n上海市医疗器械检验研究院", drafters="王一、李二、张三",
                      references="GB 9706.1-2020\nGB/T 191")
    approved = project.documents.filter(kind=DocumentKind.DRAFT, stage=Stage.REVIEW).get()
    assert approved.label == "报批稿"
    edition = publish(project, "GB 9706.299-2026")
    assert (edition.ccs_id, edition.ics_codes, edition.competent_department) == (
        "C30", ["11.040.01"], "国家药品监督管理局")
    assert edition.drafting_units == ["中国食品药品检定研究院", "上海市医疗器械检验研究院"]
    assert edition.drafters == ["王一", "李二", "张三"]
    assert sorted(edition.relations_out.filter(kind="references").values_list("target_identifier", flat=True)) == [
        "GB 9706.1-2020", "GB/T 191"]
    text = edition.full_texts.get(language="zh")
    assert text.sha256 == hashlib.sha256(PDF).hexdigest()
    assert StandardEvent.objects.get(standard=edition, kind=EventKind.FULLTEXT_ATTACHED).actor == reviewer_user


def test_a_revision_takes_the_revised_editions_classification_unless_told(propose, publish, motor_vehicles):
    project = propose("机动车运行安全技术条件", kind="revision", revises=[motor_vehicles])
    assert (project.ccs_id, project.ics_codes, project.competent_department) == ("T35", ["43.020"], "公安部")
    assert project.drafters == []  # a revision names its own drafters
    edition = publish(project, "GB 7258-2026")
    assert (edition.ccs_id, edition.ics_codes) == ("T35", ["43.020"])


def test_unknown_classification_codes_are_refused_when_proposing(tc28_committee, secretariat_user):
    with pytest.raises(ValidationFailed) as refused:
        propose_project(actor=secretariat_user, committee=tc28_committee, title_zh="医用电器 检验规则", kind="new",
                        nature="mandatory", ccs="Z99", ics_codes="99.999")
    assert {e["field"] for e in refused.value.errors} == {"ccs", "ics_codes"}


def test_publication_needs_the_approved_text_as_a_pdf(tc28_committee, secretariat_user, walk, publish):
    project = propose_project(actor=secretariat_user, committee=tc28_committee, title_zh="医用电器 检验规则",
                              kind="new", nature="recommended")
    project = walk(project, Stage.APPROVAL)
    project.documents.filter(kind=DocumentKind.DRAFT, stage=Stage.REVIEW).update(content_type="application/msword")
    with pytest.raises(RequirementsUnmet) as refused:
        publish(project, "GB/T 45100-2026")
    assert refused.value.missing[0]["requirement"] == "approved_text"
    assert not Standard.objects.filter(identifier="GB/T 45100-2026").exists()
    with time_machine.travel(date(2026, 5, 20), tick=False):
        upload_document(actor=secretariat_user, project=project, kind=DocumentKind.DRAFT,
                        upload=SimpleUploadedFile("报批稿.pdf", PDF, content_type="application/pdf"))
    assert publish(project, "GB/T 45100-2026").full_texts.exists()


# --- Withdrawing a publication made in error ------------------------------------------------------------------
def test_an_administrator_withdraws_a_publication_made_in_error_and_it_is_published_again(
        propose, publish, motor_vehicles, admin_user, reviewer_user):
    project = propose("医用电器 检验规则", kind="revision", revises=[motor_vehicles])
    wrong = publish(project, "GB 7258-2026", confirm_title_change=True)
    refresh_due_statuses(actor=SYSTEM, today=date(2026, 12, 1))
    motor_vehicles.refresh_from_db()
    assert motor_vehicles.status == Status.REPLACED
    project.refresh_from_db()
    with pytest.raises(PermissionDeniedError):
        withdraw_publication(actor=reviewer_user, project=project, expected_version=project.version, reason="有误")
    with pytest.raises(ValidationFailed):
        withdraw_publication(actor=admin_user, project=project, expected_version=project.version, reason=" ")
    with time_machine.travel(date(2026, 12, 2), tick=False):
        project = withdraw_publication(actor=admin_user, project=project, expected_version=project.version,
                                       reason="项目应修订 GB 9706.299，标准号误填为 GB 7258-2026")
    assert (project.stage, project.standard, project.published_identifier) == (Stage.APPROVAL, None, "")
    withdrawn, moved = project.events.order_by("-id")[:2]
    assert (moved.kind, moved.from_stage, moved.to_stage, moved.actor) == (
        ProjectEvent.Kind.MOVED, Stage.PUBLISHED, Stage.APPROVAL, admin_user)
    assert (withdrawn.kind, withdrawn.data) == (ProjectEvent.Kind.WITHDRAWN,
                                                {"identifier": "GB 7258-2026", "standard": wrong.pk})
    assert not Standard.objects.filter(pk=wrong.pk).exists()
    assert Standard.all_objects.get(pk=wrong.pk).withdrawn_identifier == "GB 7258-2026"
    motor_vehicles.refresh_from_db()
    assert motor_vehicles.status == Status.CURRENT
    with pytest.raises(InvalidTransition):  # back in approval: nothing to withdraw
        withdraw_publication(actor=admin_user, project=project, expected_version=project.version, reason="再次")


def test_a_withdrawn_amendment_sheet_leaves_its_edition(tc28_committee, secretariat_user, walk, publish,
                                                        admin_user):
    revised = make_standard("GB 2762-2017", title_zh="食品安全国家标准 食品中污染物限量")
    project = propose_project(actor=secretariat_user, committee=tc28_committee, title_zh="GB 2762 第1号修改单",
                              kind="amendment", nature="mandatory", revises=[revised])
    project = walk(project, Stage.APPROVAL)
    assert publish(project, "GB 2762-2017/XG1-2026") is None
    project.refresh_from_db()
    withdraw_publication(actor=admin_user, project=project, expected_version=project.version, reason="修改内容有误")
    assert not Amendment.objects.filter(standard=revised).exists()
    assert StandardEvent.objects.get(standard=revised, kind=EventKind.AMENDMENT_WITHDRAWN).data == {"number": 1}
    project.refresh_from_db()
    assert project.stage == Stage.APPROVAL


# --- The pages ---------------------------------------------------------------------------------------------
def test_the_publish_form_shows_what_goes_into_the_catalogue(client, propose, reviewer_user, motor_vehicles):
    project = propose("机动车运行安全技术条件", kind="revision", revises=[motor_vehicles],
                      drafting_units="公安部交通管理科学研究所")
    client.force_login(reviewer_user)
    page = client.get(project.get_absolute_url()).content.decode()
    assert "GB 7258-2017" in page and "公安部交通管理科学研究所" in page and "T35" in page
    assert "报批稿 v3" in page and 'name="confirm_title_change"' in page
    assert "撤销发布" not in page  # not published, and not an administrator


def test_the_withdraw_form_is_for_administrators_and_a_refusal_names_what_to_do(client, propose, publish, admin_user,
                                                                                reviewer_user):
    project = propose("医用电器 检验规则")
    publish(project, "GB 9706.299-2026")
    client.force_login(reviewer_user)
    assert "撤销发布（发布有误）" not in client.get(project.get_absolute_url()).content.decode()
    response = client.post(f"/projects/{project.pk}/withdraw/", {"expected_version": project.version + 2,
                                                                 "reason": "有误"})
    assert response.status_code == 403 and "系统管理员" in response.content.decode()
    client.force_login(admin_user)
    project.refresh_from_db()
    assert "撤销发布（发布有误）" in client.get(project.get_absolute_url()).content.decode()
    response = client.post(f"/projects/{project.pk}/withdraw/", {"expected_version": project.version,
                                                                 "reason": "标准号有误"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.stage == Stage.APPROVAL


def test_references_that_are_not_standard_numbers_are_refused_with_their_lines(tc28_committee, secretariat_user):
    with pytest.raises(ValidationFailed) as refused:
        propose_project(actor=secretariat_user, committee=tc28_committee, title_zh="医用电器 检验规则", kind="new",
                        nature="recommended", references="GB 9706.1-2020\n见附录A\nGB/T -2006")
    [problem] = refused.value.errors
    assert problem["field"] == "references"
    assert "第 2 行“见附录A”" in problem["message"] and "第 3 行“GB/T -2006”" in problem["message"]
