"""The tables administrators edit (through feedback/services/tables.py, each change with its event): the time
limits per feedback type, the routing rules, and who receives the periodic export of feedback in their field."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biaozhun.core import clock
from biaozhun.core.models import AppendOnly
from biaozhun.rules.feedback_routing import Target

from .feedback import FeedbackCategory


class FeedbackTimeLimit(models.Model):
    """One feedback type's time limits in working days (seeded from rules/feedback.DEFAULT_LIMITS)."""

    category = models.CharField(_("反馈类型"), max_length=20, choices=FeedbackCategory.choices, unique=True)
    acknowledge_days = models.PositiveSmallIntegerField(_("确认期限（工作日）"))
    answer_days = models.PositiveSmallIntegerField(_("答复期限（工作日）"))
    reminder_days = models.PositiveSmallIntegerField(_("提前提醒（工作日）"))
    close_days = models.PositiveSmallIntegerField(_("答复后自动办结（工作日）"))

    class Meta:
        ordering = ["category"]
        verbose_name = _("反馈办理时限")
        verbose_name_plural = _("反馈办理时限")

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.acknowledge_days}/{self.answer_days}"


class RoutingTarget(models.TextChoices):
    TC_SECRETARIAT = Target.TC_SECRETARIAT.value, _("标准的归口技术委员会秘书处")
    COMPETENT_DEPARTMENT = Target.COMPETENT_DEPARTMENT.value, _("标准的主管部门")
    REGION_BUREAU = Target.REGION_BUREAU.value, _("地方标准所在地的市场监管部门")
    PUBLISHER = Target.PUBLISHER.value, _("团体标准的发布团体")
    ORGANISATION = Target.ORGANISATION.value, _("指定单位")
    NATIONAL_ADMINISTRATION = Target.NATIONAL_ADMINISTRATION.value, _("国家标准化管理委员会")
    MANUAL = Target.MANUAL.value, _("暂不转办，由国家标准委人工转办")


class RoutingRule(models.Model):
    """A row of the routing table (rules/feedback_routing.py): rows match in priority order; the first whose handler
    exists receives the item."""

    priority = models.PositiveIntegerField(_("顺序"), help_text=_("数字小的先匹配。"))
    tier = models.CharField(_("标准层级"), max_length=14, blank=True, help_text=_("留空：任何层级。"))
    category = models.CharField(_("反馈类型"), max_length=20, choices=FeedbackCategory.choices, blank=True,
                                help_text=_("留空：任何类型。"))
    tc_prefix = models.CharField(_("技术委员会编号"), max_length=40, blank=True,
                                 help_text=_("如 SAC/TC 28，含其分技术委员会；留空：任何。"))
    target = models.CharField(_("转办给"), max_length=24, choices=RoutingTarget.choices)
    organisation = models.ForeignKey("accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("指定单位"))
    active = models.BooleanField(_("启用"), default=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["priority", "id"]
        verbose_name = _("反馈转办规则")
        verbose_name_plural = _("反馈转办规则")

    def __str__(self) -> str:
        return f"{self.priority}: {self.get_target_display()}"


class ExportFrequency(models.TextChoices):
    WEEKLY = "weekly", _("每周")
    MONTHLY = "monthly", _("每月")


class ExportSubscription(models.Model):
    """A regulator's or consumer association's periodic export of the feedback on standards in its field: by
    ICS or CCS code prefix, or by committee; sent by the daily sweep when due and downloadable at any time."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT,
                                     related_name="feedback_exports", verbose_name=_("接收单位"))
    ics_prefixes = models.JSONField(_("国际标准分类号（前缀）"), default=list, blank=True)
    ccs_prefixes = models.JSONField(_("中国标准文献分类号（前缀）"), default=list, blank=True)
    tc_codes = models.JSONField(_("技术委员会"), default=list, blank=True)
    frequency = models.CharField(_("频次"), max_length=10, choices=ExportFrequency.choices,
                                 default=ExportFrequency.MONTHLY)
    active = models.BooleanField(_("启用"), default=True)
    last_sent_on = models.DateField(_("最近发送"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        ordering = ["organisation", "id"]
        verbose_name = _("反馈定期导出")
        verbose_name_plural = _("反馈定期导出")

    def __str__(self) -> str:
        return f"{self.organisation} · {self.get_frequency_display()}"


class SettingEventKind(models.TextChoices):
    LIMIT_CHANGED = "limit_changed", _("修改办理时限")
    RULE_ADDED = "rule_added", _("添加转办规则")
    RULE_CHANGED = "rule_changed", _("修改转办规则")
    SUBSCRIPTION_ADDED = "subscription_added", _("添加定期导出")
    SUBSCRIPTION_CHANGED = "subscription_changed", _("修改定期导出")
    EXPORT_SENT = "export_sent", _("发送定期导出")


class FeedbackSettingEvent(AppendOnly):
    """Append-only history of the tables above. ``data``: {"before", "after"} (changed fields) for changes, the
    row's fields for additions, {"items", "start", "end", "recipients"} for a sent export."""

    kind = models.CharField(max_length=24, choices=SettingEventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    at = models.DateTimeField(default=clock.now)
    limit = models.ForeignKey(FeedbackTimeLimit, null=True, blank=True, on_delete=models.PROTECT, related_name="events")
    rule = models.ForeignKey(RoutingRule, null=True, blank=True, on_delete=models.PROTECT, related_name="events")
    subscription = models.ForeignKey(ExportSubscription, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="events")
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("反馈设置事件")
        verbose_name_plural = _("反馈设置事件")

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d}"
