"""Every write to indicator comparisons: a comparison created or edited, its rows saved from the form or imported
from a file (each row's verdict computed by biaozhun/rules/indicators.py), published or withdrawn from the public.
Each write appends its ComparisonEvent in the same transaction.

Event data by kind: created {"standard", "foreign"}; updated {"before": {field: value}}; rows_saved, imported and
restored {"rows", "verdicts": {verdict: count}, "changes": {"added", "removed", "changed"} (rules/indicator_changes.py),
"before": [the rows replaced, each {field: value}]} (imported also "source", the file's name; restored also "event",
the id of the event whose "before" came back); made_public, withdrawn {}. Nothing typed is lost: every replaced set
of rows stays in the event that replaced it and can be brought back."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, fields
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.catalog.models import Standard, Tier
from biaozhun.core import clock
from biaozhun.core.actors import user_or_none
from biaozhun.core.errors import ValidationFailed
from biaozhun.rules.indicator_changes import FIELDS as ROW_FIELDS
from biaozhun.rules.indicator_changes import changes
from biaozhun.rules.indicators import compare

from ..models import Comparison, ComparisonEvent, ComparisonEventKind, IndicatorRow

Kind = ComparisonEventKind
REPLACING = (Kind.ROWS_SAVED, Kind.IMPORTED, Kind.RESTORED)  # the kinds that keep the rows they replaced
MAX_ROWS = 500
LIMITS = {"name": 200, "unit": 40, "chinese_value": 200, "foreign_value": 200, "chinese_method": 300,
          "foreign_method": 300, "remark": 300}
REQUIRED = ("name", "chinese_value", "foreign_value")


@dataclass
class RowInput:
    name: str = ""
    unit: str = ""
    chinese_value: str = ""
    foreign_value: str = ""
    chinese_method: str = ""
    foreign_method: str = ""
    remark: str = ""

    def __post_init__(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            setattr(self, field.name, "" if value is None else " ".join(str(value).split()))


@dataclass
class ComparisonInput:
    standard: Standard | None
    foreign_standard: Standard | None = None
    foreign_number: str = ""
    foreign_title: str = ""
    title: str = ""
    note: str = ""


def _record(comparison: Comparison, kind: str, *, actor: Any, data: dict[str, Any] | None = None) -> None:
    ComparisonEvent.objects.create(comparison=comparison, kind=kind, actor=user_or_none(actor), at=clock.now(),
                                   data=data or {})


def _header_problems(data: ComparisonInput) -> list[dict[str, str]]:
    problems = []
    if data.standard is None or data.standard.tier == Tier.INTERNATIONAL:
        problems.append({"field": "standard", "message": _("请填写目录中已收录的我国标准的标准号。")})
    if data.foreign_standard is None and not data.foreign_number.strip():
        problems.append({"field": "foreign_number", "message": _("请填写国外标准号，或选择目录中的国际标准。")})
    if data.foreign_standard is not None and data.foreign_standard.tier != Tier.INTERNATIONAL:
        problems.append({"field": "foreign_number", "message": _("目录中的 %(number)s 不是国际标准；其他国外标准请直接填写标准号和名称。") % {
            "number": data.foreign_standard.identifier}})
    for field, limit in (("foreign_number", 120), ("foreign_title", 500), ("title", 200)):
        if len(getattr(data, field)) > limit:
            problems.append({"field": field, "message": _("不超过 %(max)d 个字符。") % {"max": limit}})
    return problems


def _foreign(data: ComparisonInput) -> dict[str, Any]:
    if data.foreign_standard is not None:
        return {"foreign_standard": data.foreign_standard, "foreign_number": data.foreign_standard.identifier,
                "foreign_title": data.foreign_title.strip() or data.foreign_standard.title_en
                or data.foreign_standard.title_zh}
    return {"foreign_standard": None, "foreign_number": data.foreign_number.strip(),
            "foreign_title": data.foreign_title.strip()}


@transaction.atomic
def create_comparison(*, actor: Any, data: ComparisonInput) -> Comparison:
    """A new comparison of a Chinese standard with a foreign one (a draft, without rows)."""
    policy.require(actor, "indicators.write", data.standard)
    problems = _header_problems(data)
    if problems:
        raise ValidationFailed(_("对比未能保存，请按提示修改。"), problems)
    comparison = Comparison.objects.create(standard=data.standard, title=data.title.strip(), note=data.note,
                                           created_by=user_or_none(actor), **_foreign(data))
    _record(comparison, Kind.CREATED, actor=actor, data={"standard": comparison.standard.identifier,
                                                         "foreign": comparison.foreign_number})
    return comparison


@transaction.atomic
def update_comparison(*, actor: Any, comparison: Comparison, data: ComparisonInput) -> Comparison:
    """Change the foreign standard, the title or the note (the Chinese standard stays: it decides who writes)."""
    policy.require(actor, "indicators.write", comparison)
    data.standard = comparison.standard
    problems = _header_problems(data)
    if problems:
        raise ValidationFailed(_("对比未能保存，请按提示修改。"), problems)
    comparison = Comparison.objects.select_for_update().get(pk=comparison.pk)
    after = {**_foreign(data), "title": data.title.strip(), "note": data.note}
    after["foreign_standard_id"] = after.pop("foreign_standard").pk if after["foreign_standard"] else None
    changed = {key: getattr(comparison, key) for key, value in after.items() if getattr(comparison, key) != value}
    if not changed:
        return comparison
    for key, value in after.items():
        setattr(comparison, key, value)
    comparison.updated_at = clock.now()
    comparison.save(update_fields=[*after, "updated_at"])
    _record(comparison, Kind.UPDATED, actor=actor, data={"before": changed})
    return comparison


def row_problems(row: RowInput) -> list[dict[str, str]]:
    """What is wrong with one row, each naming its field."""
    problems = []
    for field in REQUIRED:
        if not getattr(row, field):
            problems.append({"field": field, "message": _("必填；没有要求时填“—”。") if field != "name"
                             else _("请填写指标名称。")})
    for field, limit in LIMITS.items():
        if len(getattr(row, field)) > limit:
            problems.append({"field": field, "message": _("不超过 %(max)d 个字符。") % {"max": limit}})
    return problems


def _replace_rows(comparison: Comparison, rows: list[RowInput]) -> dict[str, Any]:
    """Put `rows` in the place of the comparison's rows; the event data that says what changed."""
    before = [dict(zip(ROW_FIELDS, values, strict=True))
              for values in comparison.rows.order_by("position").values_list(*ROW_FIELDS)]
    comparison.rows.all().delete()
    made, verdicts = [], Counter()
    for position, row in enumerate(rows, start=1):
        outcome = compare(row.chinese_value, row.foreign_value, row.unit)
        verdicts[outcome.verdict.value] += 1
        made.append(IndicatorRow(comparison=comparison, position=position, verdict=outcome.verdict.value,
                                 why=outcome.why.value if outcome.why else "",
                                 **{field.name: getattr(row, field.name) for field in fields(RowInput)}))
    IndicatorRow.objects.bulk_create(made)
    comparison.updated_at = clock.now()
    comparison.save(update_fields=["updated_at"])
    after = [{name: getattr(row, name) for name in ROW_FIELDS} for row in rows]
    return {"rows": len(rows), "verdicts": dict(verdicts), "changes": changes(before, after).as_data(),
            "before": before}


