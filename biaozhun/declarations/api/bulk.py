"""Bulk declaration files through the API (docs/declarations-import.md), for an enterprise's members, through the
same service and checks as the import page.

`POST /work/enterprises/{id}/imports` (multipart: `file`, optional `skip_invalid`) checks the file as a whole
(size: 413; not XLSX or JSONL, damaged, macros, zip bomb: 422), then imports a small file at once (201: the job,
`done` or `rejected` with its problems by line and field) or queues a larger one (202: poll `url`).
`GET /work/imports/{id}` shows a job; `GET /work/imports/{id}/rejects` gives the rows not imported, in the file's
format. Writes need a personal API token or a signed-in session with its CSRF token."""

from __future__ import annotations

from datetime import datetime

from django.http import FileResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Schema
from ninja.files import UploadedFile

from biaozhun.api.schemas import ERRORS, NOT_FOUND, Problem
from biaozhun.api.security import SIGNED_IN
from biaozhun.core.errors import NotFoundError
from biaozhun.core.upload_limits import upload_limit

from .. import work_selectors as selectors
from ..models import DeclarationImport
from ..services.bulk_upload import Upload, receive_import
from .router import router

WRITE_ERRORS = {401: Problem, 403: Problem, 404: Problem, 413: Problem, **ERRORS}


class ImportProblemOut(Schema):
    line: int = Field(description="the JSONL line or XLSX row (sheet 声明); 0 for the file as a whole")
    field: str = Field(description="uscc, product_name, identifier, indicators[2].upper...; file for the file")
    message: str


class ImportOut(Schema):
    id: int
    enterprise_id: int
    state: str = Field(description="queued, running, done, rejected (nothing written)")
    source_name: str
    file_format: str = Field(description="xlsx or jsonl")
    skip_invalid: bool
    total_rows: int
    committed_rows: int = Field(description="rows written so far (the checkpoint a rerun resumes after)")
    declared: int = Field(description="declarations published")
    rejected_rows: int
    errors: list[ImportProblemOut] = Field(description="the problems found, in file order (at most 1,000)")
    report: list[str] = Field(description="the same, one `line N: field: what is wrong` each")
    rejects: str | None = Field(description="the rows not imported, in the file's format (when valid rows only)")
    started_at: datetime
    finished_at: datetime | None
    url: str = Field(description="this job in the API (poll it while queued or running)")
    page: str = Field(description="the job's page")


def _job(job: DeclarationImport) -> dict:
    return {
        "id": job.pk, "enterprise_id": job.enterprise_id, "state": job.state, "source_name": job.source_name,
        "file_format": job.file_format, "skip_invalid": job.skip_invalid, "total_rows": job.total_rows,
        "committed_rows": job.committed_rows, "declared": job.declared, "rejected_rows": job.rejected_rows,
        "errors": [{"line": p.get("line") or 0, "field": p.get("field", ""), "message": p["message"]}
                   for p in job.errors],
        "report": [f"line {p.get('line') or 0}: {p.get('field', '')}: {p['message']}" for p in job.errors],
        "rejects": (reverse("api:declarations_import_rejects", args=[job.pk]) if job.rejects_file else None),
        "started_at": job.started_at, "finished_at": job.finished_at,
        "url": reverse("api:declarations_import_detail", args=[job.pk]), "page": job.get_absolute_url(),
    }


def _visible(request, job_id: int) -> DeclarationImport:
    job = selectors.import_for_work(viewer=request.user, pk=job_id)
    if job is None:
        raise NotFoundError(_("没有这次批量声明，或您无权查看。"))
    return job


@router.post("/work/enterprises/{int:enterprise_id}/imports", auth=SIGNED_IN,
             response={201: ImportOut, 202: ImportOut, **WRITE_ERRORS},
             summary="Declare standards in bulk from an XLSX or JSONL file")
@upload_limit("BIAOZHUN_MAX_DECLARATION_IMPORT_BYTES", signed_in_only=True)
def declarations_import_submit(request, enterprise_id: int, file: File[UploadedFile], skip_invalid: Form[bool] = False):
    """`file`: the template's XLSX or JSONL, one product and standard a row (the USCC column may be empty: the rows
    are the enterprise's own; another enterprise's code is refused on its line). `skip_invalid`: write the valid
    declarations and give back the other rows in `rejects` (otherwise any problem writes nothing)."""
    enterprise = selectors.enterprise_for_work(viewer=request.user, enterprise_id=enterprise_id)
    if enterprise is None:
        raise NotFoundError(_("没有这家企业，或您无权查看。"))
    job = receive_import(actor=request.user, enterprise=enterprise, upload=Upload(file.name, file),
                         skip_invalid=skip_invalid)
    return (201 if job.is_finished else 202), _job(job)


@router.get("/work/imports/{int:job_id}", auth=SIGNED_IN, response={200: ImportOut, 401: Problem, **NOT_FOUND, **ERRORS},
            summary="A bulk declaration file: progress, problems, result")
def declarations_import_detail(request, job_id: int):
    return 200, _job(_visible(request, job_id))


@router.get("/work/imports/{int:job_id}/rejects", auth=SIGNED_IN,
            response={200: None, 401: Problem, **NOT_FOUND, **ERRORS},
            summary="The rows of a bulk file not imported, in the file's format, each with its problems")
def declarations_import_rejects(request, job_id: int):
    job = _visible(request, job_id)
    if not job.rejects_file:
        raise NotFoundError(_("这次批量声明没有未导入的行。"))
    xlsx = job.rejects_file.name.endswith(".xlsx")
    return FileResponse(job.rejects_file.open("rb"), as_attachment=True, filename=f"rejects.{'xlsx' if xlsx else 'jsonl'}",
                        content_type=("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" if xlsx
                                      else "application/jsonl; charset=utf-8"))
