"""Comments: the comment form and the reader's own comments on the project page, the secretariat's disposition
page, and the 意见汇总处理表 XLSX."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import path, reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from biaozhun.accounts import policy
from biaozhun.accounts.forms import BootstrapFormMixin, form_problems, show_problems
from biaozhun.accounts.models import Organisation
from biaozhun.core import clock
from biaozhun.core.errors import DomainError, InvalidTransition, RequirementsUnmet, ValidationFailed

from .. import disposition_table
from ..models import Comment, Disposition, Project
from ..services.comments import TEXT_MAX, check_window, dispose_comment, submit_comment
from ..services.documents import XLSX
from ..services.projects import frozen_error, stage_name


class CommentForm(BootstrapFormMixin, forms.Form):
    clause = forms.CharField(label=gettext_lazy("章条编号"), required=False, max_length=100,
                             help_text=gettext_lazy("如 5.2.1、第5章、附录A；不填表示对全文的意见。"))
    text = forms.CharField(label=gettext_lazy("意见内容"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4}))
    proposal = forms.CharField(label=gettext_lazy("修改建议"), required=False, max_length=TEXT_MAX,
                               widget=forms.Textarea(attrs={"rows": 3}))
    organisation = forms.ModelChoiceField(label=gettext_lazy("提出单位"), required=False,
                                          queryset=Organisation.objects.none(),
                                          empty_label=gettext_lazy("以个人名义"))

    def __init__(self, user, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "comment-%s")
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(memberships__user=user).order_by("name")


class DisposeForm(forms.Form):
    disposition = forms.ChoiceField(label=gettext_lazy("处理意见"), choices=Disposition.choices)
    reason = forms.CharField(label=gettext_lazy("处理理由"), required=False, max_length=TEXT_MAX)


def _project(pk: int) -> Project:
    return get_object_or_404(Project.objects.select_related("committee"), pk=pk)


def _taking_comments(project: Project, today) -> bool:
    return project.period_open and today <= project.period_ends_on and not project.frozen


# --- The section on the project page -------------------------------------------------------------
def detail_context(request, project: Project, form: CommentForm | None = None) -> dict:
    user = request.user
    today = clock.today()
    taking = _taking_comments(project, today)
    signed_in = user.is_authenticated
    may_view_all = policy.can(user, "development.view_comments", project)
    counts = project.comments.aggregate(total=Count("pk"), open=Count("pk", filter=Q(disposition="")))
    mine = list(policy.visible("development.comments", user, project).filter(author=user)) if signed_in else []
    next_url = project.get_absolute_url() + "#comments"
    return {
        "comments_visible": taking or bool(mine) or (may_view_all and counts["total"] > 0),
        "comments_taking": taking,
        "comments_period": stage_name(project.stage) if taking else "",
        "comments_ends_on": project.period_ends_on,
        "comments_days_left": (project.period_ends_on - today).days if taking else None,
        "comments_form": (form or CommentForm(user))
        if taking and signed_in and policy.can(user, "development.comment", project) else None,
        "comments_login_url": f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': next_url})}",
        "comments_mine": mine,
        "comments_may_view_all": may_view_all,
        "comments_total": counts["total"],
        "comments_open": counts["open"],
    }


@login_required
@require_POST
def comment_submit(request, pk: int):
    project = _project(pk)
    form = CommentForm(request.user, request.POST)
    try:
        if not form.is_valid():
            raise form_problems(form)
        comment = submit_comment(request.user, project, **form.cleaned_data)
    except DomainError as exc:
        if isinstance(exc, ValidationFailed) and not form.errors:
            show_problems(form, exc)
        project.refresh_from_db()
        return render(request, "development/comments/refused.html", {
            "project": project, "error": exc.message, **detail_context(request, project, form)}, status=exc.status)
    messages.success(request, _("您的意见已提交，序号为第 %(number)d 号。处理结果将通过邮件通知您。") % {
        "number": comment.number})
    return redirect(project.get_absolute_url() + "#comments")


# --- The secretariat's disposition page ------------------------------------------------------------
def _window_note(project: Project, comments: list[Comment], today) -> str:
    """Why dispositions cannot be recorded now (the period still runs, or the project moved on), if so."""
    if not comments:
        return ""
    latest = next((c for c in reversed(comments) if not c.disposition), comments[-1])
    try:
        check_window(project, latest, today)
    except (InvalidTransition, RequirementsUnmet) as exc:
        return exc.message
    return ""


def _render_page(request, project: Project, *, status: int = 200, error: str = "", failed: int | None = None,
                 form: DisposeForm | None = None):
    user = request.user
    today = clock.today()
    show = request.GET.get("show", request.POST.get("show", ""))
    everything = list(policy.visible("development.comments", user, project).select_related("document").order_by("number"))
    comments = [c for c in everything if not c.disposition] if show == "open" else everything
    may_manage = policy.can(user, "development.manage", project)
    rows = []
    for comment in comments:
        try:
            check_window(project, comment, today)
            open_now = may_manage and not project.frozen
        except (InvalidTransition, RequirementsUnmet):
            open_now = False
        posted = form if failed == comment.pk else None
        rows.append({"comment": comment, "form_open": open_now, "posted": posted,
                     "errors": {name: " ".join(errs) for name, errs in posted.errors.items()} if posted else {}})
    return render(request, "development/comments.html", {
        "project": project, "rows": rows, "show": show, "error": error, "may_manage": may_manage,
        "total": len(everything), "open_count": sum(1 for c in everything if not c.disposition),
        "window_note": "" if not may_manage else (frozen_error(project).message if project.frozen
                                                   else _window_note(project, everything, today)),
        "dispositions": Disposition.choices,
    }, status=status)


@login_required
@require_GET
def comments_page(request, pk: int):
    project = _project(pk)
    if not policy.can(request.user, "development.view_comments", project):
        raise PermissionDenied
    return _render_page(request, project)


@login_required
@require_POST
def comment_dispose(request, comment_pk: int):
    comment = get_object_or_404(Comment.objects.select_related("project__committee"), pk=comment_pk)
    project = comment.project
    if not policy.can(request.user, "development.view_comments", project):
        raise PermissionDenied
    form = DisposeForm(request.POST)
    try:
        if not form.is_valid():
            raise form_problems(form)
        comment = dispose_comment(request.user, comment, **form.cleaned_data)
    except DomainError as exc:
        if isinstance(exc, ValidationFailed) and not form.errors:
            show_problems(form, exc)
        project.refresh_from_db()
        return _render_page(request, project, status=exc.status, error=exc.message, failed=comment.pk, form=form)
    messages.success(request, _("第 %(number)d 号意见的处理意见（%(disposition)s）已保存。") % {
        "number": comment.number, "disposition": comment.get_disposition_display()})
    query = "?show=open" if request.POST.get("show") == "open" else ""
    return redirect(reverse("development:comments", args=[project.pk]) + query + f"#comment-{comment.number}")


@login_required
@require_GET
def disposition_table_download(request, pk: int):
    project = _project(pk)
    if not policy.can(request.user, "development.view_comments", project):
        raise PermissionDenied
    response = HttpResponse(disposition_table.build(project), content_type=XLSX)
    filename = f"{project.plan_number or project.pk}_{_('意见汇总处理表')}.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


urlpatterns = [
    path("<int:pk>/comments/new/", comment_submit, name="comment_submit"),
    path("<int:pk>/comments/", comments_page, name="comments"),
    path("comments/<int:comment_pk>/dispose/", comment_dispose, name="comment_dispose"),
    path("<int:pk>/comments.xlsx", disposition_table_download, name="disposition_table"),
]
