"""Demo data of random inspections: 江苏's bureau with an inspector pool (six inspectors with accounts), a small set of
enterprises with published declarations (created as direct rows when none exist in 江苏, so that this command does
not depend on the declarations demo), and one finished campaign: committed, drawn, inspected, results published,
correction orders followed up (one enterprise on the public list, one enterprise standard below a mandatory limit
not corrected and abolished by the bureau under law art. 39, with its public notice), closed. Run again, it changes
nothing."""

from __future__ import annotations

import os
from datetime import datetime, timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from stdnum.cn import uscc as stdnum_uscc

from biaozhun.accounts.models import MembershipRole, Organisation, OrganisationKind, User
from biaozhun.accounts.services import add_member, create_organisation, register_user
from biaozhun.catalog.models import Tier
from biaozhun.core import clock
from biaozhun.core.actors import SYSTEM
from biaozhun.declarations.demo import record_declared
from biaozhun.declarations.models import (
    Declaration,
    DeclarationProduct,
    DeclarationState,
    EnterpriseProfile,
    Product,
    StandardSource,
)
from biaozhun.inspections import services
from biaozhun.inspections.models import Campaign, CheckItem, Inspector, OrderState, Outcome
from biaozhun.inspections.services.abolitions import abolishable, candidates
from biaozhun.rules.declaration_checks import CheckCode, finding

PASSWORD = os.environ.get("BIAOZHUN_DEMO_PASSWORD", "biaozhun-demo-2026")
TITLE = "2026年江苏省企业标准自我声明公开“双随机、一公开”抽查"
BUREAU = "江苏省市场监督管理局"
REGIONS = ("320102", "320211", "320506", "320583", "321002", "320382")
ENTERPRISES = ("南京玄武冷链设备", "无锡滨湖电机", "苏州姑苏家电", "昆山精密模具", "扬州广陵照明", "徐州铜山机械",
               "南京鼓楼智能仪表", "无锡锡山纺织", "苏州吴中食品", "昆山电子材料", "扬州邗江化工", "徐州泉山包装")
INSPECTORS = (("JS-2026-001", "周检", "江苏省质量和标准化研究院", "3201"),
              ("JS-2026-002", "吴查", "无锡市市场监督管理局", "3202"),
              ("JS-2026-003", "郑核", "苏州市市场监督管理局", "3205"),
              ("JS-2026-004", "王审", "扬州市市场监督管理局", "3210"),
              ("JS-2026-005", "冯验", "徐州市市场监督管理局", "3203"),
              ("JS-2026-006", "陈督", "江苏省产品质量监督检验研究院", "3201"))


def _moment(day: str) -> datetime:
    return timezone.make_aware(datetime.fromisoformat(day + "T10:00:00"))


