"""HEAD is answered wherever GET is (RFC 9110 §9.3.2): monitors, link checkers and caches ask with HEAD, and a
405 there reads as a broken site. Django views use `require_safe`; the API's router adds HEAD to every GET
operation (biaozhun/api/routing.py). The servers (gunicorn, runserver) send HEAD answers without their body, as
the test client does."""

import pytest
from django.test import Client

from biaozhun.accounts.models import Organisation, User
from biaozhun.catalog.models import Standard
from biaozhun.committees.models import Application
from biaozhun.declarations.models import Declaration
from biaozhun.development.models import Ballot, Project
from biaozhun.filing.models import AbolitionNotice, Filing, FilingBatch, SupersessionFlag
from biaozhun.groups.models import Announcement
from biaozhun.inspections.models import Campaign
from tests.factories.accounts import UserFactory
from tests.security.crawl import load_demo, walk

pytestmark = pytest.mark.django_db

# A value for each path parameter of the API's GET operations; a new parameter name fails until it has one.
API_SAMPLES = {
    "identifier": lambda: Standard.objects.first().identifier,
    "project_id": lambda: Project.objects.first().pk,
    "ballot_id": lambda: Ballot.objects.first().pk,
    "filing_id": lambda: Filing.objects.filter(authority__name=JIANGSU).first().pk,
    "batch_id": lambda: FilingBatch.objects.get(authority__name=JIANGSU).pk,
    "flag_id": lambda: SupersessionFlag.objects.get(authority__name=JIANGSU).pk,
    "notice_id": lambda: AbolitionNotice.objects.get(authority__name=JIANGSU).pk,
    "group_code": lambda: "CAS",
    "announcement_id": lambda: Announcement.objects.first().pk,
    "list_id": lambda: _leaders_demo().pk,
    "run_id": lambda: _leaders_demo().run_id,
    "key_product_id": lambda: _leaders_demo().key_product_id,
    "scheme_id": lambda: _leaders_demo().run.scheme_id,
    "campaign_id": lambda: Campaign.objects.first().pk,
    "version": lambda: 1,
    "enterprise_id": lambda: Declaration.objects.filter(region_code__startswith="32").first().enterprise_id,
    "declaration_id": lambda: Declaration.objects.filter(region_code__startswith="32").first().pk,
    "job_id": lambda: _enterprise_job().pk,
    "notice_number": lambda: _inspections_notice().number,
    "number": lambda: _jiangsu_feedback().tracking_number,
    "application_id": lambda: Application.objects.filter(notice_opened_on__isnull=False).first().pk,
    "year": lambda: _assessment().year,
    "committee_id": lambda: _assessment().committee_id,
    "assessment_id": lambda: _assessment().pk,
    "international_id": lambda: _participation().international_id,
    "work_item_id": lambda: _participation_work_item().pk,
    "international_ballot_id": lambda: _participation().pk,
    "translation_id": lambda: _international_demo("TranslationProject").pk,
    "comparison_id": lambda: _international_demo("Comparison").pk,
    "programme_id": lambda: _programmes_demo().programme_id,
    "pilot_id": lambda: _programmes_demo().pk,
    "pilot_application_id": lambda: _programmes_demo().application_id,
    "plan_year": lambda: _workplan_demo().plan.year,
    "task_id": lambda: _workplan_demo().pk,
    "system_id": lambda: _systems_demo().pk,
    "node_id": lambda: _systems_demo().nodes.order_by("pk").first().pk,
}
# The query a GET operation needs (its required query parameters).
QUERY_SAMPLES = {"/api/v1/international/indicators/compare": "?chinese=%E2%89%A4%200.5&foreign=%E2%89%A4%201"}
# Asked as the demo administrator.
ADMINISTRATION_READS = {"/api/v1/leaders/runs/{run_id}", "/api/v1/propagation/citations/{identifier}",
                        "/api/v1/assessments/", "/api/v1/assessments/schemes/{year}",
                        "/api/v1/assessments/{assessment_id}", "/api/v1/assessments/reports/{committee_id}/{year}",
                        "/api/v1/international/participation/ballots",
                        "/api/v1/international/participation/ballots/{international_ballot_id}",
                        "/api/v1/programmes/applications", "/api/v1/programmes/applications/{pilot_application_id}",
                        "/api/v1/workplan/plans", "/api/v1/workplan/plans/{plan_year}",
                        "/api/v1/workplan/plans/{plan_year}/tasks", "/api/v1/workplan/tasks/{task_id}"}
