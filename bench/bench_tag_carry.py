"""Programme tags carried to new editions over a whole national catalogue's history: the first run after deploying
the feature (its cursor at 0) reads every creation and relation event there is.

    .venv/bin/python bench/bench_tag_carry.py --db bench/out/db-national/bench.sqlite3 --tagged 2000 --runs 3

Each run starts from a copy of --db (bench/out/tag-carry/, the original is never written), migrated, with
`--tagged` editions that a later edition replaces given a tag, and the cursor at 0; then times
`carry_tags_forward` (the task's work, in this process): first with no tag anywhere (the fast path: the cursor
only moves), then with the tags. Reports the events read, the editions that gained tags and the wall time, median
of --runs."""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchenv import ROOT, open_site  # noqa: E402

COPY = ROOT / "bench" / "out" / "tag-carry" / "bench.sqlite3"


def timed(run) -> tuple[float, int]:
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="a national catalogue in SQLite (bench/bench_import.py's)")
    parser.add_argument("--tagged", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    COPY.parent.mkdir(parents=True, exist_ok=True)
    for path in COPY.parent.glob(COPY.name + "*"):
        path.unlink()
    shutil.copyfile(args.db, COPY)
    open_site(COPY)
    from django.db import connection, transaction

    from biaozhun.catalog.models import EventKind, RelationKind, StandardEvent, StandardRelation
    from biaozhun.core.actors import SYSTEM
    from biaozhun.systems.models import CarryCursor, ProgrammeTag, StandardTag
    from biaozhun.systems.services.carry import READ_KINDS, carry_tags_forward

    events = StandardEvent.objects.filter(kind__in=READ_KINDS).count()
    targets = list(StandardRelation.objects.filter(kind=RelationKind.REPLACES, target__isnull=False)
                   .order_by("target_id").values_list("target_id", flat=True).distinct()[:args.tagged])
    tag = ProgrammeTag.objects.get(code="standardization-plus")
    print(f"{StandardEvent.objects.count():,} catalogue events, {events:,} of them creations and relations; "
          f"{len(targets):,} replaced editions tagged", flush=True)
    fast, slow, gained = [], [], 0
    for run in range(args.runs):
        with transaction.atomic():
            StandardTag.objects.all().delete()
            CarryCursor.objects.update_or_create(pk=1, defaults={"last_event_id": 0})
        fast.append(timed(lambda: carry_tags_forward(actor=SYSTEM))[0])
        with transaction.atomic():
            StandardTag.objects.all().delete()  # the tags a previous run carried
            StandardTag.objects.bulk_create([StandardTag(standard_id=pk, tag=tag) for pk in targets])
            CarryCursor.objects.update_or_create(pk=1, defaults={"last_event_id": 0})
        seconds, gained = timed(lambda: carry_tags_forward(actor=SYSTEM))
        slow.append(seconds)
        print(f"run {run + 1}: no tags {fast[-1]:.2f} s; with tags {seconds:.1f} s, {gained:,} editions gained",
              flush=True)
    updated = StandardEvent.objects.filter(kind=EventKind.UPDATED, data__source="programme_tags").count()
    connection.close()
    print(f"median: no tags {statistics.median(fast):.2f} s; with tags {statistics.median(slow):.1f} s "
          f"({events / statistics.median(slow):,.0f} events/s), {gained:,} editions gained tags "
          f"({updated:,} catalogue events written over all runs)")


if __name__ == "__main__":
    main()
