"""Plan numbers of national standard projects (国家标准计划号), e.g. 20190001-T-469.

Four-digit year, four-digit sequence, the nature letter (Q mandatory 强制, T recommended 推荐, Z guidance
指导性技术文件) and the code of the responsible department (three digits). Pure: no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NATURE_LETTERS = {"Q": "mandatory", "T": "recommended", "Z": "guidance"}
_PLAN = re.compile(r"(?P<year>\d{4})(?P<seq>\d{4})-(?P<letter>[A-Z])-(?P<dept>\d{3})")


class PlanNumberError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class PlanNumber:
    year: int
    sequence: int
    nature: str
    department: str

    def __str__(self) -> str:
        letter = next(k for k, v in NATURE_LETTERS.items() if v == self.nature)
        return f"{self.year}{self.sequence:04d}-{letter}-{self.department}"


def parse_plan_number(text: str, *, nature: str | None = None) -> PlanNumber:
    """Parse and check a plan number; with `nature`, the letter must agree with the project's nature."""
    cleaned = text.strip().upper().replace("－", "-").replace(" ", "")
    match = _PLAN.fullmatch(cleaned)
    if not match:
        raise PlanNumberError(f"{text!r} is not a plan number: expected YYYYNNNN-T-NNN, e.g. 20190001-T-469")
    letter = match["letter"]
    if letter not in NATURE_LETTERS:
        raise PlanNumberError(f"{text!r}: the letter after the sequence must be Q, T or Z, not {letter}")
    if int(match["seq"]) == 0:
        raise PlanNumberError(f"{text!r}: the sequence number starts at 0001")
    if nature is not None and NATURE_LETTERS[letter] != nature:
        expected = next(k for k, v in NATURE_LETTERS.items() if v == nature)
        raise PlanNumberError(f"{text!r}: a {nature} project's plan number has {expected}, not {letter}")
    return PlanNumber(int(match["year"]), int(match["seq"]), NATURE_LETTERS[letter], match["dept"])
