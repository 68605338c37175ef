"""Implementation of mandatory national standards (强制性国家标准实施情况): for each one in force, four signals of use
read from the platform's records, combined by rules/implementation.py into strong / medium / weak.

- use: views, online readings and downloads on the portal in the 12 months before the day (StandardUse);
- citations: other standards in force citing it (the catalogue's normative references);
- declarations: enterprises' public self-declarations made to it (declarations app);
- inspections: enterprises drawn in random inspections (inspections app) that declared it.

Each signal is one grouped query over all mandatory standards, so the page costs five queries however many."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from biaozhun.catalog.models import Nature, RelationKind, Standard, StandardRelation, Status, Tier
from biaozhun.core import clock
from biaozhun.declarations.models import Declaration, DeclarationState
from biaozhun.inspections.models import SampledItem
from biaozhun.rules import implementation as rules

from .models import StandardUse

USE_DAYS = 365


@dataclass(frozen=True)
class Row:
    standard_id: int
    identifier: str
    title: str
    tc_code: str
    signals: rules.Signals
    assessment: rules.Assessment

    @property
    def strength(self) -> str:
        return self.assessment.strength.value

    @property
    def strength_name(self) -> str:
        return strength_names()[self.strength]

    @property
    def review_url(self) -> str:
        url = reverse("development:reviews")
        return f"{url}?committee={self.tc_code}" if self.tc_code else url

    @property
    def detail_url(self) -> str:
        return reverse("portal:standard_detail", args=[self.identifier])


def strength_names() -> dict[str, str]:
    return {"strong": _("强"), "medium": _("中"), "weak": _("弱")}


def mandatory_standards():
    return Standard.objects.filter(tier=Tier.NATIONAL, nature=Nature.MANDATORY, status=Status.CURRENT)


def rows(*, today: date | None = None, among: list[int] | None = None) -> list[Row]:
    """Every mandatory standard in force, or those of them whose ids are `among` (a page of another list)."""
    today = today or clock.today()
    chosen = mandatory_standards() if among is None else mandatory_standards().filter(pk__in=among)
    standards = list(chosen.order_by("sort_key").values_list("id", "identifier", "title_zh", "tc_code"))
    if not standards:
        return []
    ids = [s[0] for s in standards]
    since = today - timedelta(days=USE_DAYS)
    use = {row["standard_id"]: (row["v"] or 0) + (row["r"] or 0) + (row["d"] or 0) for row in
           StandardUse.objects.filter(standard_id__in=ids, day__gt=since, day__lte=today).values("standard_id")
           .annotate(v=Sum("views"), r=Sum("reads"), d=Sum("downloads")).order_by()}
    citations = dict(StandardRelation.objects.filter(kind=RelationKind.REFERENCES, target_id__in=ids,
                                                     source__status=Status.CURRENT, source__withdrawn_at__isnull=True)
                     .exclude(source_id__in=ids).values("target_id").annotate(n=Count("source_id", distinct=True))
                     .order_by().values_list("target_id", "n"))
    citations_within = dict(StandardRelation.objects.filter(kind=RelationKind.REFERENCES, target_id__in=ids,
                                                            source_id__in=ids, source__status=Status.CURRENT)
                            .values("target_id").annotate(n=Count("source_id", distinct=True)).order_by()
                            .values_list("target_id", "n"))
    declared = Declaration.objects.filter(standard_id__in=ids, state=DeclarationState.PUBLISHED)
    declarations = dict(declared.values("standard_id").annotate(n=Count("id")).order_by()
                        .values_list("standard_id", "n"))
    inspected: dict[int, int] = {}
    sampled = set(SampledItem.objects.filter(enterprise_id__in=declared.values("enterprise_id"))
                  .values_list("enterprise_id", flat=True))
    if sampled:
        for standard_id, _enterprise in declared.filter(enterprise_id__in=sampled).values_list(
                "standard_id", "enterprise_id").distinct():
            inspected[standard_id] = inspected.get(standard_id, 0) + 1
    result = []
    for standard_id, identifier, title, tc_code in standards:
        signals = rules.Signals(use=use.get(standard_id, 0),
                                citations=citations.get(standard_id, 0) + citations_within.get(standard_id, 0),
                                declarations=declarations.get(standard_id, 0),
                                inspections=inspected.get(standard_id, 0))
        result.append(Row(standard_id, identifier, title, tc_code, signals, rules.assess(signals)))
    return result


def by_standard(standard_ids: list[int], *, today: date | None = None) -> dict[int, Row]:
    """The assessment of those of these standards that are mandatory and in force (the periodic review shows it)."""
    return {row.standard_id: row for row in rows(today=today, among=standard_ids)}


def counts(found: list[Row]) -> dict[str, int]:
    totals = {strength.value: 0 for strength in rules.Strength}
    for row in found:
        totals[row.strength] += 1
    return totals
