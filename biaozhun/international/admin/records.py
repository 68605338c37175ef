"""ISO's and IEC's records in the back office: read here (written only by the import), and the upload of an ISO
Open Data or IEC file, imported as `manage.py import_international_records` does; the job and its rejects file
are then the catalogue's import job."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.contrib import admin
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from biaozhun.accounts import policy
from biaozhun.catalog.admin_import import import_upload, report_job
from biaozhun.catalog.importing import ImportRejected
from biaozhun.core.upload_limits import upload_limit, upload_refusal
from biaozhun.development.admin import ReadOnlyAdmin

from ..models import InternationalRecord, Organisation
from ..selectors.records import stage_name
from ..services.records import import_records, layout_for


class RecordsImportForm(forms.Form):
    organisation = forms.ChoiceField(label=_("数据来源"), choices=Organisation.choices, initial=Organisation.ISO)
    file = forms.FileField(label=_("文件"), help_text=_(
        "ISO 开放数据 deliverables 元数据（JSONL 或 CSV），或 IEC 出版物记录（JSONL），格式见 "
        "docs/international-records.md"))
    skip_invalid = forms.BooleanField(
        label=_("跳过无效记录"), required=False,
        help_text=_("不勾选：有一条记录有误则整个文件都不导入。勾选：导入有效的记录，有误的记录连同原因写入一个同格式的文件，"
                    "改正后可再次导入。"))

    def clean(self):
        data = super().clean()
        upload, organisation = data.get("file"), data.get("organisation")
        if upload and organisation:
            try:
                data["layout"] = layout_for(Path(upload.name), organisation)
            except ValueError:
                self.add_error("file", _("ISO 的记录请上传 .jsonl 或 .csv 文件，IEC 的记录请上传 .jsonl 文件"))
        return data


@admin.register(InternationalRecord)
class InternationalRecordAdmin(ReadOnlyAdmin):
    list_display = ["standard", "organisation", "source_id", "stage_display", "edition", "deliverable_type",
                    "updated_at"]
    list_filter = ["organisation", "deliverable_type", "supplement_type"]
    search_fields = ["standard__identifier", "=source_id", "title_fr"]
    list_select_related = ["standard"]
    raw_id_fields = ["standard"]
    change_list_template = "admin/international/internationalrecord/change_list.html"

    @admin.display(description=_("阶段"), ordering="stage")
    def stage_display(self, record: InternationalRecord) -> str:
        return f"{record.stage_code} {stage_name(record.stage)}".strip()

    def get_urls(self):
        return [path("upload/", self.admin_site.admin_view(self.upload_view),
                     name="international_internationalrecord_upload"), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        extra = {"can_import": policy.can(request.user, "catalog.import"), **(extra_context or {})}
        return super().changelist_view(request, extra_context=extra)

    @upload_limit("BIAOZHUN_MAX_DOCUMENT_BYTES", signed_in_only=True)
    def upload_view(self, request):
        policy.require(request.user, "catalog.import")
        refusal = upload_refusal(request) if request.method == "POST" else None
        form = RecordsImportForm(request.POST or None, request.FILES or None)
        if refusal:
            form.add_error("file", refusal)
        errors, total = [], 0
        if request.method == "POST" and not refusal and form.is_valid():
            data = form.cleaned_data
            try:
                job = import_upload(data["file"], data["layout"], lambda source, rejects: import_records(
                    source, actor=request.user, layout=data["layout"], skip_invalid=data["skip_invalid"],
                    rejects_to=rejects, source="admin").job)
            except ImportRejected as exc:
                errors, total = exc.errors, exc.total_errors
                form.add_error(None, exc.message)
            except ValueError as exc:
                form.add_error("file", str(exc))
            else:
                report_job(self, request, job)
                return HttpResponseRedirect(reverse("admin:catalog_importjob_change", args=[job.pk]))
        return TemplateResponse(request, "admin/catalog/importjob/upload.html", {
            **self.admin_site.each_context(request), "title": gettext_now("导入 ISO/IEC 记录"), "form": form,
            "errors": errors, "more": max(0, total - len(errors)), "opts": self.model._meta,
            "changelist_url": reverse("admin:international_internationalrecord_changelist"),
        })
