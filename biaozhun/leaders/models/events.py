"""The history of everything the leaders services change: one append-only row per change, in its transaction."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from biaozhun.core.models import AppendOnly


class LeadersEventKind(models.TextChoices):
    """Values are never renamed. ``data`` keys per kind are listed in services/events.py."""

    KEY_PRODUCT_CREATED = "key_product_created", _("设立重点产品")
    SCHEME_CREATED = "scheme_created", _("发布评估方案")
    KEY_PRODUCT_CHANGED = "key_product_changed", _("修改重点产品")
    SCHEME_CHANGED = "scheme_changed", _("修改评估方案")
    RANKED = "ranked", _("分档")
    LIST_DRAFTED = "list_drafted", _("草拟领跑者名单")
    NOTICE_OPENED = "notice_opened", _("名单公示")
    OBJECTION_SUBMITTED = "objection_submitted", _("提出异议")
    OBJECTION_UPHELD = "objection_upheld", _("异议成立")
    OBJECTION_REJECTED = "objection_rejected", _("异议不成立")
    LIST_PUBLISHED = "list_published", _("发布领跑者名单")


class LeadersEvent(AppendOnly):
    kind = models.CharField(_("类型"), max_length=30, choices=LeadersEventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    key_product = models.ForeignKey("leaders.KeyProduct", null=True, on_delete=models.PROTECT, related_name="events")
    scheme = models.ForeignKey("leaders.Scheme", null=True, on_delete=models.PROTECT, related_name="events")
    run = models.ForeignKey("leaders.RankingRun", null=True, on_delete=models.PROTECT, related_name="events")
    leader_list = models.ForeignKey("leaders.LeaderList", null=True, on_delete=models.PROTECT, related_name="events")
    objection = models.ForeignKey("leaders.Objection", null=True, on_delete=models.PROTECT, related_name="events")
    reason = models.TextField(_("原因"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("领跑者事件")
        verbose_name_plural = _("领跑者事件")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"
