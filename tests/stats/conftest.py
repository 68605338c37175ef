"""A small catalogue whose figures are known by hand, as of two year-ends that differ (tests/stats)."""

from datetime import date

import pytest
from django.core.cache import cache

from biaozhun.catalog.models import Standard
from tests.fixtures.catalog import make_standard

END_2023 = date(2023, 12, 31)
END_2025 = date(2025, 12, 31)


@pytest.fixture
def stats_world(db):
    """Five editions:

    - GB 1000-2010 (mandatory, CCS A, ICS 01, SAC/TC 1): in force 2010-07-01, abolished 2024-06-01;
    - GB/T 2000-2015 (CCS B, ICS 65, SAC/TC 2): in force 2015-09-01, replaced by GB/T 2000-2024 from 2024-09-01;
    - GB/T 2000-2024: published 2024-02-01 (a revision), in force 2024-09-01;
    - DB32/T 100-2023 (local, Jiangsu, CCS A): published 2023-05-01, in force 2023-06-01;
    - GB/T 3000-2025: published 2025-11-01, in force only from 2026-05-01 (upcoming on 2025-12-31).

    On 2023-12-31: 3 in force (GB 1000, GB/T 2000-2015, DB32/T 100). On 2025-12-31: 2 in force (GB/T 2000-2024,
    DB32/T 100), one abolished, one replaced, one upcoming."""
    cache.clear()
    world = {
        "gb1000": make_standard("GB 1000-2010", ccs="A00", ics=["01.040.01"], tc_code="SAC/TC 1",
                                published_on="2010-01-01", implemented_on="2010-07-01", abolished_on="2024-06-01"),
        "gb2000_2015": make_standard("GB/T 2000-2015", ccs="B10", ics=["65.020.01"], tc_code="SAC/TC 2/SC 1",
                                     published_on="2015-03-01", implemented_on="2015-09-01"),
        "db32": make_standard("DB32/T 100-2023", ccs="A00", ics=["01.040.01"], published_on="2023-05-01",
                              implemented_on="2023-06-01"),
        "gb3000": make_standard("GB/T 3000-2025", ccs="B10", ics=["65.020.01"], tc_code="SAC/TC 2",
                                published_on="2025-11-01", implemented_on="2026-05-01"),
    }
    world["gb2000_2024"] = make_standard("GB/T 2000-2024", ccs="B10", ics=["65.020.01"], tc_code="SAC/TC 2",
                                         published_on="2024-02-01", implemented_on="2024-09-01",
                                         replaces=["GB/T 2000-2015"])
    for name, standard in world.items():
        world[name] = Standard.objects.get(pk=standard.pk)
    return world
