"""The hash chain of the audit log: canonical content, SM3 digests, and the walk that verifies it.

A record's hash is SM3 (GB/T 32905-2016, through the ``cryptography`` library) over the UTF-8 JSON of its
canonical content: every field that says what happened, ``prev_hash`` (the hash of the record before it) and
``seq``, with sorted keys and no spaces. Changing, inserting or deleting any record therefore breaks the link
to the record after it; cutting records off the end leaves the chain head (``AuditChainHead``) pointing past
the last record. A purge deletes a prefix and leaves an ``AuditPurge`` anchor holding the last purged hash.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from cryptography.hazmat.primitives import hashes
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder

ALGORITHM = "SM3"
GENESIS = "0" * 64  # the prev_hash of the first record ever written


def sm3(data: bytes) -> str:
    digest = hashes.Hash(hashes.SM3())
    digest.update(data)
    return digest.finalize().hex()


def json_value(data: Any) -> Any:
    """``data`` as the database will give it back (dates as ISO text, tuples as lists), so the hash computed
    when writing is the hash computed when reading."""
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False))


def content(record: Any) -> dict[str, Any]:
    """The canonical content of a record (an ``AuditRecord``, saved or not)."""
    target_type = None
    if record.target_type_id is not None:
        model = ContentType.objects.get_for_id(record.target_type_id)
        target_type = f"{model.app_label}.{model.model}"
    return {
        "seq": record.seq,
        "at": record.at.astimezone(UTC).isoformat(timespec="microseconds"),
        "kind": record.kind,
        "outcome": record.outcome,
        "user": record.user_id,
        "username": record.username,
        "address": record.address,
        "user_agent": record.user_agent,
        "target_type": target_type,
        "target_id": record.target_id,
        "target_repr": record.target_repr,
        "data": record.data,
        "prev_hash": record.prev_hash,
    }


def canonical(values: dict[str, Any]) -> bytes:
    return json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def digest(record: Any) -> str:
    return sm3(canonical(content(record)))


@dataclass(frozen=True)
class Break:
    """The first broken link: the record's ``seq`` (None for a problem with the head or the anchor) and what."""

    seq: int | None
    problem: str

    def __str__(self) -> str:
        return f"record #{self.seq}: {self.problem}" if self.seq is not None else self.problem


@dataclass(frozen=True)
class Verified:
    records: int
    first_seq: int | None
    last_seq: int
    last_hash: str


def walk(records: Iterator[Any], *, start_seq: int, start_hash: str) -> Break | Verified:
    """Check records in ``seq`` order, starting after (``start_seq``, ``start_hash``): the genesis or the
    newest purge's anchor. Returns the first break, or what was verified."""
    expected_seq, expected_prev = start_seq + 1, start_hash
    count, first = 0, None
    for record in records:
        if record.seq != expected_seq:
            return Break(record.seq, f"expected #{expected_seq} here: records {expected_seq}…{record.seq - 1} "
                                     "are missing")
        if record.prev_hash != expected_prev:
            return Break(record.seq, "prev_hash does not match the hash of the record before it "
                                     "(a record before it was changed, removed or inserted)")
        actual = digest(record)
        if actual != record.hash:
            return Break(record.seq, f"content does not match its hash (stored {record.hash[:16]}…, "
                                     f"computed {actual[:16]}…): the record was changed")
        first = record.seq if first is None else first
        count += 1
        expected_seq, expected_prev = record.seq + 1, record.hash
    return Verified(count, first, expected_seq - 1, expected_prev)
