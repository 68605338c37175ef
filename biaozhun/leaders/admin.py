"""Back office for 领跑者, read-only: key products, schemes and their indicators, ranking runs, leader lists with
their entries and objections, and the history. They change only through the services (the administration's pages
record every step with its event), so these admins add, change and delete nothing."""

from django.contrib import admin

from biaozhun.development.admin import ReadOnlyAdmin

from .models import KeyProduct, LeaderEntry, LeaderList, LeadersEvent, Objection, RankingRun, Scheme, SchemeIndicator


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class SchemeIndicatorInline(_ReadOnlyInline):
    model = SchemeIndicator
    fields = ["position", "name", "unit", "direction", "key", "aliases", "threshold_kind", "thresholds",
              "requirement", "requirement_source"]


class LeaderEntryInline(_ReadOnlyInline):
    model = LeaderEntry
    fields = ["declaration", "enterprise", "state"]
    raw_id_fields = ["declaration", "enterprise"]


@admin.register(KeyProduct)
class KeyProductAdmin(ReadOnlyAdmin):
    list_display = ["year", "name", "domain", "match", "created_at"]
    list_filter = ["year"]
    search_fields = ["name", "domain"]


@admin.register(Scheme)
class SchemeAdmin(ReadOnlyAdmin):
    list_display = ["title", "key_product", "rules", "created_at"]
    list_select_related = ["key_product"]
    inlines = [SchemeIndicatorInline]


@admin.register(RankingRun)
class RankingRunAdmin(ReadOnlyAdmin):
    list_display = ["at", "scheme", "status", "declarations", "indicator_rows", "seconds", "inputs_digest"]
    list_filter = ["status"]
    list_select_related = ["scheme__key_product"]
    exclude = ["tiers", "unranked", "excluded"]  # large: the run page and the API show them


@admin.register(LeaderList)
class LeaderListAdmin(ReadOnlyAdmin):
    list_display = ["key_product", "year", "state", "notice_from", "notice_until", "published_at"]
    list_filter = ["state", "year"]
    list_select_related = ["key_product"]
    inlines = [LeaderEntryInline]


@admin.register(Objection)
class ObjectionAdmin(ReadOnlyAdmin):
    list_display = ["leader_list", "entry", "state", "at", "decided_at"]
    list_filter = ["state"]
    raw_id_fields = ["entry", "author", "decided_by"]


@admin.register(LeadersEvent)
class LeadersEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "kind", "actor", "key_product", "leader_list"]
    list_filter = ["kind"]
    raw_id_fields = ["actor", "key_product", "scheme", "run", "leader_list", "objection"]
