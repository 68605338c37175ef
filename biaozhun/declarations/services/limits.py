"""The limits table (MandatoryIndicator): administrators add, change and deactivate a row, or import a whole file
all-or-nothing (decision 0023). Each write asks `declarations.edit_limits`, validates with a message per field,
and appends a MandatoryIndicatorEvent in the same transaction; rows are never deleted (the checks' history names
them), a deactivated row is simply no longer compared with."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import override

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.core.actors import user_or_none
from biaozhun.core.errors import ValidationFailed
from biaozhun.identifiers import IdentifierError, parse
from biaozhun.identifiers import Nature as IdentNature

from ..models import LimitComparator, LimitEventKind, MandatoryIndicator, MandatoryIndicatorEvent

ACTION = "declarations.edit_limits"
FIELDS = ("standard_number", "clause", "scope_keywords", "indicator_name", "aliases", "unit", "comparator",
          "limit_value", "note", "verified", "active")
LENGTHS = {name: MandatoryIndicator._meta.get_field(name).max_length
           for name in ("standard_number", "clause", "indicator_name", "unit", "note")}
MAX_WORDS, MAX_WORD = 50, 50  # keywords / aliases per row, characters each
INTEGER_DIGITS, DECIMAL_PLACES = 16, 8  # limit_value: max_digits 24, decimal_places 8
_SPLIT = re.compile(r"[;；,，、\n]+")
_SIGNS = {"≤": "le", "<=": "le", "不大于": "le", "不超过": "le", "最大": "le", "max": "le",
          "≥": "ge", ">=": "ge", "不小于": "ge", "不低于": "ge", "最小": "ge", "min": "ge"}
_YES = {"是", "true", "1", "yes", "y", "√", "✓", "启用", "已核对"}
_NO = {"否", "false", "0", "no", "n", "×", "停用", "未核对", ""}


@dataclass
class LimitInput:
    """One row as a person typed it (the admin's form, a file's row): lists may be given as "a；b" text."""

    standard_number: Any = ""
    clause: Any = ""
    indicator_name: Any = ""
    comparator: Any = ""
    limit_value: Any = None
    unit: Any = ""
    scope_keywords: Any = ()
    aliases: Any = ()
    note: Any = ""
    verified: Any = False
    active: Any = True


@dataclass
class ImportRow:
    line: int  # the row number in the file (the heading is row 1)
    data: LimitInput


@dataclass
class ImportResult:
    created: list[MandatoryIndicator] = field(default_factory=list)
    changed: list[MandatoryIndicator] = field(default_factory=list)
    unchanged: int = 0


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _words(value: Any) -> list[str]:
    parts = value if isinstance(value, (list, tuple)) else _SPLIT.split(str(value or ""))
    found: list[str] = []
    for part in parts:
        word = _text(part)
        if word and word not in found:
            found.append(word)
    return found


_COMPARATOR_WORDS: dict[str, str] = {}


def comparator_code(value: Any) -> str:
    """le / ge from the code, a sign (≤, >=), a word (不大于) or the label in any language of the site; else ""."""
    if not _COMPARATOR_WORDS:
        for language, _name in settings.LANGUAGES:
            with override(language):
                _COMPARATOR_WORDS.update({str(label).lower(): code for code, label in LimitComparator.choices})
        _COMPARATOR_WORDS.update(_SIGNS)
        _COMPARATOR_WORDS.update({code: code for code in LimitComparator.values})
    return _COMPARATOR_WORDS.get(_text(value).lower(), "")


def _flag(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = _text(value).lower()
    return True if text in _YES else False if text in _NO else None


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value
    text = _text(value).replace(",", "").replace("，", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _clean_number(raw: Any, problems: list[dict[str, str]]) -> Decimal | None:
    if _text(raw) == "":
        problems.append({"field": "limit_value", "message": _("请填写限值（一个数，如 10 或 0.005）。")})
        return None
    number = _decimal(raw)
    if number is None:
        problems.append({"field": "limit_value", "message": _(
            "限值“%(value)s”不是数字；请只填数字（如 0.01），单位写在“单位”一栏。") % {"value": _text(raw)}})
        return None
    sign, digits, exponent = number.normalize().as_tuple()
    places = max(0, -int(exponent))
    if places > DECIMAL_PLACES or len(digits) + int(exponent) > INTEGER_DIGITS:
        problems.append({"field": "limit_value", "message": _(
            "限值最多 %(integer)s 位整数、%(places)s 位小数；如数值过大或过小，请换一个单位。") % {
            "integer": INTEGER_DIGITS, "places": DECIMAL_PLACES}})
        return None
    return number.normalize() if places else number.quantize(Decimal(1))


def _clean_standard(raw: Any, problems: list[dict[str, str]]) -> tuple[str, bool]:
    """(canonical number, mandatory?)."""
    text = _text(raw)
    if not text:
        problems.append({"field": "standard_number", "message": _("请填写标准号，如 GB 19147-2016。")})
        return "", False
    try:
        ident = parse(text)
    except IdentifierError:
        ident = None
    if ident is None or ident.nature not in (IdentNature.MANDATORY, IdentNature.RECOMMENDED):
        problems.append({"field": "standard_number", "message": _(
            "“%(value)s”不是国家、行业或地方标准的标准号；请按 GB 19147-2016、GB/T 1234-2008 的格式填写（年代号可省略）。") % {
            "value": text}})
        return text, False
    return ident.canonical, ident.nature == IdentNature.MANDATORY


def clean_limit(data: LimitInput) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """The row's values ready to save and the problems ({"field", "message"}) that keep it from being saved."""
    problems: list[dict[str, str]] = []
    standard, mandatory = _clean_standard(data.standard_number, problems)
    values: dict[str, Any] = {"standard_number": standard}
    for name in ("clause", "indicator_name", "unit", "note"):
        values[name] = _text(getattr(data, name))
    if not values["clause"]:
        problems.append({"field": "clause", "message": _("请填写规定该限值的章条或表，如 表1 或 5.2。")})
    if not values["indicator_name"]:
        problems.append({"field": "indicator_name", "message": _("请填写指标名称，如 硫含量。")})
    for name, limit in LENGTHS.items():
        if len(values[name]) > limit:
            problems.append({"field": name, "message": _("最多 %(limit)s 个字符（现为 %(count)s 个）。") % {
                "limit": limit, "count": len(values[name])}})
    for name in ("scope_keywords", "aliases"):
        values[name] = _words(getattr(data, name))
        if len(values[name]) > MAX_WORDS or any(len(word) > MAX_WORD for word in values[name]):
            problems.append({"field": name, "message": _(
                "最多 %(count)s 个词，每个词最多 %(length)s 个字符，词之间用分号“；”隔开。") % {
                "count": MAX_WORDS, "length": MAX_WORD}})
    if mandatory and not values["scope_keywords"] and not any(p["field"] == "scope_keywords" for p in problems):
        problems.append({"field": "scope_keywords", "message": _(
            "强制性标准的限值请填写适用产品关键词（如 车用柴油），多个用分号隔开；不填则会与所有产品的同名指标比较。")})
    values["comparator"] = comparator_code(data.comparator)
    if not values["comparator"]:
        problems.append({"field": "comparator", "message": _(
            "“要求”请填写 ≤（不大于，限值为最大值）或 ≥（不小于，限值为最小值）。")})
    values["limit_value"] = _clean_number(data.limit_value, problems)
    for name, message in (("verified", _("“已核对原文”请填写 是 或 否。")), ("active", _("“启用”请填写 是 或 否。"))):
        flag = _flag(getattr(data, name))
        if flag is None:
            problems.append({"field": name, "message": message})
        values[name] = bool(flag)
    return values, problems


