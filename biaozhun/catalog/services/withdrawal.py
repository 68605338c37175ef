"""Withdraw an edition published in error (撤销): it leaves the catalogue, its number becomes free for the
correct publication, the editions it replaced take back the status their own dates give, and references to it
wait for an edition of that number again (or link to the newest remaining edition of an undated number).

The row is kept with its history under a placeholder number (`withdrawn_identifier` keeps the real one), so
nothing is deleted: `Standard.objects` leaves it out everywhere (pages, search, exports, validity checks) and
`Standard.all_objects` still shows it to the back office.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.catalog.models import Amendment, RelationKind, Standard, StandardRelation
from biaozhun.core import clock
from biaozhun.core.bulk import update_rows
from biaozhun.core.errors import InvalidTransition, ValidationFailed

from . import events
from .locking import lock_catalogue
from .status import refresh_statuses
from .upsert import _lookup_targets

PLACEHOLDER = "撤销#{pk}"


@transaction.atomic
def withdraw_standard(*, actor, standard: Standard, reason: str) -> Standard:
    """Take an edition published in error out of the catalogue, with its event; returns the withdrawn row."""
    policy.require(actor, "catalog.withdraw", standard)
    lock_catalogue()
    current = Standard.all_objects.select_for_update().get(pk=standard.pk)
    if current.withdrawn_at is not None:
        raise InvalidTransition(_("%(number)s 已于 %(day)s 撤销。") % {
            "number": current.withdrawn_identifier, "day": timezone.localdate(current.withdrawn_at).isoformat()},
            current="withdrawn", allowed=[])
    reason = reason.strip()
    if not reason:
        raise ValidationFailed(_("撤销未能完成。"), [{"field": "reason", "message": _(
            "请说明撤销的原因（如：标准号填写错误，应为……），它将记入该标准的历史。")}])
    pending = []
    outgoing = list(StandardRelation.objects.filter(source=current))
    affected = {rel.target_id for rel in outgoing if rel.kind == RelationKind.REPLACES and rel.target_id}
    for rel in outgoing:
        pending.append(events.relation_removed(current.pk, actor=actor, kind=rel.kind, target=rel.target_identifier))
    StandardRelation.objects.filter(source=current).delete()

    identifier = current.identifier
    placeholder = PLACEHOLDER.format(pk=current.pk)
    current.withdrawn_identifier = identifier
    current.identifier = current.edition = current.undated = current.series = placeholder
    current.withdrawn_at = clock.now()
    current.withdrawal_reason = reason
    current.next_status_change = None
    current.version += 1
    current.updated_at = current.withdrawn_at
    current.save(update_fields=["withdrawn_identifier", "identifier", "edition", "undated", "series", "withdrawn_at",
                                "withdrawal_reason", "next_status_change", "version", "updated_at"])
    pending.append(events.withdrawn(current.pk, actor=actor, identifier=identifier, reason=reason))

    affected |= _relink_references(current, actor, pending)
    events.record(pending)
    refresh_statuses(affected, actor=actor, today=clock.today())
    return current


@transaction.atomic
def withdraw_amendment(*, actor, standard: Standard, number: int, reason: str) -> Standard:
    """Take an amendment sheet published in error off its edition (the sheet number is free again), with its
    event on the edition's history."""
    policy.require(actor, "catalog.withdraw", standard)
    lock_catalogue()
    current = Standard.objects.select_for_update().get(pk=standard.pk)
    reason = reason.strip()
    if not reason:
        raise ValidationFailed(_("撤销未能完成。"), [{"field": "reason", "message": _(
            "请说明撤销的原因（如：标准号填写错误，应为……），它将记入该标准的历史。")}])
    sheet = Amendment.objects.filter(standard=current, number=number).first()
    if sheet is None:
        raise InvalidTransition(_("%(number)s 没有第 %(sheet)d 号修改单。") % {
            "number": current.identifier, "sheet": number}, current="missing", allowed=[])
    if sheet.file:  # its text goes with it, once the withdrawal is committed
        name, storage = sheet.file.name, sheet.file.storage
        transaction.on_commit(lambda: storage.delete(name))
    sheet.delete()
    current.version += 1
    current.updated_at = clock.now()
    current.save(update_fields=["version", "updated_at"])
    events.record([events.amendment_withdrawn(current.pk, actor=actor, number=number, reason=reason)])
    return current


def _relink_references(withdrawn: Standard, actor, pending: list) -> set[int]:
    """References to the withdrawn edition: an undated one links to the newest remaining edition of its number,
    a dated one waits (unlinked) for that edition to be published again. Returns editions whose status moves."""
    incoming = list(StandardRelation.objects.filter(target_id=withdrawn.pk))
    targets = _lookup_targets({rel.target_key for rel in incoming}) if incoming else {}
    changes, affected = [], set()
    for rel in incoming:
        new_target = targets.get(rel.target_key)
        changes.append((new_target, rel.pk))
        if new_target is None:
            pending.append(events.relation_unresolved(rel.source_id, actor=actor, kind=rel.kind,
                                                      target=rel.target_identifier))
        else:
            pending.append(events.relation_resolved(rel.source_id, actor=actor, kind=rel.kind,
                                                    target=rel.target_identifier, target_id=new_target))
            if rel.kind == RelationKind.REPLACES:
                affected.add(new_target)
    update_rows(StandardRelation, ["target_id"], changes)
    return affected
