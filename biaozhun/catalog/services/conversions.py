"""Conversions (转化): industry or local editions converted into, or merged into, an edition of another tier.

Stored as `converted_to` relations from each converted (source) edition to the edition it became, like the other
relations of the interchange format (docs/catalog-jsonl.md: a source's record lists `converted_to`), so imports and
exports carry them and both detail pages show them (转化为 / 由…转化而来). A conversion is not an abolition: the
source's authority abolishes it separately (its periodic review, filing/services/reviews.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.catalog.models import RelationKind, Standard, StandardRelation
from biaozhun.catalog.records import tier_name
from biaozhun.core import clock
from biaozhun.core.actors import require_actor
from biaozhun.core.errors import ValidationFailed
from biaozhun.rules.conversions import convertible_tiers, may_convert

from . import events
from .locking import lock_catalogue

MAX_SOURCES = 50  # a merger of more standards than this is recorded in parts
MAX_NOTE = 2000


@transaction.atomic
def record_conversion(*, actor: Any, sources: Sequence[Standard], target: Standard, note: str = "") -> list[
        StandardRelation]:
    """Record that `sources` were converted (several: merged) into `target`; one `converted` event on each edition
    involved, the note as its reason. Refused as a whole, nothing written, if any source may not be converted."""
    require_actor(actor)
    seen: set[int] = set()
    sources = [s for s in sources if not (s.pk in seen or seen.add(s.pk))]  # the same edition twice counts once
    for source in sources:
        policy.require(actor, "catalog.record_conversion", source)
    note = " ".join((note or "").split())
    problems = _problems(sources, target, note)
    if problems:
        raise ValidationFailed(_("转化关系未能登记，请按提示修改。"), problems)
    lock_catalogue()
    locked = list(Standard.objects.select_for_update().filter(pk__in=[s.pk for s in sources]).order_by("pk"))
    taken = set(StandardRelation.objects.filter(source__in=locked, kind=RelationKind.CONVERTED_TO, target=target)
                .values_list("source_id", flat=True))
    if taken:  # recorded by someone else since the check above
        raise ValidationFailed(_("转化关系未能登记，请按提示修改。"), [_already(s, target) for s in locked if s.pk in taken])
    relations = StandardRelation.objects.bulk_create([
        StandardRelation(source=source, kind=RelationKind.CONVERTED_TO, target=target,
                         target_identifier=target.identifier, target_key=target.edition)
        for source in locked])
    now = clock.now()
    for source in locked:
        source.version += 1
        source.updated_at = now
    Standard.objects.bulk_update(locked, ["version", "updated_at"])  # exports `updated_since` see the new relation
    numbers = [source.identifier for source in locked]
    data = {"sources": numbers, "target": target.identifier}
    events.record([events.converted(s.pk, actor=actor, data=data, reason=note) for s in (*locked, target)])
    return relations


def _problems(sources: list[Standard], target: Standard, note: str) -> list[dict[str, str]]:
    problems = []
    if not sources:
        problems.append({"field": "sources", "message": _("请至少填写一项被转化的行业标准或地方标准")})
    elif len(sources) > MAX_SOURCES:
        problems.append({"field": "sources", "message": _("一次最多登记 %(limit)s 项被转化的标准") % {"limit": MAX_SOURCES}})
    if len(note) > MAX_NOTE:
        problems.append({"field": "note", "message": _("说明最多 %(limit)s 个字符") % {"limit": MAX_NOTE}})
    existing = set(StandardRelation.objects.filter(source__in=sources, kind=RelationKind.CONVERTED_TO, target=target)
                   .values_list("source_id", flat=True))
    for index, source in enumerate(sources):
        field = f"sources[{index}]"
        if source.pk == target.pk:
            problems.append({"field": field, "message": _("标准不能转化为自身")})
        elif not convertible_tiers(source.tier):
            problems.append({"field": field, "message": _(
                "%(identifier)s 是%(tier)s；只有行业标准和地方标准登记转化") % {
                "identifier": source.identifier, "tier": source.get_tier_display()}})
        elif not may_convert(source.tier, target.tier):
            problems.append({"field": "target", "message": _(
                "%(identifier)s 可转化为%(tiers)s；%(target)s 是%(tier)s") % {
                "identifier": source.identifier, "target": target.identifier, "tier": target.get_tier_display(),
                "tiers": "、".join(tier_name(t) for t in convertible_tiers(source.tier))}})
        elif source.pk in existing:
            problems.append(_already(source, target, field))
    return problems


def _already(source: Standard, target: Standard, field: str = "sources") -> dict[str, str]:
    return {"field": field, "message": _("%(source)s 转化为 %(target)s 已登记") % {
        "source": source.identifier, "target": target.identifier}}
