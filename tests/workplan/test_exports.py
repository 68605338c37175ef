"""The year-end summary as XLSX (read back with openpyxl) and PDF (read back with pypdf): items, units, states,
the figures by part and by unit, and formula-like text kept as text."""

import io
from datetime import date

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from biaozhun.core.actors import SYSTEM
from biaozhun.workplan.services.tasks import report_progress

pytestmark = pytest.mark.django_db
TODAY = "2019-08-01 10:00:00+08:00"


@pytest.fixture
def reported(ministry_task, group_task):
    report_progress(actor=SYSTEM, task=ministry_task, percent=100, text="=HYPERLINK(\"http://x\")", on=date(2019, 7, 1),
                    to="done")
    return ministry_task.plan


@time_machine.travel(TODAY, tick=False)
def test_the_xlsx_summary_lists_every_item_and_the_figures(client, reviewer_user, reported, ministry, bureau):
    client.force_login(reviewer_user)
    answer = client.get(reverse("workplan:summary_xlsx", args=[2019]))
    assert answer.status_code == 200
    assert answer["Cache-Control"] == "private, no-store"
    book = load_workbook(io.BytesIO(answer.content))
    assert book.sheetnames == ["工作任务", "按部分统计", "按单位统计"]
    items = list(book["工作任务"].values)
    assert items[0][:3] == ("编号", "部分", "工作内容") and len(items) == 124
    first, second = items[1], items[2]
    assert first[0] == "1" and first[3] == ministry.name and first[6] == "已完成" and first[7] == 100
    assert first[9] == "=HYPERLINK(\"http://x\")" and book["工作任务"]["J2"].data_type == "s"  # text, not a formula
    assert second[4] == bureau.name and second[5] == "2019-06-30" and second[8] == "是"  # overdue on 1 August
    parts = list(book["按部分统计"].values)
    assert parts[1][0].startswith("一、深化标准化工作改革") and parts[1][1:3] == (25, 1)
    assert parts[-1][:3] == ("合计", 123, 1)
    units = {row[0]: row[1:3] for row in list(book["按单位统计"].values)[1:]}
    assert units[ministry.name] == (1, 1) and units["尚未分工"] == (121, 0)


@time_machine.travel(TODAY, tick=False)
def test_the_pdf_summary_has_the_title_figures_and_items(client, reviewer_user, reported, ministry):
    client.force_login(reviewer_user)
    answer = client.get(reverse("workplan:summary_pdf", args=[2019]))
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(answer.content))
    text = "".join(page.extract_text() for page in reader.pages).replace(" ", "")
    assert "2019年全国标准化工作要点落实情况汇总" in text
    assert "截至2019-08-01" in text
    assert "按部分统计" in text and "按单位统计" in text
    assert ministry.name in text
    assert "扎实做好会议筹备工作" in text  # item 96 is in the items' table
    assert len(reader.pages) >= 3
