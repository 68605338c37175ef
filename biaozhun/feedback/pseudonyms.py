"""The pseudonym that stands for the person who wrote, wherever others see an item: eight hex digits of an HMAC-SM3
blind index (core/crypto.py) of the account, or of the address a visitor gave, so one person's items carry the
same pseudonym (a handler sees that several items come from one person) and nobody can work back to them without
the field key. It is stored with each item when received, so a later key rotation does not change it."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from biaozhun.core import crypto

PURPOSE = "feedback.pseudonym"


def pseudonym_for(*, user: Any = None, email: str = "") -> str:
    if user is not None and getattr(user, "pk", None) is not None:
        source = f"user:{user.pk}"
    else:
        source = "email:" + (email or "").strip().lower()
    return crypto.blind_index(source, purpose=PURPOSE).rpartition("$")[2][:8]


def shown(token: str) -> str:
    """"反馈人 #a3f9c2e1", in the reader's language."""
    return _("反馈人 #%(token)s") % {"token": token}
