"""Abolition (废止) of the enterprise standard a declaration discloses, decided by a provincial-or-higher
standardization administration under law art. 39 after a correction order was not followed (the inspections app
makes the decision and its public notice, and calls this). The declaration is never deleted: it leaves search and
later campaigns' populations like a withdrawn one, its page stays public and names the notice, and its text is no
longer disclosed."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.core.actors import user_or_none
from biaozhun.core.errors import InvalidTransition

from ..models import Declaration, DeclarationEvent, DeclarationEventKind, DeclarationState
from .declaring import locked


@transaction.atomic
def abolish_declaration(*, actor: Any, declaration: Declaration, reason: str, notice_number: str, notice_url: str,
                        authority: str) -> Declaration:
    """Mark a published declaration's enterprise standard abolished; `notice_number` is the public notice's number,
    `notice_url` where it is published and `authority` who decided (kept on the event the page shows)."""
    declaration = locked(declaration)
    policy.require(actor, "declarations.abolish", declaration)
    if declaration.state != DeclarationState.PUBLISHED:
        raise InvalidTransition(_("只有已公开的声明才能废止其标准；这份声明已撤回或已废止。"),
                                current=declaration.state, target=DeclarationState.ABOLISHED)
    now = clock.now()
    declaration.state = DeclarationState.ABOLISHED
    declaration.updated_at = now
    declaration.save(update_fields=["state", "updated_at"])
    DeclarationEvent.objects.create(
        declaration=declaration, kind=DeclarationEventKind.ABOLISHED, actor=user_or_none(actor), at=now,
        reason=" ".join(reason.split())[:2000],
        data={"version": declaration.version, "notice_number": notice_number, "notice_url": notice_url, "authority": authority})
    return declaration

