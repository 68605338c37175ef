"""Keeping the search index in step with the declarations, without the writers' code knowing of it.

* After each commit that appended a DeclarationEvent (every change a service makes: declared, revised, withdrawn,
  checked) or saved a Product or an enterprise's Organisation (names the index holds), the declarations touched
  are reindexed (`receivers`: post_save collects ids per transaction, on_commit writes them). The index is derived
  data, like the catalogue's tantivy index: the receivers change no record of the domain.
* `manage.py declarations_search_sync` catches up from the event table (what bulk writes, which send no signals,
  or a crash between commit and reindex left behind): every declaration with an event past the index's mark is
  reindexed, then the mark moves. `--rebuild` writes the whole index again.
Reindexing reads the declaration's current rows, so doing it twice is harmless."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from django.db import transaction
from django.db.models import Max

from ..models import Declaration, DeclarationEvent, DeclarationProduct, DeclarationState, Product
from . import index
from .tokens import document

BATCH = 2_000


def documents(ids: Iterable[int]) -> Iterator[tuple[int, str | None]]:
    """(id, document) for each declaration; None for a withdrawn or absent one (to leave the index)."""
    ids = sorted(set(ids))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        rows = {d["id"]: d for d in Declaration.objects.filter(pk__in=chunk).values(
            "id", "state", "identifier", "title", "region_code", "flagged", "enterprise__name")}
        products: dict[int, list[tuple[str, str]]] = {}
        for declaration_id, name, model in DeclarationProduct.objects.filter(declaration_id__in=chunk).values_list(
                "declaration_id", "product__name", "product__model").order_by("declaration_id", "product_id"):
            products.setdefault(declaration_id, []).append((name, model))
        for pk in chunk:
            row = rows.get(pk)
            if row is None or row["state"] != DeclarationState.PUBLISHED:
                yield pk, None
                continue
            yield pk, document(enterprise=row["enterprise__name"], products=products.get(pk, ()),
                               identifier=row["identifier"], title=row["title"], region=row["region_code"],
                               flagged=row["flagged"])


def reindex(ids: Iterable[int]) -> int:
    """Write the current document of each declaration (or take it out of the index). Returns how many."""
    count = 0
    keep, drop = [], []
    for pk, doc in documents(ids):
        (drop.append(pk) if doc is None else keep.append((pk, doc)))
        count += 1
        if len(keep) + len(drop) >= BATCH:
            index.write(keep)
            index.delete(drop)
            keep, drop = [], []
    index.write(keep)
    index.delete(drop)
    return count


def catch_up() -> int:
    """Reindex the declarations with events past the index's mark; move the mark. Returns how many."""
    with transaction.atomic():
        mark = index.applied_event_id()
        last = DeclarationEvent.objects.aggregate(last=Max("id"))["last"] or 0
        if last <= mark:
            return 0
        ids = set(DeclarationEvent.objects.filter(id__gt=mark, id__lte=last).values_list("declaration_id", flat=True))
        count = reindex(ids)
        index.set_applied_event_id(last)
    return count


def rebuild(progress: Callable[[int], None] | None = None) -> int:
    """The whole index again, from every published declaration; the mark moves to the last event."""
    with transaction.atomic():
        last = DeclarationEvent.objects.aggregate(last=Max("id"))["last"] or 0
        index.clear()
        count = 0
        published = Declaration.objects.filter(state=DeclarationState.PUBLISHED).order_by("id")
        after = 0
        while True:
            ids = list(published.filter(id__gt=after).values_list("id", flat=True)[:BATCH * 10])
            if not ids:
                break
            count += reindex(ids)
            after = ids[-1]
            if progress:
                progress(count)
        index.optimize()
        index.set_applied_event_id(last)
    return count


# --- receivers ----------------------------------------------------------------------------------------------
def _schedule(ids: Iterable[int]) -> None:
    """Reindex `ids` once the current transaction commits (at once when none is open; never if it rolls back)."""
    todo = list(ids)
    if todo:
        transaction.on_commit(lambda: reindex(todo))


def on_event_saved(sender, instance: DeclarationEvent, created: bool, **kwargs) -> None:
    if created:
        _schedule([instance.declaration_id])


def on_product_saved(sender, instance: Product, created: bool, **kwargs) -> None:
    if not created:  # a new product is in no declaration yet
        _schedule(DeclarationProduct.objects.filter(product=instance).values_list("declaration_id", flat=True))


def on_organisation_saved(sender, instance, created: bool, **kwargs) -> None:
    if not created and instance.kind == "enterprise":
        _schedule(Declaration.objects.filter(enterprise=instance, state=DeclarationState.PUBLISHED)
                  .values_list("id", flat=True))


def connect() -> None:
    from django.db.models.signals import post_save

    from biaozhun.accounts.models import Organisation

    post_save.connect(on_event_saved, sender=DeclarationEvent, dispatch_uid="declarations.search.event")
    post_save.connect(on_product_saved, sender=Product, dispatch_uid="declarations.search.product")
    post_save.connect(on_organisation_saved, sender=Organisation, dispatch_uid="declarations.search.organisation")
