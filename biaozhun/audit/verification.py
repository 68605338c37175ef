"""Verify the whole audit log: the chain from its anchor, the chain head, and the anchor's own purge record."""

from __future__ import annotations

from dataclasses import dataclass

from . import chain
from .models import AuditChainHead, AuditKind, AuditPurge, AuditRecord


@dataclass(frozen=True)
class Result:
    start: str  # "genesis" or "purge anchor #N"
    verified: chain.Verified | None = None
    problem: chain.Break | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def verify_chain() -> Result:
    anchor = AuditPurge.objects.order_by("-through_seq").first()
    start_seq, start_hash = (anchor.through_seq, anchor.last_hash) if anchor else (0, chain.GENESIS)
    start = f"purge anchor #{start_seq}" if anchor else "genesis"
    records = AuditRecord.objects.filter(seq__gt=start_seq).order_by("seq").select_related(None)
    outcome = chain.walk(records.iterator(chunk_size=2000), start_seq=start_seq, start_hash=start_hash)
    if isinstance(outcome, chain.Break):
        return Result(start, problem=outcome)
    if AuditRecord.objects.filter(seq__lte=start_seq).exists():
        return Result(start, problem=chain.Break(None, f"records at or before the anchor #{start_seq} remain"))
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is None and outcome.records:
        return Result(start, problem=chain.Break(None, "the chain head is missing: records may have been removed "
                                                       "from the end"))
    if head is not None and (head.last_seq, head.last_hash) != (outcome.last_seq, outcome.last_hash):
        return Result(start, problem=chain.Break(
            None, f"the chain head says the last record is #{head.last_seq}, but the chain ends at "
                  f"#{outcome.last_seq}: records were removed from the end"))
    if anchor is not None and not AuditRecord.objects.filter(
            kind=AuditKind.AUDIT_LOG_PURGED, data__through_seq=anchor.through_seq).exists():
        return Result(start, problem=chain.Break(None, f"no audit_log_purged record for the anchor #{start_seq}"))
    return Result(start, verified=outcome)
