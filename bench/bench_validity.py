"""Validity check (标准查新) of 10,000 numbers against the national-scale catalogue.

    .venv/bin/python bench/bench_validity.py [--db bench/out/db-national/bench.sqlite3] [--runs 5]

The numbers are a deterministic sample of the catalogue (dated and undated, replaced editions among them) plus
a few malformed lines; the figure is the median time of `check_lines` (parse, look up, follow replacement
chains) in one process, and of the whole HTTP page request through Django's test client.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default=str(ROOT / "bench/out/db-national/bench.sqlite3"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.update(DJANGO_SETTINGS_MODULE="biaozhun.settings", DATABASE_URL=f"sqlite:///{args.db}",
                      ALLOWED_HOSTS="testserver", SECURE_SSL_REDIRECT="0", BIAOZHUN_RATE_VALIDITY="off")
    import django

    django.setup()
    from django.test import Client

    from biaozhun.catalog.models import Standard
    from biaozhun.catalog.validity import check_lines
    from biaozhun.portal.views.validity import XLSX

    rng = random.Random(2019)
    max_id = Standard.objects.order_by("-id").values_list("id", flat=True).first()
    ids = rng.sample(range(1, max_id + 1), args.count)
    rows = dict(Standard.objects.filter(id__in=ids).values_list("identifier", "undated"))
    lines = [undated if rng.random() < 0.1 else identifier for identifier, undated in rows.items()]
    lines[: args.count // 100] = ["GB/T ABC-20"] * (args.count // 100)
    replaced = list(Standard.objects.filter(status="replaced").values_list("identifier", flat=True)[: args.count // 5])
    lines[-len(replaced):] = replaced
    times, pages = [], []
    client = Client()
    for _ in range(args.runs):
        start = time.perf_counter()
        results = check_lines(lines)
        times.append(time.perf_counter() - start)
        start = time.perf_counter()
        response = client.post("/validity/", {"numbers": "\n".join(lines), "format": "xlsx"})
        pages.append(time.perf_counter() - start)
        assert response.status_code == 200 and response["Content-Type"].startswith(XLSX), response
    outcomes: dict[str, int] = {}
    for row in results:
        outcomes[row.outcome] = outcomes.get(row.outcome, 0) + 1
    print(f"{len(lines)} numbers: check_lines median {statistics.median(times):.2f} s, "
          f"page with XLSX download median {statistics.median(pages):.2f} s ({args.runs} runs); outcomes {outcomes}")


if __name__ == "__main__":
    main()
