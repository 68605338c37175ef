"""Bulk declaration files for the import tests: JSONL bytes, an XLSX in the template's layout, and rows for the
``enterprise_profile`` fixture's enterprise (code CSQY) against the ``diesel_standards`` fixture."""

from __future__ import annotations

import io
import json

from openpyxl import Workbook

from biaozhun.declarations.bulk_format import DECLARATION_FIELDS, INDICATOR_FIELDS, bilingual


def jsonl(rows: list[dict]) -> bytes:
    return ("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n").encode()


def good_rows(uscc: str = "") -> list[dict]:
    """Two declarations of three rows: GB 19147-2016 for two products, an enterprise standard with its table."""
    return [
        {"uscc": uscc, "product": {"name": "车用柴油", "model": "0号"}, "identifier": "GB 19147-2016"},
        {"uscc": uscc, "product": {"name": "车用柴油", "model": "-10号"}, "identifier": "GB 19147-2016"},
        {"uscc": uscc, "product": {"name": "车用柴油", "model": "-20号"}, "identifier": "Q/CSQY 7-2025",
         "title": "车用柴油", "indicators": [{"name": "硫含量", "unit": "mg/kg", "comparator": "le", "upper": 8}]},
    ]


def xlsx(declarations: list[list], indicators: list[list] = ()) -> bytes:
    """A workbook in the template's layout (bilingual headings) with these rows (values in heading order)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "声明"
    sheet.append([bilingual(zh, en) for _key, zh, en in DECLARATION_FIELDS])
    for row in declarations:
        sheet.append(row)
    table = book.create_sheet("指标")
    table.append([bilingual(zh, en) for _key, zh, en in INDICATOR_FIELDS])
    for row in indicators:
        table.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
