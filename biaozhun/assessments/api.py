"""Assessment API: each year's assessments (the administration), one's own committees' (a secretariat), one
assessment with its figures, the yearly run, scoring, finalising, the decision and the correction's acceptance,
the year's scheme, and a committee's annual report as data; through the same services and policy as the pages.

Everything needs a personal API token (`Authorization: Bearer bz_…`) or a signed-in session with its CSRF token.
Refusals are problem+json: 401 not signed in, 403 not allowed (the policy's sentence), 404 no such assessment (or
not one you may see), 409 not in a state for this act (or a stale scheme version), 422 invalid fields (each
problem naming its field)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from ninja import Field, Query, Schema

from biaozhun.accounts import policy
from biaozhun.api.routing import Router
from biaozhun.api.schemas import ERRORS, Problem
from biaozhun.api.security import SIGNED_IN
from biaozhun.core import clock
from biaozhun.core.errors import NotFoundError
from biaozhun.rules.assessment import Indicator

from . import annual_report, selectors
from .models import Assessment
from .services import (
    close_correction,
    compute_assessment,
    decide_on_assessment,
    finalise_assessment,
    run_assessments,
    score_assessment,
    update_scheme,
)

router = Router(tags=["assessments"])
RESPONSES = {401: Problem, 403: Problem, 404: Problem, 409: Problem, **ERRORS}
MAX_LIMIT = 200


# --- Schemas -------------------------------------------------------------------------------------------------
class AssessmentIndicatorOut(Schema):
    code: str
    numerator: int
    denominator: int
    score: float | None = Field(description="0–100; null when not applicable (nothing to count)")
    facts: dict[str, Any]


class ManualOut(Schema):
    code: str
    score: float | None
    remark: str


class DecisionOut(Schema):
    measure: str
    reason: str
    document: str
    decided_on: date
    correction_due: date | None
    correction_closed_on: date | None
    correction_note: str


class AssessmentOut(Schema):
    id: int
    committee: str
    committee_name: str
    year: int
    version: int
    current: bool
    state: str
    as_of: date | None
    total: Decimal | None = Field(description="provisional until the state is finalised; for a secretariat only once "
                                              "finalised")
    grade: str = Field(description="excellent, good, pass or fail (\"\" before anything is counted)")
    flagged: bool = Field(description="below the pass mark")
    measure: str = Field(description="what a failing grade calls for: correction, suspension or revocation")
    indicators: list[AssessmentIndicatorOut]
    manual: list[ManualOut]
    note: str
    scheme_version: int
    decision: DecisionOut | None
    url: str


class AssessmentListItemOut(Schema):
    id: int
    committee: str
    committee_name: str
    year: int
    version: int
    state: str
    total: Decimal | None
    grade: str
    flagged: bool
    measure: str
    decision: str | None
    correction_due: date | None
    url: str


class AssessmentListOut(Schema):
    year: int
    count: int
    counts: dict[str, int]
    items: list[AssessmentListItemOut]


class ListQuery(Schema):
    year: int | None = Field(None, ge=2000, le=2100)
    grade: str = Field("", pattern="^(|excellent|good|pass|fail)$")
    state: str = Field("", pattern="^(|draft|computed|scored|finalised)$")
    show: str = Field("all", pattern="^(all|flagged|corrections|overdue)$")
    q: str = Field("", max_length=60)
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=100_000)


class RunIn(Schema):
    year: int = Field(ge=2000, le=2100)


class AssessmentRunOut(Schema):
    year: int
    created: int
    computed: int
    finalised_kept: int


class ScoresIn(Schema):
    scores: dict[str, float | None] = Field(description="item code → 0–100 (null: not yet scored)")
    comments: dict[str, str] = Field(default_factory=dict)
    note: str | None = Field(None, max_length=5000)


class AssessmentDecisionIn(Schema):
    measure: str = Field(description="correction, suspension or revocation")
    reason: str = Field(max_length=5000)
    document: str = Field("", max_length=100, description="the decision's document number")
    decided_on: date | None = None
    correction_due: date | None = Field(None, description="for a correction; default: the scheme's time after the "
                                                          "decision")


class CorrectionIn(Schema):
    note: str = Field(max_length=5000)
    closed_on: date | None = None


class AssessmentSchemeOut(Schema):
    year: int
    version: int = Field(description="0: the year has no scheme yet (this is the one it would start from); send it "
                                     "back as expected_version to edit")
    config: dict[str, Any]
    updated_at: datetime | None


class AssessmentSchemeIn(Schema):
    expected_version: int = Field(ge=0)
    config: dict[str, Any]


class ReportOut(Schema):
    committee: str
    year: int
    as_of: date
    final: bool = Field(description="the figures are a finalised assessment's; otherwise counted now, provisional")
    total: float | None
    grade: str
    indicators: list[dict[str, Any]]
    seats: dict[str, int]
    counts: dict[str, int]
    projects: list[list[Any]]
    standards: list[list[Any]]
    reviews: list[list[Any]]
    ballots: list[list[Any]]


# --- Helpers -------------------------------------------------------------------------------------------------
def _assessment(request, assessment_id: int) -> Assessment:
    assessment = selectors.assessment_for_viewer(viewer=request.user, pk=assessment_id)
    if assessment is None:
        raise NotFoundError(_("没有这份考核，或您无权查看。"))
    return assessment


_INDICATORS = {indicator.value: n for n, indicator in enumerate(Indicator)}


def _indicator_order(item: tuple[str, Any]) -> tuple[int, str]:
    """The scheme's order (the stored figures are a JSON object, whose keys PostgreSQL does not keep in order)."""
    return _INDICATORS.get(item[0], len(_INDICATORS)), item[0]


