"""The pages people see when something is missing, refused or broken: friendly, translated, with a search box,
never Django's debug pages or a rule's code."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db
ERRORS = "tests.portal.error_urls"


def english(client):
    client.cookies["django_language"] = "en"
    return client


def test_debug_is_off_in_tests_as_for_users(settings):
    assert settings.DEBUG is False


def test_an_unknown_address_shows_the_friendly_404_in_chinese(client):
    response = client.get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "未找到该页面或标准" in page and 'action="/standards/"' in page and 'name="q"' in page
    assert "URLconf" not in page and "Django tried these URL patterns" not in page and "standard_list" not in page
    assert '<nav class="navbar' in page  # the site's own page (base.html), not Django's


def test_an_unknown_address_shows_the_friendly_404_in_english(client):
    page = english(client).get("/no-such-page/").content.decode()
    assert '<html lang="en">' in page
    assert "Page or standard not found" in page and "Search" in page
    assert "未找到" not in page


def test_a_standard_not_found_offers_to_search_for_its_number(client):
    response = client.get("/std/GB/T 99999-2020")
    assert response.status_code == 404
    assert 'value="GB/T 99999-2020"' in response.content.decode()


def test_a_number_that_cannot_be_read_never_shows_the_parser_s_message(client):
    page = client.get("/std/not a number at all").content.decode()
    assert "未找到该页面或标准" in page and "IdentifierError" not in page


def test_the_api_still_answers_404_with_problem_json(client):
    response = client.get("/api/v1/no-such-endpoint")
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"


@pytest.mark.urls(ERRORS)
def test_a_refusal_shows_the_policy_s_sentence_not_its_code(client, registered_user):
    client.force_login(registered_user)
    response = client.get("/boom/policy/")
    page = response.content.decode()
    assert response.status_code == 403
    assert "审核队列供国家标准委审核人员使用。" in page  # the policy's sentence for development.queue
    assert "development.queue" not in page and "403 Forbidden" not in page


@pytest.mark.urls(ERRORS)
def test_a_refusal_without_a_sentence_shows_the_generic_one(client, registered_user):
    client.force_login(registered_user)
    page = client.get("/boom/bare-refusal/").content.decode()
    assert "请联系系统管理员" in page and "development.manage" not in page and "Not allowed" not in page


@pytest.mark.urls(ERRORS)
def test_the_403_page_shows_the_view_s_message_in_english(client, registered_user):
    client.force_login(registered_user)
    response = english(client).get("/boom/denied/")
    page = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="en">' in page and "Search" in page
    assert "administrator" in page and "只有" not in page


@pytest.mark.urls(ERRORS)
def test_an_anonymous_refusal_offers_to_sign_in(client):
    page = client.get("/boom/policy/").content.decode()
    assert "请先登录" in page and "/accounts/login/?next=/boom/policy/" in page


def test_a_page_refused_by_a_view_is_the_friendly_403(client, registered_user, tc28_project):
    client.force_login(registered_user)
    response = client.get(f"/projects/{tc28_project.pk}/comments/")
    page = response.content.decode()
    assert response.status_code == 403
    assert "无法办理此事项" in page and "您可以在项目页面查看自己提出的意见" in page  # the rule's own sentence


def test_a_form_sent_without_its_csrf_token_gets_a_page_that_says_what_to_do():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "刷新后重新提交" in page and "CSRF" not in page


@pytest.mark.urls(ERRORS)
def test_the_500_page_renders_without_the_database_in_both_languages():
    client = Client(raise_request_exception=False)
    response = client.get("/boom/500/")
    page = response.content.decode()
    assert response.status_code == 500
    assert "服务器暂时无法处理您的请求" in page and "The server could not handle your request" in page
    assert '<form action="/standards/" method="get"' in page and 'name="q"' in page


def test_the_500_template_is_self_contained():
    """No template tags (nothing that could fail again) and no static files (the page carries its own style)."""
    from django.template import loader

    source = loader.get_template("500.html").template.source
    assert "{%" not in source and "{{" not in source and "/static/" not in source
