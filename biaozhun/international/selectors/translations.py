"""Reads of the foreign-language versions' plan that pages and the API share (the plan is public)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from biaozhun.catalog.models import FullText, Standard
from biaozhun.rules.translations import OPEN

from ..models import TargetLanguage, TranslationProject, TranslationStateChoice


@dataclass(frozen=True)
class PlanQuery:
    year: int | None = None
    language: str = ""
    state: str = ""
    q: str = ""

    def cleaned(self) -> PlanQuery:
        return PlanQuery(self.year, self.language if self.language in TargetLanguage.values else "",
                         self.state if self.state in TranslationStateChoice.values else "", self.q.strip()[:60])


def plan(query: PlanQuery) -> QuerySet[TranslationProject]:
    query = query.cleaned()
    projects = TranslationProject.objects.select_related("standard")
    if query.year:
        projects = projects.filter(plan_year=query.year)
    if query.language:
        projects = projects.filter(language=query.language)
    if query.state:
        projects = projects.filter(state=query.state)
    if query.q:
        projects = projects.filter(Q(plan_number__icontains=query.q) | Q(standard__identifier__icontains=query.q)
                                   | Q(standard__title_zh__icontains=query.q)
                                   | Q(undertaker_name__icontains=query.q))
    return projects.order_by("-plan_year", "plan_number", "id")


def years() -> list[int]:
    return list(TranslationProject.objects.order_by("-plan_year").values_list("plan_year", flat=True).distinct())


def state_counts(year: int | None) -> dict[str, int]:
    projects = TranslationProject.objects.all()
    if year:
        projects = projects.filter(plan_year=year)
    return dict(projects.values_list("state").annotate(n=Count("id")).values_list("state", "n"))


def project(pk: int) -> TranslationProject | None:
    return (TranslationProject.objects.select_related("standard", "undertaker").filter(pk=pk).first())


def events_of(project: TranslationProject):
    return project.events.select_related("actor").order_by("at", "id")


def of_organisations(organisation_ids: list[int]) -> QuerySet[TranslationProject]:
    return (TranslationProject.objects.select_related("standard").filter(undertaker_id__in=organisation_ids)
            .order_by("-plan_year", "plan_number", "id"))


def versions_of(standard: Standard) -> dict[str, list]:
    """A standard's page: its published foreign-language versions (full texts with the project that made them,
    if any) and the translations in progress."""
    texts = list(FullText.objects.filter(standard=standard).exclude(language="zh").order_by("language"))
    projects = list(TranslationProject.objects.filter(standard=standard).order_by("-plan_year", "id"))
    return {
        "texts": texts,
        "projects": projects,
        "in_progress": [p for p in projects if p.state in OPEN],
    }
