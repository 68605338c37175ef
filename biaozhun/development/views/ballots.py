"""Technical review ballots (审查投票): the ballot page with its roll and, once it closes, the tally and each vote;
the forms to open a ballot (from the project page's ballots section), vote, record meeting votes and close it.

Until a ballot closes its votes are secret (the policy's development.see_votes): everyone sees how many members
have voted; a member on the roll sees their own vote; the secretariat sees who has voted, to remind the others
(development.see_turnout), not how. Once it closes everyone sees the counts and the outcome; how each member voted,
by name, only the committee's members and secretariat, the reviewers and administrators (development.see_roll)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from biaozhun.accounts import policy
from biaozhun.accounts.forms import form_problems, show_problems
from biaozhun.core import clock
from biaozhun.core.errors import DomainError, ValidationFailed
from biaozhun.rules.ballots import REJECT_SHARE, votes_needed_to_pass

from .. import limits, selectors
from ..forms import OpenBallotForm, RecordVoteForm, VoteForm
from ..models import Ballot, VoteChoice
from ..services.ballots import cast_vote, close_ballot, open_ballot, record_vote
from .ballot_results import OUTCOMES, explain


def _roll(ballot: Ballot, *, show_choices: bool, show_turnout: bool, user) -> list[dict]:
    """The roll as the viewer may see it: each member's vote (and reason) only when votes are public or it is the
    viewer's own; whether a member has voted only for those who see the turnout (and the member themself)."""
    rows = []
    for vote in selectors.ballot_roll(ballot=ballot):
        own = vote.member.user_id is not None and vote.member.user_id == user.pk
        visible = show_choices or own
        rows.append({"vote": vote if visible else None, "member": vote.member, "own": own,
                     "voted": bool(vote.choice) if (show_turnout or own) else None,
                     "choice": vote.get_choice_display() if visible else "", "reason": vote.reason if visible else ""})
    return rows


def _render(request, ballot: Ballot, *, status: int = 200, error: str = "", vote_form: VoteForm | None = None,
            record_form: RecordVoteForm | None = None):
    project = ballot.project
    user = request.user
    today = clock.today()
    may_manage = policy.can(user, "development.manage", project)
    taking_votes = ballot.is_open and today <= ballot.closes_on
    tally = selectors.tally_of(ballot=ballot)
    see_votes = policy.can(user, "development.see_votes", ballot)
    see_turnout = policy.can(user, "development.see_turnout", ballot)
    see_roll = policy.can(user, "development.see_roll", ballot)
    roll = _roll(ballot, show_choices=see_roll, show_turnout=see_turnout, user=user)
    own = next((row for row in roll if row["own"]), None)
    own_vote = selectors.own_vote(ballot=ballot, user=user) if own else None
    pending = tally.members - tally.cast - tally.recused
    may_vote = taking_votes and own is not None and policy.can(user, "development.vote", ballot)
    meeting = ballot.method == Ballot.Method.MEETING
    return render(request, "development/ballot.html", {
        "ballot": ballot, "project": project, "roll": roll, "own": own, "own_vote": own_vote, "error": error,
        "see_votes": see_votes, "see_turnout": see_turnout, "see_roll": see_roll,
        # Before the ballot closes only the number of votes received is public, not how they were cast.
        "received": tally.cast + tally.recused, "members": tally.members, **(_tally_context(tally, ballot)
                                                                               if see_votes else {}),
        "pending": pending, "outcome": OUTCOMES.get(ballot.outcome, ""),
        "choices": VoteChoice.choices, "taking_votes": taking_votes, "meeting": meeting,
        "vote_form": (vote_form or VoteForm(initial={"choice": own_vote.choice, "reason": own_vote.reason}))
        if may_vote else None,
        "record_form": (record_form or RecordVoteForm()) if may_manage and taking_votes and meeting else None,
        "may_close": may_manage and ballot.is_open,
        "early": ballot.method == Ballot.Method.LETTER and today < ballot.closes_on,
    }, status=status)


