"""The declarations write API: products, declare (multipart JSON + PDF), revise, withdraw; refusals as problem+json
that write nothing."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from biaozhun.accounts.services import create_api_token
from biaozhun.declarations.models import Declaration, DeclarationVersion, Product
from tests.factories.files import real_pdf

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


def bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(actor=user, name='脚本')[1]}"}


def multipart(data: dict, text: bytes | None = None) -> dict:
    body = {"declaration": json.dumps(data, ensure_ascii=False)}
    if text is not None:
        body["text"] = SimpleUploadedFile("text.pdf", text, "application/pdf")
    return body


def q_fields(product, **overrides) -> dict:
    return {"source": "enterprise", "identifier": "Q/CSQY 001-2025", "title": "车用柴油", "products": [product.pk],
            "indicators": [{"name": "硫含量", "unit": "mg/kg", "comparator": "le", "upper": "50",
                            "category": "environment"}], **overrides}


def test_an_enterprise_declares_through_the_api_and_gets_the_checks(client, enterprise_user, enterprise_profile,
                                                                      product):
    url = f"/api/v1/declarations/work/enterprises/{enterprise_profile.pk}/declarations"
    response = client.post(url, multipart(q_fields(product), real_pdf("Q")), **bearer(enterprise_user))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["identifier"] == "Q/CSQY 001-2025" and body["version"] == 1 and body["flagged"] is True
    assert [c["code"] for c in body["checks"]] == ["below_mandatory"]
    assert "GB 19147-2016" in body["checks"][0]["message"]
    assert Declaration.objects.get().fulltext_sha256


def test_an_unknown_standard_is_refused_with_422_naming_the_field(client, enterprise_user, enterprise_profile,
                                                                  product, diesel_standards):
    url = f"/api/v1/declarations/work/enterprises/{enterprise_profile.pk}/declarations"
    response = client.post(url, multipart({"source": "catalogue", "identifier": "GB 19147-2009",
                                           "products": [product.pk]}), **bearer(enterprise_user))
    assert response.status_code == 422 and response["Content-Type"] == PROBLEM
    assert response.json()["errors"][0]["field"] == "identifier"
    assert not Declaration.objects.exists()


def test_others_are_refused_without_writing(client, registered_user, bureau_user, enterprise_profile, product):
    url = f"/api/v1/declarations/work/enterprises/{enterprise_profile.pk}/declarations"
    assert client.post(url, multipart(q_fields(product))).status_code == 401
    # Someone unrelated does not learn the enterprise exists; the bureau of its region sees it but may not declare.
    assert client.post(url, multipart(q_fields(product)), **bearer(registered_user)).status_code == 404
    assert client.post(url, multipart(q_fields(product)), **bearer(bureau_user)).status_code == 403
    assert not Declaration.objects.exists()


def test_products_are_listed_and_added(client, enterprise_user, enterprise_profile, product,
                                       django_assert_max_num_queries):
    url = f"/api/v1/declarations/work/enterprises/{enterprise_profile.pk}/products"
    token = bearer(enterprise_user)
    response = client.post(url, {"name": "车用汽油", "model": "92号"}, content_type="application/json", **token)
    assert response.status_code == 201 and response.json()["name"] == "车用汽油"
    with django_assert_max_num_queries(8):
        listed = client.get(url, **token).json()
    assert [p["name"] for p in listed] == ["车用柴油", "车用汽油"]
    assert Product.objects.count() == 2


def test_revise_and_withdraw_through_the_api(client, enterprise_user, declaration, product, diesel_standards):
    token = bearer(enterprise_user)
    base = f"/api/v1/declarations/work/declarations/{declaration.pk}"
    stale = client.post(f"{base}/revise", multipart({"source": "catalogue", "identifier": "GB 19147-2013",
                                                     "products": [product.pk], "expected_version": 9}), **token)
    assert stale.status_code == 422 and DeclarationVersion.objects.count() == 1
    revised = client.post(f"{base}/revise", multipart({"source": "catalogue", "identifier": "GB 19147-2013",
                                                       "products": [product.pk], "expected_version": 1}), **token)
    assert revised.status_code == 200 and revised.json()["version"] == 2
    assert revised.json()["checks"][0]["params"]["current"] == "GB 19147-2016"
    withdrawn = client.post(f"{base}/withdraw", {"reason": "停产"}, content_type="application/json", **token)
    assert withdrawn.json()["state"] == "withdrawn"
    again = client.post(f"{base}/withdraw", {}, content_type="application/json", **token)
    assert again.status_code == 409
