"""The authority's side: its work page (the calls it runs, the evaluations waiting), moving a call, reviewing an
application (start the review, approve, reject), opening a pilot's evaluation and concluding it; and the
evaluator's scoring. A view is access → service → respond; a refusal shows the page again with its message."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from biaozhun.accounts import policy
from biaozhun.accounts.models import User
from biaozhun.core.errors import DomainError, ValidationFailed

from .. import selectors
from ..models import Outcome, Pilot
from ..services import (
    approve_application,
    conclude_evaluation,
    link_evidence,
    move_call,
    open_evaluation,
    reject_application,
    result_of,
    score_evaluation,
    start_review,
)
from ..services.evaluations import OUTCOMES
from .applying import application_or_404, render_application
from .common import parse_date, parse_int, refusal


@login_required
@require_safe
def work(request):
    policy.require(request.user, "programmes.work")
    user = request.user
    return render(request, "programmes/work.html", {
        "programmes": selectors.managed_programmes(viewer=user), "to_score": selectors.evaluations_to_score(viewer=user)})


@login_required
@require_POST
def programme_move(request, programme_id: int):
    programme = selectors.programme_for(viewer=request.user, pk=programme_id)
    if programme is None:
        raise Http404
    try:
        move_call(actor=request.user, programme=programme, to=request.POST.get("to", ""))
    except DomainError as error:
        refusal(request, error)
        return redirect(programme)
    messages.success(request, _("批次状态已更新。"))
    return redirect(programme)


@login_required
@require_POST
def review(request, pilot_application_id: int):
    application = application_or_404(request, pilot_application_id)
    action = request.POST.get("action", "")
    try:
        if action == "start":
            start_review(actor=request.user, application=application)
            messages.success(request, _("已开始审核。"))
        elif action == "approve":
            pilot = approve_application(actor=request.user, application=application,
                                        started_on=parse_date(request.POST.get("started_on")))
            messages.success(request, _("已批准，试点示范项目已建立。"))
            return redirect(pilot)
        elif action == "reject":
            reject_application(actor=request.user, application=application, reason=request.POST.get("reason", ""))
            messages.success(request, _("已作出不予批准的决定。"))
        else:
            policy.require(request.user, "programmes.manage", application)
            raise ValidationFailed(_("请选择审核操作。"))
    except DomainError as error:
        return render_application(request, application, status=error.status, errors=refusal(request, error))
    return redirect(application)


def _evaluators(text: str) -> tuple[list[User], list[str]]:
    names = [n for n in text.replace("，", ",").replace("、", ",").replace(" ", ",").split(",") if n]
    found = {u.username: u for u in User.objects.filter(username__in=names, is_active=True)}
    return [found[n] for n in names if n in found], [n for n in names if n not in found]


@login_required
@require_POST
def evaluation_open(request, pilot_id: int):
    pilot = get_object_or_404(Pilot, pk=pilot_id)
    policy.require(request.user, "programmes.manage", pilot)
    evaluators, unknown = _evaluators(request.POST.get("evaluators", ""))
    if unknown:
        messages.error(request, _("找不到这些用户名：%(names)s。") % {"names": "、".join(unknown)})
        return redirect(pilot)
    try:
        evaluation = open_evaluation(actor=request.user, pilot=pilot, stage=request.POST.get("stage", ""),
                                     evaluators=evaluators)
    except DomainError as error:
        refusal(request, error)
        return redirect(pilot)
    messages.success(request, _("评估已开始。"))
    return redirect(evaluation)


def render_evaluation(request, evaluation, *, status: int = 200, errors: dict | None = None,
                      values: dict | None = None):
    user = request.user
    mine = {s.criterion: s for s in evaluation.scores.filter(evaluator_id=user.pk)}
    rows = [{**c, "mine": mine.get(c["code"])} for c in evaluation.criteria]
    manage = policy.can(user, "programmes.manage", evaluation)
    result = result_of(evaluation)
    for row in rows:
        row["mean"] = result.by_criterion.get(row["code"])
    return render(request, "programmes/evaluation.html", {
        "evaluation": evaluation, "pilot": evaluation.pilot, "rows": rows, "result": result, "manage": manage,
        "may_score": policy.can(user, "programmes.score", evaluation) and evaluation.state == "open",
        "outcomes": [(o, Outcome(o).label) for o in OUTCOMES[evaluation.stage]],
        "scores": evaluation.scores.select_related("evaluator").order_by("evaluator_id", "id") if manage else [],
        "evaluators": evaluation.evaluators.all(), "errors": errors or {}, "values": values or {},
    }, status=status)


def evaluation_or_404(request, evaluation_id: int):
    evaluation = selectors.evaluation_for(viewer=request.user, pk=evaluation_id)
    if evaluation is None:
        raise Http404
    return evaluation


@login_required
@require_safe
def evaluation(request, evaluation_id: int):
    return render_evaluation(request, evaluation_or_404(request, evaluation_id))


@login_required
@require_POST
def evaluation_score(request, evaluation_id: int):
    found = evaluation_or_404(request, evaluation_id)
    codes = [c["code"] for c in found.criteria]
    try:
        score_evaluation(actor=request.user, evaluation=found,
                         scores={code: request.POST.get(f"score-{code}", "") for code in codes},
                         comments={code: request.POST.get(f"comment-{code}", "") for code in codes})
    except DomainError as error:
        return render_evaluation(request, found, status=error.status, errors=refusal(request, error),
                                 values=request.POST.dict())
    messages.success(request, _("评分已保存。"))
    return redirect(found)


@login_required
@require_POST
def evaluation_conclude(request, evaluation_id: int):
    found = evaluation_or_404(request, evaluation_id)
    try:
        conclude_evaluation(actor=request.user, evaluation=found, outcome=request.POST.get("outcome", ""),
                            comments=request.POST.get("comments", ""),
                            extension_months=parse_int(request.POST.get("extension_months")) or 12)
    except DomainError as error:
        return render_evaluation(request, found, status=error.status, errors=refusal(request, error),
                                 values=request.POST.dict())
    messages.success(request, _("评估结论已作出。"))
    return redirect(found.pilot)




@login_required
@require_POST
def evidence_add(request, pilot_id: int):
    pilot = get_object_or_404(Pilot, pk=pilot_id)
    try:
        link_evidence(actor=request.user, pilot=pilot, kind=request.POST.get("kind", ""),
                      text=request.POST.get("text", ""), note=request.POST.get("note", ""))
    except DomainError as error:
        refusal(request, error)
        return redirect(pilot)
    messages.success(request, _("成果已关联。"))
    return redirect(pilot)
