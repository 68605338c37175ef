from django.contrib import admin

from .models import ScheduledRun


@admin.register(ScheduledRun)
class ScheduledRunAdmin(admin.ModelAdmin):
    list_display = ["day", "task", "enqueued_at"]
    list_filter = ["task"]
    search_fields = ["task"]
    date_hierarchy = "day"
