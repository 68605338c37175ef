"""Standard systems (标准体系表, work-plan items 26–63): a system per field, a tree of nodes, and what each node
holds: standards (by series: the page shows the edition in force), projects under way, and planned standards not
yet written. Owned by a technical committee (its secretariat edits) or a department (its members edit). Only
services/systems.py writes these rows, each change with its SystemEvent in the same transaction."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from biaozhun.core import clock
from biaozhun.core.models import AppendOnly


class StandardSystem(models.Model):
    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name_zh = models.CharField(_("名称"), max_length=200)
    name_en = models.CharField(_("英文名称"), max_length=300, blank=True)
    field_description = models.TextField(_("领域说明"), blank=True)
    owner_committee = models.ForeignKey("committees.Committee", verbose_name=_("归口技术委员会"), null=True,
                                        blank=True, on_delete=models.PROTECT, related_name="standard_systems")
    owner_department = models.ForeignKey("accounts.Organisation", verbose_name=_("归口部门"), null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="standard_systems")
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("创建时间"), default=clock.now, editable=False)
    updated_at = models.DateTimeField(_("修改时间"), default=clock.now, editable=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("标准体系")
        verbose_name_plural = _("标准体系")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(owner_committee__isnull=False, owner_department__isnull=True)
                           | models.Q(owner_committee__isnull=True, owner_department__isnull=False)),
                name="systems_one_owner"),
        ]

    def __str__(self) -> str:
        return self.name_zh

    def get_absolute_url(self) -> str:
        return reverse("systems:detail", args=[self.pk])

    @property
    def owner_name(self) -> str:
        if self.owner_committee_id:
            return f"{self.owner_committee.code} {self.owner_committee.name_zh}"
        return self.owner_department.name if self.owner_department_id else ""


class SystemNode(models.Model):
    system = models.ForeignKey(StandardSystem, on_delete=models.CASCADE, related_name="nodes")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    code = models.CharField(_("节点编号"), max_length=40)
    name_zh = models.CharField(_("节点名称"), max_length=200)
    position = models.PositiveIntegerField(_("顺序"), default=0)
    ics_codes = models.JSONField(_("国际标准分类号"), default=list, blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("体系节点")
        verbose_name_plural = _("体系节点")
        constraints = [models.UniqueConstraint(fields=["system", "code"], name="systems_node_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name_zh}"


class NodeStandard(models.Model):
    """A series assigned to a node: `undated` is the number without year; `standard` the edition chosen."""

    node = models.ForeignKey(SystemNode, on_delete=models.CASCADE, related_name="standard_links")
    standard = models.ForeignKey("catalog.Standard", on_delete=models.PROTECT, related_name="system_links")
    undated = models.CharField(max_length=100)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["node", "undated"], name="systems_node_series")]

    def __str__(self) -> str:
        return self.undated


class NodeProject(models.Model):
    node = models.ForeignKey(SystemNode, on_delete=models.CASCADE, related_name="project_links")
    project = models.ForeignKey("development.Project", on_delete=models.PROTECT, related_name="system_links")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["node", "project"], name="systems_node_project")]

    def __str__(self) -> str:
        return str(self.project_id)


class Priority(models.TextChoices):
    HIGH = "high", _("高")
    MEDIUM = "medium", _("中")
    LOW = "low", _("低")


class PlannedEntry(models.Model):
    """A standard the system needs that is not written yet (拟制定): a proposed title, maybe a number."""

    node = models.ForeignKey(SystemNode, on_delete=models.CASCADE, related_name="planned")
    title = models.CharField(_("拟制定标准名称"), max_length=300)
    number = models.CharField(_("拟定标准号"), max_length=120, blank=True)
    priority = models.CharField(_("优先级"), max_length=6, choices=Priority.choices, default=Priority.MEDIUM)
    planned_year = models.PositiveSmallIntegerField(_("计划年度"), null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("拟制定标准")
        verbose_name_plural = _("拟制定标准")

    def __str__(self) -> str:
        return self.title


class SystemEventKind(models.TextChoices):
    """Values are stored and never renamed; data keys in services/systems.py."""

    CREATED = "created", _("创建体系")
    UPDATED = "updated", _("修改体系")
    NODE_ADDED = "node_added", _("新增节点")
    NODE_CHANGED = "node_changed", _("修改节点")
    NODE_REMOVED = "node_removed", _("删除节点")
    ASSIGNED = "assigned", _("列入节点")
    UNASSIGNED = "unassigned", _("移出节点")
    IMPORTED = "imported", _("导入体系表")


class SystemEvent(AppendOnly):
    system = models.ForeignKey(StandardSystem, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("类型"), max_length=14, choices=SystemEventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    at = models.DateTimeField(_("时间"), default=clock.now)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("标准体系事件")
        verbose_name_plural = _("标准体系事件")

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d %H:%M}"
