"""ISO/IEC records: what ISO's and IEC's own data say about an international edition beyond the catalogue's fields.

The edition itself is a catalogue `Standard` (tier international): number, titles, dates, ICS, committee, status
and relations live there, with the catalogue's history. `InternationalRecord` holds the publisher's fields the
catalogue has no column for (docs/decisions/0034-iso-iec-records.md). Written only by
biaozhun.international.services.records.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.TextChoices):
    ISO = "ISO", "ISO"
    IEC = "IEC", "IEC"


class InternationalRecord(models.Model):
    standard = models.OneToOneField(
        "catalog.Standard", on_delete=models.CASCADE, primary_key=True, related_name="international_record",
        verbose_name=_("标准"),
    )
    organisation = models.CharField(_("数据来源"), max_length=3, choices=Organisation.choices)
    # ISO's deliverable id (62085 for ISO 9001:2015); IEC's publication id when its record carries one.
    source_id = models.PositiveIntegerField(_("来源编号"), null=True, blank=True)
    deliverable_type = models.CharField(_("文件类型"), max_length=12, blank=True)  # IS, TS, TR, PAS, Guide, IWA…
    supplement_type = models.CharField(_("补充文件类型"), max_length=12, blank=True)  # Amd, Cor, Add, Suppl…
    edition = models.CharField(_("版次"), max_length=10, blank=True)  # "5"; IEC "6.0", "5.2"
    stage = models.PositiveSmallIntegerField(_("阶段代码"))  # harmonized stage code: 6060, 9093, 9599
    languages = models.JSONField(_("语种"), default=list, blank=True)
    pages = models.JSONField(_("页数"), default=dict, blank=True)  # {"en": 29}
    title_fr = models.CharField(_("法文标题"), max_length=500, blank=True)
    # The source's own links, as it gave them (ISO ids, or IEC references); the catalogue holds the resolved ones.
    replaces = models.JSONField(_("代替（来源数据）"), default=list, blank=True)
    replaced_by = models.JSONField(_("被代替（来源数据）"), default=list, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("ISO/IEC 记录")
        verbose_name_plural = _("ISO/IEC 记录")
        indexes = [models.Index(fields=["organisation", "source_id"], name="intl_record_source")]

    def __str__(self) -> str:
        return f"{self.organisation} {self.source_id or ''}".strip()

    @property
    def stage_code(self) -> str:
        """"60.60" as ISO writes it."""
        return f"{self.stage // 100:02d}.{self.stage % 100:02d}"
