"""Implementation feedback on a published standard (实施信息反馈), received with a reply deadline."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FeedbackCategory(models.TextChoices):
    CONTENT = "content", _("技术内容问题")
    CONFLICT = "conflict", _("与其他标准或法规不协调")
    IMPLEMENTATION = "implementation", _("实施中的困难")
    OUTDATED = "outdated", _("技术指标落后，建议修订")
    OTHER = "other", _("其他意见建议")


class Feedback(models.Model):
    class State(models.TextChoices):
        RECEIVED = "received", _("已受理")

    standard = models.ForeignKey("catalog.Standard", on_delete=models.PROTECT, related_name="feedback")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="feedback")
    category = models.CharField(_("反馈类型"), max_length=20, choices=FeedbackCategory.choices)
    clause = models.CharField(_("条款"), max_length=50, blank=True)
    text = models.TextField(_("反馈内容"))
    state = models.CharField(_("状态"), max_length=12, choices=State.choices, default=State.RECEIVED)
    received_at = models.DateTimeField(_("受理时间"), default=timezone.now)
    reply_due = models.DateField(_("答复期限"))
    reply_due_approximate = models.BooleanField(default=False)  # the holiday calendar did not cover the period

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("实施信息反馈")
        verbose_name_plural = _("实施信息反馈")

    def __str__(self) -> str:
        return f"{self.standard_id} {self.category} {self.received_at:%Y-%m-%d}"
