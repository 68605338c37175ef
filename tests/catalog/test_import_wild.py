"""Real-world files: the same edition twice, classifications spelled as people write them, skipping invalid
records into a rejects file of the same format that imports again once fixed, and the back office's import."""

import csv
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from biaozhun.catalog.classification_spelling import read_ccs, read_ics
from biaozhun.catalog.importing import ImportRejected, run_import
from biaozhun.catalog.models import ImportJob, Standard
from biaozhun.core.actors import SYSTEM

pytestmark = pytest.mark.django_db


def rec(number, **extra):
    return {"identifier": number, "title_zh": f"标准{number}", **extra}


def write_jsonl(path, lines):
    path.write_text("".join((x if isinstance(x, str) else json.dumps(x, ensure_ascii=False)) + "\n" for x in lines),
                    encoding="utf-8")
    return path


# --- duplicates ---------------------------------------------------------------------------------------------
def test_identical_records_of_one_edition_are_one(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [rec("GB/T 1-2020", ccs="A00"), rec("GB/T 2-2020"),
                                              rec("GB/T 1—2020", ccs="A00", title_zh="标准GB/T 1-2020")])  # another dash
    job = run_import(path, actor=SYSTEM)
    assert (job.state, job.total_records, job.created, job.folded_records) == ("done", 3, 2, 1)
    assert Standard.objects.count() == 2


def test_differing_records_merge_where_they_do_not_conflict(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [
        rec("GB/T 19001-2016", published_on="2016-12-30", ics=["03.120.10"]),
        rec("GB/T 3-2020"),
        rec("GB/T 19001-2016/ISO 9001:2015", title_zh="标准GB/T 19001-2016", implemented_on="2017-07-01",
            ics=["03.120.10", "03.120.20"], drafting_units=["中国标准化研究院"]),
    ])
    job = run_import(path, actor=SYSTEM)
    assert (job.created, job.folded_records, job.rejected_records) == (2, 1, 0)
    merged = Standard.objects.get(edition="GB/T 19001-2016")
    assert merged.identifier == "GB/T 19001-2016/ISO 9001:2015"  # the double number names the adoption too
    assert (str(merged.published_on), str(merged.implemented_on)) == ("2016-12-30", "2017-07-01")
    assert merged.ics_codes == ["03.120.10", "03.120.20"]
    assert merged.drafting_units == ["中国标准化研究院"]


def test_a_real_conflict_names_both_lines_and_refuses_the_file(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [rec("GB/T 5-2020", published_on="2020-03-01"), rec("GB/T 6-2020"),
                                              rec("GB/T 5-2020", published_on="2020-04-01")])
    with pytest.raises(ImportRejected) as caught:
        run_import(path, actor=SYSTEM)
    errors = caught.value.errors
    assert [(e["line"], e["field"]) for e in errors] == [(1, "published_on"), (3, "published_on")]
    assert "第 1 行为“2020-03-01”，第 3 行为“2020-04-01”" in errors[0]["message"]
    assert not Standard.objects.exists()


# --- classifications ----------------------------------------------------------------------------------------
CCS = {"A00", "A10", "A14", "J04", "Z05"}


@pytest.mark.parametrize(("text", "code", "ics"), [
    ("A14", "A14", ()), ("a14", "A14", ()), ("A 14", "A14", ()), ("Ａ１４", "A14", ()), ("A1 4", "A14", ()),
    ("A 综合-A10/19 基础标准-A14 图书馆、档案、文献与情报工作", "A14", ()),
    ("A14；03.120.10", "A14", ("03.120.10",)), ("A14/03.120.10", "A14", ("03.120.10",)),
    ("CCS A14 ICS 03_120_10", "A14", ("03.120.10",)),
])
def test_ccs_spellings_read_as_the_code_in_the_table(text, code, ics):
    reading = read_ccs(text, CCS)
    assert (reading.code, reading.ics) == (code, ics)


def test_ccs_with_two_table_codes_is_ambiguous_and_an_unknown_one_is_named():
    assert read_ccs("A14；J04", CCS).ambiguous == ("A14", "J04")
    assert read_ccs("A 99", CCS).unknown == ("A99",)
    assert read_ccs("A10/19", CCS).code is None  # a range of the classification is no code


def test_ics_spellings():
    assert read_ics(["03_120_10", "ICS 13.020", "０３．１２０．２０；03.120.10", "91.140.90、91.140.30"]) == [
        "03.120.10", "13.020", "03.120.20", "91.140.90", "91.140.30"]


