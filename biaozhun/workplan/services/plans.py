"""Importing a year's plan from its text: parsed by biaozhun/rules/plan_text.py, then written in one transaction.

Idempotent per year: the same text again writes nothing. A changed text updates parts, sections and items in place,
matched by their numbers (an item by its key), so every task keeps its units, dates, state, reports and evidence; an
item the new text no longer has is kept out of the plan (``in_plan`` False, with a ``removed`` event) and comes back
if a later text has it again. Each import that changes anything appends one PlanEvent, and each changed task its
TaskEvent."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.core.actors import user_or_none
from biaozhun.core.errors import ValidationFailed
from biaozhun.rules.plan_text import Plan, PlanTextError, parse_plan

from ..models import PlanEvent, PlanEventKind, PlanPart, PlanSection, Task, TaskEvent, TaskEventKind, WorkPlan

MAX_TEXT_CHARS = 500_000
# The reader's errors by code, translated (biaozhun/rules/plan_text.py MESSAGES).
TEXT_ERRORS = {
    "no_parts": gettext_lazy("没有找到以“一、”开头的第一部分；请检查文本是否为工作要点全文。"),
    "part_order": gettext_lazy("部分编号应为第 %(expected)s 部分，这里是第 %(found)s 部分。"),
    "section_order": gettext_lazy("第 %(part)s 部分的小节编号应为 %(expected)s，这里是 %(found)s。"),
    "item_order": gettext_lazy("条目编号应为 %(expected)s（或新小节的 1），这里是 %(found)s。"),
    "stray_text": gettext_lazy("这段文字不属于任何条目：上一条已经结束，这一行又不是新的条目、部分或小节。"),
    "empty_part": gettext_lazy("第 %(part)s 部分没有编号条目。"),
}


@dataclass
class ImportResult:
    plan: WorkPlan
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    unchanged: int = 0
    created: bool = False

    @property
    def changes_anything(self) -> bool:
        return self.created or bool(self.added or self.changed or self.removed or self.restored)


def decode_plan_text(data: bytes) -> str:
    """UTF-8 (with or without a BOM), else GB 18030 (which covers GBK and GB 2312); ValidationFailed otherwise."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise ValidationFailed(_("无法读取文件：请上传 UTF-8 或 GB18030 编码的纯文本文件（.txt）。"),
                           [{"field": "file", "message": _("文件不是纯文本。")}])


def read_plan(text: str) -> Plan:
    """The parsed plan, or ValidationFailed naming the line the reader could not place."""
    if len(text) > MAX_TEXT_CHARS:
        raise ValidationFailed(_("文本过长：工作要点全文不应超过 %(max)s 个字符。") % {"max": MAX_TEXT_CHARS},
                               [{"field": "file", "message": _("文本过长。")}])
    try:
        return parse_plan(text)
    except PlanTextError as error:
        message = _("第 %(line)s 行：") % {"line": error.line} + str(TEXT_ERRORS[error.code]) % error.params
        if error.text:
            message += "“" + error.text[:60] + "”"
        raise ValidationFailed(message, [{"field": "file", "line": error.line, "message": message}]) from error


def _year_problem(year: int) -> None:
    if not 1990 <= year <= clock.today().year + 1:
        raise ValidationFailed(_("年度应在 1990 年至明年之间。"),
                               [{"field": "year", "message": _("年度应在 1990 年至明年之间。")}])


@transaction.atomic
def import_plan(*, actor, year: int, text: str, source_name: str = "") -> ImportResult:
    """Import (or update from) a year's plan text; see the module's docstring."""
    policy.require(actor, "workplan.manage")
    _year_problem(year)
    parsed = read_plan(text)
    # the text as read: a BOM or CRLF line ends make no difference to whether it changed
    sha256 = hashlib.sha256("\n".join(text.lstrip("\ufeff").splitlines()).strip().encode("utf-8")).hexdigest()
    plan = WorkPlan.objects.select_for_update().filter(year=year).first()
    result = ImportResult(plan=plan, created=plan is None)  # type: ignore[arg-type]
    now = clock.now()
    if plan is None:
        plan = result.plan = WorkPlan.objects.create(
            year=year, title=parsed.title[:200], preamble=parsed.preamble, closing=parsed.closing,
            numbered_through=parsed.numbered_through, source_name=source_name[:200], sha256=sha256,
            imported_at=now, updated_at=now)
    elif plan.sha256 == sha256:
        result.unchanged = plan.tasks.filter(in_plan=True).count()
        return result
    sections = _write_structure(plan, parsed)
    _write_tasks(plan, parsed, sections, actor=actor, result=result)
    plan.title, plan.preamble, plan.closing = parsed.title[:200], parsed.preamble, parsed.closing
    plan.numbered_through, plan.sha256, plan.updated_at = parsed.numbered_through, sha256, now
    if source_name:
        plan.source_name = source_name[:200]
    plan.save(update_fields=["title", "preamble", "closing", "numbered_through", "sha256", "updated_at",
                             "source_name"])
    PlanEvent.objects.create(
        plan=plan, kind=PlanEventKind.IMPORTED if result.created else PlanEventKind.UPDATED,
        actor=user_or_none(actor), at=now,
        data={"sha256": sha256, "source": source_name[:200], "added": len(result.added),
              "changed": result.changed, "removed": result.removed, "restored": result.restored})
    return result


