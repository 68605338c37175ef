"""Public disclosure pages (as qybz.org.cn): the search, an enterprise, a declaration with its indicator table and
history, one earlier version, a product and the standards it executes, and a declaration's disclosed text."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from biaozhun.accounts import policy
from biaozhun.core.files import safe_filename, serve_file

from ..public_forms import DeclarationSearchForm
from ..public_permissions import DENIALS
from ..selectors.public import (
    declaration_for_public,
    declaration_page,
    enterprise_for_public,
    enterprise_page,
    product_declarations,
    product_for_public,
    version_for_public,
    version_view,
)
from ..selectors.search import COUNT_CAP, search_declarations

TEXT_TYPES = {".pdf": "application/pdf", ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml"
              ".document", ".doc": "application/msword"}


@require_safe
def search(request):
    form = DeclarationSearchForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    query = form.query()
    page = search_declarations(query=query, after=form.after_id())
    params = request.GET.copy()
    params.pop("after", None)
    first = params.urlencode()
    if page.next_after is not None:
        params["after"] = str(page.next_after)
    return render(request, "declarations/public/search.html", {
        "form": form, "query": query, "page": page, "cap": COUNT_CAP, "first_page": first,
        "province_options": form.options("province"), "city_options": form.options("city"),
        "next_page": params.urlencode() if page.next_after is not None else "",
        "deep": form.after_id() is not None, "filtered": bool(query.q or query.region or query.flagged),
    })


@require_safe
def enterprise_detail(request, enterprise_id: int):
    enterprise = enterprise_for_public(enterprise_id)
    if enterprise is None:
        raise Http404(_("没有这家企业的公开信息。"))
    return render(request, "declarations/public/enterprise.html", {"view": enterprise_page(enterprise)})


def _declaration(declaration_id: int):
    declaration = declaration_for_public(declaration_id)
    if declaration is None:
        raise Http404(_("没有这份自我声明。"))
    return declaration


@require_safe
def declaration_detail(request, declaration_id: int):
    declaration = _declaration(declaration_id)
    return render(request, "declarations/public/declaration.html", {"view": declaration_page(declaration)})


@require_safe
def version_detail(request, declaration_id: int, version: int):
    declaration = _declaration(declaration_id)
    stored = version_for_public(declaration, version)
    if stored is None:
        raise Http404(_("这份声明没有这一版本。"))
    return render(request, "declarations/public/version.html", {
        "declaration": declaration, "version": stored, "view": version_view(stored),
        "is_current": stored.version == declaration.version,
    })


@require_safe
def declaration_text(request, declaration_id: int):
    """The enterprise standard's disclosed text: public while the declaration is published (the policy says)."""
    declaration = _declaration(declaration_id)
    if not declaration.fulltext:
        raise Http404(_("这份声明没有公开标准文本。"))
    if not policy.can(request.user, "declarations.read_text", declaration):
        raise PermissionDenied(str(DENIALS["declarations.read_text"]))
    suffix = "." + declaration.fulltext.name.rsplit(".", 1)[-1].lower() if "." in declaration.fulltext.name else ""
    return serve_file(declaration.fulltext, filename=safe_filename(f"{declaration.identifier}{suffix}"),
                      content_type=TEXT_TYPES.get(suffix, "application/octet-stream"), restricted=True)


@require_safe
def product_detail(request, product_id: int):
    product = product_for_public(product_id)
    if product is None:
        raise Http404(_("没有这个产品的公开信息。"))
    return render(request, "declarations/public/product.html", {
        "product": product, "declarations": product_declarations(product),
    })


urlpatterns: list[URLPattern] = [
    path("", search, name="search"),
    path("<int:declaration_id>/", declaration_detail, name="detail"),
    path("<int:declaration_id>/versions/<int:version>/", version_detail, name="version"),
    path("<int:declaration_id>/text", declaration_text, name="text"),
    path("enterprises/<int:enterprise_id>/", enterprise_detail, name="enterprise"),
    path("products/<int:product_id>/", product_detail, name="product"),
]
