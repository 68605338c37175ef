"""The worker processes of a large import change nothing: the same problems in the same order, the same rows."""

import json

import pytest

from biaozhun.catalog.importing import jobs, parallel, run_import, validation
from biaozhun.catalog.models import Amendment, ImportJob, Standard, StandardEvent, StandardRelation
from biaozhun.catalog.selectors import record_cleaner
from biaozhun.core.actors import SYSTEM
from tests.fixtures.catalog import wipe_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_chunks(monkeypatch):
    """Every file counts as large, and validation tasks hold a few lines, so duplicates span tasks."""
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(parallel, "CHUNK_BYTES", 300)
    monkeypatch.delenv("BIAOZHUN_IMPORT_WORKERS", raising=False)


def record(n, **extra):
    return {"identifier": f"GB/T {n}-2020", "title_zh": f"测试标准第{n}号", "published_on": "2020-01-01",
            "implemented_on": "2020-07-01", **extra}


def bad_lines():
    lines = [json.dumps(record(n), ensure_ascii=False) for n in range(1, 60)]
    lines[5] = "{not json"
    lines[9] = json.dumps(record(3), ensure_ascii=False)  # duplicate of line 3, in a later task
    lines[20] = json.dumps(record(21, implemented_on="2020-13-01", colour="red"))
    lines[30] = ""  # blank: skipped, not counted
    lines[40] = "[1, 2]"
    lines[50] = json.dumps(record(22) | {"identifier": "GB/T 22-2020/ISO 9001:2015"}, ensure_ascii=False)
    lines[55] = json.dumps(record(56, ccs="ZZZ", ics=["99.999"]), ensure_ascii=False)
    return lines


def test_parallel_validation_reports_exactly_what_the_serial_one_does(tmp_path, small_chunks, monkeypatch):
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(bad_lines()) + "\n", encoding="utf-8")
    cleaner = record_cleaner()
    assert parallel.workers_for(path) >= 2
    in_parallel = jobs.validate_file(path, "jsonl", cleaner)
    monkeypatch.setenv("BIAOZHUN_IMPORT_WORKERS", "0")
    assert parallel.workers_for(path) == 0
    serially = jobs.validate_file(path, "jsonl", cleaner)
    assert in_parallel == serially
    assert in_parallel.errors() == serially.errors()
    errors = in_parallel.errors()
    assert in_parallel.count == 58
    assert in_parallel.total_errors == len(errors) == 6
    assert {(e["line"], e["field"]) for e in errors} >= {(6, "(line)"), (21, "implemented_on"), (21, "colour"),
                                                         (41, "(line)"), (56, "ccs"), (56, "ics")}
    assert in_parallel.folded == {10, 51}  # line 10 repeats line 3; line 51 is line 22 with its adoption named
    assert in_parallel.identical == 1
    assert in_parallel.merged[22].identifier == "GB/T 22-2020/ISO 9001:2015"
    assert [e["line"] for e in errors] == sorted(e["line"] for e in errors)


def test_parallel_validation_counts_beyond_the_stored_errors(tmp_path, small_chunks, monkeypatch):
    monkeypatch.setattr(validation, "MAX_STORED_ERRORS", 5)
    path = tmp_path / "bad.jsonl"
    path.write_text("".join(json.dumps({"identifier": "nonsense", "x": n}) + "\n" for n in range(40)))
    plan = jobs.validate_file(path, "jsonl", record_cleaner())
    errors = plan.errors(5)
    assert (plan.count, len(errors), plan.total_errors, plan.refused) == (40, 5, 80, 40)
    assert [e["line"] for e in errors] == [1, 1, 2, 2, 3]
    assert len(plan.problems) == 5  # without keep_all only the first are kept


def catalogue():
    rows = Standard.objects.order_by("identifier").values_list(
        "identifier", "edition", "sort_key", "status", "status_since", "ics_codes", "issued_by", "published_on",
    )
    relations = StandardRelation.objects.order_by("source__identifier", "target_identifier").values_list(
        "source__identifier", "kind", "target_identifier", "target__identifier", "degree",
    )
    amendments = Amendment.objects.order_by("standard__identifier").values_list("standard__identifier", "number", "published_on")
    events = StandardEvent.objects.order_by("standard__identifier", "kind").values_list("standard__identifier", "kind")
    return list(rows), list(relations), list(amendments), list(events)


def good_records():
    records = [record(n, replaces=[f"GB/T {n - 1}-2020"] if n % 2 == 0 else [], ics=["03.120.10"],
                      issued_by=["国家市场监督管理总局"]) for n in range(1, 41)]
    records[7]["amendments"] = [{"number": 1, "published_on": "2021-02-01", "summary": "修改"}]
    records[8]["identifier"] = "GB/T 9-2020/ISO 9001:2015"
    return records


def test_reader_process_writes_the_same_catalogue(tmp_path, small_chunks, monkeypatch):
    path = tmp_path / "good.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in good_records()), encoding="utf-8")
    job = run_import(path, actor=SYSTEM, batch_size=7)
    assert (job.state, job.created, job.committed_records) == ("done", 40, 40)
    in_parallel = catalogue()
    assert StandardEvent.objects.filter(kind="created").count() == 40
    assert run_import(path, actor=SYSTEM, batch_size=7).unchanged == 40  # the rerun writes nothing

    wipe_catalogue()
    ImportJob.objects.all().delete()
    monkeypatch.setenv("BIAOZHUN_IMPORT_WORKERS", "0")
    run_import(path, actor=SYSTEM, batch_size=7)
    assert catalogue() == in_parallel


def test_a_failing_reader_process_stops_the_import(tmp_path, small_chunks, monkeypatch):
    path = tmp_path / "good.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in good_records()), encoding="utf-8")

    def broken(record, today):
        raise ValueError("broken on purpose")

    monkeypatch.setattr("biaozhun.catalog.services.upsert.prepare", broken)
    with pytest.raises(RuntimeError, match="broken on purpose"):
        run_import(path, actor=SYSTEM, batch_size=7)
    assert not Standard.objects.exists()
    assert ImportJob.objects.get().state == "running"  # a rerun resumes it
