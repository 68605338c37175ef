"""Encryption of personal data at rest with commercial cryptography (GB/T 39786-2021): SM4 for confidentiality,
HMAC-SM3 for integrity and for the blind index that lets us look a value up without decrypting every row.

Keys come from ``settings.BIAOZHUN_FIELD_KEYS``: a list of ``"key-id:base64"`` entries (32 random bytes each).
The first key encrypts; every key listed decrypts, so a new key goes first and the old one stays until
``manage.py rotate_field_keys`` has re-encrypted every row (docs/deployment.md, "Field encryption keys").

A stored value is ``sm4$<key id>$<base64url(iv ‖ ciphertext ‖ tag)>``: SM4-CBC with a random IV and PKCS#7
padding, then HMAC-SM3 over the format version, key id, context, IV and ciphertext (encrypt-then-MAC). The context
names the column, so a ciphertext copied into another column does not decrypt. SM4-CBC with HMAC-SM3 rather than
SM4-GCM because every OpenSSL that has SM4 has CBC and SM3, while GCM with SM4 depends on the build.

Each key's material is stretched with HKDF-SM3 into three keys of their own: one for SM4, one for the MAC and one
for the blind index. A blind index is ``<key id>$<hex HMAC-SM3>`` of the normalised value; lookups compute it
under every key (``blind_indexes``), so rows not yet rotated are still found.
"""

from __future__ import annotations

import base64
import binascii
import hmac as std_hmac
import os
from functools import lru_cache
from typing import NamedTuple

from cryptography.hazmat.primitives import hashes, padding
from cryptography.hazmat.primitives import hmac as crypto_hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "sm4"
SEPARATOR = "$"
KEY_BYTES = 32
IV_BYTES = 16
TAG_BYTES = 32  # HMAC-SM3


class DecryptionFailed(Exception):
    """A stored value that does not decrypt: altered, copied from another column, or under an unknown key."""


class FieldKey(NamedTuple):
    key_id: str
    cipher_key: bytes
    mac_key: bytes
    index_key: bytes


def new_key_line(key_id: str) -> str:
    """A fresh ``key-id:base64`` entry (for `make setup` and for rotation)."""
    return f"{key_id}:{base64.b64encode(os.urandom(KEY_BYTES)).decode()}"


def parse_keys(entries: list[str] | tuple[str, ...]) -> list[tuple[str, bytes]]:
    """``["k2:base64", "k1:base64"]`` → ``[("k2", b"..."), ...]``; a malformed entry is a configuration error that
    names the entry's position, never its secret."""
    parsed = []
    for position, entry in enumerate(entries, start=1):
        key_id, _sep, encoded = entry.strip().partition(":")
        if not key_id or not key_id.replace("-", "").replace("_", "").isalnum():
            raise ImproperlyConfigured(f"BIAOZHUN_FIELD_KEYS entry {position}: expected 'key-id:base64' with a key id "
                                       "of letters, digits, - and _")
        try:
            material = base64.b64decode(encoded, validate=True)
        except binascii.Error:
            raise ImproperlyConfigured(f"BIAOZHUN_FIELD_KEYS entry {position} ({key_id}): the key is not base64") from None
        if len(material) < 16:
            raise ImproperlyConfigured(f"BIAOZHUN_FIELD_KEYS entry {position} ({key_id}): the key needs at least 16 "
                                       f"bytes ({KEY_BYTES} recommended), it has {len(material)}")
        if key_id in {k for k, _m in parsed}:
            raise ImproperlyConfigured(f"BIAOZHUN_FIELD_KEYS: key id {key_id!r} is listed twice")
        parsed.append((key_id, material))
    return parsed


@lru_cache(maxsize=32)
def _derive(key_id: str, material: bytes) -> FieldKey:
    def hkdf(purpose: bytes, length: int) -> bytes:
        return HKDF(algorithm=hashes.SM3(), length=length, salt=None, info=b"biaozhun/" + purpose).derive(material)

    return FieldKey(key_id, hkdf(b"field/sm4-cbc", 16), hkdf(b"field/hmac-sm3", 32), hkdf(b"field/blind-index", 32))


def keyring() -> list[FieldKey]:
    """The configured keys, the encrypting one first."""
    keys = [_derive(key_id, material) for key_id, material in parse_keys(settings.BIAOZHUN_FIELD_KEYS)]
    if not keys:
        raise ImproperlyConfigured("No field encryption key: set BIAOZHUN_FIELD_KEYS (or BIAOZHUN_FIELD_KEYS_FILE), "
                                   "or run `make setup`, which writes var/field_keys (docs/deployment.md).")
    return keys


