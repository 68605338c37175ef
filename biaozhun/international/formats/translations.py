"""A year's foreign-language versions plan as a file: one XLSX sheet, the headings in row 1, one project per row
from row 2 (read through core/sheet_upload.py, the safe readers); the template written by the safe writer."""

from __future__ import annotations

import datetime
from typing import IO, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from biaozhun.accounts.models import Organisation
from biaozhun.catalog import selectors as catalog_selectors
from biaozhun.core.sheet_upload import SheetSpec, UploadError, read_sheet_rows  # noqa: F401 (UploadError: for callers)
from biaozhun.core.spreadsheets import Workbook
from biaozhun.identifiers import IdentifierError

from ..models import TargetLanguage
from ..services.translations import ProjectInput

UPLOAD_SETTING = "BIAOZHUN_MAX_VALIDITY_UPLOAD_BYTES"
MAX_ROWS = 2000
COLUMNS = {
    "plan_number": gettext_lazy("计划编号"),
    "standard": gettext_lazy("标准号"),
    "language": gettext_lazy("语种"),
    "undertaker_name": gettext_lazy("承担单位"),
    "due_on": gettext_lazy("计划完成日期"),
    "note": gettext_lazy("备注"),
}
REQUIRED = ("plan_number", "standard", "language", "undertaker_name")
SPEC = SheetSpec(columns=COLUMNS, required=REQUIRED, label=gettext_lazy("外文版计划文件"), max_rows=MAX_ROWS,
                 upload_setting=UPLOAD_SETTING, too_many=gettext_lazy("文件超过 %(max)s 个项目；请分成几个文件导入。"))
headings = SPEC.headings
# How a language may be written in the file: its code, its Chinese name, or its English name.
_LANGUAGE_NAMES = {"英文": "en", "英语": "en", "english": "en", "法文": "fr", "法语": "fr", "french": "fr",
                   "俄文": "ru", "俄语": "ru", "russian": "ru", "西班牙文": "es", "西班牙语": "es", "spanish": "es",
                   "阿拉伯文": "ar", "阿拉伯语": "ar", "arabic": "ar", "德文": "de", "德语": "de", "german": "de",
                   "日文": "ja", "日语": "ja", "japanese": "ja"}


def language_code(value: Any) -> str:
    text = str(value or "").strip()
    return _LANGUAGE_NAMES.get(text.lower(), text.lower())


def _date(value: Any) -> tuple[datetime.date | None, bool]:
    """(the date, readable)."""
    if value in (None, ""):
        return None, True
    if isinstance(value, datetime.datetime):
        return value.date(), True
    if isinstance(value, datetime.date):
        return value, True
    try:
        return datetime.date.fromisoformat(str(value).strip().replace("/", "-")), True
    except ValueError:
        return None, False


def read_plan(source: bytes | IO[bytes], name: str, *, viewer, year: int) -> tuple[list[tuple[int, ProjectInput]],
                                                                                   list[dict[str, Any]]]:
    """The rows of a plan file as projects of `year`, and the problems found while reading them (a date or a
    standard number that cannot be read), each naming its row and column; UploadError when the file is unreadable."""
    rows, problems = [], []
    columns = headings()
    organisations = {}
    for line, values in read_sheet_rows(SPEC, source, name):
        number = str(values.get("standard", "")).strip()
        try:
            standard = catalog_selectors.edition_for_number(viewer=viewer, text=number) if number else None
        except IdentifierError:
            standard = None
        if number and standard is None:
            problems.append({"line": line, "column": columns["standard"], "field": "standard",
                             "message": _("目录中没有标准 %(number)s。") % {"number": number}})
        due_on, readable = _date(values.get("due_on"))
        if not readable:
            problems.append({"line": line, "column": columns["due_on"], "field": "due_on",
                             "message": _("日期请写成 2026-12-31 的形式。")})
        undertaker_name = str(values.get("undertaker_name", "")).strip()
        if undertaker_name not in organisations:
            organisations[undertaker_name] = Organisation.objects.filter(name=undertaker_name).first()
        rows.append((line, ProjectInput(
            standard=standard, language=language_code(values.get("language")), plan_year=year,
            plan_number=str(values.get("plan_number", "")).strip(), undertaker_name=undertaker_name,
            undertaker=organisations[undertaker_name], due_on=due_on, note=str(values.get("note", "")).strip())))
    return rows, problems


def template_xlsx() -> bytes:
    workbook = Workbook()
    sheet = workbook.sheet(str(_("外文版计划")))
    sheet.worksheet.freeze_panes = "A2"
    sheet.append([str(heading) for heading in COLUMNS.values()])
    sheet.append(["2026-EN-001", "GB 2762-2017", _("英文"), _("中国标准化研究院"), "2026-12-31", ""])
    for column, width in zip("ABCDEF", (16, 22, 10, 30, 14, 30), strict=True):
        sheet.worksheet.column_dimensions[column].width = width
    notes = workbook.sheet(str(_("填写说明")))
    notes.append([_("只读取第一个工作表；第 1 行为标题行，每行一个项目。")])
    notes.append([_("语种可填：%(choices)s") % {"choices": "、".join(
        f"{label}（{code}）" for code, label in TargetLanguage.choices)}])
    return workbook.to_bytes()
