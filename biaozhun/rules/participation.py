"""China's participation in ISO and IEC: the harmonized stage codes of international projects and their moves, the
ballots' default lengths and deadline arithmetic (reminders before a deadline, a deadline missed), the terms of
posts held (expiring soon), and the ISO/IEC committee codes (read by rules.committees). Pure: no Django.

Stage codes are ISO's harmonized stage codes (ISO/IEC Directives, Part 1, annex SD): a main stage (00 preliminary,
10 proposal, 20 preparatory, 30 committee, 40 enquiry, 50 approval, 60 publication, 90 review, 95 withdrawal) and a
substage (00 registered, 20 started, 60 completed, 9x decisions: 92 repeat an earlier phase, 93 repeat the current
one, 98 abandon, 99 proceed)."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from .committees import normalise_international_committee

# code → English name (the model's vocabulary gives each its Chinese name).
STAGES: dict[str, str] = {
    "00.00": "Proposal for new project received",
    "00.20": "Proposal for new project under review",
    "00.60": "Close of review",
    "00.98": "Proposal for new project abandoned",
    "00.99": "Approval to ballot proposal for new project",
    "10.00": "Proposal for new project registered",
    "10.20": "New project ballot initiated",
    "10.60": "Close of voting",
    "10.92": "Proposal returned to submitter for further definition",
    "10.98": "New project rejected",
    "10.99": "New project approved",
    "20.00": "New project registered in TC/SC work programme",
    "20.20": "Working draft (WD) study initiated",
    "20.60": "Close of comment period",
    "20.98": "Project deleted",
    "20.99": "WD approved for registration as CD",
    "30.00": "Committee draft (CD) registered",
    "30.20": "CD study/ballot initiated",
    "30.60": "Close of voting/comment period",
    "30.92": "CD referred back to working group",
    "30.98": "Project deleted",
    "30.99": "CD approved for registration as DIS",
    "40.00": "DIS registered",
    "40.20": "DIS ballot initiated",
    "40.60": "Close of voting",
    "40.92": "Full report circulated: DIS referred back to TC or SC",
    "40.93": "Full report circulated: decision for new DIS ballot",
    "40.98": "Project deleted",
    "40.99": "Full report circulated: DIS approved for registration as FDIS",
    "50.00": "Final text received or FDIS registered for formal approval",
    "50.20": "Proof sent to secretariat or FDIS ballot initiated",
    "50.60": "Close of voting; proof returned by secretariat",
    "50.92": "FDIS or proof referred back to TC or SC",
    "50.98": "Project deleted",
    "50.99": "FDIS or proof approved for publication",
    "60.00": "International Standard under publication",
    "60.60": "International Standard published",
    "90.20": "International Standard under systematic review",
    "90.60": "Close of review",
    "90.92": "International Standard to be revised",
    "90.93": "International Standard confirmed",
    "90.99": "Withdrawal of International Standard proposed by TC or SC",
    "95.20": "Withdrawal ballot initiated",
    "95.60": "Close of voting",
    "95.92": "Decision not to withdraw International Standard",
    "95.99": "Withdrawal of International Standard",
}
PUBLISHED = "60.60"
# Substages that decide to go back (92: to an earlier phase; 93: repeat the current one).
BACK = ("92", "93")


def _key(code: str) -> tuple[int, int]:
    main, sub = code.split(".")
    return int(main), int(sub)


def is_stage(code: str) -> bool:
    return code in STAGES


def is_final_stage(code: str) -> bool:
    """A project abandoned, rejected or deleted (.98), or a standard withdrawn (95.99): nothing follows."""
    return code.endswith(".98") or code == "95.99"


def stage_move_allowed(current: str, new: str) -> bool:
    """Whether a project at ``current`` may be recorded at ``new``: forward to any later stage (stages are often
    learnt late, so steps may be skipped); back only after a decision to go back (a .92 or .93 substage) to a stage
    of the same or an earlier main stage; never from a final stage, never to the same stage."""
    if not is_stage(new) or new == current:
        return False
    if not current:
        return True
    if not is_stage(current) or is_final_stage(current):
        return False
    if _key(new) > _key(current):
        return True
    return current.split(".")[1] in BACK and _key(new)[0] <= _key(current)[0]


def stages_after(current: str) -> list[str]:
    """The stages a project at ``current`` may move to, in order."""
    return [code for code in STAGES if stage_move_allowed(current, code)]


# --- Ballots ------------------------------------------------------------------------------------------------
class BallotKind(StrEnum):
    NP = "np"  # new work item proposal
    CD = "cd"  # committee draft
    DIS = "dis"  # draft International Standard (IEC: CDV)
    FDIS = "fdis"  # final draft International Standard
    SR = "sr"  # systematic review


# Default ballot lengths in weeks (ISO/IEC Directives, Part 1: NP 12, CD 8, DIS 12, FDIS 8 at ISO, SR 20).
BALLOT_WEEKS: dict[str, int] = {BallotKind.NP: 12, BallotKind.CD: 8, BallotKind.DIS: 12, BallotKind.FDIS: 8,
                                BallotKind.SR: 20}


def default_deadline(kind: str, opens_on: date) -> date:
    """The ballot's closing day when the committee set no other: its kind's usual length after it opens."""
    return opens_on + timedelta(weeks=BALLOT_WEEKS[kind])


def days_left(deadline: date, today: date) -> int:
    """Days until the deadline (0 on the day itself, negative once it has passed)."""
    return (deadline - today).days


def reminder_due(deadline: date, today: date, leads: tuple[int, ...] | list[int]) -> int | None:
    """The reminder due on ``today`` before ``deadline``: the smallest lead (days before) whose day has come, or
    None (too early, or the deadline has passed). With leads 7 and 1 and a deadline on the 20th: from the 13th the
    7-day reminder is due, from the 19th (and on the 20th itself) the 1-day one; a sweep that missed days sends the
    latest stage only."""
    left = days_left(deadline, today)
    if left < 0:
        return None
    due = [lead for lead in leads if left <= lead]
    return min(due) if due else None


def deadline_missed(deadline: date, today: date) -> bool:
    """The deadline has passed (the day of the deadline itself still counts as in time)."""
    return today > deadline


# --- Posts ----------------------------------------------------------------------------------------------------
class TermState(StrEnum):
    UPCOMING = "upcoming"
    CURRENT = "current"
    EXPIRING = "expiring"  # current, ending within the window
    ENDED = "ended"


def term_state(start: date, end: date | None, today: date, window_days: int) -> TermState:
    """Where a post's term stands on ``today``; an open-ended term (no end) never expires."""
    if today < start:
        return TermState.UPCOMING
    if end is not None and today > end:
        return TermState.ENDED
    if end is not None and days_left(end, today) <= window_days:
        return TermState.EXPIRING
    return TermState.CURRENT


# --- ISO/IEC committee codes -------------------------------------------------------------------------------------
def organisation_of(code: str) -> str:
    """"ISO", "IEC" or "ISO/IEC" (JTC 1) for a canonical committee code."""
    if code.startswith("ISO/IEC"):
        return "ISO/IEC"
    return code.split("/", 1)[0]


def parent_of(code: str) -> str | None:
    """The technical committee a subcommittee belongs to ("ISO/TC 176/SC 2" → "ISO/TC 176", "IEC/SC 62A" →
    "IEC/TC 62", "ISO/IEC JTC 1/SC 27" → "ISO/IEC JTC 1"); None for a TC, PC or SyC."""
    if "/SC " in code and code.count("/") >= 2:
        return code.rsplit("/SC ", 1)[0]
    if code.startswith("IEC/SC "):
        return "IEC/TC " + code[len("IEC/SC "):].rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return None


def committee_code(text: str) -> str | None:
    """The canonical code of an ISO/IEC committee ("iso/tc176/sc2" → "ISO/TC 176/SC 2"), or None."""
    return normalise_international_committee(text)
