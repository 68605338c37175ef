"""ISO/IEC records in ISO Open Data's deliverables layout (iso_deliverables_metadata, one JSON object a line), for the
import benchmark of docs/decisions/0034-iso-iec-records.md.

Series of ISO, IEC and ISO/IEC numbers with one to four editions: older editions withdrawn (95.99) and linked both
ways by ISO id (replaces / replacedBy), the newest published (60.60), confirmed (90.93) or to be revised (90.92);
some series have a project under way (a DIS replacing the newest edition), some editions an amendment. Titles and
ICS codes come from the subjects the national generators use.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator

from .common import chain_years, ramp, year_table
from .international import _RANGES
from .numbers import Pool
from .titles import lower_first, part_titles, title
from .vocab import CLASSES, SUBJECTS

_YEARS = year_table(ramp(1980, 2025, ((1980, 2), (1995, 4), (2005, 7), (2012, 9), (2025, 7))))
_COMMITTEES = {"ISO": 330, "IEC": 115, "ISO/IEC": 40}


def _committee(rng: random.Random, org: str) -> str:
    tc = rng.randint(1, _COMMITTEES[org])
    if org == "ISO/IEC":
        return f"ISO/IEC JTC 1/SC {rng.choice((7, 17, 22, 24, 25, 27, 29, 31, 32, 35, 36, 38, 39, 40, 41, 42))}"
    sc = f"/SC {rng.randint(1, 12)}" if rng.random() < 0.45 else ""
    if org == "IEC":
        return f"IEC TC {tc}" if not sc else f"IEC SC {tc}{'ABCDEF'[rng.randint(0, 5)]}"
    return f"ISO/TC {tc}{sc}"


def deliverables(count: int, seed: int = 2019) -> Iterator[dict]:
    """`count` records (projects included), in ISO's id order."""
    rng = random.Random(seed)
    pools = {"ISO": Pool(), "IEC": Pool()}
    next_id = 10000
    emitted = 0
    while emitted < count:
        org = rng.choices(("ISO", "IEC", "ISO/IEC"), (70, 22, 8))[0]
        cls = rng.choice(CLASSES)
        subject = rng.choice(SUBJECTS[cls])
        years = sorted(set(chain_years(rng, _YEARS, rng.choice((1, 1, 2, 2, 3, 4)), gap=(4, 9))))
        doc = rng.choices(("", "TR", "TS"), (88, 8, 4))[0]
        prefix = org if not doc else (f"{org}/{doc}" if org != "IEC" else f"IEC {doc}")
        lo, hi = 100, 9000
        for start, a, b in _RANGES[org]:
            if years[0] >= start:
                lo, hi = a, b
        number = pools["IEC" if org == "IEC" else "ISO"].take(rng, lo, hi)
        committee = _committee(rng, org)
        parts: list = [None] if rng.random() < 0.75 else list(range(1, rng.randint(2, 4) + 1))
        titles = [title(rng, subject)[1]] if parts[0] is None else [t[1] for t in part_titles(rng, subject, len(parts))]
        for part, en in zip(parts, titles, strict=False):
            chain: list[dict] = []
            for position, year in enumerate(years, start=1):
                reference = f"{prefix} {number}{f'-{part}' if part else ''}:{year}"
                record = {
                    "id": next_id, "deliverableType": doc or "IS", "supplementType": None, "reference": reference,
                    "publicationDate": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                    "edition": position, "icsCode": list(subject[3]), "ownerCommittee": committee,
                    "currentStage": 9599, "replaces": [chain[-1]["id"]] if chain else None, "replacedBy": None,
                    "title": {"en": en, "fr": None}, "languages": rng.choice((["en"], ["en", "fr"], ["en", "fr", "ru"])),
                    "pages": {"en": rng.randint(6, 160)},
                    "scope": {"en": f"<p>This document specifies {lower_first(en)}.</p>"},
                }
                next_id += 1
                if chain:
                    chain[-1]["replacedBy"] = [record["id"]]
                chain.append(record)
            chain[-1]["currentStage"] = rng.choices((6060, 9093, 9092), (55, 35, 10))[0]
            if chain[-1]["currentStage"] == 9092 and rng.random() < 0.6:
                project = dict(chain[-1], id=next_id, reference=f"{prefix.split('/')[0]}/DIS {number}"
                               f"{f'-{part}' if part else ''}", publicationDate=None, currentStage=4020,
                               edition=len(chain) + 1, replaces=[chain[-1]["id"]], replacedBy=None, pages=None)
                next_id += 1
                chain[-1]["replacedBy"] = [project["id"]]
                chain.append(project)
            if rng.random() < 0.05 and chain[-1]["currentStage"] != 4020:
                base = chain[-1]
                amd_year = min(2025, int(base["publicationDate"][:4]) + rng.randint(2, 6))
                chain.append(dict(base, id=next_id, supplementType="Amd", edition=1, replaces=None, replacedBy=None,
                                  currentStage=6060, reference=f"{base['reference']}/Amd 1:{amd_year}",
                                  publicationDate=f"{amd_year}-06-01", title={"en": f"{en} — Amendment 1", "fr": None}))
                next_id += 1
            for record in chain:
                if emitted >= count:
                    return
                emitted += 1
                yield record


def write_jsonl(path, count: int, seed: int = 2019) -> int:
    written = 0
    with open(path, "w", encoding="utf-8") as out:
        for record in deliverables(count, seed):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
    return written
