"""The administration's set-up pages: a key product (new, edit), a scheme with its indicators (new, edit) and the
mapping of the names enterprises declared to the scheme's indicators. Each page looks up, asks the policy, calls
one service and shows its problems on the fields they name; "add an indicator" posts the form back with one more
blank indicator (no script needed)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from biaozhun.accounts import policy
from biaozhun.accounts.forms import show_problems
from biaozhun.core.errors import DomainError, ValidationFailed

from ..selectors import public as selectors
from ..selectors.mapping import declared_names
from ..services import create_key_product, create_scheme, update_key_product, update_scheme
from ..services.schemes import indicator_inputs
from ..setup_forms import (
    MAX_INDICATORS,
    IndicatorFormSet,
    KeyProductForm,
    SchemeForm,
    indicator_initial,
    show_scheme_problems,
)

PREFIX = "indicators"
GET_OR_POST = require_http_methods(["GET", "HEAD", "POST"])


def _product_or_404(pk: int):
    found = selectors.key_product(pk=pk)
    if found is None:
        raise Http404(_("没有这个重点产品。"))
    return found


def _scheme_or_404(pk: int):
    found = selectors.scheme(pk=pk)
    if found is None:
        raise Http404(_("没有这个评估方案。"))
    return found


def _call(form, call) -> tuple[object | None, int]:
    """The service's result and 200, or None and the refusal's status with the form showing why (a permission
    refusal propagates: the middleware answers it)."""
    try:
        return call(), 200
    except ValidationFailed as refused:
        show_problems(form, refused)
        return None, refused.status
    except DomainError as refused:
        if refused.code == "permission_denied":
            raise
        form.add_error(None, refused.message)
        return None, refused.status


@login_required
@GET_OR_POST
def product_new(request):
    policy.require(request.user, "leaders.manage")
    form = KeyProductForm(request.POST or None)
    status = 200
    if request.method == "POST":
        product, status = _call(form, lambda: create_key_product(request.user, **vars(form.product_input()))) \
            if form.is_valid() else (None, 422)
        if product is not None:
            messages.success(request, _("已设立重点产品“%(name)s”。下一步：为它设立评估方案。") % {"name": product.name})
            return redirect("leaders:scheme_new", pk=product.pk)
    return render(request, "leaders/setup/product_form.html", {"form": form, "product": None}, status=status)


@login_required
@GET_OR_POST
def product_edit(request, pk: int):
    product = _product_or_404(pk)
    policy.require(request.user, "leaders.edit_product", product)
    status = 200
    if request.method == "POST":
        form = KeyProductForm(request.POST)
        saved, status = _call(form, lambda: update_key_product(
            request.user, product=product, data=form.product_input(),
            expected_version=form.cleaned_data["expected_version"] or product.version)) \
            if form.is_valid() else (None, 422)
        if saved is not None:
            messages.success(request, _("已保存重点产品“%(name)s”。") % {"name": saved.name})
            return redirect(saved)
    else:
        form = KeyProductForm.for_product(product)
    return render(request, "leaders/setup/product_form.html", {"form": form, "product": product}, status=status)


def _scheme_page(request, *, product, scheme, save):
    """The scheme form, new or edit: GET shows it, POST with "add_indicator" shows it again with one more blank
    indicator, POST saves through `save(form, indicators)`."""
    status = 200
    if request.method == "POST":
        data = request.POST.copy()
        adding = "add_indicator" in data
        if adding:
            total = min(int(data.get(f"{PREFIX}-TOTAL_FORMS") or 0) + 1, MAX_INDICATORS)
            data[f"{PREFIX}-TOTAL_FORMS"] = str(total)
        form, indicators = SchemeForm(data), IndicatorFormSet(data, prefix=PREFIX)
        if not adding:
            if form.is_valid() and indicators.is_valid():
                try:
                    saved = save(form, indicators)
                except ValidationFailed as refused:
                    show_scheme_problems(form, indicators, refused)
                    status = refused.status
                except DomainError as refused:
                    if refused.code == "permission_denied":
                        raise
                    form.add_error(None, refused.message)
                    status = refused.status
                else:
                    messages.success(request, _("已保存评估方案“%(title)s”（第 %(version)d 版）。") % {
                        "title": saved.title, "version": saved.version})
                    return redirect(f"{saved.key_product.get_absolute_url()}#scheme-{saved.pk}")
            else:
                status = 422
    elif scheme is None:
        form = SchemeForm()
        indicators = IndicatorFormSet(prefix=PREFIX, initial=[{}])
    else:
        form = SchemeForm(initial={"title": scheme.title, "note": scheme.note, "expected_version": scheme.version})
        indicators = IndicatorFormSet(prefix=PREFIX, initial=indicator_initial(indicator_inputs(scheme)))
    return render(request, "leaders/setup/scheme_form.html", {
        "form": form, "indicators": indicators, "product": product, "scheme": scheme,
        "runs": scheme.runs.count() if scheme is not None else 0, "max_indicators": MAX_INDICATORS,
    }, status=status)


@login_required
@GET_OR_POST
def scheme_new(request, pk: int):
    product = _product_or_404(pk)
    policy.require(request.user, "leaders.manage", product)

    def save(form, indicators):
        return create_scheme(request.user, key_product=product, title=form.cleaned_data["title"],
                             note=form.cleaned_data.get("note") or "", indicators=indicators.indicator_inputs())

    return _scheme_page(request, product=product, scheme=None, save=save)


@login_required
@GET_OR_POST
def scheme_edit(request, pk: int):
    scheme = _scheme_or_404(pk)
    policy.require(request.user, "leaders.edit_scheme", scheme)

    def save(form, indicators):
        return update_scheme(request.user, scheme=scheme, title=form.cleaned_data["title"],
                             note=form.cleaned_data.get("note") or "", indicators=indicators.indicator_inputs(),
                             expected_version=form.cleaned_data["expected_version"] or scheme.version)

    return _scheme_page(request, product=scheme.key_product, scheme=scheme, save=save)


@login_required
@require_safe
def scheme_mapping(request, pk: int):
    scheme = _scheme_or_404(pk)
    policy.require(request.user, "leaders.view_runs", scheme)
    return render(request, "leaders/setup/mapping.html", {
        "scheme": scheme, "product": scheme.key_product, "names": declared_names(scheme=scheme),
        "may_edit": policy.can(request.user, "leaders.edit_scheme", scheme),
    })


urlpatterns: list[URLPattern] = [
    path("work/products/new/", product_new, name="product_new"),
    path("work/products/<int:pk>/edit/", product_edit, name="product_edit"),
    path("work/products/<int:pk>/schemes/new/", scheme_new, name="scheme_new"),
    path("work/schemes/<int:pk>/edit/", scheme_edit, name="scheme_edit"),
    path("work/schemes/<int:pk>/mapping/", scheme_mapping, name="scheme_mapping"),
]
