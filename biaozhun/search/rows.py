"""Read standards from the catalogue as plain rows for the index, in batches (any database Django uses).

Besides the Standard columns a row has `degrees` (the adoption degrees of its `adopts` relations),
`has_full_text` (a FullText file exists) and `tags` (the codes of its programme tags, systems app; setting them
writes a catalogue `updated` event too). Attaching a full text or a relation writes a StandardEvent, so the
event-driven sync (search.feed) reindexes the standard and both stay current."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from biaozhun.catalog.models import FullText, RelationKind, Standard, StandardRelation

ROW_FIELDS = (
    "id", "identifier", "sort_key", "tier", "nature", "industry_code", "region_code", "tc_code", "year",
    "title_zh", "title_en", "ccs_id", "ics_codes", "status", "published_on", "implemented_on",
    "responsible_unit", "competent_department", "drafting_units", "scope",
)


def degrees_of(standard_ids: Iterable[int]) -> dict[int, list[str]]:
    """Adoption degrees (IDT/MOD/NEQ) of each standard's `adopts` relations."""
    out: dict[int, list[str]] = defaultdict(list)
    ids = list(standard_ids)
    for start in range(0, len(ids), 900):  # SQLite's bound-parameter limit
        relations = StandardRelation.objects.filter(
            source_id__in=ids[start : start + 900], kind=RelationKind.ADOPTS
        ).exclude(degree="")
        for source_id, degree in relations.values_list("source_id", "degree"):
            if degree not in out[source_id]:
                out[source_id].append(degree)
    return out


def _degrees_in_range(first_id: int, last_id: int) -> dict[int, list[str]]:
    out: dict[int, list[str]] = defaultdict(list)
    relations = StandardRelation.objects.filter(
        source_id__gte=first_id, source_id__lte=last_id, kind=RelationKind.ADOPTS
    ).exclude(degree="")
    for source_id, degree in relations.values_list("source_id", "degree"):
        if degree not in out[source_id]:
            out[source_id].append(degree)
    return out


def _full_text_ids(rows: list[dict[str, Any]], *, id_range: bool) -> set[int]:
    """Ids among `rows` that have a full text."""
    if id_range:
        texts = FullText.objects.filter(standard_id__gte=rows[0]["id"], standard_id__lte=rows[-1]["id"])
        return set(texts.values_list("standard_id", flat=True))
    ids = [row["id"] for row in rows]
    out: set[int] = set()
    for start in range(0, len(ids), 900):
        out.update(FullText.objects.filter(standard_id__in=ids[start : start + 900]).values_list("standard_id", flat=True))
    return out


def _tags(rows: list[dict[str, Any]], *, id_range: bool) -> dict[int, list[str]]:
    """The programme tag codes of the rows' standards (few standards have any)."""
    tagged = Standard.objects.filter(programme_tag_links__isnull=False).order_by()
    if id_range:
        batches = [tagged.filter(id__gte=rows[0]["id"], id__lte=rows[-1]["id"])]
    else:
        ids = [row["id"] for row in rows]
        batches = [tagged.filter(id__in=ids[start : start + 900]) for start in range(0, len(ids), 900)]
    out: dict[int, list[str]] = defaultdict(list)
    for batch in batches:
        for standard_id, code in batch.values_list("id", "programme_tag_links__tag__code"):
            out[standard_id].append(code)
    return out


def _with_degrees(rows: list[dict[str, Any]], *, id_range: bool = False) -> list[dict[str, Any]]:
    """Adds `degrees`, `has_full_text` and `tags` to each row."""
    if not rows:
        return rows
    degrees = _degrees_in_range(rows[0]["id"], rows[-1]["id"]) if id_range else degrees_of(row["id"] for row in rows)
    full_texts = _full_text_ids(rows, id_range=id_range)
    tags = _tags(rows, id_range=id_range)
    for row in rows:
        row["degrees"] = degrees.get(row["id"], [])
        row["has_full_text"] = row["id"] in full_texts
        row["tags"] = sorted(tags.get(row["id"], []))
    return rows


def rows_for_ids(standard_ids: Iterable[int]) -> list[dict[str, Any]]:
    ids = list(standard_ids)
    rows: list[dict[str, Any]] = []
    for start in range(0, len(ids), 900):
        rows += Standard.objects.filter(id__in=ids[start : start + 900]).order_by().values(*ROW_FIELDS)
    return _with_degrees(rows)


def row_from_standard(standard: Standard) -> dict[str, Any]:
    row = {name: getattr(standard, name) for name in ROW_FIELDS}
    return _with_degrees([row])[0]


def iter_row_batches(batch_size: int = 5000) -> Iterator[list[dict[str, Any]]]:
    """Every standard in id order, `batch_size` rows at a time (keyset pagination: constant cost per batch)."""
    last_id = 0
    while True:
        rows = list(Standard.objects.filter(id__gt=last_id).order_by("id").values(*ROW_FIELDS)[:batch_size])
        if not rows:
            return
        last_id = rows[-1]["id"]
        yield _with_degrees(rows, id_range=True)
