"""Demo standard systems, through the services (the system acts), from what the demo catalogue and projects hold:

- the showcase committee's system (the committee with the demo secretariat, owner; its secretary edits it): basic
  standards, product standards and methods from the committee's editions, its projects under way, and planned
  standards — one a project already fills (by plan number), two still missing;
- a new-industry system owned by the national administration (a department): the next committees' editions and
  projects in two fields, a planned standard missing.

Tags: the first system's projects are 标准化+; the second's projects 新产业标准化领航 and two of its editions 军民通用.
Idempotent: does nothing for a system that exists."""

from __future__ import annotations

from django.db import transaction

from biaozhun.accounts.models import Organisation, OrganisationKind
from biaozhun.catalog.models import Standard, Status, Tier
from biaozhun.committees.models import Committee
from biaozhun.core import clock
from biaozhun.core.actors import SYSTEM
from biaozhun.development.models import Project

from .models import Priority, ProgrammeTag, StandardSystem
from .services import systems as services
from .services.tags import set_project_tags, set_standard_tags

SHOWCASE, NEW_INDUSTRY = "showcase-field", "new-industry"


def _standards(committee: Committee, count: int) -> list[Standard]:
    return list(Standard.objects.filter(tc_code=committee.code, tier__in=[Tier.NATIONAL, Tier.INDUSTRY])
                .exclude(status=Status.ABOLISHED).order_by("sort_key")[:count])


def _projects(committee: Committee) -> list[Project]:
    return list(Project.objects.filter(committee=committee).exclude(plan_number=None).order_by("id"))


def _ics(standards: list[Standard]) -> list[str]:
    codes = []
    for standard in standards:
        codes += [code for code in standard.ics_codes or [] if code and code not in codes]
    return codes[:3]


def _fill(system: StandardSystem, layout: list[tuple[str, str, str, list[Standard], list[Project], list]]) -> None:
    nodes = {}
    for code, parent, name, standards, projects, planned in layout:
        node = nodes[code] = services.add_node(actor=SYSTEM, system=system, code=code, name_zh=name,
                                               parent=nodes.get(parent), ics_codes=_ics(standards))
        seen = set()
        for standard in standards:
            if standard.undated not in seen:
                seen.add(standard.undated)
                services.assign_standard(actor=SYSTEM, node=node, standard=standard)
        for project in projects:
            services.assign_project(actor=SYSTEM, node=node, project=project)
        for entry in planned:
            services.add_planned(actor=SYSTEM, node=node, data=entry)


def _tag(code: str) -> list[ProgrammeTag]:
    return list(ProgrammeTag.objects.filter(code=code))


@transaction.atomic
def load(stdout=None) -> str:
    committees = list(Committee.objects.filter(kind="TC").exclude(international_counterpart="").order_by("code"))
    showcase = next((c for c in committees if c.secretariat_id), None)
    if showcase is None:
        return "no demo committees with a secretariat: run load_demo_committees and load_demo_projects first"
    made = []
    year = clock.today().year
    if not StandardSystem.objects.filter(code=SHOWCASE).exists():
        system = services.create_system(actor=SYSTEM, data=services.SystemInput(
            code=SHOWCASE, name_zh=f"{showcase.name_zh.removeprefix('全国')}体系表",
            name_en="Standard system of the showcase committee's field",
            field_description=showcase.scope or showcase.name_zh, owner_committee=showcase))
        standards, projects = _standards(showcase, 9), _projects(showcase)
        filled = [services.PlannedInput(title=projects[0].title_zh, number=projects[0].plan_number or "",
                                        priority=Priority.HIGH, planned_year=year)] if projects else []
        _fill(system, [
            ("100", "", "基础通用标准", standards[:2], [], []),
            ("200", "", "产品标准", [], [], []),
            ("201", "200", "通用产品要求", standards[2:5], projects[:2], filled),
            ("202", "200", "安全与环保要求", standards[5:7], projects[2:4], [
                services.PlannedInput(title="消费品安全 儿童用品通用要求", priority=Priority.HIGH, planned_year=year + 1)]),
            ("300", "", "检验与试验方法", standards[7:9], projects[4:6], [
                services.PlannedInput(title="快速检测方法 通则", priority=Priority.MEDIUM, planned_year=year + 2)]),
        ])
        for project in projects:
            set_project_tags(actor=SYSTEM, project=project, tags=_tag("standardization-plus"))
        made.append(system.code)
    if not StandardSystem.objects.filter(code=NEW_INDUSTRY).exists():
        department = Organisation.objects.filter(kind=OrganisationKind.NATIONAL_ADMINISTRATION).first()
        others = [c for c in committees if c != showcase][:2]
        if department is not None and others:
            system = services.create_system(actor=SYSTEM, data=services.SystemInput(
                code=NEW_INDUSTRY, name_zh="新产业标准化领航体系表", name_en="New industry standards pilot system",
                field_description="战略性新兴产业标准体系（新材料、新能源等），落实新产业标准领航工程。",
                owner_department=department))
            layout = [("A", "", "基础与通用", [], [], [])]
            for index, committee in enumerate(others, start=1):
                layout.append((f"A.{index}", "A", committee.name_zh.removeprefix("全国").removesuffix("标准化技术委员会"),
                               _standards(committee, 4), _projects(committee), []))
            layout.append(("B", "", "应用与服务", [], [], [
                services.PlannedInput(title="新产业产品 碳足迹评价通则", priority=Priority.HIGH, planned_year=year + 1)]))
            _fill(system, layout)
            for committee in others:
                for project in _projects(committee):
                    set_project_tags(actor=SYSTEM, project=project, tags=_tag("new-industry-pilot"))
                for standard in _standards(committee, 2):
                    set_standard_tags(actor=SYSTEM, standard=standard, tags=_tag("civil-military"))
            made.append(system.code)
    return f"standard systems: {', '.join(made) or 'already loaded'}"
