"""A Standard as a record of the interchange format (docs/catalog-jsonl.md), for export and for edits."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from .models import Amendment, RelationKind, Standard, StandardRelation

EXPORT_FIELDS = (
    "identifier", "title_zh", "title_en", "scope", "ccs", "ics", "issued_by", "competent_department",
    "responsible_unit", "tc_code", "published_on", "implemented_on", "abolished_on", "confirmed_on",
    "replaces", "adopts", "references", "amendments", "language_versions", "drafting_units", "drafters", "status",
    "status_since",
)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def records_for(standards: Iterable[Standard]) -> Iterator[dict[str, Any]]:
    """Records for a chunk of standards, with their relations and amendments fetched in two queries."""
    standards = list(standards)
    ids = [s.pk for s in standards]
    relations: dict[int, list[StandardRelation]] = defaultdict(list)
    for rel in StandardRelation.objects.filter(source_id__in=ids).order_by("id"):
        relations[rel.source_id].append(rel)
    amendments: dict[int, list[Amendment]] = defaultdict(list)
    for amendment in Amendment.objects.filter(standard_id__in=ids).order_by("number"):
        amendments[amendment.standard_id].append(amendment)
    for standard in standards:
        yield record_of(standard, relations.get(standard.pk, []), amendments.get(standard.pk, []))


def record_of(standard: Standard, relations: list[StandardRelation], amendments: list[Amendment]) -> dict[str, Any]:
    replaces, adopts, references = [], [], []
    for rel in relations:
        if rel.kind == RelationKind.REPLACES:
            replaces.append({"identifier": rel.target_identifier, "partial": True} if rel.partial else rel.target_identifier)
        elif rel.kind == RelationKind.ADOPTS:
            adopts.append({"identifier": rel.target_identifier, "degree": rel.degree})
        else:
            references.append(rel.target_identifier)
    return {
        "identifier": standard.identifier,
        "title_zh": standard.title_zh,
        "title_en": standard.title_en,
        "scope": standard.scope,
        "ccs": standard.ccs_id,
        "ics": list(standard.ics_codes),
        "issued_by": list(standard.issued_by),
        "competent_department": standard.competent_department,
        "responsible_unit": standard.responsible_unit,
        "tc_code": standard.tc_code,
        "published_on": _iso(standard.published_on),
        "implemented_on": _iso(standard.implemented_on),
        "abolished_on": _iso(standard.abolished_on),
        "confirmed_on": _iso(standard.confirmed_on),
        "replaces": replaces,
        "adopts": adopts,
        "references": references,
        "amendments": [
            {
                "number": a.number,
                "published_on": _iso(a.published_on),
                "implemented_on": _iso(a.implemented_on),
                "summary": a.summary,
            }
            for a in amendments
        ],
        "language_versions": list(standard.language_versions),
        "drafting_units": list(standard.drafting_units),
        "drafters": list(standard.drafters),
        "status": standard.status,
        "status_since": _iso(standard.status_since),
    }
