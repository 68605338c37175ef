"""Filing (备案) of industry and local standards as data: the states a filing passes through, the allowed moves,
the default time limits, lateness, and the format of the filing number (备案号). Pure: no Django.

A ministry or a provincial bureau files a standard it has issued; a city bureau's local standard is approved by
its province first. The national administration's reviewer accepts the filing (a 备案号 is assigned and the
standard enters the catalogue) or returns it with reasons; a returned filing is revised and resubmitted, or
withdrawn. The filing app stores the `FilingState` values and asks `check_move` before every transition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class FilingState(StrEnum):
    """Stored in Filing.state and in events; values are never renamed."""

    AWAITING_PROVINCE = "awaiting_province"  # a city's local standard, before its province approves
    SUBMITTED = "submitted"  # awaiting the national administration's review
    RETURNED = "returned"  # returned with reasons, to be revised and resubmitted (or withdrawn)
    ACCEPTED = "accepted"  # filed: a 备案号 is assigned and the standard is in the catalogue
    WITHDRAWN = "withdrawn"  # withdrawn by its authority before acceptance


MOVES: dict[FilingState, tuple[FilingState, ...]] = {
    FilingState.AWAITING_PROVINCE: (FilingState.SUBMITTED, FilingState.RETURNED, FilingState.WITHDRAWN),
    FilingState.SUBMITTED: (FilingState.ACCEPTED, FilingState.RETURNED, FilingState.WITHDRAWN),
    FilingState.RETURNED: (FilingState.AWAITING_PROVINCE, FilingState.SUBMITTED, FilingState.WITHDRAWN),
    FilingState.ACCEPTED: (),
    FilingState.WITHDRAWN: (),
}
# States in which the filing waits for someone other than its authority.
OPEN = frozenset({FilingState.AWAITING_PROVINCE, FilingState.SUBMITTED})
# States in which the authority may still change the filing.
EDITABLE = frozenset({FilingState.RETURNED})
CLOSED = frozenset({FilingState.ACCEPTED, FilingState.WITHDRAWN})


class MoveRefused(ValueError):
    def __init__(self, current: str, wanted: str) -> None:
        self.current, self.wanted = current, wanted
        self.allowed = [str(s) for s in MOVES[FilingState(current)]]
        super().__init__(f"a filing in state {current!r} cannot move to {wanted!r}; allowed: {self.allowed}")


def check_move(current: str, wanted: str) -> None:
    """Raise MoveRefused unless `wanted` may follow `current`."""
    if FilingState(wanted) not in MOVES[FilingState(current)]:
        raise MoveRefused(current, wanted)


@dataclass(frozen=True, slots=True)
class Limit:
    value: int
    unit: str  # days, working_days
    description: str
    confidence: str  # V: read in the regulation; S: secondary source; U: unconfirmed, keep configurable
    source: str


# Seeded into filing.FilingTimeLimit; code reads the table (filing/limits.py), never these literals.
DEFAULTS: dict[str, Limit] = {
    "industry_filing_days": Limit(
        30, "days", "行业标准发布后报国务院标准化行政主管部门备案的期限", "S",
        "行业标准管理办法（1990）第十五条；2020年起的新办法以征求意见稿为准，待核实"),
    "local_filing_days": Limit(
        20, "working_days", "地方标准发布后在全国标准信息公共服务平台通报备案的期限", "S",
        "地方标准管理办法（2020）第十八条（二十个工作日内），待核实"),
    "review_days": Limit(
        30, "days", "国家标准委对备案材料作出受理或退回的期限", "U", "平台的服务承诺，无规章依据"),
    "province_days": Limit(
        15, "days", "省级标准化行政主管部门审核设区的市地方标准的期限", "U", "平台的服务承诺，无规章依据"),
    "reminder_days": Limit(5, "days", "审查期限到期前提醒", "U", "平台设定"),
    "review_years": Limit(5, "years", "行业标准、地方标准复审周期（不超过）", "V", "标准化法第二十九条"),
}


def late_by(published_on: date | None, submitted_on: date, deadline: date | None) -> int:
    """Days after the filing deadline the filing was first submitted (0 if on time or if no date is known)."""
    if published_on is None or deadline is None:
        return 0
    return max(0, (submitted_on - deadline).days)


# 备案号: the yearly running number, five digits at least, a hyphen and the year of acceptance ("01234-2026").
# The public filing platforms print numbers of this shape; whether their sequence restarts each year is not
# documented (docs/decisions/0013-filing.md), so ours restarts and the year makes each number unique.
FILING_NUMBER = re.compile(r"^(?P<sequence>\d{5,})-(?P<year>\d{4})$")


def format_filing_number(sequence: int, year: int) -> str:
    if sequence < 1:
        raise ValueError("a filing number's sequence starts at 1")
    return f"{sequence:05d}-{year}"


def parse_filing_number(text: str) -> tuple[int, int] | None:
    """(sequence, year) of a well-formed 备案号, else None."""
    match = FILING_NUMBER.fullmatch((text or "").strip())
    if match is None:
        return None
    return int(match["sequence"]), int(match["year"])
