"""The approval deadline on the project page: its state (on track, reminder, due today, overdue and frozen), the
extension history, the secretariat's extension request and the national administration's decision."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from biaozhun.accounts import policy
from biaozhun.accounts.forms import field_messages, form_problems
from biaozhun.core import clock
from biaozhun.core.errors import DomainError
from biaozhun.rules.cycles import cycle_kind, deadline_state, last_day_to_request_extension

from .. import limits
from ..models import ExtensionRequest, Project, ProjectKind
from ..services.deadlines import BEFORE_APPROVAL, decide_extension, request_extension


class ExtensionRequestForm(forms.Form):
    months = forms.IntegerField(label=gettext_lazy("延期月数"))
    reason = forms.CharField(label=gettext_lazy("延期理由"), max_length=2000)


class ExtensionDecisionForm(forms.Form):
    decision = forms.ChoiceField(label=gettext_lazy("审核结果"),
                                 choices=[("approve", gettext_lazy("批准")), ("refuse", gettext_lazy("不批准"))])
    reason = forms.CharField(label=gettext_lazy("审核意见"), required=False, max_length=2000)


def detail_context(request, project: Project) -> dict:
    if project.deadline is None:
        return {"deadlines_visible": False}
    user, today, values = request.user, clock.today(), limits.current()
    running = project.stage in BEFORE_APPROVAL
    requests = list(project.extension_requests.select_related("requested_by", "decided_by").order_by("requested_at"))
    last_day = last_day_to_request_extension(project.deadline, values["extension_notice_days"])
    used = [r for r in requests if r.state != ExtensionRequest.State.REFUSED]
    kind = cycle_kind(project.nature, project.kind == ProjectKind.ADOPTION)
    return {
        "deadlines_visible": True,
        "deadlines_state": deadline_state(project.deadline, today, values["reminder_days"]) if running else None,
        "deadlines_rule": f"cycle_{kind}",
        "deadlines_months": limits.cycles()[kind] + project.extension_months,
        "deadlines_requests": requests,
        "deadlines_may_request": (running and not project.frozen and not used
                                  and policy.can(user, "development.manage", project)),
        "deadlines_request_open": today <= last_day,
        "deadlines_last_day": last_day,
        "deadlines_notice_days": values["extension_notice_days"],
        "deadlines_max_months": values["extension_max_months"],
        "deadlines_may_decide": policy.can(user, "development.decide", project),
        "deadlines_refusal": getattr(request, "deadlines_refusal", {}),
    }


def _refused(request, project: Project, exc: DomainError, *, form: str):
    """The project page again, with the refusal on the form that was sent (status 403, 409 or 422)."""
    from .public import render_detail

    request.deadlines_refusal = {
        "form": form, "message": exc.message, "values": request.POST.dict(),
        "fields": field_messages(exc),
    }
    return render_detail(request, project.pk, status=exc.status)


@login_required
@require_POST
def extension_request(request, pk: int):
    project = get_object_or_404(Project.objects.select_related("committee"), pk=pk)
    form = ExtensionRequestForm(request.POST)
    if not form.is_valid():
        return _refused(request, project, form_problems(form), form="request")
    try:
        extension = request_extension(request.user, project, **form.cleaned_data)
    except DomainError as exc:
        return _refused(request, project, exc, form="request")
    messages.success(request, _("延期申请（%(months)d 个月）已提交，等待国家标准委审核。") % {"months": extension.months})
    return redirect(project)


@login_required
@require_POST
def extension_decide(request, request_pk: int):
    extension = get_object_or_404(ExtensionRequest.objects.select_related("project__committee"), pk=request_pk)
    project = extension.project
    form = ExtensionDecisionForm(request.POST)
    if not form.is_valid():
        return _refused(request, project, form_problems(form), form="decide")
    approve = form.cleaned_data["decision"] == "approve"
    try:
        extension = decide_extension(request.user, extension, approve=approve, reason=form.cleaned_data["reason"])
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
