"""Real files for upload tests: a PDF that parses (rendered with reportlab) and hostile variants of it."""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject
from reportlab.pdfgen import canvas


def real_pdf(text: str = "Draft", pages: int = 1) -> bytes:
    """A small PDF with `pages` pages; the same bytes for the same arguments."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    for page in range(pages):
        pdf.drawString(100, 700, f"{text} {page + 1}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


PDF = real_pdf()


def _rewritten(change) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(PDF)))
    change(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_with_open_action_script() -> bytes:
    """Runs JavaScript when opened (the catalogue's /OpenAction)."""
    action = DictionaryObject({NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")})
    return _rewritten(lambda writer: writer._root_object.__setitem__(NameObject("/OpenAction"), action))


def pdf_with_embedded_file() -> bytes:
    """Carries an attachment (the /EmbeddedFiles names tree)."""
    return _rewritten(lambda writer: writer.add_attachment("setup.exe", b"MZ\x90\x00"))


def encrypted_pdf() -> bytes:
    return _rewritten(lambda writer: writer.encrypt(user_password="", owner_password="owner"))


HTML_AFTER_HEADER = b"%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body></html>\n"
