"""The enterprise's work pages: profile, products, the declare form with its indicator table, a declaration's page
with its checks and history, revision and withdrawal; refusals and query budgets."""

import pytest
from django.urls import reverse

from biaozhun.declarations.models import Declaration, DeclarationState, EnterpriseProfile, Product

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client, enterprise_user):
    client.force_login(enterprise_user)
    return client


def indicator_post(**rows):
    data = {f"indicator_{k}": v for k, v in rows.items()}
    return data


def test_the_dashboard_takes_a_member_of_one_enterprise_to_its_declarations(member, enterprise):
    response = member.get(reverse("declarations:work_dashboard"))
    assert response.status_code == 302
    assert response["Location"] == reverse("declarations:work_enterprise", args=[enterprise.pk])


def test_the_profile_form_saves_a_county_code_and_says_what_is_wrong_with_a_bad_one(member, enterprise):
    url = reverse("declarations:work_profile", args=[enterprise.pk])
    refused = member.post(url, {"region_code": "329902"})
    assert refused.status_code == 422
    assert "不是已知的地级市代码" in refused.content.decode()
    assert not EnterpriseProfile.objects.exists()
    assert member.post(url, {"region_code": "320102", "standard_code": "csqy"}).status_code == 302
    assert EnterpriseProfile.objects.get().standard_code == "CSQY"


def test_products_are_added_and_listed(member, enterprise):
    url = reverse("declarations:work_products", args=[enterprise.pk])
    assert member.post(url, {"name": "车用柴油", "model": "0号"}).status_code == 302
    response = member.get(url)
    assert "车用柴油" in response.content.decode()
    refused = member.post(url, {"name": "车用柴油", "model": "0号"})
    assert refused.status_code == 422 and "已有名称和型号规格相同的产品" in refused.content.decode()
    assert Product.objects.count() == 1


def test_declaring_an_enterprise_standard_with_an_indicator_table_shows_its_checks(member, enterprise_profile, product):
    url = reverse("declarations:work_declare", args=[enterprise_profile.organisation.pk])
    assert 'data-indicator-template' in member.get(url).content.decode()
    data = {"source": "enterprise", "identifier": "Q/CSQY 001-2025", "title": "车用柴油", "products": [product.pk],
            "indicator_name": ["硫含量", "", "闪点"], "indicator_unit": ["mg/kg", "", "℃"],
            "indicator_comparator": ["le", "le", "ge"], "indicator_lower": ["", "", "60"],
            "indicator_upper": ["50", "", ""], "indicator_text": ["", "", ""], "indicator_test_method": ["", "", ""],
            "indicator_category": ["environment", "performance", "safety"]}
    response = member.post(url, data, follow=True)
    declaration = Declaration.objects.get()
    assert list(declaration.indicators.values_list("position", "name")) == [(1, "硫含量"), (2, "闪点")]
    page = response.content.decode()
    assert 'data-check="below_mandatory"' in page
    assert "GB 19147-2016" in page and "不得低于强制性国家标准" in page


def test_a_refused_declaration_keeps_the_table_and_names_the_row(member, enterprise_profile, product):
    url = reverse("declarations:work_declare", args=[enterprise_profile.organisation.pk])
    data = {"source": "enterprise", "identifier": "Q/CSQY 001-2025", "title": "车用柴油", "products": [product.pk],
            "indicator_name": ["硫含量"], "indicator_unit": ["mg/kg"], "indicator_comparator": ["range"],
            "indicator_lower": ["5"], "indicator_upper": ["1"], "indicator_text": [""],
            "indicator_test_method": [""], "indicator_category": ["performance"]}
    response = member.post(url, data)
    assert response.status_code == 422
    page = response.content.decode()
    assert "下限大于上限" in page and 'value="硫含量"' in page
    assert not Declaration.objects.exists()


def test_an_unknown_catalogue_standard_is_refused_on_the_number_field(member, enterprise_profile, product, db):
    url = reverse("declarations:work_declare", args=[enterprise_profile.organisation.pk])
    response = member.post(url, {"source": "catalogue", "identifier": "GB 19147-2009", "products": [product.pk]})
    assert response.status_code == 422
    assert "标准目录中没有 GB 19147-2009" in response.content.decode()


def test_revising_and_withdrawing_from_the_page_keep_the_versions(member, declaration, product, diesel_standards):
    url = reverse("declarations:work_revise", args=[declaration.pk])
    assert member.get(url).status_code == 200
    response = member.post(url, {"identifier": "GB 19147-2013", "products": [product.pk], "expected_version": 1,
                                 "reason": "改回旧版"}, follow=True)
    assert response.status_code == 200
    declaration.refresh_from_db()
    assert declaration.version == 2 and declaration.flagged
    assert "第 2 版" in response.content.decode() and "现行版本为 GB 19147-2016" in response.content.decode()
    member.post(reverse("declarations:work_withdraw", args=[declaration.pk]), {"reason": "停产"})
    declaration.refresh_from_db()
    assert declaration.state == DeclarationState.WITHDRAWN
    assert declaration.versions.count() == 2


@pytest.mark.parametrize("role", ["registered_user", "bureau_user"])
def test_others_cannot_use_an_enterprises_forms_and_nothing_is_written(client, request, role, enterprise_profile,
                                                                       product):
    client.force_login(request.getfixturevalue(role))
    enterprise = enterprise_profile.organisation
    for name in ("work_declare", "work_products", "work_profile"):
        response = client.post(reverse(f"declarations:{name}", args=[enterprise.pk]),
                               {"name": "x", "region_code": "320104", "source": "catalogue"})
        assert response.status_code in (403, 404)
    assert Product.objects.count() == 1 and not Declaration.objects.exists()
    assert EnterpriseProfile.objects.get().region_code == "320102"


def test_the_declaration_page_is_seen_by_the_bureau_of_its_region_but_not_changed(client, bureau_user, declaration):
    client.force_login(bureau_user)
    assert client.get(reverse("declarations:work_detail", args=[declaration.pk])).status_code == 200
    assert client.post(reverse("declarations:work_withdraw", args=[declaration.pk])).status_code == 403
    declaration.refresh_from_db()
    assert declaration.state == DeclarationState.PUBLISHED


def test_list_pages_keep_to_a_query_budget(member, enterprise_profile, django_assert_max_num_queries):
    from tests.factories.declarations import DeclarationFactory, ProductFactory

    enterprise = enterprise_profile.organisation
    products = [ProductFactory(enterprise=enterprise) for _ in range(5)]
    for n in range(30):
        DeclarationFactory(enterprise=enterprise, products=products[: 1 + n % 5])
    for name in ("work_enterprise", "work_products"):
        with django_assert_max_num_queries(14):
            response = member.get(reverse(f"declarations:{name}", args=[enterprise.pk]))
        assert response.status_code == 200
    declaration = Declaration.objects.first()
    with django_assert_max_num_queries(14):
        assert member.get(reverse("declarations:work_detail", args=[declaration.pk])).status_code == 200
