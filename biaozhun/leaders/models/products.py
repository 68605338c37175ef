"""Yearly key products (重点领域/产品) and their evaluation schemes (评估方案), set by the national administration.

A key product says which published declarations it covers: those of a product whose name contains one of its
keywords, whose product code starts with one of its code prefixes (a code range or category, e.g. 8418 of the HS
codes), or executing one of its standards (by undated number, so every edition counts); any or all of these (see
selectors/ranking.py). Key products and schemes are edited by the administration through the services (each edit
a new ``version`` and an event with what changed); a ranking run keeps a snapshot of the scheme and the key
product as it ranked by (RankingRun.snapshot), so an edit never changes a run's results or a list drawn from it."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from biaozhun.rules import leaders as rules


class Direction(models.TextChoices):
    """The same values as rules.leaders.Direction."""

    HIGHER = rules.Direction.HIGHER.value, _("越高越好")
    LOWER = rules.Direction.LOWER.value, _("越低越好")


class ThresholdKind(models.TextChoices):
    FIXED = "fixed", _("固定值")
    SHARE = "share", _("比例")


class MatchMode(models.TextChoices):
    """How product-name keywords and executed standards combine when both are given."""

    ANY = "any", _("所填条件之一相符即可")
    ALL = "all", _("所填条件均须相符")


class KeyProduct(models.Model):
    year = models.PositiveSmallIntegerField(_("年度"), db_index=True)
    name = models.CharField(_("重点产品"), max_length=200)
    domain = models.CharField(_("重点领域"), max_length=200, blank=True)
    # Product names containing any keyword (case-insensitive), e.g. ["电冰箱", "冷藏箱"].
    keywords = models.JSONField(_("产品名称关键词"), default=list, blank=True)
    # Undated standard numbers the declaration executes, e.g. ["GB 12021.2"] (any edition).
    standards = models.JSONField(_("执行标准"), default=list, blank=True)
    # Prefixes of the products' codes (a range or category: "8418" covers 84181000…84189999), e.g. ["8418"].
    product_codes = models.JSONField(_("产品编码范围"), default=list, blank=True)
    match = models.CharField(_("匹配方式"), max_length=3, choices=MatchMode.choices, default=MatchMode.ANY)
    note = models.TextField(_("说明"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+",
                                   editable=False)  # its owner (leaders.edit_product)
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)  # +1 on every edit
    updated_at = models.DateTimeField(_("修改时间"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-year", "name", "id"]
        verbose_name = _("重点产品")
        verbose_name_plural = _("重点产品")
        constraints = [models.UniqueConstraint(fields=["year", "name"], name="leaders_key_product_unique")]

    def __str__(self) -> str:
        return f"{self.year} {self.name}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("leaders:product", args=[self.pk])


class Scheme(models.Model):
    key_product = models.ForeignKey(KeyProduct, on_delete=models.PROTECT, related_name="schemes",
                                    verbose_name=_("重点产品"))
    title = models.CharField(_("方案名称"), max_length=200)
    rules = models.CharField(_("分档规则"), max_length=40, default=rules.RULES, editable=False)
    note = models.TextField(_("说明"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+",
                                   editable=False)  # its owner (leaders.edit_scheme)
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)  # +1 on every edit
    updated_at = models.DateTimeField(_("修改时间"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["key_product_id", "-created_at", "-id"]
        verbose_name = _("评估方案")
        verbose_name_plural = _("评估方案")
        constraints = [models.UniqueConstraint(fields=["key_product", "title"], name="leaders_scheme_unique")]

    def __str__(self) -> str:
        return f"{self.key_product} · {self.title}"


class SchemeIndicator(models.Model):
    """One indicator of a scheme. Thresholds are decimal texts, best tier's first: fixed values in the indicator's
    unit, or cumulative shares of the qualified population (0.05, 0.2 = the best 5 %, then down to the best 20 %).
    The requirement is the national or industry limit every tier must meet (the lowest tier's bound). ``aliases``
    are other names enterprises declare the same indicator by (mapping.py). There is no weight: the combined tier
    is the worst tier over the key indicators (rules.leaders rule 5; decision 0022)."""

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="indicators")
    position = models.PositiveSmallIntegerField(_("序号"))
    name = models.CharField(_("指标名称"), max_length=200)
    unit = models.CharField(_("单位"), max_length=40, blank=True)
    direction = models.CharField(_("方向"), max_length=6, choices=Direction.choices)
    key = models.BooleanField(_("关键指标"), default=True)
    # Other declared names of this indicator, e.g. ["能源效率指数", "EEI"] (compared as names are: mapping.py).
    aliases = models.JSONField(_("声明中的其他名称"), default=list, blank=True)
    threshold_kind = models.CharField(_("分档方式"), max_length=5, choices=ThresholdKind.choices)
    thresholds = models.JSONField(_("分档界限"), default=list)
    requirement = models.DecimalField(_("标准要求"), max_digits=24, decimal_places=8, null=True, blank=True)
    requirement_source = models.CharField(_("要求出处"), max_length=200, blank=True,
                                          help_text=_("国家标准或行业标准的编号和条款，如 GB 12021.2-2015 4.2。"))

    class Meta:
        ordering = ["scheme_id", "position"]
        verbose_name = _("方案指标")
        verbose_name_plural = _("方案指标")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "position"], name="leaders_scheme_indicator_position"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})" if self.unit else self.name
