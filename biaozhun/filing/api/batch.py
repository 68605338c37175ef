"""Filing API: batches (docs/filing-batch.md). `POST /batch` (multipart: `data`, `texts`, optional `authority` and
`valid_only`) answers 202 with the queued batch; `GET /batch/{id}` shows its progress, then its problems or its
filings. Writes need a personal API token or a signed-in session with its CSRF token, as every write of the API."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext as _
from ninja import Field, File, Form, Schema
from ninja.files import UploadedFile

from biaozhun.api.schemas import ERRORS, NOT_FOUND, Problem
from biaozhun.api.security import SIGNED_IN
from biaozhun.core.errors import NotFoundError, PermissionDeniedError, ValidationFailed
from biaozhun.core.upload_limits import upload_limit

from ..models import FilingBatch
from ..selectors import batch as selectors
from ..services.batch import Upload, receive_batch, resume_batch
from .router import router

WRITE_ERRORS = {401: Problem, 403: Problem, 404: Problem, 409: Problem, 413: Problem, **ERRORS}


class BatchProblemOut(Schema):
    line: str = Field(description='the data file\'s line (JSONL) or row (XLSX); "(zip)", "(file)" or "(header)" '
                                  "for the ZIP, the file as a whole, or its header row")
    field: str = Field(description="the field, or for the ZIP the member's name")
    message: str


class BatchRowOut(Schema):
    line: str
    identifier: str
    filing: int | None = Field(description="the filing made of the row")
    state: str | None = Field(description="the filing's state")
    url: str | None = Field(description="the filing's work page")
    problems: list[dict] = Field(description="why filing the row was refused after the checks, if it was")


class BatchOut(Schema):
    id: int
    state: str = Field(description="queued, checking, rejected (nothing filed), filing, done")
    authority: str
    data_name: str
    data_format: str
    data_sha256: str
    zip_name: str
    zip_sha256: str
    valid_only: bool
    rows: int
    checked: int
    filed: int
    refused: int = Field(description="rows not filed because of their problems")
    error_count: int
    errors: list[BatchProblemOut] = Field(description="the problems found, in file order (at most 1,000)")
    report: list[str] = Field(description="the same, one `line N: field: what is wrong` each")
    rows_filed: list[BatchRowOut]
    created_at: datetime
    finished_at: datetime | None
    url: str


def _batch(batch: FilingBatch) -> dict:
    rows = list(selectors.batch_rows(batch=batch)) if batch.state in ("filing", "done") else []
    return {
        "id": batch.pk, "state": batch.state, "authority": batch.authority.name, "data_name": batch.data_name,
        "data_format": batch.data_format, "data_sha256": batch.data_sha256, "zip_name": batch.zip_name,
        "zip_sha256": batch.zip_sha256, "valid_only": batch.valid_only, "rows": batch.rows, "checked": batch.checked,
        "filed": batch.filed, "refused": batch.refused, "error_count": batch.error_count, "errors": batch.errors,
        "report": [f"line {p['line']}: {p['field']}: {p['message']}" for p in batch.errors],
        "rows_filed": [{"line": r.line, "identifier": r.identifier, "filing": r.filing_id,
                        "state": r.filing.state if r.filing_id else None,
                        "url": selectors.filing_work_url(r.filing_id) if r.filing_id else None, "problems": r.problems} for r in rows],
        "created_at": batch.created_at, "finished_at": batch.finished_at, "url": batch.get_absolute_url(),
    }


def _visible(request, batch_id: int) -> FilingBatch:
    batch = selectors.batch_for_viewer(viewer=request.user, pk=batch_id)
    if batch is None:
        raise NotFoundError(_("没有这批备案，或您无权查看。"))
    return batch


@router.post("/batch", auth=SIGNED_IN, response={202: BatchOut, **WRITE_ERRORS},
             summary="Submit a batch of filings (data file and ZIP of texts)")
@upload_limit("BIAOZHUN_MAX_FILING_BATCH_BYTES", signed_in_only=True)
def batch_submit(request, data: File[UploadedFile], texts: File[UploadedFile], authority: Form[int | None] = None,
                 valid_only: Form[bool] = False):
    """`data`: XLSX or JSONL, one filing a row; `texts`: a ZIP of the PDFs the rows name in `text_file`;
    `authority`: the organisation's id, needed only when you act for more than one; `valid_only`: file the rows
    without problems even if others have some (otherwise any problem files nothing). Checked and filed in the
    background: poll the batch's `url` under /api/v1/filings/batch/{id}."""
    chosen = selectors.batch_authority(viewer=request.user, pk=authority)
    if chosen is None:
        if authority is None and len(selectors.batch_authorities(viewer=request.user)) > 1:
            raise ValidationFailed(_("您代表多个备案单位，请用 authority 指明为哪个单位提交。"), [
                {"field": "authority", "message": _("请指明备案单位")}])
        raise PermissionDeniedError("filing.submit_batch", _(
            "批量备案由备案单位（行业主管部门或市场监管部门）的工作人员提交，只能为本单位提交。"))
    batch = receive_batch(actor=request.user, authority=chosen, valid_only=valid_only,
                          data=Upload(data.name, data), texts=Upload(texts.name, texts))
    return 202, _batch(batch)


@router.get("/batch/{int:batch_id}", auth=SIGNED_IN, response={200: BatchOut, 401: Problem, **NOT_FOUND, **ERRORS},
            summary="A batch: its progress, problems and filings")
def batch_detail(request, batch_id: int):
    return 200, _batch(_visible(request, batch_id))


@router.post("/batch/{int:batch_id}/resume", auth=SIGNED_IN, response={202: BatchOut, **WRITE_ERRORS},
             summary="Resume a batch that stopped making progress")
def batch_resume(request, batch_id: int):
    return 202, _batch(resume_batch(actor=request.user, batch=_visible(request, batch_id)))
