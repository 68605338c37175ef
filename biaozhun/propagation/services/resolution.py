"""An owner resolves a flag: the citing thing was updated to the edition in force, or the change does not affect
it; either way with a reason, which the flag's history keeps."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.core.actors import require_actor, user_or_none
from biaozhun.core.errors import InvalidTransition, ValidationFailed
from biaozhun.rules.propagation import MAX_REASON, reason_problem

from .. import events
from ..models import Flag, FlagState, Resolution


def _problem_message(code: str) -> dict[str, str]:
    if code == "resolution":
        return {"field": "resolution", "message": _("请选择处理结果：已更新或不受影响。")}
    if code == "reason_missing":
        return {"field": "reason", "message": _("请说明理由：如何更新了引用，或为何不受这项变更影响。")}
    return {"field": "reason", "message": _("最多 %(limit)s 个字符") % {"limit": MAX_REASON}}


@transaction.atomic
def resolve_flag(*, actor: Any, flag: Flag, resolution: str, reason: str) -> Flag:
    """Resolve an open flag (updated / not affected) with the owner's reason; refused ones write nothing."""
    require_actor(actor)
    flag = Flag.objects.select_for_update(of=("self",)).select_related("change", "owner").get(pk=flag.pk)
    policy.require(actor, "propagation.resolve", flag)
    problem = reason_problem(resolution, reason)
    if problem is not None:
        raise ValidationFailed(_("未能处理，请按提示修改。"), [_problem_message(problem)])
    if flag.state != FlagState.OPEN:
        raise InvalidTransition(_("该提示已于 %(day)s 处理（%(resolution)s），不能再次处理。") % {
            "day": timezone.localdate(flag.resolved_at).isoformat() if flag.resolved_at else "",
            "resolution": flag.get_resolution_display()}, current=flag.state, allowed=[])
    reason = " ".join(reason.split())
    flag.state = FlagState.RESOLVED
    flag.resolution = Resolution(resolution)
    flag.reason = reason
    flag.resolved_at = clock.now()
    flag.resolved_by = user_or_none(actor)
    flag.save(update_fields=["state", "resolution", "reason", "resolved_at", "resolved_by"])
    events.flag_resolved(flag, actor=actor, resolution=resolution, reason=reason)
    return flag
