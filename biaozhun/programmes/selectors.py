"""Reads that the pages, the export and the API share. Visibility comes from the policy's filters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from biaozhun.accounts import policy
from biaozhun.reference.models import RegionCode

from .models import (
    ApplicationState,
    Evaluation,
    EvaluationState,
    Pilot,
    PilotApplication,
    Programme,
    ProgrammeEvent,
    ProgrammeType,
)

MUNICIPALITY_COUNTIES = ("01", "02")


def programme_types() -> QuerySet[ProgrammeType]:
    return ProgrammeType.objects.filter(is_active=True)


def programmes_for(*, viewer: Any, type_code: str = "", state: str = "") -> QuerySet[Programme]:
    programmes = policy.visible("programmes.programmes", viewer).select_related("programme_type", "authority")
    if type_code:
        programmes = programmes.filter(programme_type__code=type_code)
    if state:
        programmes = programmes.filter(state=state)
    return programmes.annotate(pilot_count=Count("pilots")).order_by("-year", "-opens_on", "-id")


def programme_for(*, viewer: Any, pk: int) -> Programme | None:
    return policy.visible("programmes.programmes", viewer).select_related("programme_type", "authority").filter(
        pk=pk).first()


def pilots(*, type_code: str = "", province: str = "", region: str = "", year: int | None = None,
           state: str = "", programme: int | None = None) -> QuerySet[Pilot]:
    """Every pilot (public), filtered: type code, province (2 digits), region (a prefix: city 4, county 6)."""
    found = Pilot.objects.select_related("programme__programme_type", "organisation")
    if type_code:
        found = found.filter(programme__programme_type__code=type_code)
    if province:
        found = found.filter(province_code=province[:2])
    if region:
        found = found.filter(region_code__startswith=region)
    if year:
        found = found.filter(programme__year=year)
    if state:
        found = found.filter(state=state)
    if programme:
        found = found.filter(programme_id=programme)
    return found.order_by("-started_on", "-id")


@dataclass(frozen=True)
class Cell:
    code: str
    name: str
    count: int


def province_grid(*, type_code: str = "", year: int | None = None) -> list[Cell]:
    """One cell per province (GB/T 2260, the reference table) with the number of pilots there, every province
    listed even at 0, in code order."""
    counts = dict(pilots(type_code=type_code, year=year).order_by().values_list("province_code").annotate(
        n=Count("id")).values_list("province_code", "n"))
    return [Cell(code, name, counts.get(code, 0)) for code, name in RegionCode.objects.filter(
        level=RegionCode.Level.PROVINCE).order_by("code").values_list("code", "name_zh")]


def region_name(code: str) -> str:
    """"江苏省 南京市 320102" for a county code; the names the reference table knows."""
    names = dict(RegionCode.objects.filter(code__in=[code[:2], code[:4]]).values_list("code", "name_zh"))
    parts = [names.get(code[:2], ""), names.get(code[:4], "")]
    return " ".join(p for p in (*parts, code) if p)


def applications_for(*, viewer: Any) -> QuerySet[PilotApplication]:
    return policy.visible("programmes.applications", viewer).select_related(
        "programme__programme_type", "organisation")


def application_for(*, viewer: Any, pk: int) -> PilotApplication | None:
    return applications_for(viewer=viewer).filter(pk=pk).first()


def own_applications(*, viewer: Any) -> QuerySet[PilotApplication]:
    """The applications of the organisations the viewer applies for (not those of calls they run)."""
    from .permissions import applying_memberships

    organisations = [m.organisation_id for m in applying_memberships(viewer)]
    return PilotApplication.objects.filter(organisation_id__in=organisations).select_related(
        "programme__programme_type", "organisation").order_by("-submitted_at", "-id")


def review_queue(*, programme: Programme) -> QuerySet[PilotApplication]:
    return programme.applications.select_related("organisation").prefetch_related("attachments").order_by(
        "submitted_at", "id")


def managed_programmes(*, viewer: Any) -> QuerySet[Programme]:
    """The calls the viewer runs: every call for administrators, their bureau's for a bureau's members."""
    from biaozhun.accounts.models import OrganisationKind

    programmes = Programme.objects.select_related("programme_type", "authority")
    if not viewer.is_administrator:
        bureaux = [m.organisation_id for m in viewer.memberships_of_kind(OrganisationKind.BUREAU)]
        programmes = programmes.filter(authority_id__in=bureaux, authority__kind=OrganisationKind.BUREAU)
    return programmes.annotate(pending=Count("applications", filter=Q(applications__state__in=[
        ApplicationState.SUBMITTED, ApplicationState.UNDER_REVIEW]))).order_by("-year", "-id")


def evaluations_to_score(*, viewer: Any) -> QuerySet[Evaluation]:
    return viewer.pilot_evaluations.filter(state=EvaluationState.OPEN).select_related("pilot")


def evaluation_for(*, viewer: Any, pk: int) -> Evaluation | None:
    evaluation = Evaluation.objects.select_related("pilot__programme__programme_type", "pilot__organisation",
                                                   "pilot__programme__authority").filter(pk=pk).first()
    if evaluation is None or not policy.can(viewer, "programmes.view_evaluation", evaluation):
        return None
    return evaluation


def pilot_evaluations(pilot: Pilot) -> QuerySet[Evaluation]:
    return pilot.evaluations.order_by("opened_at", "id")


def latest_outcome(pilot: Pilot) -> Evaluation | None:
    return pilot.evaluations.filter(state=EvaluationState.CONCLUDED).order_by("-concluded_at", "-id").first()


def history(**subject: Any) -> QuerySet[ProgrammeEvent]:
    return ProgrammeEvent.objects.filter(**subject).select_related("actor").order_by("at", "id")
