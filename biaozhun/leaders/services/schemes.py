"""Evaluation schemes (评估方案) of a key product: created by the national administration, edited by the scheme's
owner (the reviewer who created it) or an administrator. Each edit is a new version of the scheme with an event
holding what changed; a ranking run copies the scheme it ranked by into its snapshot, so an edit never changes a
run made before it, nor the leader list drawn from that run."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.core.actors import user_or_none
from biaozhun.core.errors import ValidationFailed

from ..models import KeyProduct, Scheme, SchemeIndicator
from ..schemes import IndicatorInput, clean_indicators, stored_row
from . import events
from .products import StaleEdit

MAX_NOTE = 5000


def _checked(*, key_product: KeyProduct, title: str, note: str, indicators: list[IndicatorInput],
             current: Scheme | None) -> tuple[str, str, list[dict[str, Any]]]:
    title, note = " ".join(str(title).split()), str(note).strip()
    cleaned, problems = clean_indicators(list(indicators))
    if not title:
        problems.insert(0, {"field": "title", "message": _("请填写方案名称。")})
    elif len(title) > 200:
        problems.insert(0, {"field": "title", "message": _("方案名称最多 200 个字符。")})
    elif Scheme.objects.filter(key_product=key_product, title=title).exclude(pk=getattr(current, "pk", None)).exists():
        problems.insert(0, {"field": "title", "message": _("该重点产品已有同名方案，请另起名称。")})
    if len(note) > MAX_NOTE:
        problems.append({"field": "note", "message": _("说明最多 %(n)d 个字符。") % {"n": MAX_NOTE}})
    if problems:
        raise ValidationFailed(_("未能保存评估方案，请按提示修改。"), problems)
    return title, note, cleaned


def _write_indicators(scheme: Scheme, rows: list[dict[str, Any]]) -> None:
    SchemeIndicator.objects.bulk_create(SchemeIndicator(scheme=scheme, position=position, **row)
                                        for position, row in enumerate(rows, 1))


@transaction.atomic
def create_scheme(actor: Any, *, key_product: KeyProduct, title: str, indicators: list[IndicatorInput],
                  note: str = "") -> Scheme:
    """A scheme with its indicators, checked by the pure rules (the lowest tier never below the requirement)."""
    policy.require(actor, "leaders.manage", key_product)
    title, note, cleaned = _checked(key_product=key_product, title=title, note=note, indicators=indicators,
                                    current=None)
    now = clock.now()
    scheme = Scheme.objects.create(key_product=key_product, title=title, note=note, created_at=now, updated_at=now,
                                   created_by=user_or_none(actor))
    _write_indicators(scheme, cleaned)
    events.scheme_created(scheme, actor=actor, indicators=cleaned)
    return scheme


@transaction.atomic
def update_scheme(actor: Any, *, scheme: Scheme, title: str, indicators: list[IndicatorInput], note: str = "",
                  expected_version: int) -> Scheme:
    """Edit a scheme (its title, note and indicators, replaced as a whole): a new version. Refused when someone
    saved it after the editor opened `expected_version`; nothing changed, nothing written. Runs made before keep
    the scheme they ranked by (RankingRun.snapshot)."""
    current = Scheme.objects.select_for_update().select_related("key_product").get(pk=scheme.pk)
    policy.require(actor, "leaders.edit_scheme", current)
    if current.version != expected_version:
        raise StaleEdit(_("您打开之后，已有其他人修改了评估方案“%(title)s”。请重新打开，再次填写您的修改。") % {
            "title": current.title}, expected_version=expected_version, version=current.version)
    title, note, cleaned = _checked(key_product=current.key_product, title=title, note=note,
                                    indicators=indicators, current=current)
    before = {"title": current.title, "note": current.note,
              "indicators": [stored_row(row) for row in current.indicators.order_by("position")]}
    after = {"title": title, "note": note, "indicators": cleaned}
    changed = [name for name in before if before[name] != after[name]]
    if not changed:
        return current
    current.title, current.note = title, note
    current.version += 1
    current.updated_at = clock.now()
    current.save(update_fields=["title", "note", "version", "updated_at"])
    if "indicators" in changed:
        current.indicators.all().delete()
        _write_indicators(current, cleaned)
    events.scheme_changed(current, actor=actor, before={name: before[name] for name in changed},
                          after={name: after[name] for name in changed})
    return current


def indicator_inputs(scheme: Scheme) -> list[IndicatorInput]:
    """What the edit form starts from: the scheme's indicators as inputs."""
    return [IndicatorInput(**stored_row(row)) for row in scheme.indicators.order_by("position")]
