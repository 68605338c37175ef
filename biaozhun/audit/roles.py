"""Granting and withdrawing the administrative roles (三权分立), each change recorded in the audit log.

The separation rule itself is pure (rules/separation.py). A refusal, by the policy or by the rule, is recorded
too (outcome ``refused``), outside the refused change's transaction.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from biaozhun.accounts import policy
from biaozhun.accounts.models import User
from biaozhun.core import clock
from biaozhun.core.actors import user_or_none
from biaozhun.core.errors import PermissionDeniedError, ValidationFailed
from biaozhun.rules.separation import Violation, violation

from .models import AdminRole, AuditKind, Outcome, RoleAssignment
from .records import record
from .selectors import forget_roles

MESSAGES = {
    Violation.ALL_THREE: _("同一账号不能同时担任系统管理员、安全管理员和审计员三个角色（三权分立）。请把这个角色授予另一位人员。"),
    Violation.SYSTEM_ADMINISTRATOR_AUDITS: _("系统管理员不能兼任审计员（三权分立）：审计员审查系统管理员的操作。请把这个角色授予另一位人员。"),
    "superuser_auditor": _("超级用户拥有系统管理的全部权限，不能担任审计员。请把审计员角色授予另一位人员，或先取消其超级用户身份。"),
    "auditor_superuser": _("审计员不能成为超级用户（三权分立）：超级用户拥有系统管理的全部权限。如确需授予，请先由安全管理员撤销其审计员角色。"),
    "inactive": _("这个账号已停用，不能授予管理角色。"),
    "last_security_administrator": _("这是最后一位安全管理员：请先为另一位人员授予安全管理员角色，再撤销这一位。"),
}


def _refuse(kind: AuditKind, *, actor: Any, user: User, role: str, code: str) -> ValidationFailed:
    record(kind, actor=actor, outcome=Outcome.REFUSED, target=user, data={"role": role, "reason": code})
    message = str(MESSAGES[code])
    return ValidationFailed(message, errors=[{"field": "role", "message": message, "code": str(code)}])


def refusal_auditor_superuser() -> ValidationFailed:
    """Refusal of superuser status for an auditor (sent back through accounts' change_user_access)."""
    message = str(MESSAGES["auditor_superuser"])
    return ValidationFailed(message, errors=[{"field": "is_superuser", "message": message,
                                              "code": "auditor_superuser"}])


def _require(actor: Any, kind: AuditKind, user: User, role: str) -> None:
    try:
        policy.require(actor, "audit.manage_roles", user)
    except PermissionDeniedError:
        record(kind, actor=actor, outcome=Outcome.REFUSED, target=user, data={"role": role, "reason": "policy"})
        raise


def grant_role(*, actor: Any, user: User, role: str) -> RoleAssignment:
    """Give ``user`` an administrative role, unless it would break the separation of duties. Granting a role
    they hold changes nothing and records nothing."""
    role = AdminRole(role)
    _require(actor, AuditKind.ROLE_GRANTED, user, role)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)  # one change of this person's roles at a time
        held = set(RoleAssignment.objects.filter(user=user).values_list("role", flat=True))
        existing = RoleAssignment.objects.filter(user=user, role=role).first()
        if existing is not None:
            return existing
        code = _problem(user, held | {role})
        if code is None:
            assignment = RoleAssignment.objects.create(user=user, role=role, granted_by=user_or_none(actor),
                                                       granted_at=clock.now())
            record(AuditKind.ROLE_GRANTED, actor=actor, target=user, data={"role": role.value})
            forget_roles(user)
            return assignment
    raise _refuse(AuditKind.ROLE_GRANTED, actor=actor, user=user, role=role.value, code=code)


def _problem(user: User, roles: set[str]) -> str | None:
    if not user.is_active:
        return "inactive"
    found = violation(roles)
    if found is not None:
        return found
    if AdminRole.AUDITOR in roles and user.is_superuser:
        return "superuser_auditor"
    return None


def withdraw_role(*, actor: Any, user: User, role: str) -> None:
    """Take an administrative role away; the last active security administrator keeps theirs."""
    role = AdminRole(role)
    _require(actor, AuditKind.ROLE_WITHDRAWN, user, role)
    with transaction.atomic():
        holders = RoleAssignment.objects.select_for_update().filter(role=role)
        assignment = holders.filter(user=user).first()
        if assignment is None:
            return
        others = holders.exclude(user=user).filter(user__is_active=True)
        if role != AdminRole.SECURITY_ADMINISTRATOR or others.exists():
            assignment.delete()
            record(AuditKind.ROLE_WITHDRAWN, actor=actor, target=user, data={"role": role.value})
            forget_roles(user)
            return
    raise _refuse(AuditKind.ROLE_WITHDRAWN, actor=actor, user=user, role=role.value,
                  code="last_security_administrator")
