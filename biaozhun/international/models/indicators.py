"""Indicator comparison (技术指标对比, work-plan item 90): a Chinese standard against a foreign one (an ISO/IEC edition
in the catalogue, or another foreign standard named by number and title), one row per technical indicator. Each
row's verdict is computed by biaozhun/rules/indicators.py when the row is written and stored for lists and exports;
only services/indicators.py writes."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from biaozhun.core import clock
from biaozhun.core.models import AppendOnly
from biaozhun.rules.indicators import Verdict


class VerdictChoice(models.TextChoices):
    SAME = Verdict.SAME.value, _("一致")
    STRICTER = Verdict.STRICTER.value, _("我国更严")
    LOOSER = Verdict.LOOSER.value, _("我国更宽")
    DIFFERENT = Verdict.DIFFERENT.value, _("不同")
    NOT_COMPARABLE = Verdict.NOT_COMPARABLE.value, _("无法比较")


class Comparison(models.Model):
    """A draft is seen by those who write it; a published comparison by everyone."""

    standard = models.ForeignKey("catalog.Standard", verbose_name=_("我国标准"), on_delete=models.PROTECT,
                                 related_name="indicator_comparisons")
    foreign_standard = models.ForeignKey("catalog.Standard", verbose_name=_("国外标准（目录中）"), null=True,
                                         blank=True, on_delete=models.PROTECT, related_name="+")
    foreign_number = models.CharField(_("国外标准号"), max_length=120)
    foreign_title = models.CharField(_("国外标准名称"), max_length=500, blank=True)
    title = models.CharField(_("对比名称"), max_length=200, blank=True)
    note = models.TextField(_("说明"), blank=True)
    public = models.BooleanField(_("已公开"), default=False)
    public_since = models.DateTimeField(_("公开时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=clock.now, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", editable=False)
    updated_at = models.DateTimeField(_("修改时间"), default=clock.now, editable=False)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("技术指标对比")
        verbose_name_plural = _("技术指标对比")
        indexes = [models.Index(fields=["standard", "public"], name="international_cmp_standard")]

    def __str__(self) -> str:
        return f"{self.standard_id} / {self.foreign_number}"

    def get_absolute_url(self) -> str:
        return reverse("international:indicators_detail", args=[self.pk])


class IndicatorRow(models.Model):
    comparison = models.ForeignKey(Comparison, on_delete=models.CASCADE, related_name="rows")
    position = models.PositiveIntegerField(_("序号"))
    name = models.CharField(_("指标名称"), max_length=200)
    unit = models.CharField(_("单位"), max_length=40, blank=True)
    chinese_value = models.CharField(_("我国标准要求"), max_length=200)
    foreign_value = models.CharField(_("国外标准要求"), max_length=200)
    chinese_method = models.CharField(_("我国试验方法"), max_length=300, blank=True)
    foreign_method = models.CharField(_("国外试验方法"), max_length=300, blank=True)
    verdict = models.CharField(_("对比结果"), max_length=16, choices=VerdictChoice.choices)
    why = models.CharField(max_length=16, blank=True)  # rules.indicators.Why, for a row not comparable
    remark = models.CharField(_("备注"), max_length=300, blank=True)

    class Meta:
        ordering = ["comparison", "position", "id"]
        verbose_name = _("指标")
        verbose_name_plural = _("指标")
        constraints = [models.UniqueConstraint(fields=["comparison", "position"], name="international_row_position")]

    def __str__(self) -> str:
        return self.name


class ComparisonEventKind(models.TextChoices):
    """Values are stored and never renamed; data keys in services/indicators.py."""

    CREATED = "created", _("创建")
    UPDATED = "updated", _("修改")
    ROWS_SAVED = "rows_saved", _("保存指标")
    IMPORTED = "imported", _("导入指标")
    RESTORED = "restored", _("恢复指标")
    MADE_PUBLIC = "made_public", _("公开")
    WITHDRAWN = "withdrawn", _("撤回公开")


class ComparisonEvent(AppendOnly):
    comparison = models.ForeignKey(Comparison, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("类型"), max_length=12, choices=ComparisonEventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    at = models.DateTimeField(_("时间"), default=clock.now)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("技术指标对比事件")
        verbose_name_plural = _("技术指标对比事件")

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d %H:%M}"
