"""The names and units enterprises declared among the declarations a scheme's key product covers, each with how
many rows use it and which scheme indicator it maps to now (mapping.py), so the administration sees which names
to add as other names of an indicator before it ranks."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from biaozhun.declarations.models import Indicator

from ..mapping import Matcher
from ..models import Scheme
from .ranking import matching_declarations

MAX_NAMES = 200


@dataclass(frozen=True)
class DeclaredName:
    name: str
    unit: str
    rows: int
    indicator: str  # the scheme indicator it maps to, or ""
    unit_matches: bool


def declared_names(*, scheme: Scheme, limit: int = MAX_NAMES) -> list[DeclaredName]:
    """The most used (name, unit) pairs first (one grouped query), at most `limit`."""
    indicators = list(scheme.indicators.all())
    match = Matcher([(i.name, i.unit, i.aliases) for i in indicators]).match
    rows = (Indicator.objects.filter(declaration__in=matching_declarations(scheme.key_product).values("pk"))
            .values("name", "unit").annotate(rows=Count("id")).order_by("-rows", "name", "unit")[:limit])
    found = []
    for row in rows:
        index, unit_matches = match(row["name"], row["unit"])
        found.append(DeclaredName(row["name"], row["unit"], row["rows"],
                                  str(indicators[index]) if index is not None else "", unit_matches))
    return found
