"""Queue the work a change causes (emails) atomically with the change: committed together or not at all.

    with transaction.atomic():
        event = ProjectEvent.objects.create(...)
        enqueue_with_transaction(notify_project_event, event.pk)

With the database task backend (django_tasks_db, the production setting) the task row is written by the same
database connection inside the caller's transaction: a crash just after COMMIT finds the task queued, and a
rollback removes it with the change. The worker (`manage.py db_worker`) reads committed rows only, so the task
never runs before the change is visible. With any other backend (the tests' ImmediateBackend runs a task at
once, in this process) the task is enqueued when the transaction commits, so a rolled-back change still sends
nothing; only the database backend gives the crash guarantee, and production must use it.

Call it inside the transaction that writes the change: outside one, the change has already committed on its own
and the guarantee is gone, so that is refused.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import router, transaction
from django_tasks.base import Task
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult


class OutsideTransaction(RuntimeError):
    """Work was queued outside the transaction of the change that caused it (a programming error)."""


def stores_in_transaction(task: Task) -> bool:
    """Whether enqueueing `task` writes a row in the default database's current transaction."""
    return isinstance(task.get_backend(), DatabaseBackend) and router.db_for_write(DBTaskResult) == "default"


def enqueue_with_transaction(task: Task, *args: Any, **kwargs: Any) -> None:
    """Queue `task(*args, **kwargs)` as part of the current transaction (see the module docstring)."""
    if not transaction.get_connection().in_atomic_block:
        raise OutsideTransaction(f"{task.module_path} must be queued inside the transaction of the change it follows")
    if stores_in_transaction(task):
        task.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(partial(task.enqueue, *args, **kwargs))


class _QueuedMark:
    """A no-op commit callback that marks, among a transaction's callbacks, that `task` is queued in it (a
    rolled-back savepoint drops the mark with the task row)."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __call__(self) -> None:
        pass


_marks: dict[str, _QueuedMark] = {}


def enqueue_once_with_transaction(task: Task) -> None:
    """Queue the argument-less `task` once per transaction however often it is asked (a scan that reads everything
    committed needs one run per transaction). Outside a transaction the change has committed already: queue it."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        task.enqueue()
        return
    mark = _marks.setdefault(task.module_path, _QueuedMark(task.module_path))
    if any(entry[1] is mark for entry in connection.run_on_commit):
        return
    transaction.on_commit(mark)
    enqueue_with_transaction(task)
