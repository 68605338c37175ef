"""A ballot's result in words: the outcome, the shares and the rule applied to the counts (rules/ballots.py)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from biaozhun.rules.ballots import APPROVE_SHARE, QUORUM_SHARE, REJECT_SHARE, Tally, decide

from .. import selectors
from ..models import Ballot

OUTCOMES = {
    "passed": gettext_lazy("通过"),
    "no_quorum": gettext_lazy("未通过：投票委员不足 3/4"),
    "too_few_for": gettext_lazy("未通过：赞成票不足 2/3"),
    "too_many_against": gettext_lazy("未通过：反对票达到 1/4"),
    "nobody_eligible": gettext_lazy("未通过：无可表决的委员"),
}


def percent(count: int, base: int) -> str:
    return f"{100 * count / base:.1f}%" if base else "—"


def explain(tally: Tally) -> str:
    """The rule applied to the counts, e.g. 赞成 9/12 = 75.0% ≥ 2/3，反对 1/12 = 8.3% < 1/4，投票率 11/12 = 91.7%
    ≥ 3/4：通过."""
    outcome = decide(tally)
    if outcome.reason == "nobody_eligible":
        return str(OUTCOMES["nobody_eligible"])
    base = tally.eligible

    def part(label: str, count: int, threshold, meets: bool) -> str:
        return _("%(label)s %(count)d/%(base)d = %(share)s %(cmp)s %(threshold)s") % {
            "label": label, "count": count, "base": base, "share": percent(count, base),
            "cmp": "≥" if meets else "<", "threshold": threshold}

    parts = [
        part(_("赞成"), tally.approve, APPROVE_SHARE, tally.approve >= APPROVE_SHARE * base),
        part(_("反对"), tally.reject, REJECT_SHARE, tally.reject >= REJECT_SHARE * base),
        part(_("投票率"), tally.cast, QUORUM_SHARE, tally.cast >= QUORUM_SHARE * base),
    ]
    recused = _("（%(count)d 人回避，不计入基数）") % {"count": tally.recused} if tally.recused else ""
    return "，".join(parts) + recused + "：" + str(OUTCOMES[outcome.reason])


def summary(ballot: Ballot) -> dict:
    """A closed ballot's row: the counts, the shares of for and against, the outcome."""
    tally = selectors.tally_of(ballot=ballot)
    return {"ballot": ballot, "tally": tally, "approve_share": percent(tally.approve, tally.eligible),
            "reject_share": percent(tally.reject, tally.eligible),
            "outcome": OUTCOMES.get(ballot.outcome, "") if not ballot.is_open else ""}
