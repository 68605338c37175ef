"""The back office's import: upload a JSONL, CSV or XLSX file, import it all-or-nothing or skipping invalid records,
and download the rejects file (private storage, handed out after the policy check, never from a public URL)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from django import forms
from django.contrib import admin, messages
from django.core.files import File
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from biaozhun.accounts import policy
from biaozhun.core.files import serve_file
from biaozhun.core.upload_limits import upload_limit, upload_refusal

from .importing import ImportRejected, run_import
from .importing.readers import FORMATS, base_format
from .models import ImportJob

CONTENT_TYPES = {
    "jsonl": "application/x-ndjson; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


SKIP_INVALID_HELP = _("不勾选：有一条记录有误则整个文件都不导入。勾选：导入有效的记录，有误的记录连同原因写入一个同格式的文件，"
                      "改正后可再次导入。")


class ImportForm(forms.Form):
    file = forms.FileField(label=_("文件"), help_text=_("JSONL、CSV 或 XLSX，格式见 docs/catalog-jsonl.md"))
    skip_invalid = forms.BooleanField(label=_("跳过无效记录"), required=False, help_text=SKIP_INVALID_HELP)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        extension = Path(upload.name).suffix.lstrip(".").lower()
        if extension not in FORMATS:
            raise forms.ValidationError(_("请上传 .jsonl、.csv 或 .xlsx 文件"))
        return upload


def rejects_download_name(job: ImportJob) -> str:
    return f"{Path(job.source_name).stem}.rejects.{base_format(job.file_format)}"


@admin.display(description=_("未导入记录文件"))
def rejects_link(job: ImportJob) -> str:
    if not job.rejects_file:
        return "—"
    url = reverse("admin:catalog_importjob_rejects", args=[job.pk])
    return format_html('<a href="{}">{}</a>', url, rejects_download_name(job))


def import_upload(upload, fmt: str, run: Callable[[Path, Path], ImportJob]) -> ImportJob:
    """Import an uploaded file of `fmt` (a format or a layout): `run(file, rejects)` imports it from a private
    temporary folder; the rejects it writes are kept with the job (private storage)."""
    with tempfile.TemporaryDirectory(prefix="biaozhun-import-") as folder:
        source = Path(folder) / Path(upload.name).name
        with open(source, "wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        rejects = Path(folder) / f"rejects.{base_format(fmt)}"
        job = run(source, rejects)
        if job.rejected_records and rejects.exists():
            with open(rejects, "rb") as handle:
                job.rejects_file.save(rejects.name, File(handle), save=False)
            job.save(update_fields=["rejects_file"])
    return job


def report_job(model_admin: admin.ModelAdmin, request, job: ImportJob) -> None:
    """What a finished import did, as the admin's messages."""
    model_admin.message_user(request, gettext_now(
        "共 %(total)s 条记录：新增 %(created)s 条，更新 %(updated)s 条，未变 %(unchanged)s 条，"
        "%(folded)s 条与前面的同一版本合并。") % {
        "total": job.total_records, "created": job.created, "updated": job.updated, "unchanged": job.unchanged,
        "folded": job.folded_records}, messages.SUCCESS)
    if job.rejected_records:
        model_admin.message_user(request, gettext_now(
            "%(count)s 条记录有误，未导入；请下载未导入记录文件，改正后再次导入。") % {"count": job.rejected_records},
            messages.WARNING)


class UploadPage:
    """Mixed into a ModelAdmin: an upload page that imports a file all-or-nothing or skipping invalid records, shows
    the first errors of a refused file and sends a finished import to its job. A subclass names its form and title
    and runs the import (`run_upload(request, cleaned_data) -> ImportJob`); the catalogue's import permission
    guards every import."""

    upload_form: type[forms.Form]
    upload_title: str
    upload_name: str  # the URL name of the page (admin:<upload_name>)

    def run_upload(self, request, data: dict) -> ImportJob:
        raise NotImplementedError

    def upload_context(self) -> dict:
        return {}

    def upload_urls(self) -> list:
        return [path("upload/", self.admin_site.admin_view(self.upload_view), name=self.upload_name)]

    def changelist_view(self, request, extra_context=None):
        extra = {"can_import": policy.can(request.user, "catalog.import"), **(extra_context or {})}
        return super().changelist_view(request, extra_context=extra)

    @upload_limit("BIAOZHUN_MAX_DOCUMENT_BYTES", signed_in_only=True)
    def upload_view(self, request):
        policy.require(request.user, "catalog.import")
        refusal = upload_refusal(request) if request.method == "POST" else None
        form = self.upload_form(request.POST or None, request.FILES or None)
        if refusal:
            form.add_error("file", refusal)
        errors, total = [], 0
        if request.method == "POST" and not refusal and form.is_valid():
            try:
                job = self.run_upload(request, form.cleaned_data)
            except ImportRejected as exc:
                errors, total = exc.errors, exc.total_errors
                form.add_error(None, exc.message)
            except ValueError as exc:
                form.add_error("file", str(exc))
            else:
                report_job(self, request, job)
                return HttpResponseRedirect(reverse("admin:catalog_importjob_change", args=[job.pk]))
        return TemplateResponse(request, "admin/catalog/importjob/upload.html", {
            **self.admin_site.each_context(request), "title": str(self.upload_title), "form": form,
            "errors": errors, "more": max(0, total - len(errors)), "opts": self.model._meta, **self.upload_context(),
        })


class ImportViews(UploadPage):
    """Mixed into ImportJobAdmin: the catalogue's upload page and the rejects download."""

    upload_form = ImportForm
    upload_title = _("导入标准目录")
    upload_name = "catalog_importjob_upload"

    def get_urls(self):
        return [
            *self.upload_urls(),
            path("<int:pk>/rejects/", self.admin_site.admin_view(self.rejects_view), name="catalog_importjob_rejects"),
            *super().get_urls(),
        ]

    def run_upload(self, request, data: dict) -> ImportJob:
        upload, skip_invalid = data["file"], data["skip_invalid"]
        fmt = Path(upload.name).suffix.lstrip(".").lower()
        return import_upload(upload, fmt, lambda source, rejects: run_import(
            source, actor=request.user, fmt=fmt, source="admin", skip_invalid=skip_invalid, rejects_to=rejects))

    def rejects_view(self, request, pk: int):
        policy.require(request.user, "catalog.import")
        job = get_object_or_404(ImportJob, pk=pk)
        if not job.rejects_file:
            raise Http404
        return serve_file(job.rejects_file, filename=rejects_download_name(job),
                          content_type=CONTENT_TYPES[base_format(job.file_format)], restricted=True)
