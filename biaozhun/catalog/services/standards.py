"""Single-edition writes for the back office and other apps (development publishes through create_standard)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.catalog.models import Standard
from biaozhun.catalog.serialise import records_for
from biaozhun.core import clock
from biaozhun.core.errors import DomainError, ValidationFailed
from biaozhun.identifiers import Identifier, IdentifierError, parse

from . import events
from .locking import lock_catalogue
from .status import refresh_statuses
from .upsert import upsert_records


class DuplicateStandard(DomainError):
    code = "duplicate_standard"
    status = 409


class StaleEdit(DomainError):
    """Someone else saved the standard after the editor loaded it."""

    code = "stale_edit"
    status = 409


class AlreadyAbolished(DomainError):
    code = "already_abolished"
    status = 409


def _today() -> date:
    return clock.today()


def _clean(raw: dict[str, Any]):
    from biaozhun.catalog.selectors import record_cleaner

    record, errors = record_cleaner().clean(raw)
    if errors:
        raise ValidationFailed(_("标准未能保存，请按所列字段的提示修改。"), [e.as_dict() for e in errors])
    return record


def _proposed(data: dict[str, Any]) -> Identifier | None:
    """The number of a record about to be created, for the policy (a social organisation may create the records of
    its own group code, catalog/permissions.py); None when it does not parse (the cleaner then says why)."""
    try:
        return parse(str(data.get("identifier") or ""))
    except IdentifierError:
        return None


@transaction.atomic
def create_standard(*, actor, data: dict[str, Any], source: str = "manual") -> Standard:
    """Add one edition from a record in the interchange format (docs/catalog-jsonl.md)."""
    policy.require(actor, "catalog.edit", _proposed(data))
    lock_catalogue()
    record = _clean(data)
    if Standard.objects.filter(edition=record.edition).exists():
        raise DuplicateStandard(_("%(identifier)s 已在标准目录中；如需修改，请打开该标准修改。") % {
            "identifier": record.identifier}, identifier=record.identifier)
    result = upsert_records([record], actor=actor, today=_today(), source=source)
    return Standard.objects.get(pk=result.ids[record.edition])


@transaction.atomic
def update_standard(*, actor, standard: Standard, changes: dict[str, Any], expected_version: int) -> Standard:
    """Apply field changes; refused if the standard changed since the editor loaded `expected_version`."""
    policy.require(actor, "catalog.edit", standard)
    lock_catalogue()
    return _update(actor, standard, changes, expected_version)


@transaction.atomic
def confirm_standard(*, actor, standard: Standard, on: date) -> Standard:
    """Record a periodic review's confirmation (复审继续有效) of an edition on `on`."""
    policy.require(actor, "catalog.review", standard)
    lock_catalogue()
    return _update(actor, standard, {"confirmed_on": on.isoformat()}, standard.version)


@transaction.atomic
def add_amendment(*, actor, standard: Standard, number: int, published_on: date, implemented_on: date | None,
                  summary: str) -> Standard:
    """Add an amendment sheet (修改单) to an edition, as its publication does."""
    policy.require(actor, "catalog.edit", standard)
    lock_catalogue()
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
            _("您打开 %(identifier)s 之后，已有其他人修改了它（您打开的是第 %(expected)s 版，现为第 %(current)s 版）。"
              "请重新打开，再次填写您的修改。") % {
                "identifier": current.identifier, "expected": expected_version, "current": current.version},
            identifier=current.identifier, expected_version=expected_version, version=current.version,
        )
    raw = next(records_for([current]))
    raw.pop("status"), raw.pop("status_since")
    raw.update(changes)
    record = _clean(raw)
    if record.edition != current.edition:
        raise ValidationFailed(_("版本的标准号不能修改；新版本请另行新建。"), [{
            "field": "identifier", "message": _("应保持为 %(edition)s") % {"edition": current.edition}}])
    upsert_records([record], actor=actor, today=_today(), source="manual")
    return Standard.objects.get(pk=current.pk)


@transaction.atomic
def abolish_standard(*, actor, standard: Standard, on: date, reason: str) -> Standard:
    """Record the abolition (废止) of an edition from `on`; status follows on that date. Periodic review decides it
    (`catalog.review`), or for a group standard a provincial-or-higher administration under law art. 39
    (`catalog.abolish_group`)."""
    if not policy.can(actor, "catalog.abolish_group", standard):
        policy.require(actor, "catalog.review", standard)
    lock_catalogue()
    current = Standard.objects.select_for_update().get(pk=standard.pk)
    if current.abolished_on is not None:
        raise AlreadyAbolished(_("%(identifier)s 已于 %(day)s 废止，无需再次废止。") % {
            "identifier": current.identifier, "day": current.abolished_on.isoformat()},
            identifier=current.identifier, abolished_on=current.abolished_on.isoformat())
    if current.published_on and on < current.published_on:
        raise ValidationFailed(_("废止日期早于发布日期，请核对日期。"), [{
            "field": "on", "message": _("应不早于发布日期 %(day)s") % {"day": current.published_on.isoformat()}}])
    current.abolished_on = on
    current.version += 1
    current.updated_at = clock.now()
    current.save(update_fields=["abolished_on", "version", "updated_at"])
    events.record([events.abolished(current.pk, actor=actor, on=on.isoformat(), reason=reason)])
    refresh_statuses([current.pk], actor=actor, today=_today())
    current.refresh_from_db()
    return current
