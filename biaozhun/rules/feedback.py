"""Implementation feedback (实施信息反馈) as data: the states an item passes through, the actions that move it,
the working-day time limits that follow from its receipt, escalation levels and the tracking number. Pure: no
Django. The feedback app stores these values and asks `check` before every transition.

    received ──route──▶ routed ──acknowledge──▶ acknowledged ──answer──▶ answered ──close──▶ closed
        │                 │  ▲                     │                                      ▲
        │                 └──┴──reassign───────────┘ (back to routed, for the new handler) │
        └── merge (a duplicate of another item) / reject (with a reason) from any open state ┘

An item is answered straight from `routed` too (answering acknowledges it). `closed`, `merged` and `rejected` end
it. The time limits are counted in working days from the day it was received, whoever handles it: a
reassignment does not restart them.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .workdays import WorkdayResult, WorkingCalendar


class FeedbackState(StrEnum):
    """Stored in Feedback.state and in events; values are never renamed."""

    RECEIVED = "received"  # stored, not yet with anyone (routing found no handler, or waits for an administrator)
    ROUTED = "routed"  # with a handler (归口单位 / TC secretariat, or the competent department), not yet acknowledged
    ACKNOWLEDGED = "acknowledged"  # the handler has confirmed it is theirs and is working on it
    ANSWERED = "answered"  # the answer is sent to the person who wrote
    CLOSED = "closed"  # done
    MERGED = "merged"  # a duplicate: followed under another item
    REJECTED = "rejected"  # not taken up, with a reason


class Action(StrEnum):
    """What a handler (or the platform) does to an item; stored as event kinds."""

    ROUTE = "routed"
    REASSIGN = "reassigned"
    ACKNOWLEDGE = "acknowledged"
    ANSWER = "answered"
    CLOSE = "closed"
    MERGE = "merged"
    REJECT = "rejected"


OPEN = frozenset({FeedbackState.RECEIVED, FeedbackState.ROUTED, FeedbackState.ACKNOWLEDGED})
ENDED = frozenset({FeedbackState.CLOSED, FeedbackState.MERGED, FeedbackState.REJECTED})
# Waiting for each deadline: the acknowledgement, the answer.
AWAITING_ACKNOWLEDGEMENT = frozenset({FeedbackState.RECEIVED, FeedbackState.ROUTED})
AWAITING_ANSWER = OPEN
# Answered: an answer exists (closed items may have been closed after an answer, or without one).
ANSWERED_STATES = frozenset({FeedbackState.ANSWERED, FeedbackState.CLOSED})

# action → (the states it may start from, the state it leads to)
TRANSITIONS: dict[Action, tuple[frozenset[FeedbackState], FeedbackState]] = {
    Action.ROUTE: (frozenset({FeedbackState.RECEIVED}), FeedbackState.ROUTED),
    Action.REASSIGN: (frozenset({FeedbackState.ROUTED, FeedbackState.ACKNOWLEDGED}), FeedbackState.ROUTED),
    Action.ACKNOWLEDGE: (frozenset({FeedbackState.ROUTED}), FeedbackState.ACKNOWLEDGED),
    Action.ANSWER: (frozenset({FeedbackState.ROUTED, FeedbackState.ACKNOWLEDGED}), FeedbackState.ANSWERED),
    Action.CLOSE: (frozenset({FeedbackState.ANSWERED}), FeedbackState.CLOSED),
    Action.MERGE: (OPEN, FeedbackState.MERGED),
    Action.REJECT: (OPEN, FeedbackState.REJECTED),
}
# Actions whose event must say why.
REASON_REQUIRED = frozenset({Action.REASSIGN, Action.REJECT})
# The order actions are offered in on a page.
ORDER = (Action.ROUTE, Action.ACKNOWLEDGE, Action.ANSWER, Action.CLOSE, Action.REASSIGN, Action.MERGE, Action.REJECT)


class MoveRefused(ValueError):
    """An action the workflow does not allow in the current state; `allowed` lists the actions that are."""

    def __init__(self, current: str, action: str) -> None:
        self.current, self.action = current, action
        self.allowed = [str(a) for a in allowed_actions(current)]
        super().__init__(f"feedback in state {current!r} cannot be {action!r}; allowed: {self.allowed or 'none'}")


def allowed_actions(state: str) -> tuple[Action, ...]:
    """The actions that may be taken in `state`, in page order."""
    current = FeedbackState(state)
    return tuple(action for action in ORDER if current in TRANSITIONS[action][0])


def check(state: str, action: str) -> FeedbackState:
    """The state `action` leads to from `state`; MoveRefused (naming the allowed actions) if it may not."""
    sources, target = TRANSITIONS[Action(action)]
    if FeedbackState(state) not in sources:
        raise MoveRefused(state, action)
    return target


# --- Time limits ------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Limits:
    """One feedback type's limits, in working days (an administrator's table row)."""

    acknowledge_days: int  # from receipt to acknowledgement
    answer_days: int  # from receipt to the answer
    reminder_days: int  # a reminder this many working days before each deadline
    close_days: int  # an answered item closes itself this many working days after the answer

    def __post_init__(self) -> None:
        if min(self.acknowledge_days, self.answer_days, self.close_days) < 1 or self.reminder_days < 0:
            raise ValueError("time limits are at least one working day (a reminder lead time may be 0)")
        if self.acknowledge_days > self.answer_days:
            raise ValueError("the acknowledgement cannot be due after the answer")


# Seeded into feedback.FeedbackTimeLimit per type; code reads the table, never these literals. No legal limit
# was found (shared/reference/README.md: "make it a setting per feedback type"): these are the platform's.
DEFAULT_LIMITS: dict[str, Limits] = {
    "content": Limits(acknowledge_days=5, answer_days=20, reminder_days=3, close_days=10),
    "conflict": Limits(acknowledge_days=5, answer_days=30, reminder_days=5, close_days=10),
    "implementation": Limits(acknowledge_days=5, answer_days=20, reminder_days=3, close_days=10),
    "outdated": Limits(acknowledge_days=5, answer_days=30, reminder_days=5, close_days=10),
    "other": Limits(acknowledge_days=5, answer_days=15, reminder_days=3, close_days=10),
}


@dataclass(frozen=True, slots=True)
class Deadlines:
    acknowledge: date
    answer: date
    approximate: bool  # some day counted lies in a year the holiday calendar does not know


def deadlines(received_on: date, limits: Limits, calendar: WorkingCalendar) -> Deadlines:
    """The acknowledgement and answer deadlines of an item received on `received_on` (the day itself not
    counted: received on Friday with one working day, it is due on Monday)."""
    acknowledge = calendar.add_working_days(received_on, limits.acknowledge_days)
    answer = calendar.add_working_days(received_on, limits.answer_days)
    return Deadlines(acknowledge.day, answer.day, acknowledge.approximate or answer.approximate)


class Deadline(StrEnum):
    ACKNOWLEDGE = "acknowledge"
    ANSWER = "answer"


def pending_deadline(state: str) -> Deadline | None:
    """The deadline an item in `state` is waiting for (the acknowledgement first), or None."""
    if state in AWAITING_ACKNOWLEDGEMENT:
        return Deadline.ACKNOWLEDGE
    if state in AWAITING_ANSWER:
        return Deadline.ANSWER
    return None


def overdue_deadlines(state: str, acknowledge_due: date | None, answer_due: date | None,
                      today: date) -> tuple[Deadline, ...]:
    """The deadlines an item in `state` has missed by `today` (the acknowledgement, the answer, or both)."""
    missed = []
    if state in AWAITING_ACKNOWLEDGEMENT and acknowledge_due is not None and acknowledge_due < today:
        missed.append(Deadline.ACKNOWLEDGE)
    if state in AWAITING_ANSWER and answer_due is not None and answer_due < today:
        missed.append(Deadline.ANSWER)
    return tuple(missed)


def reminder_due(due: date, today: date, reminder_days: int, calendar: WorkingCalendar) -> bool:
    """Whether today is on or after the reminder day of `due` (reminder_days working days before it) and not
    yet past `due` itself (what is past is escalated instead)."""
    if today > due:
        return False
    return today >= calendar.add_working_days(due, -reminder_days).day


def answer_working_days(received_on: date, answered_on: date, calendar: WorkingCalendar) -> int:
    """Working days from receipt to the answer (0 when answered on the day it came)."""
    return max(0, calendar.working_days_between(received_on, answered_on))


def close_day(answered_on: date, limits: Limits, calendar: WorkingCalendar) -> WorkdayResult:
    """The day an answered item closes itself if nobody closes it before."""
    return calendar.add_working_days(answered_on, limits.close_days)


# --- Escalation -------------------------------------------------------------------------------------------------
class Level(StrEnum):
    """Who an overdue item is escalated to: the handler's supervising body, then the national administration."""

    HANDLER = "handler"  # 0: nobody above the handler has been told
    SUPERVISOR = "supervisor"  # 1: the parent committee, the competent department or the province
    ADMINISTRATION = "administration"  # 2: the national administration (the top)


