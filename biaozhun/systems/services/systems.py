"""Every write to a standard system: created, renamed, its nodes added, changed (code, name, parent, order) and
removed, standards, projects and planned entries put on a node or taken off, and the whole tree replaced from a
file. Each write appends its SystemEvent in the same transaction and bumps the system's version.

Event data by kind: created {"code", "owner"}; updated {"before": {field: value}}; node_added {"node"};
node_changed {"node", "before": {field: value}}; node_removed {"node"}; assigned / unassigned {"node", "standard"
| "project" | "planned"}; imported {"source", "nodes", "standards", "projects", "planned"}."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.accounts.models import Organisation
from biaozhun.catalog.models import Standard, Tier
from biaozhun.committees.models import Committee
from biaozhun.core import clock
from biaozhun.core.actors import user_or_none
from biaozhun.core.errors import ValidationFailed
from biaozhun.development.models import Project
from biaozhun.rules import systems as rules

from ..models import (
    NodeProject,
    NodeStandard,
    PlannedEntry,
    Priority,
    StandardSystem,
    SystemEvent,
    SystemEventKind,
    SystemNode,
)

Kind = SystemEventKind
MAX_ICS = 20


def _event(system: StandardSystem, kind: str, *, actor: Any, data: dict[str, Any] | None = None) -> None:
    SystemEvent(system=system, kind=kind, actor=user_or_none(actor), at=clock.now(), data=data or {}).save()


def _touch(system: StandardSystem) -> None:
    StandardSystem.objects.filter(pk=system.pk).update(version=F("version") + 1, updated_at=clock.now())


def _locked(system: StandardSystem) -> StandardSystem:
    return StandardSystem.objects.select_for_update(of=("self",)).select_related(
        "owner_committee", "owner_department").get(pk=system.pk)


def _invalid(field_name: str, message: str) -> ValidationFailed:
    return ValidationFailed(_("标准体系未能保存，请按提示修改。"), [{"field": field_name, "message": message}])


def _clean_ics(codes: list[str]) -> list[str]:
    out = []
    for code in codes:
        code = str(code).strip()
        if code and code not in out:
            if not all(part.isdigit() for part in code.split(".")) or len(code) > 12:
                raise _invalid("ics_codes", _("“%(code)s”不是国际标准分类号（如 97.040.50）。") % {"code": code})
            out.append(code)
    if len(out) > MAX_ICS:
        raise _invalid("ics_codes", _("一个节点最多填写 %(max)s 个国际标准分类号。") % {"max": MAX_ICS})
    return out


@dataclass
class SystemInput:
    code: str
    name_zh: str
    name_en: str = ""
    field_description: str = ""
    owner_committee: Committee | None = None
    owner_department: Organisation | None = None


def _system_problems(data: SystemInput) -> list[dict[str, str]]:
    problems = []
    if not rules.CODE_PATTERN.fullmatch(data.code.strip()) or "." in data.code:
        problems.append({"field": "code", "message": _("代码请用字母、数字和连字符（如 consumer-goods）。")})
    elif StandardSystem.objects.filter(code=data.code.strip()).exists():
        problems.append({"field": "code", "message": _("已有代码为 %(code)s 的标准体系。") % {"code": data.code}})
    if not data.name_zh.strip() or len(data.name_zh) > 200:
        problems.append({"field": "name_zh", "message": _("请填写名称（不超过 200 个字符）。")})
    if (data.owner_committee is None) == (data.owner_department is None):
        problems.append({"field": "owner", "message": _("请选择归口技术委员会或归口部门（二者选一）。")})
    return problems


@transaction.atomic
def create_system(*, actor: Any, data: SystemInput) -> StandardSystem:
    """A new, empty system; its owner must be one the actor may edit for (the administration: any)."""
    policy.require(actor, "systems.create")
    problems = _system_problems(data)
    if problems:
        raise ValidationFailed(_("标准体系未能保存，请按提示修改。"), problems)
    system = StandardSystem(code=data.code.strip(), name_zh=data.name_zh.strip(), name_en=data.name_en.strip(),
                            field_description=data.field_description.strip(), owner_committee=data.owner_committee,
                            owner_department=data.owner_department)
    policy.require(actor, "systems.edit", system)  # one cannot create a system for someone else's committee
    system.save()
    _event(system, Kind.CREATED, actor=actor, data={"code": system.code, "owner": system.owner_name})
    return system


@transaction.atomic
def update_system(*, actor: Any, system: StandardSystem, name_zh: str, name_en: str = "",
                  field_description: str = "") -> StandardSystem:
    policy.require(actor, "systems.edit", system)
    system = _locked(system)
    if not name_zh.strip() or len(name_zh) > 200:
        raise _invalid("name_zh", _("请填写名称（不超过 200 个字符）。"))
    after = {"name_zh": name_zh.strip(), "name_en": name_en.strip(), "field_description": field_description.strip()}
    before = {key: getattr(system, key) for key in after if getattr(system, key) != after[key]}
    if not before:
        return system
    for key, value in after.items():
        setattr(system, key, value)
    system.version += 1
    system.updated_at = clock.now()
    system.save(update_fields=[*after, "version", "updated_at"])
    _event(system, Kind.UPDATED, actor=actor, data={"before": before})
    return system


def _parents(system: StandardSystem) -> dict[str, str]:
    return {code: parent or "" for code, parent in
            SystemNode.objects.filter(system=system).values_list("code", "parent__code")}


@transaction.atomic
def add_node(*, actor: Any, system: StandardSystem, code: str, name_zh: str, parent: SystemNode | None = None,
             ics_codes: list[str] | None = None) -> SystemNode:
    policy.require(actor, "systems.edit", system)
    system = _locked(system)
    code = rules.normalise_code(code)
    if not rules.CODE_PATTERN.fullmatch(code):
        raise _invalid("code", _("节点编号请用字母、数字、点和连字符，如 101.2。"))
    if SystemNode.objects.filter(system=system, code=code).exists():
        raise _invalid("code", _("体系中已有编号为 %(code)s 的节点。") % {"code": code})
    if not name_zh.strip() or len(name_zh) > 200:
        raise _invalid("name_zh", _("请填写节点名称（不超过 200 个字符）。"))
    if parent is not None and parent.system_id != system.pk:
        raise _invalid("parent", _("上级节点不在此体系中。"))
    position = SystemNode.objects.filter(system=system, parent=parent).count()
    node = SystemNode.objects.create(system=system, parent=parent, code=code, name_zh=name_zh.strip(),
                                     position=position, ics_codes=_clean_ics(ics_codes or []))
    _touch(system)
    _event(system, Kind.NODE_ADDED, actor=actor, data={"node": code})
    return node


@transaction.atomic
def change_node(*, actor: Any, node: SystemNode, code: str, name_zh: str, parent: SystemNode | None,
                position: int | None = None, ics_codes: list[str] | None = None) -> SystemNode:
    """Renumber, rename, move under another parent (never below itself) or reorder a node."""
    system = node.system
    policy.require(actor, "systems.edit", system)
    system = _locked(system)
    node = SystemNode.objects.select_related("parent").get(pk=node.pk)
    code = rules.normalise_code(code)
    if not rules.CODE_PATTERN.fullmatch(code):
        raise _invalid("code", _("节点编号请用字母、数字、点和连字符，如 101.2。"))
    if code != node.code and SystemNode.objects.filter(system=system, code=code).exists():
        raise _invalid("code", _("体系中已有编号为 %(code)s 的节点。") % {"code": code})
    if not name_zh.strip() or len(name_zh) > 200:
        raise _invalid("name_zh", _("请填写节点名称（不超过 200 个字符）。"))
    if parent is not None:
        if parent.system_id != system.pk:
            raise _invalid("parent", _("上级节点不在此体系中。"))
        if rules.would_cycle(_parents(system), node.code, parent.code):
            raise _invalid("parent", _("不能把节点移到它自己或它的下级节点之下。"))
    after = {"code": code, "name_zh": name_zh.strip(), "parent_id": parent.pk if parent else None,
             "ics_codes": _clean_ics(ics_codes) if ics_codes is not None else node.ics_codes,
             "position": node.position if position is None else max(position, 0)}
    before = {key: getattr(node, key) for key in after if getattr(node, key) != after[key]}
    if not before:
        return node
    for key, value in after.items():
        setattr(node, key, value)
    node.save(update_fields=["code", "name_zh", "parent", "ics_codes", "position"])
    _touch(system)
    _event(system, Kind.NODE_CHANGED, actor=actor, data={"node": code, "before": before})
    return node


@transaction.atomic
def remove_node(*, actor: Any, node: SystemNode) -> None:
    """Remove a node without children (its assignments and planned entries go with it)."""
    system = node.system
    policy.require(actor, "systems.edit", system)
    system = _locked(system)
    if SystemNode.objects.filter(parent_id=node.pk).exists():
        raise _invalid("node", _("请先删除或移走节点 %(code)s 的下级节点。") % {"code": node.code})
    code = node.code
    SystemNode.objects.filter(pk=node.pk).delete()
    _touch(system)
    _event(system, Kind.NODE_REMOVED, actor=actor, data={"node": code})


def _check_standard(standard: Standard) -> None:
    if standard.tier in (Tier.INTERNATIONAL, Tier.ENTERPRISE):
        raise _invalid("standard", _("体系表列入国家、行业、地方和团体标准；%(number)s 不能列入。") % {
            "number": standard.identifier})


@transaction.atomic
def assign_standard(*, actor: Any, node: SystemNode, standard: Standard) -> NodeStandard:
    """Put a standard's series on a node (any edition; the page shows the edition in force)."""
    system = node.system
    policy.require(actor, "systems.edit", system)
    system = _locked(system)
    _check_standard(standard)
    if NodeStandard.objects.filter(node=node, undated=standard.undated).exists():
        raise _invalid("standard", _("节点中已有 %(number)s。") % {"number": standard.undated})
    link = NodeStandard.objects.create(node=node, standard=standard, undated=standard.undated,
                                       position=NodeStandard.objects.filter(node=node).count())
    _touch(system)
    _event(system, Kind.ASSIGNED, actor=actor, data={"node": node.code, "standard": standard.identifier})
    return link


