"""The public side's scene: three enterprises in three regions, their products and declarations (an enterprise
standard with an indicator table, a national standard, a flagged one, a withdrawn one with two versions), and the
search index written from them."""

from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile

from biaozhun.catalog.models import Tier
from biaozhun.declarations.models import (
    Declaration,
    DeclarationState,
    DeclarationVersion,
    IndicatorCategory,
    StandardSource,
)
from biaozhun.declarations.search import sync
from biaozhun.rules.declaration_checks import CheckCode, finding
from tests.factories.accounts import OrganisationFactory
from tests.factories.declarations import DeclarationFactory, EnterpriseProfileFactory, ProductFactory


@dataclass
class Scene:
    haier: object
    midea: object
    gree: object
    fridge: object
    washer: object
    aircon: object
    q_standard: Declaration
    national: Declaration
    flagged: Declaration
    withdrawn: Declaration


def _enterprise(name: str, region: str, n: int):
    organisation = OrganisationFactory(name=name)
    EnterpriseProfileFactory(organisation=organisation, region_code=region)
    return organisation


def _version(declaration: Declaration, number: int, **content) -> DeclarationVersion:
    return DeclarationVersion.objects.create(declaration=declaration, version=number, content={
        "identifier": declaration.identifier, "title": declaration.title, **content})


@pytest.fixture
def scene(db) -> Scene:
    haier = _enterprise("青岛海尔电冰箱有限公司", "370212", 1)
    midea = _enterprise("佛山市美的洗衣机制造有限公司", "440606", 2)
    gree = _enterprise("珠海格力空调股份有限公司", "440402", 3)
    fridge = ProductFactory(enterprise=haier, name="家用电冰箱", model="BCD-470WGHSS")
    washer = ProductFactory(enterprise=midea, name="滚筒洗衣机", model="MG100V11D")
    aircon = ProductFactory(enterprise=gree, name="房间空气调节器", model="KFR-35GW")
    q_standard = DeclarationFactory(
        enterprise=haier, identifier="Q/HE 001-2024", undated="Q/HE 001", title="家用电冰箱节能技术要求",
        products=[fridge], indicators=[
            ("能效指数", "le", None, 45, "%", IndicatorCategory.PERFORMANCE),
            ("耗电量", "le", None, 0.8, "kWh/24h", IndicatorCategory.PERFORMANCE),
            ("泄漏电流", "le", None, 0.25, "mA", IndicatorCategory.SAFETY),
            ("噪声", "le", None, 38, "dB(A)", IndicatorCategory.ENVIRONMENT),
        ],
        fulltext=ContentFile(b"%PDF-1.4 Q/HE 001", name="q-he-001.pdf"))
    national = DeclarationFactory(
        enterprise=midea, source=StandardSource.CATALOGUE, tier=Tier.NATIONAL, identifier="GB/T 19001-2016",
        undated="GB/T 19001", title="质量管理体系 要求", products=[washer])
    flagged = DeclarationFactory(
        enterprise=gree, source=StandardSource.CATALOGUE, tier=Tier.NATIONAL, identifier="GB/T 7725-2004",
        undated="GB/T 7725", title="房间空气调节器", products=[aircon], flagged=True,
        checks=[finding(CheckCode.NOT_CURRENT, number="GB/T 7725-2004", status="replaced", current="GB/T 7725-2022"),
                finding(CheckCode.UPCOMING, number="GB/T 7725-2022", implemented_on="2027-01-01")])
    withdrawn = DeclarationFactory(
        enterprise=haier, identifier="Q/HE 002-2020", undated="Q/HE 002", title="冷柜企业标准",
        products=[fridge], state=DeclarationState.WITHDRAWN, version=2,
        fulltext=ContentFile(b"%PDF-1.4 Q/HE 002", name="q-he-002.pdf"))
    _version(withdrawn, 1, products=[{"name": "家用电冰箱", "model": "BCD-470WGHSS"}],
             indicators=[{"name": "冷冻能力", "unit": "kg/12h", "comparator": "ge", "lower": "4.5",
                          "category": "performance"}])
    _version(withdrawn, 2, products=[{"name": "家用电冰箱", "model": "BCD-470WGHSS"}], indicators=[])
    _version(q_standard, 1)
    sync.rebuild()
    return Scene(haier, midea, gree, fridge, washer, aircon, q_standard, national, flagged, withdrawn)
