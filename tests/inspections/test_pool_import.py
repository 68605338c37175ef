"""The inspector pool imported from XLSX on a campaign's work page: the template with the current pool, all or
nothing with every problem by line and column, files checked before they are read, the authority's people only."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from biaozhun.core.errors import PermissionDeniedError, ValidationFailed
from biaozhun.inspections import pool_format, services
from biaozhun.inspections.models import CampaignEvent, CampaignEventKind, Inspector
from tests.factories.accounts import UserFactory
from tests.fixtures.hostile_files import zip_bomb_xlsx

pytestmark = pytest.mark.django_db
HEAD = [str(h) for h in pool_format.COLUMNS.values()]


def xlsx(*rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def counts(authority):
    return Inspector.objects.filter(authority=authority).count(), CampaignEvent.objects.count()


def upload(client, campaign, content: bytes, name: str = "pool.xlsx"):
    return client.post(reverse("inspections:work_pool_import", args=[campaign.pk]),
                       {"file": SimpleUploadedFile(name, content)})


def test_a_file_adds_new_inspectors_and_changes_known_ones_with_an_event_each(bureau, bureau_user, pool):
    known = pool[0]
    rows = pool_format.read_pool_rows(xlsx(
        HEAD, ["JS0100", "新检查员", "苏州市质检所", 320500, "机电", ""],
        [], [known.number, known.name, "南京市市场监督管理局", "3201", "食品", "否"],
        [pool[1].number, pool[1].name, pool[1].organisation, pool[1].region_code, "", "是"]), "pool.xlsx")
    result = services.import_inspectors(bureau_user, authority=bureau, rows=rows, source_name="pool.xlsx")
    assert (len(result.created), len(result.changed), result.unchanged) == (1, 1, 1)
    added = Inspector.objects.get(authority=bureau, number="JS0100")
    assert (added.region_code, added.specialty, added.is_active) == ("320500", "机电", True)
    known.refresh_from_db()
    assert (known.organisation, known.specialty, known.is_active) == ("南京市市场监督管理局", "食品", False)
    kinds = list(CampaignEvent.objects.filter(authority=bureau, kind__in=[
        CampaignEventKind.INSPECTOR_ADDED, CampaignEventKind.INSPECTOR_CHANGED]).values_list("kind", "data"))
    assert (CampaignEventKind.INSPECTOR_ADDED, {"source": "pool.xlsx", "line": 2, "number": "JS0100"}) in kinds
    changed = next(data for kind, data in kinds if kind == CampaignEventKind.INSPECTOR_CHANGED)
    assert changed["line"] == 4 and changed["before"]["is_active"] is True and changed["after"]["is_active"] is False


def test_problems_refuse_the_whole_file_naming_each_line_and_column(bureau, bureau_user, pool):
    before = counts(bureau)
    rows = pool_format.read_pool_rows(xlsx(
        HEAD, ["JS0200", "甲", "", "3", "", ""], ["", "乙", "", "", "", ""], ["JS0200", "丙", "", "", "", "可能"],
        ["JS0201", "", "", "32010", "", ""]), "pool.xlsx")
    with pytest.raises(ValidationFailed) as refused:
        services.import_inspectors(bureau_user, authority=bureau, rows=rows, columns=pool_format.headings())
    found = {(e["line"], e["column"]) for e in refused.value.errors}
    assert found == {(2, "所在地区代码"), (3, "执法证号"), (4, "执法证号"), (4, "在库"), (5, "姓名"), (5, "所在地区代码")}
    assert all(e["message"] for e in refused.value.errors)
    assert counts(bureau) == before


def test_the_template_lists_the_pool_and_imports_back_unchanged(client, draft_campaign, bureau, bureau_user, pool):
    client.force_login(bureau_user)
    response = client.get(reverse("inspections:work_pool_template", args=[draft_campaign.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == HEAD and {row[0] for row in values[1:]} == set(
        Inspector.objects.filter(authority=bureau).values_list("number", flat=True))
    before = counts(bureau)
    rows = pool_format.read_pool_rows(response.content, "inspectors.xlsx")
    result = services.import_inspectors(bureau_user, authority=bureau, rows=rows)
    assert result.unchanged == len(values) - 1 and not result.created and not result.changed
    assert counts(bureau) == before


def test_the_page_imports_a_good_file_and_goes_back_to_the_campaign(client, draft_campaign, bureau, bureau_user):
    client.force_login(bureau_user)
    response = upload(client, draft_campaign, xlsx(HEAD, ["JS0300", "页面导入", "省质检院", "3205", "", ""]))
    assert response.status_code == 302 and response["Location"] == reverse("inspections:work_campaign",
                                                                            args=[draft_campaign.pk])
    assert Inspector.objects.filter(authority=bureau, number="JS0300").exists()
    page = client.get(response["Location"]).content.decode()
    assert 'id="pool-import-form"' in page and "检查人员名录已导入" in page


def test_the_page_lists_the_problems_and_writes_nothing(client, draft_campaign, bureau, bureau_user):
    client.force_login(bureau_user)
    before = counts(bureau)
    response = upload(client, draft_campaign, xlsx(HEAD, ["JS0400", "", "", "abc", "", ""]))
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="import-errors"' in page and "所在地区代码" in page and "姓名" in page
    assert counts(bureau) == before


@pytest.mark.parametrize(("content", "name", "message"), [
    (b"number,name\nJS1,x\n", "pool.csv", "请上传 .xlsx 文件"),
    (xlsx(["姓名"], ["x"]), "pool.xlsx", "缺少列"),
    (zip_bomb_xlsx(), "bomb.xlsx", "解压后|压缩比"),
])
def test_files_that_cannot_be_read_are_refused_with_what_to_do_and_nothing_written(
        client, draft_campaign, bureau, bureau_user, content, name, message):
    import re

    client.force_login(bureau_user)
    before = counts(bureau)
    response = upload(client, draft_campaign, content, name)
    assert response.status_code == 422 and re.search(message, response.content.decode())
    assert counts(bureau) == before


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(client, settings, draft_campaign, bureau,
                                                                 bureau_user):
    settings.BIAOZHUN_MAX_VALIDITY_UPLOAD_BYTES = 1000
    client.force_login(bureau_user)
    before = counts(bureau)
    response = upload(client, draft_campaign, xlsx(HEAD, *[[f"JS{n:04d}", "x" * 50, "", "", "", ""]
                                                          for n in range(200)]))
    assert response.status_code == 413 and counts(bureau) == before


def test_only_the_authoritys_people_import_its_pool(client, draft_campaign, bureau, other_bureau):
    outsider = UserFactory(member_of=other_bureau)
    before = counts(bureau)
    with pytest.raises(PermissionDeniedError):
        services.import_inspectors(outsider, authority=bureau, rows=pool_format.read_pool_rows(
            xlsx(HEAD, ["JS0500", "外省", "", "", "", ""]), "pool.xlsx"))
    client.force_login(outsider)
    assert upload(client, draft_campaign, xlsx(HEAD, ["JS0500", "外省", "", "", "", ""])).status_code == 403
    assert client.get(reverse("inspections:work_pool_template", args=[draft_campaign.pk])).status_code == 403
    assert counts(bureau) == before


def test_after_the_commitment_the_campaign_page_says_the_pool_is_fixed(client, committed_campaign, bureau_user):
    client.force_login(bureau_user)
    page = client.get(reverse("inspections:work_campaign", args=[committed_campaign.pk])).content.decode()
    assert 'id="pool-heading"' in page and 'id="pool-import-form"' not in page and "已在公布承诺值时固定" in page
