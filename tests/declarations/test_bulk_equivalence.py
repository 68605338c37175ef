"""The bulk import's fast writer (services/bulk_write.py) writes what the per-declaration service writes for the same
declarations: the same declaration rows (checks included), product links, indicators, first versions (product
lists in the service's order) and events; and the search documents search/sync.py would make from those rows.

Each path runs on the same database state inside a savepoint that is then rolled back, at one frozen instant, and
the rows are compared with their ids replaced by natural keys (number, product name and model)."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connection, transaction

from biaozhun.core.upload_limits import Profile, read_limits
from biaozhun.declarations.bulk_format import read_records
from biaozhun.declarations.models import (
    Declaration,
    DeclarationEvent,
    DeclarationImport,
    DeclarationProduct,
    DeclarationVersion,
    Indicator,
    Product,
)
from biaozhun.declarations.search import sync
from biaozhun.declarations.search.index import tsvector_literal
from biaozhun.declarations.services import DeclarationInput, ProductInput, add_product, declare_standard
from biaozhun.declarations.services.bulk import import_declarations

pytestmark = pytest.mark.django_db
INSTANT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


class RolledBack(Exception):
    pass


def file_rows(uscc: str) -> list[dict]:
    """Catalogue numbers in force, replaced and upcoming; products listed out of the service's order; an existing
    product named with another code; an enterprise standard over a mandatory limit, naming a reference standard."""
    diesel = {"name": "硫含量", "unit": "mg/kg", "comparator": "≤", "upper": 50, "category": "环境保护指标",
              "test_method": "SH/T 0689"}
    return [
        {"uscc": uscc, "product": {"name": "车用柴油", "model": "0号", "code": "NEW"}, "identifier": "GB 19147-2016"},
        {"uscc": uscc, "product": {"name": "车用柴油", "model": "-10号"}, "identifier": "GB 19147—2016"},
        {"uscc": uscc, "product": {"name": "润滑油", "model": "A"}, "identifier": "GB 19147-2016"},
        {"uscc": uscc, "product": {"name": "车用柴油", "model": "0号"}, "identifier": "GB 19147-2013"},
        {"uscc": uscc, "product": {"name": "试验仪器"}, "identifier": "GB/T 19148-2026"},
        {"uscc": uscc, "product": {"name": "车用柴油", "model": "-35号", "code": "X-35"}, "source": "enterprise",
         "identifier": "Q/CSQY 7-2025", "title": "车用柴油（企业标准）", "reference_standards": ["GB/T 19148-2026"],
         "indicators": [diesel, {"name": "密度", "unit": "kg/m3", "comparator": "range", "lower": "810",
                                 "upper": 845.5},
                        {"name": "外观", "comparator": "文字描述", "text": "清澈透明"},
                        {"name": "闪点", "unit": "℃", "comparator": "ge", "lower": 60, "category": "safety"}]},
        {"uscc": uscc, "product": {"name": "车用柴油", "model": "0号"}, "identifier": "Q/CSQY 7-2025"},
    ]


def through_bulk(actor, enterprise, rows) -> None:
    content = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode()
    records, kind = read_records(io.BytesIO(content), "f.jsonl", read_limits(Profile.UPLOAD))
    job = import_declarations(actor=actor, records=records, source_name="f.jsonl", sha256="x", file_format=kind,
                              enterprise=enterprise, batch_rows=3)
    assert job.state == DeclarationImport.State.DONE, job.errors


def through_service(actor, enterprise, rows) -> None:
    """What an enterprise does by hand: add the products it lacks, then declare each number once."""
    from biaozhun.declarations.bulk_format import record_from
    from biaozhun.declarations.services.bulk import _key

    groups: dict[str, list] = {}
    keys: dict[str, str] = {}
    for line, row in enumerate(rows, 1):
        record = record_from(line, row)
        groups.setdefault(_key(record.identifier, keys), []).append(record)
    for records in groups.values():
        ids = []
        for record in records:
            product = Product.objects.filter(enterprise=enterprise, name=record.product_name,
                                             model=record.product_model).first()
            if product is None:
                product = add_product(actor=actor, enterprise=enterprise, data=ProductInput(
                    name=record.product_name, model=record.product_model, code=record.product_code))
            ids.append(product.pk)
        first = records[0]
        declare_standard(actor=actor, enterprise=enterprise, data=DeclarationInput(
            source=first.source, identifier=first.identifier, title=first.title, products=ids,
            indicators=first.indicators or [], reference_standards=first.reference_standards))


def written(enterprise) -> dict:
    """Every row the declaring wrote for the enterprise, ids replaced by natural keys."""
    products = {p.pk: (p.name, p.model, p.code) for p in Product.objects.filter(enterprise=enterprise)}
    declarations = list(Declaration.objects.filter(enterprise=enterprise).values())
    number = {d["id"]: d["identifier"] for d in declarations}
    for d in declarations:
        d.pop("id")
    versions = []
    for v in DeclarationVersion.objects.filter(declaration__enterprise=enterprise).values():
        content = dict(v["content"])
        content["products"] = [(p["name"], p["model"], p["code"], products[p["id"]]) for p in content["products"]]
        versions.append((number[v["declaration_id"]], v["version"], v["at"], v["actor_id"], content))
    events = []
    for e in DeclarationEvent.objects.filter(declaration__enterprise=enterprise).values():
        data = {k: v for k, v in e["data"].items() if k != "import"}  # the bulk names its job
        events.append((number[e["declaration_id"]], e["kind"], e["actor_id"], e["at"], e["reason"], data))
    indicators = [(number[i.pop("declaration_id")], i) for i in Indicator.objects.filter(
        declaration__enterprise=enterprise).values()]
    for _number, row in indicators:
        row.pop("id")
    links = {(number[d], products[p]) for d, p in DeclarationProduct.objects.filter(
        declaration__enterprise=enterprise).values_list("declaration_id", "product_id")}
    return {"declarations": sorted(declarations, key=lambda d: d["identifier"]), "versions": sorted(versions),
            "events": sorted(events), "indicators": sorted(indicators, key=lambda r: (r[0], r[1]["position"])),
            "links": links, "products": sorted(products.values())}


def index_documents(ids: list[int]) -> dict[int, str]:
    """The index's document of each declaration (SQLite keeps the text; PostgreSQL its tsvector, shown as text)."""
    marks = ", ".join(["%s"] * len(ids))
    sql = (f"SELECT rowid, doc FROM declarations_search WHERE rowid IN ({marks})" if connection.vendor == "sqlite"
           else f"SELECT declaration_id, doc::text FROM declarations_search WHERE declaration_id IN ({marks})")
    with connection.cursor() as cursor:
        cursor.execute(sql, ids)
        return dict(cursor.fetchall())


