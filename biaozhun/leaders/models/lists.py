"""Leader lists (领跑者名单): from a run's top tier, through public notice and objections, to publication."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ListState(models.TextChoices):
    DRAFT = "draft", _("草拟")
    # Not "notice"/"published": those are development stage codes (tests/development/test_house_rules.py).
    NOTICE = "on_notice", _("公示中")
    PUBLISHED = "issued", _("已发布")


class LeaderList(models.Model):
    key_product = models.ForeignKey("leaders.KeyProduct", on_delete=models.PROTECT, related_name="lists",
                                    verbose_name=_("重点产品"))
    run = models.OneToOneField("leaders.RankingRun", on_delete=models.PROTECT, related_name="leader_list",
                               verbose_name=_("分档结果"))
    year = models.PositiveSmallIntegerField(_("年度"), db_index=True)
    # Written only by the services (services/lists.py).
    state = models.CharField(_("状态"), max_length=10, choices=ListState.choices, default=ListState.DRAFT,
                             editable=False)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now, editable=False)
    notice_from = models.DateField(_("公示开始"), null=True, blank=True, editable=False)
    notice_until = models.DateField(_("公示截止"), null=True, blank=True, editable=False)
    notice_working_days = models.PositiveSmallIntegerField(_("公示期（工作日）"), null=True, blank=True,
                                                           editable=False)
    notice_approximate = models.BooleanField(default=False, editable=False)  # past the holiday calendar's years
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-year", "key_product_id", "-id"]
        verbose_name = _("领跑者名单")
        verbose_name_plural = _("领跑者名单")

    def __str__(self) -> str:
        return f"{self.key_product} · {self.get_state_display()}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("leaders:list", args=[self.pk])

    @property
    def on_notice(self) -> bool:
        return self.state == ListState.NOTICE

    @property
    def is_public(self) -> bool:
        return self.state in (ListState.NOTICE, ListState.PUBLISHED)


class EntryState(models.TextChoices):
    LISTED = "listed", _("列入")
    REMOVED = "removed", _("异议成立，已移出")


class LeaderEntry(models.Model):
    leader_list = models.ForeignKey(LeaderList, on_delete=models.PROTECT, related_name="entries")
    declaration = models.ForeignKey("declarations.Declaration", on_delete=models.PROTECT, related_name="+")
    enterprise = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    state = models.CharField(_("状态"), max_length=8, choices=EntryState.choices, default=EntryState.LISTED,
                             editable=False)

    class Meta:
        # No order within the top tier: by enterprise name only so the page is stable (not a ranking).
        ordering = ["leader_list_id", "enterprise__name", "id"]
        verbose_name = _("名单条目")
        verbose_name_plural = _("名单条目")
        constraints = [
            models.UniqueConstraint(fields=["leader_list", "declaration"], name="leaders_entry_unique"),
        ]
        indexes = [models.Index(fields=["declaration", "state"], name="leaders_entry_declaration_idx")]

    def __str__(self) -> str:
        return f"{self.leader_list_id} · {self.declaration_id}"


class ObjectionState(models.TextChoices):
    OPEN = "open", _("待处理")
    UPHELD = "upheld", _("异议成立")
    REJECTED = "rejected", _("异议不成立")


class Objection(models.Model):
    leader_list = models.ForeignKey(LeaderList, on_delete=models.PROTECT, related_name="objections")
    entry = models.ForeignKey(LeaderEntry, on_delete=models.PROTECT, related_name="objections",
                              verbose_name=_("异议对象"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("异议内容"))
    at = models.DateTimeField(_("提出时间"), default=timezone.now, editable=False)
    state = models.CharField(_("状态"), max_length=8, choices=ObjectionState.choices, default=ObjectionState.OPEN,
                             editable=False)
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", editable=False)
    decision = models.TextField(_("处理意见"), blank=True, editable=False)

    class Meta:
        ordering = ["leader_list_id", "at", "id"]
        verbose_name = _("异议")
        verbose_name_plural = _("异议")

    def __str__(self) -> str:
        return f"{self.leader_list_id} · {self.get_state_display()}"