@transaction.atomic
def assign_project(*, actor: Any, node: SystemNode, project: Project) -> NodeProject:
    system = node.system
    policy.require(actor, "systems.edit", system)
    system = _locked(system)
    if NodeProject.objects.filter(node=node, project=project).exists():
        raise _invalid("project", _("节点中已有此项目。"))
    link = NodeProject.objects.create(node=node, project=project,
                                      position=NodeProject.objects.filter(node=node).count())
    _touch(system)
    _event(system, Kind.ASSIGNED, actor=actor, data={"node": node.code, "project": project.plan_number or project.pk})
    return link


@dataclass
class PlannedInput:
    title: str
    number: str = ""
    priority: str = Priority.MEDIUM
    planned_year: int | None = None


def planned_problems(data: PlannedInput) -> list[dict[str, str]]:
    problems = []
    if not data.title.strip() or len(data.title) > 300 or "|" in data.title or "｜" in data.title:
        problems.append({"field": "title", "message": _("请填写拟制定标准名称（不超过 300 个字符，不含“|”）。")})
    if len(data.number) > 120 or "|" in data.number:
        problems.append({"field": "number", "message": _("拟定标准号不超过 120 个字符。")})
    if data.priority not in Priority.values:
        problems.append({"field": "priority", "message": _("优先级可选：%(choices)s。") % {
            "choices": "、".join(str(label) for label in Priority.labels)}})
    if data.planned_year is not None and not 2000 <= data.planned_year <= 2100:
        problems.append({"field": "planned_year", "message": _("计划年度应在 2000 年至 2100 年之间。")})
    return problems


