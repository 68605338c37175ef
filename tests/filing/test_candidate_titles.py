"""On a filing's work page, the coordination candidates' titles are escaped and the words they share with the filing
marked, whatever the title holds; results stored before the evidence became data still show, escaped."""

from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from biaozhun.filing.models import Filing
from biaozhun.filing.services import submit_filing
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db


def test_a_candidate_titled_with_a_script_shows_escaped_with_the_shared_words_marked(
        client, search_index, bureau, bureau_user, reviewer_user, make_input):
    make_standard("GB/T 30100-2020", title_zh="电动汽车<script>alert(1)</script>充电站通用要求",
                  published_on="2020-05-01", implemented_on="2020-11-01")
    search_index()
    filing = submit_filing(actor=bureau_user, authority=bureau,
                           data=make_input("DB32/T 9101-2026", title_zh="电动汽车充电站通用要求"))
    coordination, = [c for c in filing.checks if c["code"] == "coordination"]
    assert coordination["evidence"][0]["identifier"] == "GB/T 30100-2020"
    client.force_login(reviewer_user)
    response = client.get(f"/filing/work/{filing.pk}/")
    assertNotContains(response, "<script>alert(1)</script>")
    assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")
    assertContains(response, "<mark>充电站通用要求</mark>")
    assertContains(response, "<mark>电动汽车</mark>")


def test_a_result_stored_with_only_the_highlighted_html_still_shows_escaped(client, bureau_filing, reviewer_user):
    old = {"standard_id": 1, "identifier": "GB/T 29781-2013", "tier": "national", "status": "current",
           "score": 0.62, "highlight": "<mark>电动汽车充电站</mark>&lt;b&gt;通用要求&lt;/b&gt;"}
    checks = [c for c in bureau_filing.checks if c["code"] != "coordination"]
    checks.append({"code": "coordination", "outcome": "note", "params": {"candidates": 1, "flags": []},
                   "evidence": [old]})
    Filing.objects.filter(pk=bureau_filing.pk).update(checks=checks)  # as an older version of the check stored it
    client.force_login(reviewer_user)
    response = client.get(f"/filing/work/{bureau_filing.pk}/")
    assertContains(response, "<mark>电动汽车充电站</mark>&lt;b&gt;通用要求&lt;/b&gt;")
    assertNotContains(response, "<b>通用要求</b>")
