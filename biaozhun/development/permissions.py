"""Who may do what in standard development (registered with the policy), and which comments and documents of a
project a person may read."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from biaozhun.accounts.models import SECRETARIAT_ROLES, OrganisationKind
from biaozhun.accounts.policy import administrator, can, everyone, is_signed_in_and_active
from biaozhun.core import clock

from .models import DocumentKind


# fmt: off
def _move(user: Any, project: Any) -> bool:
    """The responsible committee's secretariat runs its projects; administrators may too."""
    return (
        user.is_administrator
        or user.is_secretariat_of(project.committee.code)
    )


def _decide(user: Any, project: Any) -> bool:
    """National administration decisions: issuing the plan, approving publication, deciding extensions."""
    return (
        user.is_administrator
        or user.is_reviewer
    )


def _vote(user: Any, ballot: Any) -> bool:
    """Only a member on the ballot's roll (fixed when it opened) votes, through their linked account."""
    return (
        ballot.votes.filter(member__user=user).exists()
    )


def _see_votes(user: Any, ballot: Any) -> bool:
    """The counts by choice and the outcome: public once the ballot has closed, and to nobody before, so that no
    vote is swayed by the others (a member sees their own vote on the roll)."""
    return (
        ballot.closed_at is not None
    )


def _sits_on(user: Any, ballot: Any) -> bool:
    """On the ballot's roll, or holding a seat on its committee today."""
    today = clock.today()
    return (
        ballot.votes.filter(member__user=user).exists()
        or user.committee_seats.filter(committee_id=ballot.project.committee_id, term_start__lte=today,
                                       term_end__gte=today).exists()
    )


def _see_roll(user: Any, ballot: Any) -> bool:
    """How each member voted, by name, with their reasons, once the ballot has closed: the committee's members and
    secretariat (the review minutes record the votes), the reviewers who receive the minutes with the approval
    package, and administrators. The public sees the counts and the outcome (docs/decisions/0008-privacy.md)."""
    return (
        ballot.closed_at is not None
        and (
            user.is_administrator
            or user.is_reviewer
            or user.is_secretariat_of(ballot.project.committee.code)
            or _sits_on(user, ballot)
        )
    )


def _see_turnout(user: Any, ballot: Any) -> bool:
    """Who has voted (not how): the committee's secretariat, which reminds those who have not, and administrators;
    once the ballot has closed, those who see the named roll."""
    return (
        user.is_administrator
        or user.is_secretariat_of(ballot.project.committee.code)
        or _see_roll(user, ballot)
    )


def _work(user: Any, obj: Any) -> bool:
    """Who has a 工作台 (work page): a committee's secretariat (its projects), a committee member (the ballots
    awaiting their vote), administrators."""
    return (
        user.is_administrator
        or any(m.role in SECRETARIAT_ROLES for m in user.memberships_of_kind(OrganisationKind.TC_SECRETARIAT))
        or user.committee_seats.exists()
    )


def _view_comments(user: Any, project: Any) -> bool:
    """All comments of a project: its secretariat, reviewers and administrators (authors see their own)."""
    return (
        user.is_administrator
        or user.is_reviewer
        or user.is_secretariat_of(project.committee.code)
    )


def _review_standard(user: Any, committee: Any) -> bool:
    """Periodic review conclusions: the responsible committee's secretariat, or administrators."""
    return (
        user.is_administrator
        or (committee is not None and user.is_secretariat_of(committee.code))
    )


def _queue(user: Any, obj: Any) -> bool:
    return (
        user.is_administrator
        or user.is_reviewer
    )


def _withdraw_publication(user: Any, project: Any) -> bool:
    """A publication made in error is withdrawn by an administrator (the catalogue loses the edition)."""
    return (
        user.is_administrator
    )


def _view_all_documents(user: Any, project: Any) -> bool:
    """Drafts are public; the rest of a project's files (explanation, minutes, international text, the approval
    package) are for its secretariat, the reviewers and administrators."""
    return (
        user.is_administrator
        or user.is_reviewer
        or user.is_secretariat_of(project.committee.code)
    )
# fmt: on


def _comments(user: Any, project: Any):
    """A project's comments the user may read: all for its secretariat, reviewers and administrators; the user's
    own otherwise; none for anonymous visitors (comments carry real names)."""
    comments = project.comments.all()
    if not is_signed_in_and_active(user):
        return comments.none()
    if can(user, "development.view_comments", project):
        return comments
    return comments.filter(author=user)


def _documents(user: Any, project: Any):
    """A project's documents the user may read: drafts for everyone, every file for those who work on it."""
    documents = project.documents.all()
    if can(user, "development.view_documents", project):
        return documents
    return documents.filter(kind=DocumentKind.DRAFT)


RULES = {
    "development.propose": everyone,  # anyone signed in may propose
    "development.move": _move,
    "development.manage": _move,  # documents, dispositions, ballots, extensions of its projects
    "development.decide": _decide,
    "development.comment": everyone,  # under the real name; the open period is checked by the service
    "development.vote": _vote,
    "development.see_votes": _see_votes,
    "development.see_turnout": _see_turnout,
    "development.see_roll": _see_roll,
    "development.view_comments": _view_comments,
    "development.view_documents": _view_all_documents,
    "development.review_standard": _review_standard,
    "development.queue": _queue,
    "development.work": _work,
    "development.withdraw_publication": _withdraw_publication,
    "development.sweep": administrator,  # the daily sweep: the platform (SYSTEM) runs it; administrators may too
}
# Asked for anonymous visitors too: a closed ballot's counts and outcome are public.
PUBLIC_ACTIONS = {"development.see_votes"}
FILTERS = {
    "development.comments": _comments,
    "development.documents": _documents,
}
_SECRETARIAT_ONLY = _("只有本项目所属技术委员会的秘书处可以办理；如您是秘书处人员，请联系管理员在您的账号中登记所属秘书处。")
DENIALS = {
    "development.move": _SECRETARIAT_ONLY,
    "development.manage": _SECRETARIAT_ONLY,
    "development.decide": _("此事项由国家标准委审核人员办理。"),
    "development.vote": _("只有本次投票名单上的委员可以表决；名单在投票发起时确定。如您是委员但不在名单上，请联系技术委员会秘书处。"),
    "development.view_comments": _("全部意见仅供本项目的技术委员会秘书处和国家标准委查看；您可以在项目页面查看自己提出的意见。"),
    "development.review_standard": _("复审结论由该标准所属技术委员会的秘书处作出。"),
    "development.queue": _("审核队列供国家标准委审核人员使用。"),
    "development.work": _("工作台供技术委员会秘书处和委员使用；如您是委员，请联系技术委员会秘书处将您的账号登记到您的委员席位。"),
    "development.withdraw_publication": _("撤销有误的发布由系统管理员办理；请联系管理员，并说明正确的标准号。"),
    "development.sweep": _("每日期限处理由系统自动运行；需要手动运行时，请联系系统管理员。"),
}
