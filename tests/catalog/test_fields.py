"""The catalogue fields std.samr.gov.cn and openstd show: 计划号, 国民经济行业分类, 备注, 起草单位/起草人 (withheld
where the rules say so); cleaned on import, carried by export and the API."""

import io
import json

import pytest
from django.core.management import call_command
from django.utils import translation

from biaozhun.catalog import exporting
from biaozhun.catalog.importing import run_import
from biaozhun.catalog.models import Standard, StandardEvent
from biaozhun.catalog.selectors import record_cleaner
from biaozhun.catalog.services import update_standard
from biaozhun.core.actors import SYSTEM
from biaozhun.reference.models import IndustryClass
from tests.fixtures.catalog import make_standard, wipe_catalogue

pytestmark = pytest.mark.django_db

BASE = {"title_zh": "电动汽车用动力蓄电池安全要求", "published_on": "2020-05-12", "implemented_on": "2021-01-01"}


def clean(identifier, **fields):
    return record_cleaner().clean({"identifier": identifier, **BASE, **fields})


# --- the reference table -------------------------------------------------------------------------------------
def test_the_industry_classification_has_every_section_division_and_group_of_gbt_4754_2017():
    counts = {level: IndustryClass.objects.filter(level=level).count() for level in (1, 2, 3)}
    assert counts == {1: 20, 2: 97, 3: 473}
    assert IndustryClass.objects.get(code="C38").name_zh == "电气机械和器材制造业"
    assert IndustryClass.objects.get(code="C384").parent_id == "C38"
    assert IndustryClass.objects.get(code="T97").parent.name_zh == "国际组织"
    # Every group sits under the division its first two digits name, in the section that division belongs to.
    for group in IndustryClass.objects.filter(level=3).select_related("parent"):
        assert group.parent.code == group.code[:3] and group.parent.parent_id == group.code[0]


# --- 计划号 ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("identifier", "given", "stored"), [
    ("GB 38031-2020", "20180412-Q-339", "20180412-Q-339"),
    ("GB/T 19001-2016", " 20141532－t－469 ", "20141532-T-469"),  # full-width dash, lower case, spaces
    ("GB/Z 41275.1-2022", "20190868-Z-604", "20190868-Z-604"),
    ("JB/T 10001-2018", "2016-0793T-JB", "2016-0793T-JB"),  # industry plan numbers keep their own scheme
    ("T/CAS 115-2005", "", ""),
])
def test_plan_numbers_are_checked_for_national_standards_and_kept_for_others(identifier, given, stored):
    record, errors = clean(identifier, plan_number=given)
    assert errors == []
    assert record.plan_number == stored


@pytest.mark.parametrize(("identifier", "given", "expected"), [
    ("GB/T 19001-2016", "2014-1532", "不是国家标准计划号"),
    ("GB/T 19001-2016", "20140000-T-469", "不是国家标准计划号"),  # sequence starts at 0001
    ("GB 38031-2020", "20180412-T-339", "应含“-Q-”"),  # a mandatory standard's plan number has Q
    ("GB/T 19001-2016", 20141532, "应为文本"),
    ("JB/T 10001-2018", "x" * 41, "最多 40 个字符"),
])
def test_a_wrong_plan_number_says_what_is_expected(identifier, given, expected):
    record, errors = clean(identifier, plan_number=given)
    assert record is None
    assert [e.field for e in errors] == ["plan_number"]
    assert expected in errors[0].message


def test_plan_number_errors_are_translated():
    with translation.override("en"):
        _, errors = clean("GB 38031-2020", plan_number="20180412-T-339")
    assert "-Q-" in errors[0].message and "应" not in errors[0].message


# --- 国民经济行业分类 -------------------------------------------------------------------------------------------
def test_industry_classes_are_written_with_their_section_letter_whatever_the_input():
    record, errors = clean("GB 38031-2020", industry_classes=["C384", "384", "c 38", "C", 38, "D441", "C384"])
    assert errors == []
    assert record.industry_classes == ["C384", "C38", "C", "D441"]  # duplicates dropped, order kept
    record, errors = clean("GB 38031-2020", industry_classes="C384;F52")  # a spreadsheet cell
    assert (errors, record.industry_classes) == ([], ["C384", "F52"])


@pytest.mark.parametrize("code", ["A38", "C3841", "C999", "Z", "C38X", "", "3"])
def test_a_code_not_in_the_table_is_refused_with_examples(code):
    record, errors = clean("GB 38031-2020", industry_classes=[code])
    assert record is None
    assert [e.field for e in errors] == ["industry_classes"]
    assert "C383" in errors[0].message


