"""A system as one XLSX sheet: export through the safe writer, import all-or-nothing with each problem's line and
column, and export → import gives the same system."""

import io

import pytest
from openpyxl import load_workbook

from biaozhun.core.errors import ValidationFailed
from biaozhun.systems import formats, selectors
from biaozhun.systems.models import SystemEvent, SystemNode
from biaozhun.systems.services import systems as services
from tests.fixtures.systems import TODAY, xlsx

HEADINGS = ["节点编号", "上级节点编号", "节点名称", "国际标准分类号", "标准号", "项目计划号", "拟制定标准"]


def _shape(system):
    """Everything an import sets, as plain values."""
    view = selectors.system_view(system, today=TODAY)
    return [(item.node.code, item.node.parent.code if item.node.parent_id else "", item.node.name_zh,
             item.node.ics_codes, [s.link.standard.identifier for s in item.standards],
             [p.plan_number for p in item.projects],
             [(p.entry.title, p.entry.number, p.entry.priority, p.entry.planned_year) for p in item.planned])
            for item in view.nodes]


def _import(system, content, actor):
    rows, problems = formats.read_system(io.BytesIO(content), "system.xlsx")
    if problems:
        raise ValidationFailed("problems", problems)
    return services.import_system(actor=actor, system=system, rows=rows, source="system.xlsx",
                                  columns=formats.headings())


def test_export_then_import_gives_the_same_system(system_scene, secretariat_user):
    system = system_scene["system"]
    before = _shape(system)
    content = formats.export_xlsx(selectors.system_view(system))
    sheet = load_workbook(io.BytesIO(content)).active
    assert [cell.value for cell in sheet[1]] == HEADINGS
    assert sheet["E3"].value == "GB/T 5271.4-2000"
    _import(system, content, secretariat_user)
    assert _shape(system) == before
    assert system.events.last().data == {"source": "system.xlsx", "nodes": 4, "standards": 2, "projects": 1,
                                         "planned": 4}


def test_a_cell_that_looks_like_a_formula_is_exported_as_text(system_scene, secretariat_user):
    services.add_planned(actor=secretariat_user, node=system_scene["apps"],
                         data=services.PlannedInput(title="=HYPERLINK(\"http://x\")"))
    content = formats.export_xlsx(selectors.system_view(system_scene["system"]))
    cell = load_workbook(io.BytesIO(content)).active["G5"]
    assert cell.data_type == "s" and cell.value.startswith("信息技术 应用 指南")


def test_every_row_is_checked_and_nothing_is_imported_when_one_is_wrong(system_scene, secretariat_user):
    system = system_scene["system"]
    before, events = _shape(system), SystemEvent.objects.count()
    content = xlsx([HEADINGS,
                    ["1", "", "基础", "", "GB/T 5271.4-2000", "", ""],
                    ["1.1", "1", "术语", "", "GB/T 424242-2001", "", ""],
                    ["1.1", "1", "重复", "", "", "20990001-T-469", ""],
                    ["2", "9", "无上级", "", "", "", "某标准 | | 很高"],
                    ["a", "b", "甲", "", "", "", ""],
                    ["b", "a", "乙", "", "", "", ""]])
    rows, problems = formats.read_system(io.BytesIO(content), "system.xlsx")
    assert [(p["line"], p["column"]) for p in problems] == [(3, "标准号"), (4, "项目计划号"), (5, "拟制定标准")]
    with pytest.raises(ValidationFailed) as refused:
        services.import_system(actor=secretariat_user, system=system, rows=rows, source="system.xlsx",
                               columns=formats.headings())
    found = {(p["line"], p["column"]) for p in refused.value.errors}
    assert {(4, "节点编号"), (5, "上级节点编号")} <= found
    assert any(p["column"] == "上级节点编号" and p["line"] in (6, 7) and "循环" in p["message"]
               for p in refused.value.errors)
    assert _shape(system) == before and SystemEvent.objects.count() == events


def test_the_import_page_lists_the_problems_and_keeps_the_system(client, system_scene, secretariat_user):
    client.force_login(secretariat_user)
    system = system_scene["system"]
    content = xlsx([HEADINGS, ["1", "", "基础", "", "GB/T 424242-2001", "", ""]])
    upload = io.BytesIO(content)
    upload.name = "system.xlsx"
    response = client.post(f"/systems/{system.pk}/import/", {"file": upload})
    assert response.status_code == 422
    assert "目录中没有标准 GB/T 424242-2001。" in response.content.decode()
    assert SystemNode.objects.filter(system=system).count() == 4


def test_the_import_page_replaces_the_tree(client, system_scene, secretariat_user):
    client.force_login(secretariat_user)
    system = system_scene["system"]
    upload = io.BytesIO(xlsx([HEADINGS, ["A", "", "新结构", "35.240", "GB/T 9001", "20260001-T-469",
                                         "数据字典 | | 高 | 2027"]]))
    upload.name = "system.xlsx"
    response = client.post(f"/systems/{system.pk}/import/", {"file": upload})
    assert response.status_code == 302
    assert _shape(system) == [("A", "", "新结构", ["35.240"], ["GB/T 9001-2023"], ["20260001-T-469"],
                               [("数据字典", "", "high", 2027)])]


def test_a_file_that_is_not_xlsx_is_refused_before_reading(system_scene):
    with pytest.raises(formats.UploadError):
        formats.read_system(io.BytesIO(b"code,parent\n1,\n"), "system.csv")
