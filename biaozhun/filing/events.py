"""One constructor per kind of filing event; filing services record history only through these (the actor,
the time from core.clock, the states, why, and the documented ``data`` keys of FilingEvent). An event that
concerns someone (a return, an acceptance, a city's filing for its province, a filing arriving for review)
queues its emails in the same transaction (filing/notify.py)."""

from __future__ import annotations

from typing import Any

from biaozhun.core import clock
from biaozhun.core.actors import user_or_none
from biaozhun.core.outbox import enqueue_with_transaction

from .models import Filing, FilingEvent, FilingEventKind, SupersessionFlag, SupersessionFlagEvent
from .notify import concerns_someone, notify_filing_event


def _record(filing: Filing, kind: str, *, actor: Any, from_state: str = "", to_state: str = "", reason: str = "",
            data: dict[str, Any] | None = None) -> FilingEvent:
    event = FilingEvent.objects.create(filing=filing, kind=kind, actor=user_or_none(actor), at=clock.now(),
                                       from_state=from_state, to_state=to_state, reason=reason, data=data or {})
    if concerns_someone(kind, to_state, data) and not clock.replaying():
        enqueue_with_transaction(notify_filing_event, event.pk)
    return event


def submitted(filing: Filing, *, actor: Any, to_state: str, batch_id: int | None = None) -> FilingEvent:
    """{"late_days"}, and {"batch"} for a row of a batch (whose reviewers get one summary for the batch)."""
    data = {"late_days": filing.days_late}
    if batch_id is not None:
        data["batch"] = batch_id
    return _record(filing, FilingEventKind.SUBMITTED, actor=actor, to_state=to_state, data=data)


def moved(filing: Filing, kind: str, *, actor: Any, from_state: str, reason: str = "",
          data: dict[str, Any] | None = None) -> FilingEvent:
    """A state change: province_approved, province_returned, returned {"reasons"}, resubmitted {"changed"},
    accepted {"filing_number", "standard_id"}, withdrawn."""
    return _record(filing, kind, actor=actor, from_state=from_state, to_state=filing.state, reason=reason,
                   data=data)


def checked(filing: Filing, *, actor: Any, flags: int, warnings: int) -> FilingEvent:
    return _record(filing, FilingEventKind.CHECKED, actor=actor, data={"flags": flags, "warnings": warnings})


def reminded(filing: Filing, *, actor: Any) -> FilingEvent:
    return _record(filing, FilingEventKind.REMINDED, actor=actor,
                   data={"due": filing.review_due.isoformat() if filing.review_due else None})


def flag_recorded(flag: SupersessionFlag, kind: str, *, actor: Any, reason: str = "",
                  data: dict[str, Any] | None = None) -> SupersessionFlagEvent:
    """A supersession flag's event: created {"score", "national"}, confirmed {}, dismissed {} (why in `reason`)."""
    return SupersessionFlagEvent.objects.create(flag=flag, kind=kind, actor=user_or_none(actor), at=clock.now(),
                                                reason=reason, data=data or {})
