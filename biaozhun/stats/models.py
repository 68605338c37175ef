"""The statistics indicator system (issue 15): the catalogue of indicators administrators edit, the yearly
snapshots of their values, and the daily use of each standard on the portal (views and downloads)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biaozhun.core import clock
from biaozhun.core.models import AppendOnly


class Dimension(models.TextChoices):
    """What an indicator's figures can be broken down by; "total" is the national figure."""

    TOTAL = "total", _("全国合计")
    TIER = "tier", _("层级")
    NATURE = "nature", _("性质")
    STATUS = "status", _("状态")
    CCS = "ccs", _("中国标准文献分类（一级）")
    ICS = "ics", _("国际标准分类（一级）")
    REGION = "region", _("地区")
    COMMITTEE = "committee", _("技术委员会")
    YEAR = "year", _("发布年份")
    AGE = "age", _("标龄")
    GRADE = "grade", _("考核等级")


class Indicator(models.Model):
    """One indicator of the catalogue: what it counts and how, shown to users beside its figures. The number itself
    comes from the function registered under `code` (stats/indicators/); this row documents it."""

    code = models.SlugField(_("代码"), max_length=60, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    definition = models.TextField(_("定义"))
    formula = models.TextField(_("计算方法"))
    unit = models.CharField(_("单位"), max_length=20)
    dimensions = models.JSONField(_("可用维度"), default=list)
    source = models.CharField(_("数据来源"), max_length=200)
    public = models.BooleanField(_("对公众公开"), default=True)
    position = models.PositiveSmallIntegerField(_("排序"), default=0)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("统计指标")
        verbose_name_plural = _("统计指标")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class IndicatorEvent(AppendOnly):
    """A change to an indicator's catalogue row (who, when, which fields from what to what)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=clock.now)
    changes = models.JSONField(default=dict)

    class Meta:
        ordering = ["at", "id"]


class Snapshot(models.Model):
    """The value of an indicator for one key of a dimension at a year-end (`year`), as the records said on
    31 December of that year. Rewritten whole for a year by services.take_snapshot."""

    indicator = models.CharField(_("指标"), max_length=60)
    year = models.PositiveSmallIntegerField(_("年度"))
    dimension = models.CharField(_("维度"), max_length=12, choices=Dimension.choices)
    key = models.CharField(_("取值"), max_length=60, blank=True)
    value = models.FloatField(_("数值"), null=True)

    class Meta:
        ordering = ["indicator", "year", "dimension", "key"]
        verbose_name = _("年度统计快照")
        verbose_name_plural = _("年度统计快照")
        constraints = [models.UniqueConstraint(fields=["indicator", "year", "dimension", "key"],
                                               name="stats_snapshot_unique")]
        indexes = [models.Index(fields=["year", "indicator", "dimension"], name="stats_snapshot_read"),
                   models.Index(fields=["dimension", "key", "indicator"], name="stats_snapshot_key")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year} {self.dimension}={self.key}: {self.value}"


class SnapshotRun(AppendOnly):
    """A year-end computed (the event of a snapshot): who asked, when, how long it took, how many values."""

    year = models.PositiveSmallIntegerField(_("年度"), db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=clock.now)
    seconds = models.FloatField(default=0)
    values = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-at", "-id"]


class StandardUse(models.Model):
    """How often a standard was seen on the portal on a day: detail pages, online reading, downloads. One row per
    standard and day, incremented by an upsert (services.record_use)."""

    standard = models.ForeignKey("catalog.Standard", on_delete=models.CASCADE, related_name="+", db_index=False)
    day = models.DateField(_("日期"))
    views = models.PositiveIntegerField(_("浏览"), default=0)
    reads = models.PositiveIntegerField(_("在线阅读"), default=0)
    downloads = models.PositiveIntegerField(_("下载"), default=0)

    class Meta:
        verbose_name = _("标准使用计数")
        verbose_name_plural = _("标准使用计数")
        constraints = [models.UniqueConstraint(fields=["standard", "day"], name="stats_use_standard_day")]

    def __str__(self) -> str:
        return f"{self.standard_id} {self.day}"
