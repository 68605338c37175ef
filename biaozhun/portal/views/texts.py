"""A standard's texts: read online (pdf.js), download, and its amendment sheets (修改单) with it.

What a reader may do follows catalog/text_access.py (可下载 / 可在线预览 / 不公开, decided from the kind of standard):
these views refuse what it does not allow with its reason (403), whatever a page offers; the people who maintain
the catalogue (`catalog.read_any_text`) may read and download every text. Amendment sheets follow the access of the
standard's Chinese text. Download offers the text with its amendments as one ZIP, the files as published.
"""

from __future__ import annotations

import tempfile
import zipfile

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from biaozhun.accounts import policy
from biaozhun.catalog import selectors, text_access
from biaozhun.catalog.models import Amendment, Standard
from biaozhun.core.files import PUBLIC_MAX_AGE, safe_filename, serve_file
from biaozhun.stats import usage

BUNDLE_SPOOL = 8 * 1024 * 1024  # bytes of a ZIP kept in memory before it spills to a temporary file


def _standard(request, identifier: str) -> Standard:
    standard = selectors.standard_by_identifier(viewer=request.user, identifier=identifier)
    if standard is None:
        raise Http404(identifier)
    return standard


def _allowed(request, standard: Standard, offer: text_access.TextOffer, *, download: bool) -> bool:
    """True if the rules let everyone do it; False if only the viewer's role does; PermissionDenied otherwise."""
    if offer.can_download or (offer.can_read and not download):
        return True
    if policy.can(request.user, "catalog.read_any_text", standard):
        return False
    raise PermissionDenied(text_access.refusal(offer, download=download))


def _public(standard: Standard, everyone: bool) -> bool:
    """Cacheable: everyone may have it and visitors who are not signed in see the edition (a withdrawn one is found
    by nobody)."""
    return everyone and policy.visible("catalog.standards", AnonymousUser()).filter(pk=standard.pk).exists()


def _stem(identifier: str) -> str:
    return identifier.replace("/", "_")


def _amendments_with_text(standard: Standard) -> list[Amendment]:
    return [sheet for sheet in standard.amendments.all() if sheet.file]


def _reader(request, standard: Standard, *, title: str, label: str, pdf_url: str, offer, download_url: str | None):
    sheets = list(standard.amendments.all())
    with_text = [sheet for sheet in sheets if sheet.file]
    bundle_url = None
    if download_url and with_text:
        bundle_url = reverse("portal:text_bundle", args=[standard.identifier, "zh"])
    return render(request, "portal/reader.html", {
        "standard": standard, "title": title, "label": label, "pdf_url": pdf_url, "offer": offer,
        "download_url": download_url, "bundle_url": bundle_url, "amendments": sheets,
    })


@require_safe
def read_full_text(request, identifier: str, language: str):
    """Read the full text in the browser (pdf.js); the PDF itself comes from `full_text`. The amendment sheets are
    listed with it, to read right after the text."""
    standard = _standard(request, identifier)
    text = standard.full_texts.filter(language=language).first()
    if text is None:
        raise Http404(identifier)
    offer = text_access.offer(standard, language=language)
    _allowed(request, standard, offer, download=False)
    may_download = offer.can_download or policy.can(request.user, "catalog.read_any_text", standard)
    usage.count(request, standard, "reads")
    pdf_url = reverse("portal:full_text", args=[standard.identifier, language])
    return _reader(request, standard, title=standard.identifier, label=language, pdf_url=pdf_url, offer=offer,
                   download_url=f"{pdf_url}?download=1" if may_download else None)


@require_safe
def full_text(request, identifier: str, language: str):
    standard = _standard(request, identifier)
    text = standard.full_texts.filter(language=language).first()
    if text is None:
        raise Http404(language)
    download = request.GET.get("download") == "1"
    everyone = _allowed(request, standard, text_access.offer(standard, language=language), download=download)
    if download:
        usage.count(request, standard, "downloads")
    return serve_file(text.file, filename=f"{_stem(standard.identifier)}-{language}.pdf",
                      content_type="application/pdf", restricted=not _public(standard, everyone),
                      as_attachment=download)


def _sheet(standard: Standard, number: int) -> Amendment:
    sheet = standard.amendments.filter(number=number).first()
    if sheet is None or not sheet.file:
        raise Http404(str(number))
    return sheet


@require_safe
def read_amendment(request, identifier: str, number: int):
    """Read an amendment sheet in the browser, as its standard's text may be read."""
    standard = _standard(request, identifier)
    sheet = _sheet(standard, number)
    offer = text_access.offer(standard)
    _allowed(request, standard, offer, download=False)
    may_download = offer.can_download or policy.can(request.user, "catalog.read_any_text", standard)
    pdf_url = reverse("portal:amendment_text", args=[standard.identifier, number])
    return _reader(request, standard, title=sheet.identifier, label=_("修改单"), pdf_url=pdf_url, offer=offer,
                   download_url=f"{pdf_url}?download=1" if may_download else None)


@require_safe
def amendment_text(request, identifier: str, number: int):
    standard = _standard(request, identifier)
    sheet = _sheet(standard, number)
    download = request.GET.get("download") == "1"
    everyone = _allowed(request, standard, text_access.offer(standard), download=download)
    return serve_file(sheet.file, filename=f"{_stem(sheet.identifier)}.pdf", content_type="application/pdf",
                      restricted=not _public(standard, everyone), as_attachment=download)


@require_safe
def text_bundle(request, identifier: str, language: str):
    """The text in `language` and every amendment sheet that has its own text, as one ZIP (files unchanged)."""
    standard = _standard(request, identifier)
    text = standard.full_texts.filter(language=language).first()
    sheets = _amendments_with_text(standard)
    if text is None or not sheets:
        raise Http404(identifier)
    everyone = _allowed(request, standard, text_access.offer(standard, language=language), download=True)
    bundle = tempfile.SpooledTemporaryFile(max_size=BUNDLE_SPOOL)  # noqa: SIM115 (FileResponse closes it)
    with zipfile.ZipFile(bundle, "w", compression=zipfile.ZIP_STORED) as archive:  # PDFs are compressed already
        for name, field_file in [(f"{_stem(standard.identifier)}.pdf", text.file),
                                 *((f"{_stem(sheet.identifier)}.pdf", sheet.file) for sheet in sheets)]:
            if not field_file.storage.exists(field_file.name):
                raise Http404(name)
            with field_file.storage.open(field_file.name, "rb") as handle:
                archive.writestr(safe_filename(name), handle.read())
    bundle.seek(0)
    response = FileResponse(bundle, content_type="application/zip")
    filename = safe_filename(_("%(identifier)s（含修改单）.zip") % {"identifier": _stem(standard.identifier)})
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    public = _public(standard, everyone)
    response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}" if public else "private, no-store"
    return response
