"""What a ranking reads: the published declarations a key product covers, and their indicator rows, streamed.

A declaration is covered when it is published and, by the key product's match mode, one of its products' names
contains one of the keywords (case-insensitive), one of its products' codes starts with one of the code prefixes
(a code range or category), and/or it executes one of the standards (its undated number is listed, so any edition
counts). Conditions left empty take no part; with one condition given, that one decides."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from django.db import connections
from django.db.models import CharField, Exists, FloatField, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Cast, Concat

from biaozhun.declarations.models import Declaration, DeclarationProduct, DeclarationState

from ..models import KeyProduct, MatchMode

FETCH = 20_000  # rows per round trip


def matching_declarations(product: KeyProduct | Mapping[str, Any]) -> QuerySet[Declaration]:
    """The declarations a key product covers: the product itself, or its matching as a run's snapshot holds it
    ({"keywords", "standards", "product_codes", "match"})."""
    def field(name: str) -> Any:
        return product.get(name) if isinstance(product, Mapping) else getattr(product, name)

    keywords, standards, codes = field("keywords") or [], field("standards") or [], field("product_codes") or []
    conditions = []
    if keywords:
        names = Q()
        for word in keywords:
            names |= Q(product__name__icontains=word)
        conditions.append(Exists(DeclarationProduct.objects.filter(names, declaration=OuterRef("pk"))))
    if codes:
        prefixes = Q()
        for code in codes:
            prefixes |= Q(product__code__istartswith=code)
        conditions.append(Exists(DeclarationProduct.objects.filter(prefixes, declaration=OuterRef("pk"))))
    if standards:
        conditions.append(Q(undated__in=standards))
    declarations = Declaration.objects.filter(state=DeclarationState.PUBLISHED)
    if not conditions:
        return declarations.none()
    combined = conditions[0]
    for condition in conditions[1:]:
        combined = (combined & condition) if field("match") == MatchMode.ALL else (combined | condition)
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
