from django.contrib import admin

from .models import Feedback


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["received_at", "standard", "category", "author", "state", "reply_due"]
    list_filter = ["category", "state", "reply_due"]
    search_fields = ["standard__identifier", "text", "author__username"]
    raw_id_fields = ["standard", "author"]
    readonly_fields = ["standard", "author", "category", "clause", "text", "received_at", "reply_due",
                       "reply_due_approximate"]
