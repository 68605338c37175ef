"""What the public sees and when: the commitment from the announcement on, the seed and the files only from the
draw, findings only from publication; the same through the API; query budgets on the lists."""

import pytest
from django.urls import reverse

from tests.fixtures.inspections import make_population

pytestmark = pytest.mark.django_db


def test_a_draft_is_seen_by_its_authority_only(client, draft_campaign, bureau_user):
    assert client.get(reverse("inspections:detail", args=[draft_campaign.pk])).status_code == 404
    assert client.get(f"/api/v1/inspections/{draft_campaign.pk}").status_code == 404
    client.force_login(bureau_user)
    assert client.get(reverse("inspections:detail", args=[draft_campaign.pk])).status_code == 200


def test_the_commitment_is_public_before_the_draw_and_the_seed_is_not(client, committed_campaign):
    page = client.get(reverse("inspections:detail", args=[committed_campaign.pk])).content.decode()
    assert committed_campaign.commitment in page and committed_campaign.population_sha256 in page
    assert committed_campaign.seed not in page and 'id="seed-hidden"' in page
    api = client.get(f"/api/v1/inspections/{committed_campaign.pk}").json()
    assert api["commitment"] == committed_campaign.commitment and api["seed"] is None and api["items"] is None
    assert committed_campaign.seed not in str(api)
    snapshot = client.get(reverse("inspections:population_snapshot", args=[committed_campaign.pk]))
    assert snapshot.status_code in (302, 403)
    assert client.get(reverse("inspections:verify", args=[committed_campaign.pk])).status_code in (302, 403)


def test_after_the_draw_the_seed_files_and_sample_are_public(client, drawn_campaign):
    page = client.get(reverse("inspections:detail", args=[drawn_campaign.pk])).content.decode()
    assert drawn_campaign.seed_revealed in page and "python -m biaozhun.rules.draw verify" in page
    first = drawn_campaign.items.order_by("rank").first()
    assert first.key in page
    api = client.get(f"/api/v1/inspections/{drawn_campaign.pk}").json()
    assert api["seed"] == drawn_campaign.seed_revealed
    assert [i["key"] for i in api["items"]] == list(drawn_campaign.items.order_by("rank").values_list("key",
                                                                                                   flat=True))
    assert all(i["findings"] is None for i in api["items"])


def test_the_verify_page_shows_a_match_and_a_mismatch(client, drawn_campaign):
    page = client.get(reverse("inspections:verify", args=[drawn_campaign.pk])).content.decode()
    assert "alert-success" in page
    drawn_campaign.items.filter(rank=1).update(key="0" * 18)
    page = client.get(reverse("inspections:verify", args=[drawn_campaign.pk])).content.decode()
    assert "alert-danger" in page


def test_published_results_show_findings_and_orders(client, published_campaign):
    api = client.get(f"/api/v1/inspections/{published_campaign.pk}").json()
    first = api["items"][0]
    assert {f["outcome"] for f in first["findings"]} == {"conforming", "non_conforming"}
    assert first["correction"] == "open"
    page = client.get(reverse("inspections:detail", args=[published_campaign.pk])).content.decode()
    assert "未公开指标" in page


def test_the_campaign_list_and_page_keep_their_query_budgets(client, drawn_campaign, bureau, bureau_user,
                                                             django_assert_max_num_queries):
    from biaozhun.inspections import services

    for n in range(3):
        services.create_campaign(bureau_user, authority=bureau, year=2025, title=f"其他{n}", size=1,
                                 check_items=["numbering"])
    with django_assert_max_num_queries(6):
        assert client.get(reverse("inspections:list")).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("inspections:detail", args=[drawn_campaign.pk])).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(f"/api/v1/inspections/{drawn_campaign.pk}").status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get("/api/v1/inspections/").status_code == 200


def test_the_public_list_keeps_its_query_budget(client, published_campaign, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        assert client.get(reverse("inspections:non_compliance")).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get("/api/v1/inspections/non-compliance/").status_code == 200


def test_the_authority_campaign_page_and_the_inspector_dashboard_render(client, drawn_campaign, bureau_user,
                                                                        sampled_item, inspector_user):
    client.force_login(bureau_user)
    page = client.get(reverse("inspections:work_campaign", args=[drawn_campaign.pk]))
    assert page.status_code == 200 and 'id="move-complete"' in page.content.decode()
    client.force_login(inspector_user)
    dashboard = client.get(reverse("inspections:work_dashboard")).content.decode()
    assert reverse("inspections:work_item", args=[sampled_item.pk]) in dashboard
    assert client.get(reverse("inspections:work_item", args=[sampled_item.pk])).status_code == 200


def test_the_authority_creates_a_campaign_through_the_form(client, bureau_user, pool):
    make_population(3)
    client.force_login(bureau_user)
    response = client.post(reverse("inspections:work_new"), {
        "year": 2026, "title": "电冰箱企业标准抽查", "rate": "0.5", "inspectors_per_item": 2,
        "region_level": "county", "exclude_same_organisation": "on", "exclude_same_region": "on",
        "check_items": ["numbering", "disclosure"]})
    assert response.status_code == 302
    refused = client.post(reverse("inspections:work_new"), {"year": 2026, "title": "x", "inspectors_per_item": 2,
                                                          "region_level": "county", "check_items": ["numbering"]})
    assert refused.status_code == 422 and "请填写抽查比例或抽查数量中的一项" in refused.content.decode()
