"""The project's controls (the form is the project page's manage section): moves, the national administration's
WTO/TBT notification and publication; and proposing a project."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from biaozhun.accounts.forms import field_messages, form_problems, show_problems
from biaozhun.core.errors import DomainError, ValidationFailed
from biaozhun.rules.stages import BY_CODE

from .. import selectors
from ..forms import MoveForm, ProposeForm, PublishForm, TbtForm, WithdrawPublicationForm
from ..models import Project, stage_label
from ..services import move_project, propose_project
from ..services.publication import publish_project, record_tbt_notification, tbt_earliest
from ..services.withdrawal import withdraw_publication
from .sections import manage as section


def _refused(request, project: Project, exc: DomainError, *, form: str):
    """The project's controls again, with the service's refusal (its status: 403, 409 or 422)."""
    project.refresh_from_db()
    refusal = {
        "form": form, "target": request.POST.get("to", "") if form == "move" else "", "message": exc.message,
        "fields": field_messages(exc),
        "missing": exc.data.get("missing", []),
        "allowed": [stage_label(code) for code in exc.data.get("allowed", ())],
        "stale": exc.code == "stale_project",
    }
    context = {"project": project, "stage": BY_CODE[project.stage], "error": refusal,
               **section.context(request, project, refusal=refusal, values=request.POST.dict())}
    return render(request, "development/manage/refused.html", context, status=exc.status)


def _act(request, project: Project, form_class, name: str, service):
    """Check the posted form and call the service with it: (its result, None), or (None, the refusal page)."""
    form = form_class(request.POST)
    if not form.is_valid():
        return None, _refused(request, project, form_problems(form), form=name)
    try:
        return service(actor=request.user, project=project, **form.cleaned_data), None
    except DomainError as exc:
        return None, _refused(request, project, exc, form=name)


@login_required
@require_POST
def move(request, pk: int):
    project, refused = _act(request, selectors.project_for_page(pk=pk), MoveForm, "move", move_project)
    if refused:
        return refused
    messages.success(request, _("项目已转入「%(stage)s」。") % {"stage": stage_label(project.stage)})
    return redirect(project)


@login_required
@require_POST
def tbt(request, pk: int):
    project, refused = _act(request, selectors.project_for_page(pk=pk), TbtForm, "tbt", record_tbt_notification)
    if refused:
        return refused
    messages.success(request, _("已登记WTO/TBT通报 %(number)s，%(earliest)s 起可批准发布。") % {
        "number": project.tbt_notification, "earliest": tbt_earliest(project)})
    return redirect(project)


@login_required
@require_POST
def publish(request, pk: int):
    project = selectors.project_for_page(pk=pk)
    _standard, refused = _act(request, project, PublishForm, "publish", publish_project)
    if refused:
        return refused
    project.refresh_from_db()
    messages.success(request, _("已批准发布 %(identifier)s。") % {"identifier": project.published_identifier})
    return redirect(project)


@login_required
@require_POST
def withdraw(request, pk: int):
    project = selectors.project_for_page(pk=pk)
    identifier = project.published_identifier
    project, refused = _act(request, project, WithdrawPublicationForm, "withdraw", withdraw_publication)
    if refused:
        return refused
    messages.success(request, _("已撤销 %(identifier)s 的发布，项目退回报批阶段，可按正确的标准号重新批准发布。") % {
        "identifier": identifier})
    return redirect(project)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def propose(request):
    form = ProposeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                project = propose_project(actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                status = exc.status
                if isinstance(exc, ValidationFailed):
                    show_problems(form, exc)
                else:
                    form.add_error(None, exc.message)
            else:
                messages.success(request, _("项目已提出，等待技术委员会秘书处处理。"))
                return redirect(project)
        else:
            status = 422
    return render(request, "development/propose.html", {"form": form}, status=status)


urlpatterns = [
    path("propose/", propose, name="propose"),
    path("<int:pk>/move/", move, name="move"),
    path("<int:pk>/tbt/", tbt, name="tbt"),
    path("<int:pk>/publish/", publish, name="publish"),
    path("<int:pk>/withdraw/", withdraw, name="withdraw_publication"),
]
