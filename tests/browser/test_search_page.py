"""The search page as a reader uses it: a title typed without its spaces, the advanced form (phone and desktop,
both languages, no WCAG violations), and suggestions when nothing is found.

Set BIAOZHUN_SCREENSHOTS=/some/dir to keep a screenshot of each view for a person to look at."""

import os
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from .test_accessibility import _violations

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _shot(page, name: str) -> None:
    if folder := os.environ.get("BIAOZHUN_SCREENSHOTS"):
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _spaced_title(site) -> tuple[str, str]:
    """A catalogue title with spaces between its elements, and a query spanning one of them, typed without it."""
    identifier, title = site.query(
        "SELECT identifier, title_zh FROM catalog_standard WHERE title_zh LIKE '% %' AND tier='national' "
        "ORDER BY id LIMIT 1")[0]
    first, second = title.split(" ")[:2]
    return identifier, first[-2:] + second[:2]


@pytest.mark.parametrize(("locale", "viewport"), [("zh-CN", PHONE), ("en-US", PHONE), ("zh-CN", DESKTOP),
                                                  ("en-US", DESKTOP)])
def test_advanced_search_works_and_is_accessible(browser, site, locale, viewport):
    context = browser.new_context(locale=locale, base_url=site, viewport=viewport)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    identifier, typed = _spaced_title(site)
    page.goto(f"/standards/?q={quote(typed)}")
    expect(page.locator("ol li a.std-number", has_text=identifier)).to_be_visible()
    expect(page.locator("ol li mark").first).to_be_visible()
    kind = "phone" if viewport is PHONE else "desktop"
    _shot(page, f"search-typed-{locale}-{kind}")
    page.locator("#advanced-search summary").click()
    page.locator("#published_from").fill("2000-01-01")
    page.locator("#published_to").fill("2030-12-31")
    page.locator("#adopted").select_option("no")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    _shot(page, f"search-advanced-{locale}-{kind}")
    page.locator("#advanced-search button[type=submit]").click()
    page.wait_for_url(re.compile("published_from=2000-01-01.*adopted=no"))
    expect(page.locator("#advanced-search")).to_have_attribute("open", "")
    expect(page.locator("#result-count")).to_be_visible()
    assert not _violations(page)
    page.goto("/standards/?q=" + quote("GB 99999-2099"))
    expect(page.locator("#no-results")).to_be_visible()
    page.goto("/standards/?q=" + quote(typed[:-1] + "尺"))
    _shot(page, f"search-suggestions-{locale}-{kind}")
    assert not _violations(page)
    context.close()
    assert not errors, errors
