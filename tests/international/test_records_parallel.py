"""A large ISO or IEC file is validated by the catalogue's worker processes, chunk by chunk: the same problems
under ISO's field names, the same lines left out and the same editions as the serial reading."""

import shutil
from datetime import date
from pathlib import Path

import pytest

from biaozhun.catalog.importing import jobs, parallel
from biaozhun.catalog.models import Standard
from biaozhun.catalog.selectors import record_cleaner
from biaozhun.core.actors import SYSTEM
from biaozhun.international.services.records import IEC_JSONL, ISO_JSONL, import_records
from biaozhun.international.services.records.convert import prepare

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
TODAY = date(2026, 12, 3)


@pytest.fixture
def small_chunks(monkeypatch):
    """Every file counts as large and a validation task holds a couple of lines."""
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(parallel, "CHUNK_BYTES", 400)
    monkeypatch.delenv("BIAOZHUN_IMPORT_WORKERS", raising=False)


@pytest.mark.parametrize(("layout", "names"), [
    (ISO_JSONL, ["iso_deliverables.jsonl", "iso_bad.jsonl"]), (IEC_JSONL, ["iec_publications.jsonl"])])
def test_workers_report_what_the_serial_reading_does(tmp_path, small_chunks, monkeypatch, layout, names):
    path = tmp_path / "records.jsonl"
    path.write_text("".join((DATA / name).read_text(encoding="utf-8") for name in names), encoding="utf-8")
    prepare(path, layout, today=TODAY, fresh=True)
    cleaner = record_cleaner()
    assert parallel.validates_in_chunks(layout) and parallel.workers_for(path) >= 2
    in_parallel = jobs.validate_file(path, layout, cleaner, keep_all=True)
    monkeypatch.setenv("BIAOZHUN_IMPORT_WORKERS", "0")
    serially = jobs.validate_file(path, layout, cleaner, keep_all=True)
    assert in_parallel == serially
    assert in_parallel.errors() == serially.errors()
    if layout == ISO_JSONL:
        fields = {error["field"].partition("[")[0] for error in in_parallel.errors()}
        assert fields and "currentStage" in fields  # ISO's names, not the catalogue's
        assert "identifier" not in fields and "published_on" not in fields


def test_an_import_validated_by_the_workers_writes_the_same_editions(tmp_path, small_chunks):
    path = Path(shutil.copy(DATA / "iso_deliverables.jsonl", tmp_path / "iso.jsonl"))
    result = import_records(path, actor=SYSTEM, layout=ISO_JSONL, today=TODAY)
    assert (result.job.created, result.projects, result.records_created) == (7, 1, 7)
    assert Standard.objects.get(identifier="ISO 9001:2008").status_by == "ISO 9001:2015"
    again = import_records(path, actor=SYSTEM, layout=ISO_JSONL, today=TODAY)
    assert (again.job.created, again.job.updated, again.job.unchanged) == (0, 0, 7)
