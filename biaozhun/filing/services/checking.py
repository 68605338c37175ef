"""Run the checks on a filing and store their results with an event."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from biaozhun.core import clock

from .. import events
from ..checks import Outcome, Subject, run_checks
from ..models import Filing


def subject_of(filing: Filing, *, today=None) -> Subject:
    record = filing.record
    return Subject(
        identifier=filing.identifier, edition=filing.edition,
        written_identifier=str(record.get("identifier") or ""),
        tier=filing.tier, code=filing.industry_code or filing.region_code,
        year=int(filing.edition.rsplit("-", 1)[1]) if "-" in filing.edition else None,
        nature=str(record.get("nature") or ""), title_zh=filing.title_zh, scope=str(record.get("scope") or ""),
        published_on=filing.published_on, replaces=filing.replaces, authority_id=filing.authority_id,
        submitted_on=timezone.localdate(filing.submitted_at) if filing.submitted_at else (today or clock.today()),
        remarks=str(record.get("remarks") or ""), filing_id=filing.pk,
    )


def run_and_store(filing: Filing, *, actor: Any) -> None:
    results = run_checks(subject_of(filing))
    filing.checks = [r.as_dict() for r in results]
    filing.checked_at = clock.now()
    filing.save(update_fields=["checks", "checked_at"])
    events.checked(filing, actor=actor, flags=sum(r.outcome == Outcome.FLAG for r in results),
                   warnings=sum(r.outcome == Outcome.NOTE for r in results))
