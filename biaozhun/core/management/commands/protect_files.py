"""Move files stored before the private root existed (public root, guessable names such as
projects/<id>/<kind>-v<N>.pdf) to the private root under unguessable names, and point their records there.

    manage.py protect_files [--dry-run]

Every FileField whose `upload_to` is `core.storage.UnguessableName` is covered, whatever its app. Safe to run
again and to interrupt: each file is copied (checked against the record's sha256 and size when the model has
them), renamed into place, the old copy deleted, then the record updated; the new name is derived from the old
one with SECRET_KEY, so a run that stopped between two steps finishes the move next time. Prints each move, then
the counts, then any file the old folders of the public root still hold.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import FileField

from biaozhun.core.storage import UnguessableName


def _digest(path: Path) -> tuple[str, int]:
    sha, size = hashlib.sha256(), 0
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            sha.update(chunk)
            size += len(chunk)
    return sha.hexdigest(), size


def _copy(source: Path, target: Path) -> None:
    """Copy so that `target` exists only complete (written beside it, synced, then renamed)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    with source.open("rb") as src, partial.open("wb") as dst:
        while chunk := src.read(1024 * 1024):
            dst.write(chunk)
        dst.flush()
        os.fsync(dst.fileno())
    os.replace(partial, target)


class Command(BaseCommand):
    help = "Move stored files to the private root under unguessable names (idempotent, resumable)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="list what would move; change nothing")

    def handle(self, *args, dry_run: bool = False, **options):
        self.dry_run = dry_run
        self.counts = {"moved": 0, "already": 0, "missing": 0, "mismatch": 0}
        self.old_folders: set[str] = set()
        for model in apps.get_models():
            for field in model._meta.get_fields():
                if isinstance(field, FileField) and isinstance(field.upload_to, UnguessableName):
                    self._field(model, field)
        verb = "would move" if dry_run else "moved"
        self.stdout.write(f"{verb} {self.counts['moved']}, already private {self.counts['already']}, "
                          f"missing {self.counts['missing']}, content differs from record {self.counts['mismatch']}")
        self._leftovers()

    def _field(self, model, field: FileField) -> None:
        storage, naming = field.storage, field.upload_to
        label = f"{model._meta.label}.{field.name}"
        checks = [name for name in ("sha256", "size") if any(f.name == name for f in model._meta.concrete_fields)]
        rows = (model._base_manager.exclude(**{field.attname: ""}).order_by("pk")
                .values_list("pk", field.attname, *checks).iterator())
        for pk, name, *expected in rows:
            if naming.settled(name):
                self.counts["already" if storage.exists(name) else "missing"] += 1
                if not storage.exists(name):
                    self.stderr.write(f"missing: {label} {pk}: {name}")
                continue
            new = naming.derived(name, salt=label)
            self.old_folders.add(name.split("/", 1)[0])
            target = Path(storage.path(new))
            source = next((path for path in (Path(settings.MEDIA_ROOT) / name, Path(storage.path(name)))
                           if path.is_file()), None)
            candidate = source or (target if target.is_file() else None)
            if candidate is None:
                self.counts["missing"] += 1
                self.stderr.write(f"missing: {label} {pk}: {name} (neither in the public nor the private root)")
                continue
            digest, size = _digest(candidate)
            actual = {"sha256": digest, "size": size}
            if any(actual[check] != value for check, value in zip(checks, expected, strict=True)):
                self.counts["mismatch"] += 1
                self.stderr.write(f"content differs from the record, not moved: {label} {pk}: {candidate}")
                continue
            self.counts["moved"] += 1
            self.stdout.write(f"{label} {pk}: {name} -> {new}")
            if self.dry_run:
                continue
            if source is not None:
                if not target.is_file():
                    _copy(source, target)
                source.unlink()
            model._base_manager.filter(pk=pk, **{field.attname: name}).update(**{field.attname: new})

    def _leftovers(self) -> None:
        """Files the old folders of the public root still hold (no record points to them any more)."""
        root = Path(settings.MEDIA_ROOT)
        left = sorted(path for folder in self.old_folders if (root / folder).is_dir()
                      for path in (root / folder).rglob("*") if path.is_file())
        for path in left:
            self.stdout.write(f"left in the public root, not referenced by any record: {path}")
        if not self.dry_run:
            for folder in self.old_folders:  # remove the emptied directories, deepest first
                for directory, _subdirs, files in os.walk(root / folder, topdown=False):
                    if not files and not os.listdir(directory):
                        os.rmdir(directory)
