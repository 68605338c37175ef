"""Reads of indicator comparisons that pages and the API share; what a viewer sees comes from the policy."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from biaozhun.accounts import policy
from biaozhun.catalog.models import Standard

from ..models import Comparison, IndicatorRow


def comparisons(*, viewer, q: str = "", standard: Standard | None = None) -> QuerySet[Comparison]:
    found = policy.visible("indicators.comparisons", viewer).select_related("standard")
    if standard is not None:
        found = found.filter(standard=standard)
    q = q.strip()[:60]
    if q:
        found = found.filter(Q(standard__identifier__icontains=q) | Q(foreign_number__icontains=q)
                             | Q(standard__title_zh__icontains=q) | Q(foreign_title__icontains=q))
    return found.annotate(row_count=Count("rows")).order_by("-updated_at", "-id")


def comparison_for_viewer(*, viewer, pk: int) -> Comparison | None:
    """The comparison if the viewer may see it (a draft hidden from others answers as absent)."""
    comparison = Comparison.objects.select_related("standard", "foreign_standard").filter(pk=pk).first()
    if comparison is None or not policy.can(viewer, "indicators.view", comparison):
        return None
    return comparison


def rows_of(comparison: Comparison) -> list[IndicatorRow]:
    return list(comparison.rows.order_by("position", "id"))


def verdict_counts(rows: list[IndicatorRow]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.verdict] = counts.get(row.verdict, 0) + 1
    return counts
