"""The kinds of things evidence can point at."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EvidenceKind(models.TextChoices):
    STANDARD = "standard", _("标准")
    PROJECT = "project", _("标准项目")
    FILING = "filing", _("标准备案")
    CAMPAIGN = "campaign", _("双随机抽查")
    COMMITTEE = "committee", _("技术委员会")


# What a person types for each kind (shown under the field and in the error).
HINTS = {
    EvidenceKind.STANDARD: _("标准号，如 GB/T 19001-2016；不写年代号时取现行版本"),
    EvidenceKind.PROJECT: _("计划号，如 20190001-T-469，或项目页面地址中的编号"),
    EvidenceKind.FILING: _("备案的标准号，如 DB11/T 1234-2020，或备案页面地址中的编号"),
    EvidenceKind.CAMPAIGN: _("抽查活动页面地址中的编号"),
    EvidenceKind.COMMITTEE: _("技术委员会编号，如 SAC/TC 28"),
}
