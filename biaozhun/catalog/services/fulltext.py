"""Attach a full-text PDF to an edition, checked for type and size."""

from __future__ import annotations

import hashlib
import re

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.catalog.models import FullText, Standard
from biaozhun.core.actors import user_or_none
from biaozhun.core.errors import ValidationFailed

from . import events
from .locking import lock_catalogue

LANGUAGES = {"zh", "en", "fr", "ru", "es", "ar", "de", "ja"}
_PAGE = re.compile(rb"/Type\s*/Page(?![s\w])")


def count_pdf_pages(content: bytes) -> int | None:
    """Pages of an uncompressed-object PDF; None when the page objects are inside compressed streams."""
    pages = len(_PAGE.findall(content))
    return pages or None


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
    if not content.startswith(b"%PDF-"):
        problems.append({"field": "file", "message": _("文件不是 PDF，请上传 PDF 格式的全文")})
    if len(content) > limit:
        problems.append({"field": "file", "message": _("文件大小为 %(size)s 字节，最大 %(limit)s 字节；请压缩后再上传") % {
            "size": len(content), "limit": limit}})
    if problems:
        raise ValidationFailed(_("全文未能上传，请按提示修改。"), problems)
    digest = hashlib.sha256(content).hexdigest()
    full_text = FullText.objects.filter(standard=standard, language=language).first() or FullText(
        standard=standard, language=language
    )
    if full_text.pk and full_text.sha256 == digest:
        return full_text
    if full_text.pk:
        full_text.file.delete(save=False)
    full_text.sha256, full_text.size = digest, len(content)
    full_text.page_count = count_pdf_pages(content)
    full_text.uploaded_by = user_or_none(actor)
    full_text.file.save(f"{standard.pk}-{language}.pdf", ContentFile(content), save=False)
    full_text.save()
    events.record([events.fulltext_attached(standard.pk, actor=actor, language=language, sha256=digest, size=len(content))])
    return full_text
