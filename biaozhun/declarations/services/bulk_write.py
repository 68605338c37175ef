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
from json.encoder import encode_basestring
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
_string: Callable[[str], str] = encode_basestring  # one JSON string literal (C), for values known to be text
_EMPTY = "[]"

DECLARATION_COLUMNS = ["enterprise_id", "region_code", "source", "tier", "identifier", "undated", "title",
                       "standard_id", "fulltext", "fulltext_sha256", "reference_standards", "state", "version",
                       "declared_at", "updated_at", "withdrawn_at", "checks", "flagged"]
INDICATOR_COLUMNS = ["declaration_id", "position", "name", "unit", "comparator", "lower", "upper", "text",
                     "test_method", "category"]
_ENTERPRISE, _PUBLISHED = StandardSource.ENTERPRISE.value, DeclarationState.PUBLISHED.value
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
            self.snapshot = (f'{{"id":{self.id},"name":{_string(self.name)},"model":{_string(self.model)},'
                             f'"code":{_string(self.code)}}}')
        return self.snapshot


def _keys(groups: Sequence[Any]) -> list[list[ProductKey]]:
    """Each group's product keys, row by row (as stored: cut to the columns' lengths)."""
    keys = []
    for group in groups:
        enterprise_id = group.enterprise.pk
        keys.append([(enterprise_id, r.product_name[:200], r.product_model[:200]) for r in group.records])
    return keys


def _products(groups: Sequence[Any], keys: list[list[ProductKey]], now: Any) -> dict[ProductKey, StoredProduct]:
    """The batch's products by key: those the enterprises have, and the others created (with the file's code)."""
    wanted: dict[ProductKey, str] = {}
    for group, group_keys in zip(groups, keys, strict=True):
        for record, key in zip(group.records, group_keys, strict=True):
            if key not in wanted:
                wanted[key] = record.product_code[:50]
    found = {(e, n, m): StoredProduct(pk, n, m, c) for pk, e, n, m, c in select_keys(
        Product, ["enterprise_id", "name", "model"], list(wanted), ["id", "enterprise_id", "name", "model", "code"])}
    new = [(e, n, m, code, now) for (e, n, m), code in wanted.items() if (e, n, m) not in found]
    if new:
        made = insert_returning(Product, ["enterprise_id", "name", "model", "code", "created_at"], new,
                                ["id", "enterprise_id", "name", "model", "code"], adapted=("created_at",))
        found.update({(e, n, m): StoredProduct(pk, n, m, c) for pk, e, n, m, c in made})
    return found


def _json_list(values: list[str]) -> str:
    return "[" + ",".join([_string(v) for v in values]) + "]" if values else _EMPTY


def _declaration_row(group: Any, enterprise_id: int, region: str, now: Any) -> tuple[tuple, str, str]:
    """The declaration's row (checks and reference standards as JSON text) and those two texts."""
    draft, resolved = group.draft, group.draft.resolved
    checks = stored(group.findings)
    checks_text = _encode(checks) if checks else _EMPTY
    references_text = _json_list(draft.reference_standards) if draft.source == _ENTERPRISE else _EMPTY
    row = (enterprise_id, region, draft.source, resolved.tier, resolved.identifier, resolved.undated,
           (resolved.title or draft.title)[:500], resolved.standard_id, "", "", references_text,
           _PUBLISHED, 1, now, now, None, checks_text, has_warning(checks))
    return row, checks_text, references_text


def _number(value: Any) -> str:
    return "null" if value is None else _string(str(value))


def _indicators_json(indicators: list[Any]) -> str:
    """`IndicatorDraft.as_dict()` of each row, as JSON text."""
    if not indicators:
        return _EMPTY
    return "[" + ",".join([
        f'{{"position":{i.position},"name":{_string(i.name)},"unit":{_string(i.unit)},'
        f'"comparator":{_string(i.comparator)},"lower":{_number(i.lower)},"upper":{_number(i.upper)},'
        f'"text":{_string(i.text)},"test_method":{_string(i.test_method)},"category":{_string(i.category)}}}'
        for i in indicators]) + "]"


