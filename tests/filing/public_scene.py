"""Filed standards of every public status, made through the services, for the public pages' and API's tests.

Today is 20 November 2026 (fixture `frozen_today`, autouse where imported). The scene (fixture `filed`):

=============  =========================  ===========  ==================  ===========  =====================
key            number                     authority    status              filed on     note
=============  =========================  ===========  ==================  ===========  =====================
charging       DB32/T 4001-2026           江苏 bureau   current (现行)       today        title 电动汽车充电站…
machine        JB/T 5001-2026             ministry JB  upcoming (即将实施)   today        industry
nanjing        DB3201/T 501-2026          南京 city     upcoming            today        city, province approved
toilets_old    DB32/T 300-2020            江苏 bureau   replaced (有更新版)   2020-06-20
toilets        DB32/T 300-2026            江苏 bureau   current             today        replaces the 2020 one
tea            DB33/T 600-2024            浙江 bureau   abolished (废止)     2025-10-01
under_way      DB32/T 4999-2026           江苏 bureau   (submitted only)     —            never listed
=============  =========================  ===========  ==================  ===========  =====================
"""

from __future__ import annotations

from datetime import date, datetime
from types import SimpleNamespace

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from biaozhun.catalog.services import abolish_standard
from biaozhun.core import clock
from biaozhun.filing.services import accept_filing, approve_city_filing, submit_filing
from tests.fixtures.filing import filing_input

TODAY = date(2026, 11, 20)


def moment(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 10))


@pytest.fixture(name="frozen_today", autouse=True)
def freeze_today():
    """Today is TODAY, and the cache is empty (the list caches its counts and the authorities it offers)."""
    cache.clear()
    with time_machine.travel(moment(TODAY), tick=False):
        yield


def file_and_accept(actor, authority, reviewer, identifier: str, *, on: date | None = None, **record):
    """Submit and accept one provincial or industry filing, as of `on` (today by default)."""
    with clock.as_of(moment(on or TODAY)):
        filing = submit_filing(actor=actor, authority=authority, data=filing_input(identifier, **record))
        return accept_filing(actor=reviewer, filing=filing)


@pytest.fixture(name="filed")
def filed_scene(bureau, bureau_user, ministry, ministry_user, nanjing_bureau, nanjing_user, zhejiang_bureau,
          zhejiang_user, reviewer_user, admin_user):
    in_force = {"implemented_on": "2026-11-10"}
    scene = SimpleNamespace()
    scene.toilets_old = file_and_accept(bureau_user, bureau, reviewer_user, "DB32/T 300-2020", on=date(2020, 6, 20),
                                        title_zh="城市公共厕所管理规范")
    scene.tea = file_and_accept(zhejiang_user, zhejiang_bureau, reviewer_user, "DB33/T 600-2024",
                                on=date(2025, 10, 1), title_zh="茶叶加工场所卫生要求")
    abolish_standard(actor=admin_user, standard=scene.tea.standard, on=date(2026, 1, 1), reason="复审结论：废止")
    scene.charging = file_and_accept(bureau_user, bureau, reviewer_user, "DB32/T 4001-2026", **in_force)
    scene.machine = file_and_accept(ministry_user, ministry, reviewer_user, "JB/T 5001-2026",
                                    title_zh="数控机床 可靠性评定")
    with clock.as_of(moment(TODAY)):
        city = submit_filing(actor=nanjing_user, authority=nanjing_bureau, data=filing_input(
            "DB3201/T 501-2026", title_zh="城市地下管线信息管理规范"))
        approve_city_filing(actor=bureau_user, filing=city)
        scene.nanjing = accept_filing(actor=reviewer_user, filing=city)
    scene.toilets = file_and_accept(bureau_user, bureau, reviewer_user, "DB32/T 300-2026", title_zh="城市公共厕所管理规范",
                                    replaces=["DB32/T 300-2020"], **in_force)
    scene.under_way = submit_filing(actor=bureau_user, authority=bureau, data=filing_input(
        "DB32/T 4999-2026", title_zh="电动汽车充电站 安全要求"))
    for filing in vars(scene).values():
        filing.refresh_from_db()
        if filing.standard_id:
            filing.standard.refresh_from_db()
    return scene
