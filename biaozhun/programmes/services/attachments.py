"""The files sent with an application: at most MAX_FILES, each of a declared kind, within
BIAOZHUN_MAX_PROGRAMME_ATTACHMENT_BYTES, and by its content (never its name) a PDF without scripts or a Word or
Excel file without macros (core/uploads.py). Checked before anything is stored; stored privately under an
unguessable name (core/storage.py)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from biaozhun.core.upload_limits import megabytes
from biaozhun.core.uploads import FileRejected, check_office, check_pdf
from biaozhun.development.services.documents import DOCX, PDF, XLSX, sniff

from ..models import ApplicationAttachment, AttachmentKind, PilotApplication

MAX_FILES = 5
EXTENSIONS = {PDF: "pdf", DOCX: "docx", XLSX: "xlsx"}


@dataclass(frozen=True)
class CheckedFile:
    kind: str
    filename: str
    content: bytes
    content_type: str


def accepted_names() -> str:
    return _("PDF、Word（.docx）或 Excel（.xlsx）文件")


def check_files(uploads: list[tuple[str, Any]]) -> tuple[list[CheckedFile], list[dict[str, str]]]:
    """``uploads``: (kind, file) pairs. The files checked, and one problem per refused file, naming it."""
    uploads = [(kind, u) for kind, u in uploads if u is not None and getattr(u, "size", 0)]
    if len(uploads) > MAX_FILES:
        return [], [{"field": "attachments", "message": _("最多上传 %(max)d 个附件，现有 %(count)d 个。") % {
            "max": MAX_FILES, "count": len(uploads)}}]
    limit = settings.BIAOZHUN_MAX_PROGRAMME_ATTACHMENT_BYTES
    checked: list[CheckedFile] = []
    problems: list[dict[str, str]] = []
    for index, (kind, upload) in enumerate(uploads):
        name = PurePath(getattr(upload, "name", "") or "").name[-150:] or f"attachment-{index + 1}"
        label = _("附件“%(name)s”") % {"name": name}
        try:
            if kind not in AttachmentKind.values:
                raise FileRejected(_("%(field)s的材料类型无效，请选择：%(kinds)s。") % {
                    "field": label, "kinds": "、".join(str(k.label) for k in AttachmentKind)})
            if upload.size > limit:
                raise FileRejected(_("%(field)s有 %(size)s MB，超过上限 %(max)s MB。请压缩或删去不需要的内容后上传。") % {
                    "field": label, "size": megabytes(upload.size), "max": megabytes(limit)})
            content_type = sniff(upload)
            if content_type == PDF:
                upload.seek(0)
                check_pdf(upload.read(limit + 1), label=label)
            elif content_type in (DOCX, XLSX):
                check_office(upload, label=label)
            else:
                raise FileRejected(_("%(field)s的内容不是 %(types)s（按文件内容判断，不看扩展名）。") % {
                    "field": label, "types": accepted_names()})
            upload.seek(0)
            checked.append(CheckedFile(kind, name, upload.read(limit + 1), content_type))
        except FileRejected as refused:
            problems.append({"field": f"attachments[{index}]", "message": refused.message})
    return checked, problems


def store(application: PilotApplication, files: list[CheckedFile]) -> list[ApplicationAttachment]:
    stored = []
    for checked in files:
        attachment = ApplicationAttachment(
            application=application, kind=checked.kind, filename=checked.filename, content_type=checked.content_type,
            size=len(checked.content), sha256=hashlib.sha256(checked.content).hexdigest())
        attachment.file.save(f"attachment.{EXTENSIONS[checked.content_type]}", ContentFile(checked.content),
                             save=False)
        attachment.save()
        stored.append(attachment)
    return stored
