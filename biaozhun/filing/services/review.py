"""The national administration's review: accept (a 备案号 is assigned and the edition enters the catalogue with
its text) or return with reasons per check."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.catalog.services import attach_full_text, create_standard
from biaozhun.core import clock
from biaozhun.core.errors import ValidationFailed
from biaozhun.rules.filing import FilingState as State
from biaozhun.rules.filing import format_filing_number

from ..checks import CHECK_CODES
from ..models import Filing, FilingEventKind, FilingNumberCounter
from .states import locked, move, require_move

SOURCE = "filing"  # the catalogue event's source for editions entered by filing


def next_filing_number(year: int) -> tuple[int, str]:
    """The next sequence of the year under a row lock (so two reviewers never draw the same number)."""
    try:
        with transaction.atomic():
            FilingNumberCounter.objects.get_or_create(year=year)
    except IntegrityError:  # created by a concurrent transaction: it exists now
        pass
    counter = FilingNumberCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last, format_filing_number(counter.last, year)


@transaction.atomic
def accept_filing(*, actor: Any, filing: Filing, note: str = "") -> Filing:
    filing = locked(filing)
    policy.require(actor, "filing.review", filing)
    require_move(filing, to=State.ACCEPTED, kind=FilingEventKind.ACCEPTED)  # before the catalogue is written
    record = dict(filing.record)
    record.setdefault("competent_department", filing.authority.name)  # 主管部门: the authority that filed it
    standard = create_standard(actor=actor, data=record, source=SOURCE)
    with filing.fulltext.open("rb") as handle:
        attach_full_text(actor=actor, standard=standard, content=handle.read())
    today = clock.today()
    sequence, number = next_filing_number(today.year)
    filing.filing_number, filing.filing_year, filing.filing_sequence = number, today.year, sequence
    filing.filed_on, filing.standard, filing.standard_status = today, standard, standard.status
    move(filing, to=State.ACCEPTED, kind=FilingEventKind.ACCEPTED, actor=actor, reason=note.strip(),
         data={"filing_number": number, "standard_id": standard.pk},
         fields=("filing_number", "filing_year", "filing_sequence", "filed_on", "standard", "standard_status"))
    return filing


@transaction.atomic
def return_filing(*, actor: Any, filing: Filing, reasons: list[dict[str, str]], note: str = "") -> Filing:
    """Return with reasons, each naming the check it answers ("" for a general reason)."""
    filing = locked(filing)
    policy.require(actor, "filing.review", filing)
    cleaned, problems = [], []
    for index, reason in enumerate(reasons):
        check, message = str(reason.get("check") or ""), " ".join(str(reason.get("message") or "").split())
        if check and check not in CHECK_CODES:
            problems.append({"field": f"reasons[{index}].check", "message": _("“%(check)s”不是检查项；可选：%(codes)s") % {
                "check": check, "codes": ", ".join(CHECK_CODES)}})
        if message:
            cleaned.append({"check": check, "message": message[:2000]})
    if not cleaned:
        problems.append({"field": "reasons", "message": _("请至少写明一条退回理由，备案单位据此修改")})
    if problems:
        raise ValidationFailed(_("未能退回，请按提示修改。"), problems)
    move(filing, to=State.RETURNED, kind=FilingEventKind.RETURNED, actor=actor, reason=note.strip(),
         data={"reasons": cleaned})
    return filing