@transaction.atomic
def save_rows(*, actor: Any, comparison: Comparison, rows: list[RowInput]) -> Comparison:
    """The comparison's rows as the form sends them (all of them, in order; rows left blank are dropped)."""
    policy.require(actor, "indicators.write", comparison)
    rows = [row for row in rows if any(getattr(row, field.name) for field in fields(RowInput))]
    problems = [{"line": index, **problem} for index, row in enumerate(rows, start=1) for problem in row_problems(row)]
    if len(rows) > MAX_ROWS:
        problems.append({"field": "rows", "message": _("一份对比最多 %(max)d 个指标。") % {"max": MAX_ROWS}})
    if problems:
        raise ValidationFailed(_("指标未能保存，请按提示修改。"), problems)
    comparison = Comparison.objects.select_for_update().get(pk=comparison.pk)
    current = list(comparison.rows.order_by("position").values_list(*ROW_FIELDS))
    if current == [tuple(getattr(row, name) for name in ROW_FIELDS) for row in rows]:
        return comparison  # the form sent the rows back unchanged (only the heading was edited): no event
    _record(comparison, Kind.ROWS_SAVED, actor=actor, data=_replace_rows(comparison, rows))
    return comparison


@transaction.atomic
def import_rows(*, actor: Any, comparison: Comparison, rows: list[tuple[int, RowInput]], source: str,
                columns: dict[str, str]) -> Comparison:
    """The rows of an uploaded file take the place of the comparison's rows: every row checked, each problem
    naming its row and column; all or nothing."""
    policy.require(actor, "indicators.write", comparison)
    problems = [{"line": line, "column": columns.get(problem["field"], problem["field"]), **problem}
                for line, row in rows for problem in row_problems(row)]
    if not rows:
        raise ValidationFailed(_("文件中没有指标行。"), [])
    if len(rows) > MAX_ROWS:
        problems.append({"field": "file", "message": _("一份对比最多 %(max)d 个指标。") % {"max": MAX_ROWS}})
    if problems:
        raise ValidationFailed(_("指标未导入：%(count)d 处需要修改，请改正后重新上传整个文件。") % {"count": len(problems)},
                               problems)
    comparison = Comparison.objects.select_for_update().get(pk=comparison.pk)
    data = _replace_rows(comparison, [row for _line, row in rows])
    _record(comparison, Kind.IMPORTED, actor=actor, data={**data, "source": source})
    return comparison


@transaction.atomic
def restore_rows(*, actor: Any, comparison: Comparison, event: ComparisonEvent) -> Comparison:
    """Bring back the rows an earlier save or import replaced (the current ones stay in this event in turn)."""
    policy.require(actor, "indicators.write", comparison)
    comparison = Comparison.objects.select_for_update().get(pk=comparison.pk)
    before = event.data.get("before") if event.comparison_id == comparison.pk else None
    if event.kind not in REPLACING or not isinstance(before, list):
        raise ValidationFailed(_("这条修改记录没有保存被替换的指标，无法恢复。"), [{"field": "event", "message": _(
            "请选择“保存指标”“导入指标”或“恢复指标”的记录。")}])
    rows = [RowInput(**{name: row.get(name, "") for name in ROW_FIELDS}) for row in before]
    _record(comparison, Kind.RESTORED, actor=actor, data={**_replace_rows(comparison, rows), "event": event.pk})
    return comparison


@transaction.atomic
def publish_comparison(*, actor: Any, comparison: Comparison, published: bool) -> Comparison:
    """Make the comparison public (it needs rows), or take it back to a draft."""
    policy.require(actor, "indicators.write", comparison)
    comparison = Comparison.objects.select_for_update().get(pk=comparison.pk)
    if comparison.public == published:
        return comparison
    if published and not comparison.rows.exists():
        raise ValidationFailed(_("对比还没有指标，不能公开。"), [{"field": "rows", "message": _("请先填写或导入指标。")}])
    comparison.public = published
    comparison.public_since = clock.now() if published else None
    comparison.save(update_fields=["public", "public_since"])
    _record(comparison, Kind.MADE_PUBLIC if published else Kind.WITHDRAWN, actor=actor)
    return comparison
