"""A year's work plan as imported from its text (biaozhun/rules/plan_text.py): the plan, its parts and sections.
Only services/plans.py writes them; each import appends a PlanEvent."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from biaozhun.core import clock
from biaozhun.core.models import AppendOnly


class WorkPlan(models.Model):
    """One year's plan (one per year); ``sha256`` is the imported text's, so importing it again changes nothing."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    title = models.CharField(_("标题"), max_length=200)
    preamble = models.TextField(_("前言"), blank=True)
    closing = models.TextField(_("结尾"), blank=True)
    numbered_through = models.BooleanField(_("条目连续编号"), default=True)
    source_name = models.CharField(_("来源文件"), max_length=200, blank=True)
    sha256 = models.CharField(max_length=64)
    imported_at = models.DateTimeField(_("导入时间"), default=clock.now)
    updated_at = models.DateTimeField(_("更新时间"), default=clock.now)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("年度工作要点")
        verbose_name_plural = _("年度工作要点")

    def __str__(self) -> str:
        return self.title or str(self.year)

    def get_absolute_url(self) -> str:
        return reverse("workplan:plan", args=[self.year])


class PlanPart(models.Model):
    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="parts")
    number = models.PositiveSmallIntegerField(_("序号"))
    heading = models.CharField(_("标题"), max_length=300)
    intro = models.TextField(_("说明"), blank=True)

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("部分")
        verbose_name_plural = _("部分")
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="workplan_part_number")]

    def __str__(self) -> str:
        return f"{self.number_label}{self.heading}"

    @property
    def number_label(self) -> str:
        return NUMERALS[self.number] + "、" if self.number < len(NUMERALS) else f"{self.number}、"


class PlanSection(models.Model):
    """A section (（一）…) of a part; number 0 holds items that stand directly under the part."""

    part = models.ForeignKey(PlanPart, on_delete=models.CASCADE, related_name="sections")
    number = models.PositiveSmallIntegerField(_("序号"))
    heading = models.CharField(_("标题"), max_length=300, blank=True)
    intro = models.TextField(_("说明"), blank=True)

    class Meta:
        ordering = ["part", "number"]
        verbose_name = _("小节")
        verbose_name_plural = _("小节")
        constraints = [models.UniqueConstraint(fields=["part", "number"], name="workplan_section_number")]

    def __str__(self) -> str:
        return f"{self.number_label}{self.heading}"

    @property
    def number_label(self) -> str:
        if not self.number:
            return ""
        return f"（{NUMERALS[self.number]}）" if self.number < len(NUMERALS) else f"（{self.number}）"


NUMERALS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五",
            "十六", "十七", "十八", "十九", "二十"]


class PlanEventKind(models.TextChoices):
    """Values are stored and never renamed. Data: {"sha256", "source", "added", "changed", "removed", "restored"}."""

    IMPORTED = "imported", _("导入")
    UPDATED = "updated", _("按新文本更新")


class PlanEvent(AppendOnly):
    plan = models.ForeignKey(WorkPlan, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("类型"), max_length=12, choices=PlanEventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    at = models.DateTimeField(_("时间"), default=clock.now)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("工作要点事件")
        verbose_name_plural = _("工作要点事件")

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d %H:%M}"
