"""Who may do what with China's participation in ISO and IEC (docs/decisions/0036).

- Everyone, signed in or not, reads the register of ISO/IEC committees with China's membership and their Chinese
  mirror committees, the posts China holds and the work items led from China: SAC publishes all of this.
- The national administration (its members, reviewers and administrators) keeps the register, the posts, the work
  items and their stages, opens the ballots China votes on, and sees every ballot and vote.
- A mirror committee's secretariat sees its committee's ballots and records China's vote and comments on them, until
  the deadline. Nobody else sees a ballot: the vote is prepared in confidence and ISO/IEC publish results to their
  members only."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from biaozhun.accounts.models import SECRETARIAT_ROLES, OrganisationKind
from biaozhun.accounts.policy import everyone, is_signed_in_and_active

from ..models import InternationalBallot


# fmt: off
def _administration(user: Any, obj: Any) -> bool:
    """The national administration: any of its members (SAC's international department among them)."""
    return (
        user.is_administrator
        or user.is_national_administration_member
    )


def _secretariat_of(user: Any, committee: Any) -> bool:
    return committee is not None and user.is_secretariat_of(committee.code)


def _see_ballot(user: Any, ballot: Any) -> bool:
    """One ballot (without one: every ballot): the administration, and the mirror committee's secretariat."""
    return (
        _administration(user, ballot)
        or (ballot is not None and _secretariat_of(user, ballot.committee))
    )


def _vote(user: Any, ballot: Any) -> bool:
    """Record China's vote and comments: the mirror committee's secretariat."""
    return (
        ballot is not None
        and _secretariat_of(user, ballot.committee)
    )


def _works_in_a_secretariat(user: Any) -> bool:
    return any(m.role in SECRETARIAT_ROLES for m in user.memberships_of_kind(OrganisationKind.TC_SECRETARIAT))


def _own(user: Any, obj: Any) -> bool:
    """The page of one's own committees' international ballots (linked from the profile page)."""
    return (
        _works_in_a_secretariat(user)
        or _administration(user, obj)
    )
# fmt: on


RULES = {
    "participation.view": everyone,  # the mirror register, the posts, the work items (public information)
    "participation.manage": _administration,  # the register, mirror links, posts, work items, stages, ballots
    "participation.see_ballot": _see_ballot,  # a ballot with China's vote in preparation and its comments
    "participation.vote": _vote,  # record China's vote and comments before the deadline
    "participation.own": _own,  # the page of one's committees' ballots
}
PUBLIC_ACTIONS = ("participation.view",)


def _ballots(user: Any) -> QuerySet:
    """The ballots a user may see: every one for the administration, its committees' for a secretariat."""
    ballots = InternationalBallot.objects.all()
    if not is_signed_in_and_active(user):
        return ballots.none()
    if _administration(user, None):
        return ballots
    codes = [m.organisation.tc_code for m in user.memberships_of_kind(OrganisationKind.TC_SECRETARIAT)
             if m.role in SECRETARIAT_ROLES]
    return ballots.filter(committee__code__in=codes)


FILTERS = {"participation.ballots": _ballots}
DENIALS = {
    "participation.manage": _("国际标准化技术机构登记、国际任职、国际标准提案和投票登记由国家标准化管理部门维护；"
                              "如需修改，请联系国家标准化管理委员会国际合作部门。"),
    "participation.see_ballot": _("我国在国际标准投票中的立场在截止前保密，只有国内技术对口单位的秘书处和国家标准化管理部门可以查看；"
                                  "如您是对口单位秘书处人员，请联系管理员在您的账号中登记所属秘书处。"),
    "participation.vote": _("我国投票意见由国内技术对口单位的秘书处记录；如您是该单位秘书处人员，请联系管理员在您的账号中登记所属秘书处。"),
    "participation.own": _("此页面列出您所在技术委员会秘书处作为国内技术对口单位承担的国际标准投票；"
                           "如您是秘书处人员，请联系管理员在您的账号中登记所属秘书处。"),
}
