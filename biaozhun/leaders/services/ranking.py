"""A ranking run: read the declared indicators of the declarations a key product covers, map them to the scheme's
indicators (mapping.py), tier them with rules.leaders.tier_scheme and store what was read and found.

The run copies what it ranks by into its snapshot first (`snapshot_of`: the scheme's title, version and
indicators, the key product's matching) and reads only the snapshot after, so a later edit of the scheme or the key
product changes nothing of the run. The inputs digest (`inputs_digest`) covers the rules, the scheme's indicators
as ranked and every declaration's values as the ranking compared them; two runs over unchanged declarations have
the same digest."""

from __future__ import annotations

import hashlib
import json
import math
import sys
import time
from array import array
from operator import methodcaller
from typing import Any

from django.db import transaction

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.core.actors import user_or_none
from biaozhun.rules import leaders as rules

from ..mapping import MappingReason, RowPlan, Take
from ..models import RankingRun, Scheme
from ..schemes import rule_indicator, stored_row
from ..selectors.ranking import SEPARATOR, declared_rows, matching_declarations
from . import events

MATCHING = ("id", "year", "name", "keywords", "standards", "product_codes", "match")


def snapshot_of(scheme: Scheme) -> dict[str, Any]:
    """What a run ranks by, as it is now: {"scheme": {"id", "title", "version", "rules", "note"}, "key_product":
    {"id", "year", "name", "keywords", "standards", "product_codes", "match"}, "indicators": [stored rows, by
    position: "name", "unit", "direction", "key", "threshold_kind", "thresholds", "requirement",
    "requirement_source", "aliases"]}."""
    product = scheme.key_product
    return {"scheme": {"id": scheme.pk, "title": scheme.title, "version": scheme.version, "rules": scheme.rules,
                       "note": scheme.note},
            "key_product": {name: getattr(product, name if name != "id" else "pk") for name in MATCHING},
            "indicators": [stored_row(row) for row in scheme.indicators.order_by("position")]}


def collect(snapshot: dict[str, Any]) -> tuple[list[rules.Indicator], dict[int, dict[str, Any]],
                                               dict[tuple[int, str], str], int]:
    """(the rules' indicators, declaration id → {indicator name → value}, (declaration id, indicator) → the mapping's
    own reason for a missing value, indicator rows read), for a run's snapshot. Every declaration the key product
    covers is a key, with an empty dict when it declared none of the scheme's indicators. The loop is the hot path
    of a million rows: plain ints for the plan, one dictionary look-up per row, the declaration's dict fetched when
    the id changes."""
    stored = snapshot["indicators"]
    indicators = [rule_indicator(row) for row in stored]
    plan = RowPlan([(row["name"], row["unit"], row.get("aliases", [])) for row in stored],
                   [indicator.direction for indicator in indicators], SEPARATOR)
    known, learn = plan.known, plan.learn
    lower_column, either, text = int(Take.LOWER), int(Take.EITHER), int(Take.TEXT)
    ignore, nan = int(Take.IGNORE), math.nan
    declarations: dict[int, dict[str, Any]] = {}
    notes: dict[tuple[int, str], str] = {}
    rows = ignored = 0
    last, values = None, {}
    # `rows` counts as it goes (enumerate is cheaper than an addition per row)
    for rows, (pk, key, lower, upper) in enumerate(  # noqa: B007
            declared_rows(matching_declarations(snapshot["key_product"])), 1):
        if pk != last:
            last = pk
            values = declarations.get(pk)
            if values is None:
                values = declarations[pk] = {}
        wanted, how, higher = known.get(key) or learn(key)
        if how <= either:
            value = lower if how == lower_column or (how == either and lower is not None) else upper
            if value is None:
                value = nan
        elif how == text:
            value = nan
        elif how == ignore:
            ignored += key == EMPTY
            continue
        else:  # unit differs, or no guarantee in the scheme's direction
            notes.setdefault((pk, wanted), NOTES[how])
            continue
        before = values.get(wanted, _ABSENT)
        if before is _ABSENT:
            values[wanted] = value
        elif value != value or (before == before and (value < before if higher else value > before)):
            values[wanted] = value  # a second row of the indicator: the worse guarantee (text is worse than any)
    return indicators, declarations, notes, rows - ignored


EMPTY = SEPARATOR * 2  # the key of a declaration without indicator rows
_ABSENT = object()
NOTES = {int(Take.UNIT_DIFFERS): MappingReason.UNIT_DIFFERS.value,
         int(Take.NO_GUARANTEE): MappingReason.NO_GUARANTEE.value}
MISSING = math.inf  # in the digest, an indicator with no value (declared values are finite or NaN)


def inputs_digest(indicators: list[rules.Indicator], declarations: dict[int, dict[str, Any]]) -> str:
    """SHA-256 of: the canonical JSON of [rules, [[name, direction, key, requirement, thresholds]...]], then the
    declaration ids in increasing order as little-endian 64-bit integers, then per scheme indicator the value of
    each declaration in that order as little-endian IEEE 754 doubles (+inf: no value; NaN: not a number)."""
    scheme = [[i.name, str(i.direction), i.key, i.requirement,
               [str(v) for v in getattr(i.thresholds, "values", ()) or i.thresholds.shares]] for i in indicators]
    digest = hashlib.sha256(json.dumps([rules.RULES, scheme], separators=(",", ":"), ensure_ascii=False).encode())
    keys = sorted(declarations)
    rows = [declarations[key] for key in keys]
    for column in (array("q", keys), *(array("d", map(methodcaller("get", i.name, MISSING), rows))
                                       for i in indicators)):
        if sys.byteorder == "big":
            column.byteswap()
        digest.update(column.tobytes())
    return digest.hexdigest()


def _number(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float) and value != value:
        return "NaN"
    return float(value)


@transaction.atomic
def run_ranking(actor: Any, *, scheme: Scheme) -> RankingRun:
    """Rank now by the scheme as it is (copied into the run's snapshot); the run is stored whatever its outcome
    (ranked, all equal, none qualified)."""
    policy.require(actor, "leaders.rank", scheme)
    started = time.perf_counter()
    scheme = Scheme.objects.select_for_update().select_related("key_product").get(pk=scheme.pk)
    snapshot = snapshot_of(scheme)
    indicators, declarations, notes, count = collect(snapshot)
    result = rules.tier_scheme(indicators, declarations)
    excluded = [[e.key, e.indicator, str(notes.get((e.key, e.indicator), e.reason)), _number(e.value)]
                for e in result.excluded]
    per_indicator = {name: {"status": str(t.status), "tiers": [
        {"tier": tier.number, "bound": _number(tier.bound), "count": len(tier.keys)} for tier in t.tiers]}
        for name, t in result.indicators.items()}
    run = RankingRun.objects.create(
        scheme=scheme, at=clock.now(), actor=user_or_none(actor), rules=rules.RULES, status=str(result.status),
        inputs_digest=inputs_digest(indicators, declarations), declarations=len(declarations), indicator_rows=count,
        tiers=[list(tier.keys) for tier in result.tiers], unranked=list(result.unranked), excluded=excluded,
        indicators=per_indicator, scheme_version=scheme.version, snapshot=snapshot,
        seconds=round(time.perf_counter() - started, 3))
    events.ranked(run, actor=actor)
    return run
