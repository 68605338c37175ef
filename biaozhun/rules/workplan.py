"""The states of a work-plan task (工作要点的一项任务) and what may follow what, as a table.

not started (未启动) → in progress (推进中) → done (已完成); any open state may be reported delayed (滞后), and a
delayed task resumes or finishes; the national administration cancels a task (取消) or reopens a finished one.
Cancelled is final. Who may make which move is the policy's and this table's ``ADMINISTRATION_MOVES``: the
responsible units make the others. Overdue (逾期) is not a state: it follows from the due date (``is_overdue``).
Pure: no Django.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from .reminders import lead_due


class TaskState(StrEnum):
    """Stored in Task.state and in its events; values are never renamed."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DELAYED = "delayed"
    CANCELLED = "cancelled"


S = TaskState
MOVES: dict[TaskState, tuple[TaskState, ...]] = {
    S.NOT_STARTED: (S.IN_PROGRESS, S.DELAYED, S.DONE, S.CANCELLED),
    S.IN_PROGRESS: (S.DONE, S.DELAYED, S.CANCELLED),
    S.DELAYED: (S.IN_PROGRESS, S.DONE, S.CANCELLED),
    S.DONE: (S.IN_PROGRESS,),
    S.CANCELLED: (),
}
FINISHED = frozenset({S.DONE, S.CANCELLED})  # never overdue
# Moves only the national administration makes: cancelling a task, reopening a finished one.
ADMINISTRATION_MOVES = frozenset({(state, S.CANCELLED) for state in MOVES} | {(S.DONE, S.IN_PROGRESS)})


class MoveRefused(ValueError):
    def __init__(self, state: str, to: str) -> None:
        super().__init__(f"{state} → {to}")
        self.state, self.to = state, to
        self.allowed = allowed_moves(state)


def allowed_moves(state: str) -> tuple[TaskState, ...]:
    return MOVES[TaskState(state)]


def check_move(state: str, to: str) -> None:
    """Raise MoveRefused (naming the allowed moves) unless `to` may follow `state`."""
    if to not in set(TaskState) or TaskState(to) not in allowed_moves(state):
        raise MoveRefused(state, to)


def by_administration_only(state: str, to: str) -> bool:
    return (TaskState(state), TaskState(to)) in ADMINISTRATION_MOVES


def needs_reason(state: str, to: str) -> bool:
    """Cancelling, reporting a delay and reopening a finished task say why."""
    to = TaskState(to)
    return to in (S.CANCELLED, S.DELAYED) or (TaskState(state) == S.DONE and to == S.IN_PROGRESS)


def is_overdue(state: str, due_on: date | None, today: date) -> bool:
    """Past its due date and neither done nor cancelled."""
    return due_on is not None and due_on < today and TaskState(state) not in FINISHED


OVERDUE_REMINDER = 0  # the lead of the one reminder sent once a task's due date has passed


def reminder_due(state: str, due_on: date | None, today: date, leads: tuple[int, ...] | list[int]) -> int | None:
    """The reminder due on ``today`` for an open task: the smallest lead (days before the due date) whose day has
    come, OVERDUE_REMINDER once the due date has passed, or None (finished, no due date, or not yet). A task due on
    31 December, reminded 30 and 7 days ahead: from 1 December the 30-day reminder is due, from 24 December the 7-day
    one, from 1 January the overdue one (a sweep that missed days sends the latest stage only)."""
    if due_on is None or TaskState(state) in FINISHED:
        return None
    return OVERDUE_REMINDER if today > due_on else lead_due(due_on, today, leads)
