"""Bulk declaration: every row validated by line and field, all-or-nothing by default, --skip-invalid writes the
rest and a rejects file that imports again once corrected, reruns resume after committed batches."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from biaozhun.core.actors import SYSTEM
from biaozhun.core.upload_limits import Profile, read_limits
from biaozhun.declarations.bulk_format import TEMPLATE_HEADINGS, read_records
from biaozhun.declarations.models import Declaration, DeclarationImport, DeclarationVersion, Product
from biaozhun.declarations.services.bulk import import_declarations

pytestmark = pytest.mark.django_db


def jsonl(rows) -> bytes:
    return ("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n").encode()


def rows_for(enterprise, n: int = 3) -> list[dict]:
    rows = [{"uscc": enterprise.uscc, "product": {"name": "车用柴油", "model": f"{k}号"}, "identifier": "GB 19147-2016"}
            for k in range(n)]
    rows.append({"uscc": enterprise.uscc, "product": {"name": "车用柴油", "model": "0号"}, "identifier": "Q/CSQY 7-2025",
                 "title": "车用柴油", "indicators": [{"name": "硫含量", "unit": "mg/kg", "comparator": "≤", "upper": 50}]})
    return rows


def run(content: bytes, *, name="f.jsonl", **kwargs) -> DeclarationImport:
    records, kind = read_records(io.BytesIO(content), name, read_limits(Profile.IMPORT))
    return import_declarations(actor=SYSTEM, records=records, source_name=name, sha256=str(hash(content)),
                               file_format=kind, **kwargs)


def test_rows_of_one_standard_make_one_declaration_with_all_their_products(enterprise_profile, diesel_standards):
    job = run(jsonl(rows_for(enterprise_profile.organisation)))
    assert job.state == DeclarationImport.State.DONE and job.declared == 2 and job.committed_rows == 4
    national = Declaration.objects.get(identifier="GB 19147-2016")
    assert national.products.count() == 3
    own = Declaration.objects.get(identifier="Q/CSQY 7-2025")
    assert [c["code"] for c in own.checks] == ["below_mandatory"]
    assert DeclarationVersion.objects.count() == 2 and Product.objects.count() == 3


def test_any_invalid_row_refuses_the_file_naming_line_and_field(enterprise_profile, diesel_standards):
    rows = rows_for(enterprise_profile.organisation)
    rows[1]["identifier"] = "GB 19147-2009"
    rows.insert(2, {"uscc": enterprise_profile.organisation.uscc, "identifier": "GB 19147-2016"})
    job = run(jsonl(rows) + b"not json\n")
    assert job.state == DeclarationImport.State.REJECTED
    found = {(e["line"], e["field"]) for e in job.errors}
    assert {(2, "identifier"), (3, "product_name"), (6, "")} <= found
    assert any("GB 19147-2009" in e["message"] for e in job.errors)
    assert not Declaration.objects.exists() and not Product.objects.exists()


def test_skip_invalid_writes_the_rest_and_the_rejects_import_again_once_corrected(enterprise_profile, diesel_standards):
    rows = rows_for(enterprise_profile.organisation)
    rows[3]["identifier"] = "Q/OTHER 7-2025"
    job = run(jsonl(rows), skip_invalid=True)
    assert job.state == DeclarationImport.State.DONE and job.declared == 1 and job.rejected_rows == 1
    rejects = [json.loads(line) for line in job.rejects_file.read().decode().splitlines()]
    assert rejects[0]["line"] == 4 and rejects[0]["errors"][0]["field"] == "identifier"
    rejects[0]["identifier"] = "Q/CSQY 7-2025"
    again = run(jsonl(rejects))
    assert again.declared == 1 and Declaration.objects.count() == 2


def test_a_rerun_of_an_interrupted_file_resumes_after_the_committed_batches(enterprise_profile, diesel_standards,
                                                                            monkeypatch):
    from biaozhun.declarations.services import bulk

    enterprise = enterprise_profile.organisation
    rows = [{"uscc": enterprise.uscc, "product": {"name": f"产品{k}"}, "identifier": f"Q/CSQY {k}-2025",
             "title": "企业标准", "indicators": [{"name": "长度", "unit": "mm", "comparator": "eq", "lower": 1}]}
            for k in range(6)]
    content = jsonl(rows)
    original = bulk._write_batch
    calls = []

    def failing(*args):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("power cut")
        return original(*args)

    monkeypatch.setattr(bulk, "_write_batch", failing)
    with pytest.raises(RuntimeError):
        run(content, batch_rows=2)
    assert Declaration.objects.count() == 2
    monkeypatch.setattr(bulk, "_write_batch", original)
    job = run(content, batch_rows=2)
    assert job.state == DeclarationImport.State.DONE and job.committed_rows == 6
    assert Declaration.objects.count() == 6 and DeclarationImport.objects.count() == 1


def test_an_xlsx_in_the_template_layout_is_read_with_its_indicator_sheet(enterprise_profile, diesel_standards):
    book = Workbook()
    sheet = book.active
    sheet.append(TEMPLATE_HEADINGS[0])
    sheet.append([enterprise_profile.organisation.uscc, "车用柴油", "0号", "", "", "Q/CSQY 9-2025", "车用柴油", ""])
    indicators = book.create_sheet("指标")
    indicators.append(TEMPLATE_HEADINGS[1])
    indicators.append([enterprise_profile.organisation.uscc, "Q/CSQY 9-2025", "硫含量", "mg/kg", "不大于", None, 8, "",
                       "SH/T 0689", "环境保护指标"])
    buffer = io.BytesIO()
    book.save(buffer)
    job = run(buffer.getvalue(), name="f.xlsx")
    assert job.state == DeclarationImport.State.DONE, job.errors
    indicator = Declaration.objects.get().indicators.get()
    assert (indicator.upper, indicator.category, indicator.test_method) == (8, "environment", "SH/T 0689")


def test_the_command_refuses_an_invalid_file_and_imports_a_valid_one(enterprise_profile, diesel_standards, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(jsonl([{"uscc": "91320100000000000X", "product": {"name": "x"}, "identifier": "GB 19147-2016"}]))
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("declarations_import", str(bad))
    good = tmp_path / "good.jsonl"
    good.write_bytes(jsonl(rows_for(enterprise_profile.organisation)))
    out = io.StringIO()
    call_command("declarations_import", str(good), stdout=out)
    assert "2 declarations written" in out.getvalue()
