"""Pilots and demonstrations in a real browser, on a phone-sized screen: an enterprise member applies for the
enterprise to a call run by a provincial bureau (with a PDF attachment); the bureau closes the call, reviews and
approves the application; the pilot then shows on its public page and in the province grid. The pages fit a
phone."""

from playwright.sync_api import expect

from tests.factories.files import real_pdf

from .conftest import PASSWORD
from .conftest import sign_in as _sign_in

APPLICANT = "pilot-applicant"
BUREAU = "pilot-bureau"
PHONE = {"width": 375, "height": 812}

SET_UP = f"""
from datetime import timedelta
from stdnum.cn import uscc
from biaozhun.accounts.models import Membership, MembershipRole, Organisation, OrganisationKind, User
from biaozhun.core import clock
from biaozhun.programmes.models import ProgrammeType
from biaozhun.programmes.services import ProgrammeInput, create_programme, move_call

body = "91320102" + "987654321"
enterprise = Organisation.objects.create(kind=OrganisationKind.ENTERPRISE, name="浏览器智慧物流有限公司",
                                         uscc=body + uscc.calc_check_digit(body))
bureau = Organisation.objects.create(kind=OrganisationKind.BUREAU, name="浏览器江苏省市场监督管理局", region_code="32")
applicant = User.objects.create_user(username="{APPLICANT}", email="pilot-applicant@example.com", real_name="申报人",
                                     password="{PASSWORD}")
Membership.objects.create(user=applicant, organisation=enterprise, role=MembershipRole.ADMIN)
officer = User.objects.create_user(username="{BUREAU}", email="pilot-bureau@example.com", real_name="江苏审核人",
                                   password="{PASSWORD}")
Membership.objects.create(user=officer, organisation=bureau, role=MembershipRole.MEMBER)
today = clock.today()
call = create_programme(actor=officer, data=ProgrammeInput(
    programme_type=ProgrammeType.objects.get(code="services"), authority=bureau, title="江苏省服务业标准化试点浏览器批次",
    year=today.year, opens_on=today - timedelta(days=1), closes_on=today + timedelta(days=30), duration_months=24))
move_call(actor=officer, programme=call, to="open")
"""


def _fits(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{page.url} is {overflow}px wider than a phone screen"


def test_an_enterprise_applies_and_the_bureau_approves_on_a_phone(browser, site, tmp_path):
    site.shell(SET_UP)
    plan = tmp_path / "建设方案.pdf"
    plan.write_bytes(real_pdf("plan"))

    page = browser.new_context(locale="zh-CN", base_url=site, viewport=PHONE).new_page()
    _sign_in(page, APPLICANT, PASSWORD)
    page.goto("/programmes/")
    _fits(page)
    page.get_by_role("link", name="江苏省服务业标准化试点浏览器批次").click()
    expect(page.locator("#call-state")).to_have_text("申报中")
    page.locator("#apply").click()
    page.locator("#f-project_name").fill("南京城市配送服务标准化试点")
    page.locator("#f-region_code").fill("32010")  # one digit short: refused, nothing lost
    page.locator("#f-field").fill("物流服务")
    page.locator("#f-objectives").fill("建立城市配送服务标准体系，制定企业标准 10 项。")
    page.locator("#f-kind-0").select_option("plan")
    page.locator("#f-file-0").set_input_files(str(plan))
    _fits(page)
    page.locator("#submit").click()
    expect(page.locator("#f-region_code")).to_have_class("form-control is-invalid")
    expect(page.locator("#f-project_name")).to_have_value("南京城市配送服务标准化试点")
    page.locator("#f-region_code").fill("320102")
    page.locator("#f-kind-0").select_option("plan")
    page.locator("#f-file-0").set_input_files(str(plan))
    page.locator("#submit").click()
    expect(page.get_by_role("alert")).to_contain_text("申报已提交")
    expect(page.locator("#application-state")).to_have_text("已提交")
    expect(page.locator("#attachments")).to_contain_text("建设方案.pdf")
    expect(page.locator("#review")).to_have_count(0)  # the applicant does not review
    _fits(page)
    page.context.close()

    page = browser.new_context(locale="zh-CN", base_url=site, viewport=PHONE).new_page()
    _sign_in(page, BUREAU, PASSWORD)
    page.goto("/programmes/work/")
    page.locator("#managed").get_by_role("link", name="江苏省服务业标准化试点浏览器批次").click()
    page.locator("#move-closed").click()
    expect(page.locator("#call-state")).to_have_text("申报已截止")
    page.locator("#queue").get_by_role("link", name="南京城市配送服务标准化试点").click()
    page.locator("#start-review").click()
    expect(page.locator("#application-state")).to_have_text("审核中")
    _fits(page)
    page.locator("#approve").click()
    expect(page.get_by_role("alert")).to_contain_text("已批准")
    expect(page.locator("#pilot-state")).to_have_text("建设中")
    expect(page.locator("#pilot")).to_contain_text("浏览器智慧物流有限公司")
    _fits(page)
    page.context.close()

    public = browser.new_context(locale="zh-CN", base_url=site, viewport=PHONE).new_page()
    public.goto("/programmes/pilots/grid/?type=services")
    expect(public.locator('[data-province="32"] [data-count]')).to_have_text("1")
    _fits(public)
    public.locator('[data-province="32"]').click()
    expect(public.locator("#pilots")).to_contain_text("南京城市配送服务标准化试点")
    public.context.close()

    assert site.query("SELECT state FROM programmes_pilotapplication") == [("approved",)]
    assert site.query("SELECT kind FROM programmes_programmeevent WHERE application_id IS NOT NULL ORDER BY id") == [
        ("applied",), ("review_started",), ("approved",)]
