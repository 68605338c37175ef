"""One constructor per kind of history row of the declarations app (each returns the unsaved row, so bulk writers
can insert many at once; `record` saves them)."""

from __future__ import annotations

from typing import Any

from biaozhun.core import clock
from biaozhun.core.actors import user_or_none

from ..models import (
    Declaration,
    DeclarationEvent,
    DeclarationEventKind,
    DeclarationVersion,
    EnterpriseEvent,
    EnterpriseEventKind,
)


def declared(declaration: Declaration, *, actor: Any, data: dict[str, Any] | None = None) -> DeclarationEvent:
    return DeclarationEvent(declaration=declaration, kind=DeclarationEventKind.DECLARED, actor=user_or_none(actor),
                            at=declaration.updated_at, data={"version": declaration.version, **(data or {})})


def revised(declaration: Declaration, *, actor: Any, reason: str, changed: list[str]) -> DeclarationEvent:
    return DeclarationEvent(declaration=declaration, kind=DeclarationEventKind.REVISED, actor=user_or_none(actor),
                            at=declaration.updated_at, reason=reason,
                            data={"version": declaration.version, "changed": changed})


def withdrawn(declaration: Declaration, *, actor: Any, reason: str) -> DeclarationEvent:
    return DeclarationEvent(declaration=declaration, kind=DeclarationEventKind.WITHDRAWN, actor=user_or_none(actor),
                            at=declaration.withdrawn_at, reason=reason, data={"version": declaration.version})


def version(declaration: Declaration, *, actor: Any, content: dict[str, Any]) -> DeclarationVersion:
    return DeclarationVersion(declaration=declaration, version=declaration.version, actor=user_or_none(actor),
                              at=declaration.updated_at, content=content)


def enterprise_event(enterprise: Any, kind: EnterpriseEventKind, *, actor: Any, **data: Any) -> EnterpriseEvent:
    return EnterpriseEvent(enterprise=enterprise, kind=kind, actor=user_or_none(actor), at=clock.now(), data=data)


def record(rows: list[Any]) -> None:
    for row in rows:
        row.save()
