"""ISO's and IEC's records in the back office: read here (written only by the import), and the upload of an ISO
Open Data or IEC file, imported as `manage.py import_international_records` does; the job and its rejects file
are then the catalogue's import job."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from biaozhun.catalog.admin_import import SKIP_INVALID_HELP, UploadPage, import_upload
from biaozhun.development.admin import ReadOnlyAdmin

from ..models import InternationalRecord, Organisation
from ..selectors.records import stage_name
from ..services.records import import_records, layout_for


class RecordsImportForm(forms.Form):
    organisation = forms.ChoiceField(label=_("数据来源"), choices=Organisation.choices, initial=Organisation.ISO)
    file = forms.FileField(label=_("文件"), help_text=_(
        "ISO 开放数据 deliverables 元数据（JSONL 或 CSV），或 IEC 出版物记录（JSONL），格式见 "
        "docs/international-records.md"))
    skip_invalid = forms.BooleanField(label=_("跳过无效记录"), required=False, help_text=SKIP_INVALID_HELP)

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
class InternationalRecordAdmin(UploadPage, ReadOnlyAdmin):
    upload_form = RecordsImportForm
    upload_title = _("导入 ISO/IEC 记录")
    upload_name = "international_internationalrecord_upload"
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
        return [*self.upload_urls(), *super().get_urls()]

    def run_upload(self, request, data: dict):
        return import_upload(data["file"], data["layout"], lambda source, rejects: import_records(
            source, actor=request.user, layout=data["layout"], skip_invalid=data["skip_invalid"],
            rejects_to=rejects, source="admin").job)

    def upload_context(self) -> dict:
        return {"changelist_url": reverse("admin:international_internationalrecord_changelist")}
