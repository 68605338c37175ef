"""HMAC-SHA256 of many short messages under one key (the verifiable draw ranks every key with it). Pure."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any

_BLOCK = 64  # SHA-256's block size in bytes: HMAC pads its key to it


def hmac_sha256_many(key: bytes, messages: Iterable[bytes]) -> list[bytes]:
    """HMAC-SHA256(key, message) of every message (RFC 2104, as `hmac.digest`), about twice as fast for many short
    messages: the hash states of the padded key (inner and outer) are computed once and copied for each message,
    instead of being remade from the key every time."""
    inner_copy, outer_copy = key_states(key)
    digests = []
    append = digests.append
    for message in messages:
        inner = inner_copy()
        inner.update(message)
        outer = outer_copy()
        outer.update(inner.digest())
        append(outer.digest())
    return digests


def key_states(key: bytes) -> tuple[Callable[[], Any], Callable[[], Any]]:
    """The `copy` methods of SHA-256 after the inner and the outer padded key (RFC 2104: a key longer than the block
    is hashed first, a shorter one padded with zeros)."""
    if len(key) > _BLOCK:
        key = hashlib.sha256(key).digest()
    key = key.ljust(_BLOCK, b"\0")
    inner = hashlib.sha256(bytes(byte ^ 0x36 for byte in key))
    outer = hashlib.sha256(bytes(byte ^ 0x5C for byte in key))
    return inner.copy, outer.copy