def test_the_event_keeps_what_was_written_for_a_normalised_classification(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [
        rec("GB/T 7-2020", ccs="A 综合-A10/19 基础标准-A14 图书馆", ics="03_120_10"),
        rec("GB/T 8-2020", ccs="A14；03.120.10"),
        rec("GB/T 9-2020", ccs="A14", ics=["03.120.10"]),
    ])
    run_import(path, actor=SYSTEM)
    first = Standard.objects.get(identifier="GB/T 7-2020")
    assert (first.ccs_id, first.ics_codes) == ("A14", ["03.120.10"])
    assert first.events.get(kind="created").data["written"] == {"ccs": "A 综合-A10/19 基础标准-A14 图书馆",
                                                                 "ics": "03_120_10"}
    second = Standard.objects.get(identifier="GB/T 8-2020")
    assert (second.ccs_id, second.ics_codes) == ("A14", ["03.120.10"])
    assert "written" not in Standard.objects.get(identifier="GB/T 9-2020").events.get(kind="created").data


# --- skip invalid and the rejects file ----------------------------------------------------------------------
MESSY = [rec("GB/T 10-2020"), "{not json", rec("GB/T 11-20"), rec("GB/T -2006"), rec("GB/T 12-2020", ccs="A99"),
         rec("GB/T 10-2020"), rec("GB/T 13-2020", published_on="2020-01-01"),
         rec("GB/T 13-2020", published_on="2020-02-01"), rec("DB1331/T 025.1-2022")]


def test_skip_invalid_imports_the_valid_and_writes_the_refused_with_reasons(tmp_path):
    path = write_jsonl(tmp_path / "messy.jsonl", MESSY)
    with pytest.raises(ImportRejected):
        run_import(path, actor=SYSTEM)  # the default stays all-or-nothing
    assert not Standard.objects.exists()
    rejects = tmp_path / "out.jsonl"
    job = run_import(path, actor=SYSTEM, skip_invalid=True, rejects_to=rejects)
    assert (job.state, job.total_records, job.created, job.folded_records, job.rejected_records) == (
        "done", 9, 2, 1, 6)
    assert set(Standard.objects.values_list("identifier", flat=True)) == {"GB/T 10-2020", "DB1331/T 025.1-2022"}
    refused = [json.loads(line) for line in rejects.read_text(encoding="utf-8").splitlines()]
    assert [r["reject_line"] for r in refused] == [2, 3, 4, 5, 7, 8]
    assert refused[0] == {"reject_text": "{not json", "reject_line": 2, "reject_reasons": refused[0]["reject_reasons"]}
    assert refused[2]["identifier"] == "GB/T -2006" and "缺少标准顺序号" in refused[2]["reject_reasons"][0]
    assert refused[4]["reject_reasons"][0].startswith("published_on: 第 7 行为“2020-01-01”，第 8 行为“2020-02-01”")

    # Fix the records and import the rejects file as it is: the added fields are ignored.
    fixed = [r for r in refused if "reject_text" not in r and r["identifier"] != "GB/T 13-2020"]
    fixed[0]["identifier"], fixed[1]["identifier"], fixed[2]["ccs"] = "GB/T 11-2020", "GB/T 2006-2006", "A00"
    fixed.append(refused[4])
    job = run_import(write_jsonl(tmp_path / "fixed.jsonl", fixed), actor=SYSTEM)
    assert (job.state, job.created) == ("done", 4)


