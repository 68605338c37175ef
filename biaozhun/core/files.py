"""Hand a stored file to the person a view has already let read it: streamed by Django, or by the proxy in front
(`BIAOZHUN_PROTECTED_FILES`: "nginx" answers with X-Accel-Redirect to an `internal` location, "apache" with
X-Sendfile), always with a safe file name, `nosniff`, and no caching anywhere for a restricted file."""

from __future__ import annotations

import logging
import re
from urllib.parse import quote

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header

logger = logging.getLogger(__name__)

PUBLIC_MAX_AGE = 3600  # seconds a public file may be cached (a replaced full text shows within the hour)
_UNSAFE = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|;]+')


def safe_filename(name: str, *, fallback: str = "download") -> str:
    """A file name a browser saves as is: no path, quotes, control or reserved characters; at most 150 characters,
    keeping the extension."""
    name = _UNSAFE.sub("_", name).strip(" ._") or fallback
    if len(name) > 150:
        stem, dot, extension = name.rpartition(".")
        name = f"{stem[:140]}.{extension[:8]}" if dot and len(extension) <= 8 else name[:150]
    return name


def serve_file(file: FieldFile, *, filename: str, content_type: str, restricted: bool,
               as_attachment: bool = True) -> HttpResponse:
    """The response for `file` (already allowed by the caller's policy check). `restricted`: not everyone may read
    it, so no cache (browser or shared) keeps it."""
    storage = file.storage
    if not file.name or not storage.exists(file.name):
        logger.error("stored file missing: %s", file.name)
        raise Http404
    mode = settings.BIAOZHUN_PROTECTED_FILES
    if mode == "nginx":
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = quote(settings.BIAOZHUN_PROTECTED_FILES_LOCATION + file.name)
    elif mode == "apache":
        response = HttpResponse(content_type=content_type)
        response["X-Sendfile"] = storage.path(file.name)
    else:
        response = FileResponse(storage.open(file.name, "rb"), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment, safe_filename(filename))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store" if restricted else f"public, max-age={PUBLIC_MAX_AGE}"
    return response
