"""A person's copy of their data (PIPL art. 45) and the deletion of their account (art. 47).

Accounts never import the apps above them, so each app that holds personal data registers its part here when it
is ready (``register(...)`` in its AppConfig.ready, like its policy rules): how to export it, and how to erase it
when the account is deleted. An eraser is itself a service: ``erase(*, actor, user, pseudonym)``, asking
``policy.require(actor, "accounts.delete_account", user)``, and runs inside the deletion's transaction.

Deleting an account keeps what the standards record needs and drops the person: comments and votes stay,
attributed to a pseudonym ("用户#a3f9c2e1", the same for everything of that account); the account's details
are erased, its password made unusable and the account closed; memberships end through the services (with their
events); tokens are revoked; one ``user_deleted`` event records the deletion without personal data. The consent
records stay as the proof of consent.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from biaozhun.accounts import events, policy, services
from biaozhun.accounts.models import AccountEvent, MembershipRole, User
from biaozhun.core import clock
from biaozhun.core.errors import ValidationFailed

from .models import PrivacyConsent

EXPORT_FORMAT = "biaozhun-personal-data/1"
PSEUDONYM_PREFIX = "用户#"


@dataclass(frozen=True)
class Section:
    name: str
    export: Callable[[Any], Any]  # user → JSON-ready data
    erase: Callable[..., None] | None = None  # (*, actor, user, pseudonym)


SECTIONS: dict[str, Section] = {}


def register(name: str, *, export: Callable[[Any], Any], erase: Callable[..., None] | None = None) -> None:
    """Add an app's part of a person's data (once per name)."""
    if name in SECTIONS and SECTIONS[name].export is not export:
        raise ValueError(f"personal data section {name!r} is registered twice")
    SECTIONS[name] = Section(name, export, erase)


def when(value: Any) -> str | None:
    """A date or time as ISO text in an export (None when unset); every app's section uses it."""
    return value.isoformat() if value else None


# --- The accounts app's own sections ---------------------------------------------------------------------------
def _profile(user: Any) -> dict[str, Any]:
    return {"username": user.username, "real_name": user.real_name, "email": user.email, "phone": user.phone,
            "language": user.language, "date_joined": when(user.date_joined), "last_login": when(user.last_login),
            "privacy_notice_version": user.privacy_version}


def _memberships(user: Any) -> list[dict[str, Any]]:
    return [{"organisation": m.organisation.name, "kind": m.organisation.kind, "uscc": m.organisation.uscc,
             "role": m.role, "joined_at": when(m.joined_at)}
            for m in user.memberships.select_related("organisation").order_by("joined_at", "id")]


def _consents(user: Any) -> list[dict[str, Any]]:
    return [{"version": c.version, "at": when(c.at), "address": c.address, "language": c.language, "via": c.via}
            for c in PrivacyConsent.objects.filter(user=user).order_by("at", "id")]


def _api_tokens(user: Any) -> list[dict[str, Any]]:
    """What the token is for and when it was used; never the token or its digest."""
    return [{"name": t.name, "prefix": t.prefix, "created_at": when(t.created_at),
             "last_used_at": when(t.last_used_at), "revoked_at": when(t.revoked_at)}
            for t in user.api_tokens.order_by("created_at", "id")]


def _account_events(user: Any) -> list[dict[str, Any]]:
    """The account history about the person or done by them."""
    rows = (AccountEvent.objects.filter(Q(target_user=user) | Q(actor=user)).select_related("organisation")
            .order_by("at", "id"))
    return [{"kind": e.kind, "at": when(e.at), "by_you": e.actor_id == user.pk,
             "about_you": e.target_user_id == user.pk, "organisation": e.organisation.name if e.organisation_id else None, "data": e.data} for e in rows]


register("profile", export=_profile)
register("memberships", export=_memberships)
register("privacy_consents", export=_consents)
register("api_tokens", export=_api_tokens)
register("account_events", export=_account_events)


# --- Export -----------------------------------------------------------------------------------------------------
def export_personal_data(*, actor: Any, user: Any) -> dict[str, Any]:
    """Everything the platform holds about ``user``, as JSON-ready data, section by section."""
    policy.require(actor, "accounts.export_personal_data", user)
    data: dict[str, Any] = {"format": EXPORT_FORMAT, "exported_at": when(clock.now())}
    for name, section in SECTIONS.items():
        data[name] = section.export(user)
    return data


# --- Deletion ---------------------------------------------------------------------------------------------------
def new_pseudonym() -> str:
    """"用户#a3f9c2e1": random (not derived from the account), the same wherever the account's work appears."""
    return PSEUDONYM_PREFIX + secrets.token_hex(4)


def _refuse(field: str | None, message: str, code: str) -> ValidationFailed:
    return ValidationFailed(message, errors=[{"field": field, "message": message, "code": code}])


@transaction.atomic
def delete_account(*, actor: Any, user: Any, password: str) -> str:
    """Delete the actor's own account after they confirm with their password; returns the pseudonym."""
    policy.require(actor, "accounts.delete_account", user)
    user = User.objects.select_for_update().get(pk=user.pk)
    if not password or not user.check_password(password):
        raise _refuse("password", _("密码不正确：请输入您登录时使用的密码，以确认注销。"), "wrong_password")
    if user.is_superuser:
        raise _refuse(None, _("超级用户账号不能自行注销：请先请另一位超级用户取消您的超级用户身份，再注销。"),
                      "superuser")
    memberships = list(user.memberships.select_related("organisation"))
    for membership in memberships:
        only_admin = (membership.role == MembershipRole.ADMIN and not membership.organisation.memberships
                      .filter(role=MembershipRole.ADMIN).exclude(user=user).exists())
        if only_admin:
            raise _refuse(None, _("您是“%(organisation)s”唯一的管理员：请先在该组织中指定另一名管理员，再注销账号。")
                          % {"organisation": membership.organisation.name}, "last_admin")
    pseudonym = new_pseudonym()
    for membership in memberships:
        services.leave_organisation(actor=actor, organisation=membership.organisation)
    for token in user.api_tokens.filter(revoked_at__isnull=True):
        services.revoke_api_token(actor=actor, token=token)
    for section in SECTIONS.values():
        if section.erase is not None:
            section.erase(actor=actor, user=user, pseudonym=pseudonym)
    user.username = "deleted-" + pseudonym.removeprefix(PSEUDONYM_PREFIX)
    user.real_name, user.email, user.phone = pseudonym, "", ""
    user.set_unusable_password()
    user.is_active = user.is_staff = False
    user.erased_at = clock.now()
    user.save(update_fields=["username", "real_name", "email", "phone", "password", "is_active", "is_staff",
                             "erased_at"])
    user.groups.clear()
    user.user_permissions.clear()
    events.user_deleted(user, actor=user, pseudonym=pseudonym)
    return pseudonym
