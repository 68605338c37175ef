"""Approval and publication: the WTO/TBT rule, the number and dates, the catalogue edition and what follows it."""

from datetime import date

import pytest
import time_machine
from django.core import mail

from biaozhun.catalog.models import Amendment, EventKind, RelationKind, StandardEvent
from biaozhun.catalog.services import refresh_due_statuses
from biaozhun.core.actors import SYSTEM
from biaozhun.core.errors import (
    InvalidTransition,
    PermissionDeniedError,
    RequirementsUnmet,
    TimeLimitPassed,
    ValidationFailed,
)
from biaozhun.development.models import Comment, ProjectEvent
from biaozhun.development.services import StaleProject, propose_project
from biaozhun.development.services.publication import publish_project, record_tbt_notification
from biaozhun.rules.stages import Stage
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db

SUMMER = date(2026, 6, 1)  # advance() reaches 报批 on 2026-05-05


@pytest.fixture
def project_of(tc28_committee, secretariat_user, walk):
    """project_of(kind=..., nature=..., ...): a project of SAC/TC 28 walked to 报批."""
    def make(kind="new", nature="recommended", **fields):
        project = propose_project(actor=secretariat_user, committee=tc28_committee, title_zh="信息技术 云计算 参考架构",
                                  kind=kind, nature=nature, **fields)
        return walk(project, Stage.APPROVAL)
    return make


@pytest.fixture
def publish(reviewer_user):
    """publish(project, actor=reviewer, ...): approve and publish, by a reviewer unless another actor is given."""
    def approve(project, actor=reviewer_user, *, identifier="GB/T 45000-2026", published_on=SUMMER,
                implemented_on=date(2026, 12, 1), **kwargs):
        return publish_project(actor=actor, project=project, expected_version=project.version,
                               identifier=identifier, published_on=published_on, implemented_on=implemented_on,
                               **kwargs)
    return approve


@pytest.fixture
def old_edition(db):
    return make_standard("GB/T 28000-2016", title_zh="信息技术 云计算 参考架构")


@pytest.fixture
def revision(project_of, old_edition):
    return project_of(kind="revision", revises=[old_edition])


def test_publication_creates_the_edition_that_replaces_the_revised_one(publish, revision, old_edition,
                                                                      reviewer_user):
    with time_machine.travel(SUMMER, tick=False):
        standard = publish(revision, reviewer_user, identifier="gb/t 28000—2026", title_en="Cloud computing")
    assert (standard.identifier, standard.nature, standard.tc_code, standard.responsible_unit) == (
        "GB/T 28000-2026", "recommended", "SAC/TC 28", "全国信息技术标准化技术委员会")
    assert standard.issued_by == ["国家市场监督管理总局", "国家标准化管理委员会"]
    assert (standard.title_en, standard.published_on, standard.status) == ("Cloud computing", SUMMER, "upcoming")
    assert list(standard.relations_out.values_list("kind", "target_id")) == [(RelationKind.REPLACES, old_edition.pk)]
    revision.refresh_from_db()
    assert (revision.stage, revision.standard) == ("published", standard)
    published, moved = revision.events.order_by("-id")[:2]
    assert (moved.kind, moved.to_stage, moved.actor) == (ProjectEvent.Kind.MOVED, "published", reviewer_user)
    assert (published.kind, published.data) == (
        ProjectEvent.Kind.PUBLISHED, {"identifier": "GB/T 28000-2026", "standard": standard.pk})
    # the catalogue's history names the reviewer who approved, not the system
    assert standard.events.get(kind=EventKind.CREATED).actor == reviewer_user


def test_the_replaced_edition_becomes_replaced_on_the_new_ones_implementation_date(publish, revision, old_edition):
    with time_machine.travel(SUMMER, tick=False):
        publish(revision, identifier="GB/T 28000-2026")
    old_edition.refresh_from_db()
    assert (old_edition.status, old_edition.status_reason) == ("current", "in_force_replacement_pending")
    refresh_due_statuses(actor=SYSTEM, today=date(2026, 12, 1))
    old_edition.refresh_from_db()
    assert (old_edition.status, old_edition.status_by, old_edition.status_since) == (
        "replaced", "GB/T 28000-2026", date(2026, 12, 1))


