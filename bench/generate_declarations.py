"""Load enterprises, products, self-declarations and indicator tables at national scale (472,459 / 5,271,353 /
3,165,625 at --scale 1) into a SQLite database of their own, with the declaration search index.

    .venv/bin/python bench/generate_declarations.py [--scale 1.0] [--seed 2023] [--db bench/out/db-declarations/bench.sqlite3]

Migrates a fresh database (the file is replaced), seeds the reference tables, then writes the rows the generator
(biaozhun/datagen/declarations.py) yields straight into the tables in bulk, with the search index's documents made
from the same rows (search/tokens.py), and sets the index's mark to the last event. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import time
from datetime import datetime
from pathlib import Path

from benchenv import django_env

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_DB = ROOT / "bench/out/db-declarations/bench.sqlite3"
FLUSH = 20_000  # declarations per transaction


def _at(value) -> str | None:
    return None if value is None else value.strftime("%Y-%m-%d %H:%M:%S.%f")


def migrate(db: Path) -> None:
    os.environ.update(django_env(DJANGO_SETTINGS_MODULE="biaozhun.settings", DATABASE_URL=f"sqlite:///{db}",
                                 BIAOZHUN_VAR_DIR=str(db.parent)))
    import django

    django.setup()
    from django.core.management import call_command

    from biaozhun.reference.seeding import seed_all

    call_command("migrate", verbosity=0)
    seed_all()


def load(db: Path, scale: float, seed: int, progress=True) -> dict[str, int]:
    from biaozhun.datagen.declarations import DECLARATION_COLUMNS, INDICATOR_COLUMNS, DeclarationWorld, scaled
    from biaozhun.declarations.search.tokens import document

    counts = scaled(scale)
    world = DeclarationWorld(counts, seed)
    connection = sqlite3.connect(db, isolation_level=None)
    connection.execute("PRAGMA synchronous = OFF")
    connection.execute("PRAGMA cache_size = -1000000")
    organisation_base = connection.execute("SELECT coalesce(max(id), 0) FROM accounts_organisation").fetchone()[0]
    sql = {
        "organisations": "INSERT INTO accounts_organisation (id, kind, name, name_en, uscc, industry_code, region_code,"
                         " tc_code, created_at) VALUES (?, 'enterprise', ?, '', ?, '', '', '', ?)",
        "profiles": "INSERT INTO declarations_enterpriseprofile (organisation_id, region_code, industry_class, address,"
                    " updated_at) VALUES (?, ?, ?, ?, ?)",
        "products": "INSERT INTO declarations_product (id, enterprise_id, name, model, code, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
        "declarations": f"INSERT INTO declarations_declaration ({', '.join(DECLARATION_COLUMNS)}, fulltext,"  # noqa: S608
                        f" fulltext_sha256) VALUES ({', '.join('?' * len(DECLARATION_COLUMNS))}, '', '')",
        "links": "INSERT INTO declarations_declarationproduct (declaration_id, product_id) VALUES (?, ?)",
        "indicators": f"INSERT INTO declarations_indicator ({', '.join(INDICATOR_COLUMNS)})"  # noqa: S608
                      f" VALUES ({', '.join('?' * len(INDICATOR_COLUMNS))})",
        "versions": "INSERT INTO declarations_declarationversion (declaration_id, version, at, content)"
                    " VALUES (?, ?, ?, ?)",
        "events": "INSERT INTO declarations_declarationevent (declaration_id, kind, at, reason, data)"
                  " VALUES (?, ?, ?, '', '{}')",
        "index": "INSERT INTO declarations_search (rowid, doc) VALUES (?, ?)",
    }
    batch: dict[str, list] = {name: [] for name in sql}
    written = dict.fromkeys(sql, 0)
    started = time.monotonic()
    created = _at(datetime(2024, 1, 1))

    def flush() -> None:
        connection.execute("BEGIN")
        for name, rows in batch.items():
            if rows:
                connection.executemany(sql[name], rows)
                written[name] += len(rows)
                rows.clear()
        connection.execute("COMMIT")
        if progress:
            elapsed = time.monotonic() - started
            sys.stderr.write(f"{written['declarations']:,}/{counts['declarations']:,} declarations, "
                             f"{written['organisations']:,} enterprises, {elapsed:.0f} s\n")

    for rows in world.enterprises():
        org_id = organisation_base + rows.organisation[0]
        name = rows.organisation[1]
        batch["organisations"].append((org_id, name, rows.organisation[2], created))
        batch["profiles"].append((org_id, *rows.profile[1:], created))
        batch["products"].extend((p[0], org_id, p[2], p[3], p[4], created) for p in rows.products)
        products = {p[0]: (p[2], p[3]) for p in rows.products}
        by_declaration: dict[int, list] = {}
        for declaration_id, product_id in rows.links:
            by_declaration.setdefault(declaration_id, []).append(products[product_id])
        for d in rows.declarations:
            batch["declarations"].append((d[0], org_id, *d[2:10], _at(d[10]), _at(d[11]), _at(d[12]), *d[13:]))
            if d[8] == "published":
                batch["index"].append((d[0], document(enterprise=name, products=by_declaration.get(d[0], ()),
                                                      identifier=d[5], title=d[7], region=d[2], flagged=d[14])))
        batch["links"].extend(rows.links)
        batch["indicators"].extend(rows.indicators)
        batch["versions"].extend((v[0], v[1], _at(v[2]), v[3]) for v in rows.versions)
        batch["events"].extend((e[0], e[1], _at(e[2])) for e in rows.events)
        if len(batch["declarations"]) >= FLUSH:
            flush()
    flush()
    if progress:
        sys.stderr.write("merging the search index's segments\n")
    connection.execute("INSERT INTO declarations_search(declarations_search) VALUES ('optimize')")
    connection.execute("UPDATE declarations_search_state SET last_event_id ="
                       " (SELECT coalesce(max(id), 0) FROM declarations_declarationevent) WHERE id = 1")
    connection.execute("ANALYZE")
    connection.close()
    written["seconds"] = round(time.monotonic() - started)
    return written


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the national counts (default 1)")
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    args = parser.parse_args(argv)
    args.db.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{args.db}{suffix}").unlink(missing_ok=True)
    migrate(args.db)
    written = load(args.db, args.scale, args.seed)
    print(" ".join(f"{name}={count:,}" for name, count in written.items()))


if __name__ == "__main__":
    main()
