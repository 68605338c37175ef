"""Export writes what import reads: a round trip reproduces every record."""

import io
import json

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from biaozhun.catalog import exporting
from biaozhun.catalog.importing import run_import
from biaozhun.catalog.models import Standard
from biaozhun.core.actors import SYSTEM
from tests.fixtures.catalog import make_standard, wipe_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    make_standard("GB/T 19001-2008", published_on="2008-10-29", implemented_on="2009-03-01")
    make_standard("GB/T 19001-2016", replaces=["GB/T 19001-2008"], adopts=[{"identifier": "ISO 9001:2015", "degree": "IDT"}],
                  references=["GB/T 19000"], amendments=[{"number": 1, "published_on": "2020-01-01", "summary": "修改 4.1"}],
                  issued_by=["国家市场监督管理总局", "国家标准化管理委员会"])
    make_standard("T/CAS 115-2005", ics=[], ccs=None, replaces=[{"identifier": "T/CAS 115-2001", "partial": True}])


def _export(fmt, tmp_path):
    path = tmp_path / f"out.{fmt}"
    call_command("catalog_export", "--format", fmt, "--out", str(path), "--no-progress", stderr=io.StringIO())
    return path


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "xlsx"])
def test_round_trip_reproduces_every_record(fmt, tmp_path, catalogue):
    before = list(exporting.iter_records(Standard.objects.all()))
    path = _export(fmt, tmp_path)
    wipe_catalogue()
    job = run_import(path, actor=SYSTEM)
    assert job.created == 3
    assert list(exporting.iter_records(Standard.objects.all())) == before


def test_reimporting_an_export_changes_nothing(tmp_path, catalogue):
    job = run_import(_export("jsonl", tmp_path), actor=SYSTEM)
    assert (job.created, job.updated, job.unchanged) == (0, 0, 3)


def test_jsonl_lines_follow_the_documented_schema(tmp_path, catalogue):
    lines = _export("jsonl", tmp_path).read_text(encoding="utf-8").splitlines()
    record = next(json.loads(line) for line in lines if json.loads(line)["identifier"] == "GB/T 19001-2016")
    assert record["replaces"] == ["GB/T 19001-2008"]
    assert record["adopts"] == [{"identifier": "ISO 9001:2015", "degree": "IDT"}]
    assert record["status"] == "current"


def test_xlsx_has_a_header_row(tmp_path, catalogue):
    sheet = load_workbook(_export("xlsx", tmp_path), read_only=True).worksheets[0]
    header = next(sheet.iter_rows(values_only=True))
    assert header[:2] == ("identifier", "title_zh")


def test_a_title_that_looks_like_a_formula_is_text_in_csv_and_xlsx_and_round_trips(tmp_path):
    make_standard("GB/T 2-2020", title_zh="=HYPERLINK(\"http://evil.example\",\"点击\")", title_en="-1+1")
    for fmt in ("csv", "xlsx"):
        path = _export(fmt, tmp_path)
        if fmt == "csv":
            assert "'=HYPERLINK" in path.read_text(encoding="utf-8")
        else:
            row = next(load_workbook(path).worksheets[0].iter_rows(min_row=2))
            assert row[1].data_type == "s" and row[1].value.startswith("=HYPERLINK")
        before = list(exporting.iter_records(Standard.objects.all()))
        wipe_catalogue()
        run_import(path, actor=SYSTEM)
        assert list(exporting.iter_records(Standard.objects.all())) == before
