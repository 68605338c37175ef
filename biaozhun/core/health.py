"""Liveness and readiness for load balancers and monitoring: GET /healthz and GET /readyz, JSON, never cached.

/healthz: the process answers; it touches nothing else (restart the process when this fails).
/readyz: 200 when every check passes, else 503 (take the process out of rotation, alert). Each check answers
``{"ok": bool, "detail": str, ...}``:
  database     the default database answers a query
  migrations   every migration of this release is applied
  task_queue   the oldest task waiting for a worker has waited at most BIAOZHUN_TASKS_MAX_BACKLOG_SECONDS
               (workers are running and keeping up)
  search_index this machine's search index is present, readable and not behind the catalogue (search.health;
               the search app registers it)
A check that raises fails with the exception's class name (the traceback goes to the log). When the database
does not answer, the checks that need it are not run. The answers name no file, host or credential.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Count, Min, Q
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

# Seconds a successful migrations check is reused in this process (it reads every migration file).
MIGRATIONS_TTL = 60.0


@dataclass
class Check:
    ok: bool
    detail: str = ""
    data: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "detail": self.detail, **self.data}


CheckFunction = Callable[[], Check]
_checks: dict[str, CheckFunction] = {}


def register(name: str, check: CheckFunction) -> None:
    """Add a readiness check (apps do this in AppConfig.ready); it runs after the database answered."""
    _checks[name] = check


def database() -> Check:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return Check(True, data={"vendor": connection.vendor})


_migrations_ok_at = 0.0
_migrations_lock = threading.Lock()


def migrations() -> Check:
    global _migrations_ok_at
    with _migrations_lock:
        if time.monotonic() - _migrations_ok_at < MIGRATIONS_TTL:
            return Check(True, data={"unapplied": 0})
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        names = [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]
        return Check(False, f"{len(plan)} migrations not applied: run manage.py migrate",
                     {"unapplied": len(plan), "first": names[:5]})
    with _migrations_lock:
        _migrations_ok_at = time.monotonic()
    return Check(True, data={"unapplied": 0})


def task_queue() -> Check:
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult, get_date_max

    backend = task_backends["default"]
    if not isinstance(backend, DatabaseBackend):
        return Check(True, "tasks run without a queue", {"backend": type(backend).__name__})
    limit = float(getattr(settings, "BIAOZHUN_TASKS_MAX_BACKLOG_SECONDS", 600))
    never = get_date_max()
    waiting = DBTaskResult.objects.ready().aggregate(
        count=Count("id"),
        enqueued=Min("enqueued_at", filter=Q(run_after=never)),
        due=Min("run_after", filter=~Q(run_after=never)),
    )
    since = min((moment for moment in (waiting["enqueued"], waiting["due"]) if moment is not None), default=None)
    age = max((timezone.now() - since).total_seconds(), 0.0) if since else 0.0
    data = {"waiting": waiting["count"], "oldest_seconds": round(age, 1), "limit_seconds": limit}
    if age > limit:
        return Check(False, f"the oldest task has waited {age:.0f} s: are the workers (manage.py db_worker) running?",
                     data)
    return Check(True, data=data)


def _run(name: str, check: CheckFunction) -> Check:
    try:
        return check()
    except Exception as exc:  # a failed check is an answer, not a 500
        logger.exception("readiness check %s failed", name)
        return Check(False, f"{name} check failed: {type(exc).__name__}")


def readiness_report() -> tuple[bool, dict[str, dict[str, Any]]]:
    """Run every check: (all passed, {name: answer})."""
    results = {"database": _run("database", database)}
    if results["database"].ok:
        for name, check in (("migrations", migrations), ("task_queue", task_queue), *_checks.items()):
            results[name] = _run(name, check)
    else:
        for name in ("migrations", "task_queue", *_checks):
            results[name] = Check(False, "not checked: the database does not answer")
    return all(result.ok for result in results.values()), {name: r.as_dict() for name, r in results.items()}


def _json(status: int, body: dict[str, Any]) -> JsonResponse:
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    return _json(200, {"status": "ok"})


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    ready, checks = readiness_report()
    failed = [name for name, answer in checks.items() if not answer["ok"]]
    return _json(200 if ready else 503, {"status": "ready" if ready else "unavailable", "failed": failed,
                                         "checks": checks})
