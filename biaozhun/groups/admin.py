"""The groups in the back office: read-only (entries, standards and announcements change through the services,
on the organisation's own pages, so that each change keeps its event)."""

from django.contrib import admin

from biaozhun.development.admin import ReadOnlyAdmin
from biaozhun.filing.admin import ReadOnlyInline

from .models import Announcement, AnnouncementComment, GroupEvent, GroupProfile, GroupStandard


class GroupEventInline(ReadOnlyInline):
    model = GroupEvent
    fields = ["at", "kind", "actor", "standard", "announcement", "data"]
    readonly_fields = fields


@admin.register(GroupProfile)
class GroupProfileAdmin(ReadOnlyAdmin):
    list_display = ["code", "organisation", "registration_authority", "province", "industry_section", "registered_at"]
    list_filter = ["province", "industry_section"]
    search_fields = ["code", "organisation__name", "organisation__uscc"]
    list_select_related = ["organisation", "province", "industry_section"]
    inlines = [GroupEventInline]


@admin.register(GroupStandard)
class GroupStandardAdmin(ReadOnlyAdmin):
    list_display = ["standard", "profile", "involves_patents", "text_public", "created_at"]
    list_filter = ["involves_patents", "text_public"]
    search_fields = ["standard__identifier", "standard__title_zh", "profile__code"]
    list_select_related = ["standard", "profile"]


class CommentInline(ReadOnlyInline):
    model = AnnouncementComment
    fields = ["number", "author_name", "organisation_name", "clause", "text", "submitted_at"]
    readonly_fields = fields


@admin.register(Announcement)
class AnnouncementAdmin(ReadOnlyAdmin):
    list_display = ["title", "profile", "kind", "comment_start", "comment_end", "posted_at"]
    list_filter = ["kind"]
    search_fields = ["title", "standard_title", "profile__code"]
    list_select_related = ["profile"]
    inlines = [CommentInline]


@admin.register(GroupEvent)
class GroupEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "kind", "profile", "actor"]
    list_filter = ["kind"]
    list_select_related = ["profile", "actor"]
