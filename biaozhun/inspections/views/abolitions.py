"""Law art. 39 on the pages: the public notices of abolished group and enterprise standards (废止公示) and one
notice; for the national administration and the provincial bureaux, the correction orders that open the way to an
abolition and the decision form (the service checks the order, the standard and the reason, and writes)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from biaozhun.accounts import policy
from biaozhun.core.errors import DomainError, PermissionDeniedError, ValidationFailed

from .. import selectors, services
from ..forms import AbolitionForm
from ..models import CheckItem, CorrectionOrder
from ..services.abolitions import abolishable, candidates

PAGE_ROWS = 50


@require_safe
def abolition_list(request):
    page = Paginator(selectors.abolition_notices(), PAGE_ROWS).get_page(request.GET.get("page"))
    return render(request, "inspections/public/abolitions.html", {"page": page})


@require_safe
def abolition_detail(request, number: str):
    notice = selectors.abolition_notice(number=number)
    if notice is None:
        raise Http404
    return render(request, "inspections/public/abolition.html", {"abolition": notice})


@login_required
@require_safe
def abolition_queue(request):
    policy.require(request.user, "inspections.work")
    orders = selectors.orders_to_abolish(viewer=request.user)
    for order in orders:
        order.labels = [CheckItem(code).label for code in order.check_items if code in CheckItem.values]
    return render(request, "inspections/work/abolitions.html", {"orders": orders})


@login_required
@require_http_methods(["GET", "POST"])
def abolition_decide(request, pk: int):
    order = get_object_or_404(CorrectionOrder.objects.select_related("item__enterprise", "item__campaign__authority"),
                              pk=pk)
    policy.require(request.user, "inspections.abolish", order)
    choices = candidates(order)
    form = AbolitionForm(request.POST or None, declarations=choices)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            declaration = next(d for d in choices if d.pk == form.cleaned_data["declaration"])
            try:
                notice = services.abolish_standard(request.user, order=order, declaration=declaration,
                                                   reason=form.cleaned_data["reason"])
            except PermissionDeniedError:
                raise
            except ValidationFailed as exc:
                for problem in exc.errors:
                    form.add_error(problem["field"] if problem["field"] in form.fields else None, problem["message"])
            except DomainError as exc:
                form.add_error(None, exc.message)
                status = exc.status
            else:
                messages.success(request, _("已作出废止决定并公示。"))
                return redirect(notice.get_absolute_url())
    return render(request, "inspections/work/abolish.html", {
        "order": order, "form": form, "open": abolishable(order), "has_choices": bool(choices),
        "labels": [CheckItem(code).label for code in order.check_items if code in CheckItem.values],
    }, status=status)


urlpatterns = [
    path("abolitions/", abolition_list, name="abolitions"),
    path("abolitions/<str:number>/", abolition_detail, name="abolition"),
    path("work/abolitions/", abolition_queue, name="work_abolitions"),
    path("work/orders/<int:pk>/abolish/", abolition_decide, name="work_abolish"),
]
