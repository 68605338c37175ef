"""The files the bulk declaration format writes (docs/declarations-import.md), through the safe writer
(core/spreadsheets.py): the XLSX template, with its headings in Chinese and English and an example row the reader
skips, and the rejects file of an import that wrote its valid rows, in the format of the file it came from (XLSX
or JSONL), each refused row with its problems, so that it imports again once corrected."""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext as _

from biaozhun.core.spreadsheets import Workbook

from .bulk_format import DECLARATION_FIELDS, EXAMPLE_MARK, INDICATOR_FIELDS, SHEETS, Record, bilingual

PROBLEMS_HEADING = bilingual("问题", "Problems")
EXAMPLE_USCC = f"{EXAMPLE_MARK}（导入时跳过此行）"
EXAMPLES = (
    {"uscc": EXAMPLE_USCC, "product_name": "车用柴油", "product_model": "0号", "product_code": "P-001",
     "source": "标准", "identifier": "GB 19147-2016"},
    {"uscc": EXAMPLE_USCC, "product_name": "车用柴油", "product_model": "-10号", "source": "本企业标准",
     "identifier": "Q/ABC 001-2025", "title": "车用柴油"},
)
EXAMPLE_INDICATORS = (
    {"uscc": EXAMPLE_USCC, "identifier": "Q/ABC 001-2025", "name": "硫含量", "unit": "mg/kg", "comparator": "≤",
     "upper": 10, "test_method": "SH/T 0689", "category": "环境保护指标"},
    {"uscc": EXAMPLE_USCC, "identifier": "Q/ABC 001-2025", "name": "闪点", "unit": "℃", "comparator": "≥",
     "lower": 60, "test_method": "GB/T 261", "category": "安全指标"},
)
_WIDTHS = {"uscc": 24, "product_name": 18, "identifier": 20, "title": 22, "reference_standards": 22, "name": 16,
           "test_method": 16}


def _sheet(book: Workbook, title: str, fields: tuple, extra: tuple[str, ...] = ()):
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = book.sheet(title)
    cells = sheet.append([bilingual(zh, en) for _key, zh, en in fields] + list(extra))
    for column, cell in enumerate(cells, start=1):
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        key = fields[column - 1][0] if column <= len(fields) else ""
        sheet.worksheet.column_dimensions[get_column_letter(column)].width = _WIDTHS.get(key, 40 if extra and
                                                                                         column > len(fields) else 12)
    sheet.worksheet.freeze_panes = "A2"
    return sheet


def template_xlsx() -> bytes:
    """Sheet 声明 (one row per product and standard), sheet 指标 (an enterprise standard's indicator rows, matched
    by 标准号) and a sheet of notes. The example rows say 示例 in their first column: the reader skips them."""
    book = Workbook()
    declarations = _sheet(book, str(SHEETS[0]), DECLARATION_FIELDS)
    for example in EXAMPLES:
        declarations.append([example.get(key, "") for key, _zh, _en in DECLARATION_FIELDS])
    indicators = _sheet(book, str(SHEETS[1]), INDICATOR_FIELDS)
    for example in EXAMPLE_INDICATORS:
        indicators.append([example.get(key, "") for key, _zh, _en in INDICATOR_FIELDS])
    notes = book.sheet(_("填写说明"))
    for line in (
        _("每行一个产品和它执行的一项标准；同一标准号的各行合为一份声明，列出所有这些产品。"),
        _("标准号写带年代号的完整编号，如 GB 19147-2016、Q/ABC 001-2025。"),
        _("标准类型可不填：Q/ 开头的为本企业标准，其余为国家、行业、地方或团体标准。"),
        _("本企业标准须在“指标”工作表中填写指标（按标准号对应），或在导入后修改声明上传标准文本。"),
        _("在企业的批量声明页面导入时，统一社会信用代码可以不填；填写的必须是本企业的代码。"),
        _("第一列以“示例”开头的行是示例，导入时跳过；可以删除，也可以保留。"),
        _("格式说明：docs/declarations-import.md（平台帮助中的“批量声明”）。"),
    ):
        notes.append([line])
    notes.worksheet.column_dimensions["A"].width = 100
    return book.to_bytes()


def _problem_text(problems: list[dict[str, Any]]) -> str:
    return "\n".join(f"{p['field']}: {p['message']}" if p.get("field") else p["message"] for p in problems)


def rejects_xlsx(rejected: list[tuple[Record, list[dict[str, Any]]]]) -> bytes:
    """The refused rows in the template's layout with a last column of problems; their indicator rows (once per
    standard number) on sheet 指标."""
    book = Workbook()
    declarations = _sheet(book, str(SHEETS[0]), DECLARATION_FIELDS, (PROBLEMS_HEADING,))
    indicators = _sheet(book, str(SHEETS[1]), INDICATOR_FIELDS)
    written: set[tuple[str, str]] = set()
    for record, problems in rejected:
        declarations.append([record.uscc, record.product_name, record.product_model, record.product_code,
                             record.source, record.identifier, record.title, "; ".join(record.reference_standards),
                             _problem_text(problems)])
        key = (record.uscc, record.identifier.upper())
        if record.indicators and key not in written:
            written.add(key)
            for row in record.indicators:
                indicators.append([record.uscc, record.identifier, *(row.get(k) for k, _zh, _en in
                                                                     INDICATOR_FIELDS[2:])])
    return book.to_bytes()


def rejects_jsonl(rejected: list[tuple[Record, list[dict[str, Any]]]]) -> bytes:
    """One line per refused row, in the import's JSONL format, with its `line` and `errors`; a line that was not a
    JSON object comes back as `raw`."""
    lines = []
    for record, problems in rejected:
        errors = [{"field": p.get("field", ""), "message": p["message"]} for p in problems]
        if record.raw is not None and not isinstance(record.raw, dict):
            data: dict[str, Any] = {"raw": record.raw, "line": record.line, "errors": errors}
        else:
            data = {"uscc": record.uscc, "product": {"name": record.product_name, "model": record.product_model,
                                                    "code": record.product_code},
                    "source": record.source, "identifier": record.identifier, "title": record.title,
                    "reference_standards": record.reference_standards, "indicators": record.indicators or [],
                    "line": record.line, "errors": errors}
        lines.append(json.dumps(data, ensure_ascii=False))
    return ("\n".join(lines) + "\n").encode()