def _out(assessment: Assessment, viewer) -> dict[str, Any]:
    decision = selectors.decision_of(assessment)
    shown = policy.can(viewer, "assessments.oversee") or assessment.is_final
    return {
        "id": assessment.pk, "committee": assessment.committee.code, "committee_name": assessment.committee.name_zh,
        "year": assessment.year, "version": assessment.version, "current": selectors.is_current(assessment),
        "state": assessment.state, "as_of": assessment.as_of, "total": assessment.total if shown else None,
        "grade": assessment.grade if shown else "", "flagged": assessment.flagged if shown else False,
        "measure": assessment.measure if shown else "",
        "indicators": [{"code": code, **{k: row.get(k) for k in ("numerator", "denominator", "score")},
                        "facts": row.get("facts", {})} for code, row in sorted(assessment.figures.items(), key=_indicator_order)],
        "manual": [{"code": code, "score": row.get("score"), "remark": row.get("remark", "")}
                   for code, row in sorted(assessment.manual.items())] if shown else [],
        "note": assessment.note if shown else "", "scheme_version": assessment.scheme_version,
        "decision": {name: getattr(decision, name) for name in (
            "measure", "reason", "document", "decided_on", "correction_due", "correction_closed_on",
            "correction_note")} if decision else None,
        "url": assessment.get_absolute_url(),
    }


def _list_item(row: Assessment) -> dict[str, Any]:
    decision = getattr(row, "decision", None)
    return {"id": row.pk, "committee": row.committee.code, "committee_name": row.committee.name_zh, "year": row.year,
            "version": row.version, "state": row.state, "total": row.total, "grade": row.grade,
            "flagged": row.flagged, "measure": row.measure, "decision": decision.measure if decision else None,
            "correction_due": decision.correction_due if decision else None, "url": row.get_absolute_url()}


# --- Reads ---------------------------------------------------------------------------------------------------
@router.get("/", auth=SIGNED_IN, response={200: AssessmentListOut, **RESPONSES},
            summary="Each committee's current assessment of a year (the administration)")
def assessment_list(request, query: Query[ListQuery]):
    policy.require(request.user, "assessments.oversee")
    year = query.year or clock.today().year
    rows = selectors.assessment_list(selectors.ListQuery(year=year, grade=query.grade, state=query.state,
                                                         show=query.show, q=query.q))
    return {"year": year, "count": rows.count(), "counts": selectors.grade_counts(year=year),
            "items": [_list_item(row) for row in selectors.page_rows(rows, offset=query.offset, limit=query.limit)]}


@router.get("/mine", auth=SIGNED_IN, response={200: list[AssessmentListItemOut], **RESPONSES},
            summary="The assessments of the committees whose secretariat one works in")
def assessment_mine(request):
    committees = selectors.secretariat_committees(viewer=request.user)
    found = selectors.committee_assessments(committees=committees)
    items = []
    for committee in committees:
        for row in found[committee.pk]:
            row.committee = committee
            item = _list_item(row)
            if not row.is_final:
                item.update(total=None, grade="", flagged=False, measure="")
            items.append(item)
    return items


@router.get("/schemes/{int:year}", auth=SIGNED_IN, response={200: AssessmentSchemeOut, **RESPONSES},
            summary="The scheme of a year: weights, thresholds, grade boundaries, manual items")
