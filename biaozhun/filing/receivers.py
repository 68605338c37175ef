"""What filing does when another app says something changed: a filed edition's status changed in the catalogue
(upcoming → current on its date, replaced, abolished...), so the filing's copy of it (Filing.standard_status, which
the public list filters and counts by) changes with it, in the same transaction."""

from __future__ import annotations

from collections import defaultdict

from biaozhun.catalog import signals as catalog_signals

from .models import Filing


def on_statuses_changed(sender, *, changes: dict[int, str], **kwargs) -> None:
    by_status: dict[str, list[int]] = defaultdict(list)
    for standard_id, status in changes.items():
        by_status[status].append(standard_id)
    for status, standard_ids in by_status.items():
        Filing.objects.filter(standard_id__in=standard_ids).update(standard_status=status)


def connect() -> None:
    catalog_signals.statuses_changed.connect(on_statuses_changed, dispatch_uid="filing.standard_status")
