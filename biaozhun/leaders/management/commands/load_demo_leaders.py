"""Demo 领跑者: the key product 家用电冰箱 of this year (matched by the product-name keyword 电冰箱), its evaluation
scheme (能效指数 and 噪声, with the limits of GB 12021.2), a ranking of the published refrigerator declarations, and
one leader list from its top tier, put on notice 30 days ago for 10 working days and published after.

Self-contained: when no published declaration matches the key product, it first creates 12 refrigerator makers
with one declaration each (direct rows, as the national-scale generator writes them: enterprise, product,
declaration, indicator table). The workflow itself goes through the services on a backdated clock, so every step
has its event on its day. Idempotent: does nothing when the year's key product already has a published list."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from stdnum.cn import uscc as stdnum_uscc

from biaozhun.accounts.models import Organisation, OrganisationKind
from biaozhun.catalog.models import Tier
from biaozhun.core import clock
from biaozhun.core.actors import SYSTEM
from biaozhun.declarations.demo import record_declared
from biaozhun.declarations.models import (
    Comparator,
    Declaration,
    DeclarationProduct,
    EnterpriseProfile,
    Indicator,
    Product,
    StandardSource,
)
from biaozhun.leaders.models import KeyProduct, ListState
from biaozhun.leaders.schemes import IndicatorInput
from biaozhun.leaders.services import (
    create_key_product,
    create_scheme,
    draft_leader_list,
    open_notice,
    publish_leader_list,
    run_ranking,
)

NAME = "家用电冰箱"
# (enterprise, region, efficiency index % (lower is better), noise dB(A) (lower is better))
# Invented makers (no real company or brand), with their districts and declared values.
MAKERS = [
    ("青岛澜海电器有限公司", "370212", "36.5", "37"), ("合肥青禾冰箱有限公司", "340104", "38", "38"),
    ("佛山南风制冷有限公司", "440606", "40", "36"), ("南京华冷电器有限公司", "320102", "41", "39"),
    ("滁州清泉家电有限公司", "341102", "44.5", "38"), ("宁波东港冷柜有限公司", "330212", "47", "40"),
    ("杭州星海电器有限公司", "330106", "49", "41"), ("长沙麓山电器有限公司", "430104", "50", "39"),
    ("成都锦江冷柜有限公司", "510107", "53", "42"), ("苏州平江冷机有限公司", "320505", "56", "43"),
    ("郑州中原电器有限公司", "410105", "61", "44"), ("武汉江城冷柜有限公司", "420102", "64", "44"),
]


def _uscc(n: int, region: str) -> str:
    body = f"91{region}{880_000_000 + n:09d}"
    return body + stdnum_uscc.calc_check_digit(body)


def _declarations() -> int:
    """Direct rows: an enterprise (with its profile), a product, a published declaration of its enterprise
    standard with two indicators. Made once (by their own numbers), whatever other demo data also matches the key
    product: declarations without the scheme's indicators are excluded from the ranking, not tiered."""
    now = clock.now()
    created = 0
    for n, (name, region, efficiency, noise) in enumerate(MAKERS, 1):
        enterprise = Organisation.objects.filter(uscc=_uscc(n, region)).first() or Organisation.objects.create(
            kind=OrganisationKind.ENTERPRISE, name=name, uscc=_uscc(n, region))
        EnterpriseProfile.objects.get_or_create(organisation=enterprise, defaults={"region_code": region,
                                                                                   "industry_class": "C385"})
        product, _ = Product.objects.get_or_create(enterprise=enterprise, name=f"{NAME}（双门）",
                                                   model=f"BCD-{200 + 10 * n}W")
        identifier = f"Q/DEMO{n:02d} 001-2025"
        if Declaration.objects.filter(enterprise=enterprise, identifier=identifier).exists():
            continue
        declaration = Declaration.objects.create(
            enterprise=enterprise, region_code=region, source=StandardSource.ENTERPRISE, tier=Tier.ENTERPRISE,
            identifier=identifier, undated=f"Q/DEMO{n:02d} 001", title=f"{NAME}企业标准",
            declared_at=now, updated_at=now)
        created += 1
        DeclarationProduct.objects.create(declaration=declaration, product=product)
        Indicator.objects.bulk_create([
            Indicator(declaration=declaration, position=1, name="能效指数", unit="%", comparator=Comparator.AT_MOST,
                      upper=Decimal(efficiency), test_method="GB 12021.2-2015 附录 A"),
            Indicator(declaration=declaration, position=2, name="噪声", unit="dB(A)", comparator=Comparator.AT_MOST,
                      upper=Decimal(noise), test_method="GB/T 8059-2016"),
        ])
        record_declared(declaration, actor=SYSTEM)
    return created


class Command(BaseCommand):
    help = "Load the demo 领跑者 key product, scheme, ranking and published leader list (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        today = clock.today()
        year = today.year
        product = KeyProduct.objects.filter(year=year, name=NAME).first()
        if product is not None and product.lists.filter(state=ListState.PUBLISHED).exists():
            self.stdout.write("demo 领跑者 already loaded")
            return
        start = timezone.make_aware(datetime.combine(today - timedelta(days=30), time(9)))
        with clock.as_of(start - timedelta(days=2)):
            if product is None:
                product = create_key_product(SYSTEM, year=year, name=NAME, domain="家用电器", keywords=["电冰箱"],
                                             note="能效和噪声两项指标；依据企业自我声明公开的企业标准指标分档。")
            scheme = product.schemes.first() or create_scheme(SYSTEM, key_product=product, title=f"{year} 年度评估方案",
                                                              indicators=[
                IndicatorInput("能效指数", "lower", "fixed", ["42", "52"], unit="%", requirement="62",
                               requirement_source="GB 12021.2-2015 4.2（能效等级 5 级）", aliases=["能源效率指数"]),
                IndicatorInput("噪声", "lower", "fixed", ["38", "41"], unit="dB(A)", requirement="45", key=False,
                               requirement_source="GB 12021.2-2015 附录"),
            ])
            created = _declarations()
        with clock.as_of(start - timedelta(days=1)):
            run = run_ranking(SYSTEM, scheme=scheme)
            leader_list = draft_leader_list(SYSTEM, run=run)
        with clock.as_of(start):
            leader_list = open_notice(SYSTEM, leader_list=leader_list, working_days=10)
        with clock.as_of(start + timedelta(days=(leader_list.notice_until - leader_list.notice_from).days + 1)):
            publish_leader_list(SYSTEM, leader_list=leader_list)
        self.stdout.write(f"demo 领跑者: {created} declarations created, {run.declarations} ranked, "
                          f"{leader_list.entries.count()} leaders published")
