"""Committee composition: no stakeholder category may hold more than half of the voting seats."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import date
from enum import StrEnum

from .reminders import lead_due

MAX_SHARE = 0.5


def overweight_categories(categories: Iterable[str], max_share: float = MAX_SHARE) -> list[tuple[str, int, int]]:
    """(category, seats, total) for each category holding more than `max_share` of the seats."""
    counts = Counter(categories)
    total = sum(counts.values())
    return sorted((category, seats, total) for category, seats in counts.items() if seats > total * max_share)


class Status(StrEnum):
    """A committee's status (the model's CommitteeStatus takes these values)."""

    ACTIVE = "active"
    SUSPENDED = "suspended"
    REVOKED = "revoked"
    MERGED = "merged"


# Status moves of a committee: (from, to) → the event kind that records it. Revoked and merged are final.
STATUS_MOVES: dict[tuple[str, str], str] = {
    (Status.ACTIVE, Status.SUSPENDED): Status.SUSPENDED.value,
    (Status.SUSPENDED, Status.ACTIVE): "reinstated",
    (Status.ACTIVE, Status.REVOKED): Status.REVOKED.value,
    (Status.SUSPENDED, Status.REVOKED): Status.REVOKED.value,
    (Status.ACTIVE, Status.MERGED): Status.MERGED.value,
    (Status.SUSPENDED, Status.MERGED): Status.MERGED.value,
}


def status_move(current: str, target: str) -> str | None:
    """The event kind of moving a committee from ``current`` to ``target``, or None if that move is not allowed."""
    return STATUS_MOVES.get((current, target))


# --- Establishment and restructuring applications --------------------------------------------------------
class ApplicationState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    NOTICE = "notice"  # 公示: the public reads and comments until the notice closes
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class Purpose(StrEnum):
    ESTABLISH = "establish"  # 筹建
    RESTRUCTURE = "restructure"  # 调整: scope, names, secretariat, guiding unit
    MERGE = "merge"  # 合并


# Which purposes go to a public notice before the administration decides. Establishing and merging decide who writes
# the standards of a field, so the public is heard first; restructuring may be decided at once, or put to notice.
NOTICE_REQUIRED = frozenset({Purpose.ESTABLISH, Purpose.MERGE})
FINAL_STATES = frozenset({ApplicationState.APPROVED, ApplicationState.REJECTED, ApplicationState.WITHDRAWN})


def application_moves(state: str, purpose: str) -> frozenset[str]:
    """The states an application of ``purpose`` may move to from ``state``."""
    if state == ApplicationState.DRAFT:
        return frozenset({ApplicationState.SUBMITTED, ApplicationState.WITHDRAWN})
    if state == ApplicationState.SUBMITTED:
        moves = {ApplicationState.NOTICE, ApplicationState.REJECTED, ApplicationState.WITHDRAWN}
        if purpose not in NOTICE_REQUIRED:
            moves.add(ApplicationState.APPROVED)
        return frozenset(moves)
    if state == ApplicationState.NOTICE:
        return frozenset({ApplicationState.APPROVED, ApplicationState.REJECTED})
    return frozenset()


def balance_breach(categories: Iterable[str], min_seats: int, max_share: float = MAX_SHARE) -> list[tuple[str, int, int]]:
    """The categories over ``max_share`` of a whole roll of voting seats (none while it has fewer than
    ``min_seats``)."""
    categories = list(categories)
    if len(categories) < min_seats:
        return []
    return overweight_categories(categories, max_share)


# --- International counterparts ---------------------------------------------------------------------------
# ISO/TC 176, ISO/TC 176/SC 2, ISO/PC 308, IEC/TC 8, IEC/SC 62A, ISO/IEC JTC 1, ISO/IEC JTC 1/SC 7.
_INTERNATIONAL = re.compile(
    r"^(?:(?P<iso>ISO)/(?P<iso_kind>TC|PC)\s*(?P<iso_n>\d+)(?:/SC\s*(?P<iso_sc>\d+))?"
    r"|(?P<iec>IEC)/(?:(?P<iec_kind>TC|SYC)\s*(?P<iec_n>\d+)|SC\s*(?P<iec_sc>\d+[A-Z]))"
    r"|ISO/IEC\s*JTC\s*(?P<jtc>1)(?:/SC\s*(?P<jtc_sc>\d+))?)$")
SEPARATORS = re.compile(r"\s*[,，、;；]\s*")


def normalise_international_committee(text: str) -> str | None:
    """The canonical spelling of one ISO/IEC committee ("iso/tc176" → "ISO/TC 176"), or None if it is not one."""
    text = " ".join((text or "").upper().replace("／", "/").split())
    text = re.sub(r"\s*/\s*", "/", text)
    match = _INTERNATIONAL.match(text)
    if match is None:
        return None
    g = match.groupdict()
    if g["iso"]:
        return f"ISO/{g['iso_kind']} {int(g['iso_n'])}" + (f"/SC {int(g['iso_sc'])}" if g["iso_sc"] else "")
    if g["iec"]:
        if g["iec_sc"]:
            return f"IEC/SC {g['iec_sc'].lstrip('0')}"
        return f"IEC/{'SyC' if g['iec_kind'] == 'SYC' else 'TC'} {int(g['iec_n'])}"
    return "ISO/IEC JTC 1" + (f"/SC {int(g['jtc_sc'])}" if g["jtc_sc"] else "")


def parse_international_committees(text: str) -> tuple[list[str], list[str]]:
    """(canonical committees, pieces that are not ISO/IEC committees) of a list separated by 、 , or ;."""
    found, bad = [], []
    for piece in SEPARATORS.split((text or "").strip()):
        if not piece:
            continue
        canonical = normalise_international_committee(piece)
        if canonical is None:
            bad.append(piece)
        elif canonical not in found:
            found.append(canonical)
    return found, bad


# --- Terms (届次) -------------------------------------------------------------------------------------------
def term_reminder_due(term_end: date, today: date, leads: Iterable[int]) -> int | None:
    """The term reminder due on ``today`` while the term still runs (reminders.lead_due)."""
    return lead_due(term_end, today, leads)


_CODE_KIND = re.compile(r"^SAC/(TC|SWG|CG) \d+(/SC \d+)?$")


def kind_of_code(code: str) -> str | None:
    """The kind a canonical committee code names: "SAC/TC 28" TC, "SAC/TC 28/SC 1" SC, "SAC/SWG 5" SWG, "SAC/CG 1"
    CG (总体组); None for anything else (subcommittees only under a TC)."""
    match = _CODE_KIND.match(code or "")
    if match is None:
        return None
    if match.group(2):
        return "SC" if match.group(1) == "TC" else None
    return match.group(1)
