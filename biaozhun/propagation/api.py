"""Change propagation API: the flags of the organisations you act for (all of them for the national
administration), resolving one, and how many documents cite a standard (the national administration).

Reads and writes need a personal API token (`Authorization: Bearer bz_…`) or a signed-in session with its CSRF
token, and go through the same selectors, services and policy as the pages. Refusals are problem+json: 401 not
signed in, 403 not allowed (the policy's sentence), 404 no such flag (or not one you may see), 409 already resolved,
422 invalid fields (each problem naming its field)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db.models import Count
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Schema

from biaozhun.accounts import policy
from biaozhun.api.routing import Router
from biaozhun.api.schemas import ERRORS, Problem
from biaozhun.api.security import SIGNED_IN
from biaozhun.catalog import selectors as catalog_selectors

from . import selectors
from .models import Flag
from .services.resolution import resolve_flag

router = Router(tags=["propagation"])
READ_ERRORS = {401: Problem, 403: Problem, **ERRORS}
WRITE_ERRORS = {401: Problem, 403: Problem, 404: Problem, 409: Problem, **ERRORS}
MAX_LIMIT = 100
MAX_OFFSET = 1_000_000


class PropagationFlagOut(Schema):
    id: int
    changed: str = Field(description="the changed edition's number")
    change: str = Field(description="replaced, partial (partly replaced), amended, abolished or withdrawn")
    change_label: str
    effective_on: date | None
    amendment_number: int | None
    source: str = Field(description="what cites it: standard, filing, declaration, project or feedback")
    label: str = Field(description="the citing thing: its number and title, or a feedback item's tracking number")
    url: str = Field(description="the citing thing's page")
    citation: str = Field(description="dated, undated, executes, revises, adopts, replaces or about")
    cited_as: str = Field(description="how the citing thing names the edition")
    in_force: str | None = Field(description="the edition in force now for this citation, if any")
    owner: str | None
    state: str = Field(description="open or resolved")
    resolution: str = Field(description="updated or not_affected once resolved; empty while open")
    reason: str
    created_at: datetime
    resolved_at: datetime | None


class PropagationFlagPage(Schema):
    count: int
    open: int
    resolved: int
    items: list[PropagationFlagOut]


class FlagQuery(Schema):
    state: str = Field("open", description="open or resolved")
    owner: int | None = Field(None, description="one of your organisations (its id)")
    change: int | None = Field(None, description="the flags of one change")
    kind: str = Field("", description="replaced, partial (partly replaced), amended, abolished or withdrawn")
    source: str = Field("", description="standard, filing, declaration, project or feedback")
    q: str = Field("", max_length=60, description="part of the changed edition's number or of the citing thing")
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class ResolveIn(Schema):
    resolution: str = Field(description="updated (the citing thing follows the edition in force) or not_affected")
    reason: str = Field(max_length=4000, description="required: how it was updated, or why the change does not "
                                                     "affect it (at most 2,000 characters once spaces are collapsed)")


class CitationsOut(Schema):
    standard: str
    dated: int = Field(description="editions in force citing this edition dated")
    undated: int = Field(description="editions in force citing its number undated (counted while it is the newest)")
    declaration: int
    project: int
    feedback: int
    total: int


def _flag(flag: Flag) -> dict[str, Any]:
    change = flag.change
    return {"id": flag.pk, "changed": change.identifier, "change": change.kind, "change_label": change.get_kind_display(),
            "effective_on": change.effective_on, "amendment_number": change.amendment_number, "source": flag.source,
            "label": flag.label, "url": flag.target_url(), "citation": flag.citation, "cited_as": flag.cited_as,
            "in_force": flag.in_force.identifier if flag.in_force_id else None,
            "owner": flag.owner.name if flag.owner_id else None, "state": flag.state, "resolution": flag.resolution,
            "reason": flag.reason, "created_at": flag.created_at, "resolved_at": flag.resolved_at}


@router.get("/flags", auth=SIGNED_IN, response={200: PropagationFlagPage, **READ_ERRORS},
            summary="Flags of what your organisations' documents cite: changed standards to check")
def propagation_flags(request, query: Query[FlagQuery]):
    policy.require(request.user, "propagation.work")
    filters = selectors.Filters.of(query.model_dump())
    flags = selectors.visible_flags(viewer=request.user, filters=filters)
    counts = dict(flags.values_list("state").annotate(n=Count("pk")).order_by())
    ids = list(flags.filter(state=filters.state).order_by("-pk").values_list("pk", flat=True)
               [query.offset:query.offset + query.limit])
    rows = Flag.objects.filter(pk__in=ids).select_related("change", "in_force", "owner").in_bulk()
    return {"count": counts.get(filters.state, 0), "open": counts.get("open", 0),
            "resolved": counts.get("resolved", 0), "items": [_flag(rows[pk]) for pk in ids]}


@router.post("/flags/{int:flag_id}/resolve", auth=SIGNED_IN, response={200: PropagationFlagOut, **WRITE_ERRORS},
             summary="Resolve a flag: updated, or not affected, with the reason")
def propagation_flag_resolve(request, flag_id: int, payload: ResolveIn):
    flag = selectors.flag_for_viewer(viewer=request.user, pk=flag_id)
    if flag is None:
        raise Http404(_("没有这条提示，或您无权查看。"))
    return _flag(resolve_flag(actor=request.user, flag=flag, resolution=payload.resolution, reason=payload.reason))


@router.get("/citations/{path:identifier}", auth=SIGNED_IN, response={200: CitationsOut, 404: Problem, **READ_ERRORS},
            summary="How many documents cite an edition now (the national administration)")
def propagation_citations(request, identifier: str):
    policy.require(request.user, "propagation.oversee")
    found = catalog_selectors.standard_by_identifier(viewer=request.user, identifier=identifier)
    if found is None:
        raise Http404(_("目录中没有 %(number)s。") % {"number": identifier})
    return {"standard": found.identifier, **selectors.citations_of(found)}
