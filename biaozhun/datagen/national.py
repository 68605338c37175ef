"""National standards (GB, GB/T, GB/Z): edition chains, multi-part series and adoptions of ISO/IEC standards."""

import itertools

from .committees import DEPARTMENTS, committee_for, committee_name
from .common import (
    EDITION_COUNTS,
    abolition,
    amendments,
    chain_years,
    confirmation,
    emit_order,
    ramp,
    references,
    year_table,
)
from .dates import DATES, batch_days, months_later
from .famous import NATIONAL as FAMOUS
from .famous import RESERVED_NATIONAL
from .numbers import NationalNumbers
from .orgs import BUILDING_MINISTRY, FOOD_SAFETY_ISSUERS, NATIONAL_ISSUERS, by_date
from .titles import part_titles, scope, title
from .vocab import SUBJECTS

PREFIX = {"mandatory": "GB", "recommended": "GB/T", "guidance": "GB/Z"}
_CLASS_WEIGHTS = {
    "recommended": dict(A=30, B=35, C=40, D=9, E=8, F=17, G=35, H=36, J=45, K=30, L=38, M=9, N=16, P=18, Q=12, R=7,
                        S=3, T=15, U=14, V=9, W=15, X=25, Y=23, Z=5),
    "mandatory": dict(A=3, B=2, C=12, D=1, E=2, F=2, G=4, H=1, J=5, K=8, L=2, M=1, N=1, P=8, Q=3, R=2, S=1, T=8, U=1,
                      V=1, W=2, X=30, Y=8, Z=6),
    "guidance": dict(A=15, B=2, C=8, F=6, G=2, H=2, J=4, K=10, L=25, M=4, N=3, P=2, T=3, Z=3),
}
_CLASSES = {n: (tuple(w), list(itertools.accumulate(w.values()))) for n, w in _CLASS_WEIGHTS.items()}
_YEARS = {
    "recommended": year_table(ramp(1980, 2026, ((1980, 2), (1990, 3), (2000, 5), (2005, 8), (2010, 9), (2017, 10),
                                                (2025, 8), (2026, 6)))),
    "mandatory": year_table(ramp(1985, 2026, ((1985, 1), (1995, 2), (2005, 4), (2010, 8), (2016, 10), (2026, 7)))),
    "guidance": year_table(ramp(1998, 2026, ((1998, 2), (2005, 5), (2010, 7), (2017, 10)))),
}
_ADOPTION = {"recommended": 0.28, "mandatory": 0.25, "guidance": 0.6}
_DEGREES = {"mandatory": (40, 50, 10), "recommended": (65, 25, 10), "guidance": (85, 15, 0)}
_REF_COUNTS = ((0, 1, 2, 3, 4), (25, 25, 25, 15, 10))


