"""The plan's services: creating, moving (who may make which move), publishing with the translated PDF, importing a
year's plan from a file (every error named by row and column, nothing written)."""

import pytest

from biaozhun.catalog.models import FullText
from biaozhun.core import clock
from biaozhun.core.actors import SYSTEM
from biaozhun.core.errors import InvalidTransition, PermissionDeniedError, ValidationFailed
from biaozhun.international.formats import translations as plan_format
from biaozhun.international.models import TranslationEvent, TranslationEventKind, TranslationProject
from biaozhun.international.services.translations import (
    ProjectInput,
    create_translation,
    import_plan,
    move_translation,
    publish_translation,
)
from biaozhun.rules.translations import TranslationState as S
from tests.factories.files import real_pdf
from tests.fixtures.catalog import make_standard
from tests.fixtures.international_translations import xlsx

pytestmark = pytest.mark.django_db


def _data(standard, **changes) -> ProjectInput:
    return ProjectInput(**{"standard": standard, "language": "fr", "plan_year": clock.today().year,
                           "plan_number": "T-100", "undertaker_name": "中国标准化研究院", **changes})


def test_the_administration_puts_a_standard_into_the_plan_with_its_event(reviewer_user, diesel_standard):
    project = create_translation(actor=reviewer_user, data=_data(diesel_standard))
    assert (project.state, project.language) == (S.PLANNED, "fr")
    event = project.events.get()
    assert (event.kind, event.actor_id, event.to_state) == (TranslationEventKind.CREATED, reviewer_user.pk, S.PLANNED)
    assert event.data["standard"] == "GB 39147-2025"


def test_an_undertaker_may_not_create_projects(enterprise_user, diesel_standard):
    with pytest.raises(PermissionDeniedError):
        create_translation(actor=enterprise_user, data=_data(diesel_standard))
    assert not TranslationProject.objects.exists()


def test_a_plan_number_is_unique_in_its_year_and_a_language_is_translated_once_at_a_time(admin_user,
                                                                                          translation_project):
    with pytest.raises(ValidationFailed) as refused:
        create_translation(actor=admin_user, data=_data(translation_project.standard, plan_number="T-001"))
    assert {p["field"] for p in refused.value.errors} == {"plan_number"}
    with pytest.raises(ValidationFailed) as refused:
        create_translation(actor=admin_user, data=_data(translation_project.standard, language="en"))
    assert {p["field"] for p in refused.value.errors} == {"language"}


def test_the_undertaker_starts_and_hands_in_but_does_not_approve(enterprise_user, translation_project):
    move_translation(actor=enterprise_user, project=translation_project, to=S.TRANSLATING)
    project = move_translation(actor=enterprise_user, project=translation_project, to=S.REVIEW)
    assert project.state == S.REVIEW
    with pytest.raises(PermissionDeniedError):
        move_translation(actor=enterprise_user, project=project, to=S.APPROVED)
    project.refresh_from_db()
    assert project.state == S.REVIEW
    assert list(project.events.values_list("kind", "from_state", "to_state")) == [
        ("created", "", "planned"), ("moved", "planned", "translating"), ("moved", "translating", "review")]


def test_someone_of_another_organisation_may_not_move_the_project(social_organisation_user, translation_project):
    with pytest.raises(PermissionDeniedError):
        move_translation(actor=social_organisation_user, project=translation_project, to=S.TRANSLATING)
    assert translation_project.events.count() == 1


def test_a_move_the_workflow_does_not_allow_names_the_allowed_ones(admin_user, translation_project):
    with pytest.raises(InvalidTransition) as refused:
        move_translation(actor=admin_user, project=translation_project, to=S.APPROVED)
    assert "翻译中" in refused.value.message and "已撤销" in refused.value.message


def test_cancelling_needs_a_reason(admin_user, translation_project):
    with pytest.raises(ValidationFailed):
        move_translation(actor=admin_user, project=translation_project, to=S.CANCELLED)
    project = move_translation(actor=admin_user, project=translation_project, to=S.CANCELLED, reason="计划调整")
    assert project.events.last().reason == "计划调整"


