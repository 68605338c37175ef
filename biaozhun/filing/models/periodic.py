"""What follows filing: periodic review (复审), abolition announcements, supersession flags."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from biaozhun.core import clock
from biaozhun.core.models import AppendOnly


class ReviewOutcome(models.TextChoices):
    """A periodic review's conclusion on an industry or local standard. Values are stored and never renamed."""

    CONFIRM = "confirm", _("继续有效")
    REVISE = "revise", _("修订")
    ABOLISH = "abolish", _("废止")


class AbolitionNotice(AppendOnly):
    """An authority's announcement (公告) abolishing standards it owns: published once, never changed. The
    standards it lists are its `reviews` (conclusions "abolish"); the catalogue records each abolition from
    `abolished_on` (filing/services/reviews.py)."""

    authority = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="abolition_notices",
                                  verbose_name=_("发布单位"))
    notice_number = models.CharField(_("公告号"), max_length=100)
    notice_date = models.DateField(_("公告日期"))
    abolished_on = models.DateField(_("废止日期"))
    note = models.TextField(_("说明"), blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["-notice_date", "-id"]
        verbose_name = _("废止公告")
        verbose_name_plural = _("废止公告")
        constraints = [models.UniqueConstraint(fields=["authority", "notice_number"], name="filing_notice_unique")]
        indexes = [models.Index(fields=["notice_date", "id"], name="filing_notice_date")]

    def __str__(self) -> str:
        return f"{self.authority} {self.notice_number}"

    def get_absolute_url(self) -> str:
        return reverse("filing:announcement", args=[self.pk])


class StandardReview(AppendOnly):
    """One periodic review conclusion on an industry or local standard by the authority owning its code.

    `due_on` is the review date the conclusion answers (the last publication or confirmation plus the review
    period, FilingTimeLimit "review_years"). A revision stays open until a filing that replaces the standard is
    accepted (filing/selectors/reviews.py reads that); an abolition names its announcement."""

    standard = models.ForeignKey("catalog.Standard", on_delete=models.PROTECT, related_name="filing_reviews",
                                 verbose_name=_("标准"))
    authority = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="standard_reviews",
                                  verbose_name=_("复审单位"))
    outcome = models.CharField(_("复审结论"), max_length=10, choices=ReviewOutcome.choices)
    reason = models.TextField(_("理由"), blank=True)
    concluded_on = models.DateField(_("复审日期"))
    due_on = models.DateField(_("复审期限"))
    notice = models.ForeignKey(AbolitionNotice, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="reviews", verbose_name=_("废止公告"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("复审结论")
        verbose_name_plural = _("复审结论")
        indexes = [
            models.Index(fields=["standard", "at"], name="filing_review_standard"),
            models.Index(fields=["authority", "at"], name="filing_review_authority"),
        ]

    def __str__(self) -> str:
        return f"{self.standard_id} {self.outcome} {self.concluded_on}"


class FlagState(models.TextChoices):
    OPEN = "open", _("待处理")
    CONFIRMED = "confirmed", _("已确认，将修订或废止")
    DISMISSED = "dismissed", _("已排除")


class SupersessionFlag(models.Model):
    """A national standard published on the subject of a filed (industry or local, in force) standard, flagged to
    the standard's authority: found by the daily scan (filing/services/flags.py) with the coordination check's
    similarity, once per pair. Its state changes only through the services, each change with its event."""

    standard = models.ForeignKey("catalog.Standard", on_delete=models.PROTECT, related_name="supersession_flags",
                                 verbose_name=_("标准"))
    national = models.ForeignKey("catalog.Standard", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("国家标准"))
    authority = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="supersession_flags",
                                  verbose_name=_("主管单位"))
    score = models.FloatField(_("相似度"))
    shared = models.JSONField(_("相同词语"), default=list, blank=True)
    state = models.CharField(_("状态"), max_length=10, choices=FlagState.choices, default=FlagState.OPEN,
                             editable=False)
    reason = models.TextField(_("处理说明"), blank=True, editable=False)
    created_at = models.DateTimeField(default=clock.now, editable=False)
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("国家标准覆盖提示")
        verbose_name_plural = _("国家标准覆盖提示")
        constraints = [models.UniqueConstraint(fields=["standard", "national"], name="filing_flag_pair_unique")]
        indexes = [models.Index(fields=["authority", "state", "created_at"], name="filing_flag_authority_state")]

    def __str__(self) -> str:
        return f"{self.standard_id} ← {self.national_id} ({self.state})"


class FlagEventKind(models.TextChoices):
    """Values are stored and never renamed."""

    CREATED = "created", _("发现")
    CONFIRMED = "confirmed", _("确认")
    DISMISSED = "dismissed", _("排除")


class SupersessionFlagEvent(AppendOnly):
    """History of a flag: created {"score"}, confirmed {}, dismissed {} (why in ``reason``)."""

    flag = models.ForeignKey(SupersessionFlag, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=10, choices=FlagEventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    at = models.DateTimeField(default=clock.now)
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("覆盖提示事件")
        verbose_name_plural = _("覆盖提示事件")

    def __str__(self) -> str:
        return f"{self.flag_id} {self.kind} {self.at:%Y-%m-%d}"


class SupersessionScan(models.Model):
    """The daily scan's watermark: the last catalogue event (StandardEvent id) it has read. One row; seeded at
    migration with the newest event then, so the national editions already in the catalogue are not rescanned."""

    last_event_id = models.BigIntegerField(default=0)
    ran_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("国家标准覆盖扫描进度")
        verbose_name_plural = _("国家标准覆盖扫描进度")

    def __str__(self) -> str:
        return f"{self.last_event_id}"
