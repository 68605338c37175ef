from django.contrib import admin

from .models import CalendarDay, CalendarYear, CcsCode, IcsCode, IndustryClass, IndustryCode, RegionCode


@admin.register(CcsCode)
class CcsCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "name_zh", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name_zh", "notes"]
    raw_id_fields = ["parent"]


@admin.register(IcsCode)
class IcsCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "name_zh", "level"]
    list_filter = ["level"]
    search_fields = ["code", "name_en", "name_zh"]
    raw_id_fields = ["parent"]


@admin.register(IndustryCode)
class IndustryCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "name_zh", "kind", "is_active", "verified", "note"]
    list_filter = ["kind", "is_active", "verified"]
    search_fields = ["code", "name_zh"]


@admin.register(IndustryClass)
class IndustryClassAdmin(admin.ModelAdmin):
    list_display = ["code", "name_zh", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name_zh"]
    raw_id_fields = ["parent"]


@admin.register(RegionCode)
class RegionCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "name_zh", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name_zh"]
    raw_id_fields = ["parent"]


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["day", "name", "is_workday"]
    list_filter = ["is_workday"]
    search_fields = ["name"]
    date_hierarchy = "day"


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ["year", "source"]
    search_fields = ["year", "source"]
