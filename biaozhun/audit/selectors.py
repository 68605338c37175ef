"""Reads of the audit log and the administrative roles, shared by pages, the admin, exports and the policy."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from .models import AdminRole, AuditRecord, RoleAssignment


def roles_of(user: Any) -> frozenset[str]:
    """The administrative roles the user holds, read once per user instance (``request.user`` lives for one
    request); ``forget_roles`` drops the cache after a change."""
    if getattr(user, "pk", None) is None:
        return frozenset()
    cached = user.__dict__.get("_audit_roles")
    if cached is None:
        cached = frozenset(RoleAssignment.objects.filter(user_id=user.pk).values_list("role", flat=True))
        user.__dict__["_audit_roles"] = cached
    return cached


def forget_roles(user: Any) -> None:
    user.__dict__.pop("_audit_roles", None)


def has_role(user: Any, role: AdminRole) -> bool:
    return role in roles_of(user)


def role_holders(role: AdminRole) -> QuerySet[RoleAssignment]:
    return RoleAssignment.objects.filter(role=role, user__is_active=True).select_related("user")


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_records(*, username: str = "", kind: str = "", outcome: str = "", address: str = "",
                  since: date | None = None, until: date | None = None) -> QuerySet[AuditRecord]:
    """Records newest first, filtered: ``username`` matches the actor's or the typed username exactly (any
    case); ``address`` exactly or as a prefix ending in "." or ":" ("10.1." finds a subnet); ``since`` and
    ``until`` are local dates, both included."""
    records = AuditRecord.objects.select_related("user", "target_type").order_by("-seq")
    if username:
        records = records.filter(username__iexact=username.strip())
    if kind:
        records = records.filter(kind=kind)
    if outcome:
        records = records.filter(outcome=outcome)
    if address:
        address = address.strip()
        records = records.filter(address__startswith=address) if address.endswith((".", ":")) else records.filter(
            address=address)
    if since:
        records = records.filter(at__gte=_day_start(since))
    if until:
        records = records.filter(at__lt=_day_start(until + timedelta(days=1)))
    return records
