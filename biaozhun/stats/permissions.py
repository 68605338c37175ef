"""Who may read and run the statistics (registered with the policy in apps.py).

The national figures of public indicators (standards, their age, adoption, filings, declarations, reviews,
development cycles) are public, like the annual report's data overview; so are their downloads and the yearly
report. Internal indicators (feedback answer times, committees' grades) and the implementation of mandatory
standards (which reads inspections) are for staff: the national administration, ministries and market regulation
bureaus. Administrators edit the indicator catalogue and recompute year-ends."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from biaozhun.accounts.models import OrganisationKind
from biaozhun.accounts.policy import administrator, everyone, is_signed_in_and_active

STAFF_KINDS = (OrganisationKind.NATIONAL_ADMINISTRATION, OrganisationKind.GOVERNMENT_DEPARTMENT,
               OrganisationKind.BUREAU)


# fmt: off
def is_staff_reader(user: Any, obj: Any = None) -> bool:
    """Staff of the administrations: national administration, ministries, market regulation bureaus."""
    return (
        is_signed_in_and_active(user)
        and (
            user.is_administrator
            or any(user.memberships_of_kind(kind) for kind in STAFF_KINDS)
        )
    )
# fmt: on


RULES = {
    "stats.view": everyone,
    "stats.view_internal": is_staff_reader,
    "stats.manage_indicators": administrator,
    "stats.snapshot": administrator,
}
PUBLIC_ACTIONS = ("stats.view",)
DENIALS = {
    "stats.view_internal": _("此项统计含内部数据，仅限国家标准化管理委员会、行业主管部门和市场监管部门的工作人员查看。"),
    "stats.manage_indicators": _("统计指标目录由系统管理员维护。"),
    "stats.snapshot": _("年度统计快照由系统管理员生成。"),
}
