from django.contrib import admin

from .models import Committee, CommitteeEvent, Member


class MemberInline(admin.TabularInline):
    model = Member
    extra = 0
    fields = ["name", "organisation", "stakeholder", "role", "voting", "term_start", "term_end"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # members are seated through the service, which checks the balance rule


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["code", "name_zh", "kind", "secretariat", "international_counterpart", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name_zh", "name_en"]
    raw_id_fields = ["parent", "secretariat"]
    inlines = [MemberInline]


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ["name", "committee", "organisation", "stakeholder", "role", "voting", "term_end"]
    list_filter = ["stakeholder", "role", "voting"]
    search_fields = ["name", "organisation", "committee__code"]
    raw_id_fields = ["committee", "user"]

    def has_add_permission(self, request):
        return False


@admin.register(CommitteeEvent)
class CommitteeEventAdmin(admin.ModelAdmin):
    list_display = ["at", "committee", "kind", "actor"]
    list_filter = ["kind"]
    search_fields = ["committee__code"]
    readonly_fields = ["committee", "kind", "actor", "at", "data"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