LEVELS = (Level.HANDLER, Level.SUPERVISOR, Level.ADMINISTRATION)


def next_level(level: int) -> int | None:
    """The level after `level` (0, 1, 2), or None at the top."""
    return level + 1 if level + 1 < len(LEVELS) else None


# --- Tracking numbers ------------------------------------------------------------------------------------------
# Crockford's base 32 (no I, L, O, U: nothing to misread), the last symbol a check symbol over the others
# (mod 37, as ISO 7064 MOD 37-2 uses the extra symbols *~$=U for values 32–36). Ten random symbols: 50 bits,
# so a number cannot be guessed, and what a person reads out or types back is checked before any lookup.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CHECK_ALPHABET = ALPHABET + "*~$=U"
PREFIX = "FK"
BODY = 10
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def _check_symbol(body: str) -> str:
    return CHECK_ALPHABET[sum(ALPHABET.index(c) * (index + 1) for index, c in enumerate(body)) % 37]


def new_tracking_number(random_symbols: str | None = None) -> str:
    """"FK-7Q4M-2XK9-PW3": ten random symbols and a check symbol, grouped for reading aloud. Random bodies whose
    check symbol is not a letter or digit are drawn again, so that every number issued fits in a URL as it is."""
    body = random_symbols
    while body is None:
        body = "".join(secrets.choice(ALPHABET) for _ in range(BODY))
        body = body if _check_symbol(body) in ALPHABET else None
    if len(body) != BODY or any(c not in ALPHABET for c in body):
        raise ValueError(f"a tracking number's body is {BODY} symbols of {ALPHABET}")
    symbols = body + _check_symbol(body)
    return f"{PREFIX}-{symbols[:4]}-{symbols[4:8]}-{symbols[8:]}"


def normalise_tracking_number(text: str) -> str | None:
    """The number in its printed form, from what a person typed ("fk 7q4m2xk9pw3", "FK-7Q4M-2XK9-PW3"), or None
    when it is not a well-formed number (wrong length, unknown symbols, a failing check symbol)."""
    compact = "".join((text or "").upper().split()).replace("-", "").replace("—", "").replace("－", "")
    if compact.startswith(PREFIX):
        compact = compact[len(PREFIX):]
    if len(compact) != BODY + 1:
        return None
    compact = compact.translate(_READ_AS)
    body, check_symbol = compact[:BODY], compact[BODY]
    if any(c not in ALPHABET for c in body) or _check_symbol(body) != check_symbol:
        return None
    return new_tracking_number(body)
