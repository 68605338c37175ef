"""Bulk declaration by file (XLSX or JSONL): the upload page with the enterprise's recent files, a file's page (its
progress while a task imports it, then its problems by line and field, or what was declared), the rejects file
and the XLSX template (docs/declarations-import.md)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from biaozhun.accounts import policy
from biaozhun.accounts.forms import BootstrapFormMixin, form_problems
from biaozhun.core.errors import DomainError, PayloadTooLarge, ValidationFailed
from biaozhun.core.upload_limits import megabytes, upload_limit, upload_refusal

from .. import work_selectors as selectors
from ..bulk_files import template_xlsx
from ..bulk_format import field_label
from ..services.bulk import MAX_STORED_ERRORS
from ..services.bulk_upload import INLINE_BYTES, MAX_ROWS, Upload, max_bytes, receive_import

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
JSONL = "application/jsonl; charset=utf-8"
LIMIT_SETTING = "BIAOZHUN_MAX_DECLARATION_IMPORT_BYTES"


class ImportForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(label=gettext_lazy("声明文件（XLSX 或 JSONL）"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.jsonl,.json,.ndjson"}))
    skip_invalid = forms.BooleanField(
        label=gettext_lazy("只导入无误的行"), required=False,
        help_text=gettext_lazy("不勾选：有一行有误则整个文件都不导入，并列出每处问题。勾选：导入检查无误的声明，有误的行"
                               "放入一个格式相同的文件，供改正后再次导入。"))


def labelled(problems: list[dict]) -> list[dict]:
    """Problems with their field named as the file's heading (标准号, 指标第 2 行 · 上限...)."""
    return [{**p, "label": field_label(p.get("field", ""))} for p in problems]


def _enterprise_or_404(request, enterprise_id: int):
    enterprise = selectors.enterprise_for_work(viewer=request.user, enterprise_id=enterprise_id)
    if enterprise is None:
        raise Http404(_("没有这家企业，或您无权查看。"))
    return enterprise


def _page(request, enterprise, *, form=None, problems=(), message="", status=200):
    return render(request, "declarations/work/import.html", {
        "enterprise": enterprise, "form": form or ImportForm(auto_id="import-%s"), "problems": problems,
        "message": message, "jobs": selectors.imports_of(enterprise=enterprise),
        "max_mb": megabytes(max_bytes()), "max_rows": MAX_ROWS, "inline_mb": megabytes(INLINE_BYTES),
    }, status=status)


@upload_limit(LIMIT_SETTING, signed_in_only=True)
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def import_page(request, enterprise_id: int):
    enterprise = _enterprise_or_404(request, enterprise_id)
    policy.require(request.user, "declarations.import", enterprise)
    if request.method != "POST":
        return _page(request, enterprise)
    refusal = upload_refusal(request)
    form = ImportForm(request.POST, request.FILES, auto_id="import-%s")
    try:
        if refusal:  # the file was not read: say so on the form, not "required"
            form.is_valid()
            form.errors["file"] = form.error_class([refusal])
            raise PayloadTooLarge(refusal, [{"field": "file", "message": refusal}])
        if not form.is_valid():
            raise form_problems(form)
        upload = form.cleaned_data["file"]
        job = receive_import(actor=request.user, enterprise=enterprise, upload=Upload(upload.name, upload),
                             skip_invalid=form.cleaned_data["skip_invalid"])
    except DomainError as exc:
        if isinstance(exc, ValidationFailed) and not form.errors:
            form.errors["file"] = form.error_class([p["message"] for p in exc.errors if p.get("field") == "file"]
                                                   or [exc.message])
        problems = labelled([p for p in getattr(exc, "errors", []) if p.get("line")])
        return _page(request, enterprise, form=form, problems=problems, message=exc.message, status=exc.status)
    return redirect(job.get_absolute_url())


def _job_or_404(request, pk: int):
    job = selectors.import_for_work(viewer=request.user, pk=pk)
    if job is None:
        raise Http404(_("没有这次批量声明，或您无权查看。"))
    return job


@login_required
@require_safe
def import_detail(request, pk: int):
    job = _job_or_404(request, pk)
    context = {"job": job, "enterprise": job.enterprise, "problems": labelled(job.errors),
               "capped": len(job.errors) >= MAX_STORED_ERRORS}
    if request.headers.get("HX-Request"):
        response = render(request, "declarations/work/_import_progress.html", context)
        if job.is_finished:
            response["HX-Refresh"] = "true"  # the whole page then shows the result
        return response
    return render(request, "declarations/work/import_detail.html", context)


@login_required
@require_safe
def import_rejects(request, pk: int):
    """The rows not imported, in the file's own format (private storage, for those who may import)."""
    job = _job_or_404(request, pk)
    if not job.rejects_file:
        raise Http404(_("这次批量声明没有未导入的行。"))
    xlsx = job.rejects_file.name.endswith(".xlsx")
    stem = job.source_name.rsplit(".", 1)[0] or "declarations"
    return FileResponse(job.rejects_file.open("rb"), as_attachment=True, content_type=XLSX if xlsx else JSONL,
                        filename=f"{stem}-rejects.{'xlsx' if xlsx else 'jsonl'}")


@login_required
@require_safe
def import_template(request):
    policy.require(request.user, "declarations.work")
    response = HttpResponse(template_xlsx(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="declarations-template.xlsx"'
    return response


urlpatterns = [
    path("work/enterprises/<int:enterprise_id>/import/", import_page, name="work_import"),
    path("work/imports/<int:pk>/", import_detail, name="work_import_detail"),
    path("work/imports/<int:pk>/rejects/", import_rejects, name="work_import_rejects"),
    path("work/import/template.xlsx", import_template, name="work_import_template"),
]
