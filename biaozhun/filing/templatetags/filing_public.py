"""Template helpers of the public filing pages: an authority's name in the reader's language and a filed
standard's status badge (``{% load filing_public %}``)."""

from django import template
from django.utils.html import format_html

from biaozhun.core.bilingual import EN, ZH, LocalizedText, reads_english

from ..models import FiledStatus

register = template.Library()


@register.filter
def authority_name(organisation) -> LocalizedText:
    """The organisation's English name for an English reader when it has one, else its (Chinese) name."""
    if reads_english() and getattr(organisation, "name_en", ""):
        return LocalizedText(organisation.name_en, EN)
    return LocalizedText(organisation.name, ZH)


@register.simple_tag
def filed_status(standard) -> str:
    """The status badge as the filing platforms name it (现行, 有更新版, 废止, 即将实施), in the catalogue's colours."""
    if standard is None or standard.status not in FiledStatus.values:
        return ""
    return format_html('<span class="badge status-{}">{}</span>', standard.status, FiledStatus(standard.status).label)
