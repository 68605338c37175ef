"""The project page, put together from its sections (views/sections/): the one place that renders it, for the
page itself and for the views that show it again with a refusal on one section's form."""

from __future__ import annotations

from django.shortcuts import render

from biaozhun.rules.stages import BY_CODE

from .. import selectors
from ..models import Project
from ..timeline import timeline
from .sections import ballots, comments, deadlines, documents, manage

# The sections, in page order: each adds its context and renders development/sections/<name>.html.
SECTIONS = (("manage", manage), ("deadlines", deadlines), ("documents", documents), ("comments", comments),
            ("ballots", ballots))


def render_project_page(request, project: Project, *, status: int = 200, refusals: dict[str, dict] | None = None):
    """`refusals` maps a section's name to what its `context` needs to show a refused form again (its keyword
    arguments), e.g. {"deadlines": {"refusal": {...}}}."""
    refusals = refusals or {}
    context = {
        "project": project, "events": timeline(project), "stage": BY_CODE[project.stage],
        "revises": selectors.revised_standards(project=project),
        "sections": [f"development/sections/{name}.html" for name, _module in SECTIONS],
    }
    for name, module in SECTIONS:
        context.update(module.context(request, project, **refusals.get(name, {})))
    return render(request, "development/detail.html", context, status=status)
