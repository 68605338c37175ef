from django.contrib import admin

from biaozhun.accounts.admin import SearchByEmailMixin

from .models import FeedCursor, Watch, WatchNotification


@admin.register(Watch)
class WatchAdmin(SearchByEmailMixin, admin.ModelAdmin):
    email_user_path = "user"
    list_display = ["user", "kind", "label", "created_at"]
    list_filter = ["kind"]
    search_fields = ["label", "undated", "user__username"]
    raw_id_fields = ["user", "standard"]


@admin.register(FeedCursor)
class FeedCursorAdmin(admin.ModelAdmin):
    list_display = ["name", "last_event_id", "updated_at"]
    search_fields = ["name"]


@admin.register(WatchNotification)
class WatchNotificationAdmin(SearchByEmailMixin, admin.ModelAdmin):
    email_user_path = "user"
    list_display = ["user", "sent_at", "first_event_id", "last_event_id"]
    list_filter = ["sent_at"]
    search_fields = ["user__username"]
    raw_id_fields = ["user"]
    readonly_fields = ["user", "sent_at", "first_event_id", "last_event_id", "changes"]
