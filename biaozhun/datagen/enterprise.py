"""Enterprise standards (Q/HRKJ 001-2021): declared by generated companies, several standards each.

Kept cheap per record: 3.17 million of them at national scale.
"""

import itertools

from . import refdata
from .common import ramp, year_table
from .dates import DATES, LAST_IX, TODAY_IX, YEAR_START
from .numbers import EnterpriseCodes, NameSpace
from .orgs import BRAND_CHARS, COMPANY_FORMS, INDUSTRY_WORDS
from .vocab import DOC_TYPES, QUALIFIERS, SUBJECTS

_CLASS_WEIGHTS = dict(A=3, B=3, C=6, D=1, E=1, F=3, G=7, H=4, J=14, K=9, L=10, M=2, N=4, P=3, Q=6, R=1, S=1, T=6,
                      U=1, V=1, W=6, X=10, Y=12, Z=2)
_CLASSES = tuple(_CLASS_WEIGHTS)
_CLASS_CUM = list(itertools.accumulate(_CLASS_WEIGHTS.values()))
_YEARS, _YEAR_CUM = year_table(ramp(2005, 2026, ((2005, 1), (2010, 2), (2015, 4), (2018, 6), (2021, 8), (2023, 10),
                                                 (2026, 8))))
_FORMS = tuple(f for f, _ in COMPANY_FORMS)
_FORM_CUM = list(itertools.accumulate(w for _, w in COMPANY_FORMS))
_IMPL_OFFSETS = (0, 0, 0, 1, 7, 10, 15, 30, 30, 31, 45, 60, 90)
_BRANDS = [(b[0], b[1]) for b in BRAND_CHARS]
# Where most declaring enterprises are (60 % of them): the big manufacturing and commercial cities.
_MAJOR_CITIES = ("北京", "上海", "天津", "重庆", "深圳", "广州", "东莞", "佛山", "中山", "珠海", "惠州", "杭州", "宁波", "温州",
                 "嘉兴", "绍兴", "台州", "金华", "湖州", "苏州", "无锡", "常州", "南京", "南通", "扬州", "青岛", "济南", "潍坊",
                 "烟台", "临沂", "厦门", "泉州", "福州", "成都", "武汉", "长沙", "郑州", "合肥", "西安", "石家庄", "保定",
                 "沈阳", "大连", "南昌", "昆明")


def _titles(cls):
    """Candidate titles of enterprise standards in a class (product names mostly)."""
    out = []
    for zh, _en, _ccs, _ics, kind, _cls in SUBJECTS[cls]:
        out += [zh, zh, zh]
        docs = [d[0] for d in DOC_TYPES[kind][:4] if d[0] and d[0] != "@"]
        out += [zh + d[1:] if d.startswith("~") else f"{zh} {d}" for d in docs]
        if kind == "p":
            out += [q + zh for q in QUALIFIERS[:6]]
    return out


class Enterprise:
    def __init__(self, rng, count):
        self.rng = rng
        self.remaining = count
        provinces = refdata.provinces()
        everywhere = [provinces[c][0] for c in ("11", "12", "31", "50")]
        everywhere += [short for short, _ in refdata.cities().values()]
        major = [c for c in _MAJOR_CITIES if c in everywhere]
        # Two disjoint city lists, so names drawn from the two spaces can never coincide.
        self.cities = (major, [c for c in everywhere if c not in major])
        self.spaces = {
            c: tuple(NameSpace((len(cities), len(_BRANDS), len(_BRANDS), len(INDUSTRY_WORDS[c])), rng)
                     for cities in self.cities)
            for c in _CLASSES
        }
        self.codes = EnterpriseCodes()
        self.titles = {c: _titles(c) for c in _CLASSES}
        self.products = {c: [s[0] for s in SUBJECTS[c] if s[4] == "p"] or [s[0] for s in SUBJECTS[c]]
                         for c in _CLASSES}
        self.enterprises = 0

    def generate(self):
        while self.remaining > 0:
            yield from self._enterprise()

    def _name(self, cls):
        which = 0 if self.rng.random() < 0.6 else 1
        space = self.spaces[cls][which]
        while True:
            c, b1, b2, w = space.draw()
            if b1 != b2:
                break
        word, initials = INDUSTRY_WORDS[cls][w]
        city = self.cities[which][c]
        if self.rng.random() < 0.3 and not city.endswith(("州", "盟", "区")):
            city += "市"
        form = self.rng.choices(_FORMS, cum_weights=_FORM_CUM)[0]
        name = f"{city}{_BRANDS[b1][0]}{_BRANDS[b2][0]}{word}{form}"
        return name, self.codes.code(_BRANDS[b1][1] + _BRANDS[b2][1] + initials)

    def _enterprise(self):
        rng = self.rng
        self.enterprises += 1
        cls = rng.choices(_CLASSES, cum_weights=_CLASS_CUM)[0]
        name, code = self._name(cls)
        size = rng.randint(50, 400) if rng.random() < 0.003 else 1 + int(rng.expovariate(0.182))
        size = min(size, self.remaining)
        width = 3 if rng.random() < 0.65 else 4
        start = YEAR_START[rng.choices(_YEARS, cum_weights=_YEAR_CUM)[0]]
        days = sorted([rng.randint(start, TODAY_IX) for _ in range(size)])
        titles, products = self.titles[cls], self.products[cls]
        prefix = f"Q/{code} "
        out = []
        number = rng.choice((1, 1, 1, 1, 2, 5, 10, 101))
        for day in days:
            if len(out) >= size:
                break
            r = rng.random()
            zh = f"{code}-{rng.randint(10, 999)}型{rng.choice(products)}" if r < 0.08 else rng.choice(titles)
            num = str(number).zfill(width)
            number += 1
            parts = [f"{num}.1", f"{num}.2"] if r > 0.98 and size - len(out) > 1 else [num]
            for part in parts:
                identifier = f"{prefix}{part}-{DATES[day][:4]}"
                out.append({"identifier": identifier, "title_zh": zh, "issued_by": [name],
                            "published_on": DATES[day], "implemented_on": DATES[min(LAST_IX, day + _IMPL_OFFSETS[
                                int(r * 1000) % len(_IMPL_OFFSETS)])]})
                if 0.9 < r <= 0.98 and len(out) < size:
                    later = day + rng.randint(730, 2500)
                    if later <= TODAY_IX:
                        out.append({"identifier": f"{prefix}{part}-{DATES[later][:4]}", "title_zh": zh,
                                    "issued_by": [name], "published_on": DATES[later],
                                    "implemented_on": DATES[min(LAST_IX, later + 30)], "replaces": [identifier]})
        del out[size:]
        self.remaining -= len(out)
        return out
