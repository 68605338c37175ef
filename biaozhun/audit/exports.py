"""The audit log as CSV or XLSX, through the one spreadsheet writer (core/spreadsheets.py)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from biaozhun.core.spreadsheets import Workbook, csv_writer

from .models import AuditRecord


def header() -> list[str]:
    return [_("序号"), _("时间"), _("事件"), _("结果"), _("用户名"), _("地址"), _("浏览器"), _("对象"),
            _("数据"), _("哈希")]


def row(record: AuditRecord) -> list:
    return [record.seq, timezone.localtime(record.at).strftime("%Y-%m-%d %H:%M:%S"), record.get_kind_display(),
            record.get_outcome_display(), record.username, record.address, record.user_agent, record.target_repr,
            json.dumps(record.data, ensure_ascii=False, sort_keys=True), record.hash]


def as_csv(records: Iterable[AuditRecord]) -> bytes:
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(header())
    for record in records:
        writer.writerow(row(record))
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # with a BOM, so Excel and WPS read UTF-8


def as_xlsx(records: Iterable[AuditRecord]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.sheet(_("审计日志"))
    sheet.append(header())
    for record in records:
        sheet.append(row(record))
    return book.to_bytes()
