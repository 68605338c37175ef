"""Who may do what with the yearly work plan (docs/decisions/0038).

- The national administration's administrators import the plan, assign lead and co-responsible units and due
  dates, cancel a task or reopen a finished one.
- A member of a task's lead or co-responsible unit (any role in that organisation) reports progress on it, moves
  it along (starts, finishes, reports a delay) and links evidence.
- Supervision (the plan, progress by part and by unit, overdue items, the year-end summary) is for people with a
  staff role: the national administration (members, reviewers, administrators), ministries, market-regulation
  bureaus, TC secretariats and Django staff. A unit member without such a role sees its own units' tasks.
Nothing here is public: the plan's text is published by SAC, its progress is internal."""

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from biaozhun.accounts.models import OrganisationKind
from biaozhun.accounts.policy import is_signed_in_and_active

from .models import Task

STAFF_KINDS = (OrganisationKind.NATIONAL_ADMINISTRATION, OrganisationKind.GOVERNMENT_DEPARTMENT,
               OrganisationKind.BUREAU, OrganisationKind.TC_SECRETARIAT)


# fmt: off
def _staff(user: Any) -> bool:
    return (
        user.is_staff
        or user.is_administrator
        or any(user.memberships_of_kind(kind) for kind in STAFF_KINDS)
    )


def _manage(user: Any, obj: Any) -> bool:
    """Import plans, assign units and dates, cancel and reopen: the national administration's administrators."""
    return user.is_administrator


def _view(user: Any, obj: Any) -> bool:
    """Supervision pages and exports."""
    return _staff(user)


def unit_ids(user: Any) -> set[int]:
    """The organisations the user belongs to (from the user's cached memberships)."""
    return {m.organisation_id for kind in OrganisationKind for m in user.memberships_of_kind(kind)}


def _in_unit(user: Any, task: Any) -> bool:
    return (
        task is not None
        and bool(task.unit_ids() & unit_ids(user))
    )


def _see_task(user: Any, task: Any) -> bool:
    return (
        _staff(user)
        or _in_unit(user, task)
    )


def _report(user: Any, task: Any) -> bool:
    """Report progress, move the task along, link evidence: a member of its lead or co-responsible unit."""
    return _in_unit(user, task)


def _move(user: Any, task: Any) -> bool:
    """Change a task's state: its units (start, finish, delay) and the administrators (also cancel, reopen)."""
    return (
        _in_unit(user, task)
        or user.is_administrator
    )


def _own(user: Any, obj: Any) -> bool:
    """The page of one's own units' tasks: anyone signed in (it lists nothing without a unit)."""
    return True
# fmt: on


RULES = {
    "workplan.view": _view,
    "workplan.manage": _manage,
    "workplan.see_task": _see_task,
    "workplan.report": _report,
    "workplan.move": _move,
    "workplan.own": _own,
}


def _tasks(user: Any) -> QuerySet:
    """The tasks a user may see: every one for staff, their units' otherwise."""
    tasks = Task.objects.all()
    if not is_signed_in_and_active(user):
        return tasks.none()
    if _staff(user):
        return tasks
    units = unit_ids(user)
    return tasks.filter(Q(lead_unit__in=units) | Q(co_units__in=units)).distinct()


FILTERS = {"workplan.tasks": _tasks}
DENIALS = {
    "workplan.view": _("年度标准化工作要点的落实情况供标准化管理部门和技术委员会秘书处查看；"
                       "如您所在单位承担工作任务，请在“我的工作任务”中查看。"),
    "workplan.manage": _("工作要点的导入和分工由国家标准化管理委员会的管理员办理。"),
    "workplan.see_task": _("此工作任务只有其牵头单位、配合单位和标准化管理部门可以查看。"),
    "workplan.report": _("进展由任务的牵头单位或配合单位报告；如您属于这些单位，请联系管理员在您的账号中登记所属单位。"),
    "workplan.move": _("任务状态由其牵头单位、配合单位或国家标准化管理委员会的管理员变更。"),
}
