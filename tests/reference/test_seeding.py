"""Reference tables: seeded once, idempotently; edits by administrators take effect in validation."""

from datetime import date

import pytest

from biaozhun.identifiers import IdentifierError, parse
from biaozhun.reference.models import CalendarDay, CcsCode, IcsCode, IndustryCode, RegionCode
from biaozhun.reference.seeding import seed_all
from biaozhun.reference.selectors import code_tables, working_calendar

pytestmark = pytest.mark.django_db


def test_tables_hold_the_reference_data():
    assert CcsCode.objects.filter(level=1).count() == 24
    assert not CcsCode.objects.filter(level=1, name_en="").exists()
    assert CcsCode.objects.get(code="T").name_en == "Vehicles"
    assert CcsCode.objects.get(code="T40").class_name_en == "Vehicles"
    assert CcsCode.objects.get(code="A00").parent_id == "A00/09"
    assert IcsCode.objects.get(code="03.120.10").parent_id == "03.120"
    assert IndustryCode.objects.get(code="DB").name_zh == "地震"
    assert RegionCode.objects.get(code="3301").parent_id == "33"


def test_seeding_again_adds_nothing_and_keeps_edits():
    IndustryCode.objects.filter(code="JB").update(name_zh="机械（已编辑）")
    added = seed_all()
    assert set(added.values()) == {0}
    assert IndustryCode.objects.get(code="JB").name_zh == "机械（已编辑）"


def test_a_new_industry_code_added_by_an_administrator_is_accepted():
    with pytest.raises(IdentifierError):
        parse("ZZ/T 1-2020", code_tables())
    IndustryCode.objects.create(code="ZZ", name_zh="测试行业")
    assert parse("ZZ/T 1-2020", code_tables()).industry_code == "ZZ"


def test_deactivated_industry_code_is_rejected():
    IndustryCode.objects.filter(code="JB").update(is_active=False)
    with pytest.raises(IdentifierError):
        parse("JB/T 10001-2018", code_tables())


def test_calendar_knows_official_holidays_and_makeup_days():
    calendar = working_calendar()
    assert not calendar.is_working_day(date(2026, 10, 1))  # National Day
    makeup = CalendarDay.objects.filter(is_workday=True, day__year=2026).first()
    assert makeup is not None and calendar.is_working_day(makeup.day)
    assert calendar.knows(date(2026, 5, 1))
