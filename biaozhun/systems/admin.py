"""Programme tags are edited here by administrators, through services/tags.py (each change with its event; a tag
is retired, never deleted, since standards, projects and searches name it). Systems are read here and edited on
their pages (/systems/<id>/manage/), through the services."""

from django.contrib import admin, messages
from django.http import HttpResponseRedirect

from biaozhun.core.errors import DomainError
from biaozhun.development.admin import ReadOnlyAdmin

from .models import ProgrammeTag, StandardSystem, SystemEvent, TagEvent
from .services import tags as services


@admin.register(ProgrammeTag)
class ProgrammeTagAdmin(admin.ModelAdmin):
    list_display = ["code", "name_zh", "name_en", "position", "active"]
    list_editable = []
    fields = ["code", "name_zh", "name_en", "description", "position", "active"]

    def get_readonly_fields(self, request, obj=None):
        return ["code"] if obj is not None else []

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        values = {name: form.cleaned_data[name] for name in services.TAG_FIELDS}
        try:
            if change:
                services.update_tag(actor=request.user, tag=obj, **values)
            else:
                saved = services.create_tag(actor=request.user, code=form.cleaned_data["code"], **values)
                obj.pk = saved.pk
        except DomainError as exc:
            detail = "; ".join(f"{e['field']}: {e['message']}" for e in getattr(exc, "errors", []))
            request._systems_error = f"{exc.message} {detail}".strip()

    def _refused(self, request):
        error = getattr(request, "_systems_error", None)
        if error:
            self.message_user(request, error, messages.ERROR)
            return HttpResponseRedirect(request.path)
        return None

    def response_add(self, request, obj, post_url_continue=None):
        return self._refused(request) or super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        return self._refused(request) or super().response_change(request, obj)


@admin.register(StandardSystem)
class StandardSystemAdmin(ReadOnlyAdmin):
    list_display = ["code", "name_zh", "owner_committee", "owner_department", "updated_at"]
    search_fields = ["code", "name_zh"]


@admin.register(SystemEvent)
class SystemEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "system", "kind", "actor"]
    list_filter = ["kind"]


@admin.register(TagEvent)
class TagEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "tag", "kind", "actor"]
    list_filter = ["kind"]
