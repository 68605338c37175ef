"""Periodic review (复审) conclusions of in-force standards, recorded by the responsible committee."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from biaozhun.core import clock
from biaozhun.core.models import AppendOnly


class ReviewConclusion(models.TextChoices):
    CONFIRM = "confirm", _("继续有效")
    REVISE = "revise", _("修订")
    AMEND = "amend", pgettext_lazy("periodic review conclusion", "修改")
    ABOLISH = "abolish", _("废止")


class PeriodicReview(AppendOnly):
    standard = models.ForeignKey("catalog.Standard", on_delete=models.PROTECT, related_name="periodic_reviews")
    committee = models.ForeignKey("committees.Committee", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="periodic_reviews")
    conclusion = models.CharField(_("复审结论"), max_length=10, choices=ReviewConclusion.choices)
    reason = models.TextField(_("理由"), blank=True)
    concluded_on = models.DateField(_("复审日期"))
    abolished_on = models.DateField(_("废止日期"), null=True, blank=True)
    project = models.ForeignKey("development.Project", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="periodic_reviews")  # the revision or amendment project started
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["-concluded_on", "-id"]
        verbose_name = _("复审结论")
        verbose_name_plural = _("复审结论")

    def __str__(self) -> str:
        return f"{self.standard_id} {self.conclusion} {self.concluded_on}"
