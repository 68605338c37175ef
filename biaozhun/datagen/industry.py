"""Industry standards (JB/T, YY, NB/SH/T, JGJ/T ...): chains of editions under the ministry of the sector."""

import itertools

from . import refdata
from .committees import committee_for, committee_name
from .common import EDITION_COUNTS, abolition, chain_years, confirmation, emit_order, ramp, references, year_table
from .dates import DATES, batch_days, months_later
from .famous import RESERVED_INDUSTRY
from .numbers import Pool, SpanNumbers, fmt_number
from .orgs import COMPOSITE, ENGINEERING_NAMES, INDUSTRY, ZERO_PADDED, ministry_on
from .titles import part_titles, scope, title
from .vocab import SUBJECTS

_YEARS = year_table(ramp(1980, 2026, ((1980, 1), (1990, 2), (2000, 4), (2005, 6), (2010, 8), (2015, 10), (2026, 7))))
_FIRST_YEAR = {"NB": 2009, "NB/SH": 2013, "NB/SY": 2013, "NB/DL": 2013, "GM": 2012, "YJ": 2021, "XF": 2019,
               "JTS": 2008, "TSG": 2002, "RB": 2003}
_ENGINEERING = ("JGJ", "CJJ", "JTG", "JTS")
_SPANS = {"JB": 14000, "SJ": 21000, "HG": 6000, "DL": 5800, "SY": 7600, "QB": 5500, "TSG": 90, "JGJ": 500, "CJJ": 300}


class Industry:
    def __init__(self, rng, count, recents):
        self.rng = rng
        self.remaining = count
        self.recent = recents  # [industry Recent, national Recent]
        known = refdata.industry_codes()
        table = {c: v for c, v in INDUSTRY.items() if c in known or c in ENGINEERING_NAMES}
        table.update(COMPOSITE)
        self.table = table
        self.codes = tuple(table)
        self.cum = list(itertools.accumulate(v[2] for v in table.values()))
        self.names = {c: known.get(c) or ENGINEERING_NAMES.get(c) or known.get(c.split("/")[-1], "能源") for c in table}
        self.numbers = SpanNumbers()
        for code, reserved in RESERVED_INDUSTRY.items():
            self.numbers.pools[code] = Pool(reserved)
        self.batches = batch_days(rng, 40)

    def generate(self):
        while self.remaining > 0:
            yield from emit_order(self.rng, self._series())

    def _series(self):
        rng = self.rng
        code = rng.choices(self.codes, cum_weights=self.cum)[0]
        ministry, classes, weight = self.table[code]
        cls = rng.choice(classes)
        subject = rng.choice(SUBJECTS[cls])
        kind = subject[4]
        r = rng.random()
        suffix = "" if code == "TSG" or code in _ENGINEERING and r < 0.35 or r < 0.08 else "/Z" if r > 0.99 else "/T"
        mandatory = suffix == ""
        years = chain_years(rng, _YEARS, rng.choices(EDITION_COUNTS, weights=(62, 26, 9, 3))[0])
        first = _FIRST_YEAR.get(code, 1980)
        if years[0] < first:
            years = [y for y in years if y >= first] or [rng.randint(first, 2026)]
        n_parts = rng.choice((2, 2, 3, 4)) if rng.random() < 0.06 else 1
        n_parts = max(1, min(n_parts, self.remaining))
        years = years[-max(1, self.remaining // n_parts):]
        titles = part_titles(rng, subject, n_parts, mandatory) if n_parts > 1 else [title(rng, subject, mandatory)]
        number = self.numbers.take(rng, code, _SPANS.get(code, max(200, weight * 120)), years[0])
        num_text = fmt_number(number, 4 if code in ZERO_PADDED else 0)
        committee = committee_for(subject) if rng.random() < 0.55 else None
        unit = committee_name(*committee[:2]) if committee else f"{self.names[code]}行业标准化技术委员会"
        has_en = rng.random() < 0.25
        records = []
        for k, (zh, en, phrase) in enumerate(titles, start=1):
            part = f".{k}" if len(titles) > 1 else ""
            part_years = years if k == 1 else years[-rng.randint(1, len(years)):]
            prev = None
            for i, year in enumerate(part_years):
                self.remaining -= 1
                plain = f"{code}{suffix} {num_text}{part}-{year}"
                pub = rng.choice(self.batches[year])
                impl = months_later(rng, pub, 3, 12)
                day = DATES[pub]
                rec = {"identifier": plain, "title_zh": zh}
                if has_en:
                    rec["title_en"] = en
                if rng.random() < 0.6:
                    rec["scope"] = scope(phrase, subject, year)
                rec["ccs"] = subject[2]
                rec["ics"] = list(subject[3])
                rec["issued_by"] = [ministry_on(ministry, day)]
                rec["competent_department"] = ministry
                rec["responsible_unit"] = unit
                if committee:
                    rec["tc_code"] = committee[1]
                rec["published_on"] = day
                rec["implemented_on"] = DATES[impl]
                if i == len(part_years) - 1:
                    if year <= 2021 and rng.random() < 0.05:
                        end = abolition(rng, self.batches, pub, impl)
                        if end is not None:
                            rec["abolished_on"] = DATES[end]
                    elif year <= 2020 and rng.random() < 0.2:
                        end = confirmation(rng, self.batches, pub, impl)
                        if end is not None:
                            rec["confirmed_on"] = DATES[end]
                if prev:
                    rec["replaces"] = [prev]
                refs = references(rng, self.recent, cls, kind, year, rng.choice((0, 0, 1, 1, 2, 3, 4)))
                if refs:
                    rec["references"] = refs
                records.append(rec)
                prev = plain
            self.recent[0].add(cls, prev, part_years[-1])
        return records
