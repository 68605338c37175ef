"""A missing, unreadable or lagging search index is said, never shown as "0 results", and repairs itself.

Before: a reader created an empty index where the directory had gone, the page answered "共 0 条", there was no
health endpoint, and `search_sync` refused an index ahead of the catalogue until someone ran search_rebuild."""

from __future__ import annotations

import shutil
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from biaozhun.search.engine import search_settings
from biaozhun.search.feed import CatchUpAction, catch_up
from biaozhun.search.health import IndexCondition, check_index
from biaozhun.search.locks import rebuild_lock
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db

REBUILDING = "搜索索引正在重建"
BEHIND = "搜索索引正在更新，结果可能不完整"


@pytest.fixture
def indexed(search_index):
    make_standard("GB/T 14726-2002", title_zh="锂离子电池 安全要求")
    make_standard("GB/T 19001-2016", title_zh="质量管理体系 要求")
    search_index()
    return search_index


def _page(client, q="锂离子电池"):
    response = client.get("/standards/", {"q": q})
    return response.status_code, response.content.decode()


def _root():
    return search_settings()[1]


def test_a_deleted_index_is_announced_then_rebuilt_by_the_follower(client, indexed):
    status, page = _page(client)
    assert status == 200 and "GB/T 14726-2002" in page and REBUILDING not in page
    assert client.get("/readyz").status_code == 200

    shutil.rmtree(_root())  # the machine lost its index (disk replaced, directory removed by hand)

    status, page = _page(client)
    assert status == 503 and REBUILDING in page
    assert "共 0 条" not in page and "GB/T 14726-2002" not in page
    assert not _root().exists(), "a reader must not create an empty index in its place"
    ready = client.get("/readyz")
    body = ready.json()
    assert ready.status_code == 503 and body["status"] == "unavailable" and body["failed"] == ["search_index"]
    assert body["checks"]["search_index"]["condition"] == "missing"
    assert body["checks"]["search_index"]["detail"] == "no search index on this machine"
    api = client.get("/api/v1/search/", {"q": "锂离子电池"})
    assert api.status_code == 503 and api["Content-Type"] == "application/problem+json"
    assert api.json()["code"] == "search_unavailable" and api["Retry-After"] == "60"
    assert REBUILDING in api.json()["title"]

    done = catch_up()  # one round of `manage.py search_sync --follow`
    assert (done.action, done.standards) == (CatchUpAction.REBUILT, 2)

    status, page = _page(client)
    assert status == 200 and "GB/T 14726-2002" in page and REBUILDING not in page
    assert client.get("/readyz").status_code == 200
    assert client.get("/api/v1/search/", {"q": "锂离子电池"}).json()["total"] == 1


def test_the_notice_is_in_english_for_english_readers(client, indexed):
    shutil.rmtree(_root())
    client.cookies["django_language"] = "en"
    status, page = _page(client)
    assert status == 503 and "search index is being rebuilt" in page


def test_an_unreadable_index_is_announced_and_rebuilt(client, indexed):
    current = (_root() / "current").resolve()
    (current / "meta.json").write_text("not json", encoding="utf-8")
    from biaozhun.search.engine import forget_engines

    forget_engines()  # a process started after the damage
    status, page = _page(client)
    assert status == 503 and REBUILDING in page
    assert client.get("/readyz").json()["checks"]["search_index"]["condition"] == "corrupt"
    assert catch_up().action == CatchUpAction.REBUILT
    assert "GB/T 14726-2002" in _page(client)[1]


def test_an_index_behind_by_more_events_than_allowed_says_results_may_be_incomplete(client, indexed, settings):
    settings.BIAOZHUN_SEARCH_MAX_LAG_EVENTS = 1
    make_standard("GB/T 14726-2024", title_zh="锂离子电池 安全要求")
    make_standard("GB/T 14727-2024", title_zh="锂离子电池 试验方法")  # two events the index has not applied
    from biaozhun.search.health import forget_health

    forget_health()
    status, page = _page(client)
    assert status == 200 and BEHIND in page and "GB/T 14726-2002" in page  # still answers, and says so
    body = client.get("/readyz").json()
    assert body["checks"]["search_index"]["condition"] == "stale"
    assert body["checks"]["search_index"]["lag_events"] == 2
    assert client.get("/api/v1/search/", {"q": "锂离子电池"}).json()["index_notice"]

    assert catch_up().action == CatchUpAction.SYNCED
    forget_health()
    status, page = _page(client)
    assert BEHIND not in page and "GB/T 14726-2024" in page
    assert client.get("/readyz").status_code == 200


