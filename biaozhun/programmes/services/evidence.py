"""Link evidence to a pilot: what a person typed (a standard number in any spelling, a plan number, a filing, a
campaign id, a committee code) is read by biaozhun.evidence.resolve, seen through the linking person's policy."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.core.errors import ValidationFailed
from biaozhun.evidence import EvidenceError, EvidenceKind, resolve

from .. import events
from ..models import Pilot, PilotEvidence


@transaction.atomic
def link_evidence(*, actor: Any, pilot: Pilot, kind: str, text: str, note: str = "") -> PilotEvidence:
    policy.require(actor, "programmes.link_evidence", pilot)
    if kind not in EvidenceKind.values:
        raise ValidationFailed(_("请选择成果类型。"), [{"field": "kind", "message": _("请选择成果类型。")}])
    try:
        evidence = resolve(kind, text.strip(), viewer=actor)
    except EvidenceError as error:
        message = " ".join(error.messages)
        raise ValidationFailed(message, [{"field": "text", "message": message}]) from error
    if pilot.evidence.filter(kind=evidence.kind, key=evidence.key).exists():
        raise ValidationFailed(_("这项成果已关联。"), [{"field": "text", "message": _("这项成果已关联。")}])
    link = PilotEvidence.objects.create(pilot=pilot, created_by=actor, note=note.strip()[:200], **evidence.fields())
    events.evidence_linked(pilot, actor=actor, kind=link.kind, key=link.key)
    return link
