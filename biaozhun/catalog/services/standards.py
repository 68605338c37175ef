"""Single-edition writes for the back office and other apps (development publishes through create_standard)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from biaozhun.accounts import policy
from biaozhun.catalog.models import Standard
from biaozhun.catalog.serialise import records_for
from biaozhun.core.errors import DomainError, ValidationFailed

from . import events
from .status import refresh_statuses
from .upsert import upsert_records


class DuplicateStandard(DomainError):
    code = "duplicate_standard"
    status = 409


class StaleEdit(DomainError):
    """Someone else saved the standard after the editor loaded it."""

    code = "stale_edit"
    status = 409


def _today() -> date:
    return timezone.localdate()


def _clean(raw: dict[str, Any]):
    from biaozhun.catalog.selectors import record_cleaner

    record, errors = record_cleaner().clean(raw)
    if errors:
        raise ValidationFailed("The standard was not saved: please correct the fields listed.", [e.as_dict() for e in errors])
    return record


@transaction.atomic
def create_standard(*, actor, data: dict[str, Any], source: str = "manual") -> Standard:
    """Add one edition from a record in the interchange format (docs/catalog-jsonl.md)."""
    policy.require(actor, "catalog.edit")
    record = _clean(data)
    if Standard.objects.filter(edition=record.edition).exists():
        raise DuplicateStandard(f"{record.identifier} is already in the catalogue", identifier=record.identifier)
    result = upsert_records([record], actor=actor, today=_today(), source=source)
    return Standard.objects.get(pk=result.ids[record.edition])


@transaction.atomic
def update_standard(*, actor, standard: Standard, changes: dict[str, Any], expected_version: int) -> Standard:
    """Apply field changes; refused if the standard changed since the editor loaded `expected_version`."""
    policy.require(actor, "catalog.edit", standard)
    return _update(actor, standard, changes, expected_version)


@transaction.atomic
def confirm_standard(*, actor, standard: Standard, on: date) -> Standard:
    """Record a periodic review's confirmation (复审继续有效) of an edition on `on`."""
    policy.require(actor, "catalog.review", standard)
    return _update(actor, standard, {"confirmed_on": on.isoformat()}, standard.version)


@transaction.atomic
def add_amendment(*, actor, standard: Standard, number: int, published_on: date, implemented_on: date | None,
                  summary: str) -> Standard:
    """Add an amendment sheet (修改单) to an edition, as its publication does."""
    policy.require(actor, "catalog.edit", standard)
    current = Standard.objects.select_for_update().get(pk=standard.pk)
    sheets = next(records_for([current]))["amendments"]
    sheet = {"number": number, "published_on": published_on.isoformat(), "summary": summary}
    if implemented_on is not None:
        sheet["implemented_on"] = implemented_on.isoformat()
    return _update(actor, current, {"amendments": [*sheets, sheet]}, current.version)


def _update(actor, standard: Standard, changes: dict[str, Any], expected_version: int) -> Standard:
    current = Standard.objects.select_for_update().get(pk=standard.pk)
    if current.version != expected_version:
        raise StaleEdit(
            f"{current.identifier} was changed by someone else after you opened it (version {expected_version}, "
            f"now {current.version}); reload it and apply your changes again.",
            identifier=current.identifier,
        )
    raw = next(records_for([current]))
    raw.pop("status"), raw.pop("status_since")
    raw.update(changes)
    record = _clean(raw)
    if record.edition != current.edition:
        raise ValidationFailed("The number of an edition cannot change; create a new edition instead.",
                               [{"field": "identifier", "message": f"must stay {current.edition}"}])
    upsert_records([record], actor=actor, today=_today(), source="manual")
    return Standard.objects.get(pk=current.pk)


@transaction.atomic
def abolish_standard(*, actor, standard: Standard, on: date, reason: str) -> Standard:
    """Record the abolition (废止) of an edition from `on`; status follows on that date."""
    policy.require(actor, "catalog.review", standard)
    current = Standard.objects.select_for_update().get(pk=standard.pk)
    if current.abolished_on is not None:
        raise DomainError(f"{current.identifier} was already abolished on {current.abolished_on}")
    if current.published_on and on < current.published_on:
        raise ValidationFailed("The abolition date is before publication.",
                               [{"field": "on", "message": f"must be on or after {current.published_on}"}])
    current.abolished_on = on
    current.version += 1
    current.updated_at = timezone.now()
    current.save(update_fields=["abolished_on", "version", "updated_at"])
    events.record([events.abolished(current.pk, actor=actor, on=on.isoformat(), reason=reason)])
    refresh_statuses([current.pk], actor=actor, today=_today())
    current.refresh_from_db()
    return current
