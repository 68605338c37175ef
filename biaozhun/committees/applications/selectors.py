"""Reads for the application pages and API: the public notices, one application for a viewer (404 when they may
not see it), the administration's queue, an applicant's own applications, and the comments."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from biaozhun.accounts import policy

from ..permissions import acts_for
from .models import Application, ApplicationComment, ApplicationStatus

LIST_RELATED = ("applicant", "committee", "merge_into")


def public_applications(*, state: str = "") -> QuerySet[Application]:
    """Applications gone to public notice: those in notice first (closing soonest), then the decided ones."""
    applications = Application.objects.filter(notice_opened_on__isnull=False).select_related(*LIST_RELATED)
    if state:
        applications = applications.filter(state=state)
    return applications.annotate(comment_count=Count("comments")).order_by(
        "-notice_opened_on", "-id")


def in_notice() -> QuerySet[Application]:
    return (Application.objects.filter(state=ApplicationStatus.NOTICE).select_related(*LIST_RELATED)
            .annotate(comment_count=Count("comments")).order_by("notice_closes_on", "id"))


def application_for(*, viewer: Any, pk: int) -> Application | None:
    """The application if ``viewer`` may read it, else None (the page answers 404: a draft's existence is not told)."""
    application = (Application.objects.select_related("applicant", "created_by", "committee", "merge_into",
                                                       "secretariat", "guiding_unit").filter(pk=pk).first())
    if application is None or not policy.can(viewer, "committees.view_application", application):
        return None
    return application


def queue() -> dict[str, list[Application]]:
    """What waits for the administration: submitted (to put to notice, or decide a restructuring), in notice, and
    notice over (to decide)."""
    from biaozhun.core import clock

    today = clock.today()
    rows = list(Application.objects.filter(state__in=(ApplicationStatus.SUBMITTED, ApplicationStatus.NOTICE))
                .select_related(*LIST_RELATED).annotate(comment_count=Count("comments"))
                .order_by("submitted_at", "id"))
    return {
        "submitted": [a for a in rows if a.state == ApplicationStatus.SUBMITTED],
        "notice": [a for a in rows if a.state == ApplicationStatus.NOTICE and a.notice_closes_on >= today],
        "ready": [a for a in rows if a.state == ApplicationStatus.NOTICE and a.notice_closes_on < today],
    }


def mine(*, viewer: Any) -> QuerySet[Application]:
    """The applications of the organisations ``viewer`` acts for, newest first."""
    ids = [m.organisation_id for m in _all(viewer) if acts_for(viewer, m.organisation)]
    return Application.objects.filter(applicant_id__in=ids).select_related(*LIST_RELATED).order_by("-created_at", "-id")


def _all(viewer: Any) -> list:
    from biaozhun.accounts.models import OrganisationKind

    return [m for kind in OrganisationKind for m in viewer.memberships_of_kind(kind)]


def comments_for(application: Application) -> QuerySet[ApplicationComment]:
    """Every comment on the application (shown under pseudonyms unless the viewer may identify commenters)."""
    return application.comments.order_by("number")


def visible(viewer: Any) -> QuerySet[Application]:
    return policy.visible("committees.applications", viewer).select_related(*LIST_RELATED)


def search_visible(viewer: Any, *, state: str = "", purpose: str = "") -> QuerySet[Application]:
    applications = visible(viewer)
    if state:
        applications = applications.filter(state=state)
    if purpose:
        applications = applications.filter(purpose=purpose)
    return applications.order_by("-created_at", "-id")
