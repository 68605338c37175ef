"""The filing work pages: the authority's dashboard, the filing form, a filing's work page with its checks and the
actions of each role, the queues; who may open them, and in how many queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from biaozhun.core import clock
from biaozhun.filing.models import Filing, FilingEvent, FilingEventKind, FilingState
from biaozhun.filing.services import return_filing, submit_filing
from tests.factories.accounts import MembershipFactory, OrganisationFactory, UserFactory
from tests.factories.files import real_pdf

pytestmark = pytest.mark.django_db


def form_data(identifier: str = "DB32/T 4100-2026", **overrides) -> dict:
    published = clock.today() - timedelta(days=5)
    data = {
        "identifier": identifier, "title_zh": "城镇燃气管道 安全运行规范", "title_en": "", "scope": "本文件规定了城镇燃气管道的运行要求。",
        "ccs": "P49", "ics": "91.140.40", "published_on": published.isoformat(),
        "implemented_on": (published + timedelta(days=60)).isoformat(), "replaces": "",
        "approved_by": "江苏省市场监督管理局", "notice_number": "2026年第3号", "notice_date": published.isoformat(),
        "drafting_units": "江苏省特种设备安全监督检验研究院\n南京港华燃气有限公司", "drafters": "李四、王五",
        "industry_classes": "D45", "text": SimpleUploadedFile("text.pdf", real_pdf("Gas pipelines"), "application/pdf"),
    }
    data.update(overrides)
    return data


def returned(filing, reviewer):
    return return_filing(actor=reviewer, filing=filing, reasons=[
        {"check": "coordination", "message": "与 GB 50028 的适用范围重复，请说明区别"},
        {"check": "", "message": "请补充编制说明"}])


# --- Who may open the pages -----------------------------------------------------------------------------
@pytest.mark.parametrize("address", ["/filing/work/", "/filing/work/new/", "/filing/work/review/",
                                     "/filing/work/province/", "/filing/work/overdue/"])
def test_anonymous_visitors_are_sent_to_sign_in(client, address):
    response = client.get(address)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("address", ["/filing/work/", "/filing/work/new/", "/filing/work/review/",
                                     "/filing/work/overdue/"])
def test_people_who_do_not_file_or_review_are_refused(client, registered_user, address):
    client.force_login(registered_user)
    assert client.get(address).status_code == 403


def test_a_filing_under_way_is_not_found_by_another_authority_nor_by_the_public(client, bureau_filing,
                                                                                ministry_user):
    address = f"/filing/work/{bureau_filing.pk}/"
    assert client.get(address).status_code == 302
    client.force_login(ministry_user)
    assert client.get(address).status_code == 404
    assert client.get(f"{address}text.pdf").status_code == 404


def test_an_accepted_filing_is_public_but_its_work_page_is_refused_to_another_authority(client, accepted_filing,
                                                                                       ministry_user):
    client.force_login(ministry_user)
    response = client.get(f"/filing/work/{accepted_filing.pk}/")
    assertContains(response, "备案的办理页面只向备案单位", status_code=403)
    assert client.get(f"/filing/work/{accepted_filing.pk}/text.pdf").status_code == 403


def test_another_authoritys_member_cannot_act_on_a_filing_and_nothing_is_written(client, bureau_filing,
                                                                                 zhejiang_user):
    client.force_login(zhejiang_user)
    before = FilingEvent.objects.count()
    for action in ("withdraw", "accept", "return", "approve-city"):
        assert client.post(f"/filing/work/{bureau_filing.pk}/{action}/", {"reason": "x"}).status_code == 404
    assert FilingEvent.objects.count() == before
    bureau_filing.refresh_from_db()
    assert bureau_filing.state == FilingState.SUBMITTED


def test_the_authority_cannot_accept_its_own_filing(client, bureau_filing, bureau_user):
    client.force_login(bureau_user)
    response = client.post(f"/filing/work/{bureau_filing.pk}/accept/", {"note": ""})
    assertContains(response, "备案由国家标准委的审查人员受理或退回", status_code=403)
    bureau_filing.refresh_from_db()
    assert bureau_filing.state == FilingState.SUBMITTED and not bureau_filing.filing_number


# --- The dashboard --------------------------------------------------------------------------------------
def test_the_dashboard_lists_the_authoritys_filings_by_state_returned_first_with_reasons(
        client, bureau, bureau_user, reviewer_user, make_input):
    submitted = submit_filing(actor=bureau_user, authority=bureau, data=make_input("DB32/T 4201-2026"))
    sent_back = returned(submit_filing(actor=bureau_user, authority=bureau, data=make_input("DB32/T 4202-2026")),
                         reviewer_user)
    client.force_login(bureau_user)
    response = client.get("/filing/work/")
    page = response.content.decode()
    assert page.index("DB32/T 4202-2026") < page.index("DB32/T 4201-2026")  # the returned one first
    assertContains(response, "与 GB 50028 的适用范围重复，请说明区别")
    assertContains(response, "请补充编制说明")
    assertContains(response, f'href="/filing/work/{sent_back.pk}/revise/"')
    assertContains(response, f'href="/filing/work/{submitted.pk}/"')
    assertContains(response, 'href="/filing/work/new/"')
    assert [count for _label, _state, count in response.context["counts"]] == [1, 0, 1, 0, 0]


def test_the_dashboard_shows_one_state_in_full(client, bureau, bureau_user, make_input):
    for n in range(3):
        submit_filing(actor=bureau_user, authority=bureau, data=make_input(f"DB32/T {4300 + n}-2026"))
    client.force_login(bureau_user)
    response = client.get("/filing/work/?state=submitted")
    assert len(response.context["sections"]) == 1 and len(response.context["sections"][0]["rows"]) == 3


def test_the_dashboard_does_not_show_another_authoritys_filings(client, bureau_filing, zhejiang_user):
    client.force_login(zhejiang_user)
    assertNotContains(client.get("/filing/work/"), bureau_filing.identifier)


def test_a_reviewer_has_no_filings_of_their_own_but_the_queues(client, reviewer_user):
    client.force_login(reviewer_user)
    response = client.get("/filing/work/")
    assertContains(response, 'href="/filing/work/review/"')
    assertNotContains(response, 'href="/filing/work/new/"')


def test_the_navigation_links_the_work_pages_for_those_who_file(client, bureau_user, registered_user):
    client.force_login(bureau_user)
    assertContains(client.get("/"), 'href="/filing/work/"')
    client.force_login(registered_user)
    assertNotContains(client.get("/"), 'href="/filing/work/"')


def test_the_dashboard_reads_a_bounded_number_of_queries(client, bureau, bureau_user, reviewer_user, make_input,
                                                         django_assert_max_num_queries):
    for n in range(12):
        filing = submit_filing(actor=bureau_user, authority=bureau, data=make_input(f"DB32/T {4400 + n}-2026"))
        if n % 2:
            returned(filing, reviewer_user)
    client.force_login(bureau_user)
    client.get("/filing/work/")
    with django_assert_max_num_queries(16):
        assert client.get("/filing/work/").status_code == 200


# --- The form -------------------------------------------------------------------------------------------
def test_a_filing_submitted_through_the_form_goes_to_its_work_page(client, bureau_user):
    client.force_login(bureau_user)
    response = client.post("/filing/work/new/", form_data())
    filing = Filing.objects.get()
    assertRedirects(response, f"/filing/work/{filing.pk}/")
    assert filing.state == FilingState.SUBMITTED and filing.authority.region_code == "32"
    assert filing.record["drafting_units"] == ["江苏省特种设备安全监督检验研究院", "南京港华燃气有限公司"]
    assert filing.record["drafters"] == ["李四", "王五"] and filing.record["industry_classes"] == ["D45"]
    assert filing.record["ics"] == ["91.140.40"] and filing.notice_number == "2026年第3号"


def test_the_form_names_each_field_the_service_refuses(client, bureau_user):
    client.force_login(bureau_user)
    response = client.post("/filing/work/new/", form_data(
        identifier="DB32/T 4101-2026", ccs="Z99", industry_classes="X99", replaces="DB32/T 4101-2026",
        text=SimpleUploadedFile("text.pdf", b"not a pdf", "application/pdf")))
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert set(errors) >= {"ccs", "industry_classes", "replaces", "text"}
    assert "不是 PDF" in " ".join(errors["text"])
    assertContains(response, 'class="invalid-feedback d-block" id="filing-ccs_error"', status_code=422)
    assert not Filing.objects.exists()


def test_the_form_names_missing_fields_at_once(client, bureau_user):
    client.force_login(bureau_user)
    response = client.post("/filing/work/new/", form_data(title_zh="", notice_number="", text=""))
    assert response.status_code == 422
    assert set(response.context["form"].errors) == {"title_zh", "notice_number", "text"}
    assert not Filing.objects.exists()


def test_a_number_the_authority_does_not_own_is_refused_on_the_form(client, bureau_user):
    client.force_login(bureau_user)
    response = client.post("/filing/work/new/", form_data(identifier="DB33/T 4102-2026"))
    assertContains(response, "只能备案本单位主管的标准", status_code=403)
    assert not Filing.objects.exists()


def test_someone_acting_for_two_authorities_chooses_one(client, bureau, ministry):
    user = UserFactory(member_of=bureau)
    MembershipFactory(user=user, organisation=ministry)
    client.force_login(user)
    page = client.get("/filing/work/new/")
    assertContains(page, '<select name="authority"')
    response = client.post("/filing/work/new/", form_data(identifier="JB/T 14001-2026", authority=ministry.pk,
                                                          approved_by="工业和信息化部"))
    assert response.status_code == 302 and Filing.objects.get().authority == ministry


def test_a_text_over_the_limit_is_refused_before_it_is_read(client, bureau_user, settings):
    settings.BIAOZHUN_MAX_FULLTEXT_BYTES = 1000
    client.force_login(bureau_user)
    response = client.post("/filing/work/new/", form_data(
        text=SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 5000, "application/pdf")))
    assert response.status_code == 413 and "text" in response.context["form"].errors
    assert not Filing.objects.exists()


# --- Revision -------------------------------------------------------------------------------------------
def test_a_returned_filing_is_revised_on_the_prefilled_form_and_resubmitted(client, bureau_filing, bureau_user,
                                                                            reviewer_user):
    returned(bureau_filing, reviewer_user)
    client.force_login(bureau_user)
    page = client.get(f"/filing/work/{bureau_filing.pk}/revise/")
    assertContains(page, "与 GB 50028 的适用范围重复，请说明区别")  # the reasons beside the form
    form = page.context["form"]
    assert form.initial["identifier"] == "DB32/T 4001-2026" and form.initial["expected_version"] == 1
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(title_zh="电动汽车充电站 运营管理规范", notice_date=data["notice_date"].isoformat(),
                published_on=data["published_on"].isoformat(), implemented_on=data["implemented_on"].isoformat())
    response = client.post(f"/filing/work/{bureau_filing.pk}/revise/", data)
    assertRedirects(response, f"/filing/work/{bureau_filing.pk}/")
    bureau_filing.refresh_from_db()
    assert bureau_filing.state == FilingState.SUBMITTED and bureau_filing.title_zh == "电动汽车充电站 运营管理规范"
    assert bureau_filing.version == 2


def test_a_revision_of_a_stale_version_is_refused_and_nothing_is_written(client, bureau_filing, bureau_user,
                                                                         reviewer_user):
    returned(bureau_filing, reviewer_user)
    client.force_login(bureau_user)
    data = form_data(identifier=bureau_filing.identifier, expected_version=7, text="")
    before = FilingEvent.objects.count()
    response = client.post(f"/filing/work/{bureau_filing.pk}/revise/", data)
    assertContains(response, "已有其他人修改了它", status_code=422)
    assert FilingEvent.objects.count() == before


def test_only_a_returned_filing_is_revised(client, bureau_filing, bureau_user):
    client.force_login(bureau_user)
    assertRedirects(client.get(f"/filing/work/{bureau_filing.pk}/revise/"), f"/filing/work/{bureau_filing.pk}/")


# --- The work page and its actions ----------------------------------------------------------------------
def test_the_work_page_shows_dates_history_and_checks_in_words(client, bureau_filing, bureau_user):
    client.force_login(bureau_user)
    response = client.get(f"/filing/work/{bureau_filing.pk}/")
    assertContains(response, "标准号 DB32/T 4001-2026 格式正确。")
    assertContains(response, "代号 32 由江苏省市场监督管理局主管，可以由其备案。")
    assertContains(response, "提交备案")
    assertContains(response, f'href="/filing/work/{bureau_filing.pk}/text.pdf"')
    assertContains(response, bureau_filing.review_due.isoformat())
    assertNotContains(response, f'action="/filing/work/{bureau_filing.pk}/accept/"')
    assertContains(response, f'action="/filing/work/{bureau_filing.pk}/withdraw/"')


def test_the_work_page_reads_in_english(client, bureau_filing, bureau_user):
    bureau_user.language = "en"
    client.force_login(bureau_user)
    response = client.get(f"/filing/work/{bureau_filing.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assertContains(response, '<html lang="en">')


def test_the_submitted_text_is_served_privately_to_those_who_work_on_it(client, bureau_filing, reviewer_user):
    client.force_login(reviewer_user)
    response = client.get(f"/filing/work/{bureau_filing.pk}/text.pdf")
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_the_reviewer_accepts_through_the_page(client, bureau_filing, reviewer_user):
    client.force_login(reviewer_user)
    page = client.get(f"/filing/work/{bureau_filing.pk}/")
    assertContains(page, f'action="/filing/work/{bureau_filing.pk}/accept/"')
    response = client.post(f"/filing/work/{bureau_filing.pk}/accept/", {"note": "材料齐全"})
    assertRedirects(response, f"/filing/work/{bureau_filing.pk}/")
    bureau_filing.refresh_from_db()
    assert bureau_filing.state == FilingState.ACCEPTED and bureau_filing.filing_number
    assertContains(client.get(f"/filing/work/{bureau_filing.pk}/"), bureau_filing.filing_number)


def test_the_reviewer_returns_with_a_reason_per_check_through_the_page(client, bureau_filing, reviewer_user):
    client.force_login(reviewer_user)
    response = client.post(f"/filing/work/{bureau_filing.pk}/return/", {
        "reason_coordination": "与国家标准重复", "reason_wording": "", "general": "请补充编制说明"})
    assertRedirects(response, f"/filing/work/{bureau_filing.pk}/")
    event = bureau_filing.events.get(kind=FilingEventKind.RETURNED)
    assert event.data["reasons"] == [{"check": "coordination", "message": "与国家标准重复"},
                                     {"check": "", "message": "请补充编制说明"}]
    page = client.get(f"/filing/work/{bureau_filing.pk}/")
    assertContains(page, '<span class="badge text-bg-light border">协调性</span> 与国家标准重复')


def test_a_return_without_any_reason_shows_the_form_again_and_writes_nothing(client, bureau_filing,
                                                                            reviewer_user):
    client.force_login(reviewer_user)
    before = FilingEvent.objects.count()
    response = client.post(f"/filing/work/{bureau_filing.pk}/return/", {"general": "  "})
    assertContains(response, "请至少写明一条退回理由", status_code=422)
    assert FilingEvent.objects.count() == before


def test_an_accepted_filing_cannot_be_accepted_again(client, accepted_filing, reviewer_user):
    client.force_login(reviewer_user)
    before = FilingEvent.objects.count()
    response = client.post(f"/filing/work/{accepted_filing.pk}/accept/", {})
    assertContains(response, "不能办理", status_code=409)
    assert FilingEvent.objects.count() == before


def test_the_authority_withdraws_through_the_page(client, bureau_filing, bureau_user):
    client.force_login(bureau_user)
    assertRedirects(client.post(f"/filing/work/{bureau_filing.pk}/withdraw/", {"reason": "重复提交"}),
                    f"/filing/work/{bureau_filing.pk}/")
    bureau_filing.refresh_from_db()
    assert bureau_filing.state == FilingState.WITHDRAWN


def test_the_province_approves_a_citys_filing_through_the_page(client, city_filing, bureau_user):
    client.force_login(bureau_user)
    assertContains(client.get("/filing/work/province/"), city_filing.identifier)
    page = client.get(f"/filing/work/{city_filing.pk}/")
    assertContains(page, f'action="/filing/work/{city_filing.pk}/approve-city/"')
    assertRedirects(client.post(f"/filing/work/{city_filing.pk}/approve-city/", {"note": ""}),
                    f"/filing/work/{city_filing.pk}/")
    city_filing.refresh_from_db()
    assert city_filing.state == FilingState.SUBMITTED


def test_the_province_returns_a_citys_filing_only_with_a_reason(client, city_filing, bureau_user):
    client.force_login(bureau_user)
    response = client.post(f"/filing/work/{city_filing.pk}/return-city/", {"reason": ""})
    assert response.status_code == 422
    city_filing.refresh_from_db()
    assert city_filing.state == FilingState.AWAITING_PROVINCE
    client.post(f"/filing/work/{city_filing.pk}/return-city/", {"reason": "编号与省内其他标准重复"})
    city_filing.refresh_from_db()
    assert city_filing.state == FilingState.RETURNED


def test_the_province_queue_is_for_provincial_bureaux(client, city_filing, nanjing_user, ministry_user):
    client.force_login(nanjing_user)
    assert client.get("/filing/work/province/").status_code == 403
    client.force_login(ministry_user)
    assert client.get("/filing/work/province/").status_code == 403


# --- The queues -----------------------------------------------------------------------------------------
def test_the_review_queue_lists_by_due_date_marks_overdue_and_counts_flags(client, bureau, bureau_user, miit,
                                                                           ministry_user, reviewer_user,
                                                                           make_input):
    early = submit_filing(actor=bureau_user, authority=bureau, data=make_input("DB32/T 4501-2026"))
    with time_machine.travel(clock.now() + timedelta(days=40), tick=False):
        late = submit_filing(actor=ministry_user, authority=miit, data=make_input("QC/T 4502-2026"))
        client.force_login(reviewer_user)
        response = client.get("/filing/work/review/")
        page = response.content.decode()
        assert page.index("DB32/T 4501-2026") < page.index("QC/T 4502-2026")
        rows = {f.pk: f for f in response.context["page"].object_list}
        assert rows[early.pk].overdue_days > 0 and rows[late.pk].overdue_days == 0
        assertContains(response, 'class="table-danger"')
        only_industry = client.get("/filing/work/review/?tier=industry")
        assert [f.pk for f in only_industry.context["page"].object_list] == [late.pk]
        only_bureau = client.get(f"/filing/work/review/?authority={bureau.pk}")
        assert [f.pk for f in only_bureau.context["page"].object_list] == [early.pk]
        overdue = client.get("/filing/work/overdue/")
        assert [f.pk for f in overdue.context["page"].object_list] == [early.pk]


def test_the_review_queue_counts_flagged_checks(client, bureau, bureau_user, reviewer_user, make_input):
    filing = submit_filing(actor=bureau_user, authority=bureau, data=make_input(
        "DB32/T 4601-2025", published_on="2026-01-05", implemented_on="2026-03-01"))  # year ≠ date
    client.force_login(reviewer_user)
    response = client.get("/filing/work/review/")
    row = response.context["page"].object_list[0]
    assert row.pk == filing.pk and "年代号与发布日期" in row.flagged


def test_the_review_queue_is_for_reviewers(client, bureau_user):
    client.force_login(bureau_user)
    assert client.get("/filing/work/review/").status_code == 403


def test_the_queues_read_a_bounded_number_of_queries(client, bureau, bureau_user, nanjing_bureau, nanjing_user,
                                                     reviewer_user, make_input, django_assert_max_num_queries):
    for n in range(10):
        submit_filing(actor=bureau_user, authority=bureau, data=make_input(f"DB32/T {4700 + n}-2026"))
        submit_filing(actor=nanjing_user, authority=nanjing_bureau, data=make_input(f"DB3201/T {4700 + n}-2026"))
    OrganisationFactory(kind="bureau", uscc="", region_code="3202", name="无锡市市场监督管理局")
    client.force_login(reviewer_user)
    client.get("/filing/work/review/")
    with django_assert_max_num_queries(12):
        assert client.get("/filing/work/review/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/filing/work/overdue/").status_code == 200
    client.force_login(bureau_user)
    client.get("/filing/work/province/")
    with django_assert_max_num_queries(12):
        response = client.get("/filing/work/province/")
    assert len(response.context["page"].object_list) == 10


def test_the_dashboard_links_the_authoritys_other_work_pages(client, bureau_user):
    client.force_login(bureau_user)
    links = client.get("/filing/work/").context["links"]
    assert [address for address, _label in links] == ["/filing/work/batch/", "/filing/work/reviews/", "/filing/work/flags/",
                                                      "/filing/work/conversions/"]
    for address, _label in links:
        assert client.get(address).status_code == 200
