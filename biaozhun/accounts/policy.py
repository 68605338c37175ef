"""THE permission policy: the one module that answers "may this user do this (to that object)?".

Views, the API and services all ask here (ARCHITECTURE rule 4); nothing else inspects roles to decide.

Two questions, as in Wagtail's permission policies:

* ``can(user, action, obj=None)`` / ``require(...)``: may the user do ``action`` (to ``obj``)?
* ``visible_<things>(user)``: which objects may the user see? (a queryset, for lists and the API)

Roles (ARCHITECTURE rule 4), all derived from ``Membership`` rows via helpers on ``User``:

=====================  ======================================================================================
public                 anyone, including ``AnonymousUser`` and inactive accounts: only ``PUBLIC_ACTIONS``
registered person      an active account (``user.is_active``)
organisation           member of an enterprise / social organisation / testing lab (identified by USCC)
TC secretariat         secretary or admin of a ``tc_secretariat`` organisation: ``user.is_secretariat_of(tc)``
ministry               member of a ``government_department``: ``user.is_ministry_for(industry_code)``
bureau                 member of a ``bureau``; a province covers its cities: ``user.is_bureau_for(region)``
national admin.        member of the ``national_administration``: ``user.is_national_administration_member``
reviewer               reviewer role in the national administration: ``user.is_reviewer``
administrator          superuser, or admin role in the national administration: ``user.is_administrator``
=====================  ======================================================================================

How another app adds its rules (all rules live in this one module, so a reviewer reads them in one place):

1. Write a private function ``_<app>_<verb>(user, obj) -> bool`` in a section headed with your app's name.
   It is only called for active, signed-in users (unless the action is in ``PUBLIC_ACTIONS``), so it may
   use the ``User`` helpers freely. Put one condition per line (``return (a\\n or b)``) so coverage and
   review see each.
2. Add ``"<app>.<verb>": _<app>_<verb>`` to ``RULES``; add it to ``PUBLIC_ACTIONS`` only if anonymous
   visitors may do it too.
3. Add rows to the table in ``tests/accounts/test_policy.py`` (or your app's own policy test) with at least
   one allowed and one denied role, using the role fixtures in ``tests/fixtures/roles.py``.
4. If your pages list objects that not everyone may see, add ``visible_<things>(user)`` here.

A misspelt action raises ``KeyError``: never a silent "no".
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from biaozhun.core.errors import PermissionDeniedError

from .models import USCC_REQUIRED_KINDS, MembershipRole, Organisation

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from .models import User

    AnyUser = User | AnonymousUser | None

# Kinds that any registered person may create (and so become its admin); other kinds carry public
# authority (a ministry, a bureau, a TC secretariat, the national administration) and only administrators
# create them.
SELF_SERVICE_ORGANISATION_KINDS = USCC_REQUIRED_KINDS


# Rules keep one condition per line (coverage and review see each); the formatter must not join them.
# fmt: off

# --- Shared predicates --------------------------------------------------------------------------
def _everyone(user: "AnyUser", obj: Any) -> bool:
    return True


def _administrator(user: "User", obj: Any) -> bool:
    return user.is_administrator


def _is_signed_in_and_active(user: "AnyUser") -> bool:
    return (
        user is not None
        and user.is_authenticated
        and user.is_active
    )


# --- catalog --------------------------------------------------------------------------------------
def _catalog_edit(user: "User", standard: Any) -> bool:
    return (
        user.is_administrator
        or user.is_national_administration_member
    )


# --- accounts -------------------------------------------------------------------------------------
def _accounts_register(user: "AnyUser", obj: Any) -> bool:
    """Visitors sign themselves up; a signed-in person registers someone else only as an administrator."""
    return (
        user is None
        or not user.is_authenticated
        or (user.is_active and user.is_administrator)
    )


def _accounts_create_organisation(user: "User", kind: str | None) -> bool:
    """``kind`` None asks "may they open the form?"; a kind asks "may they create one of these?"."""
    return (
        user.is_administrator
        or kind is None
        or kind in SELF_SERVICE_ORGANISATION_KINDS
    )


def _accounts_manage_members(user: "User", organisation: Organisation) -> bool:
    return (
        user.is_administrator
        or user.role_in(organisation) == MembershipRole.ADMIN
    )


def _accounts_manage_token(user: "User", token: Any) -> bool:
    """Anyone signed in makes tokens for themself (None: "may they?"); the owner, or an administrator (a leaked
    token), revokes one."""
    return (
        token is None
        or token.user_id == user.pk
        or user.is_administrator
    )


def _accounts_view_organisation(user: "User", organisation: Organisation) -> bool:
    return (
        user.is_administrator
        or user.role_in(organisation) is not None
    )


# --- committees ---------------------------------------------------------------------------------
def _committees_manage(user: "User", committee: Any) -> bool:
    """The committee's secretariat keeps its membership; administrators may too."""
    return (
        user.is_administrator
        or user.is_secretariat_of(committee.code)
    )


