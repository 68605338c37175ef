"""Is the cited catalogue edition in force? Replaced or abolished: stored, flagged NOT_CURRENT with the edition in
force reached through the catalogue's replacement relations; published but not yet in force: a note."""

from __future__ import annotations

from typing import Any

from biaozhun.catalog.models import Status
from biaozhun.rules.declaration_checks import CheckCode, finding

from .context import CheckContext
from .drafts import Draft


def currency(draft: Draft, context: CheckContext) -> list[dict[str, Any]]:
    line = draft.resolved.lookup if draft.resolved is not None else None
    if line is None or line.found is None:
        return []
    found = line.found
    if found.status in (Status.REPLACED, Status.ABOLISHED):
        in_force = line.in_force
        return [finding(CheckCode.NOT_CURRENT, number=found.identifier, status=found.status,
                        current=in_force.identifier if in_force else "",
                        current_title=in_force.title if in_force else "")]
    if found.status == Status.UPCOMING:
        return [finding(CheckCode.UPCOMING, number=found.identifier,
                        implemented_on=found.implemented_on.isoformat() if found.implemented_on else "")]
    return []
