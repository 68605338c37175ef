"""Who may do what with technical committees (registered with the policy).

The register, each committee's page and its history are public; the secretariat's contact person, phone and email
only for signed-in people. The administration (administrators) founds, changes, suspends, merges and renews terms;
the secretariat keeps its members and contacts.

Establishment (筹建) is applied for by the bodies that may propose a committee: a State Council department
(government department), a provincial market-regulation bureau, a social organisation (by its admins: industry
associations propose most committees) and the national administration itself. Restructuring or merging a committee
is proposed by its secretariat, its guiding unit (业务指导单位) or the administration. An application is read by
its applicant and the administration until it goes to public notice, then by everyone; anyone signed in comments
during the notice, under a pseudonym; the names behind the pseudonyms are for the applicant and the administration.
Administrators and reviewers keep the queue and open notices; administrators decide.
"""

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from biaozhun.accounts.models import SECRETARIAT_ROLES, MembershipRole, OrganisationKind
from biaozhun.accounts.policy import administrator, is_signed_in_and_active


def _memberships(user: Any) -> list[Any]:
    return [m for kind in OrganisationKind for m in user.memberships_of_kind(kind)]


def applicant_organisations(user: Any) -> list[Any]:
    """The organisations ``user`` may apply for the establishment of a committee for."""
    if not is_signed_in_and_active(user):
        return []
    found = []
    for membership in _memberships(user):
        organisation, role = membership.organisation, membership.role
        if (
            organisation.kind == OrganisationKind.GOVERNMENT_DEPARTMENT
            or (organisation.kind == OrganisationKind.BUREAU and len(organisation.region_code) == 2)
            or (organisation.kind == OrganisationKind.SOCIAL_ORGANISATION and role == MembershipRole.ADMIN)
            or (organisation.kind == OrganisationKind.NATIONAL_ADMINISTRATION and role == MembershipRole.ADMIN)
        ):
            found.append(organisation)
    return found


def acts_for(user: Any, organisation: Any) -> bool:
    """Acts for the organisation: any member; of a TC secretariat its secretary or admin; of a social organisation
    its admins."""
    role = user.role_in(organisation) if organisation is not None else None
    if role is None:
        return False
    if organisation.kind == OrganisationKind.TC_SECRETARIAT:
        return role in SECRETARIAT_ROLES
    if organisation.kind == OrganisationKind.SOCIAL_ORGANISATION:
        return role == MembershipRole.ADMIN
    return True


# fmt: off
def _manage(user: Any, committee: Any) -> bool:
    """The committee's secretariat keeps its membership; administrators may too."""
    return (
        user.is_administrator
        or user.is_secretariat_of(committee.code)
    )


def _apply(user: Any, organisation: Any) -> bool:
    """``organisation`` None asks "may they open the form?"."""
    return (
        (organisation is None and bool(applicant_organisations(user)))
        or (organisation is not None and organisation in applicant_organisations(user))
    )


def _edit_application(user: Any, application: Any) -> bool:
    return (
        acts_for(user, application.applicant)
    )


def _propose_change(user: Any, committee: Any) -> bool:
    return (
        user.is_administrator
        or user.is_secretariat_of(committee.code)
        or (committee.guiding_unit_id is not None and acts_for(user, committee.guiding_unit))
    )


def _staff(user: Any) -> bool:
    return (
        user.is_administrator
        or user.is_reviewer
    )


def _view_application(user: Any, application: Any) -> bool:
    """Public once in notice; before that the applicant's people and the administration's staff."""
    return (
        application.is_public
        or (is_signed_in_and_active(user) and (_staff(user) or acts_for(user, application.applicant)))
    )


def _comment(user: Any, application: Any) -> bool:
    """Anyone signed in, on an application in public notice (the service checks the dates and says why)."""
    return (
        application is None
        or application.state == "notice"
    )


def _identify_commenters(user: Any, application: Any) -> bool:
    return (
        _staff(user)
        or acts_for(user, application.applicant)
    )


def _review(user: Any, obj: Any) -> bool:
    return (
        _staff(user)
    )


def _signed_in(user: Any, obj: Any) -> bool:
    return (
        is_signed_in_and_active(user)
    )
# fmt: on


def _applications(user: Any) -> QuerySet:
    """The applications ``user`` may read: those gone to public notice, their own organisations', every one for the
    administration's staff."""
    from .models import Application

    applications = Application.objects.all()
    if is_signed_in_and_active(user) and _staff(user):
        return applications
    mine = [m.organisation_id for m in (_memberships(user) if is_signed_in_and_active(user) else [])
            if acts_for(user, m.organisation)]
    return applications.filter(Q(notice_opened_on__isnull=False) | Q(applicant_id__in=mine))


RULES = {
    "committees.create": administrator,
    "committees.edit": administrator,  # names, scope, secretariat, counterpart, active: the committee's charter
    "committees.manage": _manage,
    "committees.decide": administrator,  # suspension, reinstatement, revocation, merger: the administration decides
    "committees.terms": administrator,  # record a term, 换届, the reminders
    "committees.view_contacts": _signed_in,
    "committees.apply": _apply,
    "committees.edit_application": _edit_application,
    "committees.propose_change": _propose_change,
    "committees.view_application": _view_application,
    "committees.comment": _comment,
    "committees.identify_commenters": _identify_commenters,
    "committees.review": _review,  # the queue, opening the public notice
    "committees.decide_application": administrator,
}
PUBLIC_ACTIONS = {"committees.view_application"}
FILTERS = {"committees.applications": _applications}
DENIALS = {
    "committees.create": _("技术委员会由系统管理员登记；如需新建，请联系系统管理员。"),
    "committees.edit": _("技术委员会的名称、秘书处等信息由系统管理员修改；如需变更，请联系系统管理员。"),
    "committees.decide": _("技术委员会的暂停、恢复、撤销与合并由国家标准化管理部门决定；如有需要，请联系系统管理员。"),
    "committees.manage": _("只有该技术委员会的秘书处可以管理委员；如您是秘书处人员，请联系管理员在您的账号中登记所属秘书处。"),
    "committees.terms": _("技术委员会的届次和换届由国家标准化管理部门办理；秘书处请将换届方案报送管理部门。"),
    "committees.view_contacts": _("秘书处联系方式在登录后显示。"),
    "committees.apply": _("技术委员会的筹建申请由国务院有关部门、省级市场监管部门、社会团体（由其管理员）或国家标准化管理部门提出。"
                          "请使用所在单位的账号，或请单位管理员把您加为成员。"),
    "committees.edit_application": _("只有申请单位的人员可以修改、提交或撤回这份申请。"),
    "committees.propose_change": _("技术委员会的调整或合并由其秘书处、业务指导单位或国家标准化管理部门提出。"),
    "committees.view_application": _("这份申请尚未公示，只有申请单位和国家标准化管理部门可以查看。"),
    "committees.comment": _("只有公示中的申请可以提出意见。"),
    "committees.identify_commenters": _("提出意见者的姓名和单位只向申请单位和国家标准化管理部门显示；其他人看到“意见人”编号。"),
    "committees.review": _("申请的受理和公示由国家标准化管理部门办理。"),
    "committees.decide_application": _("技术委员会的筹建、调整与合并由国家标准化管理部门批准。"),
}
