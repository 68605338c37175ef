"""Whether a standard's drafting organisations (起草单位) and drafters (起草人) are published with it.

Mandatory national standards (GB) name the department that organised the drafting, not the organisations and people
who drafted them: 强制性国家标准管理办法 (国家市场监督管理总局令第25号, issued 2020-01-06, in force 2020-06-01), in
its chapter on drafting: the foreword "载明组织起草部门信息，但不得涉及具体起草单位和起草人信息" [S: the wording as
quoted in the measures' published interpretations; article number to be read in the gazette text]. GB/T 1.1-2020
(8.2, the foreword) otherwise lists "本文件起草单位" and "本文件主要起草人" [S]. Editions published before the
measures took effect keep what their text printed, so they are shown. Everything else shows them.

The catalogue keeps the names either way (a development project records who drafted); only what is published
follows this rule. Pure: no Django.
"""

from __future__ import annotations

from datetime import date

MANDATORY_NATIONAL_WITHOUT_DRAFTERS_FROM = date(2020, 6, 1)


def drafters_published(*, tier: str, nature: str, published_on: date | None, year: int | None) -> bool:
    """False for a mandatory national standard published on or after 2020-06-01. Without a publication date the
    edition's year decides, and an edition of 2020 (or of no known year) counts as published under the measures."""
    if tier != "national" or nature != "mandatory":
        return True
    if published_on is not None:
        return published_on < MANDATORY_NATIONAL_WITHOUT_DRAFTERS_FROM
    return year is not None and year < MANDATORY_NATIONAL_WITHOUT_DRAFTERS_FROM.year
