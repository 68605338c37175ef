"""Who acts: every service takes `actor` (keyword-only), and an actor is always named.

An actor is a signed-in user, an anonymous visitor (``AnonymousUser``: the public, e.g. registering), or
`SYSTEM`: the platform itself, for work no person does (the daily sweeps, closing due ballots, replaying
history in demo loaders and migrations). ``None`` is not an actor: a service called without one is a
programming error and raises `MissingActor` before anything is written, so no caller skips the policy by
forgetting who acts (policy.require raises it).

Events record the acting user; SYSTEM is recorded as no user (``actor_id`` NULL), and pages name it
"系统" (the platform).
"""

from __future__ import annotations

from typing import Any


class SystemActor:
    """The platform acting on its own schedule. Only code creates it; no request can become it."""

    pk = None
    id = None
    is_authenticated = False
    is_anonymous = False
    is_active = True
    is_staff = False
    is_superuser = False
    username = "system"
    real_name = "系统"
    email = ""

    def __repr__(self) -> str:
        return "SYSTEM"

    def __str__(self) -> str:
        return self.real_name

    def __reduce__(self) -> str:
        return "SYSTEM"  # pickles as the one instance


SYSTEM = SystemActor()


class MissingActor(TypeError):
    """A service was called without saying who acts."""


def require_actor(actor: Any) -> None:
    if actor is None:
        raise MissingActor("a service needs an actor: a user, an anonymous visitor, or core.actors.SYSTEM")


def is_system(actor: Any) -> bool:
    return actor is SYSTEM


def user_or_none(actor: Any) -> Any:
    """The user to store on a record's actor column: the signed-in user, or None for SYSTEM and anonymous."""
    require_actor(actor)
    return actor if getattr(actor, "pk", None) is not None else None
