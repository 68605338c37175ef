"""Local standards (DB11/T 1234-2019, DB3301/T 0123-2020, DB44/1989-2017) issued by provinces and cities."""

import itertools

from . import refdata
from .common import chain_years, emit_order, in_year, ramp, references, year_table
from .dates import DATES, months_later
from .numbers import SpanNumbers, fmt_number
from .orgs import LOCAL_DEPARTMENTS, LOCAL_DOMAINS, PROVINCE_WEIGHTS
from .titles import scope, title
from .vocab import GI_PRODUCTS, SUBJECTS

_CLASS_WEIGHTS = dict(A=20, B=28, C=6, D=2, E=1, F=3, G=2, H=1, J=3, K=2, L=3, M=1, N=1, P=10, Q=2, R=3, S=1, T=1,
                      U=1, V=1, W=1, X=7, Y=2, Z=6)
_CLASSES = tuple(_CLASS_WEIGHTS)
_CLASS_CUM = list(itertools.accumulate(_CLASS_WEIGHTS.values()))
_YEARS = year_table(ramp(1995, 2026, ((1995, 1), (2005, 3), (2010, 5), (2015, 8), (2018, 10), (2026, 8))))
_MUNICIPALITIES = ("11", "12", "31", "50")
_GI_SUBJECT = ("", "", "X10", ("67.040",), "f", "X")


class Local:
    def __init__(self, rng, count, recents):
        self.rng = rng
        self.remaining = count
        self.recent = recents  # [national Recent, industry Recent]
        provinces = refdata.provinces()
        cities = refdata.cities()
        regions = []  # (code, short, full, office suffix, span, weight)
        for code, (short, full) in provinces.items():
            weight = PROVINCE_WEIGHTS.get(code, 2)
            office = "局" if code in _MUNICIPALITIES else "厅"
            regions.append((code, short, full, office, 600 * weight, 80 * weight))
        city_weight = max(1, 20 * sum(r[5] for r in regions) // (80 * max(1, len(cities))))
        for code, (short, full) in cities.items():
            regions.append((code, short, full, "局", 500, city_weight))
        self.regions = regions
        self.cum = list(itertools.accumulate(r[5] for r in regions))
        self.numbers = SpanNumbers()

    def generate(self):
        while self.remaining > 0:
            yield from emit_order(self.rng, self._series())

    def _series(self):
        rng = self.rng
        code, short, full, office, span, _ = rng.choices(self.regions, cum_weights=self.cum)[0]
        city = len(code) == 4
        cls = rng.choices(_CLASSES, cum_weights=_CLASS_CUM)[0]
        if cls in "BX" and rng.random() < 0.12:
            subject = _GI_SUBJECT
            zh, en, phrase = f"地理标志产品 {short}{rng.choice(GI_PRODUCTS)}", "", "规定了地理标志产品的保护范围、术语和定义、要求和试验方法"
        else:
            subject = rng.choice(SUBJECTS[cls])
            zh, en, phrase = title(rng, subject)
        years = chain_years(rng, _YEARS, rng.choices((1, 2, 3), weights=(80, 16, 4))[0], min_year=1995)
        if city and years[0] < 2005:
            years = [y for y in years if y >= 2005] or [rng.randint(2005, 2026)]
        years = years[-self.remaining:]
        chain_mandatory = rng.random() < (0.6 if cls == "Z" else 0.1 if years[0] < 2018 else 0)
        number = fmt_number(self.numbers.take(rng, code, span, years[0]), 4 if city else 0)
        dept = full + LOCAL_DEPARTMENTS.get(cls, "经济和信息化{o}").format(o=office)
        domain = LOCAL_DOMAINS.get(cls)
        unit = f"{full}{domain}标准化技术委员会" if domain and rng.random() < 0.5 else dept
        has_en = bool(en) and rng.random() < 0.05
        records, prev = [], None
        for i, year in enumerate(years):
            self.remaining -= 1
            mandatory = chain_mandatory and (cls == "Z" or year < 2018)
            plain = f"DB{code}/{number}-{year}" if mandatory else f"DB{code}/T {number}-{year}"
            pub = in_year(rng, year)
            impl = months_later(rng, pub, 3, 9)
            day = DATES[pub]
            regulator = "市场监督管理局" if day >= "2018-11-01" else "质量技术监督局"
            rec = {"identifier": plain, "title_zh": zh}
            if has_en:
                rec["title_en"] = en
            if rng.random() < 0.5:
                rec["scope"] = scope(phrase, subject, year) if subject[0] else f"本文件{phrase}。"
            rec["ccs"] = subject[2]
            rec["ics"] = list(subject[3])
            rec["issued_by"] = [full + regulator]
            rec["competent_department"] = dept
            rec["responsible_unit"] = unit
            rec["published_on"] = day
            rec["implemented_on"] = DATES[impl]
            if i == len(years) - 1 and year <= 2021 and rng.random() < 0.05:
                end = pub + rng.randint(1100, 3000)
                if end < len(DATES) and DATES[end] <= "2026-11-25":
                    rec["abolished_on"] = DATES[end]
            if prev:
                rec["replaces"] = [prev]
            refs = references(rng, self.recent, cls, subject[4], year, rng.choice((0, 0, 1, 1, 2, 3)))
            if refs:
                rec["references"] = refs
            records.append(rec)
            prev = plain
        return records