def _key(values: dict[str, Any]) -> tuple[str, str, str, str]:
    return values["standard_number"], values["clause"], values["indicator_name"], values["unit"]


def _duplicate(key: tuple[str, str, str, str]) -> dict[str, str]:
    return {"field": "indicator_name", "message": _(
        "%(standard)s %(clause)s 已有指标“%(name)s”（单位“%(unit)s”）的限值；请修改那一行，不要重复添加。") % {
        "standard": key[0], "clause": key[1], "name": key[2], "unit": key[3] or "—"}}


def snapshot(limit: MandatoryIndicator) -> dict[str, Any]:
    """The row's values as JSON (the events' before/after)."""
    out = {name: getattr(limit, name) for name in FIELDS}
    out["limit_value"] = str(limit.limit_value) if limit.limit_value is not None else None
    return out


def _differences(limit: MandatoryIndicator, values: dict[str, Any]) -> dict[str, Any]:
    current = snapshot(limit)
    after = {**values, "limit_value": str(values["limit_value"])}
    return {name: after[name] for name in FIELDS
            if (Decimal(current[name]) != Decimal(after[name]) if name == "limit_value" else current[name] != after[name])}


def _event(limit: MandatoryIndicator, kind: LimitEventKind, actor: Any, **data: Any) -> MandatoryIndicatorEvent:
    return MandatoryIndicatorEvent(indicator=limit, kind=kind, actor=user_or_none(actor), at=clock.now(), data=data)


