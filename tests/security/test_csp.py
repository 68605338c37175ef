"""A Content Security Policy without inline script: every page and answer carries the policy
(biaozhun/core/csp.py, settings CONTENT_SECURITY_POLICY), and no template or rendered page has an inline script,
an event handler attribute, a javascript: address or a style attribute, which the policy would refuse. Behaviour
lives in static files (biaozhun/static/js/) and takes its parameters from data- attributes."""

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client

import biaozhun
from biaozhun.accounts.models import User
from tests.security.crawl import load_demo, walk

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "worker-src": "'self'",
}
DATA_BLOCKS = {"application/json", "application/ld+json"}  # <script type=…> that holds data and never runs
ERROR_PAGE = "templates/500.html"  # self-contained: its own <style>, allowed by hash (test below)


def directives(header: str) -> dict[str, str]:
    return {name: value.strip() for name, _sep, value in
            (part.strip().partition(" ") for part in header.split(";") if part.strip())}


class InlineCode(HTMLParser):
    """Collects what a strict policy refuses: inline <script> and <style>, on* handlers, style attributes,
    javascript: addresses."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "script" and not values.get("src") and (values.get("type") or "").lower() not in DATA_BLOCKS:
            self.found.append(f"inline <script> at line {self.getpos()[0]}")
        if tag == "style":
            self.found.append(f"<style> at line {self.getpos()[0]}")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{name}= on <{tag}> at line {self.getpos()[0]}")
            elif name == "style":
                self.found.append(f"style= on <{tag}> at line {self.getpos()[0]}")
            elif name in {"href", "src", "action", "formaction"} and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{name}=javascript: on <{tag}> at line {self.getpos()[0]}")


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.found


def templates() -> list[Path]:
    root = Path(biaozhun.__file__).parent
    return sorted(root.glob("templates/**/*.html")) + sorted(root.glob("*/templates/**/*.html"))


def test_the_parser_finds_each_kind_of_inline_code():
    page = ('<script>alert(1)</script><script type="module">x()</script><script src="/s.js"></script>'
            '<script type="application/json">{}</script><a href="javascript:go()" onclick="go()">x</a>'
            '<p style="color: red" onmouseover="x"></p><style>p {}</style>')
    assert len(inline_code(page)) == 7


@pytest.mark.parametrize("template", templates(), ids=lambda path: "/".join(path.parts[-3:]))
def test_no_template_has_inline_script_handlers_or_styles(template):
    source = re.sub(r"\{%.*?%\}|\{#.*?#\}", " ", template.read_text(encoding="utf-8"))  # tags, not markup
    found = inline_code(re.sub(r"\{\{.*?\}\}", "x", source))
    if template.as_posix().endswith(ERROR_PAGE):
        found = [item for item in found if not item.startswith("<style>")]
    assert found == []


def test_every_page_has_been_looked_at():
    assert len(templates()) > 40


@pytest.mark.django_db
def test_rendered_pages_have_no_inline_code_and_carry_the_policy(settings, tmp_path):
    """Every page reached from the site's own links, as a visitor and as each demo role (their pages differ)."""
    load_demo(settings, tmp_path)
    problems, checked = {}, 0
    for username in (None, "secretary", "reviewer", "member", "commenter", "admin"):
        client = Client()
        if username:
            client.force_login(User.objects.get(username=username))
        for url, response in walk(client, limit=150).ok().items():
            content_type = response.get("Content-Type", "")
            if content_type.startswith("application/pdf"):
                assert "Content-Security-Policy" not in response, url  # the browser's PDF viewer needs none
                continue
            assert directives(response["Content-Security-Policy"]).items() >= POLICY.items(), url
            if content_type.startswith("text/html"):
                checked += 1
                if found := inline_code(response.content.decode()):
                    problems[f"{username or 'anonymous'} {url}"] = found
    assert checked > 100
    assert problems == {}


@pytest.mark.django_db
def test_api_answers_and_errors_carry_the_policy(client):
    for url in ("/api/v1/projects/", "/api/v1/no-such-thing", "/no-such-page/"):
        assert directives(client.get(url)["Content-Security-Policy"]).items() >= POLICY.items(), url


@pytest.mark.django_db
@pytest.mark.urls("tests.portal.error_urls")
def test_the_500_page_s_own_style_is_allowed_by_its_hash_alone():
    response = Client(raise_request_exception=False).get("/boom/500/")
    assert response.status_code == 500
    block = re.search(r"<style>(.*?)</style>", response.content.decode(), flags=re.DOTALL).group(1)
    digest = base64.b64encode(hashlib.sha256(block.encode()).digest()).decode()
    assert directives(response["Content-Security-Policy"])["style-src"] == f"'self' 'sha256-{digest}'"
