"""Review ballots on the project page: the one in progress, the past ones with their results, and the form to open
one while the project is in review."""

from __future__ import annotations

from biaozhun.accounts import policy
from biaozhun.rules.stages import Stage

from ... import limits, selectors
from ...forms import OpenBallotForm
from ...models import Ballot, Project
from ..ballot_results import summary


def context(request, project: Project) -> dict:
    ballots = selectors.ballots_of(project=project)
    current = next((b for b in ballots if b.is_open), None)
    in_review = project.stage == Stage.REVIEW
    may_open = in_review and current is None and policy.can(request.user, "development.manage", project)
    past = [summary(b) for b in ballots if not b.is_open]
    return {
        "ballots_visible": bool(ballots) or in_review,
        "ballots_past": past,
        "ballots_latest_failed": bool(past) and not past[0]["ballot"].passed,
        "ballots_current": current,
        "ballots_open_form": OpenBallotForm(initial={"method": Ballot.Method.MEETING}) if may_open else None,
        "ballots_letter_days": limits.current()["ballot_days"],
    }
