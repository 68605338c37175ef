"""Demo work plan: the 2019 plan (its text beside this module), lead units assigned by part, progress on some items
(load_demo_workplan)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from biaozhun.accounts.models import Organisation, OrganisationKind
from biaozhun.accounts.services import create_organisation
from biaozhun.core.actors import SYSTEM
from biaozhun.rules.workplan import TaskState

from ..services.plans import import_plan
from ..services.tasks import assign_task, move_task, report_progress

TEXT = Path(__file__).with_name("2019-work-points.txt")
YEAR = 2019
# (kind, name, scope) of the demo units; the demo loaders before this one create most of them.
UNITS = {
    "sac": (OrganisationKind.NATIONAL_ADMINISTRATION, "国家标准化管理委员会", {}),
    "miit": (OrganisationKind.GOVERNMENT_DEPARTMENT, "工业和信息化部", {"industry_code": "JB"}),
    "jiangsu": (OrganisationKind.BUREAU, "江苏省市场监督管理局", {"region_code": "32"}),
    "zhejiang": (OrganisationKind.BUREAU, "浙江省市场监督管理局", {"region_code": "33"}),
}
# The lead unit and co-responsible units of each part.
BY_PART = {1: ("sac", ["jiangsu"]), 2: ("miit", ["sac"]), 3: ("jiangsu", ["zhejiang"]), 4: ("sac", []),
           5: ("sac", ["miit"])}
# Progress on some items: key → (percent, text, state to move to or "").
PROGRESS: dict[str, tuple[int, str, str]] = {
    "1": (100, "已组织中国工程院等单位完成“中国标准 2035”项目研讨三次。", TaskState.DONE),
    "4": (60, "强制性国家标准管理办法征求意见稿已形成。", ""),
    "12": (100, "行业标准备案管理系统升级完成并上线运行。", TaskState.DONE),
    "25": (40, "农业农村标准体系框架已起草，正在征求意见。", ""),
    "41": (20, "营商环境标准体系研究启动，进度滞后于计划。", TaskState.DELAYED),
    "62": (80, "标准实施信息反馈平台试运行。", ""),
    "89": (100, "IEC 大会筹备工作方案已印发。", TaskState.DONE),
    "107": (50, "国家标准全文公开系统新增行业标准公开栏目。", ""),
    "119": (30, "统计指标修订调研完成一半。", ""),
}


def _unit(code: str) -> Organisation:
    kind, name, scope = UNITS[code]
    return (Organisation.objects.filter(kind=kind, name=name).order_by("pk").first()
            or create_organisation(actor=SYSTEM, kind=kind, name=name, join_as_admin=False, **scope))


def load(stdout) -> str:
    result = import_plan(actor=SYSTEM, year=YEAR, text=TEXT.read_text(encoding="utf-8"), source_name=TEXT.name)
    plan = result.plan
    units = {code: _unit(code) for code in UNITS}
    for task in plan.tasks.select_related("section__part").prefetch_related("co_units"):
        lead, co = BY_PART[task.section.part.number]
        due_on = date(YEAR, 6, 30) if task.number % 3 == 0 else date(YEAR, 12, 31)
        assign_task(actor=SYSTEM, task=task, lead_unit=units[lead], co_units=[units[c] for c in co], due_on=due_on)
    reported = 0
    for key, (percent, text, to) in PROGRESS.items():
        task = plan.tasks.get(key=key)
        if task.reports.exists():
            continue
        report_progress(actor=SYSTEM, task=task, percent=percent, text=text, on=date(YEAR, 11, 30), to=to)
        reported += 1
    cancelled = plan.tasks.get(key="99")
    if cancelled.state != TaskState.CANCELLED:
        move_task(actor=SYSTEM, task=cancelled, to=TaskState.CANCELLED, reason="并入第 100 项一并研究。")
    return f"work plan {YEAR}: {plan.tasks.count()} tasks, {reported} progress reports added\n"
