"""Default time limits of standard development. The database table `development.TimeLimit` is seeded from
these and administrators edit it there; code reads the table (development/limits.py), never these literals.

Sources: 国家标准管理办法 (2022) and 国家标准制修订工作管理办法 for the notice, comment, cycle, extension and
review periods; the WTO TBT Agreement (Art. 2.9, with the committee's 60-day recommendation) for notification.
Pure: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limit:
    value: int
    unit: str  # days, months, years
    description: str


DEFAULTS: dict[str, Limit] = {
    "notice_days": Limit(30, "days", "立项公示期"),
    "comment_days": Limit(60, "days", "征求意见期（不少于）"),
    "cycle_mandatory": Limit(24, "months", "强制性国家标准：计划下达至报批"),
    "cycle_recommended": Limit(18, "months", "推荐性国家标准：计划下达至报批"),
    "cycle_guidance": Limit(18, "months", "指导性技术文件：计划下达至报批"),
    "cycle_adoption": Limit(12, "months", "采用国际标准：计划下达至报批"),
    "extension_notice_days": Limit(30, "days", "延期申请须在报批期限前提出"),
    "extension_max_months": Limit(12, "months", "延期最长"),
    "reminder_days": Limit(7, "days", "期限前提醒"),
    "tbt_days": Limit(60, "days", "WTO/TBT通报至批准的最短间隔"),
    "ballot_days": Limit(30, "days", "函审投票期"),
    "review_years": Limit(5, "years", "复审周期"),
    "review_grace_months": Limit(12, "months", "复审到期后视为逾期"),
}


def cycle_limits(values: dict[str, int]) -> dict[str, int]:
    """The cycle months by kind (mandatory, recommended, guidance, adoption) from a code → value mapping."""
    return {kind: values[f"cycle_{kind}"] for kind in ("mandatory", "recommended", "guidance", "adoption")}
