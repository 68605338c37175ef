"""Who may do what with technical committees (registered with the policy)."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from biaozhun.accounts.policy import administrator


# fmt: off
def _manage(user: Any, committee: Any) -> bool:
    """The committee's secretariat keeps its membership; administrators may too."""
    return (
        user.is_administrator
        or user.is_secretariat_of(committee.code)
    )
# fmt: on


RULES = {
    "committees.create": administrator,
    "committees.edit": administrator,  # names, scope, secretariat, counterpart, active: the committee's charter
    "committees.manage": _manage,
    "committees.decide": administrator,  # suspension, reinstatement, revocation, merger: the administration decides
}
DENIALS = {
    "committees.create": _("技术委员会由系统管理员登记；如需新建，请联系系统管理员。"),
    "committees.edit": _("技术委员会的名称、秘书处等信息由系统管理员修改；如需变更，请联系系统管理员。"),
    "committees.decide": _("技术委员会的暂停、恢复、撤销与合并由国家标准化管理部门决定；如有需要，请联系系统管理员。"),
    "committees.manage": _("只有该技术委员会的秘书处可以管理委员；如您是秘书处人员，请联系管理员在您的账号中登记所属秘书处。"),
}
