"""ISO and IEC records imported into the catalogue: editions, statuses from stages, relations, ISO's own fields,
idempotence and history."""

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

from biaozhun.catalog.models import Standard, StandardEvent
from biaozhun.core.actors import SYSTEM
from biaozhun.international.models import InternationalRecord
from biaozhun.international.services.records import IEC_JSONL, ISO_CSV, ISO_JSONL, import_records

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
TODAY = date(2026, 12, 3)


def copy(tmp_path, name):
    return Path(shutil.copy(DATA / name, tmp_path / name))


def edition(identifier):
    return Standard.objects.get(identifier=identifier)


def test_iso_jsonl_creates_published_editions_and_leaves_projects_out(tmp_path):
    result = import_records(copy(tmp_path, "iso_deliverables.jsonl"), actor=SYSTEM, layout=ISO_JSONL, today=TODAY)
    assert (result.job.created, result.projects) == (7, 1)
    assert not Standard.objects.filter(identifier__contains="DIS").exists()
    iso9001 = edition("ISO 9001:2015")
    assert (iso9001.tier, iso9001.tc_code, iso9001.published_on) == ("international", "ISO/TC 176/SC 2", date(2015, 9, 22))
    assert iso9001.ics_codes == ["03.120.10", "03.100.70"]
    assert iso9001.scope.startswith("ISO 9001:2015 specifies requirements") and "<p>" not in iso9001.scope
    assert "& more." in iso9001.scope  # entities decoded
    record = iso9001.international_record
    assert (record.source_id, record.edition, record.stage, record.stage_code) == (62085, "5", 9092, "90.92")
    assert record.title_fr == "Systèmes de management de la qualité — Exigences"
    assert (record.languages, record.pages) == (["ar", "en", "es", "fr", "ru"], {"en": 29})


def test_withdrawn_editions_are_replaced_through_relations_resolved_by_iso_id(tmp_path):
    import_records(copy(tmp_path, "iso_deliverables.jsonl"), actor=SYSTEM, layout=ISO_JSONL, today=TODAY)
    old = edition("ISO 9001:2008")
    assert (old.status, old.status_by, old.abolished_on) == ("replaced", "ISO 9001:2015", None)
    # ISO 9001:2000 names its successor only through replacedBy; ISO 9001:2008 lists it in replaces too
    assert edition("ISO 9001:2000").status == "replaced"
    assert edition("ISO 14001:2004").status_by == "ISO 14001:2015"
    relation = edition("ISO 9001:2015").relations_out.get(kind="replaces")
    assert relation.target == old
    # confirmed (90.93) and to-be-revised (90.92) editions stay current; a replacedBy pointing at a project does not
    # replace anything
    assert edition("ISO 14001:2015").status == "current"
    assert edition("ISO 9001:2015").status == "current"


def test_iso_csv_layout_reads_flattened_titles_and_separated_lists(tmp_path):
    result = import_records(copy(tmp_path, "iso_deliverables.csv"), actor=SYSTEM, layout=ISO_CSV, today=TODAY)
    assert result.job.created == 3
    isms = edition("ISO/IEC 27001:2022")
    assert isms.ics_codes == ["03.100.70", "35.030"]
    assert isms.issued_by == ["ISO", "IEC"]
    assert isms.international_record.title_fr.startswith("Sécurité de l'information")
    assert edition("ISO/IEC 27001:2013").status == "replaced"
    assert InternationalRecord.objects.get(standard__identifier="ISO 3166-1:2020").replaces == [63545]
    assert result.unresolved == 2  # ISO 27001:2005 (42103) and ISO 3166-1:2013 (63545) are in no file


def test_iec_layout_statuses_from_stage_names_and_withdrawal_dates(tmp_path):
    result = import_records(copy(tmp_path, "iec_publications.jsonl"), actor=SYSTEM, layout=IEC_JSONL, today=TODAY)
    assert (result.job.created, result.projects) == (4, 1)
    assert edition("IEC 60335-1:2010").status == "replaced"
    assert edition("IEC 60335-1:2020").international_record.edition == "6.0"
    emc = edition("IEC 61000-4-2:1995")
    assert (emc.status, emc.abolished_on) == ("abolished", date(2008, 12, 9))
    ip = edition("IEC 60529:1989+AMD1:1999+AMD2:2013 CSV")
    assert (ip.status, ip.international_record.stage, ip.international_record.pages) == ("current", 6060, {"en": 114})
    # the edition IEC 60335-1:2010 replaces is in no file: the relation waits for it by number
    waiting = edition("IEC 60335-1:2010").relations_out.get(kind="replaces")
    assert (waiting.target_identifier, waiting.target_id) == ("IEC 60335-1:2001", None)


def test_a_relation_across_files_resolves_by_number_when_the_other_file_comes(tmp_path):
    import_records(copy(tmp_path, "iec_publications.jsonl"), actor=SYSTEM, layout=IEC_JSONL, today=TODAY)
    older = tmp_path / "older.jsonl"
    older.write_text(json.dumps({"reference": "IEC 60335-1:2001", "title": "Household appliances", "stage": "DELPUB",
                                 "publication_date": "2001-05-01", "replaced_by": ["IEC 60335-1:2010"]}) + "\n")
    import_records(older, actor=SYSTEM, layout=IEC_JSONL, today=TODAY)
    assert edition("IEC 60335-1:2010").relations_out.get(kind="replaces").target == edition("IEC 60335-1:2001")
    assert edition("IEC 60335-1:2001").status == "replaced"


