"""Back-office admin. Edits go through catalog.services so every change records its event."""

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from biaozhun.core.errors import DomainError

from . import services
from .admin_import import ImportViews, rejects_link
from .models import Amendment, FullText, ImportJob, Standard, StandardEvent, StandardRelation, TextAccess

EDITABLE = [
    "title_zh", "title_en", "scope", "ccs", "ics", "competent_department", "responsible_unit", "tc_code",
    "published_on", "implemented_on", "abolished_on", "confirmed_on", "plan_number", "industry_classes", "remarks",
]


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class RelationInline(ReadOnlyInline):
    model = StandardRelation
    fk_name = "source"
    fields = ["kind", "target_identifier", "target", "partial", "degree"]
    readonly_fields = fields
    verbose_name_plural = _("与其他标准的关系")


@admin.display(description=_("修改单文本"))
def amendment_text_link(sheet: Amendment) -> str:
    if not sheet.file:
        return "—"
    url = reverse("portal:amendment_text", args=[sheet.standard.identifier, sheet.number])
    return format_html('<a href="{}?download=1">{}</a>', url, _("下载"))


class AmendmentInline(ReadOnlyInline):
    model = Amendment
    fields = ["number", "published_on", "implemented_on", "summary", amendment_text_link, "page_count"]
    readonly_fields = fields


@admin.display(description=_("文件"))
def full_text_link(text: FullText) -> str:
    """Private files have no URL of their own: the link is the page that asks the policy."""
    url = reverse("portal:full_text", args=[text.standard.identifier, text.language])
    return format_html('<a href="{}?download=1">{}</a>', url, _("下载"))


class FullTextInline(ReadOnlyInline):
    model = FullText
    fields = ["language", full_text_link, "size", "page_count", "uploaded_at"]
    readonly_fields = fields


class EventInline(ReadOnlyInline):
    model = StandardEvent
    fields = ["at", "kind", "actor", "from_status", "to_status", "reason", "data"]
    readonly_fields = fields
    ordering = ["-at", "-id"]


