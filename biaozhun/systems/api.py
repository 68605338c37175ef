"""Standard systems API, mounted at /api/v1/systems/: the systems (filter by programme tag), one system's tree with
each node's counts and gaps (own and rolled up), one node's lists, the gaps alone, the programme tags, and setting
a standard's or a project's tags (the same services and policy as the pages).

Reads are public. Setting tags needs a personal API token (`Authorization: Bearer bz_…`) or a signed-in session
with its CSRF token. Refusals are problem+json: 401 not signed in, 403 not allowed, 404 no such system, node,
standard or project, 422 invalid fields (an unknown tag code)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Schema

from biaozhun.api.routing import Router
from biaozhun.api.schemas import ERRORS, Problem
from biaozhun.api.security import SIGNED_IN
from biaozhun.catalog import selectors as catalog_selectors
from biaozhun.core.errors import NotFoundError
from biaozhun.development.models import Project
from biaozhun.identifiers import IdentifierError

from . import selectors
from .services import tags as tag_services

router = Router(tags=["systems"])
TAG = "^[0-9A-Za-z][0-9A-Za-z_-]{0,39}$|^$"


class ProgrammeTagOut(Schema):
    code: str
    name_zh: str
    name_en: str
    description: str


class StandardSystemOut(Schema):
    id: int
    code: str
    name_zh: str
    name_en: str
    owner: str = Field(description="the committee (code and name) or the department that owns the system")
    updated_at: str
    url: str


class GapCountsOut(Schema):
    standards: int
    projects: int
    planned: int
    missing: int = Field(description="planned standards neither a standard nor a project fills yet")
    outdated: int = Field(description="standards in force whose age (标龄) exceeds the threshold")
    not_adopted: int = Field(description="ISO/IEC editions in the node's ICS fields that no Chinese standard adopts")


class SystemNodeOut(Schema):
    id: int
    code: str
    parent: str = Field(description="the parent's code; empty for a top node")
    name_zh: str
    depth: int
    ics_codes: list[str]
    own: GapCountsOut
    rolled: GapCountsOut = Field(description="the node with its whole subtree, each thing counted once")


class StandardSystemDetailOut(StandardSystemOut):
    field_description: str
    outdated_after_years: int
    total: GapCountsOut
    nodes: list[SystemNodeOut]


class SystemStandardOut(Schema):
    assigned: str = Field(description="the edition assigned (any edition of the series)")
    in_force: str = Field(description="the series' edition in force (else its newest)")
    title_zh: str
    status: str
    age_years: int | None
    outdated: bool


class SystemProjectOut(Schema):
    id: int
    plan_number: str | None
    title_zh: str
    stage: str


class SystemPlannedOut(Schema):
    title: str
    number: str
    priority: str
    planned_year: int | None
    missing: bool


class SystemNodeDetailOut(SystemNodeOut):
    standards: list[SystemStandardOut]
    projects: list[SystemProjectOut]
    planned: list[SystemPlannedOut]
    not_adopted: list[str] = Field(description="numbers of the newest ISO/IEC editions not adopted (at most 20)")


class SystemNodeGapsOut(Schema):
    code: str
    name_zh: str
    own: GapCountsOut
    rolled: GapCountsOut


class SystemGapsOut(Schema):
    as_of: date
    outdated_after_years: int
    total: GapCountsOut
    nodes: list[SystemNodeGapsOut]


class SystemListQueryIn(Schema):
    tag: str = Field("", pattern=TAG, description="only systems listing a standard or project with this tag")


class SystemTagQueryIn(Schema):
    tag: str = Field("", pattern=TAG, description="count only the standards and projects with this tag")


class ProgrammeTagsIn(Schema):
    tags: list[str] = Field(description="the tag codes the standard or project has afterwards (replacing its tags)")


class ProgrammeTagsOut(Schema):
    tags: list[str]


def _system_out(system) -> dict[str, Any]:
    return {"id": system.pk, "code": system.code, "name_zh": system.name_zh, "name_en": system.name_en,
            "owner": system.owner_name, "updated_at": system.updated_at.isoformat(), "url": system.get_absolute_url()}


def _node_out(item) -> dict[str, Any]:
    node = item.node
    return {"id": node.pk, "code": node.code, "parent": node.parent.code if node.parent_id else "",
            "name_zh": node.name_zh, "depth": item.depth, "ics_codes": item.ics_codes,
            "own": item.own.counts(), "rolled": item.rolled.counts()}


def _system(system_id: int):
    try:
        return selectors.system_for_page(system_id)
    except Http404:
        raise NotFoundError(_("没有这个标准体系。")) from None


@router.get("/", response={200: list[StandardSystemOut], **ERRORS}, summary="Standard systems (public)")
def system_list(request, query: Query[SystemListQueryIn]):
    return [_system_out(s) for s in selectors.systems(tag=query.tag)]


@router.get("/tags", response={200: list[ProgrammeTagOut], **ERRORS}, summary="Programme tags (public)")
def tag_list(request):
    return list(selectors.tags())


@router.get("/{int:system_id}", response={200: StandardSystemDetailOut, 404: Problem, **ERRORS},
            summary="A system's tree with each node's counts and gaps (public)")
def system_detail(request, system_id: int, query: Query[SystemTagQueryIn]):
    system = _system(system_id)
    view = selectors.system_view(system, tag=query.tag)
    return {**_system_out(system), "field_description": system.field_description,
            "outdated_after_years": view.threshold, "total": view.total.counts(),
            "nodes": [_node_out(item) for item in view.nodes]}


@router.get("/{int:system_id}/gaps", response={200: SystemGapsOut, 404: Problem, **ERRORS},
            summary="A system's gaps per node, own and rolled up the tree (public)")
def system_gaps(request, system_id: int, query: Query[SystemTagQueryIn]):
    view = selectors.system_view(_system(system_id), tag=query.tag)
    return {"as_of": view.today, "outdated_after_years": view.threshold, "total": view.total.counts(),
            "nodes": [{"code": item.node.code, "name_zh": item.node.name_zh, "own": item.own.counts(),
                       "rolled": item.rolled.counts()} for item in view.nodes]}


@router.get("/{int:system_id}/nodes/{int:node_id}", response={200: SystemNodeDetailOut, 404: Problem, **ERRORS},
            summary="One node's standards, projects, planned standards and ISO/IEC editions not adopted (public)")
def node_detail(request, system_id: int, node_id: int, query: Query[SystemTagQueryIn]):
    view = selectors.system_view(_system(system_id), tag=query.tag)
    item = next((item for item in view.nodes if item.node.pk == node_id), None)
    if item is None:
        raise NotFoundError(_("此体系中没有这个节点。"))
    return {**_node_out(item),
            "standards": [{"assigned": s.link.standard.identifier, "in_force": s.edition.identifier,
                           "title_zh": s.edition.title_zh, "status": s.edition.status, "age_years": s.age,
                           "outdated": s.outdated} for s in item.standards],
            "projects": [{"id": p.pk, "plan_number": p.plan_number, "title_zh": p.title_zh, "stage": p.stage}
                         for p in item.projects],
            "planned": [{"title": p.entry.title, "number": p.entry.number, "priority": p.entry.priority,
                         "planned_year": p.entry.planned_year, "missing": p.missing} for p in item.planned],
            "not_adopted": [s.identifier for s in item.not_adopted]}


@router.get("/tags/standards/{path:identifier}", response={200: ProgrammeTagsOut, 404: Problem, **ERRORS},
            summary="A standard edition's programme tags (public)")
def standard_tags(request, identifier: str):
    return {"tags": [t.code for t in selectors.tags_of_standard(_standard(identifier))]}


def _standard(identifier: str):
    try:
        standard = catalog_selectors.edition_for_number(viewer=AnonymousUser(), text=identifier)
    except IdentifierError:
        standard = None
    if standard is None:
        raise NotFoundError(_("目录中没有标准 %(number)s。") % {"number": identifier})
    return standard


def _project(project_id: int) -> Project:
    project = Project.objects.select_related("committee").filter(pk=project_id).first()
    if project is None:
        raise NotFoundError(_("没有这个项目。"))
    return project


@router.put("/tags/standards/{path:identifier}", auth=SIGNED_IN,
            response={200: ProgrammeTagsOut, 401: Problem, 403: Problem, 404: Problem, **ERRORS},
            summary="Set a standard edition's programme tags (the administration, the standard's committee)")
def standard_tags_set(request, identifier: str, payload: ProgrammeTagsIn):
    standard = _standard(identifier)
    tags = tag_services.tags_by_codes(payload.tags)
    return {"tags": tag_services.set_standard_tags(actor=request.user, standard=standard, tags=tags)}


@router.get("/tags/projects/{int:project_id}", response={200: ProgrammeTagsOut, 404: Problem, **ERRORS},
            summary="A project's programme tags (public)")
def project_tags(request, project_id: int):
    return {"tags": [t.code for t in selectors.tags_of_project(_project(project_id))]}


@router.put("/tags/projects/{int:project_id}", auth=SIGNED_IN,
            response={200: ProgrammeTagsOut, 401: Problem, 403: Problem, 404: Problem, **ERRORS},
            summary="Set a project's programme tags (the administration, the project's committee)")
def project_tags_set(request, project_id: int, payload: ProgrammeTagsIn):
    project = _project(project_id)
    tags = tag_services.tags_by_codes(payload.tags)
    return {"tags": tag_services.set_project_tags(actor=request.user, project=project, tags=tags)}
