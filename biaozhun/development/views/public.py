"""Public project pages, like the platform's 正在起草 / 正在征求意见 / 正在审查 / 正在批准 lists."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from biaozhun.rules.stages import BY_CODE

from ..models import Project
from ..timeline import timeline
from . import ballots, comments, deadlines, documents, manage

# The sections of the project page, in order; each adds its context and renders sections/<name>.html.
SECTIONS = (("manage", manage), ("deadlines", deadlines), ("documents", documents), ("comments", comments),
            ("ballots", ballots))

PUBLIC_LISTS = {
    "notice": (_("立项公示"), ["notice"]),
    "drafting": (_("正在起草"), ["planned", "drafting"]),
    "comment": (_("正在征求意见"), ["comment", "disposition"]),
    "review": (_("正在审查"), ["review"]),
    "approval": (_("正在批准"), ["approval"]),
    "published": (_("已发布"), ["published", "in_force"]),
    "terminated": (_("已终止"), ["terminated"]),
}


@require_GET
def project_list(request):
    current = request.GET.get("list", "drafting")
    current = current if current in PUBLIC_LISTS else "drafting"
    projects = Project.objects.filter(stage__in=PUBLIC_LISTS[current][1]).select_related("committee").order_by(
        "deadline", "-created_at")
    page = Paginator(projects, 20).get_page(request.GET.get("page"))
    return render(request, "development/list.html", {
        "page": page, "lists": [(key, label) for key, (label, _stages) in PUBLIC_LISTS.items()], "current": current,
    })


@require_GET
def project_detail(request, pk: int):
    return render_detail(request, pk)


def render_detail(request, pk: int, status: int = 200):
    """The project page; section views call it with a refusal's status to show the page again with their form's
    errors (which they attach to the request for their detail_context)."""
    project = get_object_or_404(Project.objects.select_related("committee"), pk=pk)
    context = {
        "project": project, "events": timeline(project), "stage": BY_CODE[project.stage],
        "revises": project.revises.only("identifier"),
        "sections": [f"development/sections/{name}.html" for name, _module in SECTIONS],
    }
    for _name, module in SECTIONS:
        context.update(module.detail_context(request, project))
    return render(request, "development/detail.html", context, status=status)
