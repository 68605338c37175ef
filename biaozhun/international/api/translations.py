"""Foreign-language versions API: the public plan (filters by year, language, state), one project with its history,
and a move by its undertaking unit or the national administration (the same service and policy as the pages).

Reads are public. A move needs a personal API token (`Authorization: Bearer bz_…`) or a signed-in session with its
CSRF token. Refusals are problem+json: 401 not signed in, 403 not allowed (the policy's sentence), 404 no such
project, 409 a move the workflow does not allow from the project's state (the allowed ones named), 422 invalid
fields (each problem naming its field)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext as _
from ninja import Field, Query, Schema

from biaozhun.api.routing import Router
from biaozhun.api.schemas import ERRORS, Problem
from biaozhun.api.security import SIGNED_IN
from biaozhun.core.errors import NotFoundError

from ..models import TranslationProject
from ..selectors import translations as selectors
from ..services.translations import move_translation

router = Router(tags=["international"])
MAX_LIMIT = 200


class EventOut(Schema):
    kind: str
    at: datetime
    from_state: str
    to_state: str
    reason: str


class TranslationProjectOut(Schema):
    id: int
    plan_year: int
    plan_number: str
    standard: str = Field(description="the Chinese standard's number")
    standard_title: str
    language: str = Field(description="en, fr, ru, es, ar, de or ja")
    undertaker: str
    state: str = Field(description="planned, translating, review, approved, published or cancelled")
    due_on: date | None
    approved_on: date | None
    published_on: date | None
    url: str


class TranslationProjectDetailOut(TranslationProjectOut):
    note: str
    events: list[EventOut]


class PlanOut(Schema):
    count: int
    items: list[TranslationProjectOut]


class PlanQueryIn(Schema):
    year: int | None = Field(None, ge=2000, le=2100)
    language: str = Field("", pattern="^(|en|fr|ru|es|ar|de|ja)$")
    state: str = Field("", pattern="^(|planned|translating|review|approved|published|cancelled)$")
    q: str = Field("", max_length=60)
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=1_000_000)


class TranslationMoveIn(Schema):
    to: str = Field(description="translating, review, approved, cancelled (publishing needs the text: use the page)")
    reason: str = Field("", max_length=2000, description="required to cancel")


def _out(project: TranslationProject) -> dict[str, Any]:
    return {"id": project.pk, "plan_year": project.plan_year, "plan_number": project.plan_number,
            "standard": project.standard.identifier, "standard_title": project.standard.title_zh,
            "language": project.language, "undertaker": project.undertaker_name, "state": project.state,
            "due_on": project.due_on, "approved_on": project.approved_on, "published_on": project.published_on,
            "url": project.get_absolute_url()}


def _detail(project: TranslationProject) -> dict[str, Any]:
    return {**_out(project), "note": project.note, "events": [
        {"kind": e.kind, "at": e.at, "from_state": e.from_state, "to_state": e.to_state, "reason": e.reason}
        for e in selectors.events_of(project)]}


def _project(translation_id: int) -> TranslationProject:
    project = selectors.project(translation_id)
    if project is None:
        raise NotFoundError(_("没有这个外文版项目。"))
    return project


@router.get("/", response={200: PlanOut, **ERRORS}, summary="The foreign-language versions plan (public)")
def translation_list(request, query: Query[PlanQueryIn]):
    found = selectors.plan(selectors.PlanQuery(year=query.year, language=query.language, state=query.state,
                                               q=query.q))
    return {"count": found.count(), "items": [_out(p) for p in found[query.offset:query.offset + query.limit]]}


@router.get("/{int:translation_id}", response={200: TranslationProjectDetailOut, 404: Problem, **ERRORS},
            summary="One translation project with its history (public)")
def translation_detail(request, translation_id: int):
    return _detail(_project(translation_id))


@router.post("/{int:translation_id}/move", auth=SIGNED_IN,
             response={200: TranslationProjectDetailOut, 401: Problem, 403: Problem, 404: Problem, 409: Problem, **ERRORS},
             summary="Move a translation project (its undertaking unit: start, hand in; the administration: any)")
def translation_move(request, translation_id: int, payload: TranslationMoveIn):
    project = move_translation(actor=request.user, project=_project(translation_id), to=payload.to,
                               reason=payload.reason)
    return _detail(project)
