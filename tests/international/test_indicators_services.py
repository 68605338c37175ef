"""Indicator comparisons: who writes, rows saved with their verdicts, a file imported (errors by row and column,
nothing written), publishing, and the export through the safe writer (no live formula from typed text)."""

import io

import pytest
from openpyxl import load_workbook

from biaozhun.core.actors import SYSTEM
from biaozhun.core.errors import PermissionDeniedError, ValidationFailed
from biaozhun.international.formats import indicators as sheet
from biaozhun.international.models import ComparisonEventKind, IndicatorRow
from biaozhun.international.services.indicators import (
    ComparisonInput,
    RowInput,
    create_comparison,
    import_rows,
    publish_comparison,
    restore_rows,
    save_rows,
)
from tests.fixtures.catalog import make_standard
from tests.fixtures.international_translations import xlsx

pytestmark = pytest.mark.django_db


def test_the_standards_committee_secretariat_writes_a_comparison(secretariat_user, diesel_standard):
    comparison = create_comparison(actor=secretariat_user, data=ComparisonInput(
        standard=diesel_standard, foreign_number="ASTM D975-23", foreign_title="Diesel fuel"))
    assert (comparison.public, comparison.created_by) == (False, secretariat_user)
    assert comparison.events.get().kind == ComparisonEventKind.CREATED


def test_another_committees_secretariat_may_not(secretariat_user, tc151_standard):
    with pytest.raises(PermissionDeniedError):
        create_comparison(actor=secretariat_user, data=ComparisonInput(standard=tc151_standard,
                                                                       foreign_number="ISO 9001:2015"))


def test_an_iso_edition_in_the_catalogue_is_linked(admin_user, diesel_standard):
    iso = make_standard("ISO 9001:2015", title_zh="", title_en="Quality management systems — Requirements")
    comparison = create_comparison(actor=admin_user, data=ComparisonInput(standard=diesel_standard,
                                                                          foreign_standard=iso))
    assert (comparison.foreign_number, comparison.foreign_title) == ("ISO 9001:2015", iso.title_en)


def test_a_foreign_side_is_required(admin_user, diesel_standard):
    with pytest.raises(ValidationFailed) as refused:
        create_comparison(actor=admin_user, data=ComparisonInput(standard=diesel_standard))
    assert [p["field"] for p in refused.value.errors] == ["foreign_number"]


def test_rows_are_saved_in_order_with_each_verdict_and_blank_rows_dropped(secretariat_user, draft_comparison):
    save_rows(actor=secretariat_user, comparison=draft_comparison, rows=[
        RowInput(name="密度", unit="kg/m³", chinese_value="810～845", foreign_value="820～845"),
        RowInput(),
        RowInput(name="外观", chinese_value="清澈透明", foreign_value="clear and bright"),
    ])
    assert list(draft_comparison.rows.values_list("position", "name", "verdict", "why")) == [
        (1, "密度", "looser", ""), (2, "外观", "not_comparable", "chinese_text")]
    event = draft_comparison.events.last()
    assert (event.kind, event.data["rows"], event.data["verdicts"]) == (
        ComparisonEventKind.ROWS_SAVED, 2, {"looser": 1, "not_comparable": 1})


def test_a_row_without_its_values_is_refused_naming_the_row(admin_user, draft_comparison):
    with pytest.raises(ValidationFailed) as refused:
        save_rows(actor=admin_user, comparison=draft_comparison, rows=[
            RowInput(name="硫含量", chinese_value="≤ 10", foreign_value="≤ 10"), RowInput(name="灰分")])
    assert {(p["line"], p["field"]) for p in refused.value.errors} == {(2, "chinese_value"), (2, "foreign_value")}
    assert draft_comparison.rows.count() == 2  # the fixture's rows, untouched


HEADINGS = ["指标名称", "单位", "我国标准要求", "国外标准要求", "我国试验方法", "国外试验方法", "备注"]


