"""What is public about feedback on a standard: its published interpretations (解读 / FAQ)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from ..models import Interpretation


def interpretations_of(*, standard: Any) -> QuerySet[Interpretation]:
    """The standard's interpretations in force, oldest first (a numbered list on its page)."""
    return (Interpretation.objects.filter(standard=standard, withdrawn_at__isnull=True)
            .select_related("published_by").order_by("published_at", "pk"))


def interpretation_list(*, standard_identifier: str = "") -> QuerySet[Interpretation]:
    items = Interpretation.objects.filter(withdrawn_at__isnull=True).select_related("standard", "published_by")
    if standard_identifier:
        items = items.filter(standard__identifier=standard_identifier)
    return items.order_by("-published_at", "-pk")
