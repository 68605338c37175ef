"""Technical review ballots (审查投票): the section on the project page, the ballot page with its live tally and
roll, and the forms to open a ballot, vote, record meeting votes and close it."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from biaozhun.accounts import policy
from biaozhun.accounts.forms import form_problems, show_problems
from biaozhun.core import clock
from biaozhun.core.errors import DomainError, ValidationFailed
from biaozhun.rules.ballots import APPROVE_SHARE, QUORUM_SHARE, REJECT_SHARE, Tally, decide, votes_needed_to_pass

from .. import limits
from ..models import Ballot, Project, VoteChoice
from ..services.ballots import cast_vote, close_ballot, live_tally, open_ballot, record_vote

OUTCOMES = {
    "passed": gettext_lazy("通过"),
    "no_quorum": gettext_lazy("未通过：投票委员不足 3/4"),
    "too_few_for": gettext_lazy("未通过：赞成票不足 2/3"),
    "too_many_against": gettext_lazy("未通过：反对票达到 1/4"),
    "nobody_eligible": gettext_lazy("未通过：无可表决的委员"),
}


class OpenBallotForm(forms.Form):
    method = forms.ChoiceField(label=gettext_lazy("审查方式"), choices=Ballot.Method.choices)
    closes_on = forms.DateField(label=gettext_lazy("截止日期"), required=False)


class VoteForm(forms.Form):
    choice = forms.ChoiceField(label=gettext_lazy("表决意见"), choices=VoteChoice.choices)
    reason = forms.CharField(label=gettext_lazy("理由"), required=False, max_length=4000)


class RecordVoteForm(VoteForm):
    member = forms.IntegerField(label=gettext_lazy("委员"))


# --- Shares and the result in words ---------------------------------------------------------------
def _percent(count: int, base: int) -> str:
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
            "label": label, "count": count, "base": base, "share": _percent(count, base),
            "cmp": "≥" if meets else "<", "threshold": threshold}

    parts = [
        part(_("赞成"), tally.approve, APPROVE_SHARE, tally.approve >= APPROVE_SHARE * base),
        part(_("反对"), tally.reject, REJECT_SHARE, tally.reject >= REJECT_SHARE * base),
        part(_("投票率"), tally.cast, QUORUM_SHARE, tally.cast >= QUORUM_SHARE * base),
    ]
    recused = _("（%(count)d 人回避，不计入基数）") % {"count": tally.recused} if tally.recused else ""
    return "，".join(parts) + recused + "：" + str(OUTCOMES[outcome.reason])


def _tally_of(ballot: Ballot) -> Tally:
    if ballot.is_open:
        return live_tally(ballot)
    return Tally(members=ballot.members, approve=ballot.approve, reject=ballot.reject, abstain=ballot.abstain,
                 recused=ballot.recused)


def _summary(ballot: Ballot) -> dict:
    tally = _tally_of(ballot)
    return {"ballot": ballot, "tally": tally, "approve_share": _percent(tally.approve, tally.eligible),
            "reject_share": _percent(tally.reject, tally.eligible),
            "outcome": OUTCOMES.get(ballot.outcome, "") if not ballot.is_open else ""}


# --- The section on the project page -------------------------------------------------------------
def detail_context(request, project: Project) -> dict:
    ballots = list(project.ballots.order_by("-opened_at", "-pk"))
    current = next((b for b in ballots if b.is_open), None)
    may_open = (project.stage == "review" and current is None
                and policy.can(request.user, "development.manage", project))
    past = [_summary(b) for b in ballots if not b.is_open]
    return {
        "ballots_visible": bool(ballots) or project.stage == "review",
        "ballots_past": past,
        "ballots_latest_failed": bool(past) and not past[0]["ballot"].passed,
        "ballots_current": current,
        "ballots_open_form": OpenBallotForm(initial={"method": Ballot.Method.MEETING}) if may_open else None,
        "ballots_letter_days": limits.current()["ballot_days"],
    }


# --- The ballot page ---------------------------------------------------------------------------------
def _roll(ballot: Ballot, show_choices: bool, user) -> list[dict]:
    rows = []
    for vote in ballot.votes.select_related("member"):
        own = vote.member.user_id is not None and vote.member.user_id == user.pk
        visible = show_choices or own
        rows.append({"vote": vote, "member": vote.member, "voted": bool(vote.choice), "own": own,
                     "choice": vote.get_choice_display() if visible else "", "reason": vote.reason if visible else ""})
    return rows


def _render(request, ballot: Ballot, *, status: int = 200, error: str = "", vote_form: VoteForm | None = None,
            record_form: RecordVoteForm | None = None):
    project = ballot.project
    user = request.user
    today = clock.today()
    may_manage = policy.can(user, "development.manage", project)
    taking_votes = ballot.is_open and today <= ballot.closes_on
    tally = _tally_of(ballot)
    roll = _roll(ballot, show_choices=not ballot.is_open or may_manage, user=user)
    own = next((row for row in roll if row["own"]), None)
    needed = votes_needed_to_pass(tally.members, tally.recused)
    pending = tally.members - tally.cast - tally.recused
    bars = [(_("赞成"), tally.approve, "bg-success"), (_("反对"), tally.reject, "bg-danger"),
            (_("弃权"), tally.abstain, "bg-secondary"), (_("回避"), tally.recused, "bg-warning")]
    may_vote = taking_votes and own is not None and policy.can(user, "development.vote", ballot)
    return render(request, "development/ballot.html", {
        "ballot": ballot, "project": project, "tally": tally, "roll": roll, "own": own, "error": error,
        "pending": pending, "needed": needed, "still_needed": max(0, needed - tally.approve),
        # Recusals only shrink the base, so these cannot be undone by the votes still to come.
        "too_many_against": tally.reject >= REJECT_SHARE * tally.eligible,
        "out_of_reach": tally.approve + pending < needed,
        "bars": [(label, count, css, f"{100 * count / tally.members:.2f}") for label, count, css in bars if count],
        "explanation": explain(tally) if not ballot.is_open else "",
        "outcome": OUTCOMES.get(ballot.outcome, ""),
        "choices": VoteChoice.choices, "taking_votes": taking_votes,
        "vote_form": (vote_form or VoteForm(initial={"choice": own["vote"].choice, "reason": own["vote"].reason}))
        if may_vote else None,
        "record_form": (record_form or RecordVoteForm())
        if may_manage and taking_votes and ballot.method == Ballot.Method.MEETING else None,
        "may_close": may_manage and ballot.is_open,
        "early": ballot.method == Ballot.Method.LETTER and today < ballot.closes_on,
    }, status=status)


def _ballot(ballot_pk: int) -> Ballot:
    return get_object_or_404(Ballot.objects.select_related("project__committee", "document"), pk=ballot_pk)


@require_GET
def ballot_detail(request, ballot_pk: int):
    return _render(request, _ballot(ballot_pk))


def _refused(request, ballot: Ballot, exc: DomainError, form_name: str, form: VoteForm):
    """The ballot page again with the refusal (status 403, 409 or 422) and the posted form."""
    if isinstance(exc, ValidationFailed):
        show_problems(form, exc)
    ballot.refresh_from_db()
    return _render(request, ballot, status=exc.status, error=exc.message, **{form_name: form})


@login_required
@require_POST
def ballot_vote(request, ballot_pk: int):
    ballot = _ballot(ballot_pk)
    form = VoteForm(request.POST)
    try:
        if not form.is_valid():
            raise form_problems(form)
        vote = cast_vote(request.user, ballot, **form.cleaned_data)
    except DomainError as exc:
        return _refused(request, ballot, exc, "vote_form", form)
    messages.success(request, _("您的表决（%(choice)s）已记录；投票结束前可以修改。") % {
        "choice": vote.get_choice_display()})
    return redirect("development:ballot", ballot_pk=ballot.pk)


@login_required
@require_POST
def ballot_record(request, ballot_pk: int):
    ballot = _ballot(ballot_pk)
    form = RecordVoteForm(request.POST)
    try:
        if not form.is_valid():
            raise form_problems(form)
        vote = record_vote(request.user, ballot, **form.cleaned_data)
    except DomainError as exc:
        return _refused(request, ballot, exc, "record_form", form)
    messages.success(request, _("已记录 %(member)s 的表决：%(choice)s。") % {
        "member": vote.member.name, "choice": vote.get_choice_display()})
    return redirect("development:ballot", ballot_pk=ballot.pk)


@login_required
@require_POST
def ballot_close(request, ballot_pk: int):
    ballot = _ballot(ballot_pk)
    try:
        ballot = close_ballot(request.user, ballot)
    except DomainError as exc:
        ballot.refresh_from_db()
        return _render(request, ballot, status=exc.status, error=exc.message)
    (messages.success if ballot.passed else messages.warning)(
        request, _("审查投票已结束：%(outcome)s。") % {"outcome": OUTCOMES[ballot.outcome]})
    return redirect("development:ballot", ballot_pk=ballot.pk)


@login_required
@require_POST
def ballot_open(request, pk: int):
    project = get_object_or_404(Project.objects.select_related("committee"), pk=pk)
    form = OpenBallotForm(request.POST)
    try:
        if not form.is_valid():
            raise form_problems(form)
        ballot = open_ballot(request.user, project, **form.cleaned_data)
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
