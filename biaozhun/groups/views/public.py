"""Public pages: the registry of social organisations (search by name, code, region; filters by province and
GB/T 4754 section), an organisation's page with its group standards and announcements, the statistics (and their
XLSX), the announcements, and one announcement with its comment form during the period."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.core.charts import BarChart, bar_chart
from biaozhun.core.files import serve_file

from .. import selectors
from ..exports import XLSX, statistics_xlsx
from ..forms import CommentForm, RegistrySearchForm
from ..services import comment_phase, submit_comment
from .common import announcement_or_404, profile_or_404, submit

PAGE_SIZE = 30
COMMENTS_PAGE_SIZE = 50


@require_safe
def registry(request):
    form = RegistrySearchForm(request.GET or None)
    query = form.query()
    page = Paginator(selectors.registry(**query), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "groups/public/list.html", {
        "form": form, "page": page, "filtered": any(query.values()),
        "may_work": policy.can(request.user, "groups.work")})


@require_safe
def detail(request, group_code: str):
    profile = profile_or_404(group_code)
    if profile.code != group_code:
        return redirect(profile, permanent=True)
    return render(request, "groups/public/detail.html", {
        "profile": profile, "organisation": profile.organisation,
        "standards": list(selectors.standards_of(profile)[:100]),
        "announcements": list(selectors.announcements(profile=profile)[:20]),
        "may_publish": policy.can(request.user, "groups.publish", profile),
        "may_edit": policy.can(request.user, "groups.edit_profile", profile),
        "today": clock.today()})


def _chart(id: str, title: str, rows: list, label) -> BarChart | None:
    """Organisations and group standards per row of a statistics table, as a bar chart (None without rows)."""
    if not rows:
        return None
    top = rows[0]  # rows come most organisations first
    description = _("%(title)s：共 %(n)d 项，社会团体最多的是%(top)s（%(count)d 个，团体标准 %(standards)d 项）。"
                    "各项数字见图下的表格。") % {"title": title, "n": len(rows), "top": label(top[0]),
                                           "count": top[1], "standards": top[2]}
    return bar_chart(id=id, title=title, description=description, labels=[label(row[0]) for row in rows],
                     series=[(_("社会团体数"), [row[1] for row in rows]), (_("团体标准数"), [row[2] for row in rows])])


@require_safe
def statistics_page(request):
    statistics = selectors.statistics()
    return render(request, "groups/public/statistics.html", {
        "statistics": statistics,
        "province_chart": _chart("chart-by-province", _("按省份统计的社会团体和团体标准"), statistics.by_province,
                                 lambda place: place.name_zh),
        "section_chart": _chart("chart-by-section", _("按国民经济行业门类统计的社会团体和团体标准"),
                                statistics.by_section, lambda section: f"{section.code} {section.name_zh}"),
    })


@require_safe
def statistics_download(request):
    response = HttpResponse(statistics_xlsx(selectors.statistics()), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="group-statistics.xlsx"'
    return response


@require_safe
def announcement_list(request):
    page = Paginator(selectors.announcements(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "groups/public/announcements.html", {"page": page, "today": clock.today()})


def _announcement_page(request, announcement, form: CommentForm | None = None, status: int = 200):
    phase = comment_phase(announcement, clock.today())
    comments = Paginator(selectors.comments_for(viewer=request.user, announcement=announcement),
                         COMMENTS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "groups/public/announcement.html", {
        "announcement": announcement, "profile": announcement.profile, "phase": phase,
        "form": form or CommentForm(), "comments": comments,
        "may_read_all": policy.can(request.user, "groups.view_comments", announcement),
        "may_identify": policy.can(request.user, "groups.identify_commenters", announcement),
    }, status=status)


@require_safe
def announcement_detail(request, announcement_pk: int):
    return _announcement_page(request, announcement_or_404(announcement_pk))


@login_required
@require_POST
def comment_submit(request, announcement_pk: int):
    announcement = announcement_or_404(announcement_pk)
    policy.require(request.user, "groups.comment", announcement)
    form = CommentForm(request.POST)
    comment, status = submit(request, form, lambda f: submit_comment(
        actor=request.user, announcement=announcement, **f.cleaned_data))
    if comment is None:
        return _announcement_page(request, announcement, form, status)
    messages.success(request, _("已提交您的意见（第 %(number)s 条）。") % {"number": comment.number})
    return redirect(announcement)


@require_safe
def announcement_draft(request, announcement_pk: int):
    """The 征求意见稿: public, as the announcement is."""
    announcement = announcement_or_404(announcement_pk)
    if not announcement.draft:
        raise Http404(_("这条公告没有附征求意见稿。"))
    return serve_file(announcement.draft, filename=f"{announcement.standard_title}.pdf",
                      content_type="application/pdf", restricted=False)


urlpatterns = [
    path("", registry, name="list"),
    path("statistics/", statistics_page, name="statistics"),
    path("statistics/groups.xlsx", statistics_download, name="statistics_xlsx"),
    path("announcements/", announcement_list, name="announcements"),
    path("announcements/<int:announcement_pk>/", announcement_detail, name="announcement"),
    path("announcements/<int:announcement_pk>/comment/", comment_submit, name="comment_submit"),
    path("announcements/<int:announcement_pk>/draft.pdf", announcement_draft, name="announcement_draft"),
]
detail_patterns = [path("<str:group_code>/", detail, name="detail")]
