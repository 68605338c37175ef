"""起草单位/起草人 are withheld for mandatory national standards published under 强制性国家标准管理办法."""

from datetime import date

import pytest

from biaozhun.rules.drafters import MANDATORY_NATIONAL_WITHOUT_DRAFTERS_FROM, drafters_published


@pytest.mark.parametrize(("published_on", "year", "shown"), [
    (date(2020, 5, 29), 2020, True),  # GB 38031-2020 was approved before the measures took effect
    (MANDATORY_NATIONAL_WITHOUT_DRAFTERS_FROM, 2020, False),
    (date(2021, 11, 26), 2021, False),
    (date(2015, 12, 31), 2015, True),
    (None, 2019, True),  # no publication date: the year decides
    (None, 2020, False),  # 2020 may be after 1 June: published under the measures, to be safe
    (None, 2024, False),
    (None, None, False),
])
def test_mandatory_national_standards_follow_the_date_of_the_measures(published_on, year, shown):
    assert drafters_published(tier="national", nature="mandatory", published_on=published_on, year=year) is shown


@pytest.mark.parametrize(("tier", "nature"), [
    ("national", "recommended"), ("national", "guidance"), ("industry", "mandatory"), ("local", "mandatory"),
    ("group", ""), ("enterprise", ""), ("international", ""),
])
def test_every_other_kind_shows_them(tier, nature):
    assert drafters_published(tier=tier, nature=nature, published_on=date(2024, 3, 1), year=2024)
