"""Model fields whose values are encrypted at rest (core/crypto.py: SM4 with HMAC-SM3).

The column holds ``sm4$<key id>$…`` (a text column, whatever the field's ``max_length``, which still bounds the
plaintext); the model attribute holds the plaintext. An empty value is stored empty, so ``exclude(email="")``
still works. Nothing else can be looked up in an encrypted column: every other lookup (``iexact``,
``icontains``, an ``exact`` match of a non-empty value, ...) raises ``EncryptedLookupError`` (a programming error)
rather than silently finding nothing. Look values up through a blind index column instead
(``User.objects.with_email``).

A value stored before encryption was switched on (no ``sm4$`` prefix) is read as it is; the migration that
introduced the field and ``manage.py rotate_field_keys`` encrypt such rows.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.lookups import Exact, IsNull

from . import crypto


class EncryptedLookupError(TypeError):
    """A query asked an encrypted column something only the plaintext could answer (a programming error)."""


class EmptyOnlyExact(Exact):
    """``field=""`` (has no value) is answerable in an encrypted column; ``field="x"`` is not."""

    def get_prep_lookup(self) -> Any:
        if self.rhs not in ("", None):
            raise EncryptedLookupError(f"{self.lhs.target.name} is encrypted: an exact match of a value cannot be looked up in "
                             "its column; use its blind index (e.g. User.objects.with_email)")
        return super().get_prep_lookup()


class EncryptedMixin:
    """Encrypt on the way to the database, decrypt on the way back."""

    encrypted = True

    def get_internal_type(self) -> str:
        return "TextField"  # the ciphertext is longer than the plaintext that max_length bounds

    @property
    def encryption_context(self) -> str:
        return f"{self.model._meta.db_table}.{self.column}"

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "" or not crypto.is_encrypted(value):
            return value
        return crypto.decrypt(value, context=self.encryption_context)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(str(value), context=self.encryption_context)

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name == "exact":
            return EmptyOnlyExact
        if lookup_name == "isnull":
            return IsNull
        raise EncryptedLookupError(f"{self.name} is encrypted: the lookup {lookup_name!r} cannot be answered from its column; "
                         "use its blind index (e.g. User.objects.with_email)")

    def get_transform(self, lookup_name: str) -> Any:
        raise EncryptedLookupError(f"{self.name} is encrypted: the transform {lookup_name!r} cannot be applied to its column")


class EncryptedCharField(EncryptedMixin, models.CharField):
    pass


class EncryptedEmailField(EncryptedMixin, models.EmailField):
    pass
