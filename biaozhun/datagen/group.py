"""Group standards (T/CAS 115-2020): associations with a unique code each and a run of sequential numbers."""


from .common import in_year, ramp, year_table
from .dates import DATES, TODAY_IX, months_later
from .numbers import fmt_number
from .orgs import ASSOC_DOMAINS, ASSOC_REGIONS, ASSOC_TYPES, ASSOCIATIONS, COMPOSITE, ENGINEERING_NAMES, INDUSTRY
from .titles import join, lower_first, part_titles, title, upper_first
from .vocab import CLASSES, GROUP_DOC_TYPES, QUALIFIERS, SUBJECTS

_FORBIDDEN = frozenset(INDUSTRY) | frozenset(COMPOSITE) | frozenset(ENGINEERING_NAMES) | {
    "GB", "GBZ", "GJB", "GSB", "JJF", "JJG", "DB", "Q", "T", "ISO", "IEC", "ITU", "CEN", "IEEE"}
_YEARS = year_table(ramp(2015, 2026, ((2015, 1), (2017, 3), (2018, 5), (2019, 7), (2020, 9), (2022, 11), (2026, 9))))
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class Group:
    def __init__(self, rng, count):
        self.rng = rng
        self.remaining = count
        self.codes = set(_FORBIDDEN)
        self.names = set()
        self.known = list(ASSOCIATIONS)

    def generate(self):
        rng = self.rng
        total = self.remaining
        scale = max(1, total // 25_000)
        while self.remaining > 0:
            code, name, home, known = self._association()
            size = rng.randint(40, 400) * scale if known else min(1500, int(rng.paretovariate(1.2) * 1.6))
            size = min(size, max(3, total * 15 // 100), self.remaining)
            yield from self._standards(code, name, home, size)

    def _association(self):
        rng = self.rng
        while self.known:
            code, name, home = self.known.pop(0)
            self.codes.add(code)
            self.names.add(name)
            return code, name, home, True
        for _ in range(50):
            region, r_code = rng.choice(ASSOC_REGIONS)
            domain, d_code, home = rng.choice(ASSOC_DOMAINS)
            kind, k_code = rng.choice(ASSOC_TYPES)
            name = f"{region}{domain}{kind}"
            if name in self.names:
                continue
            code = r_code + d_code + (k_code if len(r_code + d_code) < 5 else "")
            if len(code) > 6 or code in self.codes:
                code = None
                for length in (3, 4, 5, 6, 6, 6):
                    trial = r_code[:2] + "".join(rng.choice(_LETTERS) for _ in range(length - len(r_code[:2])))
                    if trial not in self.codes:
                        code = trial
                        break
                if code is None:
                    continue
            self.codes.add(code)
            self.names.add(name)
            return code, name, home, False
        raise RuntimeError("could not find a new association name")

    def _standards(self, code, name, home, size):
        rng = self.rng
        width = rng.choice((0, 0, 0, 3, 3, 4))
        start = rng.choices(*_YEARS)[0]
        lo = in_year(rng, start)
        days = sorted(rng.randint(lo, TODAY_IX) for _ in range(size))
        number = rng.randint(1, 30)
        batch = []
        for day in days:
            if not self.remaining:
                break
            cls = home if rng.random() < 0.85 else rng.choice(CLASSES)
            subject = rng.choice(SUBJECTS[cls])
            parts = [None]
            if rng.random() < 0.03 and self.remaining > 1:
                parts = list(range(1, min(self.remaining, rng.randint(2, 4)) + 1))
                titles = part_titles(rng, subject, len(parts))
                parts = parts[:len(titles)] if len(titles) > 1 else [None]
            else:
                titles = [self._title(subject)]
            for part, (zh, en, _) in zip(parts, titles, strict=False):
                if not self.remaining:
                    break
                num = fmt_number(number, width) + (f".{part}" if part else "")
                batch.append(self._record(f"T/{code} {num}", name, zh, en, subject, day))
                if part is None and rng.random() < 0.05 and self.remaining:
                    later = day + rng.randint(730, 2200)
                    if later <= TODAY_IX:
                        old = batch[-1]["identifier"]
                        batch.append(self._record(f"T/{code} {num}", name, zh, en, subject, later, old))
            number += rng.choice((1, 1, 1, 1, 2, 3))
        return batch

    def _title(self, subject):
        rng = self.rng
        r = rng.random()
        if r < 0.2:
            doc_zh, doc_en = rng.choice(GROUP_DOC_TYPES)
            zh = f"{doc_zh}{subject[0]}" if doc_zh.endswith(" ") else subject[0] + doc_zh
            en = doc_en.format(S=upper_first(subject[1]), s=lower_first(subject[1]))
            return zh, en, ""
        if r < 0.35 and subject[4] == "p":
            q = rng.choice(QUALIFIERS)
            return join(q + subject[0], subject[1], ("技术规范", "Technical specification"))[:2] + ("",)
        return title(rng, subject)

    def _record(self, number, name, zh, en, subject, day, replaces=None):
        rng = self.rng
        self.remaining -= 1
        rec = {"identifier": f"{number}-{DATES[day][:4]}", "title_zh": zh}
        if en and rng.random() < 0.25:
            rec["title_en"] = en
        rec["ccs"] = subject[2]
        rec["ics"] = [subject[3][0]]
        rec["issued_by"] = [name]
        rec["published_on"] = DATES[day]
        rec["implemented_on"] = DATES[months_later(rng, day, 0, 4)]
        if replaces:
            rec["replaces"] = [replaces]
        return rec
