"""Who may read the audit log and who grants the administrative roles (registered with the policy).

Only auditors (审计员) read and export the audit log: not administrators, not superusers. Only a security
administrator (安全管理员) grants and withdraws the administrative roles, never their own (another security
administrator, or the operator's bootstrap command acting as the platform, does that). Nobody purges the log
but the platform itself (``manage.py audit_purge``); nobody edits it.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

from .models import AdminRole
from .selectors import has_role


# Rules keep one condition per line (coverage and review see each); the formatter must not join them.
# fmt: off
def _auditor(user: Any, obj: Any) -> bool:
    return (
        has_role(user, AdminRole.AUDITOR)
    )


def _manage_roles(user: Any, account: Any) -> bool:
    """``account`` None asks "may they open the roles page?"; an account asks "may they change its roles?"."""
    return (
        has_role(user, AdminRole.SECURITY_ADMINISTRATOR)
        and (account is None or account.pk != user.pk)
    )


def _nobody(user: Any, obj: Any) -> bool:
    """Only the platform (core.actors.SYSTEM, which the policy always allows) does this."""
    return False
# fmt: on


RULES = {
    "audit.read_log": _auditor,
    "audit.export_log": _auditor,
    "audit.manage_roles": _manage_roles,
    "audit.purge_log": _nobody,
}
DENIALS = {
    "audit.read_log": _("审计日志只有审计员可以查看；如需查阅，请联系安全管理员为您授予审计员角色。"),
    "audit.export_log": _("审计日志只有审计员可以导出；如需导出，请联系安全管理员为您授予审计员角色。"),
    "audit.manage_roles": _("管理角色由安全管理员授予和撤销，且不能为自己办理；请联系另一位安全管理员。"),
    "audit.purge_log": _("过期审计日志只能由运维人员用 audit_purge 命令清理，页面上不能删除。"),
}
