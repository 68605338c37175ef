"""What a ranking reads: the published declarations a key product covers, and their indicator rows, streamed.

A declaration is covered when it is published and, by the key product's match mode, its products' names contain
one of the keywords (case-insensitive) and/or it executes one of the standards (its undated number is listed,
so any edition counts). With only keywords or only standards, that one condition decides."""

from __future__ import annotations

from collections.abc import Iterator

from django.db import connections
from django.db.models import CharField, Exists, FloatField, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Cast, Concat

from biaozhun.declarations.models import Declaration, DeclarationProduct, DeclarationState

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


SEPARATOR = "\x1f"  # between name, unit and comparator in a row's key (a control character no name holds)


def declared_rows(declarations: QuerySet[Declaration]) -> Iterator[tuple]:
    """(declaration id, "name␟unit␟comparator", lower, upper) of every indicator row of the declarations, and
    (declaration id, "␟␟", None, None) for a declaration without any. One pass: the declarations joined to their
    indicators through the indicator's declaration index, read in batches through the database cursor (no model
    instances). The three texts come as one string (one object and one hash per row instead of three) and the
    numbers as the database's double precision (``CAST … AS REAL``), which the ranking compares."""
    rows = declarations.order_by().annotate(
        leaders_key=Concat("indicators__name", Value(SEPARATOR), "indicators__unit", Value(SEPARATOR),
                           "indicators__comparator", output_field=CharField()),
        leaders_lower=Cast("indicators__lower", FloatField()),
        leaders_upper=Cast("indicators__upper", FloatField()),
    ).values_list("pk", "leaders_key", "leaders_lower", "leaders_upper")
    sql, params = rows.query.get_compiler(using=rows.db).as_sql()
    with connections[rows.db].cursor() as cursor:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(FETCH):
            yield from batch
