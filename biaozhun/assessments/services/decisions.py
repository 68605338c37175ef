"""The administration's decision on a committee whose finalised assessment fails (处理决定), and its effects.

- correction (限期整改): a deadline, tracked on the assessment until the administration closes the correction;
- suspension (暂停工作) and revocation (撤销): the committee's status changes through
  committees.services.change_status in the same transaction (its own event, its reason and document number), so a
  suspended committee opens no ballot and takes no new project (decision 0029).

One decision per finalised assessment; a refused decision writes nothing, on the assessment or on the committee."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.committees import services as committees
from biaozhun.committees.models import Committee, CommitteeStatus
from biaozhun.core import clock
from biaozhun.core.actors import user_or_none
from biaozhun.core.errors import InvalidTransition, ValidationFailed
from biaozhun.rules import assessment as rules
from biaozhun.rules.committees import status_move

from .. import events
from ..models import Assessment, AssessmentState, Decision, MeasureChoice

# The committee's status each measure moves it to.
STATUS_OF = {MeasureChoice.SUSPENSION: CommitteeStatus.SUSPENDED, MeasureChoice.REVOCATION: CommitteeStatus.REVOKED}
MAX_REASON = 5000


def _problem(field: str, message: str) -> dict[str, str]:
    return {"field": field, "message": message}


def _check(assessment: Assessment, committee: Committee, measure: str, reason: str, decided_on: date,
           correction_due: date | None) -> None:
    refused = _("处理决定未能记录，请按提示修改。")
    if assessment.state != AssessmentState.FINALISED:
        raise InvalidTransition(_("考核定稿后才能作出处理决定（当前：%(state)s）。") % {
            "state": assessment.get_state_display()}, current=assessment.state)
    if Assessment.objects.filter(replaces=assessment).exists():
        raise InvalidTransition(_("该考核已有更新的版本，请在最新版本上作出处理决定。"), current=assessment.state)
    if not assessment.flagged:
        raise InvalidTransition(_("%(code)s 的考核结果为“%(grade)s”，未低于合格线，无需处理。") % {
            "code": committee.code, "grade": assessment.get_grade_display()}, current=assessment.state)
    if Decision.objects.filter(assessment=assessment).exists():
        raise InvalidTransition(_("该考核已作出处理决定。"), current=assessment.state)
    problems = []
    if measure not in MeasureChoice.values:
        problems.append(_problem("measure", _("请选择措施：%(choices)s。") % {
            "choices": "、".join(str(label) for label in MeasureChoice.labels)}))
    if not reason:
        problems.append(_problem("reason", _("请填写作出决定的理由。")))
    elif len(reason) > MAX_REASON:
        problems.append(_problem("reason", _("理由最多 %(n)d 个字符。") % {"n": MAX_REASON}))
    if decided_on > clock.today():
        problems.append(_problem("decided_on", _("决定日期不能晚于今天。")))
    if measure == MeasureChoice.CORRECTION and (correction_due is None or correction_due <= decided_on):
        problems.append(_problem("correction_due", _("整改期限应晚于决定日期（%(day)s）。") % {
            "day": decided_on.isoformat()}))
    if measure in STATUS_OF and status_move(committee.status, STATUS_OF[measure]) is None:
        problems.append(_problem("measure", _("%(code)s 当前状态为“%(status)s”，不能%(measure)s。") % {
            "code": committee.code, "status": committee.get_status_display(),
            "measure": MeasureChoice(measure).label}))
    if measure == MeasureChoice.CORRECTION and not committee.is_at_work and \
            committee.status != CommitteeStatus.SUSPENDED:
        problems.append(_problem("measure", _("%(code)s 已%(status)s，无需整改。") % {
            "code": committee.code, "status": committee.get_status_display()}))
    if problems:
        raise ValidationFailed(refused, problems)


@transaction.atomic
def decide_on_assessment(*, actor: Any, assessment: Assessment, measure: str, reason: str, document: str = "",
                         decided_on: date | None = None, correction_due: date | None = None) -> Decision:
    """Record the decision on a failing committee and carry it out: a correction's deadline (by default the
    scheme's time for correction after the decision), or the committee's suspension or revocation."""
    policy.require(actor, "assessments.decide", assessment.committee)
    committee = Committee.objects.select_for_update().get(pk=assessment.committee_id)  # first, as compute does
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    reason, document = str(reason).strip(), str(document).strip()[:100]
    decided_on = decided_on or clock.today()
    if measure == MeasureChoice.CORRECTION and correction_due is None:
        days = rules.scheme_from_dict(assessment.scheme).correction_days
        correction_due = decided_on + timedelta(days=days)
    _check(assessment, committee, measure, reason, decided_on, correction_due)
    status = None
    if measure in STATUS_OF:
        committees.change_status(actor=actor, committee=committee, status=STATUS_OF[measure], reason=reason,
                                 on=decided_on, decision=document)
        status = str(STATUS_OF[measure])
    decision = Decision.objects.create(
        assessment=assessment, measure=measure, reason=reason, document=document, decided_on=decided_on,
        decided_by=user_or_none(actor),
        correction_due=correction_due if measure == MeasureChoice.CORRECTION else None)
    assessment.decision = decision
    events.decided(assessment, actor=actor, status=status)
    return decision


@transaction.atomic
def close_correction(*, actor: Any, assessment: Assessment, note: str, closed_on: date | None = None) -> Decision:
    """The administration accepts the committee's correction (整改验收), with its opinion."""
    policy.require(actor, "assessments.decide", assessment.committee)
    decision = Decision.objects.select_for_update().filter(assessment=assessment).first()
    if decision is None or decision.measure != MeasureChoice.CORRECTION:
        raise InvalidTransition(_("该考核没有限期整改的决定。"), current=assessment.state)
    if decision.correction_closed_on is not None:
        raise InvalidTransition(_("该整改已于 %(day)s 验收。") % {"day": decision.correction_closed_on.isoformat()},
                                current=assessment.state)
    note, closed_on = str(note).strip(), closed_on or clock.today()
    problems = []
    if not note:
        problems.append(_problem("note", _("请填写验收意见。")))
    elif len(note) > MAX_REASON:
        problems.append(_problem("note", _("验收意见最多 %(n)d 个字符。") % {"n": MAX_REASON}))
    if closed_on < decision.decided_on or closed_on > clock.today():
        problems.append(_problem("closed_on", _("验收日期应在决定日期（%(day)s）和今天之间。") % {
            "day": decision.decided_on.isoformat()}))
    if problems:
        raise ValidationFailed(_("整改验收未能记录，请按提示修改。"), problems)
    decision.correction_closed_on, decision.correction_note = closed_on, note
    decision.save(update_fields=["correction_closed_on", "correction_note"])
    assessment.decision = decision
    events.correction_closed(assessment, actor=actor)
    return decision
