"""Filing in a real browser: a province sends a batch of three local standards (JSONL and a ZIP of PDFs), the
national reviewer returns one with a reason and accepts the other two, and the accepted standards appear in the
public filing list with their 备案号 and in the catalogue's search."""

import io
import json
import zipfile
from datetime import date, timedelta
from pathlib import Path

from playwright.sync_api import expect

from .conftest import PASSWORD
from .conftest import sign_in as _sign_in

FILER, REVIEWER = "js-filer", "fl-reviewer"
PUBLISHED = date.today() - timedelta(days=12)
ROWS = [
    ("DB32/T 8801", "城市公共自行车系统服务规范", "本文件规定了城市公共自行车系统的服务要求。"),
    ("DB32/T 8802", "桑蚕种质资源保存技术规程", "本文件规定了桑蚕种质资源的保存条件和方法。"),
    ("DB32/T 8803", "太湖蓝藻水华应急处置规范", "本文件规定了蓝藻水华的监测预警和应急处置。处置设备应经本省检测机构检验合格。"),
]

SET_UP = f"""
from biaozhun.accounts.models import Membership, MembershipRole, Organisation, OrganisationKind, User
bureau = Organisation.objects.create(kind=OrganisationKind.BUREAU, region_code="32", name="江苏省市场监督管理局")
filer = User.objects.create_user(username="{FILER}", email="js-filer@example.com", real_name="苏备案",
                                 password="{PASSWORD}")
Membership.objects.create(user=filer, organisation=bureau, role=MembershipRole.MEMBER)
administration = Organisation.objects.create(kind=OrganisationKind.NATIONAL_ADMINISTRATION, name="国家标准化管理委员会")
reviewer = User.objects.create_user(username="{REVIEWER}", email="fl-reviewer@example.com", real_name="审备案",
                                    password="{PASSWORD}")
Membership.objects.create(user=reviewer, organisation=administration, role=MembershipRole.REVIEWER)
"""


def sign_in(page, username):
    _sign_in(page, username, PASSWORD)


def _batch_files(tmp_path: Path) -> tuple[Path, Path]:
    from tests.factories.files import real_pdf

    year = PUBLISHED.year
    lines, texts = [], io.BytesIO()
    with zipfile.ZipFile(texts, "w") as archive:
        for number, title, scope in ROWS:
            name = f"{number.replace('/', '')}-{year}.pdf"
            archive.writestr(name, real_pdf(title))
            lines.append(json.dumps({
                "identifier": f"{number}-{year}", "title_zh": title, "scope": scope,
                "published_on": PUBLISHED.isoformat(), "approved_by": "江苏省市场监督管理局",
                "notice_number": f"{year}年第30号", "notice_date": PUBLISHED.isoformat(), "text_file": name,
            }, ensure_ascii=False))
    data, archive_path = tmp_path / "batch.jsonl", tmp_path / "texts.zip"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    archive_path.write_bytes(texts.getvalue())
    return data, archive_path


def test_a_province_files_a_batch_the_reviewer_returns_one_and_accepts_the_rest(browser, site, tmp_path):
    site.shell(SET_UP)
    data, texts = _batch_files(tmp_path)
    year = PUBLISHED.year

    # The province sends the batch.
    filer = browser.new_context(locale="zh-CN", base_url=site).new_page()
    sign_in(filer, FILER)
    filer.goto("/filing/work/batch/")
    filer.locator("input[name=data]").set_input_files(str(data))
    filer.locator("input[name=texts]").set_input_files(str(texts))
    filer.locator("main form button[type=submit]").click()
    filer.wait_for_url("**/filing/work/batch/*/")
    site.manage("db_worker", "--batch", "--no-startup-delay")  # the task worker checks and files the rows
    # The page asks for the batch's progress every 2 s and reloads itself when the batch is finished (a reload
    # of ours could race that one and be aborted).
    for number, _title, _scope in ROWS:
        expect(filer.locator("main")).to_contain_text(f"{number}-{year}", timeout=20_000)

    # The reviewer returns the one with restrictive wording, with a reason on that check, and accepts the others.
    reviewer = browser.new_context(locale="zh-CN", base_url=site).new_page()
    sign_in(reviewer, REVIEWER)
    reviewer.goto("/filing/work/review/")
    for number, _title, scope in ROWS:
        reviewer.goto("/filing/work/review/")
        reviewer.get_by_role("link", name=f"{number}-{year}").first.click()
        if "本省检测机构" in scope:
            expect(reviewer.locator("main")).to_contain_text("本省检测机构")  # the wording check's evidence
            reviewer.locator("textarea[name=reason_wording]").fill("删除“经本省检测机构检验”的要求。")
            reviewer.get_by_role("button", name="退回备案单位修改").click()
            expect(reviewer.locator("main")).to_contain_text("已退回")
        else:
            reviewer.get_by_role("button", name="同意备案").click()
            expect(reviewer.locator("main")).to_contain_text("已备案")
    site.manage("search_sync")

    # The province sees the return and its reason.
    filer.goto("/filing/work/")
    expect(filer.locator("main")).to_contain_text("删除“经本省检测机构检验”的要求。")

    # The public list shows the two accepted with their 备案号; search finds them; the returned one is nowhere.
    public = browser.new_context(locale="zh-CN", base_url=site).new_page()
    public.goto("/filing/?province=32")
    listed = public.locator("main")
    expect(listed).to_contain_text(f"DB32/T 8801-{year}")
    expect(listed).to_contain_text(f"DB32/T 8802-{year}")
    expect(listed).not_to_contain_text(f"DB32/T 8803-{year}")
    numbers = site.query("SELECT filing_number FROM filing_filing WHERE state = 'accepted' ORDER BY id")
    assert len(numbers) == 2
    for (filing_number,) in numbers:
        expect(listed).to_contain_text(filing_number)
    public.goto("/standards/?q=公共自行车系统服务规范")
    expect(public.locator("main")).to_contain_text(f"DB32/T 8801-{year}")
    public.goto("/standards/?q=太湖蓝藻")
    expect(public.locator("main")).not_to_contain_text(f"DB32/T 8803-{year}")
