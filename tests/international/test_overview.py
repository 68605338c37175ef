"""/international/: the public door to international standardization, each part's figure with its link; the ballots'
line only for those who may see ballots."""

import pytest
from django.urls import reverse

from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db


def test_the_public_page_counts_each_part_and_links_to_it(client, jtc1, iso_tc176, china_work_item, tc28_iso_ballot):
    make_standard("ISO 9001:2015", title_zh="", title_en="Quality management systems — Requirements")
    page = client.get(reverse("international:index"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "目录中现行的 ISO/IEC 国际标准 1 项" in text
    assert "我国为 P 成员 2 个、O 成员 1 个，2 个有国内技术对口单位" in text  # JTC 1 and SC 27 are P, TC 176 is O
    assert "我国牵头的国际标准提案 1 项" in text
    assert 'id="adoption-rate">0.0%</span>' in text and "低于 90% 的目标" in text  # nothing adopts ISO 9001:2015 here
    for name in ("adoption_index", "adoption_candidates", "adoption_behind", "participation_register", "participation_posts", "participation_work_items", "translations_plan",
                 "indicators_list"):
        assert f'href="{reverse(f"international:{name}")}"' in text
    assert reverse("international:participation_ballots") not in text  # the public sees no ballot


def test_a_mirror_committees_secretariat_sees_its_open_ballots(client, secretariat_user, tc28_iso_ballot, tc151_iso_ballot):
    client.force_login(secretariat_user)
    text = client.get(reverse("international:index")).content.decode()
    assert "未截止且尚未投票的国际投票 1 项" in text  # its committee's, not SAC/TC 151's


def test_every_page_links_to_it(client):
    assert f'href="{reverse("international:index")}"' in client.get("/").content.decode()