def test_a_code_an_administrator_adds_to_the_table_is_accepted():
    IndustryClass.objects.create(code="C3841", name_zh="锂离子电池制造", level=4, parent_id="C384")
    record, errors = clean("GB 38031-2020", industry_classes=["3841"])
    assert (errors, record.industry_classes) == ([], ["C3841"])


# --- 备注 -------------------------------------------------------------------------------------------------------
def test_remarks_are_text_of_at_most_2000_characters():
    record, errors = clean("GB/T 19001-2016", remarks="  本标准自 2017-07-01 起代替 GB/T 19001-2008。 ")
    assert (errors, record.remarks) == ([], "本标准自 2017-07-01 起代替 GB/T 19001-2008。")
    _, errors = clean("GB/T 19001-2016", remarks="注" * 2001)
    assert [e.field for e in errors] == ["remarks"]
    _, errors = clean("GB/T 19001-2016", remarks=["a"])
    assert [e.field for e in errors] == ["remarks"]


def test_drafters_that_are_not_text_are_refused_in_the_readers_language():
    _, errors = clean("GB/T 19001-2016", drafters=["张三", 7])
    assert [e.field for e in errors] == ["drafters"]
    assert "文本" in errors[0].message


# --- import, export, edits --------------------------------------------------------------------------------------
@pytest.fixture
def fielded():
    make_standard("GB 38031-2020", title_zh="电动汽车用动力蓄电池安全要求", published_on="2020-05-12",
                  implemented_on="2021-01-01", plan_number="20180412-Q-339", industry_classes=["C384", "C36"],
                  drafting_units=["中国汽车技术研究中心有限公司"], drafters=["王芳"], remarks="替代 GB/T 31485-2015")
    make_standard("GB 44240-2024", title_zh="电能存储系统用锂蓄电池和电池组 安全要求", published_on="2024-07-24",
                  implemented_on="2025-08-01", drafting_units=["中国电子技术标准化研究院"], drafters=["孙潇"])
    make_standard("GB/T 36276-2023", title_zh="电力储能用锂离子电池", published_on="2023-12-28",
                  implemented_on="2024-07-01", plan_number="20213058-T-524", industry_classes=["D44"],
                  drafting_units=["中国电力科学研究院有限公司"], drafters=["李建林", "惠东"])


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "xlsx"])
def test_export_and_import_carry_the_new_fields(fmt, tmp_path, fielded):
    before = list(exporting.iter_records(Standard.objects.all()))
    path = tmp_path / f"out.{fmt}"
    call_command("catalog_export", "--format", fmt, "--out", str(path), "--no-progress", stderr=io.StringIO())
    wipe_catalogue()
    run_import(path, actor=SYSTEM)
    after = list(exporting.iter_records(Standard.objects.all()))
    key = lambda r: r["identifier"]  # noqa: E731
    assert sorted(after, key=key) == sorted(before, key=key)
    gb = next(r for r in after if r["identifier"] == "GB 38031-2020")
    assert (gb["plan_number"], gb["industry_classes"], gb["remarks"]) == (
        "20180412-Q-339", ["C384", "C36"], "替代 GB/T 31485-2015")
    # The administrators' export keeps the drafters the public one withholds.
    assert gb["drafters"] == ["王芳"]
    assert (gb["text_access"], gb["text_access_reason"]) == ("download", "mandatory")


def test_the_public_export_withholds_drafters_of_mandatory_standards_published_under_the_measures(client, fielded):
    response = client.get("/api/v1/catalog/export.jsonl")
    records = {r["identifier"]: r for r in map(json.loads, b"".join(response.streaming_content).splitlines())}
    assert records["GB 38031-2020"]["drafters"] == ["王芳"]  # published 2020-05-12, before the measures
    assert "drafters" not in records["GB 44240-2024"] and "drafting_units" not in records["GB 44240-2024"]
    assert records["GB/T 36276-2023"]["drafting_units"] == ["中国电力科学研究院有限公司"]
    assert records["GB/T 36276-2023"]["text_access"] == "preview"


def test_changing_a_new_field_records_an_event_with_the_value_before(fielded):
    standard = Standard.objects.get(identifier="GB/T 36276-2023")
    update_standard(actor=SYSTEM, standard=standard, changes={"industry_classes": ["D441", "C384"], "remarks": "新"},
                    expected_version=standard.version)
    event = StandardEvent.objects.filter(standard=standard, kind="updated").latest("id")
    assert event.data["before"] == {"industry_classes": ["D44"], "remarks": ""}
    standard.refresh_from_db()
    assert standard.industry_classes == ["D441", "C384"]
