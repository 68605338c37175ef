"""Reports as PDF: headings, lines and wrapped tables down A4 pages, in reportlab's built-in Chinese CID font
STSong-Light, so Chinese text renders in any reader and can be extracted, with no font file to ship.

    writer = PdfReport(title)
    writer.text(title, size=15, gap=10)
    writer.table(headings, rows, widths=(0.3, 0.7))   # widths: shares of the text width
    return writer.finish()                             # the PDF's bytes
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

PDF = "application/pdf"
FONT = "STSong-Light"
if FONT not in pdfmetrics.getRegisteredFontNames():
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def wrap(text: Any, width: float, size: float) -> list[str]:
    """The text cut into lines no wider than `width` points at `size` (character by character: Chinese has no
    spaces to break at); a newline always breaks."""
    lines, line = [], ""
    for char in str(text):
        if char == "\n" or pdfmetrics.stringWidth(line + char, FONT, size) > width:
            lines.append(line)
            line = "" if char == "\n" else char
            continue
        line += char
    return [*lines, line]


class PdfReport:
    """Lines, headings and wrapped tables down A4 pages in the Chinese font."""

    def __init__(self, title: str, margin: float = 16 * mm) -> None:
        self.buffer = io.BytesIO()
        self.pdf = canvas.Canvas(self.buffer, pagesize=A4)
        self.pdf.setTitle(title)
        self.width, self.height = A4
        self.margin = margin
        self.y = self.height - self.margin

    def room(self, needed: float) -> None:
        """A new page unless `needed` points are left above the bottom margin."""
        if self.y - needed < self.margin:
            self.pdf.showPage()
            self.y = self.height - self.margin

    def space(self, points: float) -> None:
        self.y -= points

    def text(self, text: str, size: float = 10, gap: float = 4) -> None:
        for part in wrap(text, self.width - 2 * self.margin, size):
            self.room(size + gap)
            self.pdf.setFont(FONT, size)
            self.pdf.drawString(self.margin, self.y - size, part)
            self.y -= size + gap

    def table(self, headings: Sequence[Any], rows: Sequence[Sequence[Any]], widths: Sequence[float],
              size: float = 8.5) -> None:
        """Headings, a rule under them, then the rows; each cell wrapped within its column (`widths` are shares
        of the text width, summing to 1)."""
        span = self.width - 2 * self.margin
        columns = [self.margin + sum(widths[:i]) * span for i in range(len(widths))]
        for index, row in enumerate([headings, *rows]):
            cells = [wrap("" if cell is None else cell, widths[i] * span - 4, size) for i, cell in enumerate(row)]
            needed = max(len(cell) for cell in cells) * (size + 2.5) + 3
            self.room(needed)
            self.pdf.setFont(FONT, size)
            for i, cell in enumerate(cells):
                for j, part in enumerate(cell):
                    self.pdf.drawString(columns[i], self.y - size - j * (size + 2.5), part)
            self.y -= needed
            if index == 0:
                self.pdf.line(self.margin, self.y + 1.5, self.width - self.margin, self.y + 1.5)

    def finish(self) -> bytes:
        self.pdf.showPage()
        self.pdf.save()
        return self.buffer.getvalue()