def _snapshot(row: tuple, products: list[StoredProduct], indicators_text: str, references_text: str,
              checks_text: str) -> str:
    """The version's content as `declaring.content_of` makes it, written as JSON text."""
    standard = "null" if row[7] is None else str(row[7])
    return (f'{{"source":{_string(row[2])},"tier":{_string(row[3])},"identifier":{_string(row[4])},'
            f'"title":{_string(row[6])},"standard":{standard},"region_code":{_string(row[1])},"products":['
            + ",".join([p.entry() for p in products]) + '],"indicators":' + indicators_text
            + ',"reference_standards":' + references_text + ',"fulltext_sha256":"","checks":' + checks_text + "}")


def write_batch(*, groups: Sequence[Any], user_id: int | None, now: Any, event_data: dict[str, Any]) -> list[int]:
    """Write the groups' declarations (see the module's text); returns their ids. The caller holds the
    transaction (and with it, on SQLite, the write lock)."""
    now = connection.ops.adapt_datetimefield_value(now)  # once, for every row (passed as adapted)
    enterprise_ids = [g.enterprise.pk for g in groups]
    regions = dict(EnterpriseProfile.objects.filter(organisation__in=set(enterprise_ids))
                   .values_list("organisation_id", "region_code"))
    keys = _keys(groups)
    products = _products(groups, keys, now)
    rows, texts = [], []
    for group, enterprise_id in zip(groups, enterprise_ids, strict=True):
        row, checks_text, references_text = _declaration_row(group, enterprise_id, regions[enterprise_id], now)
        rows.append(row)
        texts.append((checks_text, references_text))
    made = {(e, i): pk for pk, e, i in insert_returning(
        Declaration, DECLARATION_COLUMNS, rows, ["id", "enterprise_id", "identifier"],
        adapted=("checks", "reference_standards", "declared_at", "updated_at"))}
    if len(made) != len(rows):  # two groups of one enterprise resolved to one number: validation let it through
        raise RuntimeError("bulk declarations of one batch share an (enterprise, number)")
    ids, links, indicators, versions, events, documents = [], [], [], [], [], []
    kind, data_text = DeclarationEventKind.DECLARED.value, _encode(event_data)
    for group, group_keys, row, (checks_text, references_text) in zip(groups, keys, rows, texts, strict=True):
        pk = made[(row[0], row[4])]
        ids.append(pk)
        own = {product.id: product for product in (products[key] for key in group_keys)}
        by_id = [own[product_id] for product_id in sorted(own)]
        links += [(pk, product_id) for product_id in own]
        drafts = group.draft.indicators
        indicators += [(pk, i.position, i.name, i.unit, i.comparator, i.lower, i.upper, i.text, i.test_method,
                        i.category) for i in drafts]
        listed = sorted(by_id, key=_service_order) if len(by_id) > 1 else by_id
        versions.append((pk, 1, now, user_id, _snapshot(row, listed, _indicators_json(drafts), references_text,
                                                        checks_text)))
        events.append((pk, kind, user_id, now, "", data_text))
        documents.append((pk, document(enterprise=group.enterprise.name, products=[(p.name, p.model) for p in by_id],
                                       identifier=row[4], title=row[6], region=row[1], flagged=row[17])))
    insert_rows(DeclarationProduct, ["declaration_id", "product_id"], links)
    insert_rows(Indicator, INDICATOR_COLUMNS, indicators)
    insert_rows(DeclarationVersion, ["declaration_id", "version", "at", "actor_id", "content"], versions,
                adapted=("at", "content"))
    insert_rows(DeclarationEvent, ["declaration_id", "kind", "actor_id", "at", "reason", "data"], events,
                adapted=("at", "data"))
    search_index.insert(documents)
    return ids


def _service_order(product: StoredProduct) -> tuple[str, str, int]:
    return product.name, product.model, product.id  # as declare_standard lists a declaration's products
