"""Yearly key products (重点领域/产品) and their evaluation schemes (评估方案), set by the national administration.

A key product says which published declarations it covers: those of a product whose name contains one of its
keywords, or executing one of its standards (by undated number, so every edition counts), or both (see
`KeyProduct.matches` and selectors/ranking.py). Schemes and their indicators are written once by the services
and never changed: a new scheme replaces an old one, so a stored ranking always says exactly what it used."""

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

    ANY = "any", _("产品名称关键词或执行标准之一相符")
    ALL = "all", _("产品名称关键词和执行标准均相符")


class KeyProduct(models.Model):
    year = models.PositiveSmallIntegerField(_("年度"), db_index=True)
    name = models.CharField(_("重点产品"), max_length=200)
    domain = models.CharField(_("重点领域"), max_length=200, blank=True)
    # Product names containing any keyword (case-insensitive), e.g. ["电冰箱", "冷藏箱"].
    keywords = models.JSONField(_("产品名称关键词"), default=list, blank=True)
    # Undated standard numbers the declaration executes, e.g. ["GB 12021.2"] (any edition).
    standards = models.JSONField(_("执行标准"), default=list, blank=True)
    match = models.CharField(_("匹配方式"), max_length=3, choices=MatchMode.choices, default=MatchMode.ANY)
    note = models.TextField(_("说明"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+",
                                   editable=False)

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
                                   editable=False)

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
    The requirement is the national or industry limit every tier must meet (the lowest tier's bound)."""

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="indicators")
    position = models.PositiveSmallIntegerField(_("序号"))
    name = models.CharField(_("指标名称"), max_length=200)
    unit = models.CharField(_("单位"), max_length=40, blank=True)
    direction = models.CharField(_("方向"), max_length=6, choices=Direction.choices)
    key = models.BooleanField(_("关键指标"), default=True)
    # Shown with the scheme; the combined tier follows the key indicators (rule 5), not a weighted sum.
    weight = models.DecimalField(_("权重"), max_digits=6, decimal_places=3, null=True, blank=True)
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
