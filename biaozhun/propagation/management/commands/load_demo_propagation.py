"""Demo change propagation: two standards that documents of the demo secretary's committee, the demo ministry
(miit) and the demo bureau (jiangsu) cite, dated and undated; one is abolished, the other replaced by a new edition;
the propagation runs as the task worker would run it; the secretary resolves one flag (updated) and the ministry
another (not affected), so the owners' pages show flags in both states.

Everything goes through the services (the catalogue's, the propagation's). Run after load_demo_projects and
load_demo_filings (their accounts and organisations). Idempotent: does nothing when its standards exist.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.management.base import BaseCommand

from biaozhun.accounts.models import OrganisationKind, User
from biaozhun.catalog.models import Standard
from biaozhun.catalog.services import abolish_standard, create_standard
from biaozhun.core import clock
from biaozhun.core.actors import SYSTEM
from biaozhun.propagation.models import Change, Flag, FlagState
from biaozhun.propagation.services.detection import scan_catalogue
from biaozhun.propagation.services.propagation import propagate_change
from biaozhun.propagation.services.resolution import resolve_flag

ABOLISHED = "GB/T 39901-2015"
REPLACED = "GB/T 39902-2016"
REPLACING = "GB/T 39902-2026"


def _standard(identifier: str, title: str, **fields) -> Standard:
    data = {"identifier": identifier, "title_zh": title, "ccs": "N10", "ics": ["25.040.40"],
            "published_on": f"{identifier[-4:]}-03-01", "implemented_on": f"{identifier[-4:]}-10-01", **fields}
    return create_standard(actor=SYSTEM, data=data, source="demo")


class Command(BaseCommand):
    help = "Load demo change propagation: flags open and resolved (idempotent)."

    def handle(self, *args, **options):
        if Standard.objects.filter(identifier=ABOLISHED).exists():
            self.stdout.write("demo propagation: already loaded")
            return
        secretary = User.objects.filter(username="secretary").first()
        miit = User.objects.filter(username="miit").first()
        office = next(iter(secretary.memberships_of_kind(OrganisationKind.TC_SECRETARIAT)), None) if secretary else None
        if office is None or miit is None:
            self.stdout.write("demo propagation: run load_demo_projects and load_demo_filings first (the demo "
                              "secretary and the ministry account)")
            return
        tc_code = office.organisation.tc_code
        abolished = _standard(ABOLISHED, "工业自动化系统 现场总线 通信协议术语", tc_code="SAC/TC 124")
        _standard(REPLACED, "工业自动化系统 设备状态监测 通用要求", tc_code="SAC/TC 124")
        _standard("GB/T 39911-2021", "工业互联网 设备接入 技术要求", tc_code=tc_code, references=[ABOLISHED])
        _standard("GB/T 39912-2022", "工业互联网 设备状态数据 采集规范", tc_code=tc_code, references=["GB/T 39902"])
        _standard("GB/T 39913-2023", "工业互联网 边缘网关 测试方法", tc_code=tc_code,
                  references=[ABOLISHED, REPLACED])
        _standard("JB/T 39921-2020", "机床数控系统 现场总线接口", references=[ABOLISHED])
        _standard("DB32/T 39922-2021", "智能工厂 设备联网 实施指南", references=[ABOLISHED, "GB/T 39902"])

        today = clock.today()
        abolish_standard(actor=SYSTEM, standard=abolished, on=today, reason="复审结论：废止，内容已由行业标准覆盖。")
        _standard(REPLACING, "工业自动化系统 设备状态监测 通用要求", tc_code="SAC/TC 124", replaces=[REPLACED],
                  published_on=(today - timedelta(days=90)).isoformat(), implemented_on=today.isoformat())
        for pk in scan_catalogue(actor=SYSTEM):
            propagate_change(actor=SYSTEM, change=Change.objects.get(pk=pk))

        resolved = 0
        for who, label, resolution, reason in (
            (secretary, "GB/T 39913-2023", "updated",
             "第 2 章规范性引用文件已删去 GB/T 39901-2015，改为引用 JB/T 39921-2020 的有关条款。"),
            (miit, "JB/T 39921-2020", "not_affected", "本标准只引用了术语定义，已在第 3 章中给出，不受废止影响。"),
        ):
            flag = Flag.objects.filter(change__identifier=ABOLISHED, reference=label, state=FlagState.OPEN).first()
            if flag is not None:
                resolve_flag(actor=who, flag=flag, resolution=resolution, reason=reason)
                resolved += 1
        open_count = Flag.objects.filter(state=FlagState.OPEN).count()
        self.stdout.write(f"demo propagation: {ABOLISHED} abolished, {REPLACED} replaced by {REPLACING}; "
                          f"{open_count} flags open, {resolved} resolved (sign in as secretary, miit or jiangsu: "
                          "/propagation/)")
