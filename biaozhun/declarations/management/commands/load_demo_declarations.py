"""Load demo self-declarations (idempotent: a rerun changes nothing): three enterprises (valid USCCs) with their
profiles and products, each registered and kept by a demo account (password $BIAOZHUN_DEMO_PASSWORD or
biaozhun-demo-2026), declaring standards the demo catalogue holds (biaozhun/datagen/famous.py): one in force, one
replaced (flagged with the edition in force), one not yet in force, and an enterprise standard (Q/) with an
indicator table whose sulfur content trips BELOW_MANDATORY against GB 19147-2016. Everything goes through the
services, as the enterprises themselves would do it."""

import os

from django.core.management.base import BaseCommand
from stdnum.cn import uscc as stdnum_uscc

from biaozhun.accounts.models import Organisation, OrganisationKind, User
from biaozhun.accounts.services import create_organisation, register_user
from biaozhun.catalog.models import Standard
from biaozhun.core.actors import SYSTEM
from biaozhun.declarations.models import Declaration, DeclarationState, Product, StandardSource
from biaozhun.declarations.services import (
    DeclarationInput,
    ProductInput,
    ProfileInput,
    add_product,
    declare_standard,
    set_enterprise_profile,
)

PASSWORD = os.environ.get("BIAOZHUN_DEMO_PASSWORD", "biaozhun-demo-2026")


def _uscc(region: str, serial: int) -> str:
    body = f"91{region}MA{serial:07d}"
    return body + stdnum_uscc.calc_check_digit(body)


# (username, person, enterprise, region (county), standard code, products, declarations)
ENTERPRISES = [
    ("enterprise", "王经理", "江苏示范石化有限公司", "320102", "JSSH", [("车用柴油", "0号"), ("车用柴油", "-10号")], [
        ("enterprise", "Q/JSSH 001-2025", "车用柴油", [0, 1], [
            {"name": "硫含量", "unit": "mg/kg", "comparator": "le", "upper": "50", "test_method": "SH/T 0689",
             "category": "environment"},
            {"name": "十六烷值", "unit": "", "comparator": "ge", "lower": "51", "test_method": "GB/T 386"},
            {"name": "闪点（闭口）", "unit": "℃", "comparator": "ge", "lower": "60", "test_method": "GB/T 261",
             "category": "safety"},
        ]),
    ]),
    ("enterprise2", "李工", "杭州示范净水设备有限公司", "330106", "HZJS", [("家用净水器", "RO-400"), ("生活饮用水", "桶装")], [
        ("catalogue", "GB 5749-2006", "", [1], None),
        ("catalogue", "GB/T 19001-2016", "", [0, 1], None),
    ]),
    ("enterprise3", "陈主任", "广州示范食品有限公司", "440106", "GZSP", [("饼干", "苏打"), ("饼干", "夹心")], [
        ("catalogue", "GB 7718-2025", "", [0, 1], None),
        ("catalogue", "GB 2760-2024", "", [0, 1], None),
    ]),
]


class Command(BaseCommand):
    help = "Load demo enterprises with their products and self-declarations (idempotent)."

    def handle(self, *args, **options):
        made = 0
        for serial, (username, person, name, region, code, products, declarations) in enumerate(ENTERPRISES, 1):
            user = User.objects.filter(username=username).first() or register_user(
                actor=SYSTEM,
                username=username, email=f"{username}@demo.biaozhun.test", real_name=person, password=PASSWORD)
            enterprise = Organisation.objects.filter(kind=OrganisationKind.ENTERPRISE, name=name).first() or (
                create_organisation(actor=user, kind=OrganisationKind.ENTERPRISE, name=name,
                                    uscc=_uscc(region[:4] + "00", serial)))
            user.forget_memberships()
            set_enterprise_profile(actor=user, enterprise=enterprise, data=ProfileInput(
                region_code=region, standard_code=code, address=f"{name}厂区"))
            items = []
            for product_name, model in products:
                item = Product.objects.filter(enterprise=enterprise, name=product_name, model=model).first() or (
                    add_product(actor=user, enterprise=enterprise, data=ProductInput(name=product_name, model=model)))
                items.append(item)
            for source, number, title, chosen, indicators in declarations:
                if source == StandardSource.CATALOGUE and not Standard.objects.filter(edition=number).exists():
                    self.stderr.write(f"{number} is not in the catalogue (run load_demo first); skipped")
                    continue
                if Declaration.objects.filter(enterprise=enterprise, identifier__startswith=number,
                                              state=DeclarationState.PUBLISHED).exists():
                    continue
                declare_standard(actor=user, enterprise=enterprise, data=DeclarationInput(
                    source=source, identifier=number, title=title, products=[items[i].pk for i in chosen],
                    indicators=indicators or []))
                made += 1
        self.stdout.write(f"demo declarations: {made} new; enterprises' accounts enterprise, enterprise2, enterprise3 "
                          f"(password {PASSWORD})")
