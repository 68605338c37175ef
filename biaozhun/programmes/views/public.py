"""The public pages: the calls, the pilots by type and region (a list and a grid of provinces), a pilot's page,
and the pilots list as XLSX."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.evidence import EvidenceKind, visible_links
from biaozhun.reference.models import RegionCode

from .. import exports, selectors
from ..models import CallState, Pilot, PilotState
from ..permissions import applying_memberships

PAGE = 100


def _filters(request) -> dict:
    province = request.GET.get("province", "").strip()[:2]
    region = request.GET.get("region", "").strip()[:6]
    year = request.GET.get("year", "").strip()
    state = request.GET.get("state", "").strip()
    return {"type_code": request.GET.get("type", "").strip()[:40],
            "province": province if province.isdigit() else "",
            "region": region if region.isdigit() else "",
            "year": int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else None,
            "state": state if state in PilotState.values else ""}


@require_safe
def index(request):
    type_code = request.GET.get("type", "").strip()[:40]
    programmes = selectors.programmes_for(viewer=request.user, type_code=type_code)
    return render(request, "programmes/index.html", {
        "programmes": programmes[:PAGE], "types": selectors.programme_types(), "type_code": type_code,
        "today": clock.today(), "may_create": policy.can(request.user, "programmes.create")})


@require_safe
def programme(request, programme_id: int):
    found = selectors.programme_for(viewer=request.user, pk=programme_id)
    if found is None:
        raise Http404
    user = request.user
    manage = policy.can(user, "programmes.manage", found)
    applying = [m.organisation for m in applying_memberships(user)] if user.is_authenticated else []
    return render(request, "programmes/programme.html", {
        "programme": found, "manage": manage, "accepts": found.accepts_on(clock.today()),
        "applying": applying, "queue": selectors.review_queue(programme=found) if manage else [],
        "pilots": selectors.pilots(programme=found.pk)[:PAGE], "states": CallState,
        "history": list(selectors.history(programme=found)[:100]) if manage else [],
        "next_states": _next_states(found) if manage else []})


def _next_states(programme) -> list[tuple[str, str]]:
    from ..services.programmes import CALL_MOVES

    return [(state.value, _("改为“%(state)s”") % {"state": state.label}) for state in CALL_MOVES[programme.state]]


@require_safe
def pilots(request):
    filters = _filters(request)
    found = selectors.pilots(**filters)
    provinces = RegionCode.objects.filter(level=RegionCode.Level.PROVINCE).order_by("code")
    return render(request, "programmes/pilots.html", {
        "pilots": found[:PAGE], "count": found.count(), "filters": filters, "types": selectors.programme_types(),
        "provinces": provinces, "states": PilotState.choices, "query": request.GET.urlencode()})


@require_safe
def grid(request):
    filters = _filters(request)
    cells = selectors.province_grid(type_code=filters["type_code"], year=filters["year"])
    return render(request, "programmes/grid.html", {
        "cells": cells, "total": sum(c.count for c in cells), "filters": filters,
        "types": selectors.programme_types()})


@require_safe
def pilots_xlsx(request):
    content = exports.pilots_workbook(selectors.pilots(**_filters(request)).iterator(chunk_size=1000))
    response = HttpResponse(content, content_type=exports.XLSX)
    response["Content-Disposition"] = 'attachment; filename="pilots.xlsx"'
    return response


@require_safe
def pilot(request, pilot_id: int):
    found = get_object_or_404(Pilot.objects.select_related("programme__programme_type", "programme__authority",
                                                           "organisation"), pk=pilot_id)
    manage = policy.can(request.user, "programmes.manage", found)
    evidence = visible_links(found.evidence.select_related("created_by").order_by("created_at", "id"),
                             viewer=request.user)
    return render(request, "programmes/pilot.html", {
        "pilot": found, "region": selectors.region_name(found.region_code), "manage": manage,
        "may_evaluate": manage and found.state in (PilotState.RUNNING, PilotState.EXTENDED),
        "evaluations": selectors.pilot_evaluations(found), "outcome": selectors.latest_outcome(found),
        "evidence": evidence, "may_link": policy.can(request.user, "programmes.link_evidence", found),
        "evidence_kinds": EvidenceKind.choices, "history": list(selectors.history(pilot=found)[:100]) if manage else []})