class Command(BaseCommand):
    help = "Load the random inspections demo (one finished campaign); idempotent."

    @transaction.atomic
    def handle(self, *args, **options):
        if Campaign.objects.filter(title=TITLE).exists():
            self.stdout.write("inspections demo already loaded")
            return
        bureau, officer = self._bureau()
        self._enterprises()
        inspectors = self._pool(bureau)
        with clock.as_of(_moment("2026-03-02")):
            campaign = services.create_campaign(
                officer, authority=bureau, year=2026, title=TITLE, region_prefix="32", rate="0.5",
                scope="江苏省内公开了企业标准自我声明的企业；抽查比例 50%，每户 2 名检查人员，同一单位、同一设区市回避。",
                region_level="city", check_items=list(CheckItem.values))
            services.commit_campaign(officer, campaign=campaign)
        with clock.as_of(_moment("2026-03-04")):
            services.draw_campaign(officer, campaign=campaign)
        users = {i.pk: i.user for i in inspectors}
        below = self._below_mandatory_rank(campaign)
        with clock.as_of(_moment("2026-03-20")):
            for rank, item in enumerate(campaign.items.order_by("rank")):
                inspector = users[item.assignments.order_by("position").first().inspector_id]
                for code in campaign.check_items:
                    failing = (rank < 2 and code == CheckItem.DISCLOSURE) or (
                        rank == below and code == CheckItem.BELOW_MANDATORY)
                    note = "未公开产品的功能指标和性能指标" if code == CheckItem.DISCLOSURE else \
                        "耗电量高于 GB 12021.2 规定的能效限定值"
                    services.record_finding(inspector, item=item, check_item=code,
                                            outcome=Outcome.NON_CONFORMING if failing else Outcome.CONFORMING,
                                            note=note if failing else "")
            services.complete_inspection(officer, campaign=campaign)
        with clock.as_of(_moment("2026-03-25")):
            services.publish_results(officer, campaign=campaign)
        with clock.as_of(_moment("2026-05-08")):
            for n, item in enumerate(campaign.items.filter(order__state=OrderState.OPEN).order_by("rank")):
                below_mandatory = CheckItem.BELOW_MANDATORY in item.order.check_items
                corrected = n == 1 and not below_mandatory  # the second enterprise discloses in time
                services.follow_up_order(officer, order=item.order, corrected=corrected, note=(
                    "逾期仍未改正能效指标" if below_mandatory else "已补充公开指标" if corrected else "逾期仍未公开指标"))
            services.close_campaign(officer, campaign=campaign)
        with clock.as_of(_moment("2026-05-15")):
            self._abolish(officer, campaign)
        self.stdout.write(f"inspections demo: campaign {campaign.pk}, {campaign.items.count()} enterprises drawn")

    @staticmethod
    def _below_mandatory_rank(campaign: Campaign) -> int | None:
        """A drawn enterprise whose own enterprise standard is published (it will be found below a mandatory limit
        and abolished): the first after the two that fail disclosure, else the first (a small demo draws few)."""
        ranks = [rank for rank, item in enumerate(campaign.items.order_by("rank"))
                 if Declaration.objects.filter(enterprise=item.enterprise_id, source=StandardSource.ENTERPRISE,
                                               state=DeclarationState.PUBLISHED).exists()]
        return next((rank for rank in ranks if rank >= 2), ranks[0] if ranks else None)

    def _abolish(self, officer: User, campaign: Campaign) -> None:
        """The bureau (provincial) abolishes the enterprise standard of the enterprise that did not correct its
        below-mandatory finding (law art. 39), when that enterprise discloses one."""
        for item in campaign.items.filter(order__state=OrderState.NOT_CORRECTED).select_related("order"):
            if not abolishable(item.order):
                continue
            for declaration in candidates(item.order)[:1]:
                services.abolish_standard(officer, order=item.order, declaration=declaration, reason=(
                    "抽查发现该企业标准的耗电量指标高于 GB 12021.2 规定的能效限定值，低于强制性国家标准的技术要求；"
                    "责令限期改正，期满复查仍未改正。"))

    def _bureau(self) -> tuple[Organisation, User]:
        bureau = Organisation.objects.filter(kind=OrganisationKind.BUREAU, region_code="32").order_by("pk").first() \
            or create_organisation(actor=SYSTEM, kind=OrganisationKind.BUREAU, name=BUREAU, region_code="32",
                                   join_as_admin=False)
        officer = User.objects.filter(username="js-inspections").first() or register_user(
            actor=SYSTEM, username="js-inspections", email="js-inspections@demo.biaozhun.test",
            real_name="苏抽查", password=PASSWORD)
        if officer.role_in(bureau) is None:
            add_member(actor=SYSTEM, organisation=bureau, user=officer, role=MembershipRole.MEMBER)
            officer.forget_memberships()
        return bureau, officer

    def _enterprises(self) -> None:
        """Twelve enterprises in 江苏 with one published enterprise-standard declaration each, unless 江苏 has some."""
        if EnterpriseProfile.objects.filter(region_code__startswith="32").exclude(organisation__uscc="").exists():
            return
        now = clock.now() - timedelta(days=120)
        for n, (name, region) in enumerate(zip(ENTERPRISES, REGIONS * 2, strict=True)):
            body = f"91{region}{700000000 + n:09d}"
            enterprise = Organisation.objects.create(kind=OrganisationKind.ENTERPRISE, name=f"{name}有限公司",
                                                     uscc=body + stdnum_uscc.calc_check_digit(body))
            EnterpriseProfile.objects.create(organisation=enterprise, region_code=region, industry_class="C38")
            product = Product.objects.create(enterprise=enterprise, name="家用电冰箱", model=f"BCD-{210 + n}")
            declaration = Declaration.objects.create(
                enterprise=enterprise, region_code=region, source=StandardSource.ENTERPRISE, tier=Tier.ENTERPRISE,
                identifier=f"Q/JSD {n + 1:03d}-2025", undated=f"Q/JSD {n + 1:03d}", title="家用电冰箱",
                declared_at=now, updated_at=now,
                checks=[finding(CheckCode.NO_DISCLOSURE)] if n % 5 == 0 else [])
            DeclarationProduct.objects.create(declaration=declaration, product=product)
            record_declared(declaration, actor=SYSTEM)

    def _pool(self, bureau: Organisation) -> list[Inspector]:
        pool = []
        for n, (number, name, organisation, region) in enumerate(INSPECTORS, 1):
            inspector = Inspector.objects.filter(authority=bureau, number=number).first()
            if inspector is None:
                user = User.objects.filter(username=f"inspector{n}").first() or register_user(
                    actor=SYSTEM, username=f"inspector{n}", email=f"inspector{n}@demo.biaozhun.test",
                    real_name=name, password=PASSWORD)
                inspector = services.add_inspector(SYSTEM, authority=bureau, number=number, name=name,
                                                   organisation=organisation, region_code=region, user=user)
            pool.append(inspector)
        return pool