def current_key_id() -> str:
    return keyring()[0].key_id


def _key(key_id: str) -> FieldKey:
    for key in keyring():
        if key.key_id == key_id:
            return key
    raise DecryptionFailed(f"field key {key_id!r} is not in BIAOZHUN_FIELD_KEYS: add it back (docs/deployment.md)")


def _tag(key: FieldKey, context: str, iv: bytes, ciphertext: bytes) -> bytes:
    mac = crypto_hmac.HMAC(key.mac_key, hashes.SM3())
    for part in (b"v1", key.key_id.encode(), context.encode(), iv, ciphertext):
        mac.update(len(part).to_bytes(4, "big") + part)
    return mac.finalize()


def is_encrypted(stored: str) -> bool:
    return stored.startswith(PREFIX + SEPARATOR)


def key_id_of(stored: str) -> str | None:
    """The key id a stored value was encrypted with (None for a value that is not encrypted)."""
    return stored.split(SEPARATOR, 2)[1] if is_encrypted(stored) and stored.count(SEPARATOR) >= 2 else None


def encrypt(plaintext: str, *, context: str) -> str:
    """Encrypt with the first key. ``context`` names where the value is stored (e.g. the column)."""
    key = keyring()[0]
    iv = os.urandom(IV_BYTES)
    padder = padding.PKCS7(128).padder()
    padded = padder.update(plaintext.encode()) + padder.finalize()
    encryptor = Cipher(algorithms.SM4(key.cipher_key), modes.CBC(iv)).encryptor()
    ciphertext = encryptor.update(padded) + encryptor.finalize()
    blob = iv + ciphertext + _tag(key, context, iv, ciphertext)
    return SEPARATOR.join((PREFIX, key.key_id, base64.urlsafe_b64encode(blob).decode().rstrip("=")))


def decrypt(stored: str, *, context: str) -> str:
    """The plaintext of a value ``encrypt`` made under any configured key; ``DecryptionFailed`` otherwise."""
    try:
        prefix, key_id, encoded = stored.split(SEPARATOR, 2)
        blob = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
    except (ValueError, binascii.Error):
        raise DecryptionFailed("not an encrypted value") from None
    if prefix != PREFIX or len(blob) < IV_BYTES + 16 + TAG_BYTES or (len(blob) - IV_BYTES - TAG_BYTES) % 16:
        raise DecryptionFailed("not an encrypted value")
    key = _key(key_id)
    iv, ciphertext, tag = blob[:IV_BYTES], blob[IV_BYTES:-TAG_BYTES], blob[-TAG_BYTES:]
    if not std_hmac.compare_digest(tag, _tag(key, context, iv, ciphertext)):
        raise DecryptionFailed(f"the value under key {key_id!r} fails its integrity check (altered or moved)")
    decryptor = Cipher(algorithms.SM4(key.cipher_key), modes.CBC(iv)).decryptor()
    padded = decryptor.update(ciphertext) + decryptor.finalize()
    unpadder = padding.PKCS7(128).unpadder()
    return (unpadder.update(padded) + unpadder.finalize()).decode()


def _index(key: FieldKey, value: str, *, purpose: str) -> str:
    mac = crypto_hmac.HMAC(key.index_key, hashes.SM3())
    mac.update(purpose.encode() + b"\x00" + value.encode())
    return f"{key.key_id}{SEPARATOR}{mac.finalize().hex()}"


def blind_index(value: str, *, purpose: str) -> str:
    """The index of an already normalised value under the first key ("" for an empty value)."""
    return _index(keyring()[0], value, purpose=purpose) if value else ""


def blind_indexes(value: str, *, purpose: str) -> list[str]:
    """The index under every configured key, for lookups that must also find rows not yet rotated."""
    return [_index(key, value, purpose=purpose) for key in keyring()] if value else []


def sm4_available() -> bool:
    """Whether the OpenSSL under `cryptography` has SM4-CBC and SM3 (some builds leave the Chinese ciphers out)."""
    try:
        Cipher(algorithms.SM4(b"\x00" * 16), modes.CBC(b"\x00" * 16)).encryptor().finalize()
        crypto_hmac.HMAC(b"\x00" * 16, hashes.SM3()).finalize()
    except Exception:  # noqa: BLE001 (UnsupportedAlgorithm and friends)
        return False
    return True
