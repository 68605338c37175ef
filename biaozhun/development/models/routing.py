"""The notification routing table: which project event emails whom. Administrators edit it in the admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Recipient(models.TextChoices):
    SECRETARIAT = "secretariat", _("技术委员会秘书处")
    PROPOSER = "proposer", _("项目提出人")
    VOTING_MEMBERS = "voting_members", _("有表决权的委员")
    COMMENTERS = "commenters", _("提出意见的人")
    REVIEWERS = "reviewers", _("国家标准委审核人员")


class NotificationRule(models.Model):
    """`trigger` is an event kind, or "moved:<stage>" for entering a stage (ProjectEvent.trigger)."""

    trigger = models.CharField(_("触发事件"), max_length=40)
    recipient = models.CharField(_("收件人"), max_length=20, choices=Recipient.choices)
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["trigger", "recipient"]
        verbose_name = _("通知规则")
        verbose_name_plural = _("通知规则")
        constraints = [models.UniqueConstraint(fields=["trigger", "recipient"], name="development_rule_unique")]

    def __str__(self) -> str:
        return f"{self.trigger} → {self.recipient}"
