"""A ranking run: read the declared indicators of the declarations a key product covers, map them to the scheme's
indicators (mapping.py), tier them with rules.leaders.tier_scheme and store what was read and found.

The inputs digest is the SHA-256 of the canonical JSON of [rules, the scheme's indicators as ranked (name,
direction, thresholds, requirement, key), [[declaration id, [value per scheme indicator]]...] by id], values as the
ranking compared them (null: not declared or no guarantee; NaN: not a number). Two runs over unchanged declarations
have the same digest."""

from __future__ import annotations

import hashlib
import json
import time
from typing import Any

from django.db import transaction

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.core.actors import user_or_none
from biaozhun.rules import leaders as rules

from ..mapping import MappingReason, Matcher, guaranteed
from ..models import RankingRun, Scheme
from ..schemes import rule_indicator
from ..selectors.ranking import declared_rows, matching_declarations
from . import events


def collect(scheme: Scheme) -> tuple[list[rules.Indicator], dict[int, dict[str, Any]], dict[tuple[int, str], str], int]:
    """(the rules' indicators, declaration id → {indicator name → value}, (declaration id, indicator) → the mapping's
    own reason for a missing value, rows read)."""
    stored = list(scheme.indicators.all())
    indicators = [rule_indicator(row) for row in stored]
    names = [row.name for row in stored]
    directions = [indicator.direction for indicator in indicators]
    worse = [(lambda a, b: a < b) if d is rules.Direction.HIGHER else (lambda a, b: a > b) for d in directions]
    matcher = Matcher([(row.name, row.unit) for row in stored]).match
    declarations: dict[int, dict[str, Any]] = {
        pk: {} for pk in matching_declarations(scheme.key_product).values_list("pk", flat=True).iterator(10_000)}
    notes: dict[tuple[int, str], str] = {}
    count = 0
    for declaration, name, unit, comparator, lower, upper in declared_rows(
            matching_declarations(scheme.key_product)):
        count += 1
        index, same_unit = matcher(name, unit)
        if index is None:
            continue
        wanted = names[index]
        if not same_unit:
            notes.setdefault((declaration, wanted), MappingReason.UNIT_DIFFERS)
            continue
        value = guaranteed(comparator, lower, upper, directions[index])
        if value is None:
            notes.setdefault((declaration, wanted), MappingReason.NO_GUARANTEE)
            continue
        values = declarations[declaration]
        before = values.get(wanted)
        if before is None or worse[index](value, before) or value != value:  # NaN (text) wins: it cannot rank
            values[wanted] = value
    return indicators, declarations, notes, count


def inputs_digest(indicators: list[rules.Indicator], declarations: dict[int, dict[str, Any]]) -> str:
    names = [indicator.name for indicator in indicators]
    scheme = [[i.name, str(i.direction), i.key, i.requirement,
               [str(v) for v in getattr(i.thresholds, "values", ()) or i.thresholds.shares]] for i in indicators]
    values = [[pk, [declarations[pk].get(name) for name in names]] for pk in sorted(declarations)]
    text = json.dumps([rules.RULES, scheme, values], separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _number(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float) and value != value:
        return "NaN"
    return float(value)


@transaction.atomic
def run_ranking(actor: Any, *, scheme: Scheme) -> RankingRun:
    """Rank now; the run is stored whatever its outcome (ranked, all equal, none qualified)."""
    policy.require(actor, "leaders.rank", scheme)
    started = time.perf_counter()
    indicators, declarations, notes, count = collect(scheme)
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
        indicators=per_indicator, seconds=round(time.perf_counter() - started, 3))
    events.ranked(run, actor=actor)
    return run
