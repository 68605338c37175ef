"""Who may do what with accounts, organisations, memberships and API tokens (registered with the policy)."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from biaozhun.accounts.policy import administrator, everyone, is_signed_in_and_active

from .models import USCC_REQUIRED_KINDS, MembershipRole, Organisation

# Kinds that any registered person may create (and so become its admin); other kinds carry public
# authority (a ministry, a bureau, a TC secretariat, the national administration) and only administrators
# create them.
SELF_SERVICE_ORGANISATION_KINDS = USCC_REQUIRED_KINDS


# Rules keep one condition per line (coverage and review see each); the formatter must not join them.
# fmt: off
def _register(user: Any, obj: Any) -> bool:
    """Visitors sign themselves up; a signed-in person registers someone else only as an administrator."""
    return (
        not user.is_authenticated
        or (user.is_active and user.is_administrator)
    )


def _create_organisation(user: Any, kind: str | None) -> bool:
    """``kind`` None asks "may they open the form?"; a kind asks "may they create one of these?"."""
    return (
        user.is_administrator
        or kind is None
        or kind in SELF_SERVICE_ORGANISATION_KINDS
    )


def _manage_members(user: Any, organisation: Organisation) -> bool:
    return (
        user.is_administrator
        or user.role_in(organisation) == MembershipRole.ADMIN
    )


def _manage_token(user: Any, token: Any) -> bool:
    """Anyone signed in makes tokens for themself (None: "may they?"); the owner, or an administrator (a leaked
    token), revokes one."""
    return (
        token is None
        or token.user_id == user.pk
        or user.is_administrator
    )


def _superuser(user: Any, account: Any) -> bool:
    """Superuser status, and a superuser's access, are changed by a superuser only (not by an administrator by
    membership)."""
    return (
        user.is_superuser
    )


def _manage_second_factor(user: Any, account: Any) -> bool:
    """Each person enrols, renews and (when not required) removes their own second factor; an administrator
    resets it for someone who lost their phone and codes (they enrol again at their next sign-in)."""
    return (
        account.pk == user.pk
        or user.is_administrator
    )


def _unlock_sign_in(user: Any, account: Any) -> bool:
    """A locked account is unlocked by its owner resetting the password by email, or by an administrator; a locked
    address (``account`` None) by an administrator only."""
    return (
        user.is_administrator
        or (account is not None and account.pk == user.pk)
    )


def _own_account(user: Any, account: Any) -> bool:
    """The person's own account: accepting the privacy notice, downloading their data, deleting the account."""
    return (
        account is not None
        and account.pk == user.pk
    )


def _leave_organisation(user: Any, organisation: Organisation) -> bool:
    return (
        user.role_in(organisation) is not None
    )


def _view_organisation(user: Any, organisation: Organisation) -> bool:
    return (
        user.is_administrator
        or user.role_in(organisation) is not None
    )
# fmt: on


def _organisations(user: Any):
    """Organisations whose account page (members, roles) the user may open: their own; all for administrators."""
    if not is_signed_in_and_active(user):
        return Organisation.objects.none()
    if user.is_administrator:
        return Organisation.objects.all()
    return Organisation.objects.filter(memberships__user=user)  # one membership per (user, organisation)


RULES = {
    "accounts.register": _register,
    "accounts.create_organisation": _create_organisation,
    "accounts.manage_members": _manage_members,
    "accounts.view_organisation": _view_organisation,
    "accounts.manage_token": _manage_token,
    "accounts.manage_users": administrator,  # staff flags, activation and details of other people's accounts
    "accounts.grant_superuser": _superuser,
    "accounts.edit_organisation": administrator,  # names and codes; the codes scope the members' authority
    "accounts.sign_in": everyone,  # anyone may try; failures are counted and lock (accounts/security/lockout.py)
    "accounts.manage_second_factor": _manage_second_factor,
    "accounts.unlock_sign_in": _unlock_sign_in,
    "accounts.leave_organisation": _leave_organisation,
    "accounts.accept_privacy_notice": _own_account,
    "accounts.export_personal_data": _own_account,
    "accounts.delete_account": _own_account,
}
PUBLIC_ACTIONS = {"accounts.register", "accounts.sign_in"}
FILTERS = {"accounts.organisations": _organisations}
DENIALS = {
    "accounts.export_personal_data": _("只能下载本人的数据；如需他人的数据，请由其本人下载。"),
    "accounts.delete_account": _("只能注销本人的账号；如需注销他人的账号，请由其本人在“我的账号”页面办理。"),
    "accounts.manage_users": _("账号的信息和权限由系统管理员修改；如需变更，请联系系统管理员。"),
    "accounts.grant_superuser": _("只有超级用户可以授予或取消超级用户身份、变更超级用户的权限；请联系超级用户办理。"),
    "accounts.edit_organisation": _("组织的名称和代码由系统管理员修改；如需更正，请联系系统管理员。"),
    "accounts.manage_members": _("只有该组织的管理员可以管理成员；请联系本单位在平台上的管理员。"),
    "accounts.manage_second_factor": _("两步验证由本人设置；丢失手机和恢复码时，请联系系统管理员重置。"),
    "accounts.unlock_sign_in": _("登录锁定可由本人通过“忘记密码”重设密码解除，或由系统管理员解除；也可以等锁定时间过后再试。"),
    "accounts.create_organisation": _("政府部门、市场监管部门、技术委员会秘书处和国家标准委的组织由系统管理员创建，请与管理员联系。"),
}
