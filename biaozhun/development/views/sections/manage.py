"""The project's controls: each move the viewer may make with what it still needs (so the secretariat sees it
before the click), the national administration's WTO/TBT and publication forms."""

from __future__ import annotations

from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.rules.stages import (
    OPEN_STAGES,
    OWN_SERVICE_STAGES,
    PERIOD_LIMITS,
    SIDE_EXITS,
    WITHDRAWABLE_STAGES,
    Stage,
    allowed_moves,
)

from ... import limits, selectors
from ...models import Project, period_label, stage_label
from ...services.guards import missing_for, period_still_running
from ...services.projects import move_action, move_needs_reason
from ...services.publication import PREFIXES, approved_text, needs_tbt, tbt_earliest


def context(request, project: Project, *, refusal: dict | None = None, values: dict | None = None) -> dict:
    """After a refusal, `refusal` (its form, target, field messages) and the posted `values` go back on the form
    that was refused."""
    user = request.user
    may_move = policy.can(user, "development.move", project)
    may_decide = policy.can(user, "development.decide", project)
    may_withdraw = project.stage in WITHDRAWABLE_STAGES and policy.can(user, "development.withdraw_publication", project)
    if not (may_move or may_decide or may_withdraw):
        return {"manage_visible": False}
    refusal, values = refusal or {}, values or {}

    def refused(form: str, target: str = "") -> dict:
        if refusal.get("form") == form and refusal.get("target", "") == target:
            return {"errors": refusal["fields"], "values": values}
        return {"errors": {}, "values": {}}

    today = clock.today()
    current = limits.current()
    moves = []
    for target in allowed_moves(project.stage, suspended_from=project.suspended_from or None):
        if target in OWN_SERVICE_STAGES or not policy.can(user, move_action(target), project):
            continue
        moves.append({
            "to": target, "label": stage_label(target), "missing": missing(project, target, today),
            "needs_reason": move_needs_reason(project.stage, target),
            "needs_plan": target == Stage.PLANNED,
            "period_days": current[PERIOD_LIMITS[target]] if target in PERIOD_LIMITS else None,
            "period_label": period_label(target) if target in PERIOD_LIMITS else "",
            "side_exit": target in SIDE_EXITS, **refused("move", target),
        })
    return {
        "manage_visible": True, "manage_moves": moves, "manage_version": project.version, "manage_today": today,
        "manage_tbt": may_decide and needs_tbt(project) and project.stage in OPEN_STAGES,
        "manage_tbt_days": current["tbt_days"], "manage_tbt_earliest": tbt_earliest(project, current["tbt_days"]),
        "manage_tbt_form": refused("tbt"),
        "manage_publish": may_decide and project.stage == Stage.APPROVAL, "manage_publish_form": refused("publish"),
        "manage_publish_prefix": _publish_prefix(project),
        "manage_publish_text": approved_text(project) if project.stage == Stage.APPROVAL else None,
        "manage_publish_revises": selectors.revised_standards(project=project) if project.stage == Stage.APPROVAL
        else [],
        "manage_withdraw": may_withdraw, "manage_withdraw_form": refused("withdraw"),
    }


def missing(project: Project, target: str, today) -> list[dict]:
    """What `move_project` would refuse this move for."""
    if target in SIDE_EXITS:
        return []
    found = []
    if project.frozen:
        found.append({"requirement": "frozen", "message": _(
            "已超过报批期限（%(deadline)s），项目已冻结：须申请延期并获批准后才能继续。") % {"deadline": project.deadline}})
    return found + period_still_running(project, today) + missing_for(project, target)


def _publish_prefix(project: Project) -> str:
    """The national prefix the number will have, for the placeholder (GB, GB/T or GB/Z)."""
    return PREFIXES.get(project.nature, "GB/T")