def _tally_context(tally, ballot: Ballot) -> dict:
    """The counts by choice and what they mean, for those who may see the votes (once the ballot has closed)."""
    needed = votes_needed_to_pass(tally.members, tally.recused)
    bars = [(_("赞成"), tally.approve, "bg-success"), (_("反对"), tally.reject, "bg-danger"),
            (_("弃权"), tally.abstain, "bg-secondary"), (_("回避"), tally.recused, "bg-warning")]
    return {
        "tally": tally, "needed": needed, "still_needed": max(0, needed - tally.approve),
        # Recusals only shrink the base, so these cannot be undone by the votes still to come.
        "too_many_against": tally.reject >= REJECT_SHARE * tally.eligible,
        "out_of_reach": tally.approve + (tally.members - tally.cast - tally.recused) < needed,
        "bars": [(label, count, css, f"{100 * count / tally.members:.2f}") for label, count, css in bars if count],
        "explanation": explain(tally) if not ballot.is_open else "",
    }


@require_safe
def ballot_detail(request, ballot_pk: int):
    return _render(request, selectors.ballot_for_page(pk=ballot_pk))


def _refused(request, ballot: Ballot, exc: DomainError, form_name: str, form: VoteForm):
    """The ballot page again with the refusal (status 403, 409 or 422) and the posted form."""
    if isinstance(exc, ValidationFailed):
        show_problems(form, exc)
    ballot.refresh_from_db()
    return _render(request, ballot, status=exc.status, error=exc.message, **{form_name: form})


@login_required
@require_POST
def ballot_vote(request, ballot_pk: int):
    ballot = selectors.ballot_for_page(pk=ballot_pk)
    form = VoteForm(request.POST)
    try:
        if not form.is_valid():
            raise form_problems(form)
        vote = cast_vote(actor=request.user, ballot=ballot, **form.cleaned_data)
    except DomainError as exc:
        return _refused(request, ballot, exc, "vote_form", form)
    messages.success(request, _("您的表决（%(choice)s）已记录；投票结束前可以修改。") % {
        "choice": vote.get_choice_display()})
    return redirect("development:ballot", ballot_pk=ballot.pk)


@login_required
@require_POST
def ballot_record(request, ballot_pk: int):
    ballot = selectors.ballot_for_page(pk=ballot_pk)
    form = RecordVoteForm(request.POST)
    try:
        if not form.is_valid():
            raise form_problems(form)
        vote = record_vote(actor=request.user, ballot=ballot, **form.cleaned_data)
    except DomainError as exc:
        return _refused(request, ballot, exc, "record_form", form)
    messages.success(request, _("已记录 %(member)s 的表决：%(choice)s。") % {
        "member": vote.member.name, "choice": vote.get_choice_display()})
    return redirect("development:ballot", ballot_pk=ballot.pk)


@login_required
@require_POST
def ballot_close(request, ballot_pk: int):
    ballot = selectors.ballot_for_page(pk=ballot_pk)
    try:
        ballot = close_ballot(actor=request.user, ballot=ballot)
    except DomainError as exc:
        ballot.refresh_from_db()
        return _render(request, ballot, status=exc.status, error=exc.message)
    (messages.success if ballot.passed else messages.warning)(
        request, _("审查投票已结束：%(outcome)s。") % {"outcome": OUTCOMES[ballot.outcome]})
    return redirect("development:ballot", ballot_pk=ballot.pk)


@login_required
@require_POST
def ballot_open(request, pk: int):
    project = selectors.project_for_page(pk=pk)
    form = OpenBallotForm(request.POST)
    try:
        if not form.is_valid():
            raise form_problems(form)
        ballot = open_ballot(actor=request.user, project=project, **form.cleaned_data)
    except DomainError as exc:
        if isinstance(exc, ValidationFailed):
            show_problems(form, exc)
        return render(request, "development/ballots/open.html", {
            "project": project, "error": exc.message, "ballots_open_form": form,
            "ballots_letter_days": limits.current()["ballot_days"]}, status=exc.status)
    messages.success(request, _("审查投票已发起：%(members)d 位委员，%(closes_on)s 截止。") % {
        "members": ballot.members, "closes_on": ballot.closes_on.isoformat()})
    return redirect("development:ballot", ballot_pk=ballot.pk)


urlpatterns = [
    path("<int:pk>/ballots/new/", ballot_open, name="ballot_open"),
    path("ballots/<int:ballot_pk>/", ballot_detail, name="ballot"),
    path("ballots/<int:ballot_pk>/vote/", ballot_vote, name="ballot_vote"),
    path("ballots/<int:ballot_pk>/record/", ballot_record, name="ballot_record"),
    path("ballots/<int:ballot_pk>/close/", ballot_close, name="ballot_close"),
]
