"""Public committee pages: the list, and one committee with its composition, members, projects and standards."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from biaozhun.rules.stages import ACTIVE_STAGES, STAGES

from . import selectors
from .models import Committee


@require_safe
def committee_list(request):
    query = request.GET.get("q", "").strip()
    return render(request, "committees/list.html", {"committees": selectors.committee_list(query=query), "query": query})


@require_safe
def committee_detail(request, code: str):
    committee = Committee.objects.filter(code=code).select_related("secretariat", "parent", "merged_into").first()
    if committee is None:
        raise Http404(code)
    today = timezone.localdate()
    standards, standard_count = selectors.committee_standards(committee, viewer=request.user)
    members = selectors.current_members(committee, on=today)
    return render(request, "committees/detail.html", {
        "committee": committee, "composition": selectors.composition(committee, on=today), "members": members,
        "standards": standards, "standard_count": standard_count, "project_groups": _open_projects(committee),
        "subcommittees": committee.subcommittees.existing().order_by("code"),
    })


def _open_projects(committee: Committee) -> list[tuple[str, list]]:
    """The committee's open development projects grouped by stage, in workflow order."""
    stages = [stage.code for stage in STAGES if stage.code in ACTIVE_STAGES]
    projects = committee.projects.filter(stage__in=stages).only(
        "pk", "plan_number", "title_zh", "stage", "deadline", "committee_id")
    groups: dict[str, list] = {code: [] for code in stages}
    for project in projects.order_by("deadline", "pk"):
        groups[project.stage].append(project)
    return [(members[0].get_stage_display(), members) for members in groups.values() if members]