def test_iso_ids_of_an_earlier_file_resolve_relations(tmp_path):
    lines = (DATA / "iso_deliverables.jsonl").read_text().splitlines()
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text(lines[1] + "\n")  # ISO 9001:2008, withdrawn, replacedBy 62085 (not yet known)
    second.write_text(lines[2] + "\n")  # ISO 9001:2015, replaces 46486 (known from the first file)
    import_records(first, actor=SYSTEM, layout=ISO_JSONL, today=TODAY)
    assert edition("ISO 9001:2008").status == "abolished"  # nothing known replaces it yet
    import_records(second, actor=SYSTEM, layout=ISO_JSONL, today=TODAY)
    assert edition("ISO 9001:2015").relations_out.get(kind="replaces").target == edition("ISO 9001:2008")
    import_records(first, actor=SYSTEM, layout=ISO_JSONL, today=TODAY)  # ISO's next daily file
    assert edition("ISO 9001:2008").status == "replaced"


def test_importing_the_same_file_again_changes_nothing_and_records_nothing(tmp_path):
    path = copy(tmp_path, "iso_deliverables.jsonl")
    import_records(path, actor=SYSTEM, layout=ISO_JSONL, today=TODAY)
    events = StandardEvent.objects.count()
    again = import_records(path, actor=SYSTEM, layout=ISO_JSONL, today=date(2027, 1, 15))
    assert (again.job.created, again.job.updated, again.job.unchanged) == (0, 0, 7)
    assert (again.records_created, again.records_updated) == (0, 0)
    assert StandardEvent.objects.count() == events


def test_a_withdrawn_edition_nothing_replaces_keeps_the_date_it_was_first_seen_withdrawn(tmp_path):
    path = tmp_path / "w.jsonl"
    path.write_text(json.dumps({"id": 1, "reference": "ISO 2:1973", "currentStage": 9599, "title": {"en": "Textiles"},
                                "publicationDate": "1973-02-01"}) + "\n")
    import_records(path, actor=SYSTEM, layout=ISO_JSONL, today=TODAY)
    import_records(path, actor=SYSTEM, layout=ISO_JSONL, today=date(2027, 3, 1))
    withdrawn = edition("ISO 2:1973")
    assert (withdrawn.status, withdrawn.abolished_on) == ("abolished", TODAY)


def test_changed_stage_title_and_status_are_in_the_editions_history(tmp_path):
    path = tmp_path / "a.jsonl"
    record = {"id": 60857, "reference": "ISO 14001:2015", "currentStage": 6060, "publicationDate": "2015-09-15",
              "title": {"en": "Environmental management systems"}, "edition": 3}
    path.write_text(json.dumps(record) + "\n")
    import_records(path, actor=SYSTEM, layout=ISO_JSONL, today=TODAY)
    standard = edition("ISO 14001:2015")
    before = set(standard.events.values_list("id", flat=True))

    record.update(currentStage=9093, title={"en": "Environmental management systems — Requirements"})
    path.write_text(json.dumps(record) + "\n")
    result = import_records(path, actor=SYSTEM, layout=ISO_JSONL, today=TODAY)
    assert (result.job.updated, result.records_updated) == (1, 1)
    new = standard.events.exclude(id__in=before)
    befores = [event.data["before"] for event in new if event.kind == "updated"]
    assert {"title_en": "Environmental management systems"} in befores
    assert {"international.stage": 6060} in befores

    record.update(currentStage=9599)
    path.write_text(json.dumps(record) + "\n")
    import_records(path, actor=SYSTEM, layout=ISO_JSONL, today=TODAY)
    status = standard.events.filter(kind="status_changed").last()
    assert (status.from_status, status.to_status) == ("current", "abolished")
    assert edition("ISO 14001:2015").international_record.stage == 9599


def test_management_command_imports_iso_and_iec_files(tmp_path, capsys):
    call_command("import_international_records", str(copy(tmp_path, "iso_deliverables.csv")), "--no-progress")
    call_command("import_international_records", str(copy(tmp_path, "iec_publications.jsonl")), "--organisation",
                 "IEC", "--no-progress")
    out = capsys.readouterr().out
    assert "3 editions: 3 created" in out
    assert "4 editions: 4 created, 0 updated, 0 unchanged; 1 projects under development left out" in out
    assert InternationalRecord.objects.filter(organisation="IEC").count() == 4


def test_a_second_import_of_a_file_sees_what_the_catalogue_learnt_in_between(tmp_path):
    from biaozhun.catalog.importing import run_import

    lines = (DATA / "iso_deliverables.jsonl").read_text().splitlines()
    first = tmp_path / "first.jsonl"
    first.write_text(lines[1] + "\n")  # ISO 9001:2008, withdrawn; nothing known replaces it
    import_records(first, actor=SYSTEM, layout=ISO_JSONL, today=TODAY)
    assert edition("ISO 9001:2008").status == "abolished"
    catalogue = tmp_path / "catalogue.jsonl"  # the catalogue's own format, not an ISO file
    catalogue.write_text(json.dumps({"identifier": "ISO 9001:2015", "title_en": "Quality management systems",
                                     "published_on": "2015-09-22", "replaces": ["ISO 9001:2008"]}) + "\n")
    run_import(catalogue, actor=SYSTEM, today=TODAY)
    import_records(first, actor=SYSTEM, layout=ISO_JSONL, today=TODAY)
    assert edition("ISO 9001:2008").status == "replaced"