def _write_structure(plan: WorkPlan, parsed: Plan) -> dict[tuple[int, int], PlanSection]:
    """Parts and sections upserted by number; the sections by (part number, section number)."""
    parts = {part.number: part for part in plan.parts.all()}
    sections = {(s.part.number, s.number): s for s in PlanSection.objects.filter(part__plan=plan).select_related("part")}
    for read in parsed.parts:
        part = parts.get(read.number)
        if part is None:
            part = parts[read.number] = PlanPart.objects.create(plan=plan, number=read.number, heading=read.heading,
                                                                intro=read.intro)
        elif (part.heading, part.intro) != (read.heading, read.intro):
            part.heading, part.intro = read.heading[:300], read.intro
            part.save(update_fields=["heading", "intro"])
        for read_section in read.sections:
            section = sections.get((read.number, read_section.number))
            if section is None:
                section = sections[(read.number, read_section.number)] = PlanSection.objects.create(
                    part=part, number=read_section.number, heading=read_section.heading[:300], intro=read_section.intro)
            elif (section.heading, section.intro) != (read_section.heading, read_section.intro):
                section.heading, section.intro = read_section.heading[:300], read_section.intro
                section.save(update_fields=["heading", "intro"])
    return sections


def _write_tasks(plan: WorkPlan, parsed: Plan, sections: dict, *, actor, result: ImportResult) -> None:
    existing = {task.key: task for task in plan.tasks.all()}
    seen = set()
    actor_user = user_or_none(actor)
    now = clock.now()
    for position, (key, part, section, item) in enumerate(parsed.keyed_items(), start=1):
        seen.add(key)
        values = {"section": sections[(part.number, section.number)], "number": item.number, "position": position,
                  "text": item.text, "line": item.line}
        task = existing.get(key)
        if task is None:
            task = Task.objects.create(plan=plan, key=key, created_at=now, updated_at=now, **values)
            TaskEvent.objects.create(task=task, kind=TaskEventKind.CREATED, actor=actor_user, at=now,
                                     to_state=task.state, data={"text": item.text})
            result.added.append(key)
            continue
        before = {name: getattr(task, name) for name in values}
        if not task.in_plan:
            task.in_plan = True
            TaskEvent.objects.create(task=task, kind=TaskEventKind.RESTORED, actor=actor_user, at=now,
                                     from_state=task.state, to_state=task.state)
            result.restored.append(key)
        changed = {name: value for name, value in before.items() if value != values[name]}
        for name in changed:
            setattr(task, name, values[name])
        if changed or key in result.restored:
            task.updated_at = now
            task.save(update_fields=[*values, "in_plan", "updated_at"])
        if set(changed) & {"text", "section"}:
            TaskEvent.objects.create(task=task, kind=TaskEventKind.TEXT_CHANGED, actor=actor_user, at=now,
                                     from_state=task.state, to_state=task.state,
                                     data={"before": {"text": before["text"], "section": before["section"].pk}})
            result.changed.append(key)
        elif not changed:
            result.unchanged += 1
    for key, task in existing.items():
        if key not in seen and task.in_plan:
            task.in_plan, task.updated_at = False, now
            task.save(update_fields=["in_plan", "updated_at"])
            TaskEvent.objects.create(task=task, kind=TaskEventKind.REMOVED, actor=actor_user, at=now,
                                     from_state=task.state, to_state=task.state)
            result.removed.append(key)
