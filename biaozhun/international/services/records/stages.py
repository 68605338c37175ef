"""International harmonized stage codes (ISO/IEC Directives, Part 1, Annex SE): read them and say what they mean
for the catalogue. Pure: no Django.

A code is stage × 100 + substage: 60.60 is 6060 ("International Standard published"), 90.93 is 9093
("confirmed"), 95.99 is 9599 ("withdrawn"). Only an edition that has reached 60.60 is a publication; earlier
stages (00.00–60.00, and the x.98 / x.99 abandonments) are projects.
"""

from __future__ import annotations

import re
from enum import StrEnum

STAGES = (0, 10, 20, 30, 40, 50, 60, 90, 95)
SUBSTAGES = (0, 20, 60, 92, 93, 98, 99)
PUBLISHED = 6060
CONFIRMED = 9093
WITHDRAWN = 9599

# IEC's own stage names (IEC webstore and project pages), as the nearest harmonized code.
IEC_STAGES = {
    "PWI": 0, "PNW": 1000, "ANW": 2000, "AMW": 2000, "ADTR": 2000, "ADTS": 2000, "CD": 3020, "ACD": 3099,
    "CDM": 3060, "CCDV": 4000, "CDV": 4020, "ACDV": 4099, "RDIS": 5000, "FDIS": 5020, "CDVM": 4060,
    "DTR": 5020, "DTS": 5020, "DPAS": 5020, "APUB": 6000, "BPUB": 6000, "PPUB": 6060, "PRVC": 9020,
    "PRVN": 9060, "RPUB": 6060, "DELPUB": 9599, "WPUB": 9599,
}

_DOTTED = re.compile(r"(\d{2})\.(\d{2})")


class Phase(StrEnum):
    DEVELOPMENT = "project"  # a project, not a published edition
    PUBLISHED = "publication"  # in force (including under review, confirmed, to be revised, withdrawal pending)
    WITHDRAWN = "withdrawn"  # 95.99


def read_stage(value: object) -> int | None:
    """6060, "6060", "60.60" or an IEC name ("PPUB") → 6060; None when it is none of these."""
    code: int | None = None
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        code = value
    elif isinstance(value, float) and value.is_integer():
        code = int(value)
    elif isinstance(value, str):
        text = value.strip().upper()
        if text in IEC_STAGES:
            return IEC_STAGES[text]
        dotted = _DOTTED.fullmatch(text)
        if dotted:
            code = int(dotted[1]) * 100 + int(dotted[2])
        elif text.isdigit() and len(text) <= 4:
            code = int(text)
    if code is None or not 0 <= code <= 9999:
        return None
    if code // 100 not in STAGES or code % 100 not in SUBSTAGES:
        return None
    return code


def phase(code: int) -> Phase:
    if code == WITHDRAWN:
        return Phase.WITHDRAWN
    if code >= PUBLISHED:  # 60.60, 90.xx, 95.20/60/92 (withdrawal under way: still in force)
        return Phase.PUBLISHED
    return Phase.DEVELOPMENT


def dotted(code: int) -> str:
    return f"{code // 100:02d}.{code % 100:02d}"
