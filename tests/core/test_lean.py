"""The lean way through Django (biaozhun/core/lean.py): anonymous reads of the search API get exactly the answers
the full middleware chain gives, and only they take it."""

import json

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory

from biaozhun.accounts.services import create_api_token
from biaozhun.core.lean import LeanDispatcher, is_lean
from biaozhun.wsgi import application
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db

SEARCH = "/api/v1/search/"


@pytest.fixture(autouse=True)
def keep_the_tests_connection():
    """The WSGI handlers close old database connections when a request starts and finishes; the test's transaction
    lives on its connection (Django's test client disconnects the same receiver while it runs a request)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def indexed(search_index):
    make_standard("GB/T 14726-2002", title_zh="锂离子电池 安全要求", title_en="Lithium-ion batteries—Safety")
    make_standard("DB11/T 500-2020", title_zh="锂离子电池 储能系统")
    make_standard("GB/T 19001-2016", title_zh="质量管理体系 要求")
    search_index()
    cache.clear()


def environ(method="GET", path=SEARCH, data=None, **headers) -> dict:
    request = getattr(RequestFactory(), method.lower())(path, data or {}, **headers)
    env = dict(request.environ)
    if not env.get("HTTP_COOKIE"):
        env.pop("HTTP_COOKIE", None)  # RequestFactory always sends one, empty; browsers and scripts need not
    return env


def answer(handler, env) -> tuple[str, dict, object]:
    seen = []
    body = b"".join(handler(env, lambda status, headers, exc_info=None: seen.append((status, headers))))
    status, headers = seen[0]
    headers = dict(headers)
    if "Content-Security-Policy" in headers:  # its directives in any order
        headers["Content-Security-Policy"] = sorted(headers["Content-Security-Policy"].split("; "))
    if "Content-Length" in headers:  # took_ms varies in length between runs: the length must only be true
        headers["Content-Length"] = not body or int(headers["Content-Length"]) == len(body)
    content = body
    if body and "json" in headers.get("Content-Type", ""):
        content = json.loads(body)
        content.pop("took_ms", None)  # the only value that differs between two runs of one search
    return status, headers, content


REQUESTS = [
    {"data": {"q": "锂离子电池"}},
    {"data": {"q": "锂离子电池", "facets": "true", "tier": "local"}},
    {"data": {"q": "dianchi", "sort": "date", "page_size": "1"}},
    {"data": {"q": "gbt19001"}},
    {"data": {"q": "%"}},  # nothing to search, with the note
    {"data": {"q": "不存在的词语组合"}},  # nothing found, with suggestions
    {"data": {"sort": "random"}},  # 422 problem+json
    {"data": {"page_size": "1000"}, "HTTP_ACCEPT_LANGUAGE": "en"},
    {"data": {"q": "电池", "published_from": "2020-02-30"}, "HTTP_ACCEPT_LANGUAGE": "en"},  # 400, in English
    {"data": {"q": "电池"}, "method": "HEAD"},
]


@pytest.mark.parametrize("request_", REQUESTS, ids=lambda r: json.dumps(r, ensure_ascii=False))
def test_the_lean_way_answers_exactly_as_the_full_chain(indexed, request_):
    request_ = dict(request_)
    env = environ(request_.pop("method", "GET"), SEARCH, request_.pop("data"), **request_)
    assert is_lean(env)
    lean = answer(application.lean, dict(env))
    full = answer(application.full, dict(env))
    assert lean[1] == full[1], {k: (lean[1].get(k), full[1].get(k)) for k in set(lean[1]) | set(full[1]) if lean[1].get(k) != full[1].get(k)}
    assert lean == full
    assert "Content-Security-Policy" in lean[1] and lean[1]["X-Content-Type-Options"] == "nosniff"


def test_the_anonymous_rate_limit_holds_on_the_lean_way(indexed, settings):
    settings.BIAOZHUN_API_ANON_RATE = "2/minute"
    statuses = [answer(application, environ(data={"q": "电池"}))[0] for _ in range(3)]
    assert statuses == ["200 OK", "200 OK", "429 Too Many Requests"]


def test_a_signed_in_visitor_takes_the_full_way_as_themselves(indexed, settings, client, registered_user):
    settings.BIAOZHUN_API_ANON_RATE = "1/minute"
    client.force_login(registered_user)
    cookie = client.cookies.output(header="", sep=";").strip()
    env = environ(data={"q": "电池"}, HTTP_COOKIE=cookie)
    assert not is_lean(env)
    assert [answer(application, dict(env))[0] for _ in range(3)] == ["200 OK"] * 3  # signed in: not limited
    assert "private" in answer(application, dict(env))[1].get("Cache-Control", "")  # PrivateNoStoreMiddleware


def test_a_token_holder_takes_the_full_way(indexed, settings, registered_user):
    settings.BIAOZHUN_API_ANON_RATE = "1/minute"
    _record, token = create_api_token(actor=registered_user, name="脚本")
    env = environ(data={"q": "电池"}, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert not is_lean(env)
    assert [answer(application, dict(env))[0] for _ in range(3)] == ["200 OK"] * 3


@pytest.mark.parametrize("method, path", [("POST", SEARCH), ("GET", "/api/v1/search/suggest/"), ("GET", "/search/"),
                                          ("GET", "/api/v1/search"), ("OPTIONS", SEARCH)])
def test_other_requests_take_the_full_way(method, path):
    env = environ(method, path)
    assert not is_lean(env)


def test_the_site_application_is_the_dispatcher():
    assert isinstance(application, LeanDispatcher)
