"""Batch filing through the service: XLSX and JSONL batches filed, every problem reported by line and field,
all-or-nothing or the valid rows only, and a batch that stops half-way resumed without filing a row twice."""

from __future__ import annotations

import io
import zipfile
from datetime import date, timedelta

import pytest

from biaozhun.core import clock
from biaozhun.core.actors import SYSTEM
from biaozhun.core.errors import PayloadTooLarge, PermissionDeniedError, ValidationFailed
from biaozhun.core.spreadsheets import Workbook
from biaozhun.filing.batch_format import header_label
from biaozhun.filing.models import Filing, FilingBatch, FilingBatchRow, FilingBatchState, FilingEventKind, FilingState
from biaozhun.filing.services import submission
from biaozhun.filing.services.batch import process_batch
from tests.factories.files import HTML_AFTER_HEADER, real_pdf
from tests.fixtures.filing import batch_row, jsonl_bytes, send_batch, text_name, texts_zip

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Send a batch and run its task (as the worker would once the upload's transaction commits)."""

    def send(*args, **kwargs) -> FilingBatch:
        with django_capture_on_commit_callbacks(execute=True):
            batch = send_batch(*args, **kwargs)
        batch.refresh_from_db()
        return batch

    return send


def problems_of(batch: FilingBatch) -> set[tuple[str, str]]:
    return {(p["line"], p["field"]) for p in batch.errors}


def xlsx_bytes(rows: list[dict], fields: list[str]) -> bytes:
    book = Workbook()
    sheet = book.sheet("备案")
    sheet.append([header_label(name) for name in fields])
    for row in rows:
        sheet.append([row.get(name) for name in fields])
    return book.to_bytes()


# --- Filed --------------------------------------------------------------------------------------------------------

def test_a_jsonl_batch_is_checked_then_every_row_filed_with_its_text(bureau, bureau_user, run):
    numbers = ["DB32/T 5001-2026", "DB32/T 5002-2026", "DB32/T 5003-2026"]
    batch = run(bureau_user, bureau, [batch_row(n) for n in numbers])
    assert batch.state == FilingBatchState.DONE
    assert (batch.rows, batch.filed, batch.refused, batch.errors) == (3, 3, 0, [])
    filings = Filing.objects.order_by("identifier")
    assert [f.identifier for f in filings] == numbers
    assert all(f.state == FilingState.SUBMITTED and f.submitted_by == bureau_user for f in filings)
    assert all(f.fulltext_pages == 1 and f.checks for f in filings)
    assert list(batch.entries.values_list("line", "filing__identifier")) == list(zip(["1", "2", "3"], numbers,
                                                                                   strict=True))
    first = filings.first()
    assert list(first.events.values_list("kind", flat=True)) == [FilingEventKind.SUBMITTED, FilingEventKind.CHECKED]
    assert not batch.zip_file  # the texts now live with their filings


def test_an_xlsx_batch_with_the_templates_headers_and_date_cells_is_filed(miit, ministry_user, run):
    rows = [batch_row("QC/T 1501-2026", approved_by="工业和信息化部", notice_number="2026年第3号"),
            batch_row("JB/T 15002-2026", approved_by="工业和信息化部", notice_number="2026年第3号")]
    for row in rows:
        row["published_on"] = date.fromisoformat(row["published_on"])
        row["notice_date"] = date.fromisoformat(row["notice_date"])
        row["ics"] = "43.120"
        row["drafting_units"] = "中国汽车技术研究中心有限公司;机械工业仪器仪表综合技术经济研究所"
    fields = ["identifier", "title_zh", "scope", "ccs", "ics", "published_on", "drafting_units", "approved_by",
              "notice_number", "notice_date", "text_file"]
    batch = run(ministry_user, miit, rows, data=xlsx_bytes(rows, fields), data_name="批量备案.xlsx")
    assert batch.state == FilingBatchState.DONE, batch.errors
    assert list(batch.entries.values_list("line", flat=True)) == ["2", "3"]  # row 1 is the header
    filing = Filing.objects.get(identifier="QC/T 1501-2026")
    assert filing.notice_date == rows[0]["notice_date"] and filing.approved_by == "工业和信息化部"
    assert filing.record["drafting_units"] == rows[0]["drafting_units"].split(";")  # a list, as from JSONL


# --- Every problem, by line and field -----------------------------------------------------------------------------

def test_every_problem_is_reported_by_line_and_field_and_nothing_is_filed(bureau, bureau_user, run, make_input):
    from biaozhun.filing.services import submit_filing

    submit_filing(actor=bureau_user, authority=bureau, data=make_input("DB32/T 5108-2026"))
    rows = [
        batch_row("DB32/T 5101-2026"),  # 1: fine
        batch_row("DB32/T 5102-20"),  # 2: not a number
        batch_row("DB32/T 5103-2026", title_zh=""),  # 3: no title
        batch_row("DB32/T 5104-2026", notice_date="2026年1月"),  # 4: not a date
        batch_row("DB32/T 5105-2026", text_file="缺少的文本.pdf"),  # 5: not in the ZIP
        batch_row("DB32/T 5101-2026", text_file="again.pdf"),  # 6: the same edition as line 1
        batch_row("DB33/T 5107-2026"),  # 7: another province's number
        batch_row("DB32/T 5108-2026"),  # 8: already filed
        batch_row("DB32/T 5109-2026", text_file="not-a-pdf.pdf"),  # 9: a text that is no PDF
    ]
    texts = {row["text_file"]: real_pdf(row["identifier"]) for row in rows if row["text_file"] != "缺少的文本.pdf"}
    texts["not-a-pdf.pdf"] = HTML_AFTER_HEADER
    texts["extra.pdf"] = real_pdf("nobody names me")
    batch = run(bureau_user, bureau, rows, texts=texts_zip(texts))
    assert batch.state == FilingBatchState.REJECTED
    assert problems_of(batch) == {("2", "identifier"), ("3", "title_zh"), ("4", "notice_date"), ("5", "text_file"),
                                  ("6", "identifier"), ("7", "identifier"), ("8", "identifier"), ("9", "text_file"),
                                  ("(zip)", "extra.pdf")}
    assert [p["line"] for p in batch.errors] == ["2", "3", "4", "5", "6", "7", "8", "9", "(zip)"]  # file order
    messages = {p["line"]: p["message"] for p in batch.errors}
    assert "缺少的文本.pdf" in messages["5"] and "第 1 行" in messages["6"] and "已有备案" in messages["8"]
    assert "不是有效的 PDF" in messages["9"] and "DB33/T 5107-2026" in messages["7"]
    assert batch.refused == 8 and batch.rows == 9
    assert Filing.objects.count() == 1  # only the one filed before
    assert not FilingBatchRow.objects.exists()


def test_valid_only_files_the_rows_without_problems_and_lists_the_others(bureau, bureau_user, run):
    rows = [batch_row("DB32/T 5201-2026"), batch_row("DB32/T 5202-2026", title_zh=""), batch_row("DB32/T 5203-2026")]
    batch = run(bureau_user, bureau, rows, valid_only=True)
    assert batch.state == FilingBatchState.DONE
    assert (batch.filed, batch.refused) == (2, 1)
    assert problems_of(batch) == {("2", "title_zh")}
    assert set(Filing.objects.values_list("identifier", flat=True)) == {"DB32/T 5201-2026", "DB32/T 5203-2026"}


def test_all_or_nothing_is_the_default(bureau, bureau_user, run):
    rows = [batch_row("DB32/T 5211-2026"), batch_row("DB32/T 5212-2026", title_zh="")]
    assert run(bureau_user, bureau, rows).state == FilingBatchState.REJECTED
    assert not Filing.objects.exists()


def test_more_rows_than_a_batch_may_hold_are_refused_as_a_whole_even_with_valid_only(bureau, bureau_user, run,
                                                                                      settings):
    settings.BIAOZHUN_FILING_BATCH_LIMITS = {**settings.BIAOZHUN_FILING_BATCH_LIMITS, "rows": 2}
    rows = [batch_row(f"DB32/T {n}-2026") for n in (5221, 5222, 5223)]
    batch = run(bureau_user, bureau, rows, valid_only=True)
    assert batch.state == FilingBatchState.REJECTED
    assert ("(file)", "data") in problems_of(batch)
    assert not Filing.objects.exists()


def test_a_line_that_is_not_json_is_reported_with_the_others(bureau, bureau_user, run):
    data = jsonl_bytes([batch_row("DB32/T 5231-2026")]) + b"{not json\n" + jsonl_bytes([batch_row("DB32/T 5232-2026",
                                                                                                    title_zh="")])
    batch = run(bureau_user, bureau, [batch_row("DB32/T 5231-2026"), batch_row("DB32/T 5232-2026")], data=data)
    assert problems_of(batch) == {("2", "(line)"), ("3", "title_zh")}


def test_an_unknown_column_names_the_header(bureau, bureau_user, run):
    rows = [batch_row("DB32/T 5241-2026")]
    batch = run(bureau_user, bureau, rows, data=_with_unknown(rows), data_name="b.xlsx")
    assert problems_of(batch) == {("(header)", "data")}
    assert "颜色" in batch.errors[0]["message"]


def _with_unknown(rows: list[dict]) -> bytes:
    book = Workbook()
    sheet = book.sheet("备案")
    sheet.append(["identifier", "颜色"])
    for row in rows:
        sheet.append([row["identifier"], "红"])
    return book.to_bytes()


class GbkName(zipfile.ZipInfo):
    """A member named in GBK without the UTF-8 flag, as archivers on Chinese Windows write names."""

    def __init__(self, name: str) -> None:
        super().__init__(name.encode("gbk").decode("cp437"))

    def _encodeFilenameFlags(self):
        return self.filename.encode("cp437"), self.flag_bits


def test_a_text_named_by_its_file_name_alone_is_found_in_a_folder_and_a_gbk_name_is_read(bureau, bureau_user, run):
    rows = [batch_row("DB32/T 5251-2026", text_file="充电站.pdf"), batch_row("DB32/T 5252-2026")]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(GbkName("充电站.pdf"), real_pdf("a"))
        archive.writestr("批量备案/" + text_name("DB32/T 5252-2026"), real_pdf("b"))
    batch = run(bureau_user, bureau, rows, texts=out.getvalue())
    assert batch.state == FilingBatchState.DONE, batch.errors
    assert batch.filed == 2


# --- The ZIP as a whole: refused before anything is stored ---------------------------------------------------------

def refused_upload(actor, authority, rows, texts: bytes) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as caught:
        send_batch(actor, authority, rows, texts=texts)
    assert not FilingBatch.objects.exists()
    assert not Filing.objects.exists()
    return caught.value


def test_a_zip_bomb_is_refused_before_anything_is_inflated_or_stored(bureau, bureau_user):
    from tests.fixtures.hostile_files import zip_bomb

    refusal = refused_upload(bureau_user, bureau, [batch_row("DB32/T 5301-2026", text_file="bomb.pdf")],
                             zip_bomb(unzipped=100 << 20))
    assert [(p["line"], p["field"]) for p in refusal.errors] == [("(zip)", "bomb.pdf")]
    assert "压缩炸弹" in refusal.errors[0]["message"]


def test_a_zip_unpacking_past_the_total_limit_is_refused(bureau, bureau_user, settings):
    settings.BIAOZHUN_FILING_BATCH_LIMITS = {**settings.BIAOZHUN_FILING_BATCH_LIMITS, "unzipped_bytes": 1000}
    refusal = refused_upload(bureau_user, bureau, [batch_row("DB32/T 5302-2026")], texts_zip([text_name(
        "DB32/T 5302-2026")]))
    assert ("(zip)", "zip") in {(p["line"], p["field"]) for p in refusal.errors}


@pytest.mark.parametrize("name", ["../evil.pdf", "/etc/evil.pdf", "a/../../evil.pdf", "C:/evil.pdf"])
def test_a_member_whose_name_leaves_the_folder_is_refused(bureau, bureau_user, name):
    refusal = refused_upload(bureau_user, bureau, [batch_row("DB32/T 5303-2026", text_file="evil.pdf")],
                             texts_zip({name: real_pdf("x")}))
    assert [(p["line"], p["field"]) for p in refusal.errors] == [("(zip)", name)]


def test_a_member_that_is_not_a_pdf_is_refused(bureau, bureau_user):
    rows = [batch_row("DB32/T 5304-2026")]
    refusal = refused_upload(bureau_user, bureau, rows, texts_zip({rows[0]["text_file"]: real_pdf("x"),
                                                                   "说明.docx": b"PK\x03\x04 not really"}))
    assert [(p["line"], p["field"]) for p in refusal.errors] == [("(zip)", "说明.docx")]


def test_a_file_that_is_not_a_zip_is_refused(bureau, bureau_user):
    refusal = refused_upload(bureau_user, bureau, [batch_row("DB32/T 5305-2026")], b"%PDF-1.7 not a zip")
    assert [(p["line"], p["field"]) for p in refusal.errors] == [("(zip)", "zip")]


def test_an_upload_over_the_size_limit_is_refused_before_it_is_read(bureau, bureau_user, settings):
    settings.BIAOZHUN_MAX_FILING_BATCH_BYTES = 1000
    with pytest.raises(PayloadTooLarge):
        send_batch(bureau_user, bureau, [batch_row("DB32/T 5306-2026")])
    assert not FilingBatch.objects.exists()


def test_a_data_file_of_another_format_is_refused(bureau, bureau_user):
    with pytest.raises(ValidationFailed) as caught:
        send_batch(bureau_user, bureau, [batch_row("DB32/T 5307-2026")], data_name="batch.csv")
    assert caught.value.errors[0]["field"] == "data"
    assert not FilingBatch.objects.exists()


def test_only_the_authoritys_own_people_send_its_batches(bureau, zhejiang_user):
    with pytest.raises(PermissionDeniedError):
        send_batch(zhejiang_user, bureau, [batch_row("DB32/T 5308-2026")])
    assert not FilingBatch.objects.exists()


# --- Interrupted and resumed ----------------------------------------------------------------------------------------

def test_a_batch_interrupted_mid_way_resumes_without_filing_a_row_twice(bureau, bureau_user, monkeypatch,
                                                                        django_capture_on_commit_callbacks):
    numbers = [f"DB32/T {n}-2026" for n in (5401, 5402, 5403, 5404)]
    with django_capture_on_commit_callbacks(execute=False):
        batch = send_batch(bureau_user, bureau, [batch_row(n) for n in numbers])
    real_submit = submission.submit_filing
    calls = []

    def crash_on_the_third(**kwargs):
        calls.append(kwargs["data"].record["identifier"])
        if len(calls) == 3:
            raise KeyboardInterrupt  # the worker is stopped while filing the third row
        return real_submit(**kwargs)

    monkeypatch.setattr("biaozhun.filing.services.batch.submit_filing", crash_on_the_third)
    with pytest.raises(KeyboardInterrupt):
        process_batch(actor=SYSTEM, batch_id=batch.pk)
    batch.refresh_from_db()
    assert batch.state == FilingBatchState.FILING and batch.filed == 2
    assert Filing.objects.count() == 2

    monkeypatch.setattr("biaozhun.filing.services.batch.submit_filing", real_submit)
    process_batch(actor=SYSTEM, batch_id=batch.pk)
    process_batch(actor=SYSTEM, batch_id=batch.pk)  # a second run after the end changes nothing
    batch.refresh_from_db()
    assert batch.state == FilingBatchState.DONE and batch.filed == 4
    assert sorted(Filing.objects.values_list("identifier", flat=True)) == numbers
    assert all(f.events.filter(kind=FilingEventKind.SUBMITTED).count() == 1 for f in Filing.objects.all())


def test_sending_the_same_two_files_again_resumes_the_unfinished_batch(bureau, bureau_user, time_machine,
                                                                       django_capture_on_commit_callbacks):
    rows = [batch_row("DB32/T 5411-2026")]
    texts = texts_zip([rows[0]["text_file"]])
    with django_capture_on_commit_callbacks(execute=False):
        first = send_batch(bureau_user, bureau, rows, texts=texts)
    time_machine.move_to(clock.now() + timedelta(hours=1), tick=False)  # its worker never ran
    with django_capture_on_commit_callbacks(execute=True):
        again = send_batch(bureau_user, bureau, rows, texts=texts)
    assert again.pk == first.pk
    first.refresh_from_db()
    assert first.state == FilingBatchState.DONE and Filing.objects.count() == 1
    assert FilingBatch.objects.count() == 1


def test_a_row_filed_elsewhere_after_the_check_is_recorded_as_refused(bureau, bureau_user, make_input, monkeypatch,
                                                                      django_capture_on_commit_callbacks):
    from biaozhun.filing.services import batch as service
    from biaozhun.filing.services import submit_filing

    with django_capture_on_commit_callbacks(execute=False):
        batch = send_batch(bureau_user, bureau, [batch_row("DB32/T 5421-2026"), batch_row("DB32/T 5422-2026")])
    real_check = service._check

    def check_then_file_one_elsewhere(batch):
        real_check(batch)
        submit_filing(actor=bureau_user, authority=bureau, data=make_input("DB32/T 5422-2026"))

    monkeypatch.setattr(service, "_check", check_then_file_one_elsewhere)
    process_batch(actor=SYSTEM, batch_id=batch.pk)
    batch.refresh_from_db()
    assert batch.state == FilingBatchState.DONE and (batch.filed, batch.refused) == (1, 1)
    refused = batch.entries.get(identifier="DB32/T 5422-2026")
    assert refused.filing is None and refused.problems[0]["field"] == "identifier"


def test_the_templates_example_row_files_as_it_stands(bureau, bureau_user, run):
    from biaozhun.filing.batch_format import EXAMPLE, template_xlsx

    batch = run(bureau_user, bureau, [], data=template_xlsx(), data_name="模板.xlsx",
                texts=texts_zip([EXAMPLE["text_file"]]))
    assert batch.state == FilingBatchState.DONE, batch.errors
    filing = Filing.objects.get()
    assert filing.identifier == EXAMPLE["identifier"] and filing.replaces == "DB32/T 3001-2016"
    assert filing.is_late  # published in 2023


def test_reads_are_held_only_inside_a_steady_block():
    from biaozhun.filing.steady import held, steady

    reads = []

    def read():
        reads.append(1)
        return len(reads)

    assert (held("x", read), held("x", read)) == (1, 2)  # outside: every call reads
    with steady():
        assert (held("x", read), held("x", read)) == (3, 3)
        with steady():
            assert held("x", read) == 3  # an inner block shares the outer one's
    assert held("x", read) == 4
