"""The secretariat's dashboard (its committees' projects, comments, ballots, extensions and periodic reviews) and
the national administration's reviewer queue. Each list is one query, whatever its length."""

from __future__ import annotations

from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from biaozhun.accounts import policy
from biaozhun.accounts.codes import normalise_tc_code
from biaozhun.accounts.models import OrganisationKind
from biaozhun.committees.models import Committee
from biaozhun.core import clock
from biaozhun.core.errors import PermissionDeniedError
from biaozhun.rules.cycles import deadline_state
from biaozhun.rules.stages import STAGES

from .. import limits
from ..models import STAGE_LABELS, Ballot, DraftDocument, ExtensionRequest, Project
from ..services.guards import package_items
from ..services.publication import needs_tbt, tbt_earliest

# A committee's dashboard is for its secretariat (and administrators): the rule that scopes committee work.
COMMITTEE_RULE = "development.review_standard"
ACTIVE_STAGES = ("proposal", "notice", "planned", "drafting", "comment", "disposition", "review", "approval",
                 "suspended")
# Each list of the reviewer queue shows its oldest rows; the count says how many there are in all.
QUEUE_ROWS = 50
# Stages in which the approval deadline (报批期限) is still to be met.
DEADLINE_STAGES = frozenset(("planned", "drafting", "comment", "disposition", "review", "suspended"))
STAGE_RANK = Case(*[When(stage=stage.code, then=Value(rank)) for rank, stage in enumerate(STAGES)],
                  output_field=IntegerField())


def _denied(request, message: str):
    return render(request, "development/dashboard.html", {"denied": message}, status=403)


@login_required
@require_GET
def dashboard(request):
    user = request.user
    may_open = [c for c in Committee.objects.filter(is_active=True).only("code", "name_zh").order_by("code")
                if policy.can(user, COMMITTEE_RULE, c)]
    own_codes = {m.organisation.tc_code for m in user.memberships_of_kind(OrganisationKind.TC_SECRETARIAT)}
    wanted = request.GET.get("committee", "").replace("\x00", "").strip()  # PostgreSQL refuses NUL in text
    if wanted:
        committees = [c for c in may_open if c.code == normalise_tc_code(wanted)]
        if not committees:
            return _denied(request, _("您不能查看 %(code)s 的工作台：只有该技术委员会秘书处和管理员可以查看。") % {
                "code": wanted})
    else:
        committees = [c for c in may_open if c.code in own_codes]
    if not may_open:
        return _denied(request, _("工作台供技术委员会秘书处使用；您不是任何技术委员会秘书处的成员。"))
    today = clock.today()
    reminder_days = limits.current()["reminder_days"]
    return render(request, "development/dashboard.html", {
        "boards": [_board(committee, today, reminder_days) for committee in committees],
        "choices": may_open if len(may_open) > len(committees) else [], "current": wanted, "today": today,
    })


def _board(committee: Committee, today, reminder_days: int) -> dict:
    from ..services.reviews import due_for_committee, overdue_for_committee

    projects = list(
        Project.objects.filter(committee=committee, stage__in=ACTIVE_STAGES)
        .annotate(rank=STAGE_RANK, open_comments=Count("comments", filter=Q(comments__disposition=""), distinct=True))
        .order_by("rank", "deadline", "pk")
    )
    groups: dict[str, list[Project]] = defaultdict(list)
    for project in projects:
        project.deadline_state = _deadline(project, today, reminder_days)
        groups[project.stage].append(project)
    ballots = (Ballot.objects.filter(project__committee=committee, closed_at__isnull=True).select_related("project")
               .annotate(roll=Count("votes"), cast=Count("votes", filter=~Q(votes__choice="")))
               .order_by("closes_on", "pk"))
    return {
        "committee": committee,
        "groups": [(STAGE_LABELS[stage], members) for stage, members in groups.items()],
        "comments": [p for p in projects if p.open_comments],
        "ballots": list(ballots),
        "extensions": list(ExtensionRequest.objects.filter(project__committee=committee,
                                                           state=ExtensionRequest.State.PENDING)
                           .select_related("project").order_by("requested_at")),
        "reviews_due": due_for_committee(committee, today).count(),
        "reviews_overdue": overdue_for_committee(committee, today).count(),
    }


def _deadline(project: Project, today, reminder_days: int) -> dict | None:
    """on_track / reminder / due_today / overdue, with the days left (or overdue), while the deadline runs."""
    if project.deadline is None or project.stage not in DEADLINE_STAGES:
        return None
    state = deadline_state(project.deadline, today, reminder_days)
    return {"code": state.code, "days": abs(state.days_left)}


# --- The reviewer queue ----------------------------------------------------------------------------
@login_required
@require_GET
def queue(request):
    try:
        policy.require(request.user, "development.queue")
    except PermissionDeniedError:
        return render(request, "development/queue.html", {
            "denied": _("审核队列供国家标准委审核人员使用。")}, status=403)
    today = clock.today()
    tbt_days = limits.current()["tbt_days"]
    awaiting_plan = (Project.objects.filter(stage="notice").filter(Q(period_closed=True) | Q(period_ends_on__lt=today))
                     .select_related("committee").order_by("period_ends_on", "pk"))
    approval = (Project.objects.filter(stage="approval").select_related("committee")
                .annotate(comment_count=Count("comments", distinct=True),
                          open_comments=Count("comments", filter=Q(comments__disposition=""), distinct=True))
                .order_by("created_at", "pk"))
    extensions = (ExtensionRequest.objects.filter(state=ExtensionRequest.State.PENDING)
                  .select_related("project__committee").order_by("requested_at"))
    frozen = Project.objects.filter(frozen=True).select_related("committee").order_by("deadline", "pk")
    sections = {name: _first(rows) for name, rows in (("awaiting_plan", awaiting_plan), ("approval", approval),
                                                       ("extensions", extensions), ("frozen", frozen))}
    shown = sections["approval"]["rows"]
    kinds: dict[int, set[str]] = defaultdict(set)
    for project_id, kind in DraftDocument.objects.filter(project__in=shown).values_list("project_id", "kind"):
        kinds[project_id].add(kind)
    for project in shown:
        project.package = [(label, present) for _requirement, label, present in package_items(
            project.kind, kinds[project.pk], project.comment_count, project.open_comments)]
        project.package_complete = all(present for _label, present in project.package)
        project.tbt = _tbt_readiness(project, today, tbt_days)
    return render(request, "development/queue.html", {**sections, "today": today, "queue_rows": QUEUE_ROWS})


def _first(rows) -> dict:
    """The oldest `QUEUE_ROWS` of a work list and how many there are in all: a queue is worked from its head."""
    head = list(rows[:QUEUE_ROWS])
    return {"rows": head, "count": len(head) if len(head) < QUEUE_ROWS else rows.count()}


def _tbt_readiness(project: Project, today, tbt_days: int) -> dict | None:
    if not needs_tbt(project):
        return None
    earliest = tbt_earliest(project, tbt_days)
    return {"earliest": earliest, "ready": earliest is not None and earliest <= today}


urlpatterns = [
    path("dashboard/", dashboard, name="dashboard"),
    path("queue/", queue, name="queue"),
]