class National:
    def __init__(self, rng, split, intl, recents):
        self.rng = rng
        self.recent = recents  # [national Recent, ...]: the first is fed by this tier
        self.remaining = dict(split)
        self.intl = intl
        self.numbers = NationalNumbers(RESERVED_NATIONAL)
        self.batches = batch_days(rng, 24)

    def generate(self):
        if sum(self.remaining.values()) >= 400:
            yield from self._famous()
        rng = self.rng
        natures = tuple(self.remaining)
        while True:
            weights = [self.remaining[n] for n in natures]
            if not any(weights):
                return
            nature = rng.choices(natures, weights=weights)[0]
            records, iso = self._series(nature)
            yield from emit_order(rng, records)
            yield from iso

    def _famous(self):
        for nature, rec in FAMOUS:
            if self.remaining[nature] > 0:
                self.remaining[nature] -= 1
                rec = dict(rec)
                rec.setdefault("competent_department", "国家标准化管理委员会")
                rec.setdefault("responsible_unit", rec["competent_department"])
                yield rec
        yield from self.intl.famous()

    def _series(self, nature):
        rng = self.rng
        classes, cum = _CLASSES[nature]
        cls = rng.choices(classes, cum_weights=cum)[0]
        subject = rng.choice(SUBJECTS[cls])
        kind = subject[4]
        mandatory = nature == "mandatory"
        food = mandatory and kind == "f"
        engineering = kind == "e" and rng.random() < 0.7
        years = chain_years(rng, _YEARS[nature], rng.choices(EDITION_COUNTS, weights=(58, 27, 11, 4))[0])
        n_parts = 1
        r = rng.random()
        if food and r < 0.25:
            n_parts = rng.randint(2, 10)
        elif r < 0.13 and not engineering and (not mandatory or kind in ("p", "i")):
            n_parts = rng.choice((2, 2, 3, 3, 4, 5, 6, 8))
        budget = self.remaining[nature]
        n_parts = max(1, min(n_parts, budget))
        years = years[-max(1, budget // n_parts):]
        titles = part_titles(rng, subject, n_parts, mandatory) if n_parts > 1 else [title(rng, subject, mandatory)]
        converted = (nature == "recommended" and len(titles) == 1 and len(years) > 1 and years[0] < 2017 <= years[-1]
                     and rng.random() < 0.1 and sum(y < 2017 for y in years) <= self.remaining["mandatory"])
        full_text = mandatory and engineering and years[0] >= 2021 and rng.random() < 0.5
        origin = max(1980, years[0] - rng.choice((0, 0, 0, 1, 3, 8)))
        number = self.numbers.take_for_year(rng, origin, engineering, full_text)

        committee = None if food or engineering else committee_for(subject)
        if food:
            dept = "国家卫生健康委员会"
        elif engineering and cls == "P":
            dept = "住房和城乡建设部"
        else:
            dept = rng.choice(DEPARTMENTS[cls])
        unit = committee_name(committee[0], committee[1]) if committee else dept
        p_adopt = 0.0 if food or engineering else _ADOPTION[nature] * (0.2 if kind in "ahv" else 1)
        adopt = rng.random() < p_adopt
        iso = degree = None
        if adopt:
            degree = rng.choices(("IDT", "MOD", "NEQ"), weights=_DEGREES[nature])[0]
            iso = self.intl.series(rng, cls, committee[2] if committee else None, nature == "guidance", years[0])
        has_en = adopt or rng.random() < 0.62

        records, iso_editions = [], []
        for k, (zh, en, phrase) in enumerate(titles, start=1):
            part = k if len(titles) > 1 else None
            part_years = years if k == 1 else years[-rng.randint(1, len(years)):]
            prev, prev_iso_year = None, 0
            for i, year in enumerate(part_years):
                ed_nature = "mandatory" if converted and year < 2017 else nature
                self.remaining[ed_nature] -= 1
                plain = f"{PREFIX[ed_nature]} {number}{f'.{part}' if part else ''}-{year}"
                pub = rng.choice(self.batches[year])
                impl = months_later(rng, pub, 6, 18) if ed_nature == "mandatory" else months_later(rng, pub, 3, 12)
                identifier, adopts = plain, None
                if adopt:
                    iso_year = year - rng.randint(1, 3)
                    if iso_year > prev_iso_year and iso_year >= 1980:
                        prev_iso_year = iso_year
                        iso_id = self.intl.identifier(iso, part, iso_year)
                        iso_editions.append((part, iso_year, en, subject[3]))
                        adopts = [{"identifier": iso_id, "degree": degree}]
                        if degree == "IDT":
                            identifier = f"{plain}/{iso_id}"
                rec = {"identifier": identifier, "title_zh": zh}
                if has_en:
                    rec["title_en"] = en
                if rng.random() < 0.85:
                    rec["scope"] = scope(phrase, subject, year)
                rec["ccs"] = subject[2]
                rec["ics"] = list(subject[3])
                rec["issued_by"] = list(self._issuers(DATES[pub], food, engineering))
                rec["competent_department"] = dept
                rec["responsible_unit"] = unit
                if committee:
                    rec["tc_code"] = committee[1]
                rec["published_on"] = DATES[pub]
                rec["implemented_on"] = DATES[impl]
                if i == len(part_years) - 1:
                    self._end_of_chain(rec, pub, impl, year)
                if prev:
                    rec["replaces"] = [prev]
                elif rng.random() < 0.02:
                    hit = self.recent[0].pick(rng, cls)
                    if hit and hit[1] < year:
                        rec["replaces"] = [{"identifier": hit[0], "partial": True}]
                if adopts:
                    rec["adopts"] = adopts
                refs = references(rng, self.recent, cls, kind, year, rng.choices(*_REF_COUNTS)[0])
                if refs:
                    rec["references"] = refs
                if rng.random() < 0.035:
                    sheets = amendments(rng, impl)
                    if sheets:
                        rec["amendments"] = sheets
                if has_en and rng.random() < 0.05:
                    rec["language_versions"] = ["en"]
                records.append(rec)
                prev = plain
            self.recent[0].add(cls, prev, part_years[-1])
        iso_records = []
        if adopt and iso_editions and rng.random() < self.intl.p_emit:
            iso_editions.sort(key=lambda e: (e[0] or 0, e[1]))
            iso_records = self.intl.records(rng, iso, iso_editions)
        return records, iso_records

    def _end_of_chain(self, rec, pub, impl, year):
        rng = self.rng
        if year <= 2021 and rng.random() < 0.06:
            day = abolition(rng, self.batches, pub, impl)
            if day is not None:
                rec["abolished_on"] = DATES[day]
                return
        if year <= 2020 and rng.random() < 0.35:
            day = confirmation(rng, self.batches, pub, impl)
            if day is not None:
                rec["confirmed_on"] = DATES[day]

    @staticmethod
    def _issuers(day, food, engineering):
        if food:
            return by_date(FOOD_SAFETY_ISSUERS, day)
        if engineering:
            return by_date(BUILDING_MINISTRY, day), by_date(NATIONAL_ISSUERS, day)[0]
        return by_date(NATIONAL_ISSUERS, day)
