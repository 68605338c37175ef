"""The annual report (年报): built from the year's records with the finalised assessment's figures, written as XLSX
(opened with openpyxl) and PDF (its Chinese text extracted), downloadable by the committee's secretariat and the
administration only, each download audited; and its data through the API."""

import io

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from biaozhun.assessments import annual_report, exports
from biaozhun.assessments.services import (
    compute_assessment,
    decide_on_assessment,
    finalise_assessment,
    score_assessment,
)
from biaozhun.audit.models import AuditKind, AuditRecord
from biaozhun.core.pdf import PDF
from tests.factories.committees import CommitteeFactory

from . import scenario
from .conftest import YEAR, finalised

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported_year(admin_user):
    """SAC/TC 28's 2025 as the scenario builds it, finalised, with a decision to suspend it."""
    committee = CommitteeFactory(code="SAC/TC 28")
    scenario.build_year(committee)
    with time_machine.travel(scenario.TODAY.astimezone(), tick=False):
        assessment = compute_assessment(actor=admin_user, committee=committee, year=scenario.YEAR)
        score_assessment(actor=admin_user, assessment=assessment, scores={"secretariat": 50, "openness": 40},
                         comments={"openness": "=HYPERLINK(\"http://x\",\"公开\")"})
        finalise_assessment(actor=admin_user, assessment=assessment)
        decide_on_assessment(actor=admin_user, assessment=assessment, measure="suspension", reason="考核不合格。",
                             document="国标委发〔2026〕2号")
    return committee


def _sheets(content: bytes) -> dict[str, list[list]]:
    book = load_workbook(io.BytesIO(content))
    return {sheet.title: [[cell.value for cell in row] for row in sheet.iter_rows()] for sheet in book.worksheets}


def test_the_report_holds_the_years_records_and_the_finalised_figures(reported_year):
    with time_machine.travel(scenario.TODAY.astimezone(), tick=False):
        report = annual_report.build(committee=reported_year, year=scenario.YEAR)
    assert report.final and report.grade == "fail" and report.decision.measure == "suspension"
    assert [(row.numerator, row.denominator) for row in report.indicators] == list(scenario.ANSWERS.values())
    # (0 + 0 + 0 + 500 + 416.7 + 1000 + 400 + 500 + 400) / 100 = 32.2
    assert report.total == 32.2
    assert [row[5] for row in report.projects].count("超期") == 3 and len(report.projects) == 5
    assert len(report.reviews) == 3 and len(report.ballots) == 2
    assert report.counts == {"standards": 0, "reviews": 3, "ballots": 2, "comments": 5, "feedback": 6}
    assert report.seats_total == 6 and report.overweight == []


def test_the_xlsx_report_opens_with_every_section_and_keeps_typed_text_as_text(reported_year):
    with time_machine.travel(scenario.TODAY.astimezone(), tick=False):
        content = exports.report_xlsx(annual_report.build(committee=reported_year, year=scenario.YEAR))
    sheets = _sheets(content)
    assert list(sheets) == ["概况", "考核指标", "评分项", "表决委员构成", "制修订项目（报批期限）", "发布的标准", "复审", "审查投票"]
    summary = dict(row[:2] for row in sheets["概况"][1:])
    assert summary["技术委员会"].startswith("SAC/TC 28 ")
    assert summary["等级"] == "不合格" and summary["总分"] == "32.2"
    assert summary["处理决定"] == "暂停工作 国标委发〔2026〕2号 2026-02-01"
    indicators = {row[0]: row[1:] for row in sheets["考核指标"][1:]}
    assert indicators["项目按期完成率"] == [2, 5, "40.0%", "0.0", 20]
    assert indicators["对口国际标准转化率"] == [2, 4, "50.0%", "40.0", 10]
    manual = {row[0]: row for row in sheets["评分项"][1:]}
    assert manual["公开透明"][3] == '=HYPERLINK("http://x","公开")'
    book = load_workbook(io.BytesIO(content))
    assert all(cell.data_type != "f" for sheet in book.worksheets for row in sheet.iter_rows() for cell in row)


def test_the_pdf_report_is_a_pdf_whose_chinese_text_can_be_read(reported_year):
    with time_machine.travel(scenario.TODAY.astimezone(), tick=False):
        content = exports.report_pdf(annual_report.build(committee=reported_year, year=scenario.YEAR))
    assert content.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(content))
    text = "".join(page.extract_text() for page in reader.pages)
    for words in ("2025 年度工作报告", "项目按期完成率", "不合格", "暂停工作", "国标委发〔2026〕2号", "委员投票率",
                  "审查投票", "超期"):
        assert words in text, words


def test_before_the_assessment_is_finalised_the_report_counts_the_figures_now_and_says_so(committee, admin_user):
    compute_assessment(actor=admin_user, committee=committee, year=YEAR)
    report = annual_report.build(committee=committee, year=YEAR)
    assert not report.final and report.grade == "" and report.total is None
    assert [(row.numerator, row.denominator) for row in report.indicators if row.denominator] == [(6, 6)]
    summary = dict(exports.summary(report))
    assert summary["考核结果"].startswith("尚未定稿")


def test_the_secretariat_and_the_administration_download_it_and_each_download_is_audited(client, committee,
                                                                                          secretariat_user,
                                                                                          reviewer_user, admin_user):
    finalised(committee, admin_user, secretariat=80, openness=80)
    for user in (secretariat_user, reviewer_user):
        client.force_login(user)
        xlsx = client.get(reverse("assessments:report_xlsx", args=[committee.pk, YEAR]))
        pdf = client.get(reverse("assessments:report_pdf", args=[committee.pk, YEAR]))
        assert xlsx["Content-Type"] == exports.XLSX and pdf["Content-Type"] == PDF
        assert xlsx["Content-Disposition"] == f'attachment; filename="SAC-TC28-{YEAR}-annual-report.xlsx"'
        assert xlsx["Cache-Control"] == "private, no-store"
        assert dict(row[:2] for row in _sheets(xlsx.content)["概况"][1:])["等级"] == "良好"
    records = AuditRecord.objects.filter(kind=AuditKind.DATA_EXPORTED, data__export="committee_annual_report")
    assert records.count() == 4


@pytest.mark.parametrize("role", ["registered_user", "enterprise_user", "bureau_user"])
def test_nobody_else_gets_the_report(client, request, committee, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("assessments:report_pdf", args=[committee.pk, YEAR])).status_code == 404
    assert client.get(reverse("api:assessment_report", args=[committee.pk, YEAR])).status_code == 404


def test_the_report_as_data_through_the_api(client, committee, secretariat_user, admin_user):
    finalised(committee, admin_user, secretariat=80, openness=80)
    client.force_login(secretariat_user)
    data = client.get(reverse("api:assessment_report", args=[committee.pk, YEAR])).json()
    assert (data["final"], data["grade"], data["total"]) == (True, "good", 86.7)
    assert data["seats"] == {"生产者": 1, "使用者（经营者）": 1, "科研机构与高校": 1, "检验检测与认证机构": 1,
                             "消费者": 1, "政府部门": 1}
