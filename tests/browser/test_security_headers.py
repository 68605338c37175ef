"""The site under its Content Security Policy, served by a real server: pages that run scripts still work (the
conftest fails any test whose pages the policy refused something on), and HEAD answers without a body."""

import urllib.request

from playwright.sync_api import expect


def test_the_api_documentation_runs_under_the_policy(page):
    """Swagger UI from the site's own static files (no CDN, no inline script)."""
    response = page.goto("/api/v1/docs")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Biaozhun API", timeout=15000)
    expect(page.get_by_text("/api/v1/catalog/export.jsonl")).to_be_visible()


def test_the_navigation_menu_opens_on_a_phone(browser, site):
    context = browser.new_context(locale="zh-CN", base_url=site, viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto("/")
    page.get_by_role("button", name="展开导航").click()  # Bootstrap's collapse, from the static bundle
    expect(page.get_by_role("link", name="标准目录")).to_be_visible()
    context.close()


def test_head_is_answered_without_a_body_by_the_server(site):
    for path in ("/", "/standards/", "/projects/", "/api/v1/projects/"):
        request = urllib.request.Request(site + path, method="HEAD")
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (our own server)
            assert response.status == 200 and response.read() == b"", path
            assert response.headers["Content-Security-Policy"], path
