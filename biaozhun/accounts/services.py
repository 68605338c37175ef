"""Every write to users, organisations and memberships.

Each service: keyword-only arguments with the acting user first; asks ``policy.require`` before writing;
validates with ``full_clean()``; writes its one ``AccountEvent`` in the same transaction. Django's
``ValidationError`` becomes ``ValidationFailed`` with one ``{"field", "message", "code"}`` entry per problem
(``field`` None for a problem with the whole record), so pages and the API show the same messages.
"""

from typing import TYPE_CHECKING, Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from biaozhun.core.actors import is_system
from biaozhun.core.errors import NotFoundError, ValidationFailed

from . import policy, tokens
from .models import (
    AccountEvent,
    AccountEventKind,
    ApiToken,
    Language,
    Membership,
    MembershipRole,
    Organisation,
    User,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

MESSAGE_INVALID = gettext_lazy("提交的信息有误，请按提示修改。")
MESSAGE_LAST_ADMIN = gettext_lazy("组织至少要有一名管理员：请先指定另一名管理员，再移除或变更这一位。")
MESSAGE_NOT_A_MEMBER = gettext_lazy("该用户不是这个组织的成员。")
MESSAGE_INACTIVE_USER = gettext_lazy("这个账号已停用，不能加入组织。")


# --- Helpers --------------------------------------------------------------------------------------
def _text(error: DjangoValidationError) -> str:
    return str(error.message % error.params if error.params else error.message)


def _problems(error: DjangoValidationError) -> list[dict[str, Any]]:
    if not hasattr(error, "error_dict"):
        return [{"field": None, "message": _text(e), "code": e.code} for e in error.error_list]
    return [
        {"field": None if field == NON_FIELD_ERRORS else field, "message": _text(item), "code": item.code}
        for field, items in error.error_dict.items()
        for item in items
    ]


def _validate(instance: models.Model, *, exclude: list[str] | None = None) -> None:
    try:
        instance.full_clean(exclude=exclude)
    except DjangoValidationError as error:
        raise ValidationFailed(str(MESSAGE_INVALID), errors=_problems(error)) from None


def _signed_in(user: "User | AnonymousUser | None") -> User | None:
    return user if isinstance(user, User) and user.pk is not None else None


def _record(
    kind: str,
    *,
    actor: User | None,
    target_user: User | None = None,
    organisation: Organisation | None = None,
    data: dict[str, Any] | None = None,
) -> AccountEvent:
    return AccountEvent.objects.create(
        kind=kind, actor=actor, target_user=target_user, organisation=organisation, data=data or {}
    )


def _membership_for_update(organisation: Organisation, user: User) -> Membership:
    membership = Membership.objects.select_for_update().filter(organisation=organisation, user=user).first()
    if membership is None:
        raise NotFoundError(str(MESSAGE_NOT_A_MEMBER), organisation_id=organisation.pk, user_id=user.pk)
    return membership


def _refuse_losing_last_admin(membership: Membership) -> None:
    if membership.role != MembershipRole.ADMIN:
        return
    admins = Membership.objects.select_for_update().filter(
        organisation_id=membership.organisation_id, role=MembershipRole.ADMIN
    )
    if admins.exclude(pk=membership.pk).exists():
        return
    raise ValidationFailed(
        str(MESSAGE_LAST_ADMIN), errors=[{"field": "role", "message": str(MESSAGE_LAST_ADMIN), "code": "last_admin"}]
    )


# --- Users ----------------------------------------------------------------------------------------
@transaction.atomic
def register_user(
    *,
    actor: "User | AnonymousUser | None",
    username: str,
    email: str,
    real_name: str,
    password: str,
    phone: str = "",
    language: str = Language.ZH_HANS,
) -> User:
    """Create an account. A visitor registers themself (``actor`` anonymous or None); administrators may
    register someone else. The password is checked by the configured validators and stored hashed."""
    policy.require(actor, "accounts.register")
    user = User(
        username=username.strip(),
        email=email.strip(),
        real_name=real_name.strip(),
        phone=phone.strip(),
        language=language,
    )
    problems: list[dict[str, Any]] = []
    try:
        user.full_clean(exclude=["password"])
    except DjangoValidationError as error:
        problems += _problems(error)
    try:
        validate_password(password, user)
    except DjangoValidationError as error:
        problems += [{"field": "password", "message": p["message"], "code": p["code"]} for p in _problems(error)]
    if problems:
        raise ValidationFailed(str(MESSAGE_INVALID), errors=problems)
    user.set_password(password)
    user.save()
    acting = _signed_in(actor)
    _record(
        AccountEventKind.USER_REGISTERED,
        actor=acting or user,
        target_user=user,
        data={"username": user.username, "self_registered": acting is None and not is_system(actor)},
    )
    return user


# --- Organisations --------------------------------------------------------------------------------
@transaction.atomic
def create_organisation(
    *,
    actor: User,
    kind: str,
    name: str,
    name_en: str = "",
    uscc: str = "",
    industry_code: str = "",
    region_code: str = "",
    tc_code: str = "",
    join_as_admin: bool = True,
) -> Organisation:
    """Create an organisation; the creator becomes its admin unless ``join_as_admin`` is False (for
    administrators setting up a ministry, bureau or secretariat on someone else's behalf)."""
    policy.require(actor, "accounts.create_organisation", kind)
    organisation = Organisation(
        kind=kind,
        name=name.strip(),
        name_en=name_en.strip(),
        uscc=uscc,
        industry_code=industry_code,
        region_code=region_code,
        tc_code=tc_code,
    )
    _validate(organisation)
    organisation.save()
    founder_role = None
    if join_as_admin:
        Membership.objects.create(user=actor, organisation=organisation, role=MembershipRole.ADMIN)
        founder_role = MembershipRole.ADMIN.value
        actor.forget_memberships()
    _record(
        AccountEventKind.ORGANISATION_CREATED,
        actor=actor,
        target_user=actor if join_as_admin else None,
        organisation=organisation,
        data={"kind": kind, "name": organisation.name, "uscc": organisation.uscc, "founder_role": founder_role},
    )
    return organisation


# --- Memberships ----------------------------------------------------------------------------------
@transaction.atomic
def add_member(*, actor: User, organisation: Organisation, user: User, role: str = MembershipRole.MEMBER) -> Membership:
    """Make ``user`` a member of ``organisation`` with ``role`` (which must suit the organisation's kind)."""
    policy.require(actor, "accounts.manage_members", organisation)
    if not user.is_active:
        raise ValidationFailed(
            str(MESSAGE_INACTIVE_USER),
            errors=[{"field": "user", "message": str(MESSAGE_INACTIVE_USER), "code": "inactive_user"}],
        )
    membership = Membership(user=user, organisation=organisation, role=role)
    _validate(membership)
    membership.save()
    user.forget_memberships()
    _record(
        AccountEventKind.MEMBER_ADDED, actor=actor, target_user=user, organisation=organisation, data={"role": role}
    )
    return membership


@transaction.atomic
def remove_member(*, actor: User, organisation: Organisation, user: User) -> None:
    """End ``user``'s membership; the last admin of an organisation cannot be removed."""
    policy.require(actor, "accounts.manage_members", organisation)
    membership = _membership_for_update(organisation, user)
    _refuse_losing_last_admin(membership)
    role = membership.role
    membership.delete()
    user.forget_memberships()
    _record(
        AccountEventKind.MEMBER_REMOVED, actor=actor, target_user=user, organisation=organisation, data={"role": role}
    )


@transaction.atomic
def change_member_role(*, actor: User, organisation: Organisation, user: User, role: str) -> Membership:
    """Give a member another role. Asking for the role they already have changes nothing and records nothing."""
    policy.require(actor, "accounts.manage_members", organisation)
    membership = _membership_for_update(organisation, user)
    previous = membership.role
    if previous == role:
        return membership
    if role != MembershipRole.ADMIN:
        _refuse_losing_last_admin(membership)
    membership.role = role
    _validate(membership)
    membership.save(update_fields=["role"])
    user.forget_memberships()
    _record(
        AccountEventKind.MEMBER_ROLE_CHANGED,
        actor=actor,
        target_user=user,
        organisation=organisation,
        data={"from": previous, "to": role},
    )
    return membership


# --- API tokens ------------------------------------------------------------------------------------
@transaction.atomic
def create_api_token(*, actor: User, name: str) -> tuple[ApiToken, str]:
    """A new token for the actor; returns the record and the token itself, which is shown this once only."""
    policy.require(actor, "accounts.manage_token", None)
    name = name.strip()
    if not name:
        raise ValidationFailed(_("请填写令牌用途。"), errors=[{"field": "name", "message": _("必填")}])
    token = tokens.new_token()
    record = ApiToken.objects.create(user=actor, name=name[:100], prefix=token[:10], key_digest=tokens.digest(token))
    _record(AccountEventKind.API_TOKEN_CREATED, actor=actor, target_user=actor,
            data={"token": record.pk, "name": record.name, "prefix": record.prefix})
    return record, token


@transaction.atomic
def revoke_api_token(*, actor: User, token: ApiToken) -> ApiToken:
    policy.require(actor, "accounts.manage_token", token)
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        _record(AccountEventKind.API_TOKEN_REVOKED, actor=actor, target_user=token.user,
                data={"token": token.pk, "prefix": token.prefix})
    return token
