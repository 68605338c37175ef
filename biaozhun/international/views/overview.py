"""/international/: the door to international standardization — ISO/IEC records in the catalogue, adoption, China's
participation, foreign-language versions and indicator comparisons, each with its figure and its pages."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..selectors.overview import overview


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "international/index.html", {"figures": overview(request.user)})
