"""Periodic review (复审): the committee's conclusion on a standard due for review: confirm (继续有效), revise (修订)
or amend (修改) through a new project, or abolish (废止). Which standards are due or overdue is a read
(selectors.due_for_review / overdue_for_review)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.catalog import services as catalog
from biaozhun.catalog.models import Nature, Standard, Status
from biaozhun.core import clock
from biaozhun.core.actors import user_or_none
from biaozhun.core.errors import InvalidTransition, RequirementsUnmet, ValidationFailed
from biaozhun.rules import reviews as rules

from ..models import PeriodicReview, ProjectKind, ReviewConclusion
from ..selectors import committee_of, latest_conclusion, review_limits
from .projects import propose_project

# A conclusion that starts a project, and the project's kind.
PROJECT_KINDS = {ReviewConclusion.REVISE: ProjectKind.REVISION, ReviewConclusion.AMEND: ProjectKind.AMENDMENT}


@transaction.atomic
def conclude_review(*, actor: Any, standard: Standard, conclusion: str, reason: str = "",
                    abolish_on: date | None = None) -> PeriodicReview:
    """Record the committee's review conclusion on a due standard and carry it out in the catalogue."""
    committee = committee_of(standard=standard)
    policy.require(actor, "development.review_standard", committee)
    catalog.lock_catalogue()  # before the edition's row: the conclusion writes the catalogue
    standard = Standard.objects.select_for_update().get(pk=standard.pk)
    today = clock.today()
    _check_due(standard, today)
    reason = reason.strip()
    problems = []
    if conclusion not in ReviewConclusion.values:
        problems.append({"field": "conclusion", "message": _("请选择复审结论")})
    if conclusion == ReviewConclusion.ABOLISH:
        if abolish_on is None:
            problems.append({"field": "abolish_on", "message": _("废止须填写废止日期")})
        elif abolish_on < today:
            problems.append({"field": "abolish_on", "message": _("废止日期 %(day)s 早于今天") % {
                "day": abolish_on.isoformat()}})
    if conclusion in PROJECT_KINDS and committee is None:
        problems.append({"field": "conclusion", "message": _("该标准未对应本系统中的技术委员会，无法提出项目")})
    if problems:
        raise ValidationFailed(_("复审结论未能记录。"), problems)

    project = None
    if conclusion == ReviewConclusion.CONFIRM:
        catalog.confirm_standard(actor=actor, standard=standard, on=today)
    elif conclusion in PROJECT_KINDS:
        project = propose_project(actor=actor, committee=committee, title_zh=standard.title_zh,
                                  kind=PROJECT_KINDS[conclusion], nature=standard.nature or Nature.RECOMMENDED,
                                  revises=[standard])
    else:
        catalog.abolish_standard(actor=actor, standard=standard, on=abolish_on, reason=reason or _("复审结论：废止"))
    return PeriodicReview.objects.create(
        standard=standard, committee=committee, conclusion=conclusion, reason=reason, concluded_on=today,
        abolished_on=abolish_on if conclusion == ReviewConclusion.ABOLISH else None, project=project,
        actor=user_or_none(actor), at=clock.now(),
    )


def _check_due(standard: Standard, today: date) -> None:
    """Only an in-force standard that is due, and not yet concluded for this due date, may be concluded."""
    if standard.status != Status.CURRENT:
        raise InvalidTransition(_("%(number)s 不是现行标准（%(status)s），无需复审。") % {
            "number": standard.identifier, "status": standard.get_status_display()}, current=standard.status,
            allowed=[])
    years, grace = review_limits()
    if rules.review_base(standard.published_on, standard.confirmed_on) is None:
        raise RequirementsUnmet(_("%(number)s 没有发布日期，无法确定复审日期。") % {"number": standard.identifier},
                                [{"requirement": "published_on", "message": _("缺少发布日期")}])
    state = rules.review_state(standard.published_on, standard.confirmed_on, today, years=years, grace_months=grace)
    if state.code == "not_due":
        raise RequirementsUnmet(_("%(number)s 的复审 %(due)s 到期，尚未到期，不能提前作出结论。") % {
            "number": standard.identifier, "due": state.due_on.isoformat()},
            [{"requirement": "review_due", "message": state.due_on.isoformat()}])
    done = latest_conclusion(standard=standard, since=state.due_on)
    if done is not None:
        raise InvalidTransition(_("%(number)s 已于 %(day)s 作出复审结论（%(conclusion)s）。") % {
            "number": standard.identifier, "day": done.concluded_on.isoformat(),
            "conclusion": done.get_conclusion_display()}, current=done.conclusion, allowed=[])
