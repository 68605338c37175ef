"""One assessment's page and what is done on it: the computed indicators with the facts behind them, the manual
items (scored by an assessor), the total and grade, the decision on a failing committee and its correction, the
versions and the history. A committee's secretariat sees its own (the manual scores and the grade once
finalised); the administration sees every one and acts on it. A view is access → service → respond; a refused
action shows the page again with the service's message and the refusal's status."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from biaozhun.accounts import policy
from biaozhun.committees.models import Stakeholder
from biaozhun.core import clock
from biaozhun.core.errors import DomainError
from biaozhun.rules.assessment import Indicator, scheme_from_dict

from .. import selectors
from ..models import Assessment, AssessmentState, IndicatorChoice, MeasureChoice
from ..services import (
    close_correction,
    compute_assessment,
    decide_on_assessment,
    finalise_assessment,
    score_assessment,
)
from .common import refusal


def assessment_or_404(request, assessment_id: int) -> Assessment:
    assessment = selectors.assessment_for_viewer(viewer=request.user, pk=assessment_id)
    if assessment is None:
        raise Http404
    return assessment


def facts_text(code: str, facts: dict[str, Any]) -> str:
    """The facts behind a ratio, in a sentence."""
    if code == Indicator.PROJECTS_ON_TIME:
        return _("超期报批 %(late)d 项，逾期未报批 %(open)d 项") % {
            "late": facts.get("delivered_late", 0), "open": facts.get("overdue_undelivered", 0)}
    if code == Indicator.REVIEWS_ON_TIME:
        return _("超期复审 %(late)d 项，逾期未复审 %(open)d 项") % {
            "late": facts.get("concluded_late", 0), "open": facts.get("overdue_unreviewed", 0)}
    if code == Indicator.FEEDBACK_IN_TIME:
        return _("已答复 %(answered)d 件（超期 %(late)d 件），逾期未答复 %(open)d 件") % {
            "answered": facts.get("answered", 0), "late": facts.get("answered_late", 0),
            "open": facts.get("open_overdue", 0)}
    if code == Indicator.VOTE_ATTENDANCE:
        return _("审查投票 %(n)d 次") % {"n": facts.get("ballots", 0)}
    if code == Indicator.BALANCE:
        over = "、".join(_("%(category)s %(seats)d 席") % {"category": Stakeholder(c).label, "seats": n}
                        for c, n in facts.get("overweight", []))
        text = _("表决席位 %(n)d 个") % {"n": facts.get("seats", 0)}
        return f"{text}；{_('超过半数：')}{over}" if over else text
    if code == Indicator.INTERNATIONAL:
        return (_("对口 %(code)s") % {"code": facts["counterpart"]}) if facts.get("counterpart") else \
            _("未设对口国际组织")
    return ""


def _indicator_rows(assessment: Assessment) -> list[dict[str, Any]]:
    scheme = scheme_from_dict(assessment.scheme)
    rows = []
    for rule in scheme.indicators:
        row = assessment.figures.get(rule.code.value)
        if row is None:
            continue
        rows.append({"code": rule.code.value, "label": IndicatorChoice(rule.code.value).label,
                     "numerator": row["numerator"], "denominator": row["denominator"],
                     "percent": 100 * row["numerator"] / row["denominator"] if row["denominator"] else None,
                     "score": row["score"], "weight": rule.weight, "full_at": 100 * rule.full_at,
                     "zero_at": 100 * rule.zero_at, "facts": facts_text(rule.code.value, row.get("facts", {}))})
    return rows


def _manual_rows(assessment: Assessment, form: str, errors: dict[str, str],
                 values: dict[str, Any]) -> list[dict[str, Any]]:
    """The manual items with their scores; after a refused scoring, what was typed and what is wrong."""
    if not assessment.scheme:
        return []
    rows = []
    for item in scheme_from_dict(assessment.scheme).manual_items:
        stored = assessment.manual.get(item.code, {})
        refused = form == "score"
        rows.append({"code": item.code, "name_zh": item.name_zh, "name_en": item.name_en, "weight": item.weight,
                     "score": stored.get("score"), "remark": values.get(f"comment-{item.code}", "") if refused
                     else stored.get("remark", ""),
                     "value": values.get(f"score-{item.code}") if refused else stored.get("score"),
                     "error": errors.get(f"scores.{item.code}", "") if refused else ""})
    return rows


def render_assessment(request, assessment: Assessment, *, status: int = 200, form: str = "",
                      errors: dict[str, str] | None = None, values: dict[str, Any] | None = None):
    user = request.user
    committee = assessment.committee
    oversee = policy.can(user, "assessments.oversee")
    current = selectors.is_current(assessment)
    decision = selectors.decision_of(assessment)
    assess = policy.can(user, "assessments.assess", committee)
    decide = policy.can(user, "assessments.decide", committee)
    today = clock.today()
    scheme = scheme_from_dict(assessment.scheme) if assessment.scheme else None
    may = {
        "compute": assess and current,
        "score": assess and current and assessment.state in (AssessmentState.COMPUTED, AssessmentState.SCORED),
        "finalise": decide and current and assessment.state == AssessmentState.SCORED,
        "decide": decide and current and assessment.is_final and assessment.flagged and decision is None,
        "close": decide and decision is not None and decision.correction_open,
    }
    correction_days = scheme.correction_days if scheme else 180
    return render(request, "assessments/detail.html", {
        "assessment": assessment, "committee": committee, "oversee": oversee, "current": current,
        "decision": decision, "may": may, "today": today, "indicators": _indicator_rows(assessment),
        "manual": _manual_rows(assessment, form, errors or {}, values or {}), "show_scores": oversee or assessment.is_final,
        "versions": selectors.versions(assessment), "history": list(selectors.history(assessment)[:50]) if oversee
        else [], "measures": MeasureChoice.choices, "form": form, "errors": errors or {}, "values": values or {},
        "default_due": date.fromordinal(today.toordinal() + correction_days).isoformat(),
        "correction_overdue": bool(decision and decision.correction_overdue(today)),
    }, status=status)


@login_required
@require_safe
def detail(request, assessment_id: int):
    return render_assessment(request, assessment_or_404(request, assessment_id))


def _refused(request, assessment: Assessment, form: str, error: DomainError):
    errors = refusal(request, error)
    assessment = selectors.assessment_for_viewer(viewer=request.user, pk=assessment.pk) or assessment
    return render_assessment(request, assessment, status=error.status, form=form, errors=errors,
                             values=request.POST.dict())


@login_required
@require_POST
def compute(request, assessment_id: int):
    assessment = assessment_or_404(request, assessment_id)
    try:
        computed = compute_assessment(actor=request.user, committee=assessment.committee, year=assessment.year)
    except DomainError as error:
        return _refused(request, assessment, "compute", error)
    if computed.pk != assessment.pk:
        messages.success(request, _("已按当前数据重新计算，生成第 %(version)d 版；原定稿版本保留不变。") % {
            "version": computed.version})
    else:
        messages.success(request, _("已按当前数据重新计算指标。"))
    return redirect(computed)


@login_required
@require_POST
def score(request, assessment_id: int):
    assessment = assessment_or_404(request, assessment_id)
    codes = list(assessment.manual)
    try:
        score_assessment(actor=request.user, assessment=assessment,
                         scores={code: request.POST.get(f"score-{code}", "").strip() for code in codes},
                         comments={code: request.POST.get(f"comment-{code}", "") for code in codes},
                         note=request.POST.get("note", ""))
    except DomainError as error:
        return _refused(request, assessment, "score", error)
    messages.success(request, _("评分已保存。"))
    return redirect(assessment)


@login_required
@require_POST
def finalise(request, assessment_id: int):
    assessment = assessment_or_404(request, assessment_id)
    try:
        finalise_assessment(actor=request.user, assessment=assessment)
    except DomainError as error:
        return _refused(request, assessment, "finalise", error)
    messages.success(request, _("考核已定稿。"))
    return redirect(assessment)


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError:
        return None


@login_required
@require_POST
def decide(request, assessment_id: int):
    assessment = assessment_or_404(request, assessment_id)
    try:
        decision = decide_on_assessment(
            actor=request.user, assessment=assessment, measure=request.POST.get("measure", ""),
            reason=request.POST.get("reason", ""), document=request.POST.get("document", ""),
            decided_on=_date(request.POST.get("decided_on")), correction_due=_date(request.POST.get("correction_due")))
    except DomainError as error:
        return _refused(request, assessment, "decide", error)
    messages.success(request, _("处理决定已记录：%(measure)s。") % {"measure": decision.get_measure_display()})
    return redirect(assessment)


@login_required
@require_POST
def correction(request, assessment_id: int):
    assessment = assessment_or_404(request, assessment_id)
    try:
        close_correction(actor=request.user, assessment=assessment, note=request.POST.get("note", ""),
                         closed_on=_date(request.POST.get("closed_on")))
    except DomainError as error:
        return _refused(request, assessment, "correction", error)
    messages.success(request, _("整改验收已记录。"))
    return redirect(assessment)
