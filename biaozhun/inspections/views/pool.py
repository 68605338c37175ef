"""Importing an authority's inspector pool from a spreadsheet, from a campaign's work page (before its commitment,
when the pool snapshot is taken): the template with the current pool, the upload, and every problem by line and
column. Reading: pool_format.py (safe readers); writing: services.import_inspectors (all or nothing)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from biaozhun.accounts import policy
from biaozhun.core.errors import ValidationFailed
from biaozhun.core.upload_limits import upload_limit, upload_refusal

from .. import pool_format, selectors, services
from ..forms import PoolImportForm
from .work import managed_campaign

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ERRORS_SHOWN = 200


@login_required
@require_safe
def pool_template(request, pk: int):
    campaign = managed_campaign(request, pk)
    policy.require(request.user, "inspections.keep_pool", campaign.authority)
    pool = list(selectors.authority_pool(authority_id=campaign.authority_id))
    response = HttpResponse(pool_format.template_xlsx(pool), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="inspectors.xlsx"'
    return response


@login_required
@upload_limit(pool_format.UPLOAD_SETTING, signed_in_only=True)
@require_http_methods(["GET", "POST"])
def pool_import(request, pk: int):
    campaign = managed_campaign(request, pk)
    policy.require(request.user, "inspections.keep_pool", campaign.authority)
    refusal = upload_refusal(request) if request.method == "POST" else None
    posted = request.method == "POST"
    form = PoolImportForm(request.POST if posted else None, request.FILES if posted else None)
    if refusal:  # the file never arrived: its field says why, instead of "required"
        form.is_valid()
        form.errors["file"] = form.error_class([refusal])
    errors: list[dict] = []
    if request.method == "POST" and not refusal and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = pool_format.read_pool_rows(upload, upload.name)
            result = services.import_inspectors(request.user, authority=campaign.authority, rows=rows,
                                                source_name=upload.name, columns=pool_format.headings())
        except pool_format.UploadError as exc:
            form.add_error("file", str(exc))
        except ValidationFailed as exc:
            form.add_error(None, exc.message)
            errors = exc.errors
        else:
            messages.success(request, _("检查人员名录已导入：新增 %(created)s 人，修改 %(changed)s 人，未变 %(unchanged)s 人。")
                             % {"created": len(result.created), "changed": len(result.changed),
                                "unchanged": result.unchanged})
            return redirect("inspections:work_campaign", pk=campaign.pk)
    status = 413 if refusal else (422 if request.method == "POST" else 200)
    return render(request, "inspections/work/pool_import.html", {
        "campaign": campaign, "form": form, "errors": errors[:MAX_ERRORS_SHOWN],
        "more": max(0, len(errors) - MAX_ERRORS_SHOWN), "max_rows": pool_format.MAX_ROWS,
        "pool_size": selectors.active_pool_size(authority_id=campaign.authority_id),
    }, status=status)


urlpatterns = [
    path("work/<int:pk>/inspectors/import/", pool_import, name="work_pool_import"),
    path("work/<int:pk>/inspectors/template.xlsx", pool_template, name="work_pool_template"),
]
