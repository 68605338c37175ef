"""The administration's set-up pages: a key product and a scheme made and edited through forms, each problem shown
on its field (of its indicator), "add an indicator" without script, refusals that write nothing, query budgets."""

import pytest
from django.urls import reverse

from biaozhun.core.actors import SYSTEM
from biaozhun.leaders.models import KeyProduct, LeadersEvent, Scheme
from biaozhun.leaders.services import run_ranking

from .scene import EFFICIENCY, declare, fridge, scheme

pytestmark = pytest.mark.django_db

PRODUCT = {"year": "2026", "name": "家用电冰箱", "domain": "家用电器", "keywords": "电冰箱、冷藏箱",
           "product_codes": "8418", "standards": "GB 12021.2-2015", "match": "any", "note": ""}


def _indicator(n: int, **fields) -> dict[str, str]:
    values = {"name": EFFICIENCY, "unit": "%", "direction": "lower", "key": "on", "threshold_kind": "fixed",
              "thresholds": "40, 50", "requirement": "62", "requirement_source": "GB 12021.2-2015 4.2",
              "aliases": "能源效率指数", **fields}
    return {f"indicators-{n}-{name}": value for name, value in values.items() if value is not None}


def _scheme_post(*indicators: dict[str, str], title: str = "2026 年度评估方案", **extra) -> dict[str, str]:
    data = {"title": title, "note": "", "indicators-TOTAL_FORMS": str(len(indicators)),
            "indicators-INITIAL_FORMS": "0", "indicators-MIN_NUM_FORMS": "0", "indicators-MAX_NUM_FORMS": "20", **extra}
    for indicator in indicators:
        data.update(indicator)
    return data


def test_an_administrator_sets_up_a_key_product_then_its_scheme(client, admin_user):
    client.force_login(admin_user)
    assert client.get(reverse("leaders:product_new")).status_code == 200
    response = client.post(reverse("leaders:product_new"), PRODUCT)
    product = KeyProduct.objects.get()
    assert response.url == reverse("leaders:scheme_new", args=[product.pk])
    assert (product.keywords, product.product_codes, product.standards) == (["电冰箱", "冷藏箱"], ["8418"],
                                                                            ["GB 12021.2"])
    assert client.get(response.url).status_code == 200
    noise = _indicator(1, name="噪声", unit="dB(A)", key=None, thresholds="36 40", requirement="45", aliases="")
    response = client.post(response.url, _scheme_post(_indicator(0), noise))
    plan = Scheme.objects.get()
    assert response.url == f"{product.get_absolute_url()}#scheme-{plan.pk}"
    assert list(plan.indicators.values_list("name", "key", "thresholds", "aliases")) == [
        (EFFICIENCY, True, ["40", "50"], ["能源效率指数"]), ("噪声", False, ["36", "40"], [])]
    assert plan.created_by == admin_user


def test_a_problem_of_a_key_product_shows_on_its_field_and_nothing_is_written(client, reviewer_user):
    client.force_login(reviewer_user)
    response = client.post(reverse("leaders:product_new"), {**PRODUCT, "keywords": "", "product_codes": "",
                                                              "standards": ""})
    assert response.status_code == 422
    assert response.context["form"].errors["keywords"] == [
        "请至少填写一个产品名称关键词、一个产品编码范围或一项执行标准，用来确定哪些声明参与评估。"]
    assert not KeyProduct.objects.exists() and not LeadersEvent.objects.exists()


def test_a_problem_of_an_indicator_shows_on_that_indicators_field_and_nothing_is_written(client, reviewer_user):
    product = fridge()
    client.force_login(reviewer_user)
    blank = _indicator(1, name="", unit="", thresholds="", requirement="", requirement_source="", aliases="")
    bad = _indicator(2, name="噪声", unit="dB(A)", key=None, thresholds="50, 40", requirement="45", aliases="")
    response = client.post(reverse("leaders:scheme_new", args=[product.pk]), _scheme_post(_indicator(0), blank, bad))
    assert response.status_code == 422
    forms = response.context["indicators"].forms
    assert forms[2].errors["thresholds"] == [
        "噪声：固定界限应从最好的一档开始，每档严于下一档，且都严于标准要求（最低一档不得低于标准要求）。"]
    assert not forms[0].errors and not forms[1].errors  # the blank indicator is left out, not refused
    html = response.content.decode()
    assert 'id="indicator-3"' in html and "is-invalid" in html
    assert not Scheme.objects.exists()


