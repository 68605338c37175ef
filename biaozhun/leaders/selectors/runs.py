"""Reads of a ranking run for the administration's page and the API: its tiers (members of the top tier named,
the others counted), per-indicator statuses and bounds, and a page of excluded declarations with their reasons.
The scheme's indicators come from the run's snapshot (what it ranked by), never from the scheme as it is now."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from biaozhun.declarations.models import Declaration

from ..models import Direction, RankingRun

TOP_TIER_SHOWN = 200

REASONS = {
    "below_requirement": _("未达到标准要求"),
    "not_declared": _("未声明该指标"),
    "not_a_number": _("不是数值（文字描述）"),
    "unit_differs": _("单位与方案不同（不换算）"),
    "no_guarantee": _("声明的要求方向与方案相反，不能确定保证值"),
}


def reason_label(code: str) -> str:
    return str(REASONS.get(code, code))


def run(*, pk: int) -> RankingRun | None:
    return RankingRun.objects.select_related("scheme__key_product", "actor").filter(pk=pk).first()


def _declarations(ids: list[int]) -> dict[int, Declaration]:
    return Declaration.objects.select_related("enterprise").only(
        "pk", "identifier", "title", "enterprise__name").in_bulk(ids)


@dataclass(frozen=True)
class TierRow:
    number: int
    count: int
    members: list[Declaration]  # the top tier's first TOP_TIER_SHOWN, by enterprise name


def tier_rows(*, run: RankingRun) -> list[TierRow]:
    rows = []
    for number, keys in enumerate(run.tiers, 1):
        members = []
        if number == 1:
            found = _declarations(keys[:TOP_TIER_SHOWN])
            members = sorted(found.values(), key=lambda d: (d.enterprise.name, d.pk))
        rows.append(TierRow(number, len(keys), members))
    return rows


def excluded_rows(*, rows: list[list[Any]]) -> list[tuple[Declaration | None, str, str, Any]]:
    found = _declarations([row[0] for row in rows])
    return [(found.get(row[0]), row[1], reason_label(row[2]), row[3]) for row in rows]


@dataclass(frozen=True)
class RankedIndicator:
    """One indicator as the run ranked by it (from its snapshot)."""

    name: str
    unit: str
    direction: str
    key: bool
    threshold_kind: str
    thresholds: list[str]
    requirement: str | None
    requirement_source: str = ""
    aliases: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})" if self.unit else self.name

    @property
    def direction_label(self) -> str:
        return str(Direction(self.direction).label)


def ranked_indicators(*, run: RankingRun) -> list[RankedIndicator]:
    return [RankedIndicator(**row) for row in run.ranked_indicators]


def indicator_rows(*, run: RankingRun) -> list[tuple[RankedIndicator, dict[str, Any]]]:
    return [(indicator, run.indicators.get(indicator.name, {})) for indicator in ranked_indicators(run=run)]
