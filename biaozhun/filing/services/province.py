"""The provincial bureau's approval of a city's local standard before it goes to the national review."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.core.errors import ValidationFailed
from biaozhun.rules.filing import FilingState as State

from .. import limits
from ..models import Filing, FilingEventKind
from .states import locked, move


@transaction.atomic
def approve_city_filing(*, actor: Any, filing: Filing, note: str = "") -> Filing:
    filing = locked(filing)
    policy.require(actor, "filing.approve_city", filing)
    filing.province_approved_at = clock.now()
    filing.review_due = limits.add(clock.today(), "review_days")
    move(filing, to=State.SUBMITTED, kind=FilingEventKind.PROVINCE_APPROVED, actor=actor, reason=note.strip(),
         fields=("province_approved_at", "review_due"))
    return filing


@transaction.atomic
def return_city_filing(*, actor: Any, filing: Filing, reason: str) -> Filing:
    filing = locked(filing)
    policy.require(actor, "filing.approve_city", filing)
    reason = reason.strip()
    if not reason:
        raise ValidationFailed(_("请写明退回的理由，市级部门据此修改。"), [{"field": "reason", "message": _("请填写退回理由")}])
    move(filing, to=State.RETURNED, kind=FilingEventKind.PROVINCE_RETURNED, actor=actor, reason=reason,
         data={"reasons": [{"check": "", "message": reason}]})
    return filing
