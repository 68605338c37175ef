"""Public comment in a real browser: a registered person comments on a draft, the period closes, the committee's
secretary records the disposition and downloads the 意见汇总处理表."""

from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import expect

from .conftest import PASSWORD, USER
from .conftest import sign_in as _sign_in

SHOTS = Path("/tmp/shots")
SECRETARY = "tc999-secretary"
COMMENT = "5.2 条“云服务”的定义与 GB/T 32400 不一致，建议采用其定义。"

# A committee with its secretariat, and a project in public comment since ten days ago with a draft.
SET_UP = f"""
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from biaozhun.core.actors import SYSTEM
from biaozhun.accounts.models import Membership, MembershipRole, Organisation, OrganisationKind, User
from biaozhun.committees.services import create_committee
from biaozhun.core import clock
from biaozhun.development.models import DocumentKind, DraftDocument
from biaozhun.development.services import move_project, propose_project
from biaozhun.rules.stages import Stage

committee = create_committee(actor=SYSTEM, code="SAC/TC 999", name_zh="全国浏览器测试标准化技术委员会")
office = Organisation.objects.create(kind=OrganisationKind.TC_SECRETARIAT, tc_code="SAC/TC 999",
                                     name="全国浏览器测试标准化技术委员会秘书处")
secretary = User.objects.create_user(username="{SECRETARY}", email="tc999@example.com", real_name="秘书甲",
                                     password="{PASSWORD}")
Membership.objects.create(user=secretary, organisation=office, role=MembershipRole.SECRETARY)
administration = Organisation.objects.create(kind=OrganisationKind.NATIONAL_ADMINISTRATION, name="国家标准化管理委员会")
reviewer = User.objects.create_user(username="tc999-reviewer", email="reviewer999@example.com", real_name="审核乙",
                                    password="{PASSWORD}")
Membership.objects.create(user=reviewer, organisation=administration, role=MembershipRole.REVIEWER)
now = timezone.now()
with clock.as_of(now - timedelta(days=61)):
    project = propose_project(actor=secretary, committee=committee, title_zh="信息技术 云服务 术语", kind="new",
                              nature="recommended")
for days_ago, stage in ((60, Stage.NOTICE), (25, Stage.PLANNED), (20, Stage.DRAFTING), (10, Stage.COMMENT)):
    with clock.as_of(now - timedelta(days=days_ago)):
        if stage == Stage.COMMENT:
            pdf = b"%PDF-1.4\\n1 0 obj <<>> endobj\\ntrailer <<>>\\n%%EOF\\n"
            draft = DraftDocument(project=project, kind=DocumentKind.DRAFT, version=1, stage=Stage.DRAFTING,
                                  filename="征求意见稿.pdf", content_type="application/pdf", size=len(pdf),
                                  sha256=DraftDocument.digest(pdf), uploaded_at=clock.now())
            draft.file.save("draft.pdf", ContentFile(pdf), save=False)
            draft.save()
        project = move_project(actor=reviewer if stage == Stage.PLANNED else secretary, project=project, to=stage,
                               expected_version=project.version,
                               plan_number=f"{{now.year}}9990-T-999" if stage == Stage.PLANNED else "")
print(project.pk)
"""

# The daily sweep's closing of the period (the platform acts), without waiting fifty days.
CLOSE = """
from django.db import transaction

from biaozhun.core.actors import SYSTEM
from biaozhun.development.models import Project
from biaozhun.development.services.projects import enter_stage
from biaozhun.rules.stages import Stage

with transaction.atomic():
    project = Project.objects.select_for_update().get(pk={pk})
    enter_stage(actor=SYSTEM, project=project, to=Stage.DISPOSITION)
"""


def sign_in(page, username: str) -> None:
    _sign_in(page, username)  # the secretary enrols a second factor on the way


def test_comment_dispose_and_download_the_table(page, browser, site):
    SHOTS.mkdir(parents=True, exist_ok=True)
    pk = int(site.shell(SET_UP).split()[-1])

    sign_in(page, USER)
    page.goto(f"/projects/{pk}/")
    comments = page.locator("#comments")
    expect(comments).to_contain_text("征求意见期")
    page.get_by_label("章条编号").fill("5.2")
    page.get_by_label("意见内容").fill(COMMENT)
    page.get_by_label("修改建议").fill("采用 GB/T 32400 中 3.2.1 的定义。")
    page.get_by_role("button", name="提交意见").click()
    expect(page.get_by_role("alert")).to_contain_text("第 1 号")
    mine = page.locator("#my-comment-1")
    expect(mine).to_contain_text("第 1 号 · 5.2")
    expect(mine).to_contain_text(COMMENT)
    expect(mine).to_contain_text("待处理")
    page.screenshot(path=SHOTS / "commenting-project.png", full_page=True)

    site.shell(CLOSE.format(pk=pk))

    context = browser.new_context(locale="zh-CN", base_url=site, accept_downloads=True)
    secretary = context.new_page()
    sign_in(secretary, SECRETARY)
    secretary.goto(f"/projects/{pk}/")
    secretary.get_by_role("link", name="查看和处理全部意见").click()
    expect(secretary.locator("h1")).to_contain_text("意见处理")
    row = secretary.locator("#comment-1")
    expect(row).to_contain_text(COMMENT)
    expect(row).to_contain_text("浏览器测试")
    secretary.get_by_label("第 1 号意见的处理意见").select_option(label="部分采纳")
    secretary.get_by_label("第 1 号意见的处理理由").fill("定义采纳；术语名称保留“云服务”。")
    row.get_by_role("button", name="保存").click()
    expect(secretary.get_by_role("alert")).to_contain_text("部分采纳")
    expect(secretary.get_by_label("第 1 号意见的处理意见")).to_have_value("partly")
    secretary.screenshot(path=SHOTS / "commenting-dispositions.png", full_page=True)

    with secretary.expect_download() as download:
        secretary.get_by_role("link", name="下载意见汇总处理表（XLSX）").click()
    assert download.value.suggested_filename.endswith("9990-T-999_意见汇总处理表.xlsx")
    with open(download.value.path(), "rb") as handle:
        rows = list(load_workbook(handle).active.iter_rows(values_only=True))
    assert rows[2][2] == COMMENT and rows[2][5] == "部分采纳"
    assert rows[2][4] == "浏览器测试"

    secretary.goto(f"/projects/{pk}/")
    expect(secretary.locator("#comments")).to_contain_text("待处理 0 条")
    secretary.screenshot(path=SHOTS / "commenting-project-secretariat.png", full_page=True)
    context.close()
