"""The inspector pool (执法检查人员名录库) an authority keeps: one person added from the pool page, or a whole file
imported all-or-nothing (pool_format.py reads it). Each write asks `inspections.keep_pool`, checks every field with a
message a person can act on, and appends a CampaignEvent per inspector added or changed in the same transaction.
Inspectors are never deleted (the draws' records name them); one marked not in the pool (在库: 否) is left out of
later snapshots."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.accounts.models import Organisation
from biaozhun.core import clock
from biaozhun.core.actors import user_or_none
from biaozhun.core.errors import ValidationFailed

from ..models import CampaignEvent, CampaignEventKind, Inspector
from . import events

FIELDS = ("number", "name", "organisation", "region_code", "specialty", "is_active")
LENGTHS = {name: Inspector._meta.get_field(name).max_length
           for name in ("number", "name", "organisation", "region_code", "specialty")}
_YES = {"是", "true", "1", "yes", "y", "√", "✓", "在库"}
_NO = {"否", "false", "0", "no", "n", "×", "不在库"}


@transaction.atomic
def add_inspector(actor: Any, *, authority: Organisation, number: str, name: str, organisation: str = "",
                  region_code: str = "", specialty: str = "", user: Any = None) -> Inspector:
    policy.require(actor, "inspections.keep_pool", authority)
    inspector = Inspector(authority=authority, number=number.strip(), name=name.strip(),
                          organisation=organisation.strip(), region_code=region_code.strip(),
                          specialty=specialty.strip(), user=user)
    errors = []
    if inspector.region_code and not _region_ok(inspector.region_code):
        errors.append({"field": "region_code", "message": _("所在地区须为 2、4 或 6 位行政区划代码，如 320102。")})
    if Inspector.objects.filter(authority=authority, number=inspector.number).exists():
        errors.append({"field": "number", "message": _("名录中已有这个执法证号；请核对后再添加。")})
    try:
        inspector.full_clean(exclude=["authority", "user"])
    except ValidationError as exc:
        errors += [{"field": k, "message": str(m)} for k, ms in exc.message_dict.items() for m in ms
                   if k != "__all__"]
    if errors:
        raise ValidationFailed(errors[0]["message"], errors)
    inspector.save()
    events.record(None, CampaignEventKind.INSPECTOR_ADDED, actor=actor, authority=authority,
                  data={"number": inspector.number})
    return inspector


def _region_ok(code: str) -> bool:
    return code.isdigit() and len(code) in (2, 4, 6)


@dataclass
class InspectorRow:
    """One row of a pool file as it was typed (numbers may come as numbers); `line` is its row in the file."""

    line: int
    number: Any = ""
    name: Any = ""
    organisation: Any = ""
    region_code: Any = ""
    specialty: Any = ""
    active: Any = None


@dataclass
class PoolImport:
    created: list[Inspector] = field(default_factory=list)
    changed: list[Inspector] = field(default_factory=list)
    unchanged: int = 0


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def clean_row(row: InspectorRow) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """The row's values as stored, and its problems ({"field", "message"}), each saying what to write instead."""
    values = {name: _text(getattr(row, name)) for name in ("number", "name", "organisation", "region_code",
                                                           "specialty")}
    problems = []
    if not values["number"]:
        problems.append({"field": "number", "message": _("请填写执法证号（每人一行，证号不能重复）。")})
    if not values["name"]:
        problems.append({"field": "name", "message": _("请填写检查人员的姓名。")})
    if values["region_code"] and not _region_ok(values["region_code"]):
        problems.append({"field": "region_code", "message": _(
            "所在地区代码须为 2、4 或 6 位数字（GB/T 2260），如 32、3201 或 320102；不知道时可留空。")})
    for name, limit in LENGTHS.items():
        if len(values[name]) > limit:
            problems.append({"field": name, "message": _("最多 %(limit)s 个字符，现有 %(count)s 个。") % {
                "limit": limit, "count": len(values[name])}})
    active = _text(row.active).lower()
    if active in _YES or active == "":
        values["is_active"] = True
    elif active in _NO:
        values["is_active"] = False
    else:
        values["is_active"] = True
        problems.append({"field": "active", "message": _("“在库”请填“是”或“否”（留空即为“是”）。")})
    return values, problems


def _problems(rows: list[InspectorRow], columns: dict[str, str]) -> tuple[list, list[dict[str, Any]]]:
    cleaned, problems, seen = [], [], {}
    for row in rows:
        values, found = clean_row(row)
        number = values["number"]
        if number and number in seen:
            found.append({"field": "number", "message": _(
                "与第 %(line)s 行的执法证号相同；每名检查人员只写一行。") % {"line": seen[number]}})
        seen.setdefault(number, row.line)
        problems += [{"line": row.line, "column": columns.get(p["field"], p["field"]), **p} for p in found]
        cleaned.append((row, values))
    return cleaned, problems


def _snapshot(inspector: Inspector) -> dict[str, Any]:
    return {name: getattr(inspector, name) for name in FIELDS}


@transaction.atomic
def import_inspectors(actor: Any, *, authority: Organisation, rows: list[InspectorRow], source_name: str = "",
                      columns: dict[str, str] | None = None) -> PoolImport:
    """Add or change every inspector of a file, matched to the pool by 执法证号; all or nothing: any problem refuses
    the whole file, each problem with its line and column (`columns` names the file's column of each field).
    Inspectors of the pool the file does not mention are left as they are."""
    policy.require(actor, "inspections.keep_pool", authority)
    if not rows:
        raise ValidationFailed(_("文件中没有检查人员：第 1 行是标题行，从第 2 行起每行一名检查人员。"), [])
    cleaned, problems = _problems(rows, columns or {})
    if problems:
        raise ValidationFailed(_("文件有 %(count)s 处错误，未导入任何检查人员；请按行号和列名改正后再导入。") % {
            "count": len(problems)}, problems)
    existing = {i.number: i for i in Inspector.objects.select_for_update().filter(authority=authority)}
    result, history, now = PoolImport(), [], clock.now()
    source = source_name[:200]

    def event(kind: CampaignEventKind, line: int, **data: Any) -> CampaignEvent:
        return CampaignEvent(authority=authority, kind=kind, actor=user_or_none(actor), at=now,
                             data={"source": source, "line": line, **data})

    for row, values in cleaned:
        inspector = existing.get(values["number"])
        if inspector is None:
            inspector = Inspector.objects.create(authority=authority, **values)
            result.created.append(inspector)
            history.append(event(CampaignEventKind.INSPECTOR_ADDED, row.line, number=inspector.number))
            continue
        before = _snapshot(inspector)
        changed = [name for name in FIELDS if before[name] != values[name]]
        if not changed:
            result.unchanged += 1
            continue
        for name in changed:
            setattr(inspector, name, values[name])
        inspector.save(update_fields=changed)
        result.changed.append(inspector)
        history.append(event(CampaignEventKind.INSPECTOR_CHANGED, row.line, number=inspector.number,
                             before={name: before[name] for name in changed},
                             after={name: values[name] for name in changed}))
    CampaignEvent.objects.bulk_create(history)
    return result
