"""Limits of national standards that declared indicators are compared with (law art. 21): a table administrators
maintain in the admin and import by XLSX, seeded with a few well-known limits of real mandatory standards.

A row of a mandatory standard (GB …) applies to every declaration whose products or standard title carry one of its
scope keywords (BELOW_MANDATORY); a row of a recommended standard (GB/T …, XX/T …) only to the enterprise standards
that name that standard among their reference standards (BELOW_RECOMMENDED). Rows are never deleted (their history
refers to them): an administrator deactivates a row instead."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from biaozhun.core.models import AppendOnly


class LimitComparator(models.TextChoices):
    """How the standard binds the quantity: at most (a maximum, e.g. sulfur ≤ 10 mg/kg) or at least (a minimum)."""

    AT_MOST = "le", _("不大于（≤）")
    AT_LEAST = "ge", _("不小于（≥）")


class MandatoryIndicator(models.Model):
    standard_number = models.CharField(_("标准号"), max_length=120, db_index=True,
                                       help_text=_("如 GB 19147-2016；不带年代号的标准号对该标准的各版本适用"))
    clause = models.CharField(_("条款"), max_length=100, help_text=_("规定该限值的章条或表，如 表1"))
    scope_keywords = models.JSONField(_("适用产品关键词"), default=list, blank=True,
                                      help_text=_("产品名称或所执行标准名称含其中任一词时适用，如 [\"车用柴油\"]"))
    indicator_name = models.CharField(_("指标名称"), max_length=200)
    aliases = models.JSONField(_("指标别名"), default=list, blank=True)
    unit = models.CharField(_("单位"), max_length=40, blank=True)
    comparator = models.CharField(_("要求"), max_length=2, choices=LimitComparator.choices)
    limit_value = models.DecimalField(_("限值"), max_digits=24, decimal_places=8)
    note = models.CharField(_("说明"), max_length=500, blank=True)
    verified = models.BooleanField(_("已核对原文"), default=False,
                                   help_text=_("已与标准原文逐字核对；未核对的限值在检查结果中注明“待核对”"))
    active = models.BooleanField(_("启用"), default=True)
    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["standard_number", "clause", "indicator_name", "id"]
        verbose_name = _("标准指标限值")
        verbose_name_plural = _("标准指标限值")
        constraints = [
            models.UniqueConstraint(fields=["standard_number", "clause", "indicator_name", "unit"],
                                    name="declarations_limit_unique"),
        ]

    def __str__(self) -> str:
        sign = "≤" if self.comparator == LimitComparator.AT_MOST else "≥"
        return f"{self.standard_number} {self.clause} {self.indicator_name} {sign} {self.limit_value.normalize()} {self.unit}".strip()


class LimitEventKind(models.TextChoices):
    CREATED = "created", _("新增限值")
    CHANGED = "changed", _("修改限值")
    IMPORTED = "imported", _("导入限值")
    DEACTIVATED = "disabled", _("停用限值")


class MandatoryIndicatorEvent(AppendOnly):
    """The history of the limits table: who added or changed which row, and the row's values before."""

    indicator = models.ForeignKey(MandatoryIndicator, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("类型"), max_length=10, choices=LimitEventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("时间"), default=timezone.now)
    # {"after": {...}} on created; {"before": {...}, "after": {...}} (changed fields) on changed and disabled;
    # the same plus {"source": file name, "line": row} on imported (services/limits.py).
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