def test_add_an_indicator_shows_one_more_blank_one_without_saving(client, reviewer_user):
    product = fridge()
    client.force_login(reviewer_user)
    response = client.post(reverse("leaders:scheme_new", args=[product.pk]),
                           _scheme_post(_indicator(0), add_indicator="1"))
    assert response.status_code == 200
    assert response.context["indicators"].total_form_count() == 2
    assert response.context["indicators"].forms[0]["name"].value() == EFFICIENCY  # what was typed is kept
    assert not Scheme.objects.exists()


def test_a_scheme_needs_a_key_indicator_said_above_the_indicators(client, reviewer_user):
    product = fridge()
    client.force_login(reviewer_user)
    response = client.post(reverse("leaders:scheme_new", args=[product.pk]), _scheme_post(_indicator(0, key=None)))
    assert response.status_code == 422
    assert response.context["indicators"].scheme_errors == ["请至少指定一个关键指标：综合分档由关键指标决定。"]
    assert 'id="indicator-errors"' in response.content.decode()


def test_the_owner_edits_a_ranked_scheme_into_a_new_version_and_the_page_says_runs_are_kept(client, admin_user):
    plan = scheme(fridge())
    declare((EFFICIENCY, "eq", 38, 38))
    run_ranking(SYSTEM, scheme=plan)
    client.force_login(admin_user)
    page = client.get(reverse("leaders:scheme_edit", args=[plan.pk]))
    assert 'id="runs-kept"' in page.content.decode()
    assert page.context["indicators"].forms[0]["thresholds"].value() == "40, 50"
    data = _scheme_post(_indicator(0, thresholds="38, 48"), title="2026 方案（修订）", expected_version="1")
    data["indicators-INITIAL_FORMS"] = "1"
    response = client.post(reverse("leaders:scheme_edit", args=[plan.pk]), data)
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.version, plan.title) == (2, "2026 方案（修订）")
    stale = client.post(reverse("leaders:scheme_edit", args=[plan.pk]), {**data, "title": "又一版"})
    assert stale.status_code == 409 and "已有其他人修改" in stale.content.decode()
    assert Scheme.objects.get().title == "2026 方案（修订）"


def test_the_set_up_pages_are_refused_to_others_and_nothing_is_written(client, enterprise_user, reviewer_user):
    product = fridge()
    plan = scheme(product)  # the platform's: only administrators edit it
    client.force_login(enterprise_user)
    assert client.get(reverse("leaders:product_new")).status_code == 403
    assert client.post(reverse("leaders:product_new"), {**PRODUCT, "name": "洗衣机"}).status_code == 403
    assert client.post(reverse("leaders:scheme_new", args=[product.pk]), _scheme_post(_indicator(0))).status_code \
        == 403
    assert client.get(reverse("leaders:scheme_mapping", args=[plan.pk])).status_code == 403
    client.force_login(reviewer_user)
    assert client.post(reverse("leaders:scheme_edit", args=[plan.pk]),
                       _scheme_post(_indicator(0), expected_version="1")).status_code == 403
    assert client.post(reverse("leaders:product_edit", args=[product.pk]), PRODUCT).status_code == 403
    assert KeyProduct.objects.count() == 1 and Scheme.objects.get().version == 1
    assert LeadersEvent.objects.count() == 2  # the key product's and the scheme's own


def test_the_product_page_offers_the_set_up_actions_within_its_query_budget(client, admin_user, reviewer_user,
                                                                             django_assert_max_num_queries):
    product = fridge()
    scheme(product)
    scheme(product, title="第二方案")
    client.force_login(admin_user)
    with django_assert_max_num_queries(12):
        html = client.get(product.get_absolute_url()).content.decode()
    for name in ("product_edit", "scheme_new"):
        assert reverse(f"leaders:{name}", args=[product.pk]) in html
    assert html.count("/edit/") == 3  # the key product and both schemes
    client.force_login(reviewer_user)  # may rank, may not edit what the platform set up
    html = client.get(product.get_absolute_url()).content.decode()
    assert "按此方案分档" in html and "/edit/" not in html
    client.logout()
    html = client.get(product.get_absolute_url()).content.decode()
    assert "按此方案分档" not in html and "/edit/" not in html


def test_the_set_up_forms_render_within_their_query_budgets(client, admin_user, django_assert_max_num_queries):
    product = fridge()
    plan = scheme(product)
    client.force_login(admin_user)
    for url in (reverse("leaders:product_new"), reverse("leaders:product_edit", args=[product.pk]),
                reverse("leaders:scheme_new", args=[product.pk]), reverse("leaders:scheme_edit", args=[plan.pk])):
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200
