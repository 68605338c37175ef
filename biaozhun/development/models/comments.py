"""Comments on a project (立项公示 and 征求意见) and the drafting group's disposition of each."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biaozhun.core import clock

from .stages import PERIOD_CHOICES


class Disposition(models.TextChoices):
    ACCEPTED = "accepted", _("采纳")
    PARTLY = "partly", _("部分采纳")
    NOT_ACCEPTED = "not_accepted", _("不采纳")


class Comment(models.Model):
    """One comment under the author's real name, on a clause or (clause blank) on the whole draft."""

    project = models.ForeignKey("development.Project", on_delete=models.PROTECT, related_name="comments")
    number = models.PositiveIntegerField(_("序号"))  # 1, 2, ... within the project
    period = models.CharField(_("阶段"), max_length=12, choices=PERIOD_CHOICES)  # the public period it was made in
    document = models.ForeignKey("development.DraftDocument", verbose_name=_("所评草案"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="comments")
    clause = models.CharField(_("章条编号"), max_length=40, blank=True)
    text = models.TextField(_("意见内容"))
    proposal = models.TextField(_("修改建议"), blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="project_comments")
    author_name = models.CharField(_("提出人"), max_length=100)  # the real name when the comment was made
    organisation = models.ForeignKey("accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="project_comments")
    organisation_name = models.CharField(_("提出单位"), max_length=200, blank=True)
    submitted_at = models.DateTimeField(_("提出时间"), default=clock.now)

    disposition = models.CharField(_("处理意见"), max_length=12, choices=Disposition.choices, blank=True)
    disposition_reason = models.TextField(_("处理理由"), blank=True)
    disposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    disposed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["project", "number"]
        verbose_name = _("意见")
        verbose_name_plural = _("意见")
        constraints = [models.UniqueConstraint(fields=["project", "number"], name="development_comment_number")]
        indexes = [models.Index(fields=["project", "disposition"])]

    def __str__(self) -> str:
        return f"{self.project_id} #{self.number}"
