"""Batch filing pages: the upload form with the authority's recent batches, the template XLSX, and a batch's page
(its progress while it runs, then every problem by line and field, or the filings made with links to them)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from biaozhun.accounts import policy
from biaozhun.accounts.forms import BootstrapFormMixin, form_problems
from biaozhun.core import clock
from biaozhun.core.errors import DomainError, PayloadTooLarge, PermissionDeniedError, ValidationFailed
from biaozhun.core.upload_limits import megabytes, upload_limit, upload_refusal

from ..batch_format import template_xlsx
from ..selectors import batch as selectors
from ..services.batch import STALE, Upload, limits, receive_batch, resume_batch

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class BatchForm(BootstrapFormMixin, forms.Form):
    authority = forms.TypedChoiceField(label=gettext_lazy("备案单位"), coerce=int, empty_value=None)
    data = forms.FileField(label=gettext_lazy("备案数据（XLSX 或 JSONL）"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.jsonl,.json"}))
    texts = forms.FileField(label=gettext_lazy("标准文本（PDF 的 ZIP 压缩包）"),
                            widget=forms.ClearableFileInput(attrs={"accept": ".zip"}))
    valid_only = forms.BooleanField(
        label=gettext_lazy("只提交无误的行"), required=False,
        help_text=gettext_lazy("不勾选：有一行有误则整批都不提交。勾选：提交检查无误的行，有误的行列出原因，改正后另行提交。"))

    def __init__(self, *args, authorities, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["authority"].choices = [(a.pk, a.name) for a in authorities]
        if len(authorities) == 1:  # named on the page, not chosen
            self.fields["authority"].initial = authorities[0].pk
            self.fields["authority"].required = False
            self.fields["authority"].widget = forms.HiddenInput(attrs={"class": ""})


def _page(request, *, form=None, problems=(), message="", status=200):
    authorities = selectors.batch_authorities(viewer=request.user)
    batch_limits = limits()
    return render(request, "filing/batch/upload.html", {
        "form": form or BatchForm(authorities=authorities), "authorities": authorities, "problems": problems,
        "message": message, "batches": selectors.recent_batches(viewer=request.user),
        "max_mb": megabytes(batch_limits.upload_bytes), "max_rows": batch_limits.rows,
    }, status=status)


@upload_limit("BIAOZHUN_MAX_FILING_BATCH_BYTES", signed_in_only=True)
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def batch_upload(request):
    policy.require(request.user, "filing.work")
    if request.method != "POST":
        return _page(request)
    refusal = upload_refusal(request)
    authorities = selectors.batch_authorities(viewer=request.user)
    form = BatchForm(request.POST, request.FILES, authorities=authorities)
    try:
        if refusal:  # the files were not read: say so on the form, not "required"
            form.is_valid()
            form.errors.pop("data", None)
            form.errors["texts"] = form.error_class([refusal])
            raise PayloadTooLarge(refusal, [{"field": "texts", "message": refusal}])
        if not form.is_valid():
            raise form_problems(form)
        authority = selectors.batch_authority(viewer=request.user, pk=form.cleaned_data["authority"] or None)
        if authority is None:
            raise PermissionDeniedError("filing.submit_batch")
        data, texts = form.cleaned_data["data"], form.cleaned_data["texts"]
        batch = receive_batch(actor=request.user, authority=authority, valid_only=form.cleaned_data["valid_only"],
                              data=Upload(data.name, data), texts=Upload(texts.name, texts))
    except DomainError as exc:
        problems = [p for p in getattr(exc, "errors", []) if "line" in p] if isinstance(exc, ValidationFailed) else []
        return _page(request, form=form, problems=problems, message=exc.message, status=exc.status)
    return redirect(batch.get_absolute_url())


@login_required
@require_safe
def batch_template(request):
    policy.require(request.user, "filing.work")
    response = HttpResponse(template_xlsx(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="filing-batch-template.xlsx"'
    return response


def _batch_or_404(request, pk: int):
    batch = selectors.batch_for_viewer(viewer=request.user, pk=pk)
    if batch is None:
        raise Http404
    return batch


def _context(request, batch) -> dict:
    rows = list(selectors.batch_rows(batch=batch)) if batch.state in ("filing", "done") else []
    for row in rows:
        row.work_url = selectors.filing_work_url(row.filing_id) if row.filing_id else None
    return {
        "batch": batch, "rows": rows, "filed_rows": [r for r in rows if r.filing_id],
        "refused_rows": [r for r in rows if r.problems], "more_errors": max(0, batch.error_count - len(batch.errors)),
        "may_resume": (not batch.is_finished and batch.updated_at <= clock.now() - STALE
                       and policy.can(request.user, "filing.submit_batch", batch.authority)),
    }


@login_required
@require_safe
def batch_detail(request, pk: int):
    batch = _batch_or_404(request, pk)
    if request.headers.get("HX-Request"):
        response = render(request, "filing/batch/_progress.html", _context(request, batch))
        if batch.is_finished:
            response["HX-Refresh"] = "true"  # the whole page then shows the result
        return response
    return render(request, "filing/batch/detail.html", _context(request, batch))


@login_required
@require_POST
def batch_resume(request, pk: int):
    batch = _batch_or_404(request, pk)
    try:
        resume_batch(actor=request.user, batch=batch)
    except DomainError as exc:
        context = _context(request, batch)
        context["message"] = exc.message
        return render(request, "filing/batch/detail.html", context, status=exc.status)
    return redirect(batch.get_absolute_url())


urlpatterns = [
    path("work/batch/", batch_upload, name="batch"),
    path("work/batch/template.xlsx", batch_template, name="batch_template"),
    path("work/batch/<int:pk>/", batch_detail, name="batch_detail"),
    path("work/batch/<int:pk>/resume/", batch_resume, name="batch_resume"),
]
