"""Each item of a plan as a task: responsible units (platform organisations), due date, state, progress reports
and evidence. The state vocabulary and its moves are biaozhun/rules/workplan.py; only services/tasks.py changes a
task and each change appends a TaskEvent in the same transaction. Progress reports are themselves events."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from biaozhun.core import clock
from biaozhun.core.models import AppendOnly
from biaozhun.evidence import EvidenceLink
from biaozhun.rules.workplan import TaskState, is_overdue

from .plans import PlanSection, WorkPlan


class TaskStateChoice(models.TextChoices):
    NOT_STARTED = TaskState.NOT_STARTED.value, _("未启动")
    IN_PROGRESS = TaskState.IN_PROGRESS.value, _("推进中")
    DONE = TaskState.DONE.value, _("已完成")
    DELAYED = TaskState.DELAYED.value, _("滞后")
    CANCELLED = TaskState.CANCELLED.value, _("已取消")


class Task(models.Model):
    """One numbered item of a plan. ``key`` is the item's number (or part.section.number when the plan numbers
    from 1 in each section): an import matches items by it, so a changed text keeps each item's progress.
    ``in_plan`` is False for an item a later text no longer has (kept with its history)."""

    plan = models.ForeignKey(WorkPlan, on_delete=models.PROTECT, related_name="tasks")
    section = models.ForeignKey(PlanSection, on_delete=models.PROTECT, related_name="tasks")
    key = models.CharField(_("编号"), max_length=20)
    number = models.PositiveSmallIntegerField(_("条目序号"))
    position = models.PositiveSmallIntegerField(_("顺序"))
    text = models.TextField(_("内容"))
    line = models.PositiveIntegerField(_("文本行号"))
    in_plan = models.BooleanField(_("在现行文本中"), default=True)
    lead_unit = models.ForeignKey("accounts.Organisation", verbose_name=_("牵头单位"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="workplan_led_tasks")
    co_units = models.ManyToManyField("accounts.Organisation", verbose_name=_("配合单位"), blank=True,
                                      related_name="workplan_shared_tasks")
    due_on = models.DateField(_("完成时限"), null=True, blank=True)
    state = models.CharField(_("状态"), max_length=12, choices=TaskStateChoice.choices,
                             default=TaskState.NOT_STARTED.value)
    percent = models.PositiveSmallIntegerField(_("完成进度（%）"), default=0, validators=[MaxValueValidator(100)])
    reported_on = models.DateField(_("最近报告日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=clock.now, editable=False)
    updated_at = models.DateTimeField(_("修改时间"), default=clock.now, editable=False)

    class Meta:
        ordering = ["plan", "position"]
        verbose_name = _("工作任务")
        verbose_name_plural = _("工作任务")
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="workplan_task_key")]
        indexes = [
            models.Index(fields=["plan", "state"], name="workplan_task_state"),
            models.Index(fields=["plan", "due_on"], name="workplan_task_due"),
        ]

    def __str__(self) -> str:
        return f"{self.plan.year}-{self.key}"

    def get_absolute_url(self) -> str:
        return reverse("workplan:task", args=[self.pk])

    @property
    def overdue(self) -> bool:
        return self.overdue_on(clock.today())

    def overdue_on(self, today) -> bool:
        return is_overdue(self.state, self.due_on, today)

    def unit_ids(self) -> set[int]:
        """The lead and co-responsible units' ids (uses prefetched co_units when there)."""
        ids = {unit.pk for unit in self.co_units.all()}
        if self.lead_unit_id:
            ids.add(self.lead_unit_id)
        return ids


class TaskEventKind(models.TextChoices):
    """Values are stored and never renamed. Data by kind: created {"text"}; text_changed {"before": {field: value}};
    removed / restored {}; moved {} (states in columns, why in ``reason``); assigned {"before", "after"} with
    {"lead_unit", "co_units", "due_on"}; reported {"report": id, "percent"}; evidence_added {"kind", "key"};
    reminded {"due_on", "days_before"} (0: the due date has passed; services/reminders.py)."""

    CREATED = "created", _("列入计划")
    TEXT_CHANGED = "text_changed", _("文本修改")
    REMOVED = "removed", _("新文本中已删除")
    RESTORED = "restored", _("重新列入")
    MOVED = "moved", _("状态变更")
    ASSIGNED = "assigned", _("分工调整")
    REPORTED = "reported", _("报告进展")
    EVIDENCE_ADDED = "evidence_added", _("关联材料")
    REMINDED = "reminded", _("到期提醒")


class TaskEvent(AppendOnly):
    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("类型"), max_length=16, choices=TaskEventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    at = models.DateTimeField(_("时间"), default=clock.now)
    from_state = models.CharField(max_length=12, choices=TaskStateChoice.choices, blank=True)
    to_state = models.CharField(max_length=12, choices=TaskStateChoice.choices, blank=True)
    reason = models.TextField(_("说明"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("工作任务事件")
        verbose_name_plural = _("工作任务事件")
        indexes = [models.Index(fields=["task", "kind"], name="workplan_event_task")]

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d %H:%M}"


class ProgressReport(AppendOnly):
    """One report of progress by a responsible unit: who, for which unit, as of which date, how far, what."""

    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="reports")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+", verbose_name=_("报告人"))
    unit = models.ForeignKey("accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("报告单位"))
    on = models.DateField(_("进展日期"))
    percent = models.PositiveSmallIntegerField(_("完成进度（%）"), validators=[MaxValueValidator(100)])
    text = models.TextField(_("进展情况"))
    at = models.DateTimeField(_("报告时间"), default=clock.now)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("进展报告")
        verbose_name_plural = _("进展报告")

    def __str__(self) -> str:
        return f"{self.task_id} {self.on} {self.percent}%"


class TaskEvidence(EvidenceLink):
    """A thing in the platform that shows the task's progress (a standard, a project, a filing…)."""

    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="evidence")

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("佐证材料")
        verbose_name_plural = _("佐证材料")
        constraints = [models.UniqueConstraint(fields=["task", "kind", "key"], name="workplan_evidence_once")]
