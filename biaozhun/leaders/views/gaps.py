"""对标达标 page: an enterprise member compares one of its declarations (or typed indicators) with the
requirements of a 领跑者 scheme and/or typed requirements; the report shows on the page and downloads as XLSX or
PDF (the same form posted with format=xlsx or pdf: nothing is stored)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from biaozhun.accounts import policy
from biaozhun.accounts.forms import show_problems
from biaozhun.core.errors import ValidationFailed

from ..exports import XLSX, gap_pdf, gap_xlsx
from ..forms import GapForm
from ..gapreport import (
    LineProblem,
    build_report,
    declaration_declared,
    outcome_label,
    scheme_required,
    typed_declared,
    typed_required,
)
from ..selectors import gaps as selectors


def _report(user, form: GapForm):
    data = form.cleaned_data
    required = []
    if data["scheme"] is not None:
        required += scheme_required(selectors.scheme(pk=data["scheme"]))
    if data["requirements"].strip():
        required += typed_required(data["requirements"])
    if data["declaration"] is not None:
        declaration = selectors.own_declaration(viewer=user, pk=data["declaration"])
        if declaration is None:  # not one of the person's enterprises' (the form offers only those)
            raise Http404
        policy.require(user, "leaders.compare", declaration)
        declared, apart = declaration_declared(declaration, required)
        subject = f"{declaration.identifier} {declaration.title} · {declaration.enterprise.name}"
    else:
        declared, apart, subject = typed_declared(data["indicators"]), [], _("手工填写的指标")
    return build_report(subject=subject, declared=declared, required=required, not_compared=apart)


@login_required
@require_http_methods(["GET", "POST"])
def gap_report(request):
    policy.require(request.user, "leaders.compare")
    declarations = selectors.own_declarations(viewer=request.user)
    schemes = selectors.schemes_with_requirements()
    form = GapForm(request.POST or None, declarations=declarations, schemes=schemes)
    report, status = None, 200
    if request.method == "POST":
        if form.is_valid():
            try:
                report = _report(request.user, form)
            except LineProblem as problem:
                show_problems(form, ValidationFailed(problem.message, [{"field": problem.field,
                                                                       "message": problem.message}]))
                status = 422
        else:
            status = 422
    if report is not None and request.POST.get("format") in ("xlsx", "pdf"):
        kind = request.POST["format"]
        body, content_type = (gap_xlsx(report), XLSX) if kind == "xlsx" else (gap_pdf(report), "application/pdf")
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="gap-report.{kind}"'
        return response
    return render(request, "leaders/gaps.html", {
        "form": form, "report": report, "status": status,
        "rows": [(row, outcome_label(row.outcome)) for row in report.rows] if report else [],
    }, status=status)


urlpatterns: list[URLPattern] = [
    path("gaps/", gap_report, name="gaps"),
]
