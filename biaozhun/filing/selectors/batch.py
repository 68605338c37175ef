"""Reads of the batch pages and API: the authorities a person may send batches for, their batches, a batch's rows."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from biaozhun.accounts import policy
from biaozhun.accounts.models import Organisation

from ..authorities import authorities_of
from ..models import FilingBatch, FilingBatchRow

RECENT = 20
# The filing's work page (another part of the filing pages): linked only where the URL exists.
WORK_DETAIL = "filing:work_detail"


def batch_authorities(*, viewer: Any) -> list[Organisation]:
    """The filing authorities the viewer may send batches for, by name."""
    found = [a for a in authorities_of(viewer) if policy.can(viewer, "filing.submit_batch", a)]
    return sorted({a.pk: a for a in found}.values(), key=lambda a: (a.name, a.pk))


def batch_authority(*, viewer: Any, pk: int | None) -> Organisation | None:
    """The authority a batch is sent for: the one named, or the viewer's only one when none is named."""
    authorities = batch_authorities(viewer=viewer)
    if pk is None:
        return authorities[0] if len(authorities) == 1 else None
    return next((a for a in authorities if a.pk == pk), None)


def recent_batches(*, viewer: Any, limit: int = RECENT) -> QuerySet[FilingBatch]:
    return (policy.visible("filing.batches", viewer).select_related("authority")
            .defer("errors").order_by("-created_at", "-id")[:limit])


def batch_for_viewer(*, viewer: Any, pk: int) -> FilingBatch | None:
    """The batch if the viewer may see it (None otherwise: existence stays secret)."""
    return (policy.visible("filing.batches", viewer).select_related("authority", "submitted_by")
            .filter(pk=pk).first())


def batch_rows(*, batch: FilingBatch) -> QuerySet[FilingBatchRow]:
    """The rows that passed the checks, in file order, with the filing made of each."""
    return (batch.entries.select_related("filing").defer("data", "filing__record", "filing__body_text",
                                                         "filing__checks").order_by("position"))


def filing_work_url(filing_id: int) -> str:
    """The address of the filing's work page."""
    return reverse(WORK_DETAIL, args=[filing_id])
