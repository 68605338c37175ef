"""Public committee pages: the list, and one committee with its composition, members and standards."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from . import selectors
from .models import Committee


@require_GET
def committee_list(request):
    query = request.GET.get("q", "").strip()
    return render(request, "committees/list.html", {"committees": selectors.committee_list(query=query), "query": query})


@require_GET
def committee_detail(request, code: str):
    committee = Committee.objects.filter(code=code).select_related("secretariat", "parent").first()
    if committee is None:
        raise Http404(code)
    today = timezone.localdate()
    standards, standard_count = selectors.committee_standards(committee, viewer=request.user)
    members = selectors.current_members(committee, on=today)
    return render(request, "committees/detail.html", {
        "committee": committee, "composition": selectors.composition(committee, on=today), "members": members,
        "standards": standards, "standard_count": standard_count,
        "subcommittees": committee.subcommittees.filter(is_active=True).order_by("code"),
    })
