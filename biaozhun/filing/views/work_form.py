"""The filing form: a new filing by an authority's member, and the revision of a returned one (prefilled, with
the version it was opened at, so a revision made meanwhile by a colleague is not overwritten)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from biaozhun.accounts import policy
from biaozhun.core.errors import DomainError, PayloadTooLarge, PermissionDeniedError, ValidationFailed
from biaozhun.core.upload_limits import megabytes, upload_limit, upload_refusal
from biaozhun.rules.filing import FilingState as State

from ..authorities import authorities_of
from ..check_text import label
from ..forms import FilingForm, initial_from
from ..selectors import work as selectors
from ..services import resubmit_filing, submit_filing
from .work_page import filing_for_work

TEXT_LIMIT = "BIAOZHUN_MAX_FULLTEXT_BYTES"  # the text becomes the catalogue's full text: the same limit


def _submit(request, form: FilingForm, call):
    """Check the form (a text refused by its size named on its field) and call the service: (result, status)."""
    refusal = upload_refusal(request)
    try:
        if refusal:
            form.is_valid()
            form.errors["text"] = form.error_class([refusal])
            raise PayloadTooLarge(refusal, [{"field": "text", "message": refusal}])
        if not form.is_valid():
            return None, 422
        return call(form), 200
    except DomainError as exc:
        if isinstance(exc, ValidationFailed) and not form.errors:
            form.show_service_problems(exc)
        elif not isinstance(exc, ValidationFailed):
            form.add_error(None, exc.message)
        return None, exc.status


def _render(request, form: FilingForm, *, status: int = 200, filing=None):
    reasons = []
    if filing is not None:
        event = selectors.return_reasons(filings=[filing]).get(filing.pk)
        reasons = [(label(r.get("check", "")), r.get("message", "")) for r in (event.data.get("reasons", ())
                                                                                if event else ())]
    return render(request, "filing/work/form.html", {
        "form": form, "filing": filing, "reasons": reasons,
        "text_max_mb": megabytes(getattr(settings, TEXT_LIMIT))}, status=status)


@upload_limit(TEXT_LIMIT, signed_in_only=True)
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def work_new(request):
    authorities = authorities_of(request.user)
    if not authorities:
        policy.require(request.user, "filing.work")
        raise PermissionDeniedError("filing.submit", _("只有行业主管部门和市场监管部门的工作人员可以提交备案。"))
    posted = request.method == "POST"
    form = FilingForm(request.POST if posted else None, request.FILES if posted else None, authorities=authorities)
    if request.method != "POST":
        form.initial.setdefault("approved_by", authorities[0].name if len(authorities) == 1 else "")
        return _render(request, form)
    by_pk = {a.pk: a for a in authorities}
    filing, status = _submit(request, form, lambda f: submit_filing(
        actor=request.user, authority=by_pk[f.cleaned_data["authority"]], data=f.filing_input()))
    if filing is None:
        return _render(request, form, status=status)
    messages.success(request, _("已提交 %(identifier)s 的备案。检查结果见下方，供您和审查人员参考。") % {
        "identifier": filing.identifier})
    return redirect("filing:work_detail", pk=filing.pk)


@upload_limit(TEXT_LIMIT, signed_in_only=True)
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def work_revise(request, pk: int):
    filing = filing_for_work(request, pk)
    policy.require(request.user, "filing.revise", filing)
    if filing.state != State.RETURNED:
        messages.info(request, _("只有已退回的备案可以修改后重新提交。"))
        return redirect("filing:work_detail", pk=filing.pk)
    posted = request.method == "POST"
    form = FilingForm(request.POST if posted else None, request.FILES if posted else None,
                      authorities=[filing.authority], revising=filing, initial=initial_from(filing))
    if request.method != "POST":
        return _render(request, form, filing=filing)
    revised, status = _submit(request, form, lambda f: resubmit_filing(
        actor=request.user, filing=filing, data=f.filing_input(),
        expected_version=f.cleaned_data["expected_version"]))
    if revised is None:
        return _render(request, form, status=status, filing=filing)
    messages.success(request, _("已重新提交 %(identifier)s 的备案。") % {"identifier": revised.identifier})
    return redirect("filing:work_detail", pk=revised.pk)


urlpatterns = [
    path("work/new/", work_new, name="work_new"),
    path("work/<int:pk>/revise/", work_revise, name="work_revise"),
]
