"""ISO/IEC records: the editions that national standards adopt, plus unadopted ones to fill the count."""

from .common import chain_years, in_year, ramp, year_table
from .dates import DATES
from .famous import INTERNATIONAL, RESERVED_INTERNATIONAL
from .numbers import Pool
from .titles import part_titles, title
from .vocab import CLASSES, SUBJECTS

# (first year of the range, lo, hi) of sequence numbers per organisation.
_RANGES = {
    "ISO": ((1980, 100, 9000), (1990, 9000, 16000), (2000, 16000, 23000), (2010, 19000, 25000)),
    "IEC": ((1980, 60000, 61000), (1990, 61000, 61900), (2000, 61900, 62600), (2010, 62600, 63400)),
    "ISO/IEC": ((1980, 7000, 15000), (1990, 14000, 20000), (2000, 17000, 27000), (2010, 20000, 30200)),
}
_ISSUERS = {"ISO": ["ISO"], "IEC": ["IEC"], "ISO/IEC": ["ISO", "IEC"]}
_TOP_UP_YEARS = year_table(ramp(1985, 2026, ((1985, 2), (1995, 4), (2005, 7), (2012, 9), (2026, 6))))


class International:
    def __init__(self, budget, expected_adoptions):
        self.budget = budget
        self.emitted = 0
        self.p_emit = min(1.0, 0.85 * budget / max(1, expected_adoptions))
        self.pools = {"ISO": Pool(RESERVED_INTERNATIONAL), "IEC": Pool(RESERVED_INTERNATIONAL)}

    @property
    def remaining(self):
        return self.budget - self.emitted

    def series(self, rng, cls, committee, guidance, first_year):
        """A new ISO/IEC number (not yet any edition): {'org', 'prefix', 'number', 'tc'}."""
        if committee and "JTC 1" in committee:
            org = "ISO/IEC"
        elif committee:
            org = "IEC" if committee.startswith("IEC") else "ISO"
        else:
            org = "IEC" if cls in "KLM" and rng.random() < 0.5 else "ISO"
        prefix = org
        if guidance:
            doc = "TR" if rng.random() < 0.6 else "TS"
            prefix = f"ISO/{doc}" if org == "ISO" else f"{org} {doc}"
        lo, hi = 100, 9000
        for start, a, b in _RANGES[org]:
            if first_year >= start:
                lo, hi = a, b
        number = self.pools["IEC" if org == "IEC" else "ISO"].take(rng, lo, hi)
        return {"org": org, "prefix": prefix, "number": number, "tc": committee}

    @staticmethod
    def identifier(series, part, year):
        part_text = f"-{part}" if part else ""
        return f"{series['prefix']} {series['number']}{part_text}:{year}"

    def records(self, rng, series, editions):
        """ISO/IEC records for [(part, year, title_en, ics), ...] sorted by part then year, within the budget."""
        out = []
        prev = {}
        for part, year, title_en, ics in editions:
            if self.emitted >= self.budget:
                break
            identifier = self.identifier(series, part, year)
            rec = {"identifier": identifier, "title_en": title_en, "ics": list(ics),
                   "issued_by": _ISSUERS[series["org"]], "published_on": DATES[in_year(rng, year)]}
            if series["tc"]:
                rec["tc_code"] = series["tc"]
            if part in prev:
                rec["replaces"] = [prev[part]]
            prev[part] = identifier
            out.append(rec)
            self.emitted += 1
        return out

    def famous(self):
        out = []
        for identifier, title_en, ics, published, org, tc, replaces in INTERNATIONAL:
            if self.emitted >= self.budget:
                break
            rec = {"identifier": identifier, "title_en": title_en, "ics": [ics], "issued_by": _ISSUERS[org],
                   "published_on": published, "tc_code": tc}
            if replaces:
                rec["replaces"] = [replaces]
            out.append(rec)
            self.emitted += 1
        return out

    def top_up(self, rng):
        """Unadopted ISO/IEC standards until the budget is spent."""
        while self.emitted < self.budget:
            cls = rng.choice(CLASSES)
            subject = rng.choice(SUBJECTS[cls])
            years = chain_years(rng, _TOP_UP_YEARS, rng.choice((1, 1, 1, 2, 2, 3)), gap=(4, 9))
            series = self.series(rng, cls, None, rng.random() < 0.08, years[0])
            parts = [None] if rng.random() < 0.8 else list(range(1, rng.randint(2, 4) + 1))
            if parts[0] is None:
                titles = [title(rng, subject)[1]]
            else:
                titles = [t[1] for t in part_titles(rng, subject, len(parts))]
                parts = parts[:len(titles)]
            editions = [(part, y, t, subject[3]) for part, t in zip(parts, titles, strict=True) for y in years]
            yield from self.records(rng, series, editions)
