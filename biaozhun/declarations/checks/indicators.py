"""Indicators weaker than a limit of a national standard: a mandatory one whose scope covers the product
(BELOW_MANDATORY, law art. 21), or a recommended one the enterprise standard names as a reference (BELOW_RECOMMENDED).
The comparison itself is pure (biaozhun/rules/indicator_limits.py)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from biaozhun.identifiers import IdentifierError, parse
from biaozhun.rules.declaration_checks import CheckCode, finding
from biaozhun.rules.indicator_limits import Binding, Declared, in_scope, normalise_name, weaker

from .context import CheckContext, LimitRow
from .drafts import Draft, IndicatorDraft

_SIGNS = {"eq": "=", "ge": "≥", "le": "≤"}


def _plain(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return text


def declared_text(indicator: IndicatorDraft) -> str:
    """≤ 50 mg/kg, 2~5 mg/L, = 3 %: the declared value as the messages quote it."""
    unit = f" {indicator.unit}" if indicator.unit else ""
    if indicator.comparator == "range":
        return f"{_plain(indicator.lower)}~{_plain(indicator.upper)}{unit}"
    if indicator.comparator == "text":
        return indicator.text
    value = indicator.lower if indicator.comparator in ("eq", "ge") else indicator.upper
    return f"{_SIGNS[indicator.comparator]} {_plain(value)}{unit}"


def limit_text(row: LimitRow) -> str:
    unit = f" {row.limit.unit}" if row.limit.unit else ""
    return f"{_SIGNS[row.limit.kind.value]} {_plain(row.limit.value)}{unit}"


def _references(draft: Draft) -> set[str]:
    undated = set()
    for number in draft.reference_standards:
        try:
            undated.add(parse(number).undated)
        except IdentifierError:
            continue
    return undated


def indicator_limits(draft: Draft, context: CheckContext) -> list[dict[str, Any]]:
    if not draft.indicators or not context.limits:
        return []
    texts = [*draft.product_names, draft.title]
    references = _references(draft)
    found = []
    for indicator in draft.indicators:
        rows = context.limits.get(normalise_name(indicator.name))
        if not rows:
            continue
        declared = Declared(Binding(indicator.comparator), indicator.lower, indicator.upper, indicator.unit)
        for row in rows:
            if row.mandatory:
                applies, code = in_scope(row.keywords, texts), CheckCode.BELOW_MANDATORY
            else:
                applies, code = row.undated in references, CheckCode.BELOW_RECOMMENDED
            if applies and weaker(declared, row.limit):
                found.append(finding(code, position=indicator.position, indicator=indicator.name,
                                     declared=declared_text(indicator), limit=limit_text(row),
                                     standard=row.standard, clause=row.clause, verified=row.verified,
                                     limit_id=row.id))
    return found
