"""The XLSX template: headings in Chinese and English, example rows the reader skips; downloaded, filled in and
uploaded, it declares what was filled in."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from biaozhun.core.upload_limits import Profile, read_limits
from biaozhun.declarations.bulk_format import DECLARATION_FIELDS, field_label, read_records
from biaozhun.declarations.models import Declaration, DeclarationImport, Product
from tests.declarations.import_files import xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client, enterprise_user, enterprise_profile, diesel_standards):
    client.force_login(enterprise_user)
    return client


def template(member) -> bytes:
    response = member.get(reverse("declarations:work_import_template"))
    assert response.status_code == 200 and 'filename="declarations-template.xlsx"' in response["Content-Disposition"]
    return response.content


def test_the_template_has_bilingual_headings_and_example_rows(member):
    book = load_workbook(io.BytesIO(template(member)))
    assert book.sheetnames[:2] == ["声明", "指标"]
    headings = [cell.value for cell in book["声明"][1]]
    assert headings[0] == "统一社会信用代码\nUSCC" and headings[5] == "标准号\nStandard number"
    assert len(headings) == len(DECLARATION_FIELDS)
    examples = list(book["声明"].iter_rows(min_row=2, values_only=True))
    assert examples and all(row[0].startswith("示例") for row in examples)
    assert book["声明"]["C3"].value == "-10号" and book["声明"]["C3"].quotePrefix  # kept as text
    assert read_records(io.BytesIO(template(member)), "t.xlsx", read_limits(Profile.UPLOAD))[0] == []


def test_a_downloaded_template_filled_in_and_uploaded_declares_what_was_filled_in(member, enterprise):
    book = load_workbook(io.BytesIO(template(member)))
    book["声明"].append(["", "柴油发动机油", "CK-4", "E-01", "", "GB 19147-2016"])
    book["声明"].append(["", "柴油发动机油", "CI-4", "", "本企业标准", "Q/CSQY 20-2025", "柴油发动机油"])
    book["指标"].append(["", "Q/CSQY 20-2025", "硫含量", "mg/kg", "不大于", None, 8, "", "SH/T 0689", "环境保护指标"])
    filled = io.BytesIO()
    book.save(filled)
    response = member.post(reverse("declarations:work_import", args=[enterprise.pk]),
                           {"file": SimpleUploadedFile("模板.xlsx", filled.getvalue())})
    job = DeclarationImport.objects.get()
    assert response.status_code == 302 and job.state == DeclarationImport.State.DONE, job.errors
    assert (job.total_rows, job.declared) == (2, 2)
    own = Declaration.objects.get(identifier="Q/CSQY 20-2025")
    assert list(own.indicators.values_list("name", "upper", "category")) == [("硫含量", 8, "environment")]
    assert sorted(Product.objects.values_list("name", "model")) == [("柴油发动机油", "CI-4"), ("柴油发动机油", "CK-4")]


def test_a_template_with_only_its_examples_is_refused_saying_where_to_write(member, enterprise):
    response = member.post(reverse("declarations:work_import", args=[enterprise.pk]),
                           {"file": SimpleUploadedFile("模板.xlsx", template(member))})
    assert response.status_code == 422
    assert "文件中没有声明行" in response.content.decode()
    assert not DeclarationImport.objects.exists()


def test_headings_in_english_alone_are_read_too(enterprise_profile, diesel_standards):
    content = xlsx([["", "车用柴油", "0号", "", "", "GB 19147-2016"]])
    book = load_workbook(io.BytesIO(content))
    for cell, (_key, _zh, en) in zip(book["声明"][1], DECLARATION_FIELDS, strict=True):
        cell.value = en.upper()
    english = io.BytesIO()
    book.save(english)
    records, _kind = read_records(io.BytesIO(english.getvalue()), "f.xlsx", read_limits(Profile.UPLOAD))
    assert [(r.product_name, r.product_model, r.identifier) for r in records] == [("车用柴油", "0号", "GB 19147-2016")]


def test_problem_fields_are_named_as_the_file_names_them():
    assert field_label("identifier") == "标准号"
    assert field_label("indicators[2].upper") == "指标第 2 行 · 上限"
    assert field_label("nonsense") == "nonsense"
