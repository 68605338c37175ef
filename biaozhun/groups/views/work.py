"""A social organisation's own pages: its organisations and their entries, registering and editing an entry,
publishing a group standard, posting an announcement, and reading and exporting the comments received."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from biaozhun.accounts import policy
from biaozhun.accounts.models import Organisation
from biaozhun.core.upload_limits import megabytes, upload_limit

from .. import selectors
from ..exports import XLSX, comments_xlsx
from ..forms import AnnouncementForm, GroupStandardForm, ProfileForm
from ..services import post_announcement, publish_group_standard, register_group, update_group
from .common import announcement_or_404, profile_or_404, submit

TEXT_LIMIT = "BIAOZHUN_MAX_FULLTEXT_BYTES"  # the text becomes the catalogue's full text: the same limit


@login_required
@require_safe
def work(request):
    policy.require(request.user, "groups.work")
    rows = selectors.profiles_of(request.user)
    return render(request, "groups/work/dashboard.html", {"rows": [
        (organisation, profile, policy.can(request.user, "groups.register", organisation))
        for organisation, profile in rows]})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def register(request, organisation_pk: int):
    organisation = Organisation.objects.filter(pk=organisation_pk).first()
    if organisation is None:
        raise Http404(_("没有这个组织。"))
    policy.require(request.user, "groups.register", organisation)
    form = ProfileForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        profile, status = submit(request, form, lambda f: register_group(
            actor=request.user, organisation=organisation, data=f.profile_input()))
        if profile is not None:
            messages.success(request, _("%(name)s 已登记，团体代号 %(code)s。") % {
                "name": organisation.name, "code": profile.code})
            return redirect(profile)
    else:
        status = 200
    return render(request, "groups/work/profile_form.html", {
        "form": form, "organisation": organisation, "profile": None}, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit(request, group_code: str):
    profile = profile_or_404(group_code)
    policy.require(request.user, "groups.edit_profile", profile)
    if request.method == "POST":
        form = ProfileForm(request.POST)
        saved, status = submit(request, form, lambda f: update_group(
            actor=request.user, profile=profile, data=f.profile_input(),
            expected_version=f.cleaned_data["expected_version"] or profile.version))
        if saved is not None:
            messages.success(request, _("已保存 %(name)s 的信息。") % {"name": profile.organisation.name})
            return redirect(saved)
    else:
        status = 200
        form = ProfileForm(initial={
            "code": profile.code, "registration_authority": profile.registration_authority,
            "supervising_unit": profile.supervising_unit, "region": profile.region_id,
            "industry": profile.industry_id, "introduction": profile.introduction, "website": profile.website,
            "expected_version": profile.version})
    return render(request, "groups/work/profile_form.html", {
        "form": form, "organisation": profile.organisation, "profile": profile}, status=status)


@upload_limit(TEXT_LIMIT, signed_in_only=True)
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def publish(request, group_code: str):
    profile = profile_or_404(group_code)
    policy.require(request.user, "groups.publish", profile)
    posted = request.method == "POST"
    form = GroupStandardForm(request.POST if posted else None, request.FILES if posted else None)
    status = 200
    if posted:
        facts, status = submit(request, form, lambda f: publish_group_standard(
            actor=request.user, profile=profile, data=f.standard_input(), text=f.text_content()), file_field="text")
        if facts is not None:
            messages.success(request, _("已发布 %(identifier)s，并已进入标准目录。") % {
                "identifier": facts.standard.identifier})
            return redirect(profile)
    return render(request, "groups/work/publish.html", {
        "form": form, "profile": profile, "text_max_mb": megabytes(getattr(settings, TEXT_LIMIT))}, status=status)


@upload_limit(TEXT_LIMIT, signed_in_only=True)
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def announce(request, group_code: str):
    profile = profile_or_404(group_code)
    policy.require(request.user, "groups.announce", profile)
    posted = request.method == "POST"
    form = AnnouncementForm(request.POST if posted else None, request.FILES if posted else None)
    status = 200
    if posted:
        announcement, status = submit(request, form, lambda f: post_announcement(
            actor=request.user, profile=profile, data=f.announcement_input(), draft=f.draft_content()),
            file_field="draft")
        if announcement is not None:
            messages.success(request, _("已发布公告。"))
            return redirect(announcement)
    return render(request, "groups/work/announce.html", {
        "form": form, "profile": profile, "text_max_mb": megabytes(getattr(settings, TEXT_LIMIT))}, status=status)


@login_required
@require_safe
def comments(request, announcement_pk: int):
    announcement = announcement_or_404(announcement_pk)
    policy.require(request.user, "groups.view_comments", announcement)
    return render(request, "groups/work/comments.html", {
        "announcement": announcement, "profile": announcement.profile,
        "comments": list(selectors.comments_for(viewer=request.user, announcement=announcement))})


@login_required
@require_safe
def comments_download(request, announcement_pk: int):
    announcement = announcement_or_404(announcement_pk)
    policy.require(request.user, "groups.view_comments", announcement)
    content = comments_xlsx(announcement, selectors.comments_for(viewer=request.user, announcement=announcement))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="comments-{announcement.pk}.xlsx"'
    return response


urlpatterns = [
    path("work/", work, name="work"),
    path("work/register/<int:organisation_pk>/", register, name="register"),
    path("announcements/<int:announcement_pk>/comments/", comments, name="comments"),
    path("announcements/<int:announcement_pk>/comments.xlsx", comments_download, name="comments_xlsx"),
    path("<str:group_code>/edit/", edit, name="edit"),
    path("<str:group_code>/publish/", publish, name="publish"),
    path("<str:group_code>/announce/", announce, name="announce"),
]
