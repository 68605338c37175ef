"""A Standard as a record of the interchange format (docs/catalog-jsonl.md), for export and for edits.

`public` records are what everyone may read (the API and its bulk export): they leave out what the rules keep
unpublished, the drafting organisations and drafters of a mandatory national standard (biaozhun/rules/drafters.py),
as absent keys rather than empty lists. Administrators' exports (manage.py catalog_export) and edits carry all."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from . import text_access
from .models import Amendment, RelationKind, Standard, StandardRelation

EXPORT_FIELDS = (
    "identifier", "title_zh", "title_en", "scope", "ccs", "ics", "issued_by", "competent_department",
    "responsible_unit", "tc_code", "published_on", "implemented_on", "abolished_on", "confirmed_on",
    "replaces", "adopts", "references", "converted_to", "amendments", "language_versions", "drafting_units",
    "drafters", "plan_number", "industry_classes", "remarks", "status", "status_since", "text_access",
    "text_access_reason",
)
WITHHELD_FIELDS = ("drafting_units", "drafters")


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def records_for(standards: Iterable[Standard], *, public: bool = False) -> Iterator[dict[str, Any]]:
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
        record = record_of(standard, relations.get(standard.pk, []), amendments.get(standard.pk, []))
        if public and not text_access.drafters_public(standard):
            for name in WITHHELD_FIELDS:
                del record[name]
        yield record


def record_of(standard: Standard, relations: list[StandardRelation], amendments: list[Amendment]) -> dict[str, Any]:
    replaces, adopts, references, converted_to = [], [], [], []
    for rel in relations:
        if rel.kind == RelationKind.REPLACES:
            replaces.append({"identifier": rel.target_identifier, "partial": True} if rel.partial else rel.target_identifier)
        elif rel.kind == RelationKind.ADOPTS:
            adopts.append({"identifier": rel.target_identifier, "degree": rel.degree})
        elif rel.kind == RelationKind.CONVERTED_TO:
            converted_to.append(rel.target_identifier)
        else:
            references.append(rel.target_identifier)
    offer = text_access.offer(standard, relations=relations)
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
        "converted_to": converted_to,
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
        "plan_number": standard.plan_number,
        "industry_classes": list(standard.industry_classes),
        "remarks": standard.remarks,
        "status": standard.status,
        "status_since": _iso(standard.status_since),
        "text_access": offer.access.value,
        "text_access_reason": offer.decision.reason.value,
    }
