"""An organisation's side: apply to an open call (with attachments), its own applications, one application's page
(also the authority's review page), withdrawing, and the files sent with an application (served only to those
the policy lets see the application)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.core.errors import DomainError
from biaozhun.core.files import serve_file
from biaozhun.core.upload_limits import upload_limit, upload_refusal

from .. import selectors
from ..models import ApplicationAttachment, AttachmentKind
from ..permissions import applying_memberships
from ..services import ApplicationInput, apply_for_pilot, withdraw_application
from ..services.attachments import MAX_FILES, accepted_names
from .common import refusal

FIELDS = ("project_name", "region_code", "field", "objectives", "planned_standards")


def _form(request, programme, *, status: int = 200, errors: dict | None = None, values: dict | None = None):
    return render(request, "programmes/apply.html", {
        "programme": programme, "organisations": [m.organisation for m in applying_memberships(request.user)],
        "errors": errors or {}, "values": values or {}, "kinds": AttachmentKind.choices,
        "slots": range(MAX_FILES), "accepted": accepted_names(), "accepts": programme.accepts_on(clock.today()),
    }, status=status)


@upload_limit("BIAOZHUN_MAX_PROGRAMME_UPLOAD_BYTES", signed_in_only=True)
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def apply(request, programme_id: int):
    programme = selectors.programme_for(viewer=request.user, pk=programme_id)
    if programme is None:
        raise Http404
    policy.require(request.user, "programmes.own")
    if request.method != "POST":
        return _form(request, programme)
    values = request.POST.dict()
    too_large = upload_refusal(request)
    if too_large:
        messages.error(request, too_large)
        return _form(request, programme, status=413, values=values)
    organisations = {str(o.pk): o for o in (m.organisation for m in applying_memberships(request.user))}
    organisation = organisations.get(request.POST.get("organisation", ""))
    if organisation is None:
        return _form(request, programme, status=422, values=values,
                     errors={"organisation": _("请选择您所在的申报单位。")})
    files = [(request.POST.get(f"kind-{n}", ""), request.FILES.get(f"file-{n}")) for n in range(MAX_FILES)]
    data = ApplicationInput(**{name: request.POST.get(name, "") for name in FIELDS}, attachments=files)
    try:
        application = apply_for_pilot(actor=request.user, programme=programme, organisation=organisation, data=data)
    except DomainError as error:
        return _form(request, programme, status=error.status, errors=refusal(request, error), values=values)
    messages.success(request, _("申报已提交。"))
    return redirect(application)


@login_required
@require_safe
def mine(request):
    policy.require(request.user, "programmes.own")
    return render(request, "programmes/mine.html", {
        "applications": selectors.own_applications(viewer=request.user)[:200]})


def application_or_404(request, pilot_application_id: int):
    application = selectors.application_for(viewer=request.user, pk=pilot_application_id)
    if application is None:
        raise Http404
    return application


def render_application(request, application, *, status: int = 200, errors: dict | None = None):
    user = request.user
    return render(request, "programmes/application.html", {
        "application": application, "programme": application.programme,
        "region": selectors.region_name(application.region_code),
        "attachments": application.attachments.all(), "manage": policy.can(user, "programmes.manage", application),
        "may_withdraw": policy.can(user, "programmes.edit_application", application)
        and application.state in ("submitted", "under_review"),
        "pilot": getattr(application, "pilot", None) if application.state == "approved" else None,
        "history": selectors.history(application=application), "errors": errors or {}, "today": clock.today(),
    }, status=status)


@login_required
@require_safe
def application(request, pilot_application_id: int):
    return render_application(request, application_or_404(request, pilot_application_id))


@login_required
@require_POST
def withdraw(request, pilot_application_id: int):
    found = application_or_404(request, pilot_application_id)
    try:
        withdraw_application(actor=request.user, application=found, reason=request.POST.get("reason", ""))
    except DomainError as error:
        return render_application(request, found, status=error.status, errors=refusal(request, error))
    messages.success(request, _("申报已撤回。"))
    return redirect(found)


@login_required
@require_safe
def attachment(request, pilot_attachment_id: int):
    stored = get_object_or_404(ApplicationAttachment.objects.select_related(
        "application__programme__authority", "application__organisation"), pk=pilot_attachment_id)
    if not policy.can(request.user, "programmes.view_application", stored.application):
        raise Http404  # whether the file exists is not for others to learn
    return serve_file(stored.file, filename=stored.filename, content_type=stored.content_type, restricted=True)
