"""Re-encrypt every encrypted column (and recompute every blind index) under the first key of BIAOZHUN_FIELD_KEYS.

Run it after putting a new key first in the list (docs/deployment.md, "Field encryption keys"). It works in batches,
each in its own transaction; a row already under the current key is skipped, so after a crash or an interruption
the same command simply goes on. When it reports nothing left, the old keys can be removed from the list.
Values stored before encryption was switched on are encrypted too.
"""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Cast

from biaozhun.core import crypto


def encrypted_models() -> list[tuple[type[models.Model], list[str], list[str]]]:
    """(model, encrypted field names, blind index field names) for every model with an encrypted field."""
    found = []
    for model in apps.get_models():
        names = [f.name for f in model._meta.concrete_fields if getattr(f, "encrypted", False)]
        if names:
            found.append((model, names, list(getattr(model, "BLIND_INDEX_FIELDS", ()))))
    return found


def stale(model: type[models.Model], fields: list[str], indexes: list[str], key_id: str) -> models.QuerySet:
    """Rows with a value not under ``key_id``: another key's ciphertext, plaintext, or another key's index."""
    raw = {f"_raw_{name}": Cast(name, output_field=models.TextField()) for name in fields}
    condition = Q()
    for name in fields:
        condition |= ~Q(**{f"_raw_{name}": ""}) & ~Q(**{f"_raw_{name}__startswith": f"{crypto.PREFIX}${key_id}$"})
    for name in indexes:
        condition |= ~Q(**{name: ""}) & ~Q(**{f"{name}__startswith": f"{key_id}$"})
    return model._default_manager.annotate(**raw).filter(condition)


class Command(BaseCommand):
    help = "Re-encrypt encrypted columns and blind indexes under the first key of BIAOZHUN_FIELD_KEYS (resumable)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500, help="rows per transaction (default 500)")
        parser.add_argument("--dry-run", action="store_true", help="only count the rows still to re-encrypt")

    def handle(self, *args, batch_size: int, dry_run: bool, **options):
        key_id = crypto.current_key_id()
        left = 0
        for model, fields, indexes in encrypted_models():
            label = model._meta.label
            todo = stale(model, fields, indexes, key_id)
            count = todo.count()
            self.stdout.write(f"{label}: {count} rows to re-encrypt under key {key_id}")
            if dry_run:
                left += count
                continue
            done, previous = 0, None
            while pks := list(todo.order_by("pk").values_list("pk", flat=True)[:batch_size]):
                if pks == previous:
                    raise CommandError(f"{label}: saving did not re-encrypt rows {pks[:5]}…: does its save() keep "
                                       "its blind indexes (BLIND_INDEX_FIELDS) up to date?")
                previous = pks
                with transaction.atomic():
                    for row in model._default_manager.select_for_update().filter(pk__in=pks).order_by("pk"):
                        row.save(update_fields=fields)  # writes under the current key; User.save also re-indexes
                done += len(pks)
                self.stdout.write(f"{label}: {done}/{count}")
        if dry_run:
            self.stdout.write(f"{left} rows left." if left else "Nothing left to re-encrypt.")
            return
        others = [key.key_id for key in crypto.keyring()[1:]]
        self.stdout.write(self.style.SUCCESS(
            f"Every encrypted value is under key {key_id}."
            + (f" The keys {', '.join(others)} can now be removed from BIAOZHUN_FIELD_KEYS." if others else "")))
