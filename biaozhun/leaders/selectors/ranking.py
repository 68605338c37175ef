"""What a ranking reads: the published declarations a key product covers, and their indicator rows, streamed.

A declaration is covered when it is published and, by the key product's match mode, its products' names contain
one of the keywords (case-insensitive) and/or it executes one of the standards (its undated number is listed,
so any edition counts). With only keywords or only standards, that one condition decides."""

from __future__ import annotations

from collections.abc import Iterator

from django.db import connections
from django.db.models import Exists, OuterRef, Q, QuerySet

from biaozhun.declarations.models import Declaration, DeclarationProduct, DeclarationState, Indicator

from ..models import KeyProduct, MatchMode

FETCH = 20_000  # rows per round trip


def matching_declarations(product: KeyProduct) -> QuerySet[Declaration]:
    conditions = []
    if product.keywords:
        names = Q()
        for word in product.keywords:
            names |= Q(product__name__icontains=word)
        conditions.append(Exists(DeclarationProduct.objects.filter(names, declaration=OuterRef("pk"))))
    if product.standards:
        conditions.append(Q(undated__in=product.standards))
    declarations = Declaration.objects.filter(state=DeclarationState.PUBLISHED)
    if not conditions:
        return declarations.none()
    combined = conditions[0]
    for condition in conditions[1:]:
        combined = (combined & condition) if product.match == MatchMode.ALL else (combined | condition)
    return declarations.filter(combined)


def declared_rows(declarations: QuerySet[Declaration]) -> Iterator[tuple]:
    """(declaration id, name, unit, comparator, lower, upper) of every indicator row of the declarations, read in
    batches through the database cursor (no model instances, no decimal conversion: SQLite gives floats,
    PostgreSQL decimals)."""
    rows = Indicator.objects.filter(declaration__in=declarations.values("pk")).order_by().values_list(
        "declaration_id", "name", "unit", "comparator", "lower", "upper")
    sql, params = rows.query.get_compiler(using=rows.db).as_sql()
    with connections[rows.db].cursor() as cursor:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(FETCH):
            yield from batch
