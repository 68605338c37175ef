"""Read the time limits table (seeded from rules/limits.py, edited by administrators); end periods on working days;
name each limit for people.

A limit's code (``comment_days``, ``cycle_recommended``...) is for programs: it stays in the errors' ``rule`` and
data for the API. Messages a person reads name the limit with `label(code)` ("征求意见期", "public comment
period"), never by its code.
"""

from datetime import date

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from biaozhun.reference.selectors import working_calendar
from biaozhun.rules.limits import DEFAULTS, cycle_limits

from .models import TimeLimit

LABELS: dict[str, Promise] = {
    "notice_days": _("立项公示期"),
    "comment_days": _("征求意见期"),
    "cycle_mandatory": _("强制性国家标准的制定周期"),
    "cycle_recommended": _("推荐性国家标准的制定周期"),
    "cycle_guidance": _("指导性技术文件的制定周期"),
    "cycle_adoption": _("采用国际标准项目的制定周期"),
    "extension_notice_days": _("延期申请的提前期"),
    "extension_max_months": _("最长延期"),
    "reminder_days": _("期限提醒的提前期"),
    "tbt_days": _("WTO/TBT通报后的等待期"),
    "ballot_days": _("函审投票期"),
    "review_years": _("复审周期"),
    "review_grace_months": _("复审宽限期"),
}
assert set(LABELS) == set(DEFAULTS), "every time limit needs its name"


def label(code: str) -> str:
    """The limit's name in the current language, for messages (the code stays in the error's data)."""
    return str(LABELS[code])


def current() -> dict[str, int]:
    """Every limit by code; a code missing from the table falls back to its default."""
    values = {code: limit.value for code, limit in DEFAULTS.items()}
    values.update(TimeLimit.objects.values_list("code", "value"))
    return values


def cycles() -> dict[str, int]:
    return cycle_limits(current())


def period_end(last_day: date) -> date:
    """A period's last day moved past rest days and holidays, over the holiday table (rules.workdays)."""
    return working_calendar().period_end(last_day).day
