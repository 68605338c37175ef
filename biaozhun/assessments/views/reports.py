"""The secretariat's page (its committees' assessments, year by year) and the annual report (年报) of a committee
for a year, as XLSX and PDF, for its secretariat and the administration (assessments.view)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from biaozhun.accounts import policy
from biaozhun.audit.models import AuditKind
from biaozhun.audit.records import record
from biaozhun.core import clock
from biaozhun.core.pdf import PDF

from .. import annual_report, exports, selectors

REPORT_YEARS = 5  # the years offered for download on the secretariat's page


@login_required
@require_safe
def mine(request):
    """The assessments of the committees whose secretariat the person works in, and their annual reports."""
    policy.require(request.user, "assessments.own")
    committees = selectors.secretariat_committees(viewer=request.user)
    found = selectors.committee_assessments(committees=committees)
    this_year = clock.today().year
    return render(request, "assessments/mine.html", {
        "rows": [(committee, found[committee.pk]) for committee in committees],
        "report_years": list(range(this_year, this_year - REPORT_YEARS, -1)),
    })


def _report(request, committee_id: int, year: int, extension: str) -> HttpResponse:
    committee = selectors.committee_for_report(viewer=request.user, pk=committee_id)
    if committee is None or not 2000 <= year <= clock.today().year:
        raise Http404
    report = annual_report.build(committee=committee, year=year)
    if extension == "xlsx":
        content, content_type = exports.report_xlsx(report), exports.XLSX
    else:
        content, content_type = exports.report_pdf(report), PDF
    record(AuditKind.DATA_EXPORTED, actor=request.user, target=committee, request=request,
           data={"export": "committee_annual_report", "year": year, "format": extension})
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{report.filename(extension)}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_safe
def report_xlsx(request, committee_id: int, year: int):
    return _report(request, committee_id, year, "xlsx")


@login_required
@require_safe
def report_pdf(request, committee_id: int, year: int):
    return _report(request, committee_id, year, "pdf")
