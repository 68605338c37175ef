"""Demo social organisations and group standards: 中国标准化协会 (CAS), 中国电子工业标准化技术协会 (CESA) and
中国汽车工程学会 (CSAE), each registered by its own admin (the demo accounts ``cas``, ``cesa``, ``csae``) with a valid
USCC and its group code, a few group standards each in the catalogue (one with a public text), a 立项公告 and one
征求意见 open now, with comments from the demo ``commenter``.

Everything goes through the services; the open 征求意见 is posted on a backdated clock (core.clock.as_of), as it
was a few days ago. Idempotent: does nothing when the demo organisations are registered. Run search_sync after it
so that search finds the group standards.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from reportlab.pdfgen import canvas
from stdnum.cn import uscc

from biaozhun.accounts.models import Organisation, OrganisationKind, User
from biaozhun.accounts.services import create_organisation, register_user
from biaozhun.catalog.models import Standard
from biaozhun.core import clock
from biaozhun.core.actors import SYSTEM
from biaozhun.groups.models import GroupProfile
from biaozhun.groups.services import (
    AnnouncementInput,
    GroupStandardInput,
    ProfileInput,
    post_announcement,
    publish_group_standard,
    register_group,
    submit_comment,
)

PASSWORD = os.environ.get("BIAOZHUN_DEMO_PASSWORD", "biaozhun-demo-2026")


def demo_uscc(body: str) -> str:
    """A unified social credit code of a national social organisation (51 + 100000 + organisation code) with its
    check digit."""
    number = f"51100000{body}"
    return number + uscc.calc_check_digit(number)


@dataclass(frozen=True)
class DemoGroup:
    username: str
    person: str
    name: str
    code: str
    uscc_body: str
    industry: str
    supervising_unit: str
    website: str
    standards: tuple[tuple[str, int, str, str, date], ...]  # number, year, title, main content, published


GROUPS = (
    DemoGroup("cas", "王标协", "中国标准化协会", "CAS", "500000133", "M74", "中国科学技术协会",
              "https://www.china-cas.org", (
                  ("115", 2005, "中国标准化协会标准 编写规则", "规定了团体标准的结构、起草表述规则和编排格式。", date(2005, 6, 1)),
                  ("1", 2026, "绿色建材评价 预拌混凝土", "规定了预拌混凝土绿色评价的评价要求、指标和方法。", date(2026, 1, 15)),
                  ("2", 2026, "养老服务机构 服务质量评价规范", "规定了养老服务机构服务质量评价的内容、方法和等级划分。",
                   date(2026, 2, 20)))),
    DemoGroup("cesa", "李电标", "中国电子工业标准化技术协会", "CESA", "500001592", "I65", "工业和信息化部",
              "http://www.cesa.cn", (
                  ("1001", 2025, "信息技术 开源软件 供应链安全要求", "规定了开源软件供应链各环节的安全要求和评估方法。",
                   date(2025, 9, 1)),
                  ("1002", 2026, "智能家居 设备互联互通 通用要求", "规定了智能家居设备接入、发现、控制的通用要求。",
                   date(2026, 3, 1)))),
    DemoGroup("csae", "赵汽工", "中国汽车工程学会", "CSAE", "500002370", "M73", "中国科学技术协会",
              "http://www.sae-china.org", (
                  ("53", 2025, "电动汽车 动力电池 热失控试验方法", "规定了电动汽车动力电池热失控触发和蔓延的试验条件和方法。",
                   date(2025, 11, 10)),
                  ("54", 2026, "智能网联汽车 数据记录系统 技术要求", "规定了智能网联汽车数据记录系统的记录内容、存储和读取要求。",
                   date(2026, 4, 1)))),
)


def _pdf(title: str) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    pdf.drawString(72, 760, title)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


class Command(BaseCommand):
    help = "Load demo social organisations with group standards and announcements (idempotent)."

    def handle(self, *args, **options) -> None:
        if GroupProfile.objects.filter(code__in=[g.code for g in GROUPS]).exists():
            self.stdout.write("demo groups already loaded")
            return
        with transaction.atomic():
            profiles = {group.code: self._register(group) for group in GROUPS}
            self._announcements(profiles["CESA"], profiles["CAS"])
        self.stdout.write(f"loaded {len(profiles)} social organisations and their group standards")

    def _register(self, group: DemoGroup) -> GroupProfile:
        user = User.objects.filter(username=group.username).first() or register_user(
            actor=SYSTEM, username=group.username, email=f"{group.username}@demo.biaozhun.test",
            real_name=group.person, password=PASSWORD)
        organisation = Organisation.objects.filter(uscc=demo_uscc(group.uscc_body)).first() or create_organisation(
            actor=user, kind=OrganisationKind.SOCIAL_ORGANISATION, name=group.name, uscc=demo_uscc(group.uscc_body))
        user.forget_memberships()
        profile = register_group(actor=user, organisation=organisation, data=ProfileInput(
            code=group.code, registration_authority="中华人民共和国民政部", region="11", industry=group.industry,
            supervising_unit=group.supervising_unit, website=group.website))
        for index, (number, year, title, content, published) in enumerate(group.standards):
            if Standard.objects.filter(edition=f"T/{group.code} {number}-{year}").exists():
                continue  # the demo catalogue (datagen) may hold the number already
            public = index == 0
            publish_group_standard(actor=user, profile=profile, text=_pdf(f"T/{group.code} {number}-{year}")
                                   if public else None, data=GroupStandardInput(
                number=number, year=year, title_zh=title, main_content=content, published_on=published,
                implemented_on=published + timedelta(days=30), text_public=public,
                drafting_units=[group.name], involves_patents=index == 1,
                patent_note="本文件的某些内容可能涉及专利，专利持有人已承诺以合理无歧视条款许可。" if index == 1 else ""))
        return profile

    def _announcements(self, cesa: GroupProfile, cas: GroupProfile) -> None:
        cesa_admin = User.objects.get(username="cesa")
        today = clock.today()
        opened = today - timedelta(days=5)
        with clock.as_of(timezone.make_aware(datetime.combine(opened, time(9, 30)))):
            call = post_announcement(actor=cesa_admin, profile=cesa, data=AnnouncementInput(
                kind="draft_for_comment", title="关于《信息技术 可信数据空间 参考架构》团体标准征求意见的通知",
                standard_title="信息技术 可信数据空间 参考架构",
                body="根据本会团体标准工作安排，现将征求意见稿公开征求意见。请于截止日期前在本页提出意见，写明章条号和理由。",
                comment_start=opened, comment_end=opened + timedelta(days=30)), draft=_pdf("T/CESA draft"))
        post_announcement(actor=User.objects.get(username="cas"), profile=cas, data=AnnouncementInput(
            kind="project_approval", title="关于《社区嵌入式养老服务 设施配置》团体标准立项的公告",
            standard_title="社区嵌入式养老服务 设施配置", body="经专家审查，同意立项，计划 12 个月内完成。"))
        commenter = User.objects.filter(username="commenter").first() or register_user(
            actor=SYSTEM, username="commenter", email="commenter@demo.biaozhun.test", real_name="周意见",
            password=PASSWORD)
        for clause, text in (("4.2", "建议补充数据使用控制的审计要求。"), ("附录A", "参考架构图中连接器的职责与正文不一致。")):
            submit_comment(actor=commenter, announcement=call, clause=clause, text=text, organisation_name="某研究院")
