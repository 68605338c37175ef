"""The tables administrators edit: filing time limits and the restrictive wording rules."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FilingTimeLimit(models.Model):
    """Time limits of filing (seeded from biaozhun/rules/filing.py, edited by administrators)."""

    class Unit(models.TextChoices):
        DAYS = "days", _("日")
        WORKING_DAYS = "working_days", _("工作日")
        YEARS = "years", _("年")

    class Confidence(models.TextChoices):
        VERIFIED = "V", _("已核对法规原文")
        SECONDARY = "S", _("来自二手资料，待核实")
        UNCONFIRMED = "U", _("无规章依据，平台设定")

    code = models.CharField(_("代码"), max_length=40, unique=True)
    value = models.PositiveIntegerField(_("数值"))
    unit = models.CharField(_("单位"), max_length=14, choices=Unit.choices)
    description = models.CharField(_("说明"), max_length=200)
    confidence = models.CharField(_("可靠程度"), max_length=1, choices=Confidence.choices)
    source = models.CharField(_("依据"), max_length=300, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("备案时限")
        verbose_name_plural = _("备案时限")

    def __str__(self) -> str:
        return f"{self.code} = {self.value} {self.unit}"


class WordingRuleKind(models.TextChoices):
    BRAND = "brand", _("指定品牌或企业")
    LOCAL_TESTING = "local_testing", _("限定本地检测机构")
    LOCAL_REGISTRATION = "local_registration", _("要求本地注册或备案")
    OTHER = "other", _("其他排除、限制竞争的内容")


class WordingRule(models.Model):
    """A phrase that may restrict competition or set a market barrier, highlighted for the reviewer. The pattern
    is a regular expression over the title, scope and full text's words (filing/checks/wording.py)."""

    kind = models.CharField(_("类别"), max_length=20, choices=WordingRuleKind.choices)
    pattern = models.CharField(_("匹配规则（正则表达式）"), max_length=300)
    explanation = models.CharField(_("提示审查人员"), max_length=300)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = _("限制竞争用语规则")
        verbose_name_plural = _("限制竞争用语规则")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.pattern}"

    def clean(self) -> None:
        import re

        from django.core.exceptions import ValidationError

        try:
            re.compile(self.pattern)
        except re.error as exc:
            raise ValidationError({"pattern": _("不是有效的正则表达式（%(error)s）；例如：本(?:省|市)检测机构") % {
                "error": exc}}) from None
        if re.fullmatch(self.pattern, "") is not None:
            raise ValidationError({"pattern": _("这条规则会匹配空文本；请写出要查找的用语")})
