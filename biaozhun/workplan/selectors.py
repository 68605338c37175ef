"""Reads the pages, the API and the exports share: the plans, a plan's tasks filtered, progress by part and by
unit, overdue tasks, one task with its history. Visibility comes from the policy (``workplan.tasks``).

The share done of a group of tasks is done ÷ (all − cancelled): a cancelled task is neither done nor owed."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from biaozhun.accounts import policy
from biaozhun.accounts.models import Organisation
from biaozhun.core import clock
from biaozhun.rules.workplan import FINISHED, TaskState

from .models import PlanPart, ProgressReport, Task, TaskEvent, WorkPlan

OPEN_STATES = [state.value for state in TaskState if state not in FINISHED]


def plans() -> QuerySet[WorkPlan]:
    return WorkPlan.objects.order_by("-year")


def plan_for_year(year: int) -> WorkPlan | None:
    return WorkPlan.objects.filter(year=year).first()


def parts_of(plan: WorkPlan) -> list[PlanPart]:
    return list(plan.parts.prefetch_related("sections").order_by("number"))


@dataclass(frozen=True)
class TaskQuery:
    part: int | None = None
    unit: int | None = None
    state: str = ""
    overdue: bool = False
    q: str = ""

    def cleaned(self) -> TaskQuery:
        return TaskQuery(part=self.part, unit=self.unit,
                         state=self.state if self.state in TaskState.__members__.values() else "",
                         overdue=self.overdue, q=self.q.strip()[:60])


def overdue_filter(today: date | None = None) -> Q:
    return Q(due_on__lt=today or clock.today(), state__in=OPEN_STATES)


def tasks(*, viewer: Any, plan: WorkPlan, query: TaskQuery = TaskQuery()) -> QuerySet[Task]:
    found = policy.visible("workplan.tasks", viewer).filter(plan=plan, in_plan=True)
    if query.part:
        found = found.filter(section__part__number=query.part)
    if query.unit:
        found = found.filter(Q(lead_unit=query.unit) | Q(co_units=query.unit)).distinct()
    if query.state:
        found = found.filter(state=query.state)
    if query.overdue:
        found = found.filter(overdue_filter())
    if query.q:
        found = found.filter(text__icontains=query.q)
    return (found.select_related("section__part", "lead_unit")
            .prefetch_related(Prefetch("co_units", queryset=Organisation.objects.order_by("name")))
            .order_by("position"))


def my_tasks(*, viewer: Any) -> QuerySet[Task]:
    """The tasks of the viewer's own units, in every plan (newest plan first)."""
    from .permissions import unit_ids

    units = unit_ids(viewer) if getattr(viewer, "pk", None) else set()
    return (Task.objects.filter(Q(lead_unit__in=units) | Q(co_units__in=units), in_plan=True).distinct()
            .select_related("plan", "section__part", "lead_unit").order_by("-plan__year", "position"))


def units_of(plan: WorkPlan) -> QuerySet[Organisation]:
    """The organisations holding a task of the plan (lead or co-responsible)."""
    return Organisation.objects.filter(Q(workplan_led_tasks__plan=plan) | Q(workplan_shared_tasks__plan=plan)
                                       ).distinct().order_by("name")


@dataclass
class Progress:
    """Counts of a group of tasks (a part, a unit, the plan)."""

    label: str
    key: Any = None
    states: Counter = field(default_factory=Counter)
    overdue: int = 0

    @property
    def total(self) -> int:
        return sum(self.states.values())

    @property
    def done(self) -> int:
        return self.states[TaskState.DONE.value]

    @property
    def counted(self) -> int:
        return self.total - self.states[TaskState.CANCELLED.value]

    @property
    def share_done(self) -> float:
        return self.done / self.counted if self.counted else 0.0

    @property
    def percent_done(self) -> int:
        return round(self.share_done * 100)

    def count(self, state: str) -> int:
        return self.states[state]

    def add(self, task: Task, today: date) -> None:
        self.states[task.state] += 1
        if task.overdue_on(today):
            self.overdue += 1


def _rows(plan: WorkPlan) -> list[Task]:
    return list(plan.tasks.filter(in_plan=True).select_related("section__part", "lead_unit")
                .prefetch_related("co_units").order_by("position"))


def progress_by_part(plan: WorkPlan) -> tuple[list[Progress], Progress]:
    """One row per part (in order) and the plan's total."""
    today = clock.today()
    rows = {part.number: Progress(label=str(part), key=part.number) for part in plan.parts.order_by("number")}
    total = Progress(label="")
    for task in _rows(plan):
        rows[task.section.part.number].add(task, today)
        total.add(task, today)
    return list(rows.values()), total


def progress_by_unit(plan: WorkPlan) -> list[Progress]:
    """One row per unit holding tasks, lead or co-responsible (a task counts once for each of its units), most
    tasks first; the tasks with no unit yet in a last row keyed None."""
    today = clock.today()
    rows: dict[int | None, Progress] = {}
    for task in _rows(plan):
        units = ([task.lead_unit] if task.lead_unit else []) + [u for u in task.co_units.all()
                                                                  if u.pk != task.lead_unit_id]
        for unit in units or [None]:
            key = unit.pk if unit else None
            if key not in rows:
                rows[key] = Progress(label=unit.name if unit else "", key=key)
            rows[key].add(task, today)
    return sorted(rows.values(), key=lambda row: (row.key is None, -row.total, row.label))


def overdue(*, viewer: Any, plan: WorkPlan) -> QuerySet[Task]:
    return tasks(viewer=viewer, plan=plan, query=TaskQuery(overdue=True)).order_by("due_on", "position")


def task(task_id: int) -> Task | None:
    return (Task.objects.select_related("plan", "section__part", "lead_unit")
            .prefetch_related("co_units").filter(pk=task_id).first())


def reports_of(task: Task) -> QuerySet[ProgressReport]:
    return task.reports.select_related("actor", "unit").order_by("-at", "-id")


def events_of(task: Task) -> QuerySet[TaskEvent]:
    return task.events.select_related("actor").order_by("at", "id")
