"""Every public page passes axe-core's WCAG 2 A/AA rules (labels, contrast, landmarks, names), in both languages."""

from pathlib import Path

import pytest

AXE = Path(__file__).parent / "vendor" / "axe.min.js"


def _violations(page) -> list[str]:
    # Evaluated by the test driver, not added as an inline <script>, which the site's Content Security Policy refuses.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}})"
    )
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})" for v in result["violations"]]


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_public_pages_have_no_wcag_violations(browser, site, locale):
    identifier = site.query("SELECT identifier FROM catalog_standard WHERE tier='national' LIMIT 1")[0][0]
    context = browser.new_context(locale=locale, base_url=site)
    page = context.new_page()
    problems = {}
    for path in ("/", "/standards/?q=%E8%A6%81%E6%B1%82", f"/std/{identifier}", "/validity/", "/accounts/login/",
                 "/accounts/register/", "/projects/", "/committees/", "/filing/", "/filing/statistics/"):
        page.goto(path)
        found = _violations(page)
        if found:
            problems[path] = found
    context.close()
    assert not problems, problems


# A committee with its secretary and a project in public comment, with a draft and one comment. Prints its id.
WORKING_SETUP = """
from datetime import date, timedelta
from biaozhun.core.actors import SYSTEM
from biaozhun.accounts.models import Membership, MembershipRole, Organisation, OrganisationKind, User
from biaozhun.committees.services import create_committee
from biaozhun.core import clock
from biaozhun.development.services import propose_project
from biaozhun.development.services.comments import submit_comment
from tests.development.helpers import advance

office = Organisation.objects.create(kind=OrganisationKind.TC_SECRETARIAT, name="全国无障碍测试标准化技术委员会秘书处",
                                     tc_code="SAC/TC 997")
secretary = User.objects.create_user(username="tc997-secretary", email="secretary997@example.com",
                                     real_name="钱秘书", password=%r)
Membership.objects.create(user=secretary, organisation=office, role=MembershipRole.SECRETARY)
administration = Organisation.objects.create(kind=OrganisationKind.NATIONAL_ADMINISTRATION, name="国家标准化管理委员会")
reviewer = User.objects.create_user(username="tc997-reviewer", email="reviewer997@example.com", real_name="审核丙",
                                    password=%r)
Membership.objects.create(user=reviewer, organisation=administration, role=MembershipRole.REVIEWER)
committee = create_committee(actor=SYSTEM, code="SAC/TC 997", name_zh="全国无障碍测试标准化技术委员会", secretariat=office)
project = propose_project(actor=secretary, committee=committee, title_zh="信息无障碍 网页内容 技术要求", kind="new",
                          nature="recommended")
project = advance(project, "comment", secretariat=secretary, reviewer=reviewer, start=date.today() - timedelta(days=80))
submit_comment(actor=User.objects.get(username="browser"), project=project, clause="4.2", text="建议补充对比度要求。")
print(project.pk)
"""


def test_the_working_pages_of_development_have_no_wcag_violations(browser, site):
    from .conftest import PASSWORD, sign_in

    project = site.shell(WORKING_SETUP % (PASSWORD, PASSWORD)).strip().splitlines()[-1]
    problems = {}
    for locale in ("zh-CN", "en-US"):  # the public project page, in both languages
        context = browser.new_context(locale=locale, base_url=site)
        page = context.new_page()
        page.goto(f"/projects/{project}/")
        problems.update({f"{locale} /projects/{project}/": v for v in [_violations(page)] if v})
        context.close()
    context = browser.new_context(locale="zh-CN", base_url=site)
    page = context.new_page()
    sign_in(page, "tc997-secretary")  # enrols the second factor on the way
    for path in (f"/projects/{project}/", f"/projects/{project}/comments/", "/projects/dashboard/",
                 "/projects/propose/", "/projects/reviews/?committee=SAC/TC 997", "/accounts/profile/",
                 "/accounts/two-step/setup/?replace=1"):
        response = page.goto(path)
        assert response.status == 200 and page.url.endswith(path.replace(" ", "%20")), path
        found = _violations(page)
        if found:
            problems[path] = found
    context.close()
    assert not problems, problems


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_the_phone_layouts_have_no_wcag_violations(browser, site, locale):
    """Tables as cards, the facets behind their button (opened), the follow state: at 390 px too."""
    numbers = "\n".join(row[0] for row in site.query("SELECT identifier FROM catalog_standard LIMIT 3"))
    context = browser.new_context(locale=locale, base_url=site, viewport={"width": 390, "height": 844})
    page = context.new_page()
    problems = {}
    page.goto("/standards/?q=%E8%A6%81%E6%B1%82")
    page.locator("#facets-button").click()
    page.locator("#facets").wait_for(state="visible")
    problems["/standards/ (facets open)"] = _violations(page)
    page.goto("/committees/")
    problems["/committees/"] = _violations(page)
    page.goto("/validity/")
    page.locator("#numbers").fill(numbers + "\n不是标准号")
    page.locator("button[name=format][value=html]").click()
    page.locator("table.table-stack").wait_for()
    problems["/validity/ (results)"] = _violations(page)
    page.goto("/no-such-page/")
    problems["404"] = _violations(page)
    context.close()
    problems = {path: found for path, found in problems.items() if found}
    assert not problems, problems


def test_a_readers_follow_state_and_watch_list_have_no_wcag_violations(browser, site):
    from .conftest import PASSWORD, USER

    identifier = site.query("SELECT identifier FROM catalog_standard WHERE tier='industry' LIMIT 1")[0][0]
    problems = {}
    for locale in ("zh-CN", "en-US"):
        context = browser.new_context(locale=locale, base_url=site)
        page = context.new_page()
        page.goto("/accounts/login/")
        page.locator("input[name=username]").fill(USER)
        page.locator("input[name=password]").fill(PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        page.goto(f"/std/{identifier}")
        for scope in ("edition", "series"):
            button = page.locator(f"button[name=scope][value={scope}]")
            if button.count():
                button.click()
                page.wait_for_load_state()
        problems[f"{locale} /std/{identifier} (followed)"] = _violations(page)
        page.goto("/watch/")
        problems[f"{locale} /watch/"] = _violations(page)
        context.close()
    problems = {path: found for path, found in problems.items() if found}
    assert not problems, problems
