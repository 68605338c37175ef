"""Who may do what with the yearly assessment of technical committees (registered with the policy).

The national administration assesses: its reviewers and administrators compute the figures and score the manual
items; administrators set the scheme, finalise and decide (a decision may suspend or revoke the committee, which
only administrators may do: committees.decide). A committee's secretariat sees its own assessments and downloads
its annual report (年报); nobody else does."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from biaozhun.accounts.models import SECRETARIAT_ROLES, OrganisationKind
from biaozhun.accounts.policy import administrator


# fmt: off
def _administration(user: Any, obj: Any) -> bool:
    """The national administration's reviewers (the assessors) and administrators."""
    return (
        user.is_administrator
        or user.is_reviewer
    )


def _view(user: Any, committee: Any) -> bool:
    """A committee's assessments and annual reports: its secretariat and the administration."""
    return (
        user.is_administrator
        or user.is_reviewer
        or (committee is not None and user.is_secretariat_of(committee.code))
    )


def _own(user: Any, obj: Any) -> bool:
    """The page of one's own committees' assessments: those who work in a committee's secretariat (and the
    administration, who see every committee's)."""
    return (
        user.is_administrator
        or user.is_reviewer
        or any(m.role in SECRETARIAT_ROLES for m in user.memberships_of_kind(OrganisationKind.TC_SECRETARIAT))
    )
# fmt: on


RULES = {
    "assessments.oversee": _administration,  # every committee's assessments, the lists and the schemes
    "assessments.assess": _administration,  # compute the figures, score the manual items
    "assessments.decide": administrator,  # finalise, decide on a failing committee, close its correction
    "assessments.configure": administrator,  # the scheme of a year
    "assessments.view": _view,  # one committee's assessments and its annual report
    "assessments.own": _own,  # the page of one's own committees' assessments
}
DENIALS = {
    "assessments.own": _("此页面列出您所在技术委员会秘书处的考核评估；如您是秘书处人员，请联系管理员在您的账号中登记所属秘书处。"),
    "assessments.oversee": _("技术委员会考核评估由国家标准化管理部门组织；如需查看，请联系系统管理员为您的账号登记审核人员角色。"),
    "assessments.assess": _("只有国家标准化管理部门的审核人员和管理员可以计算和评分；如需参与考核，请联系系统管理员。"),
    "assessments.decide": _("考核结果的定稿和处理决定由国家标准化管理部门的管理员作出；如有需要，请联系系统管理员。"),
    "assessments.configure": _("考核方案由国家标准化管理部门的管理员设定；如需修改，请联系系统管理员。"),
    "assessments.view": _("只有该技术委员会的秘书处和国家标准化管理部门可以查看其考核结果和年报；"
                          "如您是秘书处人员，请联系管理员在您的账号中登记所属秘书处。"),
}