@pytest.mark.parametrize("identifier", ["GB/T 22080-2026/ISO/IEC 27001:2022", "GB/T 22080-2026"])
def test_an_identical_adoption_takes_a_double_number_or_a_single_one(publish, project_of, identifier):
    project = project_of(kind="adoption", adopts="ISO/IEC 27001:2022", degree="IDT")
    with time_machine.travel(SUMMER, tick=False):
        standard = publish(project, identifier=identifier)
    assert standard.edition == "GB/T 22080-2026"
    assert list(standard.relations_out.values_list("kind", "target_identifier", "degree")) == [
        (RelationKind.ADOPTS, "ISO/IEC 27001:2022", "IDT")]


def test_a_double_number_must_name_the_adopted_standard_identically(publish, project_of):
    project = project_of(kind="adoption", adopts="ISO/IEC 27001:2022", degree="MOD")
    with time_machine.travel(SUMMER, tick=False), pytest.raises(ValidationFailed) as caught:
        publish(project, identifier="GB/T 22080-2026/ISO/IEC 27001:2022")
    assert "IDT" in caught.value.errors[0]["message"]


@pytest.mark.parametrize(("identifier", "expected"), [
    ("GB 45000-2026", "GB/T"),  # a recommended project publishes GB/T
    ("GB/Z 45000-2026", "GB/T"),
    ("DB11/T 45000-2026", "GB/T"),
    ("GB/T 45000", "GB/T 45000-2026"),  # no year: the message shows the dated form
    ("GB/T 45000-2025", "2025"),  # the year is the year of publication
    ("国标45000", "不是有效的标准号"),
])
def test_the_number_must_agree_with_the_nature_and_carry_the_year(publish, project_of, identifier, expected):
    project = project_of()
    with time_machine.travel(SUMMER, tick=False), pytest.raises(ValidationFailed) as caught:
        publish(project, identifier=identifier)
    assert caught.value.errors[0]["field"] == "identifier"
    assert expected in caught.value.errors[0]["message"]
    project.refresh_from_db()
    assert project.stage == "approval"


def test_a_mandatory_project_publishes_gb(publish, project_of):
    project = project_of(nature="mandatory")
    with time_machine.travel(SUMMER, tick=False):
        assert publish(project, identifier="GB 45001-2026").nature == "mandatory"


def test_dates_publication_not_in_the_future_and_implementation_not_before_it(publish, project_of):
    project = project_of()
    with time_machine.travel(SUMMER, tick=False), pytest.raises(ValidationFailed) as caught:
        publish(project, published_on=date(2026, 6, 2), implemented_on=date(2026, 5, 1))
    assert {e["field"] for e in caught.value.errors} == {"published_on", "implemented_on"}


def test_only_a_project_in_approval_is_published(tc28_project, publish):
    with pytest.raises(InvalidTransition):
        publish(tc28_project)


def test_a_stale_form_does_not_publish(revision, reviewer_user):
    with time_machine.travel(SUMMER, tick=False), pytest.raises(StaleProject):
        publish_project(actor=reviewer_user, project=revision, expected_version=revision.version - 1,
                        identifier="GB/T 28000-2026", published_on=SUMMER, implemented_on=SUMMER)


def test_the_secretariat_cannot_publish_and_a_reviewer_can(publish, revision, secretariat_user, reviewer_user):
    with time_machine.travel(SUMMER, tick=False):
        with pytest.raises(PermissionDeniedError):
            publish(revision, secretariat_user, identifier="GB/T 28000-2026")
        assert publish(revision, reviewer_user, identifier="GB/T 28000-2026").identifier == "GB/T 28000-2026"


# --- WTO/TBT --------------------------------------------------------------------------------------
@pytest.fixture
def trade_project(project_of):
    return project_of(nature="mandatory", trade_relevant=True)