@transaction.atomic
def add_planned(*, actor: Any, node: SystemNode, data: PlannedInput) -> PlannedEntry:
    system = node.system
    policy.require(actor, "systems.edit", system)
    system = _locked(system)
    problems = planned_problems(data)
    if problems:
        raise ValidationFailed(_("拟制定标准未能保存，请按提示修改。"), problems)
    entry = PlannedEntry.objects.create(node=node, title=data.title.strip(), number=data.number.strip(),
                                        priority=data.priority, planned_year=data.planned_year,
                                        position=PlannedEntry.objects.filter(node=node).count())
    _touch(system)
    _event(system, Kind.ASSIGNED, actor=actor, data={"node": node.code, "planned": entry.title})
    return entry


@transaction.atomic
def unassign(*, actor: Any, node: SystemNode, kind: str, pk: int) -> None:
    """Take a standard's series (kind "standard"), a project ("project") or a planned entry ("planned") off a node."""
    system = node.system
    policy.require(actor, "systems.edit", system)
    system = _locked(system)
    models = {"standard": NodeStandard, "project": NodeProject, "planned": PlannedEntry}
    if kind not in models:
        raise _invalid("kind", _("未知的类型。"))
    row = models[kind].objects.filter(node=node, pk=pk).first()
    if row is None:
        raise _invalid(kind, _("节点中没有这一项。"))
    label = {"standard": lambda r: r.standard.identifier, "project": lambda r: r.project.plan_number or r.project_id,
             "planned": lambda r: r.title}[kind](row)
    row.delete()
    _touch(system)
    _event(system, Kind.UNASSIGNED, actor=actor, data={"node": node.code, kind: label})


@dataclass
class ImportNode:
    """One row of a system file, its numbers already looked up."""

    line: int
    code: str
    parent: str
    name: str
    ics_codes: list[str] = field(default_factory=list)
    standards: list[Standard] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    planned: list[PlannedInput] = field(default_factory=list)


