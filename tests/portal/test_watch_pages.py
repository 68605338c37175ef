"""Following on a standard's page shows the state and undoes it; the watch list reads as people talk."""

import pytest

from biaozhun.portal.models import Watch
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db


@pytest.fixture
def editions():
    old = make_standard("GB/T 1234-2012", title_zh="锂离子电池 安全要求", title_en="Lithium-ion batteries—Safety",
                        published_on="2012-01-01", implemented_on="2012-06-01")
    new = make_standard("GB/T 1234-2026", title_zh="锂离子电池 安全技术规范", title_en="Lithium-ion batteries—Safety code",
                        published_on="2026-01-01", implemented_on="2026-06-01", replaces=["GB/T 1234-2012"])
    return old, new


def detail(client, standard) -> str:
    return client.get(standard.get_absolute_url()).content.decode()


def test_following_this_edition_shows_the_state_and_a_way_back(client, registered_user, editions):
    old, _new = editions
    client.force_login(registered_user)
    assert "关注本版本" in detail(client, old) and "已关注本版本" not in detail(client, old)
    response = client.post(f"/watch/standard/{old.pk}/", {"scope": "edition"}, follow=True)
    page = response.content.decode()
    assert "已关注本版本" in page and "取消关注" in page
    assert 'value="edition"' not in page  # no second 关注 button for the same edition
    assert 'value="series"' in page  # every edition is not followed yet


def test_following_every_edition_shows_on_each_edition(client, registered_user, editions):
    old, new = editions
    client.force_login(registered_user)
    client.post(f"/watch/standard/{old.pk}/", {"scope": "series"})
    for standard in (old, new):
        page = detail(client, standard)
        assert "已关注 GB/T 1234 的所有版本" in page and 'value="series"' not in page
        assert 'value="edition"' in page  # this edition on its own is not followed


def test_unfollowing_from_the_page_returns_to_the_page(client, registered_user, editions):
    old, _new = editions
    client.force_login(registered_user)
    client.post(f"/watch/standard/{old.pk}/", {"scope": "edition"})
    watch = Watch.objects.get(user=registered_user)
    response = client.post(f"/watch/{watch.pk}/remove/", {"next": old.get_absolute_url()})
    assert response.status_code == 302 and response["Location"] == old.get_absolute_url()
    assert not Watch.objects.exists()
    assert "关注本版本" in detail(client, old) and "已关注本版本" not in detail(client, old)


def test_unfollowing_never_redirects_elsewhere(client, registered_user, editions):
    old, _new = editions
    client.force_login(registered_user)
    client.post(f"/watch/standard/{old.pk}/", {"scope": "edition"})
    watch = Watch.objects.get(user=registered_user)
    response = client.post(f"/watch/{watch.pk}/remove/", {"next": "https://evil.example.org/"})
    assert response["Location"] == "/watch/"


def test_another_persons_watch_does_not_show_as_mine(client, registered_user, editions, admin_user):
    old, _new = editions
    Watch.objects.create(user=admin_user, kind=Watch.Kind.EDITION, standard=old, undated=old.undated)
    client.force_login(registered_user)
    assert "已关注本版本" not in detail(client, old)


def test_the_watch_list_shows_titles_and_labels_not_codes(client, registered_user, editions):
    old, _new = editions
    client.force_login(registered_user)
    client.post(f"/watch/standard/{old.pk}/", {"scope": "edition"})
    client.post(f"/watch/standard/{old.pk}/", {"scope": "series"})
    client.post("/watch/search/", {"q": "电池", "tier": "national", "status": "current", "ccs": "A00"})
    page = client.get("/watch/").content.decode()
    assert "锂离子电池 安全要求" in page  # the followed edition's title
    assert "锂离子电池 安全技术规范" in page and "最新版本：GB/T 1234-2026" in page  # every edition: the newest's
    assert "“电池” · 国家标准 · 现行 · A00 标准化、质量管理" in page
    for raw in ("national", "current", "电池 · national"):
        assert f">{raw}" not in page and f"{raw} ·" not in page
    assert "tier=national&amp;status=current" in page or "tier=national" in page  # the link keeps the query


def test_the_watch_list_in_english(client, registered_user, editions):
    old, _new = editions
    client.force_login(registered_user)
    client.post(f"/watch/standard/{old.pk}/", {"scope": "series"})
    client.post("/watch/search/", {"tier": "national", "status": "current"})
    client.cookies["django_language"] = "en"
    page = client.get("/watch/").content.decode()
    assert "Lithium-ion batteries—Safety code" in page and "锂离子电池" not in page
    assert "National standard · In force" in page


def test_a_saved_search_with_its_own_name_keeps_it(client, registered_user):
    client.force_login(registered_user)
    client.post("/watch/search/", {"q": "电池", "tier": "national", "label": "我的电池标准"})
    page = client.get("/watch/").content.decode()
    assert "我的电池标准" in page and "“电池” · 国家标准" in page
