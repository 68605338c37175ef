"""The messy catalogue file (tests/catalog/wild/make_messy.py): the default import refuses at most 0.5% of its
records and says why, --skip-invalid imports the rest, and every line is accounted for (0% lost silently)."""

import json
from pathlib import Path

import pytest

from biaozhun.catalog.importing import ImportRejected, run_import
from biaozhun.catalog.importing.jobs import validate_file
from biaozhun.catalog.models import Standard
from biaozhun.catalog.selectors import record_cleaner
from biaozhun.core.actors import SYSTEM
from tests.catalog.wild.make_messy import OUT, build

pytestmark = pytest.mark.django_db


def test_the_committed_file_is_what_the_generator_writes():
    assert [json.loads(line) for line in OUT.read_text(encoding="utf-8").splitlines()] == build()


def test_the_default_import_refuses_at_most_half_a_percent_and_names_each_record():
    plan = validate_file(OUT, "jsonl", record_cleaner(), keep_all=True)
    assert plan.count >= 1000
    assert plan.refused / plan.count <= 0.005
    assert plan.identical > 0 and plan.merged  # repeats folded, partial repeats merged
    lines = {e["line"] for e in plan.errors()}
    assert len(lines) == plan.refused


def test_skip_invalid_imports_everything_else_and_loses_nothing(tmp_path):
    with pytest.raises(ImportRejected):
        run_import(OUT, actor=SYSTEM)
    rejects = tmp_path / "messy.rejects.jsonl"
    job = run_import(OUT, actor=SYSTEM, skip_invalid=True, rejects_to=rejects)
    refused = rejects.read_text(encoding="utf-8").splitlines()
    assert len(refused) == job.rejected_records
    assert job.created + job.folded_records + job.rejected_records == job.total_records == Path(OUT).read_text(
        encoding="utf-8").count("\n")
    assert Standard.objects.count() == job.created
    assert Standard.objects.filter(identifier="DB1331/T " + Standard.objects.filter(
        region_code="1331").values_list("number", flat=True).first() + "-" + str(
        Standard.objects.filter(region_code="1331").values_list("year", flat=True).first())).exists()
