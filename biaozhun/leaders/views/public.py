"""Public 领跑者 pages: key products by year with their lists, a key product with its schemes, a leader list
(with the administration's actions for those who may take them), and the objection form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from biaozhun.accounts import policy
from biaozhun.accounts.forms import form_problems, show_problems
from biaozhun.core import clock
from biaozhun.core.errors import DomainError, ValidationFailed

from ..forms import DecisionForm, NoticeForm, ObjectionForm
from ..models import ListState, ObjectionState
from ..selectors import public as selectors
from ..selectors.public import Badge
from ..services import submit_objection
from ..services.lists import objection_period_message


@require_safe
def index(request):
    try:
        year = int(request.GET.get("year") or 0) or None
    except ValueError:
        year = None
    return render(request, "leaders/index.html", {
        "products": selectors.key_products(viewer=request.user, year=year), "years": selectors.years(),
        "year": year, "may_manage": policy.can(request.user, "leaders.manage"),
    })


@require_safe
def product(request, pk: int):
    found = selectors.key_product(pk=pk)
    if found is None:
        raise Http404(_("没有这个重点产品。"))
    may_rank = policy.can(request.user, "leaders.rank")
    return render(request, "leaders/product.html", {
        "product": found, "lists": selectors.key_products(viewer=request.user).get(pk=pk).visible_lists,
        "conditions": [name for name in ("keywords", "product_codes", "standards") if getattr(found, name)],
        "may_rank": may_rank, "may_manage": policy.can(request.user, "leaders.manage", found),
        "may_edit_product": policy.can(request.user, "leaders.edit_product", found),
        "editable_schemes": {scheme.pk for scheme in found.schemes.all()
                             if may_rank and policy.can(request.user, "leaders.edit_scheme", scheme)},
    })


def _list_or_404(request, pk: int):
    found = selectors.leader_list_for_viewer(viewer=request.user, pk=pk)
    if found is None:
        raise Http404(_("没有这份名单。"))
    return found


def render_list(request, leader_list, *, status: int = 200, notice_form=None, decision_forms=None):
    entries = selectors.entries(leader_list=leader_list)
    badge = Badge(leader_list.year, leader_list.key_product.name, leader_list.pk) \
        if leader_list.state == ListState.PUBLISHED else None
    may_manage = policy.can(request.user, "leaders.manage", leader_list)
    may_decide = policy.can(request.user, "leaders.decide_objection")
    today = clock.today()
    in_period = leader_list.state == ListState.NOTICE and leader_list.notice_from <= today <= leader_list.notice_until
    open_objections = list(leader_list.objections.filter(state=ObjectionState.OPEN).select_related(
        "entry__enterprise", "author")) if may_decide else []
    decision_forms = decision_forms or {}
    return render(request, "leaders/list.html", {
        "leader_list": leader_list, "entries": entries, "badge": badge, "in_period": in_period, "today": today,
        "period": objection_period_message(leader_list) if leader_list.notice_from else "",
        "may_manage": may_manage, "may_decide": may_decide,
        "notice_form": notice_form or NoticeForm(auto_id="notice-%s"),
        "open_objections": [(o, decision_forms.get(o.pk) or DecisionForm(auto_id=f"decide-{o.pk}-%s"))
                            for o in open_objections],
        "may_publish": may_manage and leader_list.state == ListState.NOTICE and today > leader_list.notice_until,
        "states": ListState,
    }, status=status)


@require_safe
def leader_list(request, pk: int):
    return render_list(request, _list_or_404(request, pk))


@login_required
@require_http_methods(["GET", "POST"])
def objection(request, pk: int):
    found = _list_or_404(request, pk)
    entries = list(selectors.listed_entries(leader_list=found))
    form = ObjectionForm(request.POST or None, entries=entries)
    today = clock.today()
    status, error = 200, ""
    if request.method == "POST":
        try:
            if not form.is_valid():
                raise form_problems(form)
            chosen = next(entry for entry in entries if entry.pk == form.cleaned_data["entry"])
            submit_objection(request.user, leader_list=found, entry=chosen, text=form.cleaned_data["text"])
        except DomainError as refused:
            status = refused.status
            if isinstance(refused, ValidationFailed):
                if not form.errors:
                    show_problems(form, refused)
            else:
                error = refused.message
        else:
            messages.success(request, _("异议已提交。国家标准委处理后，处理意见与名单一起公开。"))
            return redirect("leaders:list", pk=found.pk)
    open_now = found.state == ListState.NOTICE and found.notice_from <= today <= found.notice_until
    if not open_now and not error:
        error = _("现在不在公示期内，不能提出异议。") + (objection_period_message(found) if found.notice_from else "")
        status = status if request.method == "POST" else 200
    return render(request, "leaders/objection.html", {
        "leader_list": found, "form": form, "error": error, "open_now": open_now,
    }, status=status)


urlpatterns: list[URLPattern] = [
    path("", index, name="index"),
    path("products/<int:pk>/", product, name="product"),
    path("lists/<int:pk>/", leader_list, name="list"),
    path("lists/<int:pk>/objection/", objection, name="objection"),
]
