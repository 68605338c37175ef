"""Helpers shared by the tiers: edition years, dates of later events, references, record assembly."""

import itertools
from collections import deque

from .dates import DATES, TODAY_IX, YEAR_START, months_later, year_of
from .famous import COMMON_REFERENCES

EDITION_COUNTS = (1, 2, 3, 4)
ABOLITION_YEARS = (2005, 2011, 2013, 2015, 2017, 2018, 2019, 2020, 2021, 2023, 2024, 2025)
AMENDMENT_SUMMARIES = (
    "修改了第{a}章的技术要求", "增加了附录{L}", "修改了表{a}中的限值", "删除了{a}.{b}条", "修改了规范性引用文件",
    "修改了{a}.{b}条的试验方法", "增加了{a}.{b}条关于标志的要求", "修改了图{a}",
)


def year_table(weights):
    """(years, cumulative weights) from {year: weight}."""
    years = sorted(weights)
    return years, list(itertools.accumulate(weights[y] for y in years))


def ramp(lo, hi, shape):
    """Weights per year from `shape`, a list of (first year, weight) steps."""
    out = {}
    for year in range(lo, hi + 1):
        w = 0
        for start, weight in shape:
            if year >= start:
                w = weight
        out[year] = w
    return out


def chain_years(rng, table, editions, min_year=1980, gap=(3, 10)):
    """Distinct, increasing publication years of a chain of editions, the latest drawn from `table`."""
    years, cum = table
    out = [rng.choices(years, cum_weights=cum)[0]]
    for _ in range(editions - 1):
        prev = out[-1] - rng.randint(*gap)
        if prev < min_year:
            break
        out.append(prev)
    out.reverse()
    return out


def undated(identifier):
    head, _, tail = identifier.rpartition("-")
    return head if head and tail.isdigit() and len(tail) == 4 else identifier


class Recent:
    """The last few standards per CCS class, for normative references and partial replacements."""

    def __init__(self, size=40):
        self.size = size
        self.by_class = {}

    def add(self, cls, dated, year):
        q = self.by_class.get(cls)
        if q is None:
            q = self.by_class[cls] = deque(maxlen=self.size)
        q.append((dated, year))

    def pick(self, rng, cls):
        q = self.by_class.get(cls)
        return q[rng.randrange(len(q))] if q else None


def references(rng, recents, cls, kind, year, count):
    """Up to `count` normative references: recent standards of the class and commonly cited ones."""
    refs = []
    common = COMMON_REFERENCES.get(kind, ())
    for _ in range(count):
        hit = None
        if rng.random() < 0.6:
            hit = rng.choice(recents).pick(rng, cls)
        if hit:
            dated, y = hit
            ref = dated if y <= year and rng.random() < 0.5 else undated(dated)
        elif common:
            ref = rng.choice(common)
            if ref != undated(ref) and int(ref[-4:]) > year:
                ref = undated(ref)
        else:
            continue
        if ref not in refs:
            refs.append(ref)
    return refs


def later_batch_day(rng, batches, year, after):
    """A batch day of `year` after index `after`, or None."""
    days = batches.get(year)
    if not days:
        return None
    day = rng.choice(days)
    return day if after < day <= TODAY_IX else None


def abolition(rng, batches, pub_ix, impl_ix):
    first = year_of(pub_ix) + 3
    years = [y for y in ABOLITION_YEARS if y >= first]
    return later_batch_day(rng, batches, rng.choice(years), impl_ix) if years else None


def confirmation(rng, batches, pub_ix, impl_ix):
    year = year_of(pub_ix) + rng.randint(5, 9)
    return later_batch_day(rng, batches, year, impl_ix) if year <= 2026 else None


def amendments(rng, impl_ix):
    out = []
    day = impl_ix
    for number in range(1, 3 if rng.random() < 0.3 else 2):
        day += rng.randint(180, 1500)
        if day > TODAY_IX:
            break
        summary = rng.choice(AMENDMENT_SUMMARIES).format(
            a=rng.randint(3, 9), b=rng.randint(1, 12), L="ABCDEFG"[rng.randrange(7)])
        out.append({"number": number, "published_on": DATES[day],
                    "implemented_on": DATES[months_later(rng, day, 1, 6)], "summary": summary})
    return out


def in_year(rng, year):
    start = YEAR_START[year]
    return rng.randint(start, min(YEAR_START[year + 1] - 1, TODAY_IX))


def emit_order(rng, records):
    """Editions of a chain in mixed order: oldest first, newest first or shuffled."""
    r = rng.random()
    if r < 0.4:
        return records
    if r < 0.7:
        return records[::-1]
    records = list(records)
    rng.shuffle(records)
    return records
