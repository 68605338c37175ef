"""A filing's page and the catalogue's link to it: what the page shows beside the filing (the replaced edition,
the text's access, the industry or region), and the filing through which a catalogue edition came."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from biaozhun.catalog import selectors as catalog_selectors
from biaozhun.catalog import text_access
from biaozhun.catalog.models import Standard, Tier
from biaozhun.catalog.text_access import TextOffer
from biaozhun.reference.models import IndustryCode, RegionCode

from ..models import Filing, FilingState, FilingTier
from .public import public_filings


def filing_of_standard(*, standard: Standard) -> Filing | None:
    """The accepted filing through which a catalogue edition came, if any. Only industry and local editions are
    filed, so other tiers cost no query; an edition read with select_related("filing") costs none either."""
    if standard.tier not in (Tier.INDUSTRY, Tier.LOCAL):
        return None
    if Standard.filing.is_cached(standard):
        filing = getattr(standard, "filing", None)
        return filing if filing is not None and filing.state == FilingState.ACCEPTED else None
    return (public_filings().filter(standard=standard)
            .only("id", "filing_number", "filed_on", "state", "standard_id").first())


@dataclass(frozen=True)
class FilingPage:
    """What a filing's page shows beside the filing: the edition it replaced as the catalogue has it (None when
    not catalogued), and for a filed edition the access to its text as the catalogue's rules give it."""

    filing: Filing
    replaced: Standard | None
    text_offer: TextOffer | None
    has_text: bool
    area: str  # the industry (JB 机械) or the region (江苏省 · 南京市) the number belongs to

    @property
    def accepted(self) -> bool:
        return self.filing.state == FilingState.ACCEPTED

    @property
    def withdrawn(self) -> bool:
        return self.filing.state == FilingState.WITHDRAWN

    @property
    def titles(self) -> dict[str, str]:
        """Both titles, as `localized` reads them (the English one from the filed record, if given)."""
        return {"title_zh": self.filing.title_zh, "title_en": str(self.filing.record.get("title_en") or "")}


def _area(filing: Filing) -> str:
    if filing.tier == FilingTier.INDUSTRY:
        name = IndustryCode.objects.filter(code=filing.industry_code).values_list("name_zh", flat=True).first()
        return f"{filing.industry_code} {name}" if name else filing.industry_code
    codes = [filing.region_code[:2], filing.region_code] if len(filing.region_code) == 4 else [filing.region_code]
    names = dict(RegionCode.objects.filter(code__in=codes).values_list("code", "name_zh"))
    return " · ".join(names.get(code, code) for code in codes)


def filing_page(*, viewer: Any, filing: Filing) -> FilingPage:
    replaced = (catalog_selectors.standard_by_identifier(viewer=viewer, identifier=filing.replaces)
                if filing.replaces else None)
    standard = filing.standard if filing.state == FilingState.ACCEPTED else None
    offer, has_text = None, False
    if standard is not None:
        offer, has_text = text_access.offer(standard), standard.full_texts.filter(language="zh").exists()
    return FilingPage(filing=filing, replaced=replaced, text_offer=offer, has_text=has_text, area=_area(filing))
