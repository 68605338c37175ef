"""The limits table in the back office: administrators list, search and filter the rows, add and change them (saved
through services/limits.py, each change with its event), deactivate them (never delete: the checks' history names
them), download the table as the import template and import an XLSX all-or-nothing, seeing each problem by row and
column."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from biaozhun.accounts import policy
from biaozhun.core.errors import DomainError, ValidationFailed
from biaozhun.core.service_admin import ServiceAdmin
from biaozhun.core.upload_limits import upload_limit, upload_refusal

from . import limits_format
from .models import MandatoryIndicator
from .services import limits as services

MAX_ERRORS_SHOWN = 200
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class LimitForm(forms.ModelForm):
    """The keyword lists are typed as text separated by semicolons (the same as in the import file)."""

    scope_keywords = forms.CharField(label=_("适用产品关键词"), required=False, help_text=_(
        "产品名称或所执行标准名称含其中任一词时适用，多个用分号“；”隔开，如 车用柴油；普通柴油"))
    aliases = forms.CharField(label=_("指标别名"), required=False, help_text=_("多个用分号“；”隔开"))

    class Meta:
        model = MandatoryIndicator
        fields = list(services.FIELDS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("scope_keywords", "aliases"):
            self.initial[name] = "；".join(getattr(self.instance, name) or [])

    def validate_unique(self) -> None:
        """The service says which row is a duplicate (and why), in the form's message."""

    def limit_input(self) -> services.LimitInput:
        return services.LimitInput(**{name: self.cleaned_data.get(name) for name in services.FIELDS})


class ImportForm(forms.Form):
    file = forms.FileField(label=_("XLSX 文件"), help_text=_("按模板填写，第 1 行为标题行；列的说明见 docs/declarations-import.md"))


@admin.action(description=_("停用所选限值（不再用于检查，历史保留）"))
def deactivate_selected(modeladmin: MandatoryIndicatorAdmin, request: HttpRequest, queryset: Any) -> None:
    done = 0
    for limit in queryset:
        was_active = limit.active
        try:
            services.deactivate_limit(actor=request.user, limit=limit)
        except DomainError as error:
            modeladmin.message_user(request, str(error.message), messages.ERROR)
            return
        done += was_active
    modeladmin.message_user(request, gettext_now("已停用 %(count)d 条限值。") % {"count": done}, messages.SUCCESS)


@admin.register(MandatoryIndicator)
class MandatoryIndicatorAdmin(ServiceAdmin):
    form = LimitForm
    list_display = ["standard_number", "clause", "indicator_name", "comparator", "limit_value", "unit", "verified",
                    "active", "updated_at"]
    list_filter = ["active", "verified", "comparator"]
    search_fields = ["standard_number", "indicator_name", "clause", "note"]
    readonly_fields = ["updated_at", "history"]
    actions = [deactivate_selected]
    list_per_page = 50

    def has_add_permission(self, request: HttpRequest) -> bool:
        return policy.can(request.user, services.ACTION)

    def has_change_permission(self, request: HttpRequest, obj: MandatoryIndicator | None = None) -> bool:
        return policy.can(request.user, services.ACTION, obj)

    def has_delete_permission(self, request: HttpRequest, obj: MandatoryIndicator | None = None) -> bool:
        return False  # deactivate instead: the checks' history refers to the row

    @admin.display(description=_("修改记录"))
    def history(self, obj: MandatoryIndicator) -> str:
        if obj.pk is None:
            return "—"
        events = obj.events.select_related("actor").order_by("-at", "-id")[:20]
        return format_html_join("", "<div>{} · {} · {}</div>", (
            (event.at.strftime("%Y-%m-%d %H:%M"), event.get_kind_display(), event.actor or "—") for event in events
        )) or "—"

    def save_model(self, request: HttpRequest, obj: MandatoryIndicator, form: LimitForm, change: bool) -> None:
        if change:
            self.call_service(services.edit_limit, actor=request.user, limit=obj, data=form.limit_input())
            return
        saved = self.call_service(services.add_limit, actor=request.user, data=form.limit_input())
        obj.pk = saved.pk
        obj._state.adding = False

    def get_urls(self) -> list:
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="declarations_mandatoryindicator_import"),
            path("template/", self.admin_site.admin_view(self.template_view),
                 name="declarations_mandatoryindicator_template"),
            *super().get_urls(),
        ]

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        extra = {"can_import": policy.can(request.user, services.ACTION), **(extra_context or {})}
        return super().changelist_view(request, extra_context=extra)

    def template_view(self, request: HttpRequest) -> HttpResponse:
        policy.require(request.user, services.ACTION)
        content = limits_format.template_xlsx(list(MandatoryIndicator.objects.all()))
        response = HttpResponse(content, content_type=XLSX)
        response["Content-Disposition"] = 'attachment; filename="mandatory-limits.xlsx"'
        return response

    @upload_limit(limits_format.UPLOAD_SETTING, signed_in_only=True)
    def import_view(self, request: HttpRequest) -> HttpResponse:
        policy.require(request.user, services.ACTION)
        refusal = upload_refusal(request) if request.method == "POST" else None
        form = ImportForm(request.POST or None, request.FILES or None)
        if refusal:
            form.add_error("file", refusal)
        errors: list[dict[str, Any]] = []
        status = 200
        if request.method == "POST" and not refusal and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                rows = limits_format.read_limit_rows(upload, upload.name)
                result = services.import_limits(request.user, rows, source_name=upload.name,
                                                columns=limits_format.headings())
            except limits_format.UploadError as exc:
                form.add_error("file", str(exc))
            except ValidationFailed as exc:
                form.add_error(None, exc.message)
                errors = exc.errors
            else:
                self.message_user(request, gettext_now(
                    "已导入：新增 %(created)s 条，修改 %(changed)s 条，未变 %(unchanged)s 条。") % {
                    "created": len(result.created), "changed": len(result.changed), "unchanged": result.unchanged},
                    messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:declarations_mandatoryindicator_changelist"))
        if refusal:
            status = 413
        elif request.method == "POST":
            status = 422
        return TemplateResponse(request, "admin/declarations/mandatoryindicator/import.html", {
            **self.admin_site.each_context(request), "title": gettext_now("导入标准指标限值"), "form": form,
            "errors": errors[:MAX_ERRORS_SHOWN], "more": max(0, len(errors) - MAX_ERRORS_SHOWN),
            "opts": self.model._meta, "max_rows": limits_format.MAX_ROWS,
        }, status=status)
