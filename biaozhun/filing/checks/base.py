"""The check runner and its value types."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


class Outcome(StrEnum):
    OK = "ok"
    NOTE = "note"
    FLAG = "flag"


@dataclass(frozen=True, slots=True)
class Subject:
    """What is filed: the cleaned record's facts the checks read."""

    identifier: str  # canonical
    edition: str
    written_identifier: str  # as the submitter wrote it
    tier: str  # industry / local
    code: str  # industry code or region code
    year: int | None
    nature: str
    title_zh: str
    scope: str
    published_on: date | None
    replaces: str  # canonical number of the replaced edition, or ""
    authority_id: int
    submitted_on: date
    remarks: str = ""
    filing_id: int | None = None


@dataclass(frozen=True, slots=True)
class Result:
    code: str
    outcome: Outcome
    params: dict[str, Any] = field(default_factory=dict)  # what the message says (check_text.py)
    evidence: list[dict[str, Any]] = field(default_factory=list)  # candidates, matches, links

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "outcome": str(self.outcome), "params": self.params, "evidence": self.evidence}


def _checks() -> list[tuple[str, Callable[[Subject], Result]]]:
    from . import coordination, numbers, replacement, wording

    return [
        ("number", numbers.number_well_formed),
        ("ownership", numbers.code_owned),
        ("catalogue", numbers.not_in_catalogue),
        ("year", numbers.year_matches_date),
        ("deadline", numbers.filed_in_time),
        ("replacement", replacement.replaced_standard),
        ("coordination", coordination.coordination),
        ("wording", wording.restrictive_wording),
    ]


CHECK_CODES = ("number", "ownership", "catalogue", "year", "deadline", "replacement", "coordination", "wording")


def run_checks(subject: Subject) -> list[Result]:
    results = []
    for code, check in _checks():
        result = check(subject)
        assert result.code == code, (code, result.code)
        results.append(result)
    return results
