"""Import: every problem reported by line and field, nothing written on error, reruns change nothing."""

import csv
import json

import pytest
from django.utils import translation
from openpyxl import Workbook

from biaozhun.catalog.importing import ImportRejected, run_import
from biaozhun.catalog.models import ImportJob, Standard, StandardEvent
from biaozhun.core.actors import SYSTEM

pytestmark = pytest.mark.django_db

GOOD = [
    {"identifier": "GB/T 19001-2016/ISO 9001:2015", "title_zh": "质量管理体系 要求", "ccs": "A00", "ics": ["03.120.10"],
     "published_on": "2016-12-30", "implemented_on": "2017-07-01", "replaces": ["GB/T 19001-2008"]},
    {"identifier": "GB/T 19001-2008", "title_zh": "质量管理体系 要求", "published_on": "2008-10-29", "implemented_on": "2009-03-01"},
    {"identifier": "ISO 9001:2015", "title_en": "Quality management systems — Requirements"},
    {"identifier": "DB33/T 1303-2023", "title_zh": "数字乡村建设规范", "published_on": "2023-03-01", "implemented_on": "2023-04-01"},
    {"identifier": "T/CAS 115-2005", "title_zh": "测试团体标准"},
]


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_jsonl_import_creates_every_record_and_links_them(tmp_path):
    job = run_import(write_jsonl(tmp_path / "a.jsonl", GOOD), actor=SYSTEM)
    assert (job.state, job.total_records, job.created) == ("done", 5, 5)
    old = Standard.objects.get(identifier="GB/T 19001-2008")
    assert old.status == "replaced"
    assert Standard.objects.get(identifier="GB/T 19001-2016/ISO 9001:2015").relations_out.get(kind="adopts").target.identifier == "ISO 9001:2015"


