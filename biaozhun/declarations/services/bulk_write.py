"""Writing one batch of a bulk declaration file (services/bulk.py validated every row first): each declaration with
its products, indicators, first version and event, and its search document, in the caller's transaction.

Built for speed (docs/benchmarks.md, "Declarations: bulk import"), the rows are what `declare_standard` writes for
the same declaration (tests/declarations/test_bulk_equivalence.py compares them), written without model instances:
- products are looked up by their exact (enterprise, name, model) key, and the missing ones inserted with
  RETURNING (core/bulk.insert_returning), so no batch reads back products it does not name;
- declarations are inserted with RETURNING (id, enterprise, number): no second read for their ids;
- each JSON value is encoded once, as text: a declaration's checks serve both its row and its version, a
  product's entry in the version snapshot is encoded once per batch however many declarations list it;
- search documents are made from the values in hand (search/tokens.py, as search/sync.py makes them from the
  rows) and inserted in the same transaction: they commit with the declarations they describe."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection

from biaozhun.core.bulk import insert_returning, insert_rows, select_keys
from biaozhun.rules.declaration_checks import has_warning

from ..checks import stored
from ..models import (
    Declaration,
    DeclarationEvent,
    DeclarationEventKind,
    DeclarationProduct,
    DeclarationState,
    DeclarationVersion,
    EnterpriseProfile,
    Indicator,
    Product,
    StandardSource,
)
from ..search import index as search_index
from ..search.tokens import document

_encode: Callable[[Any], str] = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

DECLARATION_COLUMNS = ["enterprise_id", "region_code", "source", "tier", "identifier", "undated", "title",
                       "standard_id", "fulltext", "fulltext_sha256", "reference_standards", "state", "version",
                       "declared_at", "updated_at", "withdrawn_at", "checks", "flagged"]
INDICATOR_COLUMNS = ["declaration_id", "position", "name", "unit", "comparator", "lower", "upper", "text",
                     "test_method", "category"]
ProductKey = tuple[int, str, str]  # (enterprise id, name, model) as stored (cut to the columns' lengths)


@dataclass(slots=True)
class StoredProduct:
    id: int
    name: str
    model: str
    code: str
    snapshot: str = ""  # its entry in a version's product list, encoded once

    def entry(self) -> str:
        if not self.snapshot:
            self.snapshot = _encode({"id": self.id, "name": self.name, "model": self.model, "code": self.code})
        return self.snapshot


def product_key(enterprise_id: int, record: Any) -> ProductKey:
    return enterprise_id, record.product_name[:200], record.product_model[:200]


def _products(groups: Sequence[Any], now: Any) -> dict[ProductKey, StoredProduct]:
    """The batch's products by key: those the enterprises have, and the others created (with the file's code)."""
    wanted: dict[ProductKey, str] = {}
    for group in groups:
        enterprise_id = group.enterprise.pk
        for record in group.records:
            wanted.setdefault(product_key(enterprise_id, record), record.product_code[:50])
    found = {(e, n, m): StoredProduct(pk, n, m, c) for pk, e, n, m, c in select_keys(
        Product, ["enterprise_id", "name", "model"], list(wanted), ["id", "enterprise_id", "name", "model", "code"])}
    new = [(e, n, m, code, now) for (e, n, m), code in wanted.items() if (e, n, m) not in found]
    if new:
        made = insert_returning(Product, ["enterprise_id", "name", "model", "code", "created_at"], new,
                                ["id", "enterprise_id", "name", "model", "code"], adapted=("created_at",))
        found.update({(e, n, m): StoredProduct(pk, n, m, c) for pk, e, n, m, c in made})
    return found


def _declaration_row(group: Any, region: str, now: Any) -> tuple[tuple, str, str]:
    """The declaration's row (checks and reference standards as JSON text) and those two texts."""
    draft, resolved = group.draft, group.draft.resolved
    checks = stored(group.findings)
    checks_text = _encode(checks)
    references = draft.reference_standards if draft.source == StandardSource.ENTERPRISE else []
    references_text = _encode(references)
    row = (group.enterprise.pk, region, draft.source, resolved.tier, resolved.identifier, resolved.undated,
           (resolved.title or draft.title)[:500], resolved.standard_id, "", "", references_text,
           DeclarationState.PUBLISHED.value, 1, now, now, None, checks_text, has_warning(checks))
    return row, checks_text, references_text


