"""Who may do what with the foreign-language versions' plan (registered with the policy through permissions/).

The plan and every project in it are public (the plan list, a project's page, a standard's versions). The
national administration (its administrators, reviewers and staff) manages the plan: creates projects, imports a
year's plan, moves any project (approves, publishes with the translated text, cancels). The undertaking unit's
people (members of the organisation recorded as 承担单位) move their own project through the two steps that are
theirs (rules/translations.py UNDERTAKER_MOVES): they start translating and hand the translation in for review."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from biaozhun.accounts.models import OrganisationKind

# Organisations that undertake translations: research institutes and publishers (enterprises, social
# organisations), committees' secretariats, testing laboratories.
UNDERTAKER_KINDS = (OrganisationKind.ENTERPRISE, OrganisationKind.SOCIAL_ORGANISATION, OrganisationKind.TC_SECRETARIAT,
                    OrganisationKind.TESTING_LAB)


# fmt: off
def _administration(user: Any, obj: Any = None) -> bool:
    return (
        user.is_administrator
        or user.is_national_administration_member
    )


def _undertakes(user: Any, project: Any) -> bool:
    """A member of the project's undertaking unit."""
    return (
        project is not None
        and project.undertaker_id is not None
        and user.role_in(project.undertaker) is not None
    )


def _work(user: Any, project: Any) -> bool:
    """Move a project: the administration any move; the undertaking unit its own steps (services check which)."""
    return (
        _administration(user)
        or _undertakes(user, project)
    )


def _own(user: Any, obj: Any) -> bool:
    """The page of one's own organisations' projects: the administration (every project) and anyone who works in
    an organisation that can undertake one (UNDERTAKER_KINDS)."""
    return (
        _administration(user)
        or any(user.memberships_of_kind(kind) for kind in UNDERTAKER_KINDS)
    )
# fmt: on


RULES = {
    "translations.manage": _administration,  # create, import the plan, every move, publish
    "translations.work": _work,  # move one project (its undertaking unit: its own steps only)
    "translations.own": _own,  # the page of one's own organisations' projects
}
DENIALS = {
    "translations.manage": _("外文版计划由国家标准化管理委员会管理；如需调整计划，请联系国家标准委。"),
    "translations.work": _("只有项目的承担单位和国家标准委可以更新项目状态；如您是承担单位人员，请联系管理员在您的账号中登记所属单位。"),
    "translations.own": _("此页面列出您所在单位承担的外文版项目；请先在个人资料中登记所属单位。"),
}
