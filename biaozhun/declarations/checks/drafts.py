"""What the checks read: a declaration as submitted (a form, the API, a row of a bulk file), before anything is
stored. Building drafts needs no database; `indicator_drafts` turns raw indicator rows into typed ones and reports
the rows it cannot read."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from biaozhun.rules.declaration_checks import CheckCode, finding

from ..models import Comparator, IndicatorCategory

MAX_INDICATORS = 200
COMPARATORS = frozenset(Comparator.values)
CATEGORIES = frozenset(IndicatorCategory.values)
# The codes as plain text, read once (a bulk file checks hundreds of thousands of rows; an enum member is looked up
# on each access).
_EQUAL, _AT_LEAST, _AT_MOST, _RANGE, _TEXT = (c.value for c in (Comparator.EQUAL, Comparator.AT_LEAST,
                                                                Comparator.AT_MOST, Comparator.RANGE, Comparator.TEXT))
_PERFORMANCE = IndicatorCategory.PERFORMANCE.value


@dataclass(slots=True)
class IndicatorDraft:
    position: int
    name: str
    unit: str = ""
    comparator: str = Comparator.AT_MOST
    lower: Decimal | None = None
    upper: Decimal | None = None
    text: str = ""
    test_method: str = ""
    category: str = IndicatorCategory.PERFORMANCE

    def as_dict(self) -> dict[str, Any]:
        return {"position": self.position, "name": self.name, "unit": self.unit, "comparator": self.comparator,
                "lower": None if self.lower is None else str(self.lower),
                "upper": None if self.upper is None else str(self.upper), "text": self.text,
                "test_method": self.test_method, "category": self.category}


@dataclass(slots=True)
class Resolved:
    """The number as the checks understood it (filled by the numbering check)."""

    identifier: str
    undated: str
    tier: str
    standard_id: int | None = None
    title: str = ""
    lookup: Any = None  # the catalogue's answer (catalog.validity.CheckedLine) for a catalogue number


@dataclass(slots=True)
class Draft:
    source: str
    number: str
    title: str = ""
    enterprise_codes: frozenset[str] = frozenset()  # the codes its Q/ numbers may carry (upper case)
    product_names: list[str] = field(default_factory=list)
    product_count: int = 0
    indicators: list[IndicatorDraft] = field(default_factory=list)
    has_text: bool = False
    reference_standards: list[str] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)  # findings made while building the draft
    resolved: Resolved | None = None
    line: int | None = None


def _decimal(value: Any) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = Decimal(str(value).strip().replace("，", "").replace(",", ""))
    except InvalidOperation:
        raise ValueError(value) from None
    if not number.is_finite():
        raise ValueError(value)
    return number


def indicator_drafts(rows: list[dict[str, Any]]) -> tuple[list[IndicatorDraft], list[dict[str, Any]]]:
    """Typed indicator rows (blank rows dropped, positions from 1) and the findings of rows that cannot be read,
    each naming its field as ``indicators[<n>].<name>`` (n counted from 1 as the person sees the table)."""
    drafts: list[IndicatorDraft] = []
    problems: list[dict[str, Any]] = []
    kept = [row for row in rows if any(str(v or "").strip() for k, v in row.items() if k != "category")]
    if len(kept) > MAX_INDICATORS:
        problems.append(finding(CheckCode.MISSING_FIELD, field="indicators", problem="too_many",
                                limit=MAX_INDICATORS))
        kept = kept[:MAX_INDICATORS]
    for position, row in enumerate(kept, 1):
        where = f"indicators[{position}]"
        name = " ".join(str(row.get("name") or "").split())
        comparator = str(row.get("comparator") or "").strip() or _AT_MOST
        category = str(row.get("category") or "").strip() or _PERFORMANCE
        draft = IndicatorDraft(position=position, name=name[:200], unit=str(row.get("unit") or "").strip()[:40],
                               text=str(row.get("text") or "").strip()[:500],
                               test_method=str(row.get("test_method") or "").strip()[:300])
        if not name:
            problems.append(finding(CheckCode.MISSING_FIELD, field=f"{where}.name", problem="required"))
        if comparator not in COMPARATORS:
            problems.append(finding(CheckCode.MISSING_FIELD, field=f"{where}.comparator", problem="choice"))
        else:
            draft.comparator = comparator
        if category not in CATEGORIES:
            problems.append(finding(CheckCode.MISSING_FIELD, field=f"{where}.category", problem="choice"))
        else:
            draft.category = category
        for bound in ("lower", "upper"):
            try:
                setattr(draft, bound, _decimal(row.get(bound)))
            except ValueError:
                problems.append(finding(CheckCode.MISSING_FIELD, field=f"{where}.{bound}", problem="not_a_number"))
        problems += _value_problems(draft, where)
        drafts.append(draft)
    return drafts, problems


def _value_problems(draft: IndicatorDraft, where: str) -> list[dict[str, Any]]:
    """The bounds a comparator needs (eq: one value; ge: lower; le: upper; range: both, lower ≤ upper; text: words)."""
    c = draft.comparator
    if c == _EQUAL:
        if draft.lower is None and draft.upper is None:
            return [finding(CheckCode.MISSING_FIELD, field=f"{where}.lower", problem="value_required")]
        value = draft.lower if draft.lower is not None else draft.upper
        draft.lower = draft.upper = value
    elif c == _AT_LEAST:
        if draft.lower is None:
            return [finding(CheckCode.MISSING_FIELD, field=f"{where}.lower", problem="value_required")]
        draft.upper = None
    elif c == _AT_MOST:
        if draft.upper is None:
            if draft.lower is None:
                return [finding(CheckCode.MISSING_FIELD, field=f"{where}.upper", problem="value_required")]
            draft.upper, draft.lower = draft.lower, None  # one number typed in the first box
        else:
            draft.lower = None
    elif c == _RANGE:
        if draft.lower is None or draft.upper is None:
            return [finding(CheckCode.MISSING_FIELD, field=f"{where}.upper", problem="range_required")]
        if draft.lower > draft.upper:
            return [finding(CheckCode.MISSING_FIELD, field=f"{where}.upper", problem="range_order")]
    elif c == _TEXT and not draft.text:
        return [finding(CheckCode.MISSING_FIELD, field=f"{where}.text", problem="text_required")]
    return []
