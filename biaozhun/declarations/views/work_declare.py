"""Declaring a standard (the form with its indicator table), one declaration's work page (checks, versions,
events), its revision and its withdrawal, and its text for those who work on it."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from biaozhun.accounts import policy
from biaozhun.core.errors import DomainError, PayloadTooLarge, ValidationFailed
from biaozhun.core.files import safe_filename, serve_file
from biaozhun.core.upload_limits import megabytes, upload_limit, upload_refusal

from .. import work_selectors as selectors
from ..checks.messages import label, sentence
from ..forms import CATEGORIES, COMPARATORS, DeclarationForm
from ..models import Comparator, DeclarationState, IndicatorCategory, StandardSource
from ..services import declare_standard, revise_declaration, withdraw_declaration

TEXT_LIMIT = "BIAOZHUN_MAX_FULLTEXT_BYTES"


def declaration_or_404(request, pk: int):
    declaration = selectors.declaration_for_work(viewer=request.user, pk=pk)
    if declaration is None:
        raise Http404(_("没有这份声明，或您无权查看。"))
    return declaration


def shown_checks(findings: list[dict]) -> list[dict]:
    return [{"code": f.get("code", ""), "severity": f.get("severity", ""), "label": label(f.get("code", "")),
             "message": sentence(f)} for f in findings]


def _submit(request, form: DeclarationForm, call):
    """(result, status): the form checked, the indicator table read, the service called; problems on the form."""
    refusal = upload_refusal(request)
    form.read_rows(request.POST)
    try:
        if refusal:
            form.is_valid()
            form.errors["text"] = form.error_class([refusal])
            raise PayloadTooLarge(refusal, [{"field": "text", "message": refusal}])
        if not form.is_valid():
            return None, 422
        return call(form), 200
    except DomainError as exc:
        if isinstance(exc, ValidationFailed) and not isinstance(exc, PayloadTooLarge):
            form.show_service_problems(exc)
        elif not isinstance(exc, ValidationFailed):
            form.add_error(None, exc.message)
        return None, exc.status


def _render_form(request, form: DeclarationForm, *, enterprise, declaration=None, status: int = 200):
    return render(request, "declarations/work/declare.html", {
        "form": form, "enterprise": enterprise, "declaration": declaration, "comparators": COMPARATORS,
        "categories": CATEGORIES, "default_comparator": Comparator.AT_MOST,
        "default_category": IndicatorCategory.PERFORMANCE, "enterprise_source": StandardSource.ENTERPRISE,
        "text_max_mb": megabytes(getattr(settings, TEXT_LIMIT)),
    }, status=status)


@upload_limit(TEXT_LIMIT, signed_in_only=True)
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def declare(request, enterprise_id: int):
    from .work import enterprise_or_404

    enterprise = enterprise_or_404(request, enterprise_id)
    policy.require(request.user, "declarations.declare", enterprise)
    products = list(selectors.products_of(enterprise=enterprise))
    if selectors.profile_of(enterprise) is None:
        messages.info(request, _("公开声明前，请先填写企业信息（所在地区）。"))
        return redirect("declarations:work_profile", enterprise_id=enterprise.pk)
    if not products:
        messages.info(request, _("公开声明前，请先添加声明所涉及的产品。"))
        return redirect("declarations:work_products", enterprise_id=enterprise.pk)
    posted = request.method == "POST"
    initial = {"products": [int(p) for p in request.GET.getlist("product") if p.isdigit()]}
    form = DeclarationForm(request.POST if posted else None, request.FILES if posted else None, products=products,
                           initial=initial)
    if not posted:
        return _render_form(request, form, enterprise=enterprise)
    declaration, status = _submit(request, form, lambda f: declare_standard(
        actor=request.user, enterprise=enterprise, data=f.declaration_input()))
    if declaration is None:
        return _render_form(request, form, enterprise=enterprise, status=status)
    messages.success(request, _("已公开声明执行 %(identifier)s。自动检查的结果见下方。") % {
        "identifier": declaration.identifier})
    return redirect("declarations:work_detail", pk=declaration.pk)


@login_required
@require_safe
def detail(request, pk: int):
    declaration = declaration_or_404(request, pk)
    versions, events = selectors.history_of(declaration)
    return render(request, "declarations/work/detail.html", {
        "declaration": declaration, "enterprise": declaration.enterprise, "checks": shown_checks(declaration.checks),
        "products": selectors.products_by_declaration([declaration])[declaration.pk],
        "indicators": list(declaration.indicators.all()), "versions": versions, "events": events,
        "may_revise": declaration.state == DeclarationState.PUBLISHED
        and policy.can(request.user, "declarations.revise", declaration),
    })


def _initial(declaration, products) -> dict:
    return {"source": declaration.source, "identifier": declaration.identifier, "title": declaration.title,
            "products": [p.pk for p in products], "reference_standards": "; ".join(declaration.reference_standards),
            "expected_version": declaration.version}


@upload_limit(TEXT_LIMIT, signed_in_only=True)
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def revise(request, pk: int):
    declaration = declaration_or_404(request, pk)
    policy.require(request.user, "declarations.revise", declaration)
    if declaration.state != DeclarationState.PUBLISHED:
        messages.info(request, _("已撤回的声明不能修改。"))
        return redirect("declarations:work_detail", pk=declaration.pk)
    enterprise = declaration.enterprise
    products = list(selectors.products_of(enterprise=enterprise))
    current = selectors.products_by_declaration([declaration])[declaration.pk]
    posted = request.method == "POST"
    form = DeclarationForm(request.POST if posted else None, request.FILES if posted else None, products=products,
                           revising=declaration, initial=_initial(declaration, current))
    if not posted:
        form.rows = [{"name": i.name, "unit": i.unit, "comparator": i.comparator,
                      "lower": "" if i.lower is None else format(i.lower.normalize(), "f"),
                      "upper": "" if i.upper is None else format(i.upper.normalize(), "f"), "text": i.text,
                      "test_method": i.test_method, "category": i.category}
                     for i in declaration.indicators.all()] or form.rows
        return _render_form(request, form, enterprise=enterprise, declaration=declaration)
    revised, status = _submit(request, form, lambda f: revise_declaration(
        actor=request.user, declaration=declaration, data=f.declaration_input(),
        expected_version=f.cleaned_data["expected_version"], reason=f.cleaned_data.get("reason") or ""))
    if revised is None:
        return _render_form(request, form, enterprise=enterprise, declaration=declaration, status=status)
    messages.success(request, _("已修改声明，现为第 %(version)s 版。") % {"version": revised.version})
    return redirect("declarations:work_detail", pk=revised.pk)


@login_required
@require_POST
def withdraw(request, pk: int):
    declaration = declaration_or_404(request, pk)
    policy.require(request.user, "declarations.withdraw", declaration)
    try:
        withdraw_declaration(actor=request.user, declaration=declaration,
                             reason=request.POST.get("reason", "")[:2000])
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("declarations:work_detail", pk=declaration.pk)
    messages.success(request, _("已撤回 %(identifier)s 的声明；其各版本和记录仍然保留。") % {
        "identifier": declaration.identifier})
    return redirect("declarations:work_detail", pk=declaration.pk)


@login_required
@require_safe
def text(request, pk: int):
    """The disclosed text of an enterprise standard, for those who work on the declaration."""
    declaration = declaration_or_404(request, pk)
    if not declaration.fulltext:
        raise Http404
    return serve_file(declaration.fulltext, filename=safe_filename(f"{declaration.identifier}.pdf"),
                      content_type="application/pdf", restricted=True)


urlpatterns = [
    path("work/enterprises/<int:enterprise_id>/declare/", declare, name="work_declare"),
    path("work/declarations/<int:pk>/", detail, name="work_detail"),
    path("work/declarations/<int:pk>/revise/", revise, name="work_revise"),
    path("work/declarations/<int:pk>/withdraw/", withdraw, name="work_withdraw"),
    path("work/declarations/<int:pk>/text.pdf", text, name="work_text"),
]
