"""What ISO's or IEC's own record says of an ISO/IEC edition, for its page in the catalogue: the publisher's
document id (a link to its page there), the harmonized stage with its meaning, the edition, the type, the
languages, the pages and the French title."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from biaozhun.catalog.models import Standard, Tier
from biaozhun.international.models import InternationalRecord, Organisation
from biaozhun.international.services.records.stages import dotted

# ISO/IEC Directives, Part 1, Annex SE: the meaning of the codes an edition's record carries (60.60 onward), and
# of each stage for the rest.
SUBSTAGE_NAMES = {
    6000: _("出版准备中"), 6060: _("已出版"), 9020: _("定期复审中"), 9060: _("复审结束"),
    9092: _("复审结论：修订"), 9093: _("复审结论：确认"), 9099: _("建议撤销"), 9520: _("撤销投票中"),
    9560: _("撤销投票结束"), 9592: _("撤销决定：不撤销"), 9599: _("已撤销"),
}
STAGE_NAMES = {
    0: _("预研阶段"), 10: _("提案阶段"), 20: _("准备阶段"), 30: _("委员会阶段"), 40: _("征询意见阶段"),
    50: _("批准阶段"), 60: _("出版阶段"), 90: _("复审阶段"), 95: _("撤销阶段"),
}
ISO_PAGE = "https://www.iso.org/standard/{id}.html"


@dataclass(frozen=True)
class RecordPanel:
    record: InternationalRecord
    stage_code: str
    stage_name: str
    link: str  # the publisher's page of the document, when its id says where

    @property
    def organisation(self) -> str:
        return self.record.organisation


def stage_name(code: int) -> str:
    return str(SUBSTAGE_NAMES.get(code) or STAGE_NAMES.get(code // 100, ""))


def record_panel(standard: Standard) -> RecordPanel | None:
    if standard.tier != Tier.INTERNATIONAL:
        return None
    record = InternationalRecord.objects.filter(standard=standard).first()
    if record is None:
        return None
    link = ISO_PAGE.format(id=record.source_id) if record.organisation == Organisation.ISO and record.source_id else ""
    return RecordPanel(record, dotted(record.stage), stage_name(record.stage), link)
