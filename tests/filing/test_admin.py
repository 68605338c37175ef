"""The filing admin shows what the workflow writes (batches and their rows, periodic review conclusions and abolition
announcements, supersession flags and their history) and changes none of it: they change only through the
services, which check the policy and record every step."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from biaozhun.filing.models import (
    AbolitionNotice,
    FilingBatch,
    FilingBatchState,
    FlagState,
    ReviewOutcome,
    StandardReview,
    SupersessionFlag,
)
from biaozhun.filing.services import NoticeInput, conclude_reviews
from tests.fixtures.catalog import make_standard
from tests.fixtures.filing import batch_row, send_batch

pytestmark = pytest.mark.django_db

MODELS = ["filingbatch", "standardreview", "abolitionnotice", "supersessionflag"]


@pytest.fixture
def filed_batch(bureau, bureau_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        batch = send_batch(bureau_user, bureau, [batch_row("DB32/T 7101-2026"), batch_row("DB32/T 7102-2026")])
    batch.refresh_from_db()
    assert batch.state == FilingBatchState.DONE
    return batch


@pytest.fixture
def abolition(ministry, ministry_user):
    """JB/T 71-2021, due for review, abolished by the ministry's announcement 2026年第9号."""
    standard = make_standard("JB/T 71-2021", title_zh="机床 数控系统 通用技术条件", published_on="2021-05-01",
                             implemented_on="2021-05-01")
    with time_machine.travel(datetime(2026, 6, 1, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        [review] = conclude_reviews(actor=ministry_user, standards=[standard], outcome=ReviewOutcome.ABOLISH,
                                    reason="已被国家标准代替", notice=NoticeInput(
                                        notice_number="2026年第9号", notice_date=date(2026, 6, 1),
                                        abolished_on=date(2026, 7, 1)))
    return review


@pytest.fixture
def records(filed_batch, abolition, jb_flag):
    return {"filingbatch": filed_batch, "standardreview": abolition, "abolitionnotice": abolition.notice,
            "supersessionflag": jb_flag}


def url(model: str, view: str, *args) -> str:
    return reverse(f"admin:filing_{model}_{view}", args=args)


@pytest.mark.parametrize("model", MODELS)
def test_the_changelist_renders_searches_and_filters_for_a_staff_admin(admin_client, records, model,
                                                                       django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = admin_client.get(url(model, "changelist"))
    assert response.status_code == 200
    page = response.content.decode()
    assert f'href="{url(model, "change", records[model].pk)}' in page  # to its read-only detail
    assert 'value="delete_selected"' not in page  # no bulk delete
    assert url(model, "add") not in page
    assert admin_client.get(url(model, "changelist"), {"q": "DB32/T 7101"}).status_code == 200


def test_the_lists_show_and_find_what_the_workflow_wrote(admin_client, records):
    batches = admin_client.get(url("filingbatch", "changelist"), {"q": "DB32/T 7102-2026"}).content.decode()
    assert "batch.jsonl" in batches and "江苏省市场监督管理局" in batches
    reviews = admin_client.get(url("standardreview", "changelist"), {"outcome__exact": "abolish"}).content.decode()
    assert "JB/T 71-2021" in reviews and "2026年第9号" in reviews
    flags = admin_client.get(url("supersessionflag", "changelist"), {"state__exact": "open"}).content.decode()
    assert "GB/T 41001-2025" in flags


@pytest.mark.parametrize("model", MODELS)
def test_the_detail_page_renders_read_only(admin_client, records, model):
    response = admin_client.get(url(model, "change", records[model].pk))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="_save"' not in page and url(model, "delete", records[model].pk) not in page


def test_the_batch_detail_shows_its_rows_and_filings_but_not_its_private_files(admin_client, filed_batch):
    page = admin_client.get(url("filingbatch", "change", filed_batch.pk)).content.decode()
    assert "DB32/T 7101-2026" in page and "DB32/T 7102-2026" in page
    assert "已完成" in page and "已提交" in page  # the state and counts the task wrote
    assert "filing_batches/" not in page  # the stored files' names (their private storage) are not shown


def test_the_flag_and_announcement_details_show_their_history(admin_client, jb_flag, abolition):
    flag_page = admin_client.get(url("supersessionflag", "change", jb_flag.pk)).content.decode()
    assert "发现" in flag_page  # its "created" event
    assert "待处理" in flag_page  # its state
    notice_page = admin_client.get(url("abolitionnotice", "change", abolition.notice_id)).content.decode()
    assert "JB/T 71-2021" in notice_page and "已被国家标准代替" in notice_page


@pytest.mark.parametrize("model", MODELS)
def test_the_admin_cannot_add_change_or_delete_directly(admin_client, records, model):
    record = records[model]
    assert admin_client.get(url(model, "add")).status_code == 403
    assert admin_client.post(url(model, "add"), {}).status_code == 403
    assert admin_client.post(url(model, "change", record.pk), {"state": "done", "outcome": "confirm",
                                                               "notice_number": "改过的"}).status_code == 403
    assert admin_client.get(url(model, "delete", record.pk)).status_code == 403
    assert admin_client.post(url(model, "delete", record.pk), {"post": "yes"}).status_code == 403
    response = admin_client.post(url(model, "changelist"), {"action": "delete_selected", "_selected_action": [record.pk],
                                                            "post": "yes"})
    assert response.status_code in (200, 302)  # the action does not exist: Django says so and deletes nothing
    assert type(record).objects.filter(pk=record.pk).exists()


def test_nothing_the_admin_posted_was_written(admin_client, records):
    before = (list(FilingBatch.objects.values()), list(StandardReview.objects.values()),
              list(AbolitionNotice.objects.values()), list(SupersessionFlag.objects.values()))
    for model in MODELS:
        admin_client.post(url(model, "change", records[model].pk), {"state": FlagState.DISMISSED})
    after = (list(FilingBatch.objects.values()), list(StandardReview.objects.values()),
             list(AbolitionNotice.objects.values()), list(SupersessionFlag.objects.values()))
    assert after == before
