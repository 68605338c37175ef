"""Who may read and download a standard's text: decided from the kind of standard, never typed per record.

Three levels, each including the ones below it: DOWNLOAD (可下载: read online and download), PREVIEW (可在线预览:
read online only), NOT_PUBLIC (不公开). An administrator may set the level of one standard with a reason
(`override`), where its publisher says otherwise (a group that publishes its texts, a text withdrawn from public
reading). Pages translate the reasons (catalog/text_access.py); files are served only as the decision allows.
Pure: no Django.

Sources (confidence as in shared/reference/README.md: [V] read in the text, [S] secondary or platform practice,
[U] unconfirmed):
- Mandatory standards: 中华人民共和国标准化法 (2017 revision, in force 2018-01-01) art. 17: "强制性标准文本应当免费
  向社会公开" [V]; the national platform (openstd.samr.gov.cn, since 2017-03) offers them to read and download [S].
- Recommended national standards and guidance documents: the same art. 17: "国家推动免费向社会公开推荐性标准文本"
  [V]; the platform offers them to read online, without download [S].
- Adopting an ISO or IEC standard identically (IDT) or with modifications (MOD): the text reproduces the
  international text, whose copyright stays with ISO/IEC (ISO POCOSA 2017, "ISO Policies and procedures for
  copyright, copyright exploitation rights and sales of ISO publications"; IEC's policy alike): members may not
  give it away, so such texts are at most read online, never downloaded [S]. NEQ is not an adoption of the text.
- ISO/IEC texts themselves are sold by ISO/IEC and their members: not public [S].
- Industry and local standards: the filing platforms (hbba.sacinfo.org.cn, dbba.sacinfo.org.cn) publish the texts
  to read online [S].
- Group and enterprise standards: their publishers decide; the self-declaration (标准化法 art. 27) covers the
  numbers, titles and indicators, not the text [V]; so not public unless the administrator records otherwise.
- Foreign-language versions (外文版) of Chinese standards: the Chinese text is the authentic one and the versions are
  published for sale [S]; art. 17 frees the text of a mandatory standard, which the foreign-language version
  renders for foreign readers (trading partners, WTO/TBT), so a mandatory standard's version is read online, never
  downloaded (the sold edition stays the publisher's); every other version is not public [U]. A version of a
  standard that adopts ISO/IEC text (IDT, MOD) reproduces that text: not public. docs/decisions/0037.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

ADOPTION_DEGREES = frozenset({"IDT", "MOD"})  # NEQ does not reproduce the international text
INTERNATIONAL_PREFIXES = ("ISO", "IEC")  # ISO 9001:2015, ISO/IEC 27001:2022, IEC 60335-1:2020


class Access(StrEnum):
    """Ordered: each level allows what the levels before it allow."""

    NOT_PUBLIC = "not_public"  # 不公开
    PREVIEW = "preview"  # 可在线预览
    DOWNLOAD = "download"  # 可下载 (and read online)

    @property
    def rank(self) -> int:
        return list(Access).index(self)

    @property
    def can_read(self) -> bool:
        return self is not Access.NOT_PUBLIC

    @property
    def can_download(self) -> bool:
        return self is Access.DOWNLOAD


class Reason(StrEnum):
    MANDATORY = "mandatory"  # 强制性标准文本免费公开
    RECOMMENDED = "recommended"  # 推荐性国家标准在线阅读
    ADOPTED = "adopted"  # 采用 ISO/IEC 标准：国际标准版权
    INTERNATIONAL = "international"  # ISO/IEC 标准由其发布机构销售
    FILED = "filed"  # 行业、地方标准在备案平台在线阅读
    PUBLISHER = "publisher"  # 团体、企业标准：发布者未公开文本
    TRANSLATION = "translation"  # 外文版不在免费公开范围
    TRANSLATION_MANDATORY = "translation_mandatory"  # 强制性标准外文版：在线阅读
    OVERRIDE = "override"  # 管理员按发布者的决定设定


@dataclass(frozen=True, slots=True)
class Decision:
    access: Access
    reason: Reason

    @property
    def can_read(self) -> bool:
        return self.access.can_read

    @property
    def can_download(self) -> bool:
        return self.access.can_download


def adopts_international_text(adoptions: Iterable[tuple[str, str]]) -> bool:
    """True if one of (adopted number, degree) reproduces an ISO or IEC text (IDT or MOD)."""
    return any(
        degree.upper() in ADOPTION_DEGREES and number.strip().upper().startswith(INTERNATIONAL_PREFIXES)
        for number, degree in adoptions
    )


def decide(*, tier: str, nature: str, adoptions: Iterable[tuple[str, str]] = (), language: str = "zh",
           override: str = "") -> Decision:
    """The access to one text of a standard. `tier` and `nature` as the catalogue stores them (national,
    mandatory, ...); `adoptions` the (number, degree) of its adoption relations; `language` the text's language;
    `override` an administrator's level for this standard ("" to follow the rules)."""
    if override:
        return Decision(Access(override), Reason.OVERRIDE)
    if tier == "international":
        return Decision(Access.NOT_PUBLIC, Reason.INTERNATIONAL)
    if language != "zh":
        if nature == "mandatory" and tier == "national" and not adopts_international_text(adoptions):
            return Decision(Access.PREVIEW, Reason.TRANSLATION_MANDATORY)
        return Decision(Access.NOT_PUBLIC, Reason.TRANSLATION)
    if tier in ("group", "enterprise"):
        return Decision(Access.NOT_PUBLIC, Reason.PUBLISHER)
    if nature == "mandatory":
        decision = Decision(Access.DOWNLOAD, Reason.MANDATORY)
    elif tier == "national":
        decision = Decision(Access.PREVIEW, Reason.RECOMMENDED)
    else:
        decision = Decision(Access.PREVIEW, Reason.FILED)
    if adopts_international_text(adoptions):
        return Decision(Access.PREVIEW, Reason.ADOPTED)
    return decision
