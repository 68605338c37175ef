"""A crash halfway (kill -9) loses nothing: the rerun resumes after the last committed batch."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from biaozhun.catalog.importing.parallel import PARALLEL_MIN_BYTES

ROOT = Path(__file__).resolve().parents[2]
RECORDS = 20_000


def manage(env, *args, **kwargs):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True, **kwargs)


@pytest.mark.slow
@pytest.mark.parametrize("workers", ["0", ""], ids=["serial", "reader-process"])
def test_kill_during_import_then_rerun_resumes_without_loss_or_duplicates(tmp_path, workers):
    db = tmp_path / "kill.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "BIAOZHUN_VAR_DIR": str(tmp_path),
           "DJANGO_SETTINGS_MODULE": "biaozhun.settings", "BIAOZHUN_IMPORT_WORKERS": workers}
    manage(env, "migrate", "--noinput")
    manage(env, "seed_reference")
    source = tmp_path / "many.jsonl"
    with open(source, "w", encoding="utf-8") as handle:
        for n in range(1, RECORDS + 1):
            record = {"identifier": f"GB/T {n}-2020", "title_zh": f"测试标准第{n}号", "published_on": "2020-01-01",
                      "implemented_on": "2020-07-01"}
            if n > 1 and n % 2 == 0:
                record["replaces"] = [f"GB/T {n - 1}-2020"]
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    assert source.stat().st_size > PARALLEL_MIN_BYTES  # by default, validated by workers and read by a second process

    process = subprocess.Popen(
        [sys.executable, "manage.py", "catalog_import", str(source), "--batch-size", "200", "--no-progress"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    committed = 0
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and process.poll() is None:
            committed = _committed(db)
            if committed >= 2000:
                break
            time.sleep(0.02)
        assert process.poll() is None, "the import finished before it could be killed; make the file larger"
        process.send_signal(signal.SIGKILL)
        process.wait()
    finally:
        if process.poll() is None:
            process.kill()

    with sqlite3.connect(db) as conn:
        committed = conn.execute("SELECT committed_records FROM catalog_importjob").fetchone()[0]
        stored = conn.execute("SELECT COUNT(*) FROM catalog_standard").fetchone()[0]
    assert 0 < committed < RECORDS
    assert stored == committed, "the counter and the catalogue must commit together"

    result = manage(env, "catalog_import", str(source), "--batch-size", "200", "--no-progress")
    assert f"{RECORDS} records" in result.stdout
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*), COUNT(DISTINCT identifier) FROM catalog_standard").fetchone() == (RECORDS, RECORDS)
        assert conn.execute("SELECT COUNT(*) FROM catalog_standardevent WHERE kind='created'").fetchone()[0] == RECORDS
        assert conn.execute("SELECT COUNT(*), MAX(state) FROM catalog_importjob").fetchone() == (1, "done")
        assert conn.execute("SELECT COUNT(*) FROM catalog_standard WHERE status='replaced'").fetchone()[0] == RECORDS // 2
        assert conn.execute("SELECT COUNT(*) FROM catalog_standardrelation WHERE target_id IS NULL").fetchone()[0] == 0


def _committed(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            row = conn.execute("SELECT committed_records FROM catalog_importjob").fetchone()
            return row[0] if row else 0
    except sqlite3.OperationalError:
        return 0
