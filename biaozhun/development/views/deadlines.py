"""Extension requests (延期申请) and the national administration's decisions, from the project page's deadline
section (sections/deadlines.py); a refusal shows the project page again with it on the form sent."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from biaozhun.accounts.forms import field_messages, form_problems
from biaozhun.core.errors import DomainError

from .. import selectors
from ..forms import ExtensionDecisionForm, ExtensionRequestForm
from ..models import Project
from ..services.deadlines import decide_extension, request_extension
from .project_page import render_project_page


def _refused(request, project: Project, exc: DomainError, *, form: str):
    """The project page again, with the refusal on the form that was sent (status 403, 409 or 422)."""
    project.refresh_from_db()
    refusal = {"form": form, "message": exc.message, "values": request.POST.dict(), "fields": field_messages(exc)}
    return render_project_page(request, project, status=exc.status, refusals={"deadlines": {"refusal": refusal}})


@login_required
@require_POST
def extension_request(request, pk: int):
    project = selectors.project_for_page(pk=pk)
    form = ExtensionRequestForm(request.POST)
    if not form.is_valid():
        return _refused(request, project, form_problems(form), form="request")
    try:
        extension = request_extension(actor=request.user, project=project, **form.cleaned_data)
    except DomainError as exc:
        return _refused(request, project, exc, form="request")
    messages.success(request, _("延期申请（%(months)d 个月）已提交，等待国家标准委审核。") % {"months": extension.months})
    return redirect(project)


@login_required
@require_POST
def extension_decide(request, request_pk: int):
    extension = selectors.extension_request_for_page(pk=request_pk)
    project = extension.project
    form = ExtensionDecisionForm(request.POST)
    if not form.is_valid():
        return _refused(request, project, form_problems(form), form="decide")
    approve = form.cleaned_data["decision"] == "approve"
    try:
        extension = decide_extension(actor=request.user, request=extension, approve=approve,
                                     reason=form.cleaned_data["reason"])
    except DomainError as exc:
        return _refused(request, project, exc, form="decide")
    project.refresh_from_db()
    if approve:
        messages.success(request, _("已批准延期 %(months)d 个月，新的报批期限为 %(deadline)s。") % {
            "months": extension.months, "deadline": project.deadline.isoformat()})
    else:
        messages.success(request, _("已不批准该延期申请。"))
    return redirect(project)


urlpatterns = [
    path("<int:pk>/extension/", extension_request, name="extension_request"),
    path("extensions/<int:request_pk>/decide/", extension_decide, name="extension_decide"),
]
