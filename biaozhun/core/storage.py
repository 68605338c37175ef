"""Where uploaded files live: a private root that no URL maps to, under names nobody can derive.

Two roots (settings): `BIAOZHUN_PRIVATE_MEDIA_ROOT` holds every uploaded file; only a view that asks the policy
hands one out (`core.files.serve_file`), streaming it or passing it to the proxy. `MEDIA_ROOT` (served under
`MEDIA_URL`) is the public root, for files every visitor may read without any condition; nothing is stored there
today, because even full texts stop being public when their edition is withdrawn. The default storage is the
private one, so a new FileField is private unless it says otherwise.

A stored name is `<folder>/<2 hex>/<32 hex>.<ext>`: 128 random bits, nothing taken from ids, kinds or versions.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.deconstruct import deconstructible

NAME = re.compile(r"^(?P<folder>[a-z_]+)/(?P<shard>[0-9a-f]{2})/(?P<token>[0-9a-f]{32})\.(?P<ext>[a-z0-9]{1,8})$")


class PrivateFileStorage(FileSystemStorage):
    """The private root: files under `BIAOZHUN_PRIVATE_MEDIA_ROOT`, with no URL (`url()` raises)."""

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.BIAOZHUN_PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private files have no URL: serve them with biaozhun.core.files.serve_file")


def private_storage() -> FileSystemStorage:
    """The storage of files that only a view asking the policy hands out (settings: STORAGES["default"])."""
    return storages["default"]


def public_storage() -> FileSystemStorage:
    """The storage of files everyone may read, served under MEDIA_URL (settings: STORAGES["public"])."""
    return storages["public"]


def name_for(folder: str, extension: str, token: str | None = None) -> str:
    token = token or secrets.token_hex(16)
    return f"{folder}/{token[:2]}/{token}.{extension}"


@deconstructible
class UnguessableName:
    """`upload_to` for private files: a random name in `folder`, keeping only the file's extension."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
        return name_for(self.folder, extension if re.fullmatch(r"[a-z0-9]{1,8}", extension) else "bin")

    def settled(self, name: str) -> str | None:
        """The name again if it is already of this form, else None."""
        match = NAME.match(name or "")
        return name if match and match["folder"] == self.folder and match["shard"] == match["token"][:2] else None

    def derived(self, old_name: str, salt: str) -> str:
        """The name a file stored as `old_name` moves to (`manage.py protect_files`): keyed by SECRET_KEY, so the
        same on every run (a move that stopped half-way resumes) and not derivable without the key."""
        digest = hmac.new(settings.SECRET_KEY.encode(), f"{salt}\0{old_name}".encode(), hashlib.sha256).hexdigest()
        extension = old_name.rsplit(".", 1)[-1].lower() if "." in old_name else "bin"
        return name_for(self.folder, extension if re.fullmatch(r"[a-z0-9]{1,8}", extension) else "bin", digest[:32])

    def __eq__(self, other) -> bool:
        return isinstance(other, UnguessableName) and other.folder == self.folder