class WithdrawnFilter(admin.SimpleListFilter):
    title = _("撤销")
    parameter_name = "withdrawn"

    def lookups(self, request, model_admin):
        return [("no", _("在目录中")), ("yes", _("已撤销（发布有误）"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(withdrawn_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(withdrawn_at__isnull=True)
        return queryset


class TextAccessForm(forms.Form):
    access = forms.ChoiceField(label=_("全文公开方式"), choices=[("", _("按规则（按标准类别确定）")), *TextAccess.choices],
                               required=False)
    reason = forms.CharField(label=_("依据"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("读者将看到这段说明，如：发布者（中国标准化协会）已在其网站公开全文。"))


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("撤销原因"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
                             help_text=_("将记入标准的历史，如：标准号填写错误，应为 GB 9706.299-2026。"))


@admin.register(Standard)
class StandardAdmin(admin.ModelAdmin):
    list_display = ["identifier", "title_zh", "tier", "nature", "status", "published_on", "implemented_on"]
    list_filter = [WithdrawnFilter, "tier", "nature", "status"]
    actions = ["withdraw", "set_text_access"]
    search_fields = ["=identifier", "^undated", "title_zh", "title_en"]
    show_full_result_count = False
    raw_id_fields = ["ccs", "ics"]
    readonly_fields = [
        "identifier", "tier", "nature", "prefix", "industry_code", "region_code", "org_code", "number", "part",
        "year", "status", "status_reason", "status_since", "status_by", "issued_by", "ics_codes", "version",
        "drafting_units", "drafters", "withdrawn_at", "withdrawn_identifier", "withdrawal_reason", "text_access",
        "text_access_note",
    ]
    fieldsets = [
        (_("标准号"), {"fields": ["identifier", ("tier", "nature", "prefix"), ("industry_code", "region_code", "org_code"),
                                  ("number", "part", "year")]}),
        (_("内容"), {"fields": ["title_zh", "title_en", "scope", ("ccs", "ics"), "ics_codes", "industry_classes",
                               "remarks"]}),
        (_("单位"), {"fields": ["issued_by", "competent_department", "responsible_unit", "tc_code", "drafting_units",
                               "drafters", "plan_number"]}),
        (_("全文公开方式"), {"fields": ["text_access", "text_access_note"]}),
        (_("日期与状态"), {"fields": [("published_on", "implemented_on"), ("abolished_on", "confirmed_on"),
                                     ("status", "status_reason", "status_since", "status_by"), "version"]}),
        (_("撤销"), {"fields": ["withdrawn_at", "withdrawn_identifier", "withdrawal_reason"]}),
    ]
    inlines = [RelationInline, AmendmentInline, FullTextInline, EventInline]

    def get_queryset(self, request):
        return Standard.all_objects.all()  # withdrawn editions too: their history stays readable here

    def has_add_permission(self, request):
        return False  # new editions come from imports or from development projects

    def has_change_permission(self, request, obj=None):
        return obj is None or obj.withdrawn_at is None  # a withdrawn edition is history only

    def _for_each(self, request, queryset, *, form_class, template: str, title: str, apply, done: str):
        """An action that asks for a form first, then applies `apply(standard, cleaned_data)` (a service call) to
        each selected edition still in the catalogue; a refusal is reported per edition, the others go on."""
        form = form_class(request.POST if "reason" in request.POST else None)
        if not form.is_valid():
            return TemplateResponse(request, template, {
                **self.admin_site.each_context(request), "title": title, "form": form,
                "standards": queryset, "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            })
        count = 0
        for standard in queryset.filter(withdrawn_at__isnull=True):
            try:
                apply(standard, form.cleaned_data)
            except DomainError as exc:
                self.message_user(request, f"{standard.identifier}: {exc.message}", messages.ERROR)
            else:
                count += 1
        if count:
            self.message_user(request, done % {"count": count}, messages.SUCCESS)
        return None

    @admin.action(description=_("撤销所选标准（发布有误）"))
    def withdraw(self, request, queryset):
        """An edition published in error leaves the catalogue through catalog.services.withdraw_standard; a
        publication made by a development project is withdrawn from the project's page instead."""
        return self._for_each(
            request, queryset, form_class=WithdrawForm, template="admin/catalog/standard/withdraw.html",
            title=gettext_now("撤销标准"), done=gettext_now("已撤销 %(count)d 项标准。"),
            apply=lambda standard, data: services.withdraw_standard(
                actor=request.user, standard=standard, reason=data["reason"]))

    @admin.action(description=_("设定所选标准的全文公开方式"))
    def set_text_access(self, request, queryset):
        """Where a publisher decides otherwise than the rules (catalog.services.set_text_access, with its reason)."""
        return self._for_each(
            request, queryset, form_class=TextAccessForm, template="admin/catalog/standard/text_access.html",
            title=gettext_now("设定全文公开方式"), done=gettext_now("已设定 %(count)d 项标准的全文公开方式。"),
            apply=lambda standard, data: services.set_text_access(
                actor=request.user, standard=standard, access=data["access"], reason=data["reason"]))

    def has_delete_permission(self, request, obj=None):
        return False  # history cannot be skipped: abolish instead

    def save_model(self, request, obj, form, change):
        changes = {}
        for name in form.changed_data:
            if name not in EDITABLE:
                continue
            value = form.cleaned_data[name]
            if name in ("ccs", "ics"):
                value = value.pk if value else None
                if name == "ics":
                    name, value = "ics", ([value] + [c for c in obj.ics_codes[1:] if c != value]) if value else []
            elif hasattr(value, "isoformat"):
                value = value.isoformat()
            changes[name] = value
        try:
            services.update_standard(actor=request.user, standard=obj, changes=changes, expected_version=obj.version)
        except DomainError as exc:
            detail = "; ".join(f"{e['field']}: {e['message']}" for e in getattr(exc, "errors", []))
            request._catalog_error = f"{exc.message} {detail}".strip()

    def response_change(self, request, obj):
        error = getattr(request, "_catalog_error", None)
        if error:
            self.message_user(request, error, messages.ERROR)
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def save_related(self, request, form, formsets, change):
        pass  # relations are edited through imports and the development workflow


@admin.register(StandardRelation)
class StandardRelationAdmin(admin.ModelAdmin):
    list_display = ["source", "kind", "target_identifier", "target", "partial", "degree"]
    list_filter = ["kind", "degree", "partial"]
    search_fields = ["=target_identifier", "=source__identifier"]
    raw_id_fields = ["source", "target"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Amendment)
class AmendmentAdmin(admin.ModelAdmin):
    list_display = ["standard", "number", "published_on", "implemented_on"]
    search_fields = ["=standard__identifier", "summary"]
    list_filter = ["published_on"]
    raw_id_fields = ["standard"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(FullText)
class FullTextAdmin(admin.ModelAdmin):
    list_display = ["standard", "language", "size", "page_count", "uploaded_at"]
    exclude = ["file"]
    readonly_fields = [full_text_link]
    list_filter = ["language"]
    search_fields = ["=standard__identifier", "sha256"]
    raw_id_fields = ["standard", "uploaded_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(StandardEvent)
class StandardEventAdmin(admin.ModelAdmin):
    list_display = ["at", "standard", "kind", "actor", "from_status", "to_status"]
    list_filter = ["kind", "to_status"]
    search_fields = ["=standard__identifier", "reason"]
    raw_id_fields = ["standard", "actor"]
    date_hierarchy = "at"
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ImportJob)
class ImportJobAdmin(ImportViews, admin.ModelAdmin):
    """Jobs are read-only; new ones come from the upload page (admin_import.py) or `manage.py catalog_import`."""

    list_display = ["started_at", "source_name", "state", "total_records", "committed_records", "created", "updated",
                    "folded_records", "rejected_records"]
    list_filter = ["state", "file_format", "skip_invalid"]
    search_fields = ["source_name", "sha256"]
    exclude = ["rejects_file"]
    readonly_fields = [*(f.name for f in ImportJob._meta.fields if f.name != "rejects_file"), rejects_link]

    def has_add_permission(self, request):
        return False
