"""Reads that the filing pages and API share; visibility comes from the policy (``filing.filings``)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from biaozhun.accounts import policy

from ..models import Filing


def visible_filings(*, viewer: Any) -> QuerySet[Filing]:
    return policy.visible("filing.filings", viewer)


def filing_for_viewer(*, viewer: Any, pk: int) -> Filing | None:
    """The filing if it exists and the viewer may see it (None either way otherwise: existence stays secret)."""
    return visible_filings(viewer=viewer).select_related("authority", "standard").filter(pk=pk).first()