def assessment_scheme(request, year: int):
    policy.require(request.user, "assessments.oversee")
    stored = selectors.scheme_of(year=year)
    if stored is None:
        return {"year": year, "version": 0, "config": selectors.scheme_template(year=year), "updated_at": None}
    return {"year": year, "version": stored.version, "config": stored.config, "updated_at": stored.updated_at}


@router.get("/reports/{int:committee_id}/{int:year}", auth=SIGNED_IN, response={200: ReportOut, **RESPONSES},
            summary="A committee's annual report (年报) as data (XLSX and PDF on the pages)")
def assessment_report(request, committee_id: int, year: int):
    committee = selectors.committee_for_report(viewer=request.user, pk=committee_id)
    if committee is None or not 2000 <= year <= clock.today().year:
        raise NotFoundError(_("没有这个技术委员会的年报，或您无权查看。"))
    report = annual_report.build(committee=committee, year=year)
    return {"committee": committee.code, "year": year, "as_of": report.as_of, "final": report.final,
            "total": report.total, "grade": report.grade,
            "indicators": [vars(row) for row in report.indicators], "seats": dict(report.seats),
            "counts": report.counts, "projects": report.projects, "standards": report.standards,
            "reviews": report.reviews, "ballots": report.ballots}


@router.get("/{int:assessment_id}", auth=SIGNED_IN, response={200: AssessmentOut, **RESPONSES},
            summary="One assessment with its figures")
def assessment_detail(request, assessment_id: int):
    return _out(_assessment(request, assessment_id), request.user)


# --- Writes --------------------------------------------------------------------------------------------------
@router.post("/run", auth=SIGNED_IN, response={200: AssessmentRunOut, **RESPONSES},
             summary="Compute the year's assessment of every committee (finalised ones left as they are)")
def assessment_run(request, payload: RunIn):
    result = run_assessments(actor=request.user, year=payload.year)
    return vars(result)


@router.post("/schemes/{int:year}", auth=SIGNED_IN, response={200: AssessmentSchemeOut, **RESPONSES},
             summary="Edit the scheme of a year (a new version)")
def assessment_scheme_update(request, year: int, payload: AssessmentSchemeIn):
    stored = update_scheme(actor=request.user, year=year, config=payload.config,
                           expected_version=payload.expected_version)
    return {"year": year, "version": stored.version, "config": stored.config, "updated_at": stored.updated_at}


@router.post("/{int:assessment_id}/compute", auth=SIGNED_IN, response={200: AssessmentOut, **RESPONSES},
             summary="Count the figures again (a new version when the assessment is finalised)")
def assessment_compute(request, assessment_id: int):
    assessment = _assessment(request, assessment_id)
    computed = compute_assessment(actor=request.user, committee=assessment.committee, year=assessment.year)
    return _out(selectors.assessment_for_viewer(viewer=request.user, pk=computed.pk), request.user)


@router.post("/{int:assessment_id}/scores", auth=SIGNED_IN, response={200: AssessmentOut, **RESPONSES},
             summary="Score the manual items (the assessor)")
def assessment_score(request, assessment_id: int, payload: ScoresIn):
    assessment = _assessment(request, assessment_id)
    score_assessment(actor=request.user, assessment=assessment, scores=payload.scores, comments=payload.comments,
                     note=payload.note)
    return _out(_assessment(request, assessment_id), request.user)


@router.post("/{int:assessment_id}/finalise", auth=SIGNED_IN, response={200: AssessmentOut, **RESPONSES},
             summary="Finalise: total and grade fixed, never changed again")
def assessment_finalise(request, assessment_id: int):
    finalise_assessment(actor=request.user, assessment=_assessment(request, assessment_id))
    return _out(_assessment(request, assessment_id), request.user)


@router.post("/{int:assessment_id}/decision", auth=SIGNED_IN, response={201: AssessmentOut, **RESPONSES},
             summary="Decide on a failing committee: correction, suspension or revocation (with its effects)")
def assessment_decide(request, assessment_id: int, payload: AssessmentDecisionIn):
    decide_on_assessment(actor=request.user, assessment=_assessment(request, assessment_id), **payload.model_dump())
    return 201, _out(_assessment(request, assessment_id), request.user)


@router.post("/{int:assessment_id}/correction", auth=SIGNED_IN, response={200: AssessmentOut, **RESPONSES},
             summary="Accept the committee's correction (整改验收)")
def assessment_close_correction(request, assessment_id: int, payload: CorrectionIn):
    close_correction(actor=request.user, assessment=_assessment(request, assessment_id), note=payload.note,
                     closed_on=payload.closed_on)
    return _out(_assessment(request, assessment_id), request.user)
