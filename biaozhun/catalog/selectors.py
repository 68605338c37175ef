"""Reads of the catalogue that pages, the API and the import share."""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When

from biaozhun.accounts import policy
from biaozhun.reference.models import CcsCode, IcsCode
from biaozhun.reference.selectors import code_tables, industry_class_codes

from .models import RelationKind, Standard, StandardRelation, Status
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


def edition_of_series(*, viewer, undated: str) -> Standard | None:
    """What an undated number (GB/T 19001) means: the edition in force, else the newest."""
    in_force_first = Case(When(status=Status.CURRENT, then=Value(0)), default=Value(1), output_field=IntegerField())
    return (policy.visible("catalog.standards", viewer).filter(undated=undated)
            .order_by(in_force_first, "-year").first())


def edition_for_number(*, viewer, text: str) -> Standard | None:
    """The edition a person means by a number as typed ("gb/t19001", "GB/T 19001-2016"): that edition, or for an
    undated number the edition in force. Raises IdentifierError (with a message for the reader through
    catalog.identifier_messages) when the text is not a standard number."""
    from biaozhun.identifiers import parse

    text = text.strip()
    standard = standard_by_identifier(viewer=viewer, identifier=text) if text else None
    if standard is not None:
        return standard
    ident = parse(text, code_tables())
    if ident.year is None:
        return edition_of_series(viewer=viewer, undated=ident.undated)
    return standard_by_identifier(viewer=viewer, identifier=ident.canonical)


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
