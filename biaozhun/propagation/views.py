"""The pages: an owner's flags (filters, resolving each in place with htmx), and for the national administration
the changes, one change with its owners, and what cites a standard now. Look up through the selectors, act
through the services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from biaozhun.accounts import policy
from biaozhun.catalog import selectors as catalog_selectors
from biaozhun.core.errors import DomainError

from . import selectors
from .models import Resolution, Source
from .services.resolution import resolve_flag

PER_PAGE = 50


def _may_resolve(user, flags) -> set[int]:
    return {flag.pk for flag in flags if flag.state == "open" and policy.can(user, "propagation.resolve", flag)}


def _render_list(request, params, *, status: int = 200, refusal: dict | None = None):
    listing = selectors.flag_list(viewer=request.user, params=params)
    return render(request, "propagation/flags.html", {
        "listing": listing, "page": listing.page, "filters": listing.filters,
        "may_resolve": _may_resolve(request.user, listing.page.object_list), "refusal": refusal or {},
        "resolutions": Resolution.choices, "show_owner": listing.shows_owner,
    }, status=status)


@login_required
@require_safe
def flags(request):
    """The flags of the organisations the signed-in person acts for (all of them for the national administration)."""
    policy.require(request.user, "propagation.work")
    return _render_list(request, request.GET)


@login_required
@require_POST
def resolve(request, pk: int):
    """Resolve one flag. From the page's htmx form the answer is the flag's row (resolved, or its form with the
    problem); without htmx the list again, with a message."""
    flag = selectors.flag_for_viewer(viewer=request.user, pk=pk)
    if flag is None:
        raise Http404(_("没有这条提示，或您无权查看。"))
    values = {"resolution": request.POST.get("resolution", ""), "reason": request.POST.get("reason", "")}
    htmx = bool(request.headers.get("HX-Request"))
    try:
        flag = resolve_flag(actor=request.user, flag=flag, **values)
    except DomainError as error:
        refusal = {"flag": flag.pk, "message": error.message, "values": values,
                   "fields": {p["field"]: p["message"] for p in error.data.get("errors", []) if "field" in p}}
        if htmx:  # htmx swaps only 2xx answers: the row comes back with the problem named at its field
            return render(request, "propagation/_flag_row.html", {
                "flag": flag, "may_resolve": _may_resolve(request.user, [flag]), "refusal": refusal,
                "resolutions": Resolution.choices, "show_owner": selectors.shows_owner(request.user)})
        return _render_list(request, {"state": "open"}, status=error.status, refusal=refusal)
    if htmx:
        return render(request, "propagation/_flag_row.html", {
            "flag": flag, "may_resolve": set(), "refusal": {}, "resolutions": Resolution.choices,
            "show_owner": selectors.shows_owner(request.user)})
    messages.success(request, _("已处理：%(label)s") % {"label": flag.label})
    return redirect(reverse("propagation:flags") + "?state=open")


@login_required
@require_safe
def changes(request):
    """Every change propagated, newest first, with its flags (the national administration)."""
    policy.require(request.user, "propagation.oversee")
    from django.core.paginator import Paginator

    page = Paginator(selectors.changes(), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "propagation/changes.html", {"page": page})


@login_required
@require_safe
def change(request, pk: int):
    """One change: what it was, where its propagation stands, and the flags per owner."""
    policy.require(request.user, "propagation.oversee")
    found = selectors.changes().filter(pk=pk).first()
    if found is None:
        raise Http404(_("没有这项变更。"))
    counts = [(Source(source).label, n) for source, n in found.counts.items() if source in Source.values]
    return render(request, "propagation/change.html", {"change": found, "owners": selectors.change_owners(found),
                                                       "counts": counts})


@login_required
@require_safe
def standard(request, identifier: str):
    """What cites a standard now ("N documents cite this") and the changes propagated from it."""
    policy.require(request.user, "propagation.oversee")
    found = catalog_selectors.standard_by_identifier(viewer=request.user, identifier=identifier)
    if found is None:
        raise Http404(identifier)
    return render(request, "propagation/standard.html", {
        "standard": found, "counts": selectors.citations_of(found), "changes": selectors.changes_of(found)[:50]})
