"""Attach a full-text PDF to an edition, checked for size and structure (core/uploads.py)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.catalog.models import FullText, Standard
from biaozhun.core.actors import user_or_none
from biaozhun.core.errors import ValidationFailed
from biaozhun.core.uploads import FileRejected, check_pdf

from . import events
from .locking import lock_catalogue

LANGUAGES = {"zh", "en", "fr", "ru", "es", "ar", "de", "ja"}


@transaction.atomic
def attach_full_text(*, actor, standard: Standard, content: bytes, language: str = "zh") -> FullText:
    """Store `content` as the edition's full text in `language`, replacing an earlier file of that language."""
    policy.require(actor, "catalog.attach_fulltext", standard)
    lock_catalogue()
    limit = settings.BIAOZHUN_MAX_FULLTEXT_BYTES
    problems = []
    if language not in LANGUAGES:
        problems.append({"field": "language", "message": _("“%(language)s”不是可用的语种，可选：%(choices)s") % {
            "language": language, "choices": ", ".join(sorted(LANGUAGES))}})
    facts = None
    if len(content) > limit:
        problems.append({"field": "file", "message": _("文件大小为 %(size)s 字节，最大 %(limit)s 字节；请压缩后再上传") % {
            "size": len(content), "limit": limit}})
    elif not content.startswith(b"%PDF-"):
        problems.append({"field": "file", "message": _("文件不是 PDF，请上传 PDF 格式的全文")})
    else:
        try:
            facts = check_pdf(content, label=_("全文"))
        except FileRejected as exc:
            problems.append({"field": "file", "message": exc.message})
    if problems:
        raise ValidationFailed(_("全文未能上传，请按提示修改。"), problems)
    digest = hashlib.sha256(content).hexdigest()
    full_text = FullText.objects.filter(standard=standard, language=language).first() or FullText(
        standard=standard, language=language
    )
    if full_text.pk and full_text.sha256 == digest:
        return full_text
    if full_text.pk:  # the replaced file goes once the new one is committed
        replaced, storage = full_text.file.name, full_text.file.storage
        transaction.on_commit(lambda: storage.delete(replaced))
    full_text.sha256, full_text.size = digest, len(content)
    full_text.page_count = facts.pages
    full_text.uploaded_by = user_or_none(actor)
    full_text.file.save("full-text.pdf", ContentFile(content), save=False)
    full_text.save()
    events.record([events.fulltext_attached(standard.pk, actor=actor, language=language, sha256=digest, size=len(content))])
    return full_text
