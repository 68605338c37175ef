"""Required fields and numbering: what must be filled in, whether the number reads, whether a catalogue number is
in the catalogue (refused at once when it is not) and whether a Q/ number carries the enterprise's own code."""

from __future__ import annotations

from typing import Any

from biaozhun.catalog.identifier_messages import identifier_message
from biaozhun.identifiers import IdentifierError
from biaozhun.identifiers import Tier as IdentTier
from biaozhun.rules.declaration_checks import CheckCode, finding

from ..models import StandardSource
from .context import CheckContext, parse_number
from .drafts import Draft, Resolved

CATALOGUE_TIERS = {IdentTier.NATIONAL, IdentTier.INDUSTRY, IdentTier.LOCAL, IdentTier.GROUP}


def required_fields(draft: Draft) -> list[dict[str, Any]]:
    found = []
    if not draft.number.strip():
        found.append(finding(CheckCode.MISSING_FIELD, field="identifier", problem="required"))
    if draft.source == StandardSource.ENTERPRISE and not draft.title.strip():
        found.append(finding(CheckCode.MISSING_FIELD, field="title", problem="required"))
    if draft.product_count == 0:
        found.append(finding(CheckCode.MISSING_FIELD, field="products", problem="required"))
    if draft.source == StandardSource.ENTERPRISE and not draft.has_text and not draft.indicators:
        found.append(finding(CheckCode.NO_DISCLOSURE, field="fulltext"))
    return found


def _bad(draft: Draft, reason: str, **params: Any) -> dict[str, Any]:
    return finding(CheckCode.BAD_NUMBER, field="identifier", number=draft.number, reason=reason, **params)


def numbering(draft: Draft, context: CheckContext) -> list[dict[str, Any]]:
    """Reads the number and, when it reads, fills `draft.resolved`."""
    if not draft.number.strip():
        return []
    try:
        ident = parse_number(draft.number)
    except IdentifierError as error:
        return [_bad(draft, error.code, detail=identifier_message(error))]
    if draft.source == StandardSource.ENTERPRISE:
        if ident.tier != IdentTier.ENTERPRISE:
            return [_bad(draft, "not_enterprise")]
        if ident.year is None:
            return [_bad(draft, "year_missing")]
        if (ident.org_code or "").upper() not in draft.enterprise_codes:
            return [_bad(draft, "other_enterprise", org_code=ident.org_code or "",
                         codes=sorted(draft.enterprise_codes))]
        draft.resolved = Resolved(identifier=ident.canonical, undated=ident.undated, tier=ident.tier.value,
                                  title=draft.title.strip())
        return []
    if ident.tier == IdentTier.ENTERPRISE:
        return [_bad(draft, "enterprise_as_catalogue")]
    if ident.tier not in CATALOGUE_TIERS:
        return [_bad(draft, "not_catalogue_tier")]
    if ident.year is None:
        return [_bad(draft, "year_missing")]
    line = context.lookups.get(ident.canonical)
    if line is None or line.found is None:
        return [finding(CheckCode.UNKNOWN_STANDARD, field="identifier", number=ident.canonical)]
    found = line.found
    draft.resolved = Resolved(identifier=found.identifier, undated=found.undated, tier=ident.tier.value,
                              standard_id=found.id, title=found.title, lookup=line)
    return []
