"""Watch lists: follow editions, numbers and searches; one email digest per person when they change."""

from datetime import date

import pytest
import time_machine
from django.core import mail
from django.utils import translation

from biaozhun.catalog.services import abolish_standard, refresh_due_statuses
from biaozhun.core.actors import SYSTEM
from biaozhun.core.errors import ValidationFailed
from biaozhun.portal.models import FeedCursor, Watch, WatchNotification
from biaozhun.portal.notifications import send_watch_notifications
from biaozhun.portal.services import save_search, watch_standard
from tests.factories.accounts import UserFactory
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    with time_machine.travel(date(2026, 11, 25), tick=False):
        return make_standard("GB/T 1234-2012", published_on="2012-01-01", implemented_on="2012-06-01",
                             title_zh="锂离子电池 安全要求")


@pytest.fixture
def started_feed():
    """The notifier's first run only sets its starting point."""
    assert send_watch_notifications() == 0
    assert FeedCursor.objects.get(name="watch")


def test_following_from_the_detail_page(client, registered_user, edition):
    client.force_login(registered_user)
    client.post(f"/watch/standard/{edition.pk}/", {"scope": "edition"})
    client.post(f"/watch/standard/{edition.pk}/", {"scope": "series"})
    client.post(f"/watch/standard/{edition.pk}/", {"scope": "series"})  # twice is still one watch
    assert sorted(registered_user.watches.values_list("kind", flat=True)) == ["edition", "series"]
    page = client.get("/watch/").content.decode()
    assert "GB/T 1234-2012" in page and "GB/T 1234" in page


def test_anonymous_visitors_are_sent_to_login(client, edition):
    response = client.post(f"/watch/standard/{edition.pk}/", {"scope": "edition"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Watch.objects.exists()


def test_someone_elses_watch_cannot_be_removed(client, registered_user, edition):
    other = UserFactory()
    watch = Watch.objects.create(user=other, kind=Watch.Kind.EDITION, standard=edition, undated=edition.undated)
    client.force_login(registered_user)
    assert client.post(f"/watch/{watch.pk}/remove/").status_code == 404
    assert Watch.objects.filter(pk=watch.pk).exists()


def test_status_change_new_edition_and_amendment_are_mailed_once(client, registered_user, edition, started_feed):
    client.force_login(registered_user)
    client.post(f"/watch/standard/{edition.pk}/", {"scope": "series"})
    with time_machine.travel(date(2026, 11, 25), tick=False):
        make_standard("GB/T 1234-2026", published_on="2026-11-01", implemented_on="2027-06-01",
                      replaces=["GB/T 1234-2012"], amendments=[{"number": 1, "published_on": "2026-11-20"}])
    refresh_due_statuses(actor=SYSTEM, today=date(2027, 6, 1))  # the new edition comes into force, the old one is replaced
    assert send_watch_notifications() == 1
    [email] = mail.outbox
    assert email.to == [registered_user.email]
    assert "GB/T 1234-2026" in email.body and "修改单" in email.body and "被代替" in email.body
    assert send_watch_notifications() == 0  # nothing new: nothing sent again
    assert WatchNotification.objects.count() == 1


def test_saved_search_matches_new_standards(client, registered_user, started_feed):
    client.force_login(registered_user)
    client.post("/watch/search/", {"q": "锂离子", "tier": "national"})
    make_standard("GB/T 5555-2026", title_zh="锂离子电池 通用规范")
    make_standard("GB/T 5556-2026", title_zh="铅酸蓄电池")
    make_standard("DB11/T 5557-2026", title_zh="锂离子电池 储能")
    send_watch_notifications()
    [email] = mail.outbox
    assert "GB/T 5555-2026" in email.body
    assert "5556" not in email.body and "DB11/T" not in email.body


def test_email_in_the_persons_language(registered_user, edition, started_feed, admin_user):
    registered_user.language = "en"
    registered_user.save()
    Watch.objects.create(user=registered_user, kind=Watch.Kind.EDITION, standard=edition, undated=edition.undated)
    with time_machine.travel(date(2026, 11, 25), tick=False):
        abolish_standard(actor=admin_user, standard=edition, on=date(2026, 1, 1), reason="")
    send_watch_notifications()
    [email] = mail.outbox
    assert email.subject == "[Biaozhun] 2 changes to standards you follow"
    assert "Status changed to Abolished" in email.body
    assert "Abolished from 2026-01-01" in email.body


def test_saved_search_needs_a_condition(client, registered_user):
    client.force_login(registered_user)
    client.post("/watch/search/", {"q": ""})
    assert not Watch.objects.exists()


def test_a_search_that_cannot_be_saved_says_why_in_the_readers_language(registered_user):
    with pytest.raises(ValidationFailed) as caught:
        save_search(actor=registered_user, params={"tier": "galactic"})
    assert caught.value.message == "检索条件未能保存，请按提示修改。"
    assert "国家标准" in caught.value.errors[0]["message"]
    with translation.override("en"), pytest.raises(ValidationFailed) as caught:
        save_search(actor=registered_user, params={})
    assert caught.value.errors == [{"field": "q", "message": "Enter a keyword or a standard number, or choose a filter."}]


def test_the_watch_list_has_room_for_five_hundred(registered_user, edition, monkeypatch):
    from biaozhun.portal import services

    monkeypatch.setattr(services, "MAX_WATCHES", 0)
    with translation.override("en"), pytest.raises(ValidationFailed, match="You follow 0 items, the most allowed"):
        watch_standard(actor=registered_user, standard=edition, all_editions=False)
    assert not Watch.objects.exists()
