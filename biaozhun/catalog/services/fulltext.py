"""Attach a full-text PDF to an edition, or an amendment sheet's own PDF, checked for size and structure
(core/uploads.py)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.catalog.models import Amendment, FullText, Standard
from biaozhun.core.actors import user_or_none
from biaozhun.core.errors import ValidationFailed
from biaozhun.core.uploads import FileRejected, check_pdf

from . import events
from .locking import lock_catalogue

LANGUAGES = {"zh", "en", "fr", "ru", "es", "ar", "de", "ja"}


def _checked_pdf(content: bytes, problems: list[dict], *, label: str):
    """The PDF's facts (pages), or None with what is wrong appended to `problems`."""
    limit = settings.BIAOZHUN_MAX_FULLTEXT_BYTES
    if len(content) > limit:
        problems.append({"field": "file", "message": _("文件大小为 %(size)s 字节，最大 %(limit)s 字节；请压缩后再上传") % {
            "size": len(content), "limit": limit}})
    elif not content.startswith(b"%PDF-"):
        problems.append({"field": "file", "message": _("文件不是 PDF，请上传 PDF 格式的全文")})
    else:
        try:
            return check_pdf(content, label=label)
        except FileRejected as exc:
            problems.append({"field": "file", "message": exc.message})
    return None


def _replace_later(field_file) -> None:
    """The replaced file goes once the new one is committed."""
    if field_file.name:
        replaced, storage = field_file.name, field_file.storage
        transaction.on_commit(lambda: storage.delete(replaced))


@transaction.atomic
def attach_full_text(*, actor, standard: Standard, content: bytes, language: str = "zh") -> FullText:
    """Store `content` as the edition's full text in `language`, replacing an earlier file of that language."""
    policy.require(actor, "catalog.attach_fulltext", standard)
    lock_catalogue()
    problems = []
    if language not in LANGUAGES:
        problems.append({"field": "language", "message": _("“%(language)s”不是可用的语种，可选：%(choices)s") % {
            "language": language, "choices": ", ".join(sorted(LANGUAGES))}})
    facts = _checked_pdf(content, problems, label=_("全文"))
    if problems:
        raise ValidationFailed(_("全文未能上传，请按提示修改。"), problems)
    digest = hashlib.sha256(content).hexdigest()
    full_text = FullText.objects.filter(standard=standard, language=language).first() or FullText(
        standard=standard, language=language
    )
    if full_text.pk and full_text.sha256 == digest:
        return full_text
    if full_text.pk:
        _replace_later(full_text.file)
    full_text.sha256, full_text.size = digest, len(content)
    full_text.page_count = facts.pages
    full_text.uploaded_by = user_or_none(actor)
    full_text.file.save("full-text.pdf", ContentFile(content), save=False)
    full_text.save()
    events.record([events.fulltext_attached(standard.pk, actor=actor, language=language, sha256=digest, size=len(content))])
    return full_text


@transaction.atomic
def attach_amendment_text(*, actor, amendment: Amendment, content: bytes) -> Amendment:
    """Store `content` as the amendment sheet's text (修改单文本), replacing an earlier one; readers get it with the
    standard's text."""
    policy.require(actor, "catalog.attach_fulltext", amendment.standard)
    lock_catalogue()
    problems: list[dict] = []
    facts = _checked_pdf(content, problems, label=_("修改单"))
    if problems:
        raise ValidationFailed(_("修改单文本未能上传，请按提示修改。"), problems)
    digest = hashlib.sha256(content).hexdigest()
    current = Amendment.objects.select_for_update().get(pk=amendment.pk)
    if current.sha256 == digest and current.file:
        return current
    _replace_later(current.file)
    current.sha256, current.size, current.page_count = digest, len(content), facts.pages
    current.file.save("amendment.pdf", ContentFile(content), save=False)
    current.save(update_fields=["file", "sha256", "size", "page_count"])
    events.record([events.amendment_text(current.standard_id, actor=actor, number=current.number, sha256=digest,
                                         size=len(content))])
    return current
