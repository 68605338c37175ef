"""The files sent with an item: at most MAX_FILES, each within BIAOZHUN_MAX_FEEDBACK_ATTACHMENT_BYTES, of a type
judged by its content (never its name): a PDF that parses without scripts, a Word or Excel file without macros
(core/uploads.py), or a JPEG or PNG photo (re-encoded without its metadata). Checked before anything is stored;
stored privately under an unguessable name (core/storage.py)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from biaozhun.core.uploads import FileRejected, check_image, check_office, check_pdf
from biaozhun.development.services.documents import DOCX, PDF, XLSX, sniff

from ..models import Feedback, FeedbackAttachment

MAX_FILES = 3
EXTENSIONS = {PDF: "pdf", DOCX: "docx", XLSX: "xlsx"}
_IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")


@dataclass(frozen=True)
class CheckedFile:
    filename: str
    content: bytes
    content_type: str
    extension: str


def accepted_names() -> str:
    return _("PDF、Word（.docx）、Excel（.xlsx）、JPEG 或 PNG 图片")


def _read(upload: Any, limit: int) -> bytes:
    upload.seek(0)
    content = upload.read(limit + 1)
    upload.seek(0)
    return content


def check_files(uploads: list[Any]) -> tuple[list[CheckedFile], list[dict[str, str]]]:
    """The files, checked; and the problems found (one per refused file, naming it), for the caller's
    ValidationFailed. Nothing is stored here."""
    uploads = [u for u in uploads if u is not None and getattr(u, "size", 0)]
    problems: list[dict[str, str]] = []
    if len(uploads) > MAX_FILES:
        problems.append({"field": "attachments", "message": _("最多上传 %(max)d 个附件，现有 %(count)d 个。") % {
            "max": MAX_FILES, "count": len(uploads)}})
        return [], problems
    limit = settings.BIAOZHUN_MAX_FEEDBACK_ATTACHMENT_BYTES
    checked = []
    for index, upload in enumerate(uploads, start=1):
        name = PurePath(getattr(upload, "name", "") or "").name[-150:] or f"attachment-{index}"
        label = _("附件“%(name)s”") % {"name": name}
        try:
            if upload.size > limit:
                raise FileRejected(_("%(field)s有 %(size).1f MB，超过上限 %(max)d MB。请压缩或删去不需要的内容后上传。") % {
                    "field": label, "size": upload.size / 1024 / 1024, "max": limit // 1024 // 1024})
            content = _read(upload, limit)
            if content.startswith(_IMAGE_MAGIC):
                image = check_image(content, label=label)
                checked.append(CheckedFile(name, image.content, image.content_type, image.extension))
                continue
            content_type = sniff(upload)
            if content_type == PDF:
                check_pdf(content, label=label)
            elif content_type in (DOCX, XLSX):
                check_office(upload, label=label)
            else:
                raise FileRejected(_("%(field)s的内容不是 %(types)s（按文件内容判断，不看扩展名）。") % {
                    "field": label, "types": accepted_names()})
            checked.append(CheckedFile(name, content, content_type, EXTENSIONS[content_type]))
        except FileRejected as refused:
            problems.append({"field": f"attachments[{index - 1}]", "message": refused.message})
    return checked, problems


def store(item: Feedback, files: list[CheckedFile]) -> list[FeedbackAttachment]:
    stored = []
    for checked in files:
        attachment = FeedbackAttachment(feedback=item, filename=checked.filename, content_type=checked.content_type,
                                        size=len(checked.content), sha256=hashlib.sha256(checked.content).hexdigest())
        attachment.file.save(f"attachment.{checked.extension}", ContentFile(checked.content), save=False)
        attachment.save()
        stored.append(attachment)
    return stored