def test_an_index_whose_oldest_unapplied_change_is_older_than_allowed_is_stale(indexed, settings):
    settings.BIAOZHUN_SEARCH_MAX_LAG_SECONDS = 300
    make_standard("GB/T 14726-2024", title_zh="锂离子电池 安全要求")
    assert check_index().condition == IndexCondition.OK  # one event, just written: the follower has time
    with time_machine.travel(timezone.now() + timedelta(minutes=6), tick=False):
        health = check_index()
    assert (health.condition, health.lag_events) == (IndexCondition.STALE, 1)
    assert health.lag_seconds >= 360


def test_only_one_process_rebuilds_at_a_time(client, indexed):
    shutil.rmtree(_root())
    with rebuild_lock(_root()) as mine:  # as another process of this machine would hold it
        assert mine
        assert catch_up().action == CatchUpAction.BUSY
        assert not (_root() / "current").exists()
        assert client.get("/readyz").json()["checks"]["search_index"]["rebuilding"] is True
    assert catch_up().action == CatchUpAction.REBUILT
    assert catch_up().action == CatchUpAction.SYNCED  # the next round finds it whole
    assert len(list(_root().glob("index-*"))) == 1


def test_healthz_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})
    assert "no-store" in response["Cache-Control"]


def test_readyz_lists_every_check(client, indexed):
    response = client.get("/readyz")
    body = response.json()
    assert response.status_code == 200 and body["status"] == "ready" and body["failed"] == []
    assert set(body["checks"]) == {"database", "migrations", "task_queue", "search_index"}
    assert body["checks"]["migrations"] == {"ok": True, "detail": "", "unapplied": 0}
    assert "no-store" in response["Cache-Control"]
    assert str(_root()) not in response.content.decode()  # no paths for anonymous callers


def test_readyz_fails_on_unapplied_migrations(client, indexed, monkeypatch):
    from django.db.migrations import Migration

    from biaozhun.core import health

    class Behind:
        def __init__(self, connection):
            self.loader = type("Loader", (), {"graph": type("Graph", (), {"leaf_nodes": lambda self: []})()})()

        def migration_plan(self, targets):
            return [(Migration("0099_next_release", "catalog"), False)]

    monkeypatch.setattr(health, "MigrationExecutor", Behind)
    monkeypatch.setattr(health, "_migrations_ok_at", 0.0)
    body = client.get("/readyz").json()
    assert body["failed"] == ["migrations"]
    assert body["checks"]["migrations"]["first"] == ["catalog.0099_next_release"]


def test_readyz_fails_when_tasks_wait_too_long_for_a_worker(client, indexed, settings):
    from django_tasks_db.models import DBTaskResult

    from biaozhun.portal.tasks import notify_watchers

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    notify_watchers.enqueue()
    assert client.get("/readyz").status_code == 200
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(hours=1))  # no worker for an hour
    response = client.get("/readyz")
    queue = response.json()["checks"]["task_queue"]
    assert response.status_code == 503 and queue["ok"] is False and queue["waiting"] == 1
    assert queue["oldest_seconds"] >= 3600 and "db_worker" in queue["detail"]


def test_readyz_when_the_database_does_not_answer(client, monkeypatch):
    from django.db import OperationalError

    from biaozhun.core import health

    def unreachable():
        raise OperationalError("connection refused")

    monkeypatch.setattr(health, "database", unreachable)
    response = client.get("/readyz")
    body = response.json()
    assert response.status_code == 503 and body["checks"]["database"]["detail"] == "database check failed: OperationalError"
    assert body["checks"]["search_index"] == {"ok": False, "detail": "not checked: the database does not answer"}
