"""Citation downloads for one edition: GB/T 7714-2015 text, BibTeX, RIS."""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe

from biaozhun.catalog import citations, selectors

FORMATS = {
    "txt": (citations.gb7714, "text/plain; charset=utf-8"),
    "bib": (citations.bibtex, "application/x-bibtex; charset=utf-8"),
    "ris": (citations.ris, "application/x-research-info-systems; charset=utf-8"),
}


@require_safe
def citation(request, identifier: str, fmt: str):
    standard = selectors.standard_by_identifier(viewer=request.user, identifier=identifier)
    if standard is None or fmt not in FORMATS:
        raise Http404(identifier)
    render, content_type = FORMATS[fmt]
    response = HttpResponse(render(standard), content_type=content_type)
    filename = f"{standard.identifier.replace('/', '_').replace(' ', '_')}.{fmt}"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