def as_indexed(documents: dict[int, str]) -> dict[int, str]:
    if connection.vendor == "sqlite":
        return documents
    with connection.cursor() as cursor:
        found = {}
        for pk, doc in documents.items():
            cursor.execute("SELECT %s::tsvector::text", [tsvector_literal(doc)])
            found[pk] = cursor.fetchone()[0]
        return found


def run_and_roll_back(write, actor, enterprise, rows) -> tuple[dict, dict[int, str], dict[int, str]]:
    """The rows written, the search documents in the index and those sync.py makes from the rows."""
    found: dict = {}
    with pytest.raises(RolledBack), transaction.atomic():
        write(actor, enterprise, rows)
        found["rows"] = written(enterprise)
        ids = list(Declaration.objects.filter(enterprise=enterprise).values_list("id", flat=True))
        found["index"] = index_documents(ids)
        found["documents"] = as_indexed(dict(sync.documents(ids)))
        raise RolledBack
    return found["rows"], found["index"], found["documents"]


def test_the_bulk_writer_writes_what_the_service_writes_for_the_same_declarations(
        enterprise_user, enterprise_profile, diesel_standards):
    enterprise = enterprise_profile.organisation
    add_product(actor=enterprise_user, enterprise=enterprise, data=ProductInput(name="车用柴油", model="0号",
                                                                                code="OLD"))
    rows = file_rows(enterprise.uscc)
    with time_machine.travel(INSTANT, tick=False):
        bulk, bulk_index, bulk_documents = run_and_roll_back(through_bulk, enterprise_user, enterprise, rows)
        service, _index, _documents = run_and_roll_back(through_service, enterprise_user, enterprise, rows)

    assert len(bulk["declarations"]) == 4
    assert bulk["declarations"] == service["declarations"]
    assert bulk["links"] == service["links"]
    assert bulk["indicators"] == service["indicators"]
    assert bulk["versions"] == service["versions"]
    assert bulk["events"] == service["events"]
    assert bulk["products"] == service["products"]
    codes = {d["identifier"]: [c["code"] for c in d["checks"]] for d in bulk["declarations"]}
    assert codes == {"GB 19147-2013": ["not_current"], "GB 19147-2016": [], "GB/T 19148-2026": ["upcoming"],
                     "Q/CSQY 7-2025": ["below_mandatory"]}
    assert bulk_index == bulk_documents and len(bulk_index) == 4


def test_a_catalogue_declaration_lists_its_products_in_the_services_order_in_its_version(
        enterprise_user, enterprise_profile, diesel_standards):
    enterprise = enterprise_profile.organisation
    through_bulk(enterprise_user, enterprise, file_rows(enterprise.uscc))
    content = DeclarationVersion.objects.get(declaration__identifier="GB 19147-2016").content
    assert [(p["name"], p["model"]) for p in content["products"]] == [
        ("润滑油", "A"), ("车用柴油", "-10号"), ("车用柴油", "0号")]