def test_a_file_replaces_the_rows(secretariat_user, draft_comparison):
    content = xlsx([HEADINGS, ["闪点", "°C", "≥ 60", "> 55", "GB/T 261", "EN ISO 2719", None],
                    ["锰含量", "mg/L", "—", 2, None, None, None], [None] * 7])
    import_rows(actor=secretariat_user, comparison=draft_comparison, rows=sheet.read_rows(content, "rows.xlsx"),
                source="rows.xlsx", columns=sheet.headings())
    assert list(draft_comparison.rows.values_list("name", "foreign_value", "verdict")) == [
        ("闪点", "> 55", "stricter"), ("锰含量", "2", "looser")]
    assert draft_comparison.events.last().data["source"] == "rows.xlsx"


def test_a_file_with_errors_names_row_and_column_and_changes_nothing(admin_user, draft_comparison):
    content = xlsx([HEADINGS, ["闪点", "°C", None, "> 55", None, None, None], [None, None, "≤ 1", "≤ 2", None, None,
                                                                             "x" * 301]])
    with pytest.raises(ValidationFailed) as refused:
        import_rows(actor=admin_user, comparison=draft_comparison, rows=sheet.read_rows(content, "rows.xlsx"),
                    source="rows.xlsx", columns=sheet.headings())
    assert {(p["line"], p["column"]) for p in refused.value.errors} == {(2, "我国标准要求"), (3, "指标名称"),
                                                                       (3, "备注")}
    assert list(draft_comparison.rows.values_list("name", flat=True)) == ["硫含量", "多环芳烃含量"]


def test_a_file_without_the_heading_row_is_refused_saying_which_columns_are_missing():
    with pytest.raises(sheet.UploadError, match="指标名称"):
        sheet.read_rows(xlsx([["名称", "值"], ["a", "b"]]), "rows.xlsx")


def test_publishing_needs_rows_and_is_recorded(admin_user, diesel_standard, draft_comparison):
    empty = create_comparison(actor=SYSTEM, data=ComparisonInput(standard=diesel_standard, foreign_number="X 1"))
    with pytest.raises(ValidationFailed):
        publish_comparison(actor=admin_user, comparison=empty, published=True)
    publish_comparison(actor=admin_user, comparison=draft_comparison, published=True)
    draft_comparison.refresh_from_db()
    assert draft_comparison.public and draft_comparison.public_since is not None
    assert draft_comparison.events.last().kind == ComparisonEventKind.MADE_PUBLIC


def test_the_export_keeps_typed_text_as_text_and_marks_the_differences(admin_user, draft_comparison):
    save_rows(actor=admin_user, comparison=draft_comparison, rows=[
        RowInput(name="=HYPERLINK(\"http://x\",\"点我\")", chinese_value="-5～5", foreign_value="@SUM(A1)"),
        RowInput(name="硫含量", unit="mg/kg", chinese_value="≤ 10", foreign_value="≤ 10"),
        RowInput(name="多环芳烃", unit="%", chinese_value="≤ 7", foreign_value="≤ 8"),
    ])
    rows = list(IndicatorRow.objects.filter(comparison=draft_comparison).order_by("position"))
    book = load_workbook(io.BytesIO(sheet.export_xlsx(draft_comparison, rows)))
    cells = {cell.value: cell for row in book.active.iter_rows() for cell in row if cell.value is not None}
    formula = cells['=HYPERLINK("http://x","点我")']
    assert formula.data_type == "s" and formula.quotePrefix
    assert cells["-5～5"].data_type == "s" and cells["@SUM(A1)"].quotePrefix
    table = [list(row) for row in book.active.iter_rows()]
    heading = next(index for index, row in enumerate(table) if row[-1].value == "对比结果")
    body = table[heading + 1:]
    assert [row[-1].value for row in body] == ["无法比较", "一致", "我国更严"]
    fills = [row[0].fill.start_color.rgb for row in body]
    assert fills[0].endswith(sheet.FILLS["not_comparable"]) and fills[2].endswith(sheet.FILLS["stricter"])
    assert not fills[1].endswith(tuple(sheet.FILLS.values()))