def _approved(project):
    for to in (S.TRANSLATING, S.REVIEW, S.APPROVED):
        project = move_translation(actor=SYSTEM, project=project, to=to)
    return project


def test_publishing_makes_the_pdf_the_standards_text_in_the_projects_language(admin_user, translation_project):
    project = publish_translation(actor=admin_user, project=_approved(translation_project),
                                  content=real_pdf("GB 39147 English"))
    assert project.state == S.PUBLISHED and project.published_on == clock.today()
    text = FullText.objects.get(standard=project.standard, language="en")
    event = project.events.get(kind=TranslationEventKind.PUBLISHED)
    assert event.data["sha256"] == text.sha256 and event.data["pages"] == 1


def test_publishing_refuses_what_is_not_a_pdf_and_writes_nothing(admin_user, translation_project):
    project = _approved(translation_project)
    with pytest.raises(ValidationFailed):
        publish_translation(actor=admin_user, project=project, content=b"not a pdf")
    project.refresh_from_db()
    assert project.state == S.APPROVED
    assert not FullText.objects.filter(standard=project.standard).exists()
    assert not project.events.filter(kind=TranslationEventKind.PUBLISHED).exists()


def test_only_an_approved_project_is_published(admin_user, translation_project):
    with pytest.raises(InvalidTransition):
        publish_translation(actor=admin_user, project=translation_project, content=real_pdf())


# --- the year's plan from a file ------------------------------------------------------------------------------
HEADINGS = ["计划编号", "标准号", "语种", "承担单位", "计划完成日期", "备注"]


def test_a_plan_file_is_imported_with_languages_by_name_or_code(admin_user, diesel_standard, enterprise):
    other = make_standard("GB/T 19001-2016")
    content = xlsx([HEADINGS, ["P-1", "GB 39147-2025", "英文", enterprise.name, "2026-12-31", ""],
                    ["P-2", "GB/T 19001-2016", "fr", "中国标准化研究院", None, "先行"]])
    rows, problems = plan_format.read_plan(content, "plan.xlsx", viewer=admin_user, year=2026)
    assert problems == []
    created = import_plan(actor=admin_user, rows=rows, source="plan.xlsx", columns=plan_format.headings())
    assert [(p.plan_number, p.standard_id, p.language) for p in created] == [
        ("P-1", diesel_standard.pk, "en"), ("P-2", other.pk, "fr")]
    assert created[0].undertaker == enterprise  # the name matches a registered organisation
    assert TranslationEvent.objects.filter(kind="created", data__source="plan.xlsx").count() == 2


def test_a_plan_file_with_errors_names_each_row_and_column_and_imports_nothing(admin_user, diesel_standard):
    content = xlsx([HEADINGS, ["P-1", "GB 39147-2025", "克林贡文", "某研究院", "明年", ""],
                    ["P-1", "GB 99999-2020", "en", "", None, ""]])
    rows, problems = plan_format.read_plan(content, "plan.xlsx", viewer=admin_user, year=2026)
    assert {(p["line"], p["column"]) for p in problems} == {(2, "计划完成日期"), (3, "标准号")}
    with pytest.raises(ValidationFailed) as refused:
        import_plan(actor=admin_user, rows=rows, source="plan.xlsx", columns=plan_format.headings())
    found = {(p["line"], p["column"]) for p in refused.value.errors}
    assert {(2, "语种"), (3, "计划编号"), (3, "标准号"), (3, "承担单位")} <= found
    assert not TranslationProject.objects.exists()


def test_a_file_that_is_not_a_workbook_is_refused_before_it_is_read(admin_user):
    with pytest.raises(plan_format.UploadError):
        plan_format.read_plan(b"PK\x03\x04 not really", "plan.xlsx", viewer=admin_user, year=2026)
    with pytest.raises(plan_format.UploadError):
        plan_format.read_plan(b"%PDF-1.4", "plan.pdf", viewer=admin_user, year=2026)