@transaction.atomic
def import_system(*, actor: Any, system: StandardSystem, rows: list[ImportNode], source: str,
                  columns: dict[str, str]) -> StandardSystem:
    """Replace the whole tree of a system with a file's: every row checked, each problem naming its sheet line and
    column; all or nothing (nothing changes when there is one problem)."""
    policy.require(actor, "systems.edit", system)
    system = _locked(system)
    if not rows:
        raise ValidationFailed(_("文件中没有节点行。"), [])
    tree, tree_problems = rules.build_tree([rules.NodeRow(r.code, r.parent, r.name, r.line) for r in rows])
    problems: list[dict[str, Any]] = []
    messages = {
        rules.Problem.BAD_CODE: (_("节点编号“%(code)s”无效：请用字母、数字、点和连字符，如 101.2。"), "code"),
        rules.Problem.DUPLICATE_CODE: (_("节点编号 %(code)s 重复（第 %(other)s 行已有）。"), "code"),
        rules.Problem.UNKNOWN_PARENT: (_("上级节点 %(other)s 不在文件中。"), "parent"),
        rules.Problem.CYCLE: (_("上级节点形成循环：%(other)s。"), "parent"),
        rules.Problem.TOO_DEEP: (_("层级过深：最多 %(other)s 层。"), "code"),
        rules.Problem.EMPTY_NAME: (_("请填写节点名称。"), "name"),
    }
    for found in tree_problems:
        message, column = messages[found.problem]
        problems.append({"line": found.line, "column": columns[column], "field": column,
                         "message": message % {"code": found.code, "other": found.other}})
    for row in rows:
        try:
            _clean_ics(row.ics_codes)
        except ValidationFailed as error:
            problems.append({"line": row.line, "column": columns["ics_codes"], "field": "ics_codes",
                             "message": error.errors[0]["message"]})
        series = set()
        for standard in row.standards:
            if standard.tier in (Tier.INTERNATIONAL, Tier.ENTERPRISE) or standard.undated in series:
                problems.append({"line": row.line, "column": columns["standards"], "field": "standards",
                                 "message": _("%(number)s 不能列入此节点（国际标准、企业标准，或同一标准列了两次）。") % {
                                     "number": standard.identifier}})
            series.add(standard.undated)
        if len({p.pk for p in row.projects}) < len(row.projects):
            problems.append({"line": row.line, "column": columns["projects"], "field": "projects",
                             "message": _("同一项目列了两次。")})
        for entry in row.planned:
            for found in planned_problems(entry):
                problems.append({"line": row.line, "column": columns["planned"], "field": "planned",
                                 "message": found["message"]})
    if problems:
        problems.sort(key=lambda p: p["line"])
        raise ValidationFailed(_("体系表未导入：%(count)d 处需要修改，请改正后重新上传整个文件。") % {"count": len(problems)},
                               problems)
    SystemNode.objects.filter(system=system).delete()
    by_code: dict[str, SystemNode] = {}
    positions: dict[str, int] = {}
    counts = {"nodes": 0, "standards": 0, "projects": 0, "planned": 0}
    rank = {code: index for index, code in enumerate(tree.order)}
    for row in sorted(rows, key=lambda r: rank[rules.normalise_code(r.code)]):
        code, parent = rules.normalise_code(row.code), rules.normalise_code(row.parent)
        position = positions.get(parent, 0)
        positions[parent] = position + 1
        node = by_code[code] = SystemNode.objects.create(
            system=system, parent=by_code.get(parent), code=code, name_zh=row.name.strip(), position=position,
            ics_codes=_clean_ics(row.ics_codes))
        NodeStandard.objects.bulk_create([NodeStandard(node=node, standard=s, undated=s.undated, position=i)
                                          for i, s in enumerate(row.standards)])
        NodeProject.objects.bulk_create([NodeProject(node=node, project=p, position=i)
                                         for i, p in enumerate(row.projects)])
        PlannedEntry.objects.bulk_create([
            PlannedEntry(node=node, title=e.title.strip(), number=e.number.strip(), priority=e.priority,
                         planned_year=e.planned_year, position=i) for i, e in enumerate(row.planned)])
        counts["nodes"] += 1
        counts["standards"] += len(row.standards)
        counts["projects"] += len(row.projects)
        counts["planned"] += len(row.planned)
    _touch(system)
    _event(system, Kind.IMPORTED, actor=actor, data={"source": source, **counts})
    system.refresh_from_db()
    return system
