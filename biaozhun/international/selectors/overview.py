"""The figures of the international standardization page (/international/): one small count per part."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q
from django.http import QueryDict

from biaozhun.catalog.models import Standard, Status, Tier
from biaozhun.core import clock
from biaozhun.rules import adoption as adoption_rules

from ..adoption import params as adoption_params
from ..adoption import selectors as adoption_selectors
from ..adoption import texts as adoption_texts
from ..models import Comparison, InternationalCommittee, MirrorLink, Post, TranslationProject, WorkItem
from ..models.translations import TranslationStateChoice
from . import participation


@dataclass(frozen=True)
class Overview:
    records_in_force: int
    adoption_percent: str  # the overall rate of the default scope (IDT and MOD by national standards in force)
    adoption_formula: str
    adoption_meets_goal: bool | None  # None: nothing in scope
    adoption_goal: int  # per cent
    committees: int
    p_member: int
    o_member: int
    mirrored: int
    posts_held: int
    work_items: int
    open_ballots: int | None  # None: the viewer sees no ballot
    plan_year: int
    planned: int
    versions_published: int
    comparisons: int


def overview(viewer: Any, *, today: date | None = None) -> Overview:
    today = today or clock.today()
    counts = participation.membership_counts()
    in_term = Q(end__isnull=True) | Q(end__gte=today)
    ballots = participation.visible_ballots(viewer)
    query = adoption_params.parse(QueryDict())
    adoption = adoption_selectors.rate(query, today=today).tally.overall  # cached until the catalogue changes
    return Overview(
        records_in_force=Standard.objects.filter(tier=Tier.INTERNATIONAL, status=Status.CURRENT).count(),
        adoption_percent=adoption_texts.percent(adoption),
        adoption_formula=adoption_texts.formula(query, adoption),
        adoption_meets_goal=adoption.meets(),
        adoption_goal=round(100 * adoption_rules.GOAL),
        committees=InternationalCommittee.objects.count(),
        p_member=counts.get("P", 0),
        o_member=counts.get("O", 0),
        mirrored=MirrorLink.objects.values("international_id").distinct().count(),
        posts_held=Post.objects.filter(in_term, start__lte=today).count(),
        work_items=WorkItem.objects.count(),
        open_ballots=participation.open_ballot_count(viewer=viewer, today=today) if ballots.exists() else None,
        plan_year=today.year,
        planned=TranslationProject.objects.filter(plan_year=today.year)
        .exclude(state=TranslationStateChoice.CANCELLED).count(),
        versions_published=TranslationProject.objects.filter(state=TranslationStateChoice.PUBLISHED).count(),
        comparisons=Comparison.objects.filter(public=True).count(),
    )
