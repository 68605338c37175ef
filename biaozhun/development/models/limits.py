"""Time limits of the development workflow as data (ARCHITECTURE rule 3), seeded from rules/ defaults."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeLimit(models.Model):
    class Unit(models.TextChoices):
        DAYS = "days", _("日")
        MONTHS = "months", _("月")
        YEARS = "years", _("年")

    code = models.CharField(_("代码"), max_length=40, unique=True)
    value = models.PositiveIntegerField(_("数值"))
    unit = models.CharField(_("单位"), max_length=8, choices=Unit.choices)
    description = models.CharField(_("说明"), max_length=200)

    class Meta:
        ordering = ["code"]
        verbose_name = _("时限")
        verbose_name_plural = _("时限")

    def __str__(self) -> str:
        return f"{self.code} = {self.value} {self.unit}"
