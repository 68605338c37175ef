"""A standard system's public page on a phone (390 px): nothing wider than the screen, the tree's top nodes open
with their counts and gaps, a lower node opens to its lists."""

import pytest
from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}

# A committee's system with a deep, long-named branch, standards of the demo catalogue and a missing planned entry.
SETUP = """
from biaozhun.catalog.models import Standard
from biaozhun.committees.models import Committee
from biaozhun.committees.services import create_committee
from biaozhun.core.actors import SYSTEM
from biaozhun.systems.models import StandardSystem
from biaozhun.systems.services import systems as s

system = StandardSystem.objects.filter(code="phone").first()
if system is None:
    # A committee code of its own: the browser tests share one site (SAC/TC 988-999 are other tests').
    committee = Committee.objects.filter(code="SAC/TC 977").first() or create_committee(
        actor=SYSTEM, code="SAC/TC 977", name_zh="全国手机页面测试标准化技术委员会")
    system = s.create_system(actor=SYSTEM, data=s.SystemInput(code="phone", name_zh="消费品安全标准体系",
                                                                 owner_committee=committee))
    parent = None
    for depth, code in enumerate(["100", "101", "101.1", "101.1.1", "101.1.1.1", "101.1.1.1.1", "101.1.1.1.1.1"]):
        parent = s.add_node(actor=SYSTEM, system=system, code=code, parent=parent,
                            name_zh="儿童用品安全技术规范及其配套检验检测方法和标识要求（第%d层）" % depth)
    for standard in Standard.objects.filter(tier="national").order_by("id")[:3]:
        s.assign_standard(actor=SYSTEM, node=parent, standard=standard)
    s.add_planned(actor=SYSTEM, node=parent, data=s.PlannedInput(title="儿童推车 安全要求 第二部分：非常长的标准名称用于测试换行"))
print(system.pk)
"""


@pytest.fixture
def phone(browser, site):
    context = browser.new_context(viewport=PHONE, locale="zh-CN", base_url=site)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    yield page
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_a_system_page_fits_a_phone_and_opens_a_deep_node(phone, site):
    system_id = site.shell(SETUP).strip().splitlines()[-1]
    phone.goto(f"/systems/{system_id}/")
    expect(phone.get_by_role("heading", name="消费品安全标准体系")).to_be_visible()
    assert _overflow(phone) <= 1, f"the system page is {_overflow(phone)}px wider than a phone screen"
    expect(phone.locator("#total-missing")).to_have_text("1")
    top = phone.locator("#node-100 > details")
    expect(top).to_have_attribute("open", "")
    deepest = phone.locator('[id="node-101.1.1.1.1.1"] > details')
    expect(deepest.locator("ul")).to_have_count(2)
    expect(deepest.locator("ul").first).to_be_hidden()
    deepest.locator("summary").click()
    expect(deepest.locator("ul").first).to_be_visible()
    expect(deepest.get_by_text("缺失", exact=True)).to_be_visible()
    assert _overflow(phone) <= 1, "an opened node is wider than a phone screen"
    box = deepest.locator("summary").bounding_box()
    assert box["x"] + box["width"] <= PHONE["width"] + 1
    phone.goto("/systems/")
    phone.get_by_role("link", name="消费品安全标准体系").click()
    expect(phone).to_have_url(f"{site}/systems/{system_id}/")
