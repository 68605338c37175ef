"""The systems' pages: the public list and page (tree, counts, gaps, each node's lists, the tag filter), the export,
the editing page for the owner only, and the tags page."""

import io

import pytest
from openpyxl import load_workbook

from biaozhun.systems.models import SystemEvent, SystemNode
from biaozhun.systems.services.tags import set_standard_tags, tags_by_codes


def test_the_list_and_the_public_page_show_the_tree_with_counts_and_gaps(client, system_scene,
                                                                          django_assert_max_num_queries):
    system = system_scene["system"]
    assert "信息技术标准体系" in client.get("/systems/").content.decode()
    with django_assert_max_num_queries(30):
        response = client.get(f"/systems/{system.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="node-102"' in page and "GB/T 9001-2023" in page and "GB/T 9001-2015" not in page
    assert "信息技术 新词汇" in page and "需复审" in page
    assert '<div class="fs-5" id="total-missing">2</div>' in page
    assert '<div class="fs-5" id="total-outdated">1</div>' in page
    assert "编辑" not in page.split('id="totals"')[0].split("breadcrumb")[-1]  # no edit button for the public


def test_the_public_page_filters_by_tag(client, system_scene, admin_user):
    set_standard_tags(actor=admin_user, standard=system_scene["old"], tags=tags_by_codes(["civil-military"]))
    page = client.get(f"/systems/{system_scene['system'].pk}/?tag=civil-military").content.decode()
    assert "GB/T 5271.4-2000" in page and "GB/T 9001-2023" not in page
    listed = client.get("/systems/?tag=poverty-alleviation").content.decode()
    assert "信息技术标准体系" not in listed


def test_an_unknown_system_is_404(client, db):
    assert client.get("/systems/999999/").status_code == 404


def test_the_export_is_an_xlsx_of_the_tree(client, system_scene):
    response = client.get(f"/systems/{system_scene['system'].pk}/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["100", "101", "102", "200"]


def test_the_owner_sees_the_editing_page_and_adds_a_node(client, system_scene, secretariat_user):
    client.force_login(secretariat_user)
    system = system_scene["system"]
    assert client.get(f"/systems/{system.pk}/manage/").status_code == 200
    response = client.post(f"/systems/{system.pk}/nodes/", {"code": "103", "parent": "100", "name_zh": "安全"})
    assert response.status_code == 302
    node = SystemNode.objects.get(system=system, code="103")
    assert node.parent == system_scene["root"]
    assert system.events.last().actor == secretariat_user


@pytest.mark.parametrize("role", ["enterprise_user", "ministry_user"])
def test_others_cannot_open_the_editing_page_or_write(request, client, system_scene, role):
    client.force_login(request.getfixturevalue(role))
    system = system_scene["system"]
    events = SystemEvent.objects.count()
    assert client.get(f"/systems/{system.pk}/manage/").status_code == 403
    assert client.post(f"/systems/{system.pk}/nodes/", {"code": "9", "name_zh": "x"}).status_code == 403
    assert SystemEvent.objects.count() == events


def test_assigning_a_standard_by_an_undated_number_takes_the_edition_in_force(client, system_scene, secretariat_user):
    client.force_login(secretariat_user)
    system, node = system_scene["system"], system_scene["apps"]
    client.post(f"/systems/{system.pk}/nodes/{node.pk}/assign/", {"kind": "standard", "value": "GB/T 9001"})
    assert list(node.standard_links.values_list("standard__identifier", flat=True)) == ["GB/T 9001-2023"]


def test_the_tags_page_counts_and_lets_the_secretariat_tag_its_standard(client, system_scene, secretariat_user):
    client.force_login(secretariat_user)
    response = client.post("/systems/tags/standard/", {"standard": "GB/T 5271.4-2000",
                                                       "tags": ["standardization-plus", "civil-military"]})
    assert response.status_code == 302
    page = client.get("/systems/tags/").content.decode()
    assert "标准化+" in page and "设定标准的专项标签" in page
    assert sorted(system_scene["old"].programme_tag_links.values_list("tag__code", flat=True)) == [
        "civil-military", "standardization-plus"]
