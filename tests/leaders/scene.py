"""Scenes of the leaders tests: a key product (household refrigerators, matched by product name) with a scheme
of one or two indicators, and declarations with indicator rows made directly by the factories."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine

from biaozhun.core.actors import SYSTEM
from biaozhun.leaders.models import KeyProduct, LeaderList, Scheme
from biaozhun.leaders.schemes import IndicatorInput
from biaozhun.leaders.services import (
    create_key_product,
    create_scheme,
    draft_leader_list,
    open_notice,
    run_ranking,
)
from tests.factories.declarations import DeclarationFactory, ProductFactory

EFFICIENCY = "能效指数"  # lower is better, in %


def fridge(year: int = 2026, **kwargs) -> KeyProduct:
    return create_key_product(SYSTEM, year=year, name="家用电冰箱", keywords=["电冰箱"], **kwargs)


def efficiency(**overrides) -> IndicatorInput:
    fields = {"name": EFFICIENCY, "unit": "%", "direction": "lower", "threshold_kind": "fixed",
              "thresholds": ["40", "50"], "requirement": "62", "requirement_source": "GB 12021.2-2015 4.2"}
    return IndicatorInput(**{**fields, **overrides})


def noise(**overrides) -> IndicatorInput:
    fields = {"name": "噪声", "unit": "dB(A)", "direction": "lower", "threshold_kind": "fixed",
              "thresholds": ["36", "40"], "requirement": "45", "key": False}
    return IndicatorInput(**{**fields, **overrides})


def scheme(product: KeyProduct, *indicators: IndicatorInput, title: str = "2026 方案") -> Scheme:
    return create_scheme(SYSTEM, key_product=product, title=title, indicators=list(indicators) or [efficiency()])


def declare(*rows, **kwargs):
    """A published declaration of a refrigerator (the factory's product 家用电冰箱N) with indicator rows (name,
    comparator, lower, upper[, unit]; unit % when left out)."""
    return DeclarationFactory(indicators=[row if len(row) > 4 else (*row, "%") for row in rows], **kwargs)


def other_product_declaration(*rows):
    declaration = DeclarationFactory(products=[], indicators=[(*row, "%") for row in rows])
    from biaozhun.declarations.models import DeclarationProduct

    DeclarationProduct.objects.create(declaration=declaration,
                                      product=ProductFactory(enterprise=declaration.enterprise, name="空调器"))
    return declaration


def at(day: date, hour: int = 10):
    """Travel to `day` at `hour` in Beijing time, frozen."""
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, tzinfo=ZoneInfo("Asia/Shanghai")),
                               tick=False)


def list_in_notice(on: date = date(2026, 6, 8), year: int = 2026) -> LeaderList:
    """A list of two leaders (of four declarations) in public notice from `on` for the default 10 working days:
    from Monday 8 June 2026 that is to Tuesday 23 June (19 June is the Dragon Boat Festival)."""
    product = fridge(year)
    plan = scheme(product)
    for value in (38, 39, 45, 55):
        declare((EFFICIENCY, "eq", value, value))
    with at(on):
        run = run_ranking(SYSTEM, scheme=plan)
        return open_notice(SYSTEM, leader_list=draft_leader_list(SYSTEM, run=run))
