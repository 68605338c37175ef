"""Demo adoption of international standards (after the records part): ISO/IEC editions in environmental
management (ICS 13.020, ISO/TC 207), energy management (ISO/TC 301) and household appliances (IEC/TC 61), and
Chinese standards adopting them with every degree (IDT, MOD, NEQ) — one of them behind a newer ISO edition, and
some ISO editions of the field adopted by no one (the candidates). Through catalog.services; idempotent: an
edition already in the catalogue (from the records importer, say) is left as it is."""

from __future__ import annotations

from biaozhun.catalog.models import Standard
from biaozhun.catalog.services import create_standard
from biaozhun.core.actors import SYSTEM

ISO = [
    # identifier, English title, ICS, committee, published on
    ("ISO 14001:2015", "Environmental management systems — Requirements with guidance for use", "13.020.10",
     "ISO/TC 207/SC 1", "2015-09-15"),
    ("ISO 14004:2016", "Environmental management systems — General guidelines on implementation", "13.020.10",
     "ISO/TC 207/SC 1", "2016-03-01"),
    ("ISO 14020:2022", "Environmental statements and programmes for products — Principles and general requirements",
     "13.020.50", "ISO/TC 207/SC 3", "2022-06-01"),
    ("ISO 14031:2021", "Environmental management — Environmental performance evaluation — Guidelines", "13.020.10",
     "ISO/TC 207/SC 4", "2021-05-01"),
    ("ISO 14063:2020", "Environmental management — Environmental communication — Guidelines and examples",
     "13.020.10", "ISO/TC 207/SC 4", "2020-11-01"),
    ("ISO/TR 14062:2002", "Environmental management — Integrating environmental aspects into product design and "
     "development", "13.020.10", "ISO/TC 207", "2002-11-01"),
    ("ISO 50001:2011", "Energy management systems — Requirements with guidance for use", "27.015", "ISO/TC 301",
     "2011-06-15"),
    ("ISO 50001:2018", "Energy management systems — Requirements with guidance for use", "27.015", "ISO/TC 301",
     "2018-08-01"),
    ("IEC 60335-1:2020", "Household and similar electrical appliances — Safety — Part 1: General requirements",
     "13.120", "IEC/TC 61", "2020-09-01"),
]
CHINESE = [
    # identifier, Chinese title, adopted edition, degree, committee, published on, implemented on
    ("GB/T 24001-2016", "环境管理体系 要求及使用指南", "ISO 14001:2015", "IDT", "SAC/TC 207", "2016-10-13",
     "2017-05-01"),
    ("GB/T 24004-2017", "环境管理体系 通用实施指南", "ISO 14004:2016", "MOD", "SAC/TC 207", "2017-07-12",
     "2018-02-01"),
    ("GB/T 24020-2023", "环境管理 环境声明 原则和通用要求", "ISO 14020:2022", "NEQ", "SAC/TC 207", "2023-05-23",
     "2023-12-01"),
    ("GB/T 23331-2012", "能源管理体系 要求", "ISO 50001:2011", "MOD", "SAC/TC 20", "2012-12-31", "2013-10-01"),
    ("GB 4706.1-2024", "家用和类似用途电器的安全 第1部分：通用要求", "IEC 60335-1:2020", "MOD", "SAC/TC 46",
     "2024-03-15", "2026-04-01"),
]


def _ensure(data: dict) -> tuple[Standard, bool]:
    from biaozhun.identifiers import parse

    edition = parse(data["identifier"]).canonical
    found = Standard.all_objects.filter(edition=edition).first()
    if found is not None:
        return found, False
    return create_standard(actor=SYSTEM, data=data, source="demo"), True


def load(stdout) -> str:
    created = 0
    for identifier, title, ics, committee, published in ISO:
        replaces = ["ISO 50001:2011"] if identifier == "ISO 50001:2018" else []
        _, new = _ensure({"identifier": identifier, "title_en": title, "ics": [ics], "tc_code": committee,
                          "published_on": published, "replaces": replaces})
        created += new
    for identifier, title, adopted, degree, committee, published, implemented in CHINESE:
        _, new = _ensure({"identifier": identifier, "title_zh": title, "tc_code": committee,
                          "published_on": published, "implemented_on": implemented, "ics": [],
                          "adopts": [{"identifier": adopted, "degree": degree}]})
        created += new
    return (f"demo adoption: {created} editions added (ISO/IEC and the Chinese standards adopting them, one behind "
            f"ISO 50001:2018)\n")
