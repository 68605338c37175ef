"""A social organisation's members publish its group standards into the catalogue: the catalogue's services write
the edition, search finds it, and the policy lets them write their own group code's records and nothing else."""

import pytest

from biaozhun.accounts import policy
from biaozhun.catalog.models import Standard, StandardEvent
from biaozhun.catalog.services import create_standard, update_standard
from biaozhun.core.errors import PermissionDeniedError, ValidationFailed
from biaozhun.groups.models import GroupEvent, GroupStandard
from biaozhun.groups.services import publish_group_standard
from tests.factories.files import real_pdf
from tests.fixtures.groups import standard_input

pytestmark = pytest.mark.django_db


def test_a_member_publishes_a_group_standard_into_the_catalogue(cas, cas_member):
    facts = publish_group_standard(actor=cas_member, profile=cas, data=standard_input(
        involves_patents=True, patent_note="ZL 2020 1 0000000.0，专利权人同意免费许可。"))
    standard = facts.standard
    assert (standard.identifier, standard.tier, standard.org_code) == ("T/CAS 115-2026", "group", "CAS")
    assert standard.issued_by == ["中国标准化协会"] and standard.industry_classes == ["M74"]
    assert (facts.main_content, facts.involves_patents, facts.text_public) == (
        "规定了预拌混凝土绿色评价的指标和方法。", True, False)
    assert StandardEvent.objects.filter(standard=standard).exists()
    event = GroupEvent.objects.get(kind="standard_published")
    assert (event.actor, event.standard, event.data["identifier"]) == (cas_member, standard, "T/CAS 115-2026")


def test_a_public_text_is_attached_and_offered_for_download(cas, cas_member):
    facts = publish_group_standard(actor=cas_member, profile=cas, data=standard_input(text_public=True),
                                   text=real_pdf())
    standard = Standard.objects.get(pk=facts.standard_id)
    assert standard.full_texts.filter(language="zh").exists()
    assert standard.text_access == "download" and "中国标准化协会" in standard.text_access_note


def test_someone_outside_the_organisation_cannot_publish_and_nothing_is_written(cas, cesa_admin, registered_user):
    for actor in (cesa_admin, registered_user):
        with pytest.raises(PermissionDeniedError):
            publish_group_standard(actor=actor, profile=cas, data=standard_input())
    assert not Standard.objects.exists() and not GroupStandard.objects.exists()
    assert not GroupEvent.objects.filter(kind="standard_published").exists()


def test_the_catalogue_lets_a_member_create_only_its_own_group_codes_records(cas, cas_member):
    for identifier in ("T/CESA 1-2026", "GB/T 99999-2026", "JB/T 99999-2026", "Q/CAS 1-2026"):
        with pytest.raises(PermissionDeniedError):
            create_standard(actor=cas_member, data={"identifier": identifier, "title_zh": "某标准"})
    assert not Standard.objects.exists()
    standard = create_standard(actor=cas_member, data={"identifier": "T/CAS 2-2026", "title_zh": "某标准"})
    assert standard.org_code == "CAS"


def test_a_member_edits_its_own_group_standard_but_not_another(cas_standard, cas_member, cesa, cesa_admin):
    standard = cas_standard.standard
    edited = update_standard(actor=cas_member, standard=standard, changes={"title_zh": "绿色建材评价 混凝土"},
                             expected_version=standard.version)
    assert edited.title_zh == "绿色建材评价 混凝土"
    with pytest.raises(PermissionDeniedError):
        update_standard(actor=cesa_admin, standard=edited, changes={"title_zh": "别人的"},
                        expected_version=edited.version)
    assert policy.can(cas_member, "catalog.edit") is False  # the catalogue at large stays the administration's


def test_every_problem_is_named_by_its_field(cas, cas_member):
    with pytest.raises(ValidationFailed) as refused:
        publish_group_standard(actor=cas_member, profile=cas, data=standard_input(
            number="", main_content=" ", involves_patents=True, text_public=True, title_zh=""))
    assert {p["field"] for p in refused.value.errors} >= {"number", "main_content", "patent_note", "text", "title_zh"}
    assert not Standard.objects.exists()


def test_a_number_already_in_the_catalogue_is_refused_on_the_number(cas_standard, cas, cas_member):
    with pytest.raises(ValidationFailed) as refused:
        publish_group_standard(actor=cas_member, profile=cas, data=standard_input())
    assert [p["field"] for p in refused.value.errors] == ["number"]
    assert GroupStandard.objects.count() == 1


def test_a_text_that_is_not_a_pdf_is_refused_and_nothing_is_written(cas, cas_member):
    with pytest.raises(ValidationFailed) as refused:
        publish_group_standard(actor=cas_member, profile=cas, data=standard_input(text_public=True),
                               text=b"not a pdf")
    assert refused.value.errors[0]["field"] == "text"
    assert not Standard.objects.exists() and not GroupStandard.objects.exists()


def test_search_finds_a_published_group_standard(cas_standard, client, search_index):
    search_index()
    hits = client.get("/api/v1/search/", {"q": "T/CAS 115-2026"}).json()["hits"]
    assert hits[0]["identifier"] == "T/CAS 115-2026"
    assert client.get("/api/v1/search/", {"q": "预拌混凝土"}).json()["hits"][0]["identifier"] == "T/CAS 115-2026"


def test_the_validity_check_and_the_standard_page_know_it(cas_standard, client):
    response = client.post("/api/v1/catalog/validity", {"numbers": ["T/CAS 115-2026"]},
                           content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()[0]["found"]["status"] == "current"
    assert client.get(cas_standard.standard.get_absolute_url()).status_code == 200