def test_a_save_records_what_it_changed_and_keeps_the_rows_it_replaced(secretariat_user, draft_comparison):
    save_rows(actor=secretariat_user, comparison=draft_comparison, rows=[
        RowInput(name="多环芳烃含量", unit="%", chinese_value="≤ 7", foreign_value="≤ 8"),  # moved, same
        RowInput(name="硫 含量", unit="mg/kg", chinese_value="≤ 8", foreign_value="≤ 10"),  # value changed
        RowInput(name="闪点", unit="°C", chinese_value="≥ 60", foreign_value="> 55")])  # new
    data = draft_comparison.events.last().data
    assert data["changes"] == {"added": ["闪点"], "removed": [],
                               "changed": [{"name": "硫 含量", "fields": {"chinese_value": ["≤ 10", "≤ 8"]}}]}
    assert [row["name"] for row in data["before"]] == ["硫含量", "多环芳烃含量"]


def test_the_rows_an_import_replaced_come_back(secretariat_user, draft_comparison):
    content = xlsx([HEADINGS, ["闪点", "°C", "≥ 60", "> 55", None, None, None]])
    import_rows(actor=secretariat_user, comparison=draft_comparison, rows=sheet.read_rows(content, "rows.xlsx"),
                source="rows.xlsx", columns=sheet.headings())
    imported = draft_comparison.events.last()
    assert imported.data["changes"]["removed"] == ["硫含量", "多环芳烃含量"]
    restore_rows(actor=secretariat_user, comparison=draft_comparison, event=imported)
    assert list(draft_comparison.rows.values_list("name", "unit", "chinese_value", "verdict")) == [
        ("硫含量", "mg/kg", "≤ 10", "same"), ("多环芳烃含量", "%", "≤ 7", "stricter")]
    restored = draft_comparison.events.last()
    assert (restored.kind, restored.data["event"]) == (ComparisonEventKind.RESTORED, imported.pk)
    assert [row["name"] for row in restored.data["before"]] == ["闪点"]  # and the import can come back in turn


def test_an_event_that_replaced_no_rows_cannot_be_restored(admin_user, draft_comparison, tc151_standard):
    created = draft_comparison.events.get(kind=ComparisonEventKind.CREATED)
    with pytest.raises(ValidationFailed) as refused:
        restore_rows(actor=admin_user, comparison=draft_comparison, event=created)
    assert refused.value.errors[0]["field"] == "event"
    assert draft_comparison.rows.count() == 2


def test_restoring_is_for_the_comparisons_writers(secretariat_user, draft_comparison, tc151_standard):
    other = create_comparison(actor=SYSTEM, data=ComparisonInput(standard=tc151_standard,
                                                                 foreign_number="ISO 9001:2015"))
    save_rows(actor=SYSTEM, comparison=other, rows=[RowInput(name="a", chinese_value="1", foreign_value="1")])
    save_rows(actor=SYSTEM, comparison=other, rows=[RowInput(name="b", chinese_value="1", foreign_value="1")])
    with pytest.raises(PermissionDeniedError):
        restore_rows(actor=secretariat_user, comparison=other, event=other.events.last())


def test_saving_the_same_rows_again_writes_no_event(secretariat_user, draft_comparison):
    events = draft_comparison.events.count()
    save_rows(actor=secretariat_user, comparison=draft_comparison, rows=[
        RowInput(name="硫含量", unit="mg/kg", chinese_value="≤  10", foreign_value="≤ 10"),
        RowInput(name="多环芳烃含量", unit="%", chinese_value="≤ 7", foreign_value="≤ 8")])
    assert draft_comparison.events.count() == events
