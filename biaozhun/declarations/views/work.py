"""The enterprise's work pages (自我声明工作台): its declarations, its profile and its products. One declaration's
page, the declare form, revision and withdrawal are in work_declare.py; their URLs are joined here."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from biaozhun.accounts import policy
from biaozhun.accounts.forms import show_problems
from biaozhun.core.errors import DomainError, ValidationFailed

from .. import work_selectors as selectors
from ..forms import ProductForm, ProfileForm
from ..models import DeclarationState, Product
from ..services import add_product, edit_product, set_enterprise_profile
from . import work_declare, work_import

PAGE_ROWS = 50


def enterprise_or_404(request, enterprise_id: int):
    enterprise = selectors.enterprise_for_work(viewer=request.user, enterprise_id=enterprise_id)
    if enterprise is None:
        raise Http404(_("没有这家企业，或您无权查看。"))
    return enterprise


@login_required
@require_safe
def dashboard(request):
    """The enterprises the person acts for; with one, straight to its declarations."""
    policy.require(request.user, "declarations.work")
    enterprises = selectors.my_enterprises(viewer=request.user)
    if len(enterprises) == 1:
        return redirect("declarations:work_enterprise", enterprise_id=enterprises[0].pk)
    return render(request, "declarations/work/dashboard.html", {"enterprises": enterprises})


@login_required
@require_safe
def enterprise_page(request, enterprise_id: int):
    """One enterprise's declarations (published first, withdrawn on request), with their checks' flags."""
    enterprise = enterprise_or_404(request, enterprise_id)
    state = request.GET.get("state", DeclarationState.PUBLISHED)
    state = state if state in DeclarationState.values else DeclarationState.PUBLISHED
    page = Paginator(selectors.declarations_of(enterprise=enterprise, state=state), PAGE_ROWS).get_page(
        request.GET.get("page"))
    rows = list(page.object_list)
    products = selectors.products_by_declaration(rows)
    for declaration in rows:
        declaration.product_list = products[declaration.pk]
    return render(request, "declarations/work/enterprise.html", {
        "enterprise": enterprise, "profile": selectors.profile_of(enterprise), "page": page, "rows": rows,
        "state": state, "states": DeclarationState, "may_declare": policy.can(request.user, "declarations.declare",
                                                                              enterprise),
        "product_count": selectors.products_of(enterprise=enterprise).count(),
        "import_url": (reverse("declarations:work_import", args=[enterprise.pk])
                       if policy.can(request.user, "declarations.import", enterprise) else ""),
    })


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile_page(request, enterprise_id: int):
    enterprise = enterprise_or_404(request, enterprise_id)
    policy.require(request.user, "declarations.edit_profile", enterprise)
    profile = selectors.profile_of(enterprise)
    initial = {name: getattr(profile, name) for name in ProfileForm.base_fields} if profile else {}
    form = ProfileForm(request.POST or None, initial=initial, auto_id="profile-%s")
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                set_enterprise_profile(actor=request.user, enterprise=enterprise, data=form.profile_input())
            except ValidationFailed as exc:
                show_problems(form, exc)
                status = exc.status
            else:
                messages.success(request, _("企业信息已保存。"))
                return redirect("declarations:work_enterprise", enterprise_id=enterprise.pk)
        else:
            status = 422
    return render(request, "declarations/work/profile.html", {"enterprise": enterprise, "form": form},
                  status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def products_page(request, enterprise_id: int):
    """The enterprise's products, and the form that adds one."""
    enterprise = enterprise_or_404(request, enterprise_id)
    policy.require(request.user, "declarations.manage_products", enterprise)
    form = ProductForm(request.POST or None, auto_id="product-%s")
    status = 200
    if request.method == "POST":
        status = _save_product(request, form, lambda data: add_product(actor=request.user, enterprise=enterprise,
                                                                      data=data))
        if status is None:
            messages.success(request, _("已新增产品 %(name)s。") % {"name": form.cleaned_data["name"]})
            return redirect("declarations:work_products", enterprise_id=enterprise.pk)
    page = Paginator(selectors.products_of(enterprise=enterprise), PAGE_ROWS).get_page(request.GET.get("page"))
    products = list(page.object_list)
    counts = selectors.declared_counts(products)
    for product in products:
        product.declared = counts.get(product.pk, 0)
    return render(request, "declarations/work/products.html", {
        "enterprise": enterprise, "form": form, "page": page, "products": products}, status=status)


def _save_product(request, form: ProductForm, call) -> int | None:
    """None when saved; else the status to answer with (the problems are on the form)."""
    if not form.is_valid():
        return 422
    try:
        call(form.product_input())
    except DomainError as exc:
        if isinstance(exc, ValidationFailed):
            show_problems(form, exc)
        else:
            form.add_error(None, exc.message)
        return exc.status
    return None


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def product_edit(request, pk: int):
    product = Product.objects.select_related("enterprise").filter(pk=pk).first()
    if product is None or not policy.can(request.user, "declarations.view_enterprise", product.enterprise):
        raise Http404(_("没有这个产品，或您无权查看。"))
    policy.require(request.user, "declarations.manage_products", product.enterprise)
    form = ProductForm(request.POST or None, auto_id="product-%s",
                       initial={"name": product.name, "model": product.model, "code": product.code})
    status = 200
    if request.method == "POST":
        status = _save_product(request, form, lambda data: edit_product(actor=request.user, product=product,
                                                                       data=data))
        if status is None:
            messages.success(request, _("产品已保存。"))
            return redirect("declarations:work_products", enterprise_id=product.enterprise_id)
    return render(request, "declarations/work/product_edit.html", {
        "enterprise": product.enterprise, "product": product, "form": form}, status=status)


urlpatterns = [
    path("work/", dashboard, name="work_dashboard"),
    path("work/enterprises/<int:enterprise_id>/", enterprise_page, name="work_enterprise"),
    path("work/enterprises/<int:enterprise_id>/profile/", profile_page, name="work_profile"),
    path("work/enterprises/<int:enterprise_id>/products/", products_page, name="work_products"),
    path("work/products/<int:pk>/", product_edit, name="work_product_edit"),
    *work_declare.urlpatterns,
    *work_import.urlpatterns,
]
