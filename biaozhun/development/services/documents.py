"""Project documents: each upload is a new version of its kind, checked for size, for its real type (by content,
never by name) and its structure (a PDF that parses, without scripts; Word and Excel without macros:
core/uploads.py), stored with its digest under a name nobody can guess, and never overwritten."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.core.actors import user_or_none
from biaozhun.core.errors import InvalidTransition, ValidationFailed
from biaozhun.core.safe_read import ReadRefused, zip_entry_count
from biaozhun.core.uploads import FileRejected, check_office, check_pdf
from biaozhun.rules.stages import OPEN_STAGES

from ..models import DocumentKind, DraftDocument, Project, stage_label
from . import events
from .projects import frozen_error

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXTENSIONS = {PDF: "pdf", DOCX: "docx", XLSX: "xlsx"}
# Far more parts than a Word document with many images has; the directory of a 50 MB zip could list a million.
MAX_ZIP_ENTRIES = 10_000
# The part that makes an Office Open XML zip a Word document or a workbook.
ZIP_MARKERS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX}


def accepted_types(kind: str) -> tuple[str, ...]:
    """The content types a document of `kind` may have: PDF or Word, and Excel for the disposition table."""
    return (PDF, DOCX, XLSX) if kind == DocumentKind.DISPOSITION_TABLE else (PDF, DOCX)


def accepted_names(kind: str) -> str:
    names = {PDF: "PDF", DOCX: _("Word（.docx）"), XLSX: _("Excel（.xlsx）")}
    return _("或").join(names[t] for t in accepted_types(kind))


def sniff(upload) -> str | None:
    """The content type the bytes show (PDF, DOCX or XLSX), or None for anything else."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        if zip_entry_count(upload) > MAX_ZIP_ENTRIES:  # read from the end record, before the directory is parsed
            return None
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, EOFError, ReadRefused):
        return None
    finally:
        upload.seek(0)
    return next((kind for marker, kind in ZIP_MARKERS.items() if marker in names), None)


def _digest(upload) -> str:
    sha = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        sha.update(chunk)
    upload.seek(0)
    return sha.hexdigest()


def _problem(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(_("文件未能上传。"), [{"field": field, "message": message}])


def _check(kind: str, upload: UploadedFile | None, note: str) -> str:
    """The upload's content type, after the kind, size and type checks."""
    if kind not in DocumentKind.values:
        raise _problem("kind", _("请选择文件类型"))
    if len(note) > DraftDocument._meta.get_field("note").max_length:
        raise _problem("note", _("说明不超过 300 字"))
    if upload is None or not upload.size:
        raise _problem("upload", _("文件为空：请选择 %(types)s 文件") % {"types": accepted_names(kind)})
    limit = settings.BIAOZHUN_MAX_DOCUMENT_BYTES  # the page refuses a larger file before reading it (core.upload_limits)
    if upload.size > limit:
        raise _problem("upload", _("文件过大（%(size).1f MB），最大 %(max)d MB") % {
            "size": upload.size / 1024 / 1024, "max": limit // 1024 // 1024})
    content_type = sniff(upload)
    if content_type not in accepted_types(kind):
        raise _problem("upload", _("%(kind)s须为 %(types)s 文件；所选文件的内容不是这些格式（按内容判断，不看扩展名）") % {
            "types": accepted_names(kind), "kind": DocumentKind(kind).label})
    try:
        if content_type == PDF:
            check_pdf(upload, label=DocumentKind(kind).label)
        else:
            check_office(upload, label=DocumentKind(kind).label)
    except FileRejected as exc:
        raise _problem("upload", exc.message) from exc
    return content_type


@transaction.atomic
def upload_document(*, actor: Any, project: Project, kind: str, upload: UploadedFile | None,
                    note: str = "") -> DraftDocument:
    """Add the next version of a document of `kind` to an open project (提案 … 报批)."""
    policy.require(actor, "development.manage", project)
    note = note.strip()
    content_type = _check(kind, upload, note)
    project = Project.objects.select_for_update().get(pk=project.pk)  # one version number per upload
    if project.stage not in OPEN_STAGES:
        raise InvalidTransition(_("项目处于「%(stage)s」阶段，不能再上传文件。") % {
            "stage": stage_label(project.stage)}, current=project.stage)
    if project.frozen:
        raise frozen_error(project)
    latest = project.documents.filter(kind=kind).aggregate(latest=Max("version"))["latest"] or 0
    document = DraftDocument(
        project=project, kind=kind, version=latest + 1, stage=project.stage, content_type=content_type,
        filename=PurePath(upload.name or "").name[-200:] or f"{kind}.{EXTENSIONS[content_type]}",
        size=upload.size, sha256=_digest(upload), note=note,
        uploaded_by=user_or_none(actor), uploaded_at=clock.now(),
    )
    document.file.save(f"{kind}.{EXTENSIONS[content_type]}", upload, save=False)
    document.save()
    events.document_added(project, actor=actor, document=document)
    return document
