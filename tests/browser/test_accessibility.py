"""Every public page passes axe-core's WCAG 2 A/AA rules (labels, contrast, landmarks, names), in both languages."""

from pathlib import Path

import pytest

AXE = Path(__file__).parent / "vendor" / "axe.min.js"


def _violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
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
                 "/accounts/register/", "/projects/", "/committees/"):
        page.goto(path)
        found = _violations(page)
        if found:
            problems[path] = found
    context.close()
    assert not problems, problems
