"""A pilot's evaluations: the authority opens a mid-term or acceptance evaluation and names its evaluators (the
type's criteria and pass mark are copied in); each evaluator scores every criterion (0–100, with comments); the
authority concludes it: the weighted total and pass/fail follow from the scores (scoring.py), and the outcome moves
the pilot (continued, accepted, extended with a new planned end, revoked)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.core.errors import InvalidTransition, RequirementsUnmet, ValidationFailed

from .. import events
from ..models import (
    Evaluation,
    EvaluationScore,
    EvaluationStage,
    EvaluationState,
    Outcome,
    Pilot,
    PilotState,
)
from ..scoring import Criterion, Result, weighted_result
from .applications import add_months

OPEN_PILOT = (PilotState.RUNNING, PilotState.EXTENDED)
# Which outcomes a stage allows, and whether the outcome needs a pass (True), a fail (False) or either (None).
OUTCOMES = {
    EvaluationStage.MIDTERM: {Outcome.CONTINUED: True, Outcome.REVOKED: None},
    EvaluationStage.ACCEPTANCE: {Outcome.ACCEPTED: True, Outcome.EXTENDED: False, Outcome.REVOKED: None},
}
PILOT_AFTER = {Outcome.ACCEPTED: PilotState.ACCEPTED, Outcome.EXTENDED: PilotState.EXTENDED,
               Outcome.REVOKED: PilotState.REVOKED}
DEFAULT_EXTENSION_MONTHS = 12


def result_of(evaluation: Evaluation) -> Result:
    """The weighted total and pass/fail of the scores given so far."""
    sheets: dict[int, dict[str, Decimal]] = {}
    for row in evaluation.scores.all():
        sheets.setdefault(row.evaluator_id, {})[row.criterion] = row.score
    criteria = [Criterion(c["code"], Decimal(str(c["weight"]))) for c in evaluation.criteria]
    return weighted_result(criteria, sheets.values(), evaluation.pass_mark)


@transaction.atomic
def open_evaluation(*, actor: Any, pilot: Pilot, stage: str, evaluators: list[Any]) -> Evaluation:
    policy.require(actor, "programmes.manage", pilot)
    pilot = Pilot.objects.select_for_update().select_related("programme__programme_type").get(pk=pilot.pk)
    if stage not in EvaluationStage.values:
        raise ValidationFailed(_("请选择评估阶段。"), [{"field": "stage", "message": _("请选择评估阶段。")}])
    if pilot.state not in OPEN_PILOT:
        raise InvalidTransition(_("试点示范状态为“%(state)s”，不能再评估。") % {"state": pilot.get_state_display()},
                                state=pilot.state)
    if pilot.evaluations.filter(state=EvaluationState.OPEN).exists():
        raise InvalidTransition(_("该试点示范已有进行中的评估，完成后才能开始新的评估。"), state=pilot.state)
    if not evaluators:
        raise ValidationFailed(_("请至少指定一名评估专家。"), [{"field": "evaluators",
                                                        "message": _("请至少指定一名评估专家。")}])
    kind = pilot.programme.programme_type
    criteria = [{"code": c.code, "name_zh": c.name_zh, "name_en": c.name_en, "weight": str(c.weight)}
                for c in kind.criteria.filter(stage=stage).order_by("position", "id")]
    if not criteria:
        raise RequirementsUnmet(_("“%(type)s”尚未设置%(stage)s的评估指标，请管理员先在评估模板中添加。") % {
            "type": kind.name_zh, "stage": EvaluationStage(stage).label},
            [{"requirement": "criteria", "message": _("缺少评估指标。")}])
    evaluation = Evaluation.objects.create(pilot=pilot, stage=stage, criteria=criteria,
                                           pass_mark=kind.pass_mark(stage), opened_at=clock.now())
    evaluation.evaluators.set(evaluators)
    events.evaluation_opened(evaluation, actor=actor, evaluators=sorted(u.pk for u in evaluators))
    return evaluation


@transaction.atomic
def score_evaluation(*, actor: Any, evaluation: Evaluation, scores: dict[str, Any],
                     comments: dict[str, str] | None = None) -> Evaluation:
    """An evaluator's scores of every criterion (a later call replaces theirs)."""
    policy.require(actor, "programmes.score", evaluation)
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if evaluation.state != EvaluationState.OPEN:
        raise InvalidTransition(_("评估已完成，不能再评分。"), state=evaluation.state)
    comments = comments or {}
    problems, values = [], {}
    for criterion in evaluation.criteria:
        code, raw = criterion["code"], scores.get(criterion["code"])
        try:
            value = Decimal(str(raw).strip())
        except (InvalidOperation, ValueError):
            value = None
        if value is None or not value.is_finite() or not 0 <= value <= 100:
            problems.append({"field": f"scores.{code}", "message": _("“%(name)s”请填写 0 至 100 的分数。") % {
                "name": criterion["name_zh"]}})
            continue
        values[code] = value.quantize(Decimal("0.1"))
    if problems:
        raise ValidationFailed(_("评分未能保存，请按提示修改。"), problems)
    for code, value in values.items():
        EvaluationScore.objects.update_or_create(
            evaluation=evaluation, evaluator=actor, criterion=code,
            defaults={"score": value, "comment": (comments.get(code) or "").strip()[:2000]})
    events.scored(evaluation, actor=actor, scores={code: str(v) for code, v in values.items()})
    return evaluation


