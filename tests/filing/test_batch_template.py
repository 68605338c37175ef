"""The batch template XLSX: Chinese labels with the field names, one example row, text that stays text, and the
reader taking its own template back."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from biaozhun.filing.batch_format import EXAMPLE, FIELDS, TEMPLATE_FIELDS, field_of_header, template_xlsx
from biaozhun.filing.services.batch_files import limits, read_rows


def first_sheet(content: bytes):
    return load_workbook(io.BytesIO(content)).worksheets[0]


def test_the_headers_carry_the_chinese_label_and_the_field_name():
    header = [cell.value for cell in first_sheet(template_xlsx())[1]]
    assert header[0] == "标准号（identifier）"
    assert "批准发布部门（approved_by）" in header and "标准文本文件名（text_file）" in header
    assert [field_of_header(cell) for cell in header] == list(TEMPLATE_FIELDS)


def test_the_example_row_is_a_complete_filing():
    sheet = first_sheet(template_xlsx())
    example = dict(zip(TEMPLATE_FIELDS, [cell.value for cell in sheet[2]], strict=True))
    assert example["identifier"] == EXAMPLE["identifier"] and example["text_file"].endswith(".pdf")
    assert example["published_on"].date() == EXAMPLE["published_on"]  # a real date cell


def test_the_notes_sheet_explains_every_field():
    notes = load_workbook(io.BytesIO(template_xlsx())).worksheets[1]
    assert [row[0] for row in notes.iter_rows(min_row=2, values_only=True)] == list(FIELDS)


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://evil.example\",\"点击\")", "+1+1", "-2+3", "@SUM(A1)"])
def test_a_formula_looking_cell_stays_text(text):
    sheet = first_sheet(template_xlsx({**EXAMPLE, "remarks": text}))
    cell = sheet.cell(row=2, column=TEMPLATE_FIELDS.index("remarks") + 1)
    assert cell.data_type == "s" and cell.value == text  # a string, never a formula


@pytest.mark.django_db
def test_the_reader_takes_its_own_template_back():
    rows = list(read_rows(io.BytesIO(template_xlsx()), "xlsx", limits()))
    assert len(rows) == 1
    line, raw = rows[0]
    assert line == "2"
    assert raw["identifier"] == "DB32/T 4321-2023" and raw["notice_date"] == "2023-05-10"
    assert raw["drafters"] == ["张明", "李华"] and raw["ics"] == ["43.120"]


def test_headers_are_read_as_field_names_labels_or_both():
    assert field_of_header("identifier") == "identifier"
    assert field_of_header("标准号") == "identifier"
    assert field_of_header("Standard number (identifier)") == "identifier"
    assert field_of_header("  公告日期（notice_date） ") == "notice_date"
    assert field_of_header("颜色") is None and field_of_header(None) == ""
