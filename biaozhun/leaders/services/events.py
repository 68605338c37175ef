"""One constructor per kind of leaders event; the services record history only through these (the actor, the
time from core.clock, the subject, why, and the documented ``data`` keys)."""

from __future__ import annotations

from typing import Any

from biaozhun.core import clock
from biaozhun.core.actors import user_or_none

from ..models import KeyProduct, LeaderList, LeadersEvent, LeadersEventKind, Objection, RankingRun, Scheme


def _record(kind: str, *, actor: Any, reason: str = "", data: dict[str, Any] | None = None,
            **subjects: Any) -> LeadersEvent:
    return LeadersEvent.objects.create(kind=kind, actor=user_or_none(actor), at=clock.now(), reason=reason,
                                       data=data or {}, **subjects)


def key_product_created(product: KeyProduct, *, actor: Any) -> LeadersEvent:
    """{"keywords", "standards", "product_codes", "match"}"""
    return _record(LeadersEventKind.KEY_PRODUCT_CREATED, actor=actor, key_product=product,
                   data={"keywords": product.keywords, "standards": product.standards,
                         "product_codes": product.product_codes, "match": product.match})


def key_product_changed(product: KeyProduct, *, actor: Any, before: dict[str, Any],
                        after: dict[str, Any]) -> LeadersEvent:
    """{"version", "before", "after"}: the changed fields only, as before and after the edit."""
    return _record(LeadersEventKind.KEY_PRODUCT_CHANGED, actor=actor, key_product=product,
                   data={"version": product.version, "before": before, "after": after})


def scheme_created(scheme: Scheme, *, actor: Any, indicators: list[dict[str, Any]]) -> LeadersEvent:
    """{"rules", "indicators": [{"name", "unit", "direction", "key", "threshold_kind", "thresholds",
    "requirement", "requirement_source", "aliases"}...]} (events before the weight's removal also hold "weight")"""
    return _record(LeadersEventKind.SCHEME_CREATED, actor=actor, key_product=scheme.key_product, scheme=scheme,
                   data={"rules": scheme.rules, "indicators": indicators})


def scheme_changed(scheme: Scheme, *, actor: Any, before: dict[str, Any], after: dict[str, Any]) -> LeadersEvent:
    """{"version", "before", "after"}: the changed parts ("title", "note", "indicators": the whole list as in
    scheme_created) as before and after the edit; runs made before keep their own snapshot."""
    return _record(LeadersEventKind.SCHEME_CHANGED, actor=actor, key_product=scheme.key_product, scheme=scheme,
                   data={"version": scheme.version, "before": before, "after": after})


def ranked(run: RankingRun, *, actor: Any) -> LeadersEvent:
    """{"status", "inputs_digest", "declarations", "tier_sizes", "excluded"}"""
    return _record(LeadersEventKind.RANKED, actor=actor, scheme=run.scheme, run=run,
                   key_product=run.scheme.key_product,
                   data={"status": run.status, "inputs_digest": run.inputs_digest, "declarations": run.declarations,
                         "tier_sizes": run.tier_sizes, "excluded": len({row[0] for row in run.excluded})})


def list_moved(leader_list: LeaderList, kind: str, *, actor: Any, reason: str = "",
               data: dict[str, Any] | None = None) -> LeadersEvent:
    """list_drafted {"run", "entries"}; notice_opened {"from", "until", "working_days", "approximate"};
    list_published {"entries", "removed"}."""
    return _record(kind, actor=actor, leader_list=leader_list, key_product=leader_list.key_product, reason=reason,
                   data=data)


def objection_recorded(objection: Objection, kind: str, *, actor: Any, reason: str = "") -> LeadersEvent:
    """objection_submitted, objection_upheld, objection_rejected: {"entry", "declaration"}."""
    return _record(kind, actor=actor, leader_list=objection.leader_list, objection=objection, reason=reason,
                   data={"entry": objection.entry_id, "declaration": objection.entry.declaration_id})