def test_the_notification_is_normalised_and_recorded_with_its_event(trade_project, reviewer_user):
    with time_machine.travel(date(2026, 5, 6), tick=False):
        project = record_tbt_notification(actor=reviewer_user, project=trade_project, number=" g/tbt/n/chn / 01234 ",
                                          notified_on=date(2026, 4, 1))
    assert (project.tbt_notification, project.tbt_notified_on) == ("G/TBT/N/CHN/1234", date(2026, 4, 1))
    event = project.events.latest("id")
    assert (event.kind, event.data) == (ProjectEvent.Kind.TBT_NOTIFIED,
                                        {"number": "G/TBT/N/CHN/1234", "notified_on": "2026-04-01"})


@pytest.mark.parametrize(("number", "notified_on", "field"), [
    ("G/TBT/N/USA/1234", date(2026, 4, 1), "number"),
    ("1234", date(2026, 4, 1), "number"),
    ("G/TBT/N/CHN/1234", date(2026, 5, 7), "notified_on"),
])
def test_a_notification_needs_a_chinese_number_and_a_past_date(trade_project, reviewer_user, number, notified_on,
                                                                field):
    with time_machine.travel(date(2026, 5, 6), tick=False), pytest.raises(ValidationFailed) as caught:
        record_tbt_notification(actor=reviewer_user, project=trade_project, number=number, notified_on=notified_on)
    assert caught.value.errors[0]["field"] == field


def test_only_mandatory_trade_relevant_projects_are_notified(revision, trade_project, secretariat_user,
                                                             reviewer_user):
    with pytest.raises(RequirementsUnmet):
        record_tbt_notification(actor=reviewer_user, project=revision, number="G/TBT/N/CHN/1234",
                                notified_on=date(2026, 4, 1))
    with pytest.raises(PermissionDeniedError):
        record_tbt_notification(actor=secretariat_user, project=trade_project, number="G/TBT/N/CHN/1234",
                                notified_on=date(2026, 4, 1))
    assert not trade_project.events.filter(kind=ProjectEvent.Kind.TBT_NOTIFIED).exists()


def test_publication_waits_sixty_days_after_the_notification(publish, trade_project, reviewer_user):
    with time_machine.travel(date(2026, 5, 30), tick=False):
        with pytest.raises(RequirementsUnmet) as unmet:
            publish(trade_project, identifier="GB 45002-2026", published_on=date(2026, 5, 30))
        assert unmet.value.missing[0]["requirement"] == "tbt_notification"
        project = record_tbt_notification(actor=reviewer_user, project=trade_project, number="G/TBT/N/CHN/1234",
                                          notified_on=date(2026, 4, 1))
        with pytest.raises(TimeLimitPassed) as caught:
            publish(project, identifier="GB 45002-2026", published_on=date(2026, 5, 30))
    assert caught.value.data["rule"] == "tbt_days"
    assert caught.value.data["earliest"] == "2026-05-31"
    assert "2026-05-31" in caught.value.message and "tbt_days" not in caught.value.message  # the code is for programs
    with time_machine.travel(date(2026, 5, 31), tick=False):
        standard = publish(project, identifier="GB 45002-2026", published_on=date(2026, 5, 31))
    assert standard.identifier == "GB 45002-2026"


# --- Amendments ----------------------------------------------------------------------------------
@pytest.fixture
def amendment(project_of):
    revised = make_standard("GB 2762-2017", title_zh="食品安全国家标准 食品中污染物限量", published_on="2017-03-17",
                            implemented_on="2017-09-17")
    return project_of(kind="amendment", nature="mandatory", revises=[revised]), revised