# A bulk declaration file's job is read by its enterprise's members: asked as one.
ENTERPRISE_READS = {"/api/v1/declarations/work/imports/{job_id}", "/api/v1/declarations/work/imports/{job_id}/rejects"}
JIANGSU = "江苏省市场监督管理局"  # a demo filing authority: the API's filing reads are asked as its member


def _assessment():
    """This year's assessment of the first demo committee (computed once)."""
    from biaozhun.assessments.models import Assessment
    from biaozhun.assessments.services import compute_assessment
    from biaozhun.committees.models import Committee
    from biaozhun.core import clock
    from biaozhun.core.actors import SYSTEM

    return Assessment.objects.first() or compute_assessment(actor=SYSTEM, committee=Committee.objects.first(),
                                                            year=clock.today().year)


def _participation():
    """A demo ISO/IEC ballot (load_demo_international, idempotent, after the demo committees)."""
    from django.core.management import call_command

    from biaozhun.international.models import InternationalBallot

    call_command("load_demo_international", stdout=None)
    return InternationalBallot.objects.first()


def _international_demo(model: str):
    """The first demo record of an international model (the demo's comparison is published, so public)."""
    from biaozhun.international import models

    _participation()
    return getattr(models, model).objects.order_by("pk").first()


def _programmes_demo():
    """The first demo pilot (load_demo_programmes, idempotent)."""
    from django.core.management import call_command

    from biaozhun.programmes.models import Pilot

    call_command("load_demo_programmes", stdout=None)
    return Pilot.objects.order_by("pk").first()


def _workplan_demo():
    """The first task of the demo work plan (load_demo_workplan, idempotent)."""
    from django.core.management import call_command

    from biaozhun.workplan.models import Task

    call_command("load_demo_workplan", stdout=None)
    return Task.objects.order_by("pk").first()


def _systems_demo():
    """The first demo standard system (load_demo_systems, idempotent, after the demo committees and projects)."""
    from django.core.management import call_command

    from biaozhun.systems.models import StandardSystem

    call_command("load_demo_systems", stdout=None)
    return StandardSystem.objects.order_by("pk").first()


def _participation_work_item():
    from biaozhun.international.models import WorkItem

    _participation()
    return WorkItem.objects.first()


def _enterprise_job():
    """A finished bulk file of the sample enterprise, with its rejects file."""
    from django.core.files.base import ContentFile

    from biaozhun.declarations.models import DeclarationImport

    enterprise = Declaration.objects.filter(region_code__startswith="32").first().enterprise
    return DeclarationImport.objects.filter(enterprise=enterprise).first() or DeclarationImport.objects.create(
        enterprise=enterprise, source_name="f.jsonl", sha256="0" * 64, file_format="jsonl",
        state=DeclarationImport.State.DONE, rejects_file=ContentFile(b"{}\n", name="rejects.jsonl"))


def _inspections_notice():
    """The demo's abolition notice under law art. 39 (load_demo_inspections)."""
    from biaozhun.inspections.models import AbolitionNotice as Art39Notice

    return Art39Notice.objects.get()


def _leaders_demo():
    """The demo leader list (load_demo_leaders is idempotent)."""
    from django.core.management import call_command

    from biaozhun.leaders.models import LeaderList

    call_command("load_demo_leaders", stdout=None)
    return LeaderList.objects.get()


def _jiangsu_feedback():
    """Implementation feedback on a 江苏 local standard, which the routing table gives to the 江苏 bureau."""
    from tests.fixtures.catalog import make_standard
    from tests.fixtures.feedback import submit

    return submit(make_standard("DB32/T 9001-2020", title_zh="城市公共厕所管理规范"))


