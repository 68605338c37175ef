"""The 工作台 (work page): the ballots awaiting the person's vote (待我表决) for committee members, and for a
secretariat its committees' projects, comments, ballots, extensions and periodic reviews; and the national
administration's reviewer queue. Each list is one query, whatever its length."""

from __future__ import annotations

from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from biaozhun.accounts import policy
from biaozhun.accounts.codes import normalise_tc_code
from biaozhun.core import clock
from biaozhun.core.errors import PermissionDeniedError
from biaozhun.rules.cycles import deadline_state

from .. import limits, selectors
from ..models import Project, stage_label
from ..services.guards import package_items, package_kinds
from ..services.publication import needs_tbt, tbt_earliest


def _denied(request, message: str):
    return render(request, "development/dashboard.html", {"denied": message}, status=403)


@login_required
@require_safe
def dashboard(request):
    user = request.user
    try:
        policy.require(user, "development.work")
    except PermissionDeniedError as exc:
        return _denied(request, exc.message)
    seats = selectors.ballots_awaiting(voter=user)
    may_open = selectors.committees_at_work(viewer=user)
    own_codes = {c.code for c in selectors.own_committees(viewer=user)}
    wanted = request.GET.get("committee", "").replace("\x00", "").strip()  # PostgreSQL refuses NUL in text
    if wanted:
        committees = [c for c in may_open if c.code == normalise_tc_code(wanted)]
        if not committees:
            return _denied(request, _("您不能查看 %(code)s 的工作台：只有该技术委员会秘书处和管理员可以查看。") % {
                "code": wanted})
    else:
        committees = [c for c in may_open if c.code in own_codes]
    today = clock.today()
    reminder_days = limits.current()["reminder_days"]
    return render(request, "development/dashboard.html", {
        "seats": [{"vote": vote, "taking_votes": today <= vote.ballot.closes_on} for vote in seats],
        "boards": [_board(committee, today, reminder_days) for committee in committees],
        "choices": may_open if len(may_open) > len(committees) else [], "current": wanted, "today": today,
        "secretariat": bool(may_open),
    })


def _board(committee, today, reminder_days: int) -> dict:
    projects = selectors.board_projects(committee=committee)
    reviews = selectors.review_counts(committee=committee, today=today)
    groups: dict[str, list[Project]] = defaultdict(list)
    for project in projects:
        project.deadline_status = _deadline(project, today, reminder_days)
        groups[project.stage].append(project)
    return {
        "committee": committee,
        "groups": [(stage_label(stage), members) for stage, members in groups.items()],
        "comments": [p for p in projects if p.open_comments],
        "ballots": selectors.board_ballots(committee=committee),
        "extensions": selectors.board_extensions(committee=committee),
        "reviews_due": reviews["due"],
        "reviews_overdue": reviews["overdue"],
    }


def _deadline(project: Project, today, reminder_days: int) -> dict | None:
    """on_track / reminder / due_today / overdue, with the days left (or overdue), while pages show the deadline
    (Project.deadline_shown: also while suspended from a stage it runs in)."""
    if not project.deadline_shown:
        return None
    state = deadline_state(project.deadline, today, reminder_days)
    return {"code": state.code, "days": abs(state.days_left)}


# --- The reviewer queue ----------------------------------------------------------------------------
@login_required
@require_safe
def queue(request):
    try:
        policy.require(request.user, "development.queue")
    except PermissionDeniedError as exc:
        return render(request, "development/queue.html", {"denied": exc.message}, status=403)
    today = clock.today()
    tbt_days = limits.current()["tbt_days"]
    sections = {"awaiting_plan": selectors.queue_head(selectors.awaiting_plan(today=today)),
                "awaiting_approval": selectors.queue_head(selectors.awaiting_approval()),
                "extensions": selectors.queue_head(selectors.pending_extensions()),
                "frozen": selectors.queue_head(selectors.frozen_projects())}
    shown = sections["awaiting_approval"]["rows"]
    kinds = selectors.document_kinds(projects=shown)
    for project in shown:
        project.package = [(label, present) for _requirement, label, present in package_items(
            project.kind, package_kinds(kinds[project.pk]), project.comment_count, project.open_comments)]
        project.package_complete = all(present for _label, present in project.package)
        project.tbt = _tbt_readiness(project, today, tbt_days)
    return render(request, "development/queue.html", {**sections, "today": today, "queue_rows": selectors.QUEUE_ROWS})


def _tbt_readiness(project: Project, today, tbt_days: int) -> dict | None:
    if not needs_tbt(project):
        return None
    earliest = tbt_earliest(project, tbt_days)
    return {"earliest": earliest, "ready": earliest is not None and earliest <= today}


urlpatterns = [
    path("dashboard/", dashboard, name="dashboard"),
    path("queue/", queue, name="queue"),
]
