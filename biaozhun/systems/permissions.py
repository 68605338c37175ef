"""Who may do what with standard systems and programme tags (registered with the policy in apps.py).

Systems are public (the list, each system's page, its export). A system is edited by its owner — the secretariat
of its committee (secretary or admin), or the members of its department — and by the national administration
(administrators, reviewers, staff). Creating a system: the national administration, committee secretariats and
government departments (each for what it owns; the service checks the owner). The tag table is the
administrators'; tags are set on a standard by the administration or the secretariat of the standard's committee,
on a project by the administration or its committee's secretariat."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from biaozhun.accounts.models import OrganisationKind


# fmt: off
def _administration(user: Any, obj: Any = None) -> bool:
    return (
        user.is_administrator
        or user.is_national_administration_member
    )


def _owns(user: Any, system: Any) -> bool:
    """The secretariat of the system's committee, or a member of its department."""
    return (
        system is not None
        and (
            (system.owner_committee_id is not None and user.is_secretariat_of(system.owner_committee.code))
            or (system.owner_department_id is not None and user.role_in(system.owner_department) is not None)
        )
    )


def _create(user: Any, obj: Any = None) -> bool:
    return (
        _administration(user)
        or bool(user.memberships_of_kind(OrganisationKind.TC_SECRETARIAT))
        or bool(user.memberships_of_kind(OrganisationKind.GOVERNMENT_DEPARTMENT))
    )


def _edit(user: Any, system: Any) -> bool:
    return (
        _administration(user)
        or _owns(user, system)
    )


def _manage_tags(user: Any, obj: Any = None) -> bool:
    return (
        user.is_administrator
    )


def _tag_standard(user: Any, standard: Any = None) -> bool:
    """A standard's tags; without one, whether the person may tag some standard (the tags page's forms)."""
    return (
        _administration(user)
        or (standard is None and bool(user.memberships_of_kind(OrganisationKind.TC_SECRETARIAT)))
        or (standard is not None and bool(standard.tc_code) and user.is_secretariat_of(standard.tc_code))
    )


def _tag_project(user: Any, project: Any = None) -> bool:
    return (
        _administration(user)
        or (project is None and bool(user.memberships_of_kind(OrganisationKind.TC_SECRETARIAT)))
        or (project is not None and user.is_secretariat_of(project.committee.code))
    )
# fmt: on


RULES = {
    "systems.create": _create,  # a new system (owned by what the person works for)
    "systems.edit": _edit,  # a system's nodes, assignments, planned entries, import
    "systems.manage_tags": _manage_tags,  # the tag table
    "systems.tag_standard": _tag_standard,
    "systems.tag_project": _tag_project,
    "systems.carry_tags": _manage_tags,  # run the carrying of tags to new editions by hand (the platform runs it)
}
DENIALS = {
    "systems.create": _("标准体系由技术委员会秘书处、主管部门或国家标准委建立；请先在个人资料中登记所属单位。"),
    "systems.edit": _("只有体系的归口技术委员会秘书处、归口部门和国家标准委可以修改此体系。"),
    "systems.manage_tags": _("专项标签由管理员维护；如需新增标签，请联系管理员。"),
    "systems.tag_standard": _("只有该标准的技术委员会秘书处和国家标准委可以设定其专项标签。"),
    "systems.tag_project": _("只有该项目的技术委员会秘书处和国家标准委可以设定其专项标签。"),
    "systems.carry_tags": _("新版本沿用专项标签由平台自动进行；如需手动运行，请联系管理员。"),
}
