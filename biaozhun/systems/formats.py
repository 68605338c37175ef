"""A standard system as one XLSX sheet (体系表): the headings in row 1, one node a row from row 2 — node code,
parent code, node name, ICS codes, standard numbers, project plan numbers, planned standards. Several values in a
cell are one a line (or separated by ；;，,、). A planned standard is "title | number | priority | year", the last
three optional. Read through core/sheet_upload.py (the safe readers); written through core/spreadsheets.py, so an
export imports back into the same system."""

from __future__ import annotations

import re
from typing import IO, Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from biaozhun.catalog import selectors as catalog_selectors
from biaozhun.core.sheet_upload import SheetSpec, UploadError, read_sheet_rows  # noqa: F401 (UploadError: for callers)
from biaozhun.core.spreadsheets import Workbook
from biaozhun.development.models import Project
from biaozhun.identifiers import IdentifierError

from .models import Priority
from .selectors import SystemView
from .services.systems import ImportNode, PlannedInput

UPLOAD_SETTING = "BIAOZHUN_MAX_VALIDITY_UPLOAD_BYTES"
MAX_ROWS = 5000
COLUMNS = {
    "code": gettext_lazy("节点编号"),
    "parent": gettext_lazy("上级节点编号"),
    "name": gettext_lazy("节点名称"),
    "ics_codes": gettext_lazy("国际标准分类号"),
    "standards": gettext_lazy("标准号"),
    "projects": gettext_lazy("项目计划号"),
    "planned": gettext_lazy("拟制定标准"),
}
REQUIRED = ("code", "parent", "name")
SPEC = SheetSpec(columns=COLUMNS, required=REQUIRED, label=gettext_lazy("体系表文件"), max_rows=MAX_ROWS,
                 upload_setting=UPLOAD_SETTING, too_many=gettext_lazy("文件超过 %(max)s 个节点；请精简后再导入。"))
headings = SPEC.headings
_SPLIT = re.compile(r"[\n;；,，、]+")
_PLANNED_SPLIT = re.compile(r"\s*[|｜]\s*")


def _values(value: Any) -> list[str]:
    return [part.strip() for part in _SPLIT.split(str(value or "")) if part.strip()]


def _priority(text: str) -> str | None:
    """A priority as written: its value (high), or its label in the current or the site's language (高)."""
    text = text.strip()
    if not text:
        return Priority.MEDIUM
    with override(settings.LANGUAGE_CODE):
        source = {str(label): value for value, label in Priority.choices}
    for value, label in Priority.choices:
        if text.casefold() in (value, str(label).casefold()) or source.get(text) == value:
            return value
    return None


def _planned(cell: Any) -> tuple[list[PlannedInput], list[str]]:
    entries, problems = [], []
    for line in str(cell or "").splitlines():
        if not line.strip():
            continue
        parts = [*_PLANNED_SPLIT.split(line.strip()), "", "", ""][:4]
        title, number, priority_text, year_text = parts[0], parts[1], parts[2], parts[3]
        priority = _priority(priority_text)
        if priority is None:
            problems.append(_("“%(text)s”的优先级应为 高、中 或 低。") % {"text": line.strip()})
            continue
        year = None
        if year_text.strip():
            try:
                year = int(float(year_text))
            except ValueError:
                problems.append(_("“%(text)s”的计划年度应为年份，如 2027。") % {"text": line.strip()})
                continue
        entries.append(PlannedInput(title=title, number=number, priority=priority, planned_year=year))
    return entries, problems


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value if value is not None else "").strip()


def read_system(source: bytes | IO[bytes], name: str, *, viewer: Any = None) -> tuple[list[ImportNode],
                                                                                      list[dict[str, Any]]]:
    """The rows of a system file, and the problems found while reading them (a number the catalogue does not hold,
    a plan number no project has, a planned entry that cannot be read), each naming its row and column;
    UploadError when the file cannot be read at all."""
    viewer = viewer or AnonymousUser()
    columns = headings()
    rows, problems = [], []
    for line, values in read_sheet_rows(SPEC, source, name):
        row = ImportNode(line=line, code=_text(values.get("code")), parent=_text(values.get("parent")),
                         name=_text(values.get("name")), ics_codes=_values(values.get("ics_codes")))
        for number in _values(values.get("standards")):
            try:
                standard = catalog_selectors.edition_for_number(viewer=viewer, text=number)
            except IdentifierError:
                standard = None
            if standard is None:
                problems.append({"line": line, "column": columns["standards"], "field": "standards",
                                 "message": _("目录中没有标准 %(number)s。") % {"number": number}})
            else:
                row.standards.append(standard)
        plans = _values(values.get("projects"))
        found = {p.plan_number: p for p in Project.objects.filter(plan_number__in=plans)}
        for plan in plans:
            if plan in found:
                row.projects.append(found[plan])
            else:
                problems.append({"line": line, "column": columns["projects"], "field": "projects",
                                 "message": _("没有计划号为 %(number)s 的项目。") % {"number": plan}})
        row.planned, planned_problems = _planned(values.get("planned"))
        problems += [{"line": line, "column": columns["planned"], "field": "planned", "message": message}
                     for message in planned_problems]
        rows.append(row)
    return rows, problems


def _planned_cell(entries) -> str:
    lines = []
    for entry in entries:
        parts = [entry.title, entry.number, str(entry.get_priority_display()),
                 str(entry.planned_year) if entry.planned_year else ""]
        while parts and not parts[-1]:
            parts.pop()
        lines.append(" | ".join(parts))
    return "\n".join(lines)


def export_xlsx(view: SystemView) -> bytes:
    """The system as the import reads it (every node, series by their assigned edition's number)."""
    workbook = Workbook()
    sheet = workbook.sheet(str(_("体系表")))
    sheet.worksheet.freeze_panes = "A2"
    sheet.append([str(heading) for heading in COLUMNS.values()])
    for item in view.nodes:
        node = item.node
        sheet.append([
            node.code, node.parent.code if node.parent_id else "", node.name_zh, "\n".join(node.ics_codes),
            "\n".join(entry.link.standard.identifier for entry in item.standards),
            "\n".join(project.plan_number or "" for project in item.projects if project.plan_number),
            _planned_cell([planned.entry for planned in item.planned]),
        ])
    for column, width in zip("ABCDEFG", (12, 12, 30, 14, 24, 20, 40), strict=True):
        sheet.worksheet.column_dimensions[column].width = width
    return workbook.to_bytes()


def template_xlsx() -> bytes:
    workbook = Workbook()
    sheet = workbook.sheet(str(_("体系表")))
    sheet.append([str(heading) for heading in COLUMNS.values()])
    sheet.append(["100", "", _("基础通用"), "01.040", "GB/T 1.1-2020", "", ""])
    sheet.append(["101", "100", _("术语"), "", "", "", _("某某术语 | | 高 | 2027")])
    notes = workbook.sheet(str(_("填写说明")))
    notes.append([_("只读取第一个工作表；第 1 行为标题行，每行一个节点；顶层节点的上级节点编号留空。")])
    notes.append([_("一个单元格中的多个标准号或计划号，每行一个。")])
    notes.append([_("拟制定标准每行一个，格式：名称 | 拟定标准号 | 优先级（高、中、低）| 计划年度。")])
    return workbook.to_bytes()