def test_csv_rejects_keep_the_columns_and_reimport(tmp_path):
    path = tmp_path / "messy.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["identifier", "title_zh", "ccs", "ics"])
        writer.writerow(["GB/T 20-2020", "好", "A 00", "03_120_10"])
        writer.writerow(["GB/T -2006", "坏", "", ""])
        writer.writerow(["T/XYZ AB12-003.2—2024", "团体", "", ""])
        writer.writerow(["GB/T 1234.1~7-2005", "=HYPERLINK(\"x\")", "", ""])
    job = run_import(path, actor=SYSTEM, skip_invalid=True)
    assert (job.created, job.rejected_records) == (2, 2)
    rejects = tmp_path / "messy.rejects.csv"
    with open(rejects, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["identifier", "title_zh", "ccs", "ics", "reject_line", "reject_reasons"]
    assert [row[4] for row in rows[1:]] == ["3", "5"]
    assert rows[2][1] == "'=HYPERLINK(\"x\")"  # written through the safe writer
    assert "GB/T 1234.1-2005" in rows[2][5] and "GB/T 1234.7-2005" in rows[2][5]
    with pytest.raises(ImportRejected) as caught:  # unfixed, the rejects file is refused for the same reasons only
        run_import(rejects, actor=SYSTEM)
    assert {e["field"] for e in caught.value.errors} == {"identifier"}


def test_xlsx_rejects_file_has_the_input_format(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["identifier", "title_zh"])
    sheet.append(["DB3712/T 001-2010", "莱芜市地方标准"])
    sheet.append(["DB3799/T 001-2010", "不存在的地市"])
    path = tmp_path / "messy.xlsx"
    book.save(path)
    job = run_import(path, actor=SYSTEM, skip_invalid=True)
    assert (job.created, job.rejected_records) == (1, 1)
    rows = list(load_workbook(tmp_path / "messy.rejects.xlsx").active.values)
    assert rows[0] == ("identifier", "title_zh", "reject_line", "reject_reasons")
    assert rows[1][:3] == ("DB3799/T 001-2010", "不存在的地市", "3") and "3799" in rows[1][3]


def test_the_command_reports_what_was_left_out(tmp_path, capsys):
    path = write_jsonl(tmp_path / "messy.jsonl", MESSY)
    call_command("catalog_import", str(path), "--skip-invalid", "--no-progress")
    out = capsys.readouterr().out
    assert "9 records: 2 created" in out and "1 repeated an edition" in out
    assert f"6 records refused, written with their reasons to {tmp_path / 'messy.rejects.jsonl'}" in out


def test_a_resumed_skip_invalid_job_skips_the_same_records(tmp_path, monkeypatch):
    path = write_jsonl(tmp_path / "messy.jsonl", MESSY)
    from biaozhun.catalog.importing import jobs

    class Killed(Exception):
        pass

    calls = []
    real = jobs._commit

    def stop_after_first(job, batch, actor, today, source):
        if calls:
            raise Killed
        calls.append(1)
        real(job, batch, actor, today, source)

    monkeypatch.setattr(jobs, "_commit", stop_after_first)
    with pytest.raises(Killed):
        run_import(path, actor=SYSTEM, skip_invalid=True, batch_size=1)
    monkeypatch.setattr(jobs, "_commit", real)
    job = run_import(path, actor=SYSTEM, batch_size=1)  # resumed: keeps skip_invalid
    assert (job.state, job.committed_records, Standard.objects.count()) == ("done", 2, 2)
    assert ImportJob.objects.count() == 1


# --- the back office ----------------------------------------------------------------------------------------
def test_the_admin_imports_skipping_invalid_records_and_hands_out_the_rejects_privately(client, admin_user, tmp_path):
    client.force_login(admin_user)
    assert client.get(reverse("admin:catalog_importjob_changelist")).status_code == 200
    path = write_jsonl(tmp_path / "messy.jsonl", MESSY)
    with open(path, "rb") as handle:
        refused = client.post(reverse("admin:catalog_importjob_upload"), {"file": handle})
    assert refused.status_code == 200 and "发现" in refused.content.decode()
    assert not Standard.objects.exists()
    with open(path, "rb") as handle:
        response = client.post(reverse("admin:catalog_importjob_upload"), {"file": handle, "skip_invalid": "on"})
    job = ImportJob.objects.get(state="done")
    assert response.status_code == 302 and response["Location"].endswith(f"/{job.pk}/change/")
    assert (job.created, job.rejected_records) == (2, 6)
    assert job.rejects_file.name.startswith("import_rejects/")
    download = client.get(reverse("admin:catalog_importjob_rejects", args=[job.pk]))
    assert download.status_code == 200
    assert "no-store" in download["Cache-Control"]
    assert 'filename="messy.rejects.jsonl"' in download["Content-Disposition"]
    body = b"".join(download.streaming_content).decode()
    assert len(body.splitlines()) == 6
    page = client.get(reverse("admin:catalog_importjob_change", args=[job.pk])).content.decode()
    assert "messy.rejects.jsonl" in page


def test_only_administrators_may_import_or_download_rejects(client, registered_user, tmp_path):
    job = ImportJob.objects.create(source_name="x.jsonl", sha256="0" * 64, file_format="jsonl")
    client.force_login(registered_user)
    for url in (reverse("admin:catalog_importjob_upload"), reverse("admin:catalog_importjob_rejects", args=[job.pk])):
        response = client.get(url)
        assert response.status_code in (302, 403)