# --- development ---------------------------------------------------------------------------------
def _development_move(user: "User", project: Any) -> bool:
    """The responsible committee's secretariat runs its projects; administrators may too."""
    return (
        user.is_administrator
        or user.is_secretariat_of(project.committee.code)
    )


def _development_decide(user: "User", project: Any) -> bool:
    """National administration decisions: issuing the plan, approving publication, deciding extensions."""
    return (
        user.is_administrator
        or user.is_reviewer
    )


def _development_vote(user: "User", ballot: Any) -> bool:
    """Only a member on the ballot's roll (fixed when it opened) votes, through their linked account."""
    return (
        ballot.votes.filter(member__user=user).exists()
    )


def _development_view_comments(user: "User", project: Any) -> bool:
    """All comments of a project: its secretariat, reviewers and administrators (authors see their own)."""
    return (
        user.is_administrator
        or user.is_reviewer
        or user.is_secretariat_of(project.committee.code)
    )


def _development_review_standard(user: "User", committee: Any) -> bool:
    """Periodic review conclusions: the responsible committee's secretariat, or administrators."""
    return (
        user.is_administrator
        or (committee is not None and user.is_secretariat_of(committee.code))
    )


def _development_queue(user: "User", obj: Any) -> bool:
    return (
        user.is_administrator
        or user.is_reviewer
    )


# --- portal -------------------------------------------------------------------------------------
def _portal_manage_watch(user: "User", watch: Any) -> bool:
    """Watches are private: only their owner changes them."""
    return (
        watch is None
        or watch.user_id == user.pk
    )


# fmt: on

RULES: dict[str, Callable[["User", Any], bool]] = {
    # catalog
    "catalog.view": _everyone,
    "catalog.edit": _catalog_edit,
    "catalog.import": _administrator,
    "catalog.export_bulk": _administrator,
    "catalog.attach_fulltext": _administrator,
    # accounts
    "accounts.register": _accounts_register,
    "accounts.create_organisation": _accounts_create_organisation,
    "accounts.manage_members": _accounts_manage_members,
    "accounts.view_organisation": _accounts_view_organisation,
    "accounts.manage_token": _accounts_manage_token,
    # feedback: any active registered person, on any catalogue record
    "feedback.submit": _everyone,
    # development: anyone signed in may propose; the committee's secretariat moves its projects
    "development.propose": _everyone,
    "development.move": _development_move,
    "development.manage": _development_move,  # documents, dispositions, ballots, extensions of its projects
    "development.decide": _development_decide,
    "development.comment": _everyone,  # under the real name; the open period is checked by the service
    "development.vote": _development_vote,
    "development.view_comments": _development_view_comments,
    "development.review_standard": _development_review_standard,
    "development.queue": _development_queue,
    # committees
    "committees.create": _administrator,
    "committees.manage": _committees_manage,
    # portal (watch lists): any active registered person
    "portal.watch": _everyone,
    "portal.manage_watch": _portal_manage_watch,
}

# Actions whose rule is asked even for anonymous visitors and inactive accounts.
PUBLIC_ACTIONS: frozenset[str] = frozenset({"catalog.view", "accounts.register"})


def can(user: "AnyUser", action: str, obj: Any = None) -> bool:
    """May ``user`` do ``action`` (to ``obj``)? Unknown actions raise ``KeyError``."""
    rule = RULES[action]
    if action in PUBLIC_ACTIONS:
        return bool(rule(user, obj))
    if not _is_signed_in_and_active(user):
        return False
    return bool(rule(user, obj))


def require(user: "AnyUser", action: str, obj: Any = None) -> None:
    """Raise ``PermissionDeniedError`` unless ``can(user, action, obj)``."""
    if not can(user, action, obj):
        raise PermissionDeniedError(action, _("您没有执行此操作的权限（%(action)s）。") % {"action": action})


# --- Which objects ------------------------------------------------------------------------------
def visible_standards(user: "AnyUser") -> QuerySet:
    """Every catalogue record is public."""
    from biaozhun.catalog.models import Standard  # lazy: catalog depends on accounts, not the reverse

    return Standard.objects.all()


def visible_comments(user: "AnyUser", project: Any) -> QuerySet:
    """A project's comments the user may read: all for its secretariat, reviewers and administrators; the
    user's own otherwise; none for anonymous visitors (comments carry real names)."""
    comments = project.comments.all()
    if not _is_signed_in_and_active(user):
        return comments.none()
    if can(user, "development.view_comments", project):
        return comments
    return comments.filter(author=user)


def visible_organisations(user: "AnyUser") -> QuerySet[Organisation]:
    """Organisations whose account page (members, roles) the user may open: their own; all for administrators."""
    if not _is_signed_in_and_active(user):
        return Organisation.objects.none()
    if user.is_administrator:
        return Organisation.objects.all()
    return Organisation.objects.filter(memberships__user=user)  # one membership per (user, organisation)
