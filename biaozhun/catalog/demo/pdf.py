"""Render a standard's text as a PDF in the layout of a Chinese national standard (cover, foreword, clauses).

The text is generated from the catalogue record, so the demo has real PDFs to read and download.
Uses reportlab's built-in Chinese CID font (STSong-Light), so no font file is needed.
"""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from biaozhun.catalog.models import Standard

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
WIDTH, HEIGHT = A4
MARGIN = 25 * mm


def _wrap(text: str, width_chars: int) -> list[str]:
    return [text[i : i + width_chars] for i in range(0, len(text), width_chars)] or [""]


def _clauses(standard: Standard, references: list[str], english: bool) -> list[tuple[str, str]]:
    title = standard.title_en if english and standard.title_en else standard.title_zh
    if english:
        return [
            ("Foreword", f"This document was drafted in accordance with GB/T 1.1-2020. It specifies {title}."),
            ("1 Scope", standard.scope or f"This document specifies the requirements of {title}."),
            ("2 Normative references", "; ".join(references) or "There are no normative references in this document."),
            ("3 Terms and definitions", "For the purposes of this document, the following terms and definitions apply."),
            ("4 Requirements", "The requirements shall be verified by the test methods in Clause 5."),
            ("5 Test methods", "Tests shall be carried out under the conditions specified in this clause."),
        ]
    return [
        ("前言", f"本文件按照 GB/T 1.1—2020《标准化工作导则 第1部分：标准化文件的结构和起草规则》的规定起草。"
                 f"本文件由{standard.competent_department or '有关部门'}提出。本文件由{standard.responsible_unit or '有关单位'}归口。"),
        ("1 范围", standard.scope or f"本文件规定了{title}的要求、试验方法和检验规则。"),
        ("2 规范性引用文件", "下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。" + "；".join(references)),
        ("3 术语和定义", "下列术语和定义适用于本文件。"),
        ("4 要求", "产品应符合本文件的要求，并按经规定程序批准的图样及技术文件制造。"),
        ("5 试验方法", "除另有规定外，试验应在温度 15 ℃～35 ℃、相对湿度 25%～75% 的环境条件下进行。"),
        ("6 检验规则", "检验分为出厂检验和型式检验。"),
    ]


def render_standard_pdf(standard: Standard, *, references: list[str], language: str = "zh") -> bytes:
    english = language != "zh"
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, pageCompression=0)
    pdf.setTitle(f"{standard.identifier} {standard.title}")
    pdf.setAuthor("; ".join(standard.issued_by))

    # Cover
    pdf.setFont(FONT, 12)
    pdf.drawString(MARGIN, HEIGHT - MARGIN, f"ICS {'; '.join(standard.ics_codes)}")
    pdf.drawString(MARGIN, HEIGHT - MARGIN - 16, f"CCS {standard.ccs_id or ''}")
    pdf.setFont(FONT, 20)
    pdf.drawRightString(WIDTH - MARGIN, HEIGHT - MARGIN - 60, standard.identifier)
    pdf.setFont(FONT, 18)
    y = HEIGHT / 2 + 60
    title = standard.title_en if english and standard.title_en else standard.title_zh
    for line in _wrap(title, 40 if english else 20):
        pdf.drawCentredString(WIDTH / 2, y, line)
        y -= 28
    if not english and standard.title_en:
        pdf.setFont(FONT, 11)
        for line in _wrap(standard.title_en, 70):
            pdf.drawCentredString(WIDTH / 2, y, line)
            y -= 16
    pdf.setFont(FONT, 12)
    published = standard.published_on.isoformat() if standard.published_on else ""
    implemented = standard.implemented_on.isoformat() if standard.implemented_on else ""
    pdf.drawString(MARGIN, MARGIN + 40, f"{published} {'published' if english else '发布'}")
    pdf.drawRightString(WIDTH - MARGIN, MARGIN + 40, f"{implemented} {'implemented' if english else '实施'}")
    pdf.drawCentredString(WIDTH / 2, MARGIN + 10, "  ".join(standard.issued_by))
    pdf.showPage()

    # Body
    y = HEIGHT - MARGIN
    for heading, text in _clauses(standard, references, english):
        if y < MARGIN + 80:
            pdf.showPage()
            y = HEIGHT - MARGIN
        pdf.setFont(FONT, 13)
        pdf.drawString(MARGIN, y, heading)
        y -= 22
        pdf.setFont(FONT, 10.5)
        for line in _wrap(text, 80 if english else 40):
            if y < MARGIN:
                pdf.showPage()
                pdf.setFont(FONT, 10.5)
                y = HEIGHT - MARGIN
            pdf.drawString(MARGIN, y, line)
            y -= 16
        y -= 10
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
