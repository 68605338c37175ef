"""The indicator table of a declared enterprise standard (企业标准的功能指标和产品、服务的性能指标)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndicatorCategory(models.TextChoices):
    """Function and performance indicators are disclosed by law (art. 27); safety, health and environmental ones
    are listed apart on the disclosure page, as the rules require."""

    PERFORMANCE = "performance", _("功能或性能指标")
    SAFETY = "safety", _("安全指标")
    HEALTH = "health", _("卫生健康指标")
    ENVIRONMENT = "environment", _("环境保护指标")


class Comparator(models.TextChoices):
    """How a declared value binds: exactly, at least, at most, within a range, or in words."""

    EQUAL = "eq", _("等于")
    AT_LEAST = "ge", _("不小于")
    AT_MOST = "le", _("不大于")
    RANGE = "range", _("范围")
    TEXT = "text", _("文字描述")


class Indicator(models.Model):
    """One row of the table: name, unit, the declared value (numbers in `lower`/`upper` by comparator: eq → both
    equal, ge → lower, le → upper, range → both; text → `text` only), the test method and the category."""

    # Indexed by the unique (declaration, position), in the model's order.
    declaration = models.ForeignKey("declarations.Declaration", on_delete=models.CASCADE,
                                    related_name="indicators", verbose_name=_("声明"), db_index=False)
    position = models.PositiveSmallIntegerField(_("序号"))
    name = models.CharField(_("指标名称"), max_length=200)
    unit = models.CharField(_("单位"), max_length=40, blank=True)
    comparator = models.CharField(_("要求"), max_length=5, choices=Comparator.choices)
    lower = models.DecimalField(_("下限"), max_digits=24, decimal_places=8, null=True, blank=True)
    upper = models.DecimalField(_("上限"), max_digits=24, decimal_places=8, null=True, blank=True)
    text = models.CharField(_("文字描述"), max_length=500, blank=True)
    test_method = models.CharField(_("检测方法"), max_length=300, blank=True)
    category = models.CharField(_("类别"), max_length=12, choices=IndicatorCategory.choices,
                                default=IndicatorCategory.PERFORMANCE)

    class Meta:
        ordering = ["declaration_id", "position"]
        verbose_name = _("指标")
        verbose_name_plural = _("指标")
        indexes = [models.Index(fields=["name"], name="declarations_indicator_name")]
        constraints = [
            models.UniqueConstraint(fields=["declaration", "position"], name="declarations_indicator_position"),
        ]

    def __str__(self) -> str:
        return self.name