def _jiangsu_work() -> User:
    """The demo bureau of 江苏 with one of each filing record the API reads: a batch, a flag, an announcement."""
    from datetime import timedelta

    from biaozhun.core import clock
    from biaozhun.core.actors import SYSTEM
    from biaozhun.filing.services.flags import flag_standard
    from biaozhun.filing.services.periodic import NoticeInput, conclude_reviews
    from biaozhun.text.overlap import overlap
    from tests.fixtures.catalog import make_standard
    from tests.fixtures.filing import batch_row, send_batch

    user = User.objects.get(username="jiangsu")
    bureau = Organisation.objects.get(name=JIANGSU)
    year = clock.today().year
    send_batch(user, bureau, [batch_row(f"DB32/T 7001-{year}")])
    old = make_standard("DB32/T 100-2015", title_zh="城市道路照明设施养护规范", published_on="2015-03-01",
                        implemented_on="2015-06-01")
    national = Standard.objects.filter(tier="national").first()
    flag_standard(actor=SYSTEM, standard=old, national=national, authority=bureau,
                  scored=overlap(national.title_zh, "", old.title_zh, ""))
    conclude_reviews(actor=user, standards=[old], outcome="abolish", reason="技术内容已过时",
                     notice=NoticeInput(notice_number=f"{year}年第1号", notice_date=clock.today(),
                                        abolished_on=clock.today() + timedelta(days=30)))
    return user


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _refusals(client, pages: dict) -> dict:
    refused = {}
    for url, got in pages.items():
        head = client.head(url)
        if head.status_code != 200 or _body(head) or head.get("Content-Type") != got.get("Content-Type"):
            refused[url] = (head.status_code, head.get("Content-Type"), len(_body(head)))
    return refused


def test_every_public_page_that_answers_get_answers_head_with_no_body(client, settings, tmp_path):
    load_demo(settings, tmp_path)
    pages = walk(client).ok()
    assert len(pages) > 40, sorted(pages)  # the walk reached the catalogue, projects, committees, the API
    assert _refusals(client, pages) == {}


def test_every_get_operation_of_the_api_answers_head(client, settings, tmp_path):
    load_demo(settings, tmp_path)
    client.force_login(_jiangsu_work())  # public reads answer anyone; the filing work reads answer their authority
    schema = client.get("/api/v1/openapi.json").json()
    administrator = Client()
    administrator.force_login(User.objects.get(username="admin"))
    member = Client()
    member.force_login(UserFactory(member_of=_enterprise_job().enterprise))
    pages, administration_pages, enterprise_pages = {}, {}, {}
    for path, operations in schema["paths"].items():
        if "get" not in operations:
            continue
        url = path
        for parameter in (p for p in operations["get"].get("parameters", []) if p["in"] == "path"):
            url = url.replace(f"{{{parameter['name']}}}", str(API_SAMPLES[parameter["name"]]()))
        url += QUERY_SAMPLES.get(path, "")
        asking, answered = ((administrator, administration_pages) if path in ADMINISTRATION_READS
                            else (member, enterprise_pages) if path in ENTERPRISE_READS else (client, pages))
        response = asking.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        answered[url] = response
    assert len(pages) >= 8
    assert _refusals(client, pages) == {}
    assert _refusals(administrator, administration_pages) == {}
    assert len(enterprise_pages) == 2 and _refusals(member, enterprise_pages) == {}
    assert all("head" not in operations for operations in schema["paths"].values())  # the schema lists GET only


def test_signed_in_pages_answer_head(client, settings, tmp_path):
    load_demo(settings, tmp_path)
    client.force_login(User.objects.get(username="secretary"))
    pages = {url: client.get(url) for url in ("/projects/dashboard/", "/watch/", "/accounts/profile/",
                                              "/accounts/password/change/", "/accounts/organisations/new/")}
    assert {url: r.status_code for url, r in pages.items()} == dict.fromkeys(pages, 200)
    assert _refusals(client, pages) == {}
