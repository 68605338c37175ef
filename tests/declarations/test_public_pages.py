"""The public disclosure pages: search, enterprise (with its withdrawn history), declaration (indicators by
category, warnings in words, versions), one version, a product, and the disclosed text (refused once withdrawn)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def results(response) -> str:
    """The result list of a search page (its help text quotes example numbers)."""
    body = response.content.decode()
    start = body.index('id="declarations"')
    return body[start : body.index("</ul>", start)]


def test_the_search_page_lists_what_a_product_name_finds(client, scene, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get(reverse("declarations:search"), {"q": "电冰箱", "scope": "product"})
    assert response.status_code == 200
    body = results(response)
    assert "Q/HE 001-2024" in body and "青岛海尔电冰箱有限公司" in body
    assert "GB/T 19001-2016" not in body
    assert reverse("declarations:detail", args=[scene.q_standard.pk]) in body


def test_the_search_page_filters_by_province_city_and_county(client, scene):
    response = client.get(reverse("declarations:search"), {"province": "44", "city": "4406"})
    assert '<option value="44" selected>' in response.content.decode()
    assert '<option value="4406" selected>' in response.content.decode()
    body = results(response)
    assert "GB/T 19001-2016" in body and "GB/T 7725-2004" not in body
    body = results(client.get(reverse("declarations:search"), {"county": "440402"}))
    assert "GB/T 7725-2004" in body and "GB/T 19001-2016" not in body


def test_a_county_outside_the_chosen_city_is_said_beside_its_field(client, scene):
    response = client.get(reverse("declarations:search"), {"city": "4406", "county": "440402"})
    assert "不属于所选城市" in response.content.decode()


def test_the_flagged_filter_on_the_page(client, scene):
    body = results(client.get(reverse("declarations:search"), {"flagged": "on"}))
    assert "GB/T 7725-2004" in body and "Q/HE 001-2024" not in body


def test_the_next_page_link_carries_the_last_id_and_the_filters(client, scene, monkeypatch):
    monkeypatch.setattr("biaozhun.declarations.selectors.search.PAGE_SIZE", 1)
    from biaozhun.declarations.selectors import search

    monkeypatch.setattr(search.search_declarations, "__kwdefaults__", {"after": None, "limit": 1})
    body = client.get(reverse("declarations:search"), {"q": "有限"}).content.decode()
    assert f"after={scene.flagged.pk}" in body and "q=%E6%9C%89%E9%99%90" in body
    body = results(client.get(reverse("declarations:search"), {"q": "有限", "after": scene.flagged.pk}))
    assert "GB/T 19001-2016" in body and "GB/T 7725-2004" not in body


def test_the_enterprise_page_shows_its_profile_declarations_products_and_withdrawn_history(
        client, scene, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        response = client.get(reverse("declarations:enterprise", args=[scene.haier.pk]))
    body = response.content.decode()
    scene.haier.refresh_from_db()
    assert scene.haier.uscc in body and "青岛市" in body  # 370212: 山东 青岛市
    published, withdrawn = body.split('id="withdrawn"')
    assert "Q/HE 001-2024" in published and "Q/HE 002-2020" not in published
    assert "Q/HE 002-2020" in withdrawn
    assert "BCD-470WGHSS" in body


def test_the_declaration_page_lists_safety_and_environment_indicators_apart(client, scene,
                                                                             django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        response = client.get(reverse("declarations:detail", args=[scene.q_standard.pk]))
    body = response.content.decode()
    performance = body.index('data-category="performance"')
    safety = body.index('data-category="safety"')
    environment = body.index('data-category="environment"')
    assert performance < safety < environment
    assert "能效指数" in body[performance:safety] and "泄漏电流" in body[safety:environment]
    assert "≤ 0.25" in body
    assert reverse("declarations:text", args=[scene.q_standard.pk]) in body
    assert reverse("declarations:version", args=[scene.q_standard.pk, 1]) in body


def test_the_declaration_page_says_the_checks_warnings_in_words_and_keeps_notes_for_the_enterprise(client, scene):
    body = client.get(reverse("declarations:detail", args=[scene.flagged.pk])).content.decode()
    assert "GB/T 7725-2004 已被代替，现行版本为 GB/T 7725-2022。" in body
    assert "尚未实施" not in body  # a note, not a warning


def test_a_withdrawn_declaration_keeps_its_page_and_versions_but_not_its_text(client, scene):
    body = client.get(reverse("declarations:detail", args=[scene.withdrawn.pk])).content.decode()
    assert 'id="withdrawn-notice"' in body
    assert reverse("declarations:text", args=[scene.withdrawn.pk]) not in body
    first = client.get(reverse("declarations:version", args=[scene.withdrawn.pk, 1]))
    assert first.status_code == 200 and "冷冻能力" in first.content.decode() and "≥ 4.5" in first.content.decode()
    assert client.get(reverse("declarations:version", args=[scene.withdrawn.pk, 3])).status_code == 404


def test_a_published_declarations_text_is_served_to_anyone(client, scene):
    response = client.get(reverse("declarations:text", args=[scene.q_standard.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 Q/HE 001"
    assert response["Cache-Control"] == "private, no-store"


def test_a_withdrawn_declarations_text_is_refused_with_the_reason(client, scene):
    response = client.get(reverse("declarations:text", args=[scene.withdrawn.pk]))
    assert response.status_code == 403
    assert "已撤回" in response.content.decode()


def test_a_declaration_without_a_text_answers_not_found(client, scene):
    assert client.get(reverse("declarations:text", args=[scene.national.pk])).status_code == 404


def test_the_product_page_lists_the_standards_it_executes(client, scene, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        body = client.get(reverse("declarations:product", args=[scene.fridge.pk])).content.decode()
    assert "Q/HE 001-2024" in body and "Q/HE 002-2020" not in body


def test_unknown_addresses_answer_not_found(client, scene):
    assert client.get(reverse("declarations:detail", args=[999999])).status_code == 404
    assert client.get(reverse("declarations:enterprise", args=[999999])).status_code == 404
    assert client.get(reverse("declarations:product", args=[999999])).status_code == 404


def test_a_below_mandatory_finding_reads_with_the_declared_value_and_the_limit_on_the_public_page():
    from biaozhun.declarations.check_text import public_findings
    from biaozhun.rules.declaration_checks import CheckCode, finding

    stored = finding(CheckCode.BELOW_MANDATORY, position=1, indicator="硫含量", declared="≤ 50 mg/kg",
                     limit="≤ 10 mg/kg", standard="GB 19147-2016", clause="技术要求（硫含量）", verified=True)
    (shown,) = public_findings([stored])
    assert "“硫含量”声明为 ≤ 50 mg/kg" in shown.text and "GB 19147-2016" in shown.text and "≤ 10 mg/kg" in shown.text
    assert "—" not in shown.text
