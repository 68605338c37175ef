"""What becomes public from feedback (interpretations on the standard's page) and what lets a visitor follow
their own item without an account (a one-time code sent to the address they gave)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from biaozhun.core import clock

from .feedback import Feedback


class InterpretationKind(models.TextChoices):
    INTERPRETATION = "interpretation", _("标准解读")
    FAQ = "faq", _("常见问题")


class Interpretation(models.Model):
    """An answer published on the standard's public page as an interpretation (解读) or an FAQ entry. The question
    is written for the public by the handler (it need not be the person's words, and never names them)."""

    standard = models.ForeignKey("catalog.Standard", on_delete=models.PROTECT, related_name="interpretations",
                                 verbose_name=_("标准"))
    feedback = models.ForeignKey(Feedback, on_delete=models.PROTECT, related_name="interpretations",
                                 verbose_name=_("来源反馈"))
    kind = models.CharField(_("类别"), max_length=16, choices=InterpretationKind.choices)
    clause = models.CharField(_("条款"), max_length=50, blank=True)
    question = models.TextField(_("问题"))
    answer = models.TextField(_("解答"))
    published_by = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("发布单位"))
    published_at = models.DateTimeField(_("发布时间"), default=clock.now)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)

    class Meta:
        ordering = ["standard", "published_at", "id"]
        verbose_name = _("标准解读")
        verbose_name_plural = _("标准解读")
        indexes = [models.Index(fields=["standard", "withdrawn_at", "published_at"], name="feedback_interpretations")]

    def __str__(self) -> str:
        return f"{self.standard_id} {self.question[:30]}"


class AccessCode(models.Model):
    """A one-time code sent to the address given with an item; only its digest is kept. Used once, within its
    validity, with a few attempts (services/tracking.py)."""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="access_codes")
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=clock.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["feedback", "created_at"], name="feedback_access_code")]

    def __str__(self) -> str:
        return f"{self.feedback_id} {self.created_at:%Y-%m-%d %H:%M}"