@transaction.atomic
def add_limit(*, actor: Any, data: LimitInput) -> MandatoryIndicator:
    policy.require(actor, ACTION)
    values, problems = clean_limit(data)
    if not problems and MandatoryIndicator.objects.filter(**dict(zip(
            ("standard_number", "clause", "indicator_name", "unit"), _key(values), strict=True))).exists():
        problems.append(_duplicate(_key(values)))
    if problems:
        raise ValidationFailed(_("限值未能保存，请按提示修改。"), problems)
    limit = MandatoryIndicator.objects.create(**values, updated_at=clock.now())
    _event(limit, LimitEventKind.CREATED, actor, after=snapshot(limit)).save()
    return limit


@transaction.atomic
def edit_limit(*, actor: Any, limit: MandatoryIndicator, data: LimitInput) -> MandatoryIndicator:
    policy.require(actor, ACTION, limit)
    limit = MandatoryIndicator.objects.select_for_update().get(pk=limit.pk)
    values, problems = clean_limit(data)
    if not problems and MandatoryIndicator.objects.filter(**dict(zip(
            ("standard_number", "clause", "indicator_name", "unit"), _key(values), strict=True))).exclude(
            pk=limit.pk).exists():
        problems.append(_duplicate(_key(values)))
    if problems:
        raise ValidationFailed(_("限值未能保存，请按提示修改。"), problems)
    changed = _differences(limit, values)
    if not changed:
        return limit
    before = {name: snapshot(limit)[name] for name in changed}
    for name in changed:
        setattr(limit, name, values[name])
    limit.updated_at = clock.now()
    limit.save()
    kind = LimitEventKind.DEACTIVATED if set(changed) == {"active"} and not limit.active else LimitEventKind.CHANGED
    _event(limit, kind, actor, before=before, after=changed).save()
    return limit


@transaction.atomic
def deactivate_limit(*, actor: Any, limit: MandatoryIndicator) -> MandatoryIndicator:
    """The row is no longer compared with (its history stays); deactivating an inactive row changes nothing."""
    policy.require(actor, ACTION, limit)
    limit = MandatoryIndicator.objects.select_for_update().get(pk=limit.pk)
    if not limit.active:
        return limit
    limit.active = False
    limit.updated_at = clock.now()
    limit.save(update_fields=["active", "updated_at"])
    _event(limit, LimitEventKind.DEACTIVATED, actor, before={"active": True}, after={"active": False}).save()
    return limit


def _row_problems(rows: Iterable[ImportRow], columns: dict[str, str]) -> tuple[list, list[dict[str, Any]]]:
    cleaned, problems, seen = [], [], {}
    for row in rows:
        values, found = clean_limit(row.data)
        if not found:
            key = _key(values)
            if key in seen:
                found.append({"field": "indicator_name", "message": _(
                    "与第 %(line)s 行的标准号、条款、指标名称和单位都相同；同一限值只写一行。") % {"line": seen[key]}})
            seen.setdefault(key, row.line)
        problems += [{"line": row.line, "column": columns.get(p["field"], p["field"]), **p} for p in found]
        cleaned.append((row, values))
    return cleaned, problems


@transaction.atomic
def import_limits(actor: Any, rows: list[ImportRow], *, source_name: str = "",
                  columns: dict[str, str] | None = None) -> ImportResult:
    """Add or change every row of a file, matched to the table by (standard number, clause, indicator, unit); all
    or nothing: any problem refuses the whole file, each problem with its line and column (`columns` names the
    file's column of each field). Rows of the table the file does not mention are left as they are."""
    policy.require(actor, ACTION)
    if not rows:
        raise ValidationFailed(_("文件中没有限值行：第 1 行是标题行，从第 2 行起每行一个限值。"), [])
    cleaned, problems = _row_problems(rows, columns or {})
    if problems:
        raise ValidationFailed(_("文件有 %(count)s 处错误，未导入任何限值；请按行号和列名改正后再导入。") % {
            "count": len(problems)}, problems)
    existing = {(m.standard_number, m.clause, m.indicator_name, m.unit): m
                for m in MandatoryIndicator.objects.select_for_update()}
    result, events, now = ImportResult(), [], clock.now()
    for row, values in cleaned:
        limit = existing.get(_key(values))
        if limit is None:
            limit = MandatoryIndicator.objects.create(**values, updated_at=now)
            result.created.append(limit)
            events.append(_event(limit, LimitEventKind.IMPORTED, actor, source=source_name, line=row.line,
                                 after=snapshot(limit)))
            continue
        changed = _differences(limit, values)
        if not changed:
            result.unchanged += 1
            continue
        before = {name: snapshot(limit)[name] for name in changed}
        for name in changed:
            setattr(limit, name, values[name])
        limit.updated_at = now
        limit.save()
        result.changed.append(limit)
        events.append(_event(limit, LimitEventKind.IMPORTED, actor, source=source_name, line=row.line, before=before,
                             after=changed))
    MandatoryIndicatorEvent.objects.bulk_create(events)
    return result
