"""Technical review ballots (审查投票) of the responsible committee's voting members."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biaozhun.core import clock


class Ballot(models.Model):
    """A meeting (会议审查) or letter (函审) ballot. The roll of voters is fixed when it opens (one Vote each)."""

    class Method(models.TextChoices):
        MEETING = "meeting", _("会议审查")
        LETTER = "letter", _("函审")

    project = models.ForeignKey("development.Project", on_delete=models.PROTECT, related_name="ballots")
    method = models.CharField(_("审查方式"), max_length=10, choices=Method.choices)
    document = models.ForeignKey("development.DraftDocument", verbose_name=_("送审稿"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="ballots")
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(_("发起时间"), default=clock.now)
    closes_on = models.DateField(_("投票截止日期"), db_index=True)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    # The result, stored when the ballot closes (rules/ballots.py decides it).
    members = models.PositiveIntegerField(_("有表决权委员数"), default=0)
    approve = models.PositiveIntegerField(_("赞成"), default=0)
    reject = models.PositiveIntegerField(_("反对"), default=0)
    abstain = models.PositiveIntegerField(_("弃权"), default=0)
    recused = models.PositiveIntegerField(_("回避"), default=0)
    passed = models.BooleanField(_("通过"), null=True, blank=True)
    outcome = models.CharField(_("结论"), max_length=20, blank=True)  # rules.ballots.Outcome.reason

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("审查投票")
        verbose_name_plural = _("审查投票")

    def __str__(self) -> str:
        return f"{self.project_id} {self.method} {self.opened_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class VoteChoice(models.TextChoices):
    APPROVE = "approve", _("赞成")
    REJECT = "reject", _("反对")
    ABSTAIN = "abstain", _("弃权")
    RECUSE = "recuse", _("回避")


class Vote(models.Model):
    """One voting member's seat on the roll; `choice` stays blank until the member votes."""

    ballot = models.ForeignKey(Ballot, on_delete=models.PROTECT, related_name="votes")
    member = models.ForeignKey("committees.Member", on_delete=models.PROTECT, related_name="votes")
    choice = models.CharField(_("表决意见"), max_length=10, choices=VoteChoice.choices, blank=True)
    reason = models.TextField(_("理由"), blank=True)
    cast_at = models.DateTimeField(null=True, blank=True)
    # The member themself, or the secretariat recording a vote given at a meeting.
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        ordering = ["ballot", "member__name"]
        verbose_name = _("表决票")
        verbose_name_plural = _("表决票")
        constraints = [models.UniqueConstraint(fields=["ballot", "member"], name="development_vote_once")]

    def __str__(self) -> str:
        return f"{self.ballot_id} {self.member_id} {self.choice}"
