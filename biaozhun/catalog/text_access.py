"""The access to a standard's texts as pages, files and the API show it: the rule (biaozhun/rules/text_access.py)
applied to a catalogue edition, with translated labels and reasons. Files are served only as this allows
(portal/views/texts.py); people who maintain the catalogue may read every text (`catalog.read_any_text`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from biaozhun.rules.drafters import drafters_published
from biaozhun.rules.text_access import Decision, Reason, decide

from .models import RelationKind, Standard, StandardRelation, TextAccess

REASONS: dict[Reason, Promise] = {
    Reason.MANDATORY: _("强制性标准文本免费向社会公开（《标准化法》第十七条），可在线阅读和下载。"),
    Reason.RECOMMENDED: _("推荐性国家标准文本免费在线阅读（《标准化法》第十七条），不提供下载。"),
    Reason.ADOPTED: _("本标准等同或修改采用 ISO/IEC 国际标准，其文本受国际标准版权保护，仅可在线阅读，不提供下载。"),
    Reason.INTERNATIONAL: _("国际标准的文本由 ISO/IEC 及其成员出版发行，本平台不公开。"),
    Reason.FILED: _("行业标准、地方标准文本在备案平台公开，可在线阅读，不提供下载。"),
    Reason.PUBLISHER: _("团体标准、企业标准的文本由发布者决定是否公开；发布者未公开文本。"),
    Reason.TRANSLATION: _("外文版不在免费公开的范围内，不公开。"),
    Reason.TRANSLATION_MANDATORY: _("强制性国家标准的外文版可在线阅读，不提供下载；外文版仅供参考，以中文版为准。"),
    Reason.OVERRIDE: _("管理员依据发布者的决定设定。"),
}


@dataclass(frozen=True, slots=True)
class TextOffer:
    """What a reader may do with one text of an edition, and why."""

    decision: Decision
    note: str = ""  # the administrator's reason, for an override

    @property
    def access(self) -> TextAccess:
        return TextAccess(self.decision.access.value)

    @property
    def label(self) -> str:
        return str(self.access.label)

    @property
    def reason(self) -> str:
        text = str(REASONS[self.decision.reason])
        return f"{text}{self.note}" if self.note else text

    @property
    def can_read(self) -> bool:
        return self.decision.can_read

    @property
    def can_download(self) -> bool:
        return self.decision.can_download


def adoptions(relations: Iterable[StandardRelation]) -> list[tuple[str, str]]:
    """(adopted number, degree) of the adoption relations among `relations`."""
    return [(r.target_identifier, r.degree) for r in relations if r.kind == RelationKind.ADOPTS]


def offer(standard: Standard, *, language: str = "zh", relations: Iterable[StandardRelation] | None = None) -> TextOffer:
    """The access to `standard`'s text in `language`; `relations` when the caller has them (else one query)."""
    if relations is None:
        relations = standard.relations_out.filter(kind=RelationKind.ADOPTS)
    decision = decide(tier=standard.tier, nature=standard.nature, adoptions=adoptions(relations), language=language,
                      override=standard.text_access)
    return TextOffer(decision, standard.text_access_note if standard.text_access else "")


def refusal(text_offer: TextOffer, *, download: bool) -> str:
    """The sentence a refused request shows: what is not allowed, and why."""
    if download and text_offer.can_read:
        return gettext("此全文仅可在线阅读，不提供下载。%(reason)s") % {"reason": text_offer.reason}
    return gettext("此全文不公开。%(reason)s") % {"reason": text_offer.reason}


def drafters_public(standard: Standard) -> bool:
    """起草单位 and 起草人 are published with this edition (biaozhun/rules/drafters.py)."""
    return drafters_published(tier=standard.tier, nature=standard.nature, published_on=standard.published_on,
                              year=standard.year)


DRAFTERS_WITHHELD = _("强制性国家标准不公布起草单位和起草人（《强制性国家标准管理办法》，2020年6月1日起施行）。")
