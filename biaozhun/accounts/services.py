"""Every write to users, organisations and memberships.

Each service: keyword-only arguments with the acting user first; asks ``policy.require`` before writing;
validates with ``full_clean()``; writes its one ``AccountEvent`` (through the constructors in events.py) in the
same transaction. A change that asks for what is already there changes nothing and records nothing. Django's
``ValidationError`` becomes ``ValidationFailed`` with one ``{"field", "message", "code"}`` entry per problem
(``field`` None for a problem with the whole record), so pages and the API show the same messages.
"""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from biaozhun.core import clock
from biaozhun.core.actors import is_system
from biaozhun.core.errors import NotFoundError, ValidationFailed

from . import events, policy, signals, tokens
from .models import (
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
MESSAGE_OWN_ADMIN_ACCESS = gettext_lazy(
    "您不能取消自己的管理员权限（启用、职员身份或超级用户）：否则将无人能恢复。请由另一位管理员办理。"
)

# What each service may change; anything else is a programming error.
USER_DETAILS = ("username", "real_name", "email", "phone", "language")
USER_ACCESS = ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")
ORGANISATION_FIELDS = ("name", "name_en", "uscc", "industry_code", "region_code", "tc_code")


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


def _only(changes: dict[str, Any], allowed: Iterable[str], what: str) -> None:
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValueError(f"{what}: these fields are not changed by this service: {sorted(unknown)}")


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
    events.user_registered(user, actor=acting or user, self_registered=acting is None and not is_system(actor))
    return user


@transaction.atomic
def update_user(*, actor: User, user: User, changes: dict[str, Any]) -> User:
    """Change an account's details (username, real name, e-mail, phone, language): administrators only. One
    ``user_updated`` event holds the old and new values of what changed."""
    policy.require(actor, "accounts.manage_users", user)
    _only(changes, USER_DETAILS, "update_user")
    user = User.objects.select_for_update().get(pk=user.pk)
    original = {name: getattr(user, name) for name in USER_DETAILS}
    for name, value in changes.items():
        setattr(user, name, value.strip() if isinstance(value, str) else value)
    _validate(user, exclude=["password"])  # also normalises the e-mail's domain
    return _save_changes(user, original, actor=actor, event=events.user_updated)


def _save_changes(instance: Any, original: dict[str, Any], *, actor: Any, event: Any) -> Any:
    """Save the fields that differ from ``original`` and record ``event`` with their old and new values."""
    changed = [name for name, value in original.items() if getattr(instance, name) != value]
    if not changed:
        return instance
    instance.save(update_fields=changed)
    event(instance, actor=actor, before={name: original[name] for name in changed},
          after={name: getattr(instance, name) for name in changed})
    return instance


def _access(user: User) -> dict[str, Any]:
    return {
        "is_active": user.is_active,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
        "groups": sorted(user.groups.values_list("name", flat=True)),
        "user_permissions": sorted(
            f"{app}.{codename}"
            for app, codename in user.user_permissions.values_list("content_type__app_label", "codename")
        ),
    }


def _can_administer(user: Any) -> bool:
    """Active, let into the back office, and an administrator (superuser or admin of the national administration)."""
    return bool(user.is_active and user.is_staff and user.is_administrator)


@transaction.atomic
def change_user_access(
    *,
    actor: User,
    user: User,
    is_active: bool | None = None,
    is_staff: bool | None = None,
    is_superuser: bool | None = None,
    groups: Iterable[Group] | None = None,
    user_permissions: Iterable[Permission] | None = None,
) -> User:
    """Grant or withdraw access: activation, back-office (staff) and superuser status, groups and permissions
    (None leaves one as it is). One ``user_access_changed`` event holds the old and new values of what changed.
    Only a superuser grants or withdraws superuser status or changes a superuser's access, and nobody withdraws
    their own administrator access (another administrator must, so that one always remains)."""
    policy.require(actor, "accounts.manage_users", user)
    user = User.objects.select_for_update().get(pk=user.pk)
    old = _access(user)
    flags = {name: value for name, value in
             (("is_active", is_active), ("is_staff", is_staff), ("is_superuser", is_superuser)) if value is not None}
    new = {**old, **flags}
    if groups is not None:
        groups = list(groups)
        new["groups"] = sorted(group.name for group in groups)
    if user_permissions is not None:
        user_permissions = list(Permission.objects.filter(pk__in=[p.pk for p in user_permissions])
                                .select_related("content_type"))
        new["user_permissions"] = sorted(f"{p.content_type.app_label}.{p.codename}" for p in user_permissions)
    changed = [name for name in USER_ACCESS if new[name] != old[name]]
    if not changed:
        return user
    if "is_superuser" in changed or old["is_superuser"]:
        policy.require(actor, "accounts.grant_superuser", user)
    was_administering = _can_administer(user)
    for name in flags:
        setattr(user, name, flags[name])
    if getattr(actor, "pk", None) == user.pk and was_administering and not _can_administer(user):
        field = next(name for name in ("is_active", "is_staff", "is_superuser") if name in changed)
        raise ValidationFailed(str(MESSAGE_OWN_ADMIN_ACCESS), errors=[
            {"field": field, "message": str(MESSAGE_OWN_ADMIN_ACCESS), "code": "own_admin_access"}])
    signals.user_access_changing.send(sender=User, user=user, actor=actor, before={name: old[name] for name in changed},
                                      after={name: new[name] for name in changed})
    user.save(update_fields=[name for name in flags if name in changed])
    if "groups" in changed:
        user.groups.set(groups)
    if "user_permissions" in changed:
        user.user_permissions.set(user_permissions)
    events.user_access_changed(user, actor=actor, before={name: old[name] for name in changed},
                               after={name: new[name] for name in changed})
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
    events.organisation_created(organisation, actor=actor, founder=actor if join_as_admin else None,
                                founder_role=founder_role)
    return organisation


@transaction.atomic
def update_organisation(*, actor: User, organisation: Organisation, changes: dict[str, Any]) -> Organisation:
    """Correct an organisation's names or codes (USCC, industry, region, committee): administrators only, since
    the codes scope the authority of its members. Its kind never changes. One ``organisation_updated`` event
    holds the old and new values of what changed."""
    policy.require(actor, "accounts.edit_organisation", organisation)
    _only(changes, ORGANISATION_FIELDS, "update_organisation")
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    original = {name: getattr(organisation, name) for name in ORGANISATION_FIELDS}
    for name, value in changes.items():
        setattr(organisation, name, value.strip() if isinstance(value, str) else value)
    _validate(organisation)  # also brings the codes to their stored spelling
    return _save_changes(organisation, original, actor=actor, event=events.organisation_updated)


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
    events.member_added(organisation, user, actor=actor, role=role)
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
    events.member_removed(organisation, user, actor=actor, role=role)


@transaction.atomic
def leave_organisation(*, actor: User, organisation: Organisation) -> None:
    """The actor ends their own membership (also when deleting their account); the last admin cannot leave."""
    policy.require(actor, "accounts.leave_organisation", organisation)
    membership = _membership_for_update(organisation, actor)
    _refuse_losing_last_admin(membership)
    role = membership.role
    membership.delete()
    actor.forget_memberships()
    events.member_removed(organisation, actor, actor=actor, role=role)


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
    events.member_role_changed(organisation, user, actor=actor, previous=previous, role=role)
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
    events.api_token_created(record, actor=actor)
    return record, token


@transaction.atomic
def revoke_api_token(*, actor: User, token: ApiToken) -> ApiToken:
    policy.require(actor, "accounts.manage_token", token)
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at"])
        events.api_token_revoked(token, actor=actor)
    return token
