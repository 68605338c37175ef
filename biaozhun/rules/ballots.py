"""Technical review ballots of a technical committee (审查投票).

A draft passes when at least two thirds of the voting members vote for it and fewer than a quarter vote
against it. Members who recuse themselves (回避) are not counted among the voting members; abstentions count
among the voting members but neither for nor against. A ballot needs a quorum: at least `quorum` of the voting
members must have cast a vote (for, against or abstain) — by default three quarters, as for meeting reviews.
Thresholds are parameters so administrators can change them (ARCHITECTURE rule 3). Pure: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

APPROVE_SHARE = Fraction(2, 3)
REJECT_SHARE = Fraction(1, 4)
QUORUM_SHARE = Fraction(3, 4)


@dataclass(frozen=True, slots=True)
class Tally:
    members: int  # voting members of the committee when the ballot opened
    approve: int = 0
    reject: int = 0
    abstain: int = 0
    recused: int = 0

    def __post_init__(self) -> None:
        counts = (self.members, self.approve, self.reject, self.abstain, self.recused)
        if min(counts) < 0:
            raise ValueError("counts cannot be negative")
        if self.approve + self.reject + self.abstain + self.recused > self.members:
            raise ValueError(f"{self.cast + self.recused} votes and recusals for {self.members} voting members")

    @property
    def eligible(self) -> int:
        """Voting members who did not recuse themselves: the base of every share."""
        return self.members - self.recused

    @property
    def cast(self) -> int:
        return self.approve + self.reject + self.abstain


@dataclass(frozen=True, slots=True)
class Outcome:
    passed: bool
    quorate: bool
    approve_share: Fraction
    reject_share: Fraction
    reason: str  # a stable code: passed, no_quorum, too_few_for, too_many_against, nobody_eligible


def decide(tally: Tally, *, approve_share: Fraction = APPROVE_SHARE, reject_share: Fraction = REJECT_SHARE,
           quorum_share: Fraction = QUORUM_SHARE) -> Outcome:
    """The result of a closed ballot. Shares are exact fractions, so 2 of 3 is exactly two thirds."""
    if tally.eligible == 0:
        return Outcome(False, False, Fraction(0), Fraction(0), "nobody_eligible")
    approve = Fraction(tally.approve, tally.eligible)
    reject = Fraction(tally.reject, tally.eligible)
    quorate = Fraction(tally.cast, tally.eligible) >= quorum_share
    if not quorate:
        return Outcome(False, False, approve, reject, "no_quorum")
    if approve < approve_share:
        return Outcome(False, True, approve, reject, "too_few_for")
    if reject >= reject_share:
        return Outcome(False, True, approve, reject, "too_many_against")
    return Outcome(True, True, approve, reject, "passed")


def votes_needed_to_pass(members: int, recused: int = 0, *, approve_share: Fraction = APPROVE_SHARE) -> int:
    """The smallest number of votes for that reaches the approval share."""
    eligible = members - recused
    needed = approve_share * eligible
    return int(needed) if needed.denominator == 1 else int(needed) + 1
