"""ISO's and IEC's records where people meet them: the back office's upload (layout chosen by the publisher,
all-or-nothing or skipping invalid records, rejects handed out privately) and the edition's page."""

import shutil
from pathlib import Path

import pytest
from django.urls import reverse

from biaozhun.catalog.models import ImportJob, Standard
from biaozhun.core.actors import SYSTEM
from biaozhun.international.models import InternationalRecord
from biaozhun.international.services.records import ISO_JSONL, import_records

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
UPLOAD = "admin:international_internationalrecord_upload"


def post(client, name, **fields):
    with open(DATA / name, "rb") as handle:
        return client.post(reverse(UPLOAD), {"file": handle, "organisation": "ISO", **fields})


def test_an_invalid_file_is_refused_whole_with_each_problem_under_isos_field_names(client, admin_user):
    client.force_login(admin_user)
    response = post(client, "iso_bad.jsonl")
    assert response.status_code == 200
    page = response.content.decode()
    assert "currentStage" in page and "<td>2</td>" in page  # the field as ISO names it, and its line
    assert not Standard.objects.exists() and not InternationalRecord.objects.exists()


def test_skipping_invalid_records_imports_the_rest_and_keeps_the_rejects_private(client, admin_user,
                                                                                 registered_user):
    client.force_login(admin_user)
    response = post(client, "iso_bad.jsonl", skip_invalid="on")
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{job.pk}/change/")
    assert job.file_format == ISO_JSONL and job.rejected_records > 0
    assert InternationalRecord.objects.count() == job.created
    download = client.get(reverse("admin:catalog_importjob_rejects", args=[job.pk]))
    assert download.status_code == 200 and download["Content-Type"].startswith("application/x-ndjson")
    assert 'filename="iso_bad.rejects.jsonl"' in download["Content-Disposition"]
    assert len(b"".join(download.streaming_content).splitlines()) == job.rejected_records
    client.force_login(registered_user)
    assert client.get(reverse("admin:catalog_importjob_rejects", args=[job.pk])).status_code in (302, 403)
    assert client.get(reverse(UPLOAD)).status_code in (302, 403)


def test_a_file_the_publishers_layout_cannot_be_is_refused_by_its_field(client, admin_user):
    client.force_login(admin_user)
    with open(DATA / "iso_deliverables.csv", "rb") as handle:
        response = client.post(reverse(UPLOAD), {"file": handle, "organisation": "IEC"})
    assert response.status_code == 200
    assert "IEC 的记录请上传 .jsonl 文件" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_the_record_list_shows_stage_codes_with_their_meaning(client, admin_user, tmp_path):
    import_records(shutil.copy(DATA / "iso_deliverables.jsonl", tmp_path / "iso.jsonl"), actor=SYSTEM,
                   layout=ISO_JSONL)
    client.force_login(admin_user)
    page = client.get(reverse("admin:international_internationalrecord_changelist"), {"q": "ISO 9001:2015"})
    assert page.status_code == 200
    assert "90.92 复审结论：修订" in page.content.decode()
    assert reverse(UPLOAD) in page.content.decode()


def test_an_iso_editions_page_shows_isos_record_and_a_chinese_one_does_not(client, tmp_path):
    import_records(shutil.copy(DATA / "iso_deliverables.jsonl", tmp_path / "iso.jsonl"), actor=SYSTEM,
                   layout=ISO_JSONL)
    page = client.get(Standard.objects.get(identifier="ISO 9001:2015").get_absolute_url()).content.decode()
    assert 'id="iso-record"' in page
    assert "90.92" in page and "复审结论：修订" in page
    assert "https://www.iso.org/standard/62085.html" in page
    assert "Systèmes de management de la qualité" in page
    client.cookies["django_language"] = "en"
    english = client.get(Standard.objects.get(identifier="ISO 9001:2015").get_absolute_url()).content.decode()
    assert "ISO record" in english and "to be revised" in english