def test_an_amendment_project_adds_an_amendment_sheet_to_the_revised_edition(publish, amendment):
    project, revised = amendment
    with time_machine.travel(SUMMER, tick=False):
        with pytest.raises(ValidationFailed) as caught:
            publish(project, identifier="GB 2762-2017/XG2-2026")
        assert "GB 2762-2017/XG1-2026" in caught.value.errors[0]["message"]
        assert publish(project, identifier="GB 2762-2017/XG1-2026") is None
    sheet = Amendment.objects.get(standard=revised)
    assert (sheet.number, sheet.published_on, sheet.implemented_on, sheet.identifier) == (
        1, SUMMER, date(2026, 12, 1), "GB 2762-2017/XG1-2026")
    assert StandardEvent.objects.filter(standard=revised, kind=EventKind.AMENDMENT_ADDED).count() == 1
    project.refresh_from_db()
    assert (project.stage, project.standard) == ("published", None)
    assert project.events.latest("id").data == {"identifier": "GB 2762-2017/XG1-2026", "standard": None}


def test_publication_tells_the_secretariat_and_the_commenters(publish, revision, secretariat_user, registered_user,
                                                               django_capture_on_commit_callbacks):
    Comment.objects.create(project=revision, number=1, period="comment", text="术语不统一", author=registered_user,
                           author_name=registered_user.real_name, disposition="accepted")
    mail.outbox.clear()
    with time_machine.travel(SUMMER, tick=False), django_capture_on_commit_callbacks(execute=True):
        publish(revision, identifier="GB/T 28000-2026")
    assert sorted(address for message in mail.outbox for address in message.to) == sorted(
        [secretariat_user.email, registered_user.email])
    assert all("批准发布" in message.subject for message in mail.outbox)


# --- What the catalogue's readers see --------------------------------------------------------------
def test_search_finds_the_new_edition(publish, client, revision, search_index):
    with time_machine.travel(SUMMER, tick=False):
        publish(revision, identifier="GB/T 28000-2026")
    search_index()
    hits = client.get("/api/v1/search/", {"q": "GB/T 28000-2026"}).json()["hits"]
    assert hits[0]["identifier"] == "GB/T 28000-2026"


def test_people_watching_the_revised_number_get_a_digest(publish, revision, registered_user):
    from biaozhun.portal.models import Watch
    from biaozhun.portal.notifications import send_watch_notifications

    Watch.objects.create(user=registered_user, kind=Watch.Kind.SERIES, undated="GB/T 28000")
    assert send_watch_notifications() == 0  # the first run only places the cursor
    with time_machine.travel(SUMMER, tick=False):
        publish(revision, identifier="GB/T 28000-2026")
    mail.outbox.clear()
    assert send_watch_notifications() == 1
    assert mail.outbox[0].to == [registered_user.email]
    assert "GB/T 28000-2026" in mail.outbox[0].body


# --- What the catalogue shows of the project ------------------------------------------------------------
def test_the_edition_carries_the_projects_plan_number_and_each_page_links_the_other(publish, revision, client):
    with time_machine.travel(SUMMER, tick=False):
        standard = publish(revision, identifier="GB/T 28000-2026")
    revision.refresh_from_db()
    assert standard.plan_number == revision.plan_number and revision.plan_number
    edition_page = client.get(standard.get_absolute_url()).content.decode()
    assert f'href="{revision.get_absolute_url()}"' in edition_page and revision.plan_number in edition_page
    assert standard.identifier in client.get(revision.get_absolute_url()).content.decode()


def test_an_amendment_projects_approved_text_becomes_the_sheets_text(publish, amendment, client):
    project, revised = amendment
    with time_machine.travel(SUMMER, tick=False):
        publish(project, identifier="GB 2762-2017/XG1-2026")
    sheet = Amendment.objects.get(standard=revised)
    assert sheet.file and sheet.page_count and sheet.sha256
    assert StandardEvent.objects.get(standard=revised, kind=EventKind.AMENDMENT_TEXT).data["number"] == 1
    response = client.get("/std/GB 2762-2017/amendments/1.pdf?download=1")  # a mandatory standard's: downloadable
    assert response.status_code == 200
    # The project's page links the edition the sheet amends.
    assert f'href="{revised.get_absolute_url()}">GB 2762-2017/XG1-2026' in client.get(project.get_absolute_url()).content.decode()
