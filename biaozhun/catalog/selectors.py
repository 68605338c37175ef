"""Reads of the catalogue that pages, the API and the import share."""

from __future__ import annotations

from django.db.models import QuerySet

from biaozhun.accounts import policy
from biaozhun.reference.models import CcsCode, IcsCode
from biaozhun.reference.selectors import code_tables, industry_class_codes

from .models import RelationKind, Standard, StandardRelation
from .records import RecordCleaner


def record_cleaner() -> RecordCleaner:
    return RecordCleaner(
        tables=code_tables(),
        ccs_codes=set(CcsCode.objects.filter(level=3).values_list("code", flat=True)),
        ics_codes=set(IcsCode.objects.values_list("code", flat=True)),
        industry_classes=industry_class_codes(),
    )


def standard_by_identifier(*, viewer, identifier: str) -> Standard | None:
    """The edition with this canonical number; a double number's edition is also found by its own number."""
    if "\x00" in identifier:  # no number contains NUL, and PostgreSQL refuses it in a query
        return None
    standards = policy.visible("catalog.standards", viewer)
    return standards.filter(identifier=identifier).first() or standards.filter(edition=identifier).first()


def editions_of(standard: Standard) -> QuerySet[Standard]:
    """Every edition of the same number, newest first."""
    return Standard.objects.filter(undated=standard.undated).order_by("-year", "-id")


def replacement_chain(standard: Standard, *, limit: int = 20) -> tuple[list[Standard], list[Standard]]:
    """(older editions this one replaced, newest last; newer editions that replaced it, oldest first)."""
    older: list[Standard] = []
    current = standard
    seen = {standard.pk}
    while len(older) < limit:
        rel = (
            StandardRelation.objects.filter(source=current, kind=RelationKind.REPLACES, target__isnull=False, partial=False)
            .select_related("target")
            .first()
        )
        if rel is None or rel.target_id in seen:
            break
        seen.add(rel.target_id)
        older.insert(0, rel.target)
        current = rel.target
    newer: list[Standard] = []
    current = standard
    while len(newer) < limit:
        rel = (
            StandardRelation.objects.filter(target=current, kind=RelationKind.REPLACES, partial=False)
            .select_related("source")
            .first()
        )
        if rel is None or rel.source_id in seen:
            break
        seen.add(rel.source_id)
        newer.append(rel.source)
        current = rel.source
    return older, newer
