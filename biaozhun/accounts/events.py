"""One constructor per kind of account event; the account services record their history only through these.

Each writes one append-only ``AccountEvent``: who acted (a user; None for the system), when (core.clock, so
replayed history keeps its dates), whom and which organisation it concerns, and ``data`` with the keys its
docstring lists. Values in ``data`` are JSON: dates as ISO text, related rows by primary key or a stable name.
"""

from __future__ import annotations

from typing import Any

from biaozhun.core import clock
from biaozhun.core.actors import user_or_none

from .models import AccountEvent, AccountEventKind, Organisation, User

Kind = AccountEventKind


def _record(kind: str, *, actor: Any, target_user: User | None = None,
            organisation: Organisation | None = None, data: dict[str, Any]) -> AccountEvent:
    """``actor``: the acting user; SYSTEM and anonymous visitors are recorded as no user."""
    return AccountEvent.objects.create(kind=kind, actor=user_or_none(actor), at=clock.now(), target_user=target_user,
                                       organisation=organisation, data=data)


# --- Users ------------------------------------------------------------------------------------------------
def user_registered(user: User, *, actor: Any, self_registered: bool) -> AccountEvent:
    """data: {"username", "self_registered"} (False when an administrator registered the account)."""
    return _record(Kind.USER_REGISTERED, actor=actor, target_user=user,
                   data={"username": user.username, "self_registered": self_registered})


# Encrypted at rest on the account (core/fields.py): the history says that they changed, not what they were.
PRIVATE_DETAILS = ("email", "phone")
CHANGED = "***"


def user_updated(user: User, *, actor: Any, before: dict[str, Any], after: dict[str, Any]) -> AccountEvent:
    """data: {"before", "after"}: the changed details (username, real_name, email, phone, language) only; a changed
    e-mail address or phone number appears as "***" on both sides, since they are kept encrypted on the account."""
    def masked(values: dict[str, Any]) -> dict[str, Any]:
        return {name: CHANGED if name in PRIVATE_DETAILS else value for name, value in values.items()}

    return _record(Kind.USER_UPDATED, actor=actor, target_user=user,
                   data={"before": masked(before), "after": masked(after)})


def user_access_changed(user: User, *, actor: Any, before: dict[str, Any],
                        after: dict[str, Any]) -> AccountEvent:
    """data: {"before", "after"}: the changed access only: is_active, is_staff, is_superuser (booleans), groups
    (sorted group names) and user_permissions (sorted "app_label.codename")."""
    return _record(Kind.USER_ACCESS_CHANGED, actor=actor, target_user=user, data={"before": before, "after": after})


def user_deleted(user: User, *, actor: Any, pseudonym: str) -> AccountEvent:
    """data: {"pseudonym"}: the name the account's comments and votes now carry; nothing about the person."""
    return _record(Kind.USER_DELETED, actor=actor, target_user=user, data={"pseudonym": pseudonym})


# --- Organisations ----------------------------------------------------------------------------------------
def organisation_created(organisation: Organisation, *, actor: Any, founder: User | None,
                         founder_role: str | None) -> AccountEvent:
    """data: {"kind", "name", "uscc", "founder_role"} (founder_role None when nobody joined as its admin)."""
    return _record(Kind.ORGANISATION_CREATED, actor=actor, target_user=founder, organisation=organisation,
                   data={"kind": organisation.kind, "name": organisation.name, "uscc": organisation.uscc,
                         "founder_role": founder_role})


def organisation_updated(organisation: Organisation, *, actor: Any, before: dict[str, Any],
                         after: dict[str, Any]) -> AccountEvent:
    """data: {"before", "after"}: the changed fields (name, name_en, uscc, industry_code, region_code, tc_code)."""
    return _record(Kind.ORGANISATION_UPDATED, actor=actor, organisation=organisation,
                   data={"before": before, "after": after})


# --- Memberships ------------------------------------------------------------------------------------------
def member_added(organisation: Organisation, user: User, *, actor: Any, role: str) -> AccountEvent:
    """data: {"role"}."""
    return _record(Kind.MEMBER_ADDED, actor=actor, target_user=user, organisation=organisation, data={"role": role})


def member_removed(organisation: Organisation, user: User, *, actor: Any, role: str) -> AccountEvent:
    """data: {"role"}: the role the member had."""
    return _record(Kind.MEMBER_REMOVED, actor=actor, target_user=user, organisation=organisation,
                   data={"role": role})


def member_role_changed(organisation: Organisation, user: User, *, actor: Any, previous: str,
                        role: str) -> AccountEvent:
    """data: {"from", "to"}: the old and the new role."""
    return _record(Kind.MEMBER_ROLE_CHANGED, actor=actor, target_user=user, organisation=organisation,
                   data={"from": previous, "to": role})


# --- API tokens -------------------------------------------------------------------------------------------
def api_token_created(token: Any, *, actor: Any) -> AccountEvent:
    """data: {"token", "name", "prefix"}: the token's id, what it is for and its first characters."""
    return _record(Kind.API_TOKEN_CREATED, actor=actor, target_user=token.user,
                   data={"token": token.pk, "name": token.name, "prefix": token.prefix})


def api_token_revoked(token: Any, *, actor: Any) -> AccountEvent:
    """data: {"token", "prefix"}."""
    return _record(Kind.API_TOKEN_REVOKED, actor=actor, target_user=token.user,
                   data={"token": token.pk, "prefix": token.prefix})


# --- Sign-in security -------------------------------------------------------------------------------------
def second_factor_enrolled(user: User, *, actor: Any, device: str) -> AccountEvent:
    """data: {"device"}: the kind of device ("totp")."""
    return _record(Kind.SECOND_FACTOR_ENROLLED, actor=actor, target_user=user, data={"device": device})


def second_factor_removed(user: User, *, actor: Any, devices: list[str]) -> AccountEvent:
    """data: {"devices"}: the kinds of the devices removed ("totp", "recovery_codes")."""
    return _record(Kind.SECOND_FACTOR_REMOVED, actor=actor, target_user=user, data={"devices": devices})


def recovery_codes_issued(user: User, *, actor: Any, count: int) -> AccountEvent:
    """data: {"count"}: how many new codes (the old ones stop working)."""
    return _record(Kind.RECOVERY_CODES_ISSUED, actor=actor, target_user=user, data={"count": count})


def recovery_code_used(user: User, *, actor: Any, remaining: int) -> AccountEvent:
    """data: {"remaining"}: unused codes left."""
    return _record(Kind.RECOVERY_CODE_USED, actor=actor, target_user=user, data={"remaining": remaining})


def sign_in_unlocked(user: User | None, *, actor: Any, reason: str, address: str = "") -> AccountEvent:
    """data: {"reason", "address"}: why ("administrator", "password_reset") and the address unlocked, if any."""
    return _record(Kind.SIGN_IN_UNLOCKED, actor=actor, target_user=user, data={"reason": reason, "address": address})
