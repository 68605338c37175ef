"""Comments: submitting one (the form is the project page's comments section), the secretariat's disposition page,
and the 意见汇总处理表 XLSX."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from biaozhun.accounts import policy
from biaozhun.accounts.forms import form_problems, show_problems
from biaozhun.core import clock
from biaozhun.core.errors import DomainError, InvalidTransition, RequirementsUnmet, ValidationFailed

from .. import disposition_table, selectors
from ..forms import CommentForm, DisposeForm
from ..models import Comment, Disposition, Project
from ..services.comments import check_window, dispose_comment, submit_comment
from ..services.documents import XLSX
from ..services.projects import frozen_error
from .sections import comments as section


@login_required
@require_POST
def comment_submit(request, pk: int):
    project = selectors.project_for_page(pk=pk)
    form = CommentForm(request.user, request.POST)
    try:
        if not form.is_valid():
            raise form_problems(form)
        comment = submit_comment(actor=request.user, project=project, **form.cleaned_data)
    except DomainError as exc:
        if isinstance(exc, ValidationFailed) and not form.errors:
            show_problems(form, exc)
        project.refresh_from_db()
        return render(request, "development/comments/refused.html", {
            "project": project, "error": exc.message, **section.context(request, project, form=form)},
            status=exc.status)
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
    everything = list(selectors.comments_for(viewer=user, project=project))
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
        rows.append({"item": comment, "form_open": open_now, "posted": posted,
                     "errors": {name: " ".join(errs) for name, errs in posted.errors.items()} if posted else {}})
    return render(request, "development/comments.html", {
        "project": project, "rows": rows, "show": show, "error": error, "may_manage": may_manage,
        "total": len(everything), "open_count": sum(1 for c in everything if not c.disposition),
        "window_note": "" if not may_manage else (frozen_error(project).message if project.frozen
                                                   else _window_note(project, everything, today)),
        "dispositions": Disposition.choices,
    }, status=status)


@login_required
@require_safe
def comments_page(request, pk: int):
    project = selectors.project_for_page(pk=pk)
    policy.require(request.user, "development.view_comments", project)  # a refusal shows the 403 page
    return _render_page(request, project)


@login_required
@require_POST
def comment_dispose(request, comment_pk: int):
    comment = selectors.comment_for_page(pk=comment_pk)
    project = comment.project
    policy.require(request.user, "development.view_comments", project)  # a refusal shows the 403 page
    form = DisposeForm(request.POST)
    try:
        if not form.is_valid():
            raise form_problems(form)
        comment = dispose_comment(actor=request.user, comment=comment, **form.cleaned_data)
    except DomainError as exc:
        if isinstance(exc, ValidationFailed) and not form.errors:
            show_problems(form, exc)
        project.refresh_from_db()
        return _render_page(request, project, status=exc.status, error=exc.message, failed=comment.pk, form=form)
    messages.success(request, _("第 %(number)d 号意见的处理意见（%(label)s）已保存。") % {
        "number": comment.number, "label": comment.get_disposition_display()})
    query = "?show=open" if request.POST.get("show") == "open" else ""
    return redirect(reverse("development:comments", args=[project.pk]) + query + f"#comment-{comment.number}")


@login_required
@require_safe
def disposition_table_download(request, pk: int):
    project = selectors.project_for_page(pk=pk)
    policy.require(request.user, "development.view_comments", project)  # a refusal shows the 403 page
    comments = list(selectors.comments_for(viewer=request.user, project=project))
    response = HttpResponse(disposition_table.build(project, comments), content_type=XLSX)
    filename = f"{project.plan_number or project.pk}_{_('意见汇总处理表')}.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


urlpatterns = [
    path("<int:pk>/comments/new/", comment_submit, name="comment_submit"),
    path("<int:pk>/comments/", comments_page, name="comments"),
    path("comments/<int:comment_pk>/dispose/", comment_dispose, name="comment_dispose"),
    path("<int:pk>/comments.xlsx", disposition_table_download, name="disposition_table"),
]
