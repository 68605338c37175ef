"""Demo filing: three ministries and three provinces (one with a city) and their filings in every state, with
their true history; a batch, an abolition announcement after periodic review, and the supersession flags the
daily scan raises.

Everything goes through the services on a backdated clock (core.clock.as_of): each filing is submitted on its
day, checked against the catalogue and search index as they were then, approved by its province, returned with
reasons or accepted by the demo reviewer days later. Run after load_demo_projects (which creates the reviewer
and the national administration) and search_sync (the coordination check reads the index). Idempotent: does
nothing when filings exist.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from biaozhun.accounts.models import MembershipRole, Organisation, OrganisationKind, User
from biaozhun.accounts.services import add_member, create_organisation, register_user
from biaozhun.catalog.demo.pdf import render_standard_pdf
from biaozhun.catalog.models import Standard
from biaozhun.core import clock
from biaozhun.core.actors import SYSTEM
from biaozhun.filing.models import Filing, IndustryCodeOwner
from biaozhun.filing.services import (
    FilingInput,
    accept_filing,
    approve_city_filing,
    return_city_filing,
    return_filing,
    submit_filing,
    withdraw_filing,
)
from biaozhun.filing.services.batch import Upload, process_batch, receive_batch
from biaozhun.filing.services.flags import scan_national_editions
from biaozhun.filing.services.periodic import NoticeInput, conclude_reviews

PASSWORD = os.environ.get("BIAOZHUN_DEMO_PASSWORD", "biaozhun-demo-2026")


@dataclass(frozen=True)
class Authority:
    username: str
    person: str
    name: str
    kind: str
    code: str  # industry code or region code
    more_codes: tuple[str, ...] = ()


AUTHORITIES = (
    Authority("miit", "陈工信", "工业和信息化部", OrganisationKind.GOVERNMENT_DEPARTMENT, "JB", ("QC", "YD", "SJ")),
    Authority("mot", "刘交通", "交通运输部", OrganisationKind.GOVERNMENT_DEPARTMENT, "JT"),
    Authority("nhc", "周卫健", "国家卫生健康委员会", OrganisationKind.GOVERNMENT_DEPARTMENT, "WS"),
    Authority("jiangsu", "吴江苏", "江苏省市场监督管理局", OrganisationKind.BUREAU, "32"),
    Authority("zhejiang", "钱浙江", "浙江省市场监督管理局", OrganisationKind.BUREAU, "33"),
    Authority("guangdong", "黄广东", "广东省市场监督管理局", OrganisationKind.BUREAU, "44"),
    Authority("nanjing", "孙南京", "南京市市场监督管理局", OrganisationKind.BUREAU, "3201"),
)

# What happens to a filing after it is submitted.
ACCEPTED, SUBMITTED, RETURNED, AWAITING, APPROVED, PROVINCE_RETURNED, WITHDRAWN = (
    "accepted", "submitted", "returned", "awaiting", "approved", "province_returned", "withdrawn")


@dataclass(frozen=True)
class DemoFiling:
    authority: str  # username of the filing authority's demo person
    identifier: str
    title: str
    scope: str
    outcome: str
    days_ago: int  # submitted this many days before today
    late_by: int = 0  # published this many days before the deadline's end (0: published 5 days before filing)
    replaces: str = ""
    ccs: str = "A00"
    ics: tuple[str, ...] = ("03.120.10",)
    reasons: tuple[tuple[str, str], ...] = field(default_factory=tuple)


FILINGS = (
    DemoFiling("miit", "JB/T 14500-2026", "数控机床 可靠性评定方法",
               "本文件规定了数控机床可靠性评定的指标、试验条件、数据采集和评定方法。", ACCEPTED, 80,
               ccs="J50", ics=("25.040.20",)),
    DemoFiling("miit", "QC/T 1250-2026", "电动汽车 换电安全要求",
               "本文件规定了电动汽车换电系统的安全要求和试验方法。", SUBMITTED, 12, ccs="T47", ics=("43.120",)),
    DemoFiling("miit", "YD/T 1138-2026", "有线电视网络 技术要求",
               "本文件规定了有线电视网络的技术要求。", SUBMITTED, 6, replaces="YD/T 1138-2007", ccs="M61",
               ics=("33.060.40",)),
    DemoFiling("miit", "SJ/T 11900-2026", "智能穿戴设备 通用规范",
               "本文件规定了智能穿戴设备的要求、试验方法和检验规则。", RETURNED, 40, ccs="L60", ics=("31.020",),
               reasons=(("year", "批准发布公告号与发布日期不一致，请核对公告。"),)),
    DemoFiling("mot", "JT/T 974-2026", "公路桥涵运行维护规程",
               "本文件规定了公路桥梁和涵洞运行维护的检查、评定和养护要求。", ACCEPTED, 60, replaces="JT/T 974-2006",
               ccs="P28", ics=("93.040",)),
    DemoFiling("mot", "JT/T 1500-2026", "城市轨道交通 运营安全评估规范",
               "本文件规定了城市轨道交通运营安全评估的内容、方法和程序。", SUBMITTED, 20, late_by=45, ccs="S70",
               ics=("45.060",)),
    DemoFiling("nhc", "WS/T 850-2026", "医院感染预防与控制评价规范",
               "本文件规定了医院感染预防与控制评价的内容、方法和要求。", ACCEPTED, 90, ccs="C05", ics=("11.020",)),
    DemoFiling("nhc", "WS/T 851-2026", "生活饮用水卫生 检验方法 总则",
               "本文件规定了生活饮用水卫生检验的基本原则、水样采集和质量控制。", SUBMITTED, 25, ccs="C51",
               ics=("13.060.20",)),
    DemoFiling("nhc", "WS/T 852-2026", "医疗机构消毒技术规范",
               "本文件规定了医疗机构消毒的管理要求和技术方法。", WITHDRAWN, 50, ccs="C05", ics=("11.080",)),
    DemoFiling("jiangsu", "DB32/T 3401-2026", "物流服务 管理规范",
               "本文件规定了物流服务的管理要求、服务流程和评价改进。", ACCEPTED, 70, replaces="DB32/T 3401-2025",
               ccs="A10", ics=("03.220",)),
    DemoFiling("jiangsu", "DB32/T 4700-2026", "生活饮用水卫生要求",
               "本文件规定了生活饮用水水质要求、生活饮用水水源水质要求和集中式供水单位卫生要求。", SUBMITTED, 15,
               ccs="C51", ics=("13.060.20",)),
    DemoFiling("jiangsu", "DB32/T 4701-2026", "电动汽车充电站运营管理规范",
               "本文件规定了电动汽车充电站的运营管理要求。充电设备应经本省检测机构检验合格后方可投入运营，"
               "运营企业应在本省注册。", RETURNED, 30, ccs="T47", ics=("43.120",),
               reasons=(("wording", "第1章要求“经本省检测机构检验”“在本省注册”，属于限定本地检测机构和本地注册，"
                                    "请删除或改为符合资质的检验检测机构。"),)),
    DemoFiling("zhejiang", "DB33/T 3422-2026", "小麦粉", "本文件规定了小麦粉的质量要求、检验方法和标签。",
               ACCEPTED, 100, replaces="DB33/T 3422-2018", ccs="X11", ics=("67.060",)),
    DemoFiling("zhejiang", "DB33/T 2600-2026", "未来社区建设 评价指南",
               "本文件给出了未来社区建设评价的指标体系、评价方法和评价程序。", SUBMITTED, 9, ccs="P50",
               ics=("91.020",)),
    DemoFiling("zhejiang", "DB33/T 2601-2026", "农村生活污水处理设施运行维护规范",
               "本文件规定了农村生活污水处理设施运行维护的管理、巡查、养护和水质监测要求。", ACCEPTED, 45, ccs="Z23",
               ics=("13.060.30",)),
    DemoFiling("guangdong", "DB44/T 2855-2026", "地理标志产品 广东枸杞",
               "本文件规定了地理标志产品广东枸杞的保护范围、要求、试验方法和检验规则。", ACCEPTED, 55,
               replaces="DB44/T 2855-2017", ccs="B31", ics=("65.020.20",)),
    DemoFiling("guangdong", "DB44/T 2900-2026", "预包装食品标签通则",
               "本文件规定了直接提供给消费者的预包装食品标签和非直接提供给消费者的预包装食品标签的要求。", SUBMITTED,
               18, ccs="X04", ics=("67.040",)),
    DemoFiling("nanjing", "DB3201/T 1050-2026", "城市绿地养护管理规范",
               "本文件规定了城市绿地养护管理的等级、内容和技术要求。", ACCEPTED, 75, ccs="B64", ics=("65.020.40",)),
    DemoFiling("nanjing", "DB3201/T 1100-2026", "城市道路井盖设施管理规范",
               "本文件规定了城市道路井盖设施的设置、巡查、维护和应急处置要求。", AWAITING, 4, ccs="P66",
               ics=("93.080",)),
    DemoFiling("nanjing", "DB3201/T 1101-2026", "智慧停车场建设规范",
               "本文件规定了智慧停车场的总体架构、功能要求和建设要求。", APPROVED, 22, ccs="P66", ics=("93.080",)),
    DemoFiling("nanjing", "DB3201/T 1102-2026", "夜间经济集聚区服务规范",
               "本文件规定了夜间经济集聚区的服务设施、服务管理和评价要求。", PROVINCE_RETURNED, 35, ccs="A12",
               ics=("03.080",)),
)


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


class Command(BaseCommand):
    help = "Create demo filing authorities and their filings in every state."

    def handle(self, *args, **options):
        if Filing.objects.exists():
            self.stdout.write("demo filings already loaded")
            return
        reviewer = User.objects.filter(username="reviewer").first()
        admin = User.objects.filter(username="admin").first()
        if reviewer is None or admin is None:
            self.stdout.write("no demo reviewer: run load_demo_projects first")
            return
        self.today = clock.today()
        with transaction.atomic():
            people = self._authorities(admin)
            counts: dict[str, int] = {}
            for demo in FILINGS:
                self._file(demo, people, reviewer)
                counts[demo.outcome] = counts.get(demo.outcome, 0) + 1
            batch = self._batch(people["guangdong"])
            notice = self._abolition(people["zhejiang"])
            flags = self._flags()
        self.stdout.write(
            f"demo filings created: {len(FILINGS)} ({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))}); "
            f"sign in as {', '.join(a.username for a in AUTHORITIES)} (filing authorities) or reviewer with the "
            f"password {PASSWORD}; a batch of {batch.filed} filings by 广东, "
            f"{'an abolition announcement by 浙江, ' if notice else ''}{flags} supersession flags")

    def _batch(self, person: tuple[User, Organisation]):
        """广东 files two standards in one batch (JSONL and a ZIP of their texts), filed as the task would."""
        user, organisation = person
        published = self.today - timedelta(days=7)
        rows, archive = [], io.BytesIO()
        with zipfile.ZipFile(archive, "w") as texts:
            for number, title in (("DB44/T 2950", "岭南传统建筑修缮技术规程"), ("DB44/T 2951", "荔枝冷链物流操作规范")):
                identifier = f"{number}-{published.year}"
                name = identifier.replace("/", "") + ".pdf"
                texts.writestr(name, render_standard_pdf(
                    Standard(identifier=identifier, title_zh=title, issued_by=[organisation.name], ics_codes=[],
                             published_on=published), references=[]))
                rows.append({"identifier": identifier, "title_zh": title, "published_on": published.isoformat(),
                             "approved_by": organisation.name, "notice_number": f"{published.year}年第41号",
                             "notice_date": published.isoformat(), "text_file": name})
        data = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode()
        batch = receive_batch(actor=user, authority=organisation, data=Upload("广东批量备案.jsonl", io.BytesIO(data)),
                              texts=Upload("标准文本.zip", io.BytesIO(archive.getvalue())))
        return process_batch(actor=SYSTEM, batch_id=batch.pk)

    def _abolition(self, person: tuple[User, Organisation]):
        """浙江 abolishes its oldest local standards in force after their periodic review, in one announcement."""
        user, organisation = person
        old = list(Standard.objects.filter(tier="local", region_code="33", status="current",
                                           published_on__lte=self.today - timedelta(days=6 * 365))
                   .order_by("published_on", "id")[:2])
        if not old:
            return None
        reviews = conclude_reviews(actor=user, standards=old, outcome="abolish", reason="技术内容已落后，不再适用",
                                   notice=NoticeInput(notice_number=f"{self.today.year}年第8号",
                                                      notice_date=self.today - timedelta(days=2),
                                                      abolished_on=self.today + timedelta(days=28)))
        return reviews[0].notice

    def _flags(self) -> int:
        """National standards on the subject of filed standards in force, flagged to their authorities (the daily
        scan, run over the national editions published in the last year)."""
        return scan_national_editions(actor=SYSTEM)["flags"]

    def _authorities(self, admin: User) -> dict[str, tuple[User, Organisation]]:
        people = {}
        for authority in AUTHORITIES:
            user = User.objects.filter(username=authority.username).first() or register_user(
                actor=SYSTEM, username=authority.username, email=f"{authority.username}@demo.biaozhun.test",
                real_name=authority.person, password=PASSWORD)
            scope = ({"industry_code": authority.code} if authority.kind == OrganisationKind.GOVERNMENT_DEPARTMENT
                     else {"region_code": authority.code})
            organisation = Organisation.objects.filter(kind=authority.kind, name=authority.name).first() or (
                create_organisation(actor=admin, kind=authority.kind, name=authority.name, join_as_admin=False,
                                    **scope))
            if user.role_in(organisation) is None:
                add_member(actor=admin, organisation=organisation, user=user, role=MembershipRole.ADMIN)
                user.forget_memberships()
            for code in authority.more_codes:
                IndustryCodeOwner.objects.get_or_create(code=code, defaults={"organisation": organisation})
            people[authority.username] = (user, organisation)
        return people

    def _file(self, demo: DemoFiling, people: dict, reviewer: User) -> None:
        user, organisation = people[demo.authority]
        submitted = self.today - timedelta(days=demo.days_ago)
        published = submitted - timedelta(days=5 + demo.late_by)
        identifier = demo.identifier.rsplit("-", 1)[0] + f"-{published.year}"  # the number's year is its publication's
        record = {"identifier": identifier, "title_zh": demo.title, "scope": demo.scope,
                  "published_on": published.isoformat(), "implemented_on": (published + timedelta(days=90)).isoformat(),
                  "ccs": demo.ccs, "ics": list(demo.ics), "drafting_units": [f"{organisation.name.removesuffix('市场监督管理局')}标准化研究院"],
                  "drafters": ["王明", "李华"]}
        if demo.replaces and Standard.objects.filter(edition=demo.replaces).exists():
            record["replaces"] = [demo.replaces]
        text = render_standard_pdf(
            Standard(identifier=identifier, title_zh=demo.title, scope=demo.scope, issued_by=[organisation.name],
                     ics_codes=list(demo.ics), published_on=published, implemented_on=published + timedelta(days=90)),
            references=[])
        data = FilingInput(record=record, approved_by=organisation.name,
                           notice_number=f"{published.year}年第{published.timetuple().tm_yday // 7 + 1}号",
                           notice_date=published, text=text)
        with clock.as_of(at(submitted)):
            filing = submit_filing(actor=user, authority=organisation, data=data)
        later = min(self.today, submitted + timedelta(days=3))
        province = people["jiangsu"][0]
        with clock.as_of(at(later, 15)):
            if demo.outcome == WITHDRAWN:
                withdraw_filing(actor=user, filing=filing, reason="发布公告有误，撤回后重新发布")
            elif demo.outcome == PROVINCE_RETURNED:
                return_city_filing(actor=province, filing=filing, reason="适用范围与江苏省地方标准重复，请先协调。")
            elif demo.outcome in (ACCEPTED, APPROVED) and filing.is_city_level:
                approve_city_filing(actor=province, filing=filing)
        if demo.outcome in (ACCEPTED, RETURNED):
            decided = min(self.today, submitted + timedelta(days=8))
            with clock.as_of(at(decided, 16)):
                if demo.outcome == ACCEPTED:
                    accept_filing(actor=reviewer, filing=filing)
                else:
                    return_filing(actor=reviewer, filing=filing,
                                  reasons=[{"check": check, "message": message} for check, message in demo.reasons])
