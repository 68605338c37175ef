"""Reads that pages, the admin and the API share. Keyword-only; visibility questions go to ``policy``."""

from django.db.models import QuerySet

from .models import AccountEvent, Membership, Organisation, User


def memberships_for(*, user: User) -> QuerySet[Membership]:
    """The user's memberships with their organisations, for "my account"."""
    return Membership.objects.filter(user=user).select_related("organisation").order_by("organisation__name", "id")


def organisation_members(*, organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation).select_related("user").order_by("role", "user__username")
    )


def user_for_login(*, identifier: str) -> User | None:
    """The account a login name refers to: a username first, otherwise an e-mail address (any case)."""
    identifier = identifier.strip()
    if not identifier:
        return None
    user = User.objects.filter(username=identifier).first()
    if user is None and "@" in identifier:
        user = User.objects.with_email(identifier).first()
    return user


def account_events(*, organisation: Organisation | None = None, user: User | None = None) -> QuerySet[AccountEvent]:
    """History, newest first, about an organisation and/or a user."""
    events = AccountEvent.objects.select_related("actor", "target_user", "organisation")
    if organisation is not None:
        events = events.filter(organisation=organisation)
    if user is not None:
        events = events.filter(target_user=user)
    return events.order_by("-at", "-id")