@transaction.atomic
def conclude_evaluation(*, actor: Any, evaluation: Evaluation, outcome: str, comments: str = "",
                        extension_months: int = DEFAULT_EXTENSION_MONTHS) -> Evaluation:
    """Conclude with the weighted total: a pass allows continuing (mid-term) or acceptance; a failed acceptance is
    extended or revoked; revoking is always possible."""
    policy.require(actor, "programmes.manage", evaluation)
    evaluation = Evaluation.objects.select_for_update().select_related("pilot").get(pk=evaluation.pk)
    if evaluation.state != EvaluationState.OPEN:
        raise InvalidTransition(_("评估已完成。"), state=evaluation.state)
    allowed = OUTCOMES[evaluation.stage]
    if outcome not in allowed:
        raise ValidationFailed(_("%(stage)s的结论只能是：%(allowed)s。") % {
            "stage": evaluation.get_stage_display(), "allowed": "、".join(str(Outcome(o).label) for o in allowed)},
            [{"field": "outcome", "message": _("请选择评估结论。")}])
    result = result_of(evaluation)
    if result.total is None:
        raise RequirementsUnmet(_("还有评估指标没有得分，全部评分后才能作出结论。"),
                                [{"requirement": "scores", "message": _("缺少评分。")}])
    needs = allowed[outcome]
    if needs is not None and needs != result.passed:
        raise ValidationFailed(_("总分 %(total)s，合格分 %(mark)s：结论不能是“%(outcome)s”。") % {
            "total": result.total, "mark": evaluation.pass_mark, "outcome": Outcome(outcome).label},
            [{"field": "outcome", "message": _("结论与评分结果不符。")}])
    if outcome == Outcome.EXTENDED and not 1 <= extension_months <= 36:
        raise ValidationFailed(_("延期应为 1 至 36 个月。"), [{"field": "extension_months",
                                                       "message": _("延期应为 1 至 36 个月。")}])
    evaluation.state = EvaluationState.CONCLUDED
    evaluation.total, evaluation.passed, evaluation.outcome = result.total, result.passed, outcome
    evaluation.comments = comments.strip()
    evaluation.concluded_at = clock.now()
    evaluation.save(update_fields=["state", "total", "passed", "outcome", "comments", "concluded_at"])
    pilot = Pilot.objects.select_for_update().get(pk=evaluation.pilot_id)
    before = pilot.state
    fields = []
    if outcome in PILOT_AFTER:
        pilot.state = PILOT_AFTER[outcome]
        fields.append("state")
    if outcome == Outcome.EXTENDED:
        pilot.planned_end_on = add_months(pilot.planned_end_on, extension_months)
        fields.append("planned_end_on")
    if outcome in (Outcome.ACCEPTED, Outcome.REVOKED):
        pilot.ended_on = clock.today()
        fields.append("ended_on")
    if fields:
        pilot.save(update_fields=fields)
    evaluation.pilot = pilot
    events.evaluation_concluded(evaluation, actor=actor, pilot_from=before)
    return evaluation
