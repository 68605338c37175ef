"""Who may do what with pilots and demonstrations (registered with the policy, accounts/policy.py).

The public sees calls that are open or past (never drafts) and every approved pilot. An organisation identified
by USCC (enterprise, social organisation, testing lab) applies for itself and sees and withdraws its own
applications. A programme's authority reviews and evaluates: administrators for every programme, and the members
of the bureau that runs a call for that call. Evaluators, named by the authority for one evaluation, score it."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from biaozhun.accounts.models import USCC_REQUIRED_KINDS, MembershipRole, OrganisationKind
from biaozhun.accounts.policy import everyone, is_signed_in_and_active

APPLYING_ROLES = frozenset({MembershipRole.ADMIN, MembershipRole.MEMBER})


def _programme_of(obj: Any) -> Any:
    """The programme behind an application, a pilot, an evaluation, or the programme itself (else None)."""
    from .models import Evaluation, Pilot, PilotApplication, Programme

    if isinstance(obj, Evaluation):
        return obj.pilot.programme
    if isinstance(obj, Pilot | PilotApplication):
        return obj.programme
    return obj if isinstance(obj, Programme) else None


def applying_memberships(user: Any) -> list[Any]:
    """The user's memberships that let them apply (admin or member of an organisation identified by USCC)."""
    return [m for kind in sorted(USCC_REQUIRED_KINDS) for m in user.memberships_of_kind(kind)
            if m.role in APPLYING_ROLES]


def runs(user: Any, programme: Any) -> bool:
    """The programme's authority: administrators, or a member of the bureau that runs it."""
    return (
        user.is_administrator
        or (programme.authority.kind == OrganisationKind.BUREAU and user.role_in(programme.authority) is not None)
    )


def applies_for(user: Any, organisation: Any) -> bool:
    return (
        organisation is not None
        and organisation.kind in USCC_REQUIRED_KINDS
        and user.role_in(organisation) in APPLYING_ROLES
    )


# fmt: off
def _create(user: Any, authority: Any) -> bool:
    """Set up a call: administrators; a bureau's members for their own bureau."""
    return (
        user.is_administrator
        or (authority is not None and authority.kind == OrganisationKind.BUREAU
            and user.role_in(authority) is not None)
    )


def _view_programme(user: Any, programme: Any) -> bool:
    return (
        programme.state != "draft"
        or (is_signed_in_and_active(user) and runs(user, programme))
    )


def _manage(user: Any, obj: Any) -> bool:
    """Open, close and decide a call; review its applications; open and conclude its pilots' evaluations."""
    programme = _programme_of(obj)
    return (
        programme is not None
        and runs(user, programme)
    )


def _work(user: Any, obj: Any) -> bool:
    """The authority's and evaluators' work page: administrators, bureaux, anyone named an evaluator."""
    return (
        user.is_administrator
        or bool(user.memberships_of_kind(OrganisationKind.BUREAU))
        or user.pilot_evaluations.exists()
    )


def _desk(user: Any, obj: Any) -> bool:
    """The navigation's link to the work page: the authorities (no query beyond the memberships the request already
    read); evaluators reach the page from the evaluation they are named on."""
    return user.is_administrator or bool(user.memberships_of_kind(OrganisationKind.BUREAU))


def _apply(user: Any, organisation: Any) -> bool:
    """Apply for an organisation: its admins and members, for an enterprise, social organisation or testing lab."""
    return applies_for(user, organisation)


def _own(user: Any, obj: Any) -> bool:
    """The page of one's organisations' applications: members of an organisation that may apply."""
    return bool(applying_memberships(user))


def _view_application(user: Any, application: Any) -> bool:
    return (
        applies_for(user, application.organisation)
        or runs(user, application.programme)
    )


def _edit_application(user: Any, application: Any) -> bool:
    """Withdraw: the applying organisation's members."""
    return applies_for(user, application.organisation)


def _link_evidence(user: Any, pilot: Any) -> bool:
    """Link evidence to a pilot: its authority and its organisation's members."""
    return (
        runs(user, pilot.programme)
        or applies_for(user, pilot.organisation)
    )


def _score(user: Any, evaluation: Any) -> bool:
    return (
        evaluation is not None
        and evaluation.evaluators.filter(pk=user.pk).exists()
    )


def _view_evaluation(user: Any, evaluation: Any) -> bool:
    return (
        _score(user, evaluation)
        or runs(user, evaluation.pilot.programme)
    )
# fmt: on


RULES = {
    "programmes.view_programme": _view_programme,
    "programmes.view_pilot": everyone,
    "programmes.create": _create,
    "programmes.manage": _manage,
    "programmes.work": _work,
    "programmes.desk": _desk,
    "programmes.apply": _apply,
    "programmes.own": _own,
    "programmes.view_application": _view_application,
    "programmes.edit_application": _edit_application,
    "programmes.link_evidence": _link_evidence,
    "programmes.score": _score,
    "programmes.view_evaluation": _view_evaluation,
}
PUBLIC_ACTIONS = {"programmes.view_programme", "programmes.view_pilot"}
DENIALS = {
    "programmes.apply": _("只有企业、社会团体和检验检测机构的成员可以为本单位申报试点示范；请以本单位成员的账号申报，"
                          "或请本单位管理员把您加为成员。"),
    "programmes.own": _("此页面列出您所在单位的试点示范申报；如您是企业、社会团体或检验检测机构的人员，"
                        "请联系本单位管理员把您加为成员。"),
    "programmes.manage": _("只有组织该批次的市场监管部门和国家标准化管理部门的管理员可以审核和评估；如有需要，请联系组织单位。"),
    "programmes.create": _("试点示范批次由国家标准化管理部门的管理员或省级市场监管部门设立。"),
    "programmes.score": _("只有组织单位为本次评估指定的评估专家可以评分。"),
    "programmes.work": _("此页面供试点示范的组织单位和评估专家使用。"),
    "programmes.desk": _("此页面供试点示范的组织单位和评估专家使用。"),
}


def visible_programmes(user: Any) -> QuerySet:
    from .models import CallState, Programme

    programmes = Programme.objects.all()
    if is_signed_in_and_active(user) and user.is_administrator:
        return programmes
    bureaux = [m.organisation_id for m in user.memberships_of_kind(OrganisationKind.BUREAU)] \
        if is_signed_in_and_active(user) else []
    return programmes.filter(~Q(state=CallState.DRAFT) | Q(authority_id__in=bureaux))


def visible_applications(user: Any) -> QuerySet:
    """One's organisations' applications, and those of the calls one runs."""
    from .models import PilotApplication

    if not is_signed_in_and_active(user):
        return PilotApplication.objects.none()
    if user.is_administrator:
        return PilotApplication.objects.all()
    applying = [m.organisation_id for m in applying_memberships(user)]
    bureaux = [m.organisation_id for m in user.memberships_of_kind(OrganisationKind.BUREAU)]
    return PilotApplication.objects.filter(Q(organisation_id__in=applying) | Q(programme__authority_id__in=bureaux))


FILTERS = {"programmes.programmes": visible_programmes, "programmes.applications": visible_applications}
