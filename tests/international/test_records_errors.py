"""Bad ISO/IEC input: each problem names its line and the layout's own field, nothing is written, and
--skip-invalid writes the refused lines in the input's own format."""

import csv
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from biaozhun.catalog.importing import ImportRejected
from biaozhun.catalog.models import Standard
from biaozhun.core.actors import SYSTEM
from biaozhun.international.services.records import ISO_CSV, ISO_JSONL, import_records
from biaozhun.international.services.records.stages import Phase, phase, read_stage

DATA = Path(__file__).parent / "data"


@pytest.mark.django_db
def test_every_bad_line_is_reported_with_its_field_and_nothing_is_written(tmp_path):
    path = Path(shutil.copy(DATA / "iso_bad.jsonl", tmp_path / "bad.jsonl"))
    with pytest.raises(ImportRejected) as refused:
        import_records(path, actor=SYSTEM, layout=ISO_JSONL, today=date(2026, 12, 3))
    found = {(error["line"], error["field"]) for error in refused.value.errors}
    assert found == {(2, "currentStage"), (3, "publicationDate"), (4, "replaces[1]"), (5, "(line)")}
    messages = {error["field"]: error["message"] for error in refused.value.errors}
    assert "6060" in messages["currentStage"]  # says what was expected
    assert "YYYY-MM-DD" in messages["publicationDate"]
    assert not Standard.objects.filter(tier="international").exists()


@pytest.mark.django_db
def test_skip_invalid_imports_the_rest_and_writes_rejects_as_jsonl(tmp_path):
    path = Path(shutil.copy(DATA / "iso_bad.jsonl", tmp_path / "bad.jsonl"))
    rejects = tmp_path / "bad.rejects.jsonl"
    result = import_records(path, actor=SYSTEM, layout=ISO_JSONL, skip_invalid=True, rejects_to=rejects,
                            today=date(2026, 12, 3))
    assert (result.job.created, result.job.rejected_records, result.records_created) == (1, 4, 1)
    lines = [json.loads(text) for text in rejects.read_text().splitlines()]
    assert [line["reject_line"] for line in lines] == [2, 3, 4, 5]
    assert lines[0]["reference"] == "ISO 14001:2015"  # ISO's own record, as the file had it
    assert lines[0]["reject_reasons"][0].startswith("currentStage: ")


@pytest.mark.django_db
def test_skip_invalid_writes_csv_rejects_for_a_csv_file(tmp_path):
    path = tmp_path / "iso.csv"
    text = (DATA / "iso_deliverables.csv").read_text(encoding="utf-8").replace("2022-10-25", "25.10.2022")
    path.write_text(text, encoding="utf-8")
    result = import_records(path, actor=SYSTEM, layout=ISO_CSV, skip_invalid=True, today=date(2026, 12, 3))
    assert result.job.rejected_records == 1
    with open(tmp_path / "iso.rejects.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(row["reference"], row["reject_line"]) for row in rows] == [("ISO/IEC 27001:2022", "3")]
    assert "publicationDate" in rows[0]["reject_reasons"]


@pytest.mark.django_db
def test_command_prints_each_problem_with_its_line(tmp_path, capsys):
    path = Path(shutil.copy(DATA / "iso_bad.jsonl", tmp_path / "bad.jsonl"))
    with pytest.raises(CommandError):
        call_command("import_international_records", str(path), "--no-progress")
    assert "bad.jsonl: line 2: currentStage:" in capsys.readouterr().err


@pytest.mark.django_db
def test_a_csv_without_reference_column_is_refused_by_its_header(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("id,title.en\n1,Something\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as refused:
        import_records(path, actor=SYSTEM, layout=ISO_CSV)
    assert refused.value.errors[0]["field"] == "(header)"


@pytest.mark.parametrize(("value", "code"), [(6060, 6060), ("60.60", 6060), ("9093", 9093), ("PPUB", 6060),
                                             ("delpub", 9599), (9599, 9599), (4020, 4020)])
def test_stage_codes_are_read_in_every_spelling(value, code):
    assert read_stage(value) == code


@pytest.mark.parametrize("value", [6061, "published", None, True, 12345, "60-60"])
def test_what_is_not_a_stage_code_is_refused(value):
    assert read_stage(value) is None


def test_phases_of_the_harmonized_stages():
    assert [phase(code) for code in (0, 4020, 5020, 6000, 6060, 9092, 9093, 9560, 9599)] == [
        Phase.DEVELOPMENT, Phase.DEVELOPMENT, Phase.DEVELOPMENT, Phase.DEVELOPMENT, Phase.PUBLISHED,
        Phase.PUBLISHED, Phase.PUBLISHED, Phase.PUBLISHED, Phase.WITHDRAWN]
