"""The one place a filing's state is assigned, with its event."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from biaozhun.core import clock
from biaozhun.core.errors import InvalidTransition
from biaozhun.rules.filing import MoveRefused, check_move

from .. import events
from ..models import Filing, FilingEventKind


def require_move(filing: Filing, *, to: str, kind: str) -> None:
    """Refuse (InvalidTransition, naming the state and the action) a move the workflow does not allow."""
    try:
        check_move(filing.state, to)
    except MoveRefused as refused:
        raise InvalidTransition(
            _("备案 %(identifier)s 当前为“%(state)s”，不能办理“%(action)s”。") % {
                "identifier": filing.identifier, "state": filing.get_state_display(),
                "action": FilingEventKind(kind).label},
            current=filing.state, allowed=refused.allowed) from None


def move(filing: Filing, *, to: str, kind: str, actor: Any, reason: str = "", data: dict | None = None,
         fields: tuple[str, ...] = ()) -> None:
    """Change the state (refusing a move the workflow does not allow), save it with `fields`, write the event."""
    require_move(filing, to=to, kind=kind)
    before = filing.state
    filing.state = to
    filing.updated_at = clock.now()
    filing.save(update_fields=["state", "updated_at", *fields])
    events.moved(filing, kind, actor=actor, from_state=before, reason=reason, data=data)


def locked(filing: Filing) -> Filing:
    """The filing's row, locked for the rest of the transaction (a no-op on SQLite, which locks the database)."""
    return Filing.objects.select_for_update().select_related("authority").get(pk=filing.pk)
