"""The one writer of audit records: ``record(kind, actor=..., ...)``.

It appends to the hash chain under a row lock on ``AuditChainHead`` (``SELECT … FOR UPDATE`` on PostgreSQL;
SQLite's IMMEDIATE transactions already let one writer in at a time), so concurrent writers queue and never
fork the chain. Called inside a service's transaction, the record commits or rolls back with the change it
records (and holds the chain lock until then: audit events are few, and this keeps the chain in commit order).
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.http import HttpRequest

from biaozhun.core import clock
from biaozhun.core.actors import require_actor, user_or_none

from . import chain
from .context import client_of
from .models import AuditChainHead, AuditKind, AuditPurge, AuditRecord, Outcome


def locked_head() -> AuditChainHead:
    """The chain head, locked until the transaction ends. Migration 0001 creates it; should it be missing (a
    flushed test database), the first writer creates it and any writer racing it waits for that one."""
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is not None:
        return head
    anchor = AuditPurge.objects.order_by("-through_seq").first()
    last = AuditRecord.objects.order_by("-seq").only("seq", "hash").first()
    if last is not None:
        start = (last.seq, last.hash)
    elif anchor is not None:
        start = (anchor.through_seq, anchor.last_hash)
    else:
        start = (0, chain.GENESIS)
    try:
        with transaction.atomic():
            AuditChainHead.objects.create(pk=1, last_seq=start[0], last_hash=start[1])
    except IntegrityError:
        pass  # another writer created it first
    return AuditChainHead.objects.select_for_update().get(pk=1)


def record(
    kind: AuditKind,
    *,
    actor: Any,
    outcome: Outcome = Outcome.SUCCESS,
    username: str = "",
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> AuditRecord:
    """Append one record. ``actor``: who acted (a user; SYSTEM and anonymous visitors are stored as no user);
    ``username``: as typed, when nobody is signed in (a failed login), else the actor's; ``target``: what the
    event concerns; ``request``: where it came from (default: the request being handled, if any)."""
    require_actor(actor)
    user = user_or_none(actor)
    client = client_of(request)
    with transaction.atomic():
        head = locked_head()
        entry = AuditRecord(
            seq=head.last_seq + 1,
            at=clock.now(),
            kind=AuditKind(kind).value,
            outcome=Outcome(outcome).value,
            user=user,
            username=(username or (user.get_username() if user is not None else ""))[:254],
            address=client.address,
            user_agent=client.user_agent,
            target_type=ContentType.objects.get_for_model(target) if target is not None else None,
            target_id=str(target.pk) if target is not None else "",
            target_repr=str(target)[:200] if target is not None else "",
            data=chain.json_value(data or {}),
            prev_hash=head.last_hash,
        )
        entry.hash = chain.digest(entry)
        entry.save()
        head.last_seq, head.last_hash = entry.seq, entry.hash
        head.save(update_fields=["last_seq", "last_hash"])
    return entry
