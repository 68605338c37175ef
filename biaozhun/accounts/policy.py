"""THE permission policy: the one mechanism that answers "may this actor do this (to that object)?" and "which
objects may this user see?". Views, the API, templates and services all ask here (ARCHITECTURE rule 4).

Each app declares its own rules beside its models, in ``<app>/permissions.py``, and registers them when the app
is ready (``policy.register_module(permissions)`` in its ``AppConfig.ready``), so this module imports no app
above accounts and one role × action matrix test (tests/accounts/test_policy.py) covers every rule of every app.

Two questions, as in Wagtail's permission policies:

* ``can(actor, action, obj=None)`` / ``require(...)``: may the actor do ``action`` (to ``obj``)?
* ``visible(name, user, *args)``: which objects may the user see? (a queryset, for lists, pages and the API)

Actors (biaozhun.core.actors): a ``User``; an ``AnonymousUser`` (the public); or ``SYSTEM``, the platform on its
own schedule, which may do every registered action. ``None`` is not an actor and raises ``MissingActor``.

Roles, all derived from ``Membership`` rows through helpers on ``User`` (accounts/models.py):

=====================  ======================================================================================
public                 anyone, including ``AnonymousUser`` and inactive accounts: only the public actions
registered person      an active account (``user.is_active``)
organisation           member of an enterprise / social organisation / testing lab (identified by USCC)
TC secretariat         secretary or admin of a ``tc_secretariat`` organisation: ``user.is_secretariat_of(tc)``
ministry               member of a ``government_department``: ``user.is_ministry_for(industry_code)``
bureau                 member of a ``bureau``; a province covers its cities: ``user.is_bureau_for(region)``
national admin.        member of the ``national_administration``: ``user.is_national_administration_member``
reviewer               reviewer role in the national administration: ``user.is_reviewer``
administrator          superuser, or admin role in the national administration: ``user.is_administrator``
=====================  ======================================================================================

How an app adds a rule (see docs/decisions/0006-house-rules.md):

1. In ``<app>/permissions.py`` write ``def _<verb>(user, obj) -> bool`` with one condition per line
   (``return (a\\n or b)``) so coverage and review see each. It is only called for active, signed-in users
   unless the action is public, so it may use the ``User`` helpers freely.
2. Add ``"<app>.<verb>": _<verb>`` to the module's ``RULES``; list it in ``PUBLIC_ACTIONS`` only if anonymous
   visitors may do it too; give it a ``DENIALS`` message if the generic refusal would not tell the person
   what to do.
3. Add rows to ``tests/<app>/policy_rows.py`` with at least one allowed and one refused role; the matrix test
   fails for a rule without rows.
4. If pages list objects that not everyone may see, add a filter to ``FILTERS`` and read through
   ``policy.visible("<app>.<things>", user, ...)``.

A misspelt action or filter raises ``KeyError``: never a silent "no".
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from types import ModuleType
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from biaozhun.core.actors import SYSTEM, require_actor
from biaozhun.core.errors import PermissionDeniedError

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from .models import User

    AnyUser = User | AnonymousUser

Rule = Callable[[Any, Any], bool]
Filter = Callable[..., QuerySet]

logger = logging.getLogger(__name__)

# The registry, filled by each app's permissions module when the app is ready.
RULES: dict[str, Rule] = {}
PUBLIC_ACTIONS: set[str] = set()
FILTERS: dict[str, Filter] = {}
DENIALS: dict[str, Any] = {}  # action → a translated message saying who may act and what to do


def register(rules: Mapping[str, Rule], *, public: Iterable[str] = (), filters: Mapping[str, Filter] | None = None,
             denials: Mapping[str, Any] | None = None) -> None:
    """Add rules (and filters); registering a different rule under a taken name is a configuration error."""
    for registry, items in ((RULES, rules), (FILTERS, filters or {})):
        for name, function in items.items():
            if registry.get(name, function) is not function:
                raise ImproperlyConfigured(f"policy: {name!r} is registered twice")
            registry[name] = function
    unknown = set(public) - set(RULES)
    if unknown:
        raise ImproperlyConfigured(f"policy: public actions without a rule: {sorted(unknown)}")
    PUBLIC_ACTIONS.update(public)
    DENIALS.update(denials or {})


def register_module(module: ModuleType) -> None:
    """Register an app's ``permissions`` module: its RULES, PUBLIC_ACTIONS, FILTERS and DENIALS."""
    register(module.RULES, public=getattr(module, "PUBLIC_ACTIONS", ()), filters=getattr(module, "FILTERS", None),
             denials=getattr(module, "DENIALS", None))


# --- Shared predicates for the apps' rules -------------------------------------------------------------
def everyone(user: Any, obj: Any) -> bool:
    return True


def administrator(user: User, obj: Any) -> bool:
    return user.is_administrator


def is_signed_in_and_active(user: Any) -> bool:
    return (
        user is not None
        and user.is_authenticated
        and user.is_active
    )


# --- The two questions ----------------------------------------------------------------------------------
def can(actor: AnyUser, action: str, obj: Any = None) -> bool:
    """May ``actor`` do ``action`` (to ``obj``)? Unknown actions raise ``KeyError``; ``None`` raises MissingActor."""
    rule = RULES[action]
    require_actor(actor)
    if actor is SYSTEM:
        return True
    if action in PUBLIC_ACTIONS:
        return bool(rule(actor, obj))
    if not is_signed_in_and_active(actor):
        return False
    return bool(rule(actor, obj))


def require(actor: AnyUser, action: str, obj: Any = None) -> None:
    """Raise ``PermissionDeniedError`` unless ``can(actor, action, obj)``. The person reads a translated message
    saying what to do; the action's code stays in the error's data and in the log."""
    if not can(actor, action, obj):
        logger.info("policy refused %s to %s", action, getattr(actor, "pk", None))
        message = DENIALS.get(action)
        if not is_signed_in_and_active(actor):
            message = _("请先登录：此事项须由登录的用户办理。")
        raise PermissionDeniedError(action, str(message) if message else None)


def visible(name: str, user: AnyUser, *args: Any) -> QuerySet:
    """The objects a registered filter lets ``user`` see, e.g. ``visible("development.comments", user, project)``."""
    return FILTERS[name](user, *args)