def _snapshot(row: tuple, products: list[StoredProduct], indicators_text: str, references_text: str,
              checks_text: str) -> str:
    """The version's content as `declaring.content_of` makes it, written as JSON text."""
    head = _encode({"source": row[2], "tier": row[3], "identifier": row[4], "title": row[6], "standard": row[7],
                    "region_code": row[1]})
    return (head[:-1] + ',"products":[' + ",".join(p.entry() for p in products) + '],"indicators":'
            + indicators_text + ',"reference_standards":' + references_text + ',"fulltext_sha256":"","checks":'
            + checks_text + "}")


def write_batch(*, groups: Sequence[Any], user_id: int | None, now: Any, event_data: dict[str, Any]) -> list[int]:
    """Write the groups' declarations (see the module's text); returns their ids. The caller holds the
    transaction (and with it, on SQLite, the write lock)."""
    now = connection.ops.adapt_datetimefield_value(now)  # once, for every row (passed as adapted)
    enterprise_ids = {g.enterprise.pk for g in groups}
    regions = dict(EnterpriseProfile.objects.filter(organisation__in=enterprise_ids)
                   .values_list("organisation_id", "region_code"))
    products = _products(groups, now)
    rows, texts = [], []
    for group in groups:
        row, checks_text, references_text = _declaration_row(group, regions[group.enterprise.pk], now)
        rows.append(row)
        texts.append((checks_text, references_text))
    made = {(e, i): pk for pk, e, i in insert_returning(
        Declaration, DECLARATION_COLUMNS, rows, ["id", "enterprise_id", "identifier"],
        adapted=("checks", "reference_standards", "declared_at", "updated_at"))}
    ids, links, indicators, versions, events, documents = [], [], [], [], [], []
    kind, data_text = DeclarationEventKind.DECLARED.value, _encode(event_data)
    for group, row, (checks_text, references_text) in zip(groups, rows, texts, strict=True):
        pk = made[(row[0], row[4])]
        ids.append(pk)
        own: dict[int, StoredProduct] = {}
        for record in group.records:
            product = products[product_key(row[0], record)]
            own.setdefault(product.id, product)
        listed = sorted(own.values(), key=lambda p: (p.name, p.model, p.id))  # as declare_standard lists them
        links += [(pk, product_id) for product_id in own]
        drafts = group.draft.indicators
        indicators += [(pk, i.position, i.name, i.unit, i.comparator, i.lower, i.upper, i.text, i.test_method,
                        i.category) for i in drafts]
        content = _snapshot(row, listed, _encode([i.as_dict() for i in drafts]), references_text, checks_text)
        versions.append((pk, 1, now, user_id, content))
        events.append((pk, kind, user_id, now, "", data_text))
        documents.append((pk, document(
            enterprise=group.enterprise.name, products=[(p.name, p.model) for p in sorted(own.values(),
                                                                                          key=lambda p: p.id)],
            identifier=row[4], title=row[6], region=row[1], flagged=row[17])))
    insert_rows(DeclarationProduct, ["declaration_id", "product_id"], links)
    insert_rows(Indicator, INDICATOR_COLUMNS, indicators)
    insert_rows(DeclarationVersion, ["declaration_id", "version", "at", "actor_id", "content"], versions,
                adapted=("at", "content"))
    insert_rows(DeclarationEvent, ["declaration_id", "kind", "actor_id", "at", "reason", "data"], events,
                adapted=("at", "data"))
    search_index.insert(documents)
    return ids
