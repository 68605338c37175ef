"""Cite an edition: GB/T 7714-2015 (the Chinese reference style), BibTeX and RIS."""

from __future__ import annotations

import re

from .models import Standard, Tier

# National standards are published by the national standards press; others by their issuing bodies.
NATIONAL_PUBLISHER = ("北京", "中国标准出版社")


def _printed_number(identifier: str) -> str:
    """GB/T 7714 prints the year separator of Chinese numbers as an em dash: GB/T 19001—2016."""
    return re.sub(r"-(\d{4})(?=$|/)", r"—\1", identifier, count=1)


def _year(standard: Standard) -> str:
    if standard.published_on:
        return str(standard.published_on.year)
    return str(standard.year or "")


def gb7714(standard: Standard) -> str:
    """主要责任者. 标准名称: 标准号[S]. 出版地: 出版者, 出版年."""
    authors = ", ".join(standard.issued_by)
    parts = [f"{authors}. " if authors else ""]
    if standard.tier == Tier.INTERNATIONAL:
        parts.append(f"{standard.title_en or standard.title_zh}: {standard.identifier}[S]. ")
    else:
        parts.append(f"{standard.title_zh}: {_printed_number(standard.identifier)}[S]. ")
    if standard.tier == Tier.NATIONAL:
        place, publisher = NATIONAL_PUBLISHER
        parts.append(f"{place}: {publisher}, {_year(standard)}.")
    else:
        parts.append(f"{_year(standard)}.")
    return "".join(parts)


def _bib_escape(text: str) -> str:
    return re.sub(r"([{}%&$#_])", r"\\\1", text)


def bibtex(standard: Standard) -> str:
    key = re.sub(r"[^A-Za-z0-9]+", "", standard.identifier) or f"std{standard.pk}"
    fields = {
        "title": standard.title_zh or standard.title_en,
        "number": standard.identifier,
        "type": "Standard",
        "institution": ", ".join(standard.issued_by),
        "year": _year(standard),
        "note": standard.title_en if standard.title_zh and standard.title_en else "",
    }
    body = ",\n".join(f"  {name} = {{{_bib_escape(value)}}}" for name, value in fields.items() if value)
    return f"@techreport{{{key},\n{body}\n}}\n"


def ris(standard: Standard) -> str:
    lines = [("TY", "STAND"), ("TI", standard.title_zh or standard.title_en)]
    if standard.title_zh and standard.title_en:
        lines.append(("T2", standard.title_en))
    lines += [("AU", body) for body in standard.issued_by]
    lines += [("CN", standard.identifier), ("PY", _year(standard))]
    if standard.published_on:
        lines.append(("DA", standard.published_on.strftime("%Y/%m/%d")))
    if standard.tier == Tier.NATIONAL:
        lines += [("CY", NATIONAL_PUBLISHER[0]), ("PB", NATIONAL_PUBLISHER[1])]
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines)
