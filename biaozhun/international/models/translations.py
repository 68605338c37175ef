"""Foreign-language versions of Chinese standards (国家标准外文版, work-plan item 88): the yearly plan's translation
projects and their history. A project translates one edition into one language; published, its text is the
edition's `catalog.FullText` in that language (read as biaozhun/rules/text_access.py allows). The workflow is the
table in biaozhun/rules/translations.py; only services/translations.py changes a project's state."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from biaozhun.core import clock
from biaozhun.core.models import AppendOnly
from biaozhun.rules.translations import TranslationState


class TargetLanguage(models.TextChoices):
    """The languages a Chinese standard is translated into (the catalogue's full-text languages but Chinese)."""

    EN = "en", _("英文")
    FR = "fr", _("法文")
    RU = "ru", _("俄文")
    ES = "es", _("西班牙文")
    AR = "ar", _("阿拉伯文")
    DE = "de", _("德文")
    JA = "ja", _("日文")


class TranslationStateChoice(models.TextChoices):
    PLANNED = TranslationState.PLANNED.value, _("计划下达")
    TRANSLATING = TranslationState.TRANSLATING.value, _("翻译中")
    REVIEW = TranslationState.REVIEW.value, _("审查")
    APPROVED = TranslationState.APPROVED.value, _("已批准")
    PUBLISHED = TranslationState.PUBLISHED.value, _("已出版")
    CANCELLED = TranslationState.CANCELLED.value, _("已撤销")


class TranslationProject(models.Model):
    """One standard into one language, in one year's plan (计划编号 unique within the year)."""

    standard = models.ForeignKey("catalog.Standard", verbose_name=_("标准"), on_delete=models.PROTECT,
                                 related_name="translation_projects")
    language = models.CharField(_("语种"), max_length=5, choices=TargetLanguage.choices)
    plan_year = models.PositiveSmallIntegerField(_("计划年度"))
    plan_number = models.CharField(_("计划编号"), max_length=40)
    undertaker = models.ForeignKey("accounts.Organisation", verbose_name=_("承担单位（平台账号）"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="translation_projects")
    undertaker_name = models.CharField(_("承担单位"), max_length=200)
    state = models.CharField(_("状态"), max_length=12, choices=TranslationStateChoice.choices,
                             default=TranslationState.PLANNED.value)
    due_on = models.DateField(_("计划完成日期"), null=True, blank=True)
    approved_on = models.DateField(_("批准日期"), null=True, blank=True)
    published_on = models.DateField(_("出版日期"), null=True, blank=True)
    note = models.TextField(_("备注"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=clock.now, editable=False)
    updated_at = models.DateTimeField(_("修改时间"), default=clock.now, editable=False)

    class Meta:
        ordering = ["-plan_year", "plan_number", "id"]
        verbose_name = _("外文版项目")
        verbose_name_plural = _("外文版项目")
        constraints = [
            models.UniqueConstraint(fields=["plan_year", "plan_number"], name="international_translation_number"),
        ]
        indexes = [
            # The public plan list by year (and language, state); a standard's page asks by standard.
            models.Index(fields=["plan_year", "language", "state"], name="international_tr_year"),
            models.Index(fields=["standard", "language"], name="international_tr_standard"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_number} {self.language}"

    def get_absolute_url(self) -> str:
        return reverse("international:translations_detail", args=[self.pk])


class TranslationEventKind(models.TextChoices):
    """Values are stored and never renamed; the data keys of each are listed in services/translation_events.py."""

    CREATED = "created", _("列入计划")
    MOVED = "moved", _("状态变更")
    UPDATED = "updated", _("修改")
    PUBLISHED = "published", _("出版外文版")


class TranslationEvent(AppendOnly):
    project = models.ForeignKey(TranslationProject, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("类型"), max_length=12, choices=TranslationEventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    at = models.DateTimeField(_("时间"), default=clock.now)
    from_state = models.CharField(max_length=12, choices=TranslationStateChoice.choices, blank=True)
    to_state = models.CharField(max_length=12, choices=TranslationStateChoice.choices, blank=True)
    reason = models.TextField(_("说明"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("外文版项目事件")
        verbose_name_plural = _("外文版项目事件")

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d %H:%M}"
