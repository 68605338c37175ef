"""The approval deadline: its state (on track, reminder, due today, overdue and frozen), the extension history,
the secretariat's extension request and the national administration's decision."""

from __future__ import annotations

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.rules.cycles import cycle_kind, deadline_state, last_day_to_request_extension

from ... import limits, selectors
from ...models import ExtensionRequest, Project, ProjectKind


def context(request, project: Project, *, refusal: dict | None = None) -> dict:
    """`refusal` (form, message, field messages, posted values) puts a refused request or decision back on its
    form."""
    if project.deadline is None:
        return {"deadlines_visible": False}
    user, today, values = request.user, clock.today(), limits.current()
    requests = selectors.extension_requests_of(project=project)
    last_day = last_day_to_request_extension(project.deadline, values["extension_notice_days"])
    used = [r for r in requests if r.state != ExtensionRequest.State.REFUSED]
    kind = cycle_kind(project.nature, project.kind == ProjectKind.ADOPTION)
    return {
        "deadlines_visible": True,
        # Shown also while suspended from a stage the deadline runs in (Project.deadline_shown).
        "deadlines_state": deadline_state(project.deadline, today, values["reminder_days"])
        if project.deadline_shown else None,
        "deadlines_suspended": project.deadline_shown and not project.deadline_runs,
        "deadlines_rule": limits.label(f"cycle_{kind}"),
        "deadlines_months": limits.cycles()[kind] + project.extension_months,
        "deadlines_requests": requests,
        "deadlines_may_request": (project.deadline_runs and not project.frozen and not used
                                  and policy.can(user, "development.manage", project)),
        "deadlines_request_open": today <= last_day,
        "deadlines_last_day": last_day,
        "deadlines_notice_days": values["extension_notice_days"],
        "deadlines_max_months": values["extension_max_months"],
        "deadlines_may_decide": policy.can(user, "development.decide", project),
        "deadlines_refusal": refusal or {},
    }
