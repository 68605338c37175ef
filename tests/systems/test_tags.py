"""Programme tags filter everywhere: the catalogue search (page and API, through the index), the project list and
its API, the systems API; setting tags goes through the policy and writes its events."""

import json

import pytest

from biaozhun.catalog.models import EventKind, StandardEvent
from biaozhun.core.errors import PermissionDeniedError, ValidationFailed
from biaozhun.rules.stages import Stage
from biaozhun.systems.models import TagEvent, TagEventKind
from biaozhun.systems.services.tags import create_tag, set_project_tags, set_standard_tags, tags_by_codes, update_tag
from tests.factories.development import ProjectFactory
from tests.fixtures.catalog import make_standard


@pytest.fixture
def tagged(db, admin_user, search_index):
    plus = make_standard("GB/T 30001-2020", title_zh="电动汽车 充电接口")
    plain = make_standard("GB/T 30002-2020", title_zh="电动汽车 充电桩")
    set_standard_tags(actor=admin_user, standard=plus, tags=tags_by_codes(["standardization-plus"]))
    search_index()
    return {"plus": plus, "plain": plain}


def test_the_search_api_filters_by_tag_after_the_index_follows_the_change(client, tagged, admin_user, search_index):
    found = client.get("/api/v1/search/", {"q": "电动汽车", "tag": "standardization-plus"}).json()
    assert [hit["identifier"] for hit in found["hits"]] == ["GB/T 30001-2020"]
    assert client.get("/api/v1/search/", {"q": "电动汽车"}).json()["total"] == 2
    set_standard_tags(actor=admin_user, standard=tagged["plain"], tags=tags_by_codes(["standardization-plus"]))
    search_index()
    assert client.get("/api/v1/search/", {"q": "电动汽车", "tag": "standardization-plus"}).json()["total"] == 2
    assert client.get("/api/v1/search/", {"tag": "poverty-alleviation"}).json()["total"] == 0


def test_the_search_page_filters_by_tag_and_names_it_on_the_chip(client, tagged):
    page = client.get("/standards/", {"q": "电动汽车", "tag": "standardization-plus"}).content.decode()
    assert "GB/T 30001-2020" in page and "GB/T 30002-2020" not in page
    assert "专项标签: 标准化+" in page


def test_setting_a_standards_tags_writes_a_tag_event_and_a_catalogue_event(tagged, admin_user):
    event = TagEvent.objects.filter(kind=TagEventKind.STANDARD_TAGGED).last()
    assert event.data == {"standard": "GB/T 30001-2020", "before": [], "after": ["standardization-plus"]}
    catalogue = StandardEvent.objects.filter(standard=tagged["plus"]).last()
    assert (catalogue.kind, catalogue.data) == (EventKind.UPDATED, {"source": "programme_tags", "before": {
        "programme_tags": []}})
    count = TagEvent.objects.count()
    set_standard_tags(actor=admin_user, standard=tagged["plus"], tags=tags_by_codes(["standardization-plus"]))
    assert TagEvent.objects.count() == count  # nothing changed, nothing written


def test_another_committees_secretariat_cannot_tag_a_standard(tc151_standard, secretariat_user):
    with pytest.raises(PermissionDeniedError):
        set_standard_tags(actor=secretariat_user, standard=tc151_standard, tags=tags_by_codes(["civil-military"]))
    assert not tc151_standard.programme_tag_links.exists()


def test_the_project_list_and_its_api_filter_by_tag(client, admin_user, tc28_committee):
    tagged = ProjectFactory(committee=tc28_committee, stage=Stage.DRAFTING, plan_number="20260101-T-469",
                            title_zh="扶贫项目甲")
    ProjectFactory(committee=tc28_committee, stage=Stage.DRAFTING, plan_number="20260102-T-469", title_zh="普通项目乙")
    set_project_tags(actor=admin_user, project=tagged, tags=tags_by_codes(["poverty-alleviation"]))
    page = client.get("/projects/", {"list": Stage.DRAFTING, "tag": "poverty-alleviation"}).content.decode()
    assert "扶贫项目甲" in page and "普通项目乙" not in page
    found = client.get("/api/v1/projects/", {"tag": "poverty-alleviation"}).json()
    assert [item["plan_number"] for item in found["items"]] == ["20260101-T-469"]
    assert client.get("/api/v1/projects/").json()["count"] == 2


def test_the_systems_api_lists_tags_and_filters_systems(client, system_scene, admin_user):
    codes = [tag["code"] for tag in client.get("/api/v1/systems/tags").json()]
    assert codes[:4] == ["standardization-plus", "new-industry-pilot", "poverty-alleviation", "civil-military"]
    assert client.get("/api/v1/systems/", {"tag": "civil-military"}).json() == []
    set_project_tags(actor=admin_user, project=system_scene["project"], tags=tags_by_codes(["civil-military"]))
    assert [s["code"] for s in client.get("/api/v1/systems/", {"tag": "civil-military"}).json()] == ["it"]


def test_the_api_sets_a_projects_tags_for_its_secretariat_and_refuses_others(client, system_scene, secretariat_user,
                                                                              enterprise_user):
    project = system_scene["project"]
    url = f"/api/v1/systems/tags/projects/{project.pk}"
    body = json.dumps({"tags": ["new-industry-pilot"]})
    assert client.put(url, body, content_type="application/json").status_code == 401
    client.force_login(enterprise_user)
    assert client.put(url, body, content_type="application/json").status_code == 403
    client.force_login(secretariat_user)
    response = client.put(url, body, content_type="application/json")
    assert response.status_code == 200 and response.json() == {"tags": ["new-industry-pilot"]}
    assert client.get(url).json() == {"tags": ["new-industry-pilot"]}
    unknown = client.put(url, json.dumps({"tags": ["nope"]}), content_type="application/json")
    assert unknown.status_code == 422


def test_administrators_edit_the_tag_table_and_its_codes_stay(admin_user, registered_user):
    tag = create_tag(actor=admin_user, code="smart-city", name_zh="智慧城市")
    update_tag(actor=admin_user, tag=tag, name_zh="新型智慧城市", active=False)
    assert list(TagEvent.objects.filter(tag=tag).values_list("kind", flat=True)) == [
        TagEventKind.TAG_CREATED, TagEventKind.TAG_UPDATED]
    with pytest.raises(ValidationFailed):
        tags_by_codes(["smart-city"])  # retired
    with pytest.raises(ValidationFailed):
        create_tag(actor=admin_user, code="other", name_zh="标准化+")  # a name in use
    with pytest.raises(PermissionDeniedError):
        create_tag(actor=registered_user, code="mine", name_zh="我的")