def test_rerun_of_the_same_file_changes_nothing(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", GOOD)
    run_import(path, actor=SYSTEM)
    events_before = StandardEvent.objects.count()
    job = run_import(path, actor=SYSTEM)
    assert (job.created, job.updated, job.unchanged) == (0, 0, 5)
    assert Standard.objects.count() == 5
    assert StandardEvent.objects.count() == events_before


def test_changed_file_updates_in_place(tmp_path):
    run_import(write_jsonl(tmp_path / "a.jsonl", GOOD), actor=SYSTEM)
    changed = [dict(GOOD[3], title_zh="数字乡村建设规范（修订）")] + GOOD[:3]
    job = run_import(write_jsonl(tmp_path / "b.jsonl", changed), actor=SYSTEM)
    assert (job.created, job.updated, job.unchanged) == (0, 1, 3)
    assert Standard.objects.get(identifier="DB33/T 1303-2023").title_zh == "数字乡村建设规范（修订）"


def test_every_problem_is_reported_by_line_and_field_and_nothing_is_written(tmp_path):
    lines = [
        json.dumps(GOOD[0], ensure_ascii=False),
        json.dumps({"identifier": "GB/T 19002-2016", "title_zh": "正常"}, ensure_ascii=False),
        "{not json",
        json.dumps({"identifier": "XX/T 1-2020", "title_zh": "未知行业"}, ensure_ascii=False),
        json.dumps({"identifier": "GB/T 2-2020", "title_zh": "日期", "implemented_on": "2020-13-01", "colour": "red"}),
        json.dumps(GOOD[0] | {"title_zh": "质量管理体系 基础和术语"}, ensure_ascii=False),  # conflicts with line 1
    ]
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as caught:
        run_import(path, actor=SYSTEM)
    found = {(e["line"], e["field"]) for e in caught.value.errors}
    assert (3, "(line)") in found
    assert (4, "identifier") in found
    assert (5, "implemented_on") in found
    assert (5, "colour") in found
    assert (1, "title_zh") in found and (6, "title_zh") in found  # the same edition with two titles
    messages = {(e["line"], e["field"]): e["message"] for e in caught.value.errors}
    assert "第 1 行" in messages[6, "title_zh"] and "第 6 行" in messages[6, "title_zh"]
    assert "YYYY-MM-DD" in messages[5, "implemented_on"]
    assert messages[4, "identifier"] == "“XX/T 1-2020”不是有效的标准号：第 1 个字符处的行业标准代号“XX”不存在，请核对代号"
    assert caught.value.message == "发现 6 处问题，未导入任何记录。请逐条改正后重新导入。"
    assert not Standard.objects.exists()
    assert ImportJob.objects.get().state == "rejected"


def test_import_problems_are_reported_in_the_operators_language(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join([
        json.dumps({"identifier": "GB/T 19001-20", "title_zh": "年代号不全"}, ensure_ascii=False),
        json.dumps({"identifier": "GB/T 3-2020", "title_zh": "甲", "published_on": "2020-05-01",
                    "implemented_on": "2020-01-01"}, ensure_ascii=False),
        "[1, 2]",
        json.dumps({"identifier": "GB/T 2-2020", "title_zh": "乙"}, ensure_ascii=False),
        json.dumps({"identifier": "GB/T 2-2020", "title_zh": "丙"}, ensure_ascii=False),
    ]) + "\n", encoding="utf-8")
    with translation.override("en"), pytest.raises(ImportRejected) as caught:
        run_import(path, actor=SYSTEM)
    messages = [(e["line"], e["field"], e["message"]) for e in caught.value.errors]
    assert messages == [
        (1, "identifier", "“GB/T 19001-20” is not a valid standard number: at character 12: expected a year "
                          "(e.g. 2016; two-digit years only for 1950-1999), found “20”"),
        (2, "implemented_on", "the implementation date 2020-01-01 is before the publication date 2020-05-01; "
                              "check the dates"),
        (3, "(line)", "each line must be one JSON object ({…}); found: list"),
        (4, "title_zh", "line 4 has “乙”, line 5 has “丙”: two records of the same edition disagree; correct one "
                        "of them or delete one"),
        (5, "title_zh", "line 4 has “乙”, line 5 has “丙”: two records of the same edition disagree; correct one "
                        "of them or delete one"),
    ]
    assert caught.value.message.startswith("Problems found: 5; nothing was imported.")


def test_csv_import_reads_lists_and_adoptions(tmp_path):
    path = tmp_path / "a.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["identifier", "title_zh", "ics", "adopts", "published_on", "implemented_on"])
        writer.writerow(["GB/T 24001-2016", "环境管理体系 要求及使用指南", "13.020.10;03.100.70", "ISO 14001:2015 IDT", "2016-10-13", "2017-05-01"])
    run_import(path, actor=SYSTEM)
    standard = Standard.objects.get()
    assert standard.ics_codes == ["13.020.10", "03.100.70"]
    assert standard.relations_out.get().degree == "IDT"


def test_csv_errors_name_the_physical_line(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("identifier,title_zh\nGB/T 1-2020,甲\nGB/T ABC,乙\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as caught:
        run_import(path, actor=SYSTEM)
    assert [(e["line"], e["field"]) for e in caught.value.errors] == [(3, "identifier")]


def test_csv_with_an_unknown_column_is_rejected_at_the_header(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("identifier,titel\nGB/T 1-2020,甲\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as caught:
        run_import(path, actor=SYSTEM)
    assert caught.value.errors[0]["line"] == 1
    assert "titel" in caught.value.errors[0]["message"]


def test_xlsx_import(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["identifier", "title_zh", "published_on", "implemented_on"])
    sheet.append(["DB11/T 1234-2019", "北京地方标准", "2019-01-01", "2019-04-01"])
    sheet.append(["Q/ABC 001-2021", "企业标准", None, None])
    path = tmp_path / "a.xlsx"
    workbook.save(path)
    job = run_import(path, actor=SYSTEM)
    assert job.created == 2
    assert set(Standard.objects.values_list("tier", flat=True)) == {"local", "enterprise"}


def test_import_requires_permission(tmp_path, registered_user):
    from biaozhun.core.errors import PermissionDeniedError

    with pytest.raises(PermissionDeniedError):
        run_import(write_jsonl(tmp_path / "a.jsonl", GOOD), actor=registered_user)
    assert not Standard.objects.exists()
