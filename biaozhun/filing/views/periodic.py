"""Pages that follow filing: an authority's periodic review list with its conclusion form (/filing/work/reviews/),
supersession flags (/filing/work/flags/), recording a conversion (/filing/work/conversions/), and the public list
of abolition announcements (/filing/announcements/). Standalone pages: the authority's dashboard links them.

Each works without JavaScript: the review list is one form (tick standards, choose the conclusion, submit).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from biaozhun.accounts import policy
from biaozhun.accounts.forms import field_messages, form_problems
from biaozhun.catalog.services import record_conversion
from biaozhun.core import clock
from biaozhun.core.errors import DomainError, ValidationFailed

from ..authorities import authorities_of
from ..models import FlagState, ReviewOutcome
from ..periodic_forms import ConclusionForm, ConversionForm, FlagDecisionForm
from ..selectors import periodic as selectors
from ..services.flags import confirm_flag, dismiss_flag
from ..services.periodic import NoticeInput, conclude_reviews

PAGE_SIZE = 50
TABS = {"open": gettext_lazy("待复审"), "overdue": gettext_lazy("已逾期"), "revising": gettext_lazy("修订中")}
FLAG_TABS = {FlagState.OPEN: gettext_lazy("待处理"), FlagState.CONFIRMED: gettext_lazy("已确认"),
             FlagState.DISMISSED: gettext_lazy("已排除")}


def _nav(active: str) -> dict:
    return {"periodic_nav": active}


# --- Periodic review ----------------------------------------------------------------------------------------
def _within(value) -> int:
    try:
        months = int(value)
    except (TypeError, ValueError):
        return selectors.DEFAULT_WITHIN
    return months if months in selectors.WITHIN_CHOICES else selectors.DEFAULT_WITHIN


def _render_reviews(request, params, *, status: int = 200, refusal: dict | None = None):
    user = request.user
    authority = selectors.authority_for_viewer(viewer=user, pk=params.get("authority"))
    if authority is None:
        raise PermissionDenied(_("复审清单供行业主管部门、市场监管部门和国家标准委使用。"))
    policy.require(user, "filing.view_reviews", authority)
    today = clock.today()
    within = _within(params.get("within"))
    tab = params.get("tab") if params.get("tab") in TABS else "open"
    years = selectors.review_years()
    counts = selectors.review_counts(authority=authority, today=today, within_months=within, years=years)
    paginator = Paginator(selectors.due_for_review(authority=authority, today=today, within_months=within, tab=tab,
                                                   years=years), PAGE_SIZE)
    paginator.count = counts[tab]  # counted above; not again
    page = paginator.get_page(params.get("page"))
    rows = selectors.review_rows(list(page), today=today, years=years)
    context = {
        **_nav("reviews"), "authority": authority, "authorities": selectors.review_authorities(viewer=user),
        "today": today, "within": within, "within_choices": selectors.WITHIN_CHOICES, "tab": tab,
        "tabs": [(key, label, counts[key]) for key, label in TABS.items()], "page": page, "rows": rows,
        "years": years, "earliest_months": selectors.EARLIEST_MONTHS,
        "may_conclude": bool(rows) and policy.can(user, "filing.conclude_review", rows[0].standard),
        "outcomes": ReviewOutcome.choices, "refusal": refusal or {"values": {}, "fields": {}, "selected": []},
        "recent": selectors.conclusions_of(authority=authority, limit=10),
    }
    return render(request, "filing/periodic/reviews.html", context, status=status)


@login_required
@require_safe
def reviews(request):
    return _render_reviews(request, request.GET)


@login_required
@require_POST
def review_conclude(request):
    params = request.POST
    authority = selectors.authority_for_viewer(viewer=request.user, pk=params.get("authority"))
    if authority is None:
        raise PermissionDenied(_("复审清单供行业主管部门、市场监管部门和国家标准委使用。"))
    ids = [int(v) for v in params.getlist("standard") if v.isdigit()]
    standards = selectors.standards_of(authority=authority, ids=ids)
    form = ConclusionForm(params, standard_ids=[s.pk for s in standards])
    try:
        if not form.is_valid():
            raise form_problems(form)
        data = form.cleaned_data
        chosen = [s for s in standards if s.pk in set(data["standard"])]
        notice = NoticeInput(notice_number=data["notice_number"], notice_date=data["notice_date"],
                             abolished_on=data["abolished_on"], note=data["note"])
        concluded = conclude_reviews(actor=request.user, standards=chosen, outcome=data["outcome"],
                                     reason=data["reason"], notice=notice)
    except DomainError as exc:
        refusal = {"message": exc.message, "values": params.dict(), "fields": field_messages(exc),
                   "selected": [str(pk) for pk in ids]}
        return _render_reviews(request, params, status=exc.status, refusal=refusal)
    outcome = ReviewOutcome(data["outcome"]).label
    messages.success(request, _("已记录 %(count)s 项标准的复审结论：%(outcome)s。") % {
        "count": len(concluded), "outcome": outcome})
    if concluded and concluded[0].notice_id:
        return redirect(concluded[0].notice)
    back = {k: params[k] for k in ("authority", "tab", "within") if params.get(k)}
    return redirect(f"{reverse('filing:reviews')}?{urlencode(back)}")


# --- Supersession flags -----------------------------------------------------------------------------------------
def _render_flags(request, params, *, status: int = 200, refusal: dict | None = None):
    user = request.user
    if not policy.can(user, "filing.work"):
        raise PermissionDenied(_("国家标准覆盖提示供备案单位和国家标准委使用。"))
    state = params.get("state") if params.get("state") in FLAG_TABS else FlagState.OPEN
    counts = selectors.flag_counts(viewer=user)
    page = Paginator(selectors.flags_for(viewer=user, state=state), PAGE_SIZE).get_page(params.get("page"))
    context = {
        **_nav("flags"), "state": state, "page": page,
        "tabs": [(key, label, counts[key]) for key, label in FLAG_TABS.items()],
        "may_decide": {flag.pk for flag in page if policy.can(user, "filing.decide_flag", flag)},
        "own_ids": {authority.pk for authority in authorities_of(user)},
        "refusal": refusal or {},
    }
    return render(request, "filing/periodic/flags.html", context, status=status)


@login_required
@require_safe
def flags(request):
    return _render_flags(request, request.GET)


@login_required
@require_POST
def flag_decide(request, pk: int):
    flag = selectors.flag_for_viewer(viewer=request.user, pk=pk)
    if flag is None:
        raise Http404(_("没有这条提示，或您无权查看。"))
    form = FlagDecisionForm(request.POST)
    try:
        if not form.is_valid():
            raise form_problems(form)
        if form.cleaned_data["decision"] == "confirm":
            confirm_flag(actor=request.user, flag=flag, note=form.cleaned_data["reason"])
            messages.success(request, _("已确认：%(identifier)s 将修订或废止。") % {"identifier": flag.standard.identifier})
        else:
            dismiss_flag(actor=request.user, flag=flag, reason=form.cleaned_data["reason"])
            messages.success(request, _("已排除对 %(identifier)s 的提示。") % {"identifier": flag.standard.identifier})
    except DomainError as exc:
        refusal = {"flag": flag.pk, "message": exc.message, "values": request.POST.dict(),
                   "fields": field_messages(exc)}
        return _render_flags(request, {"state": FlagState.OPEN}, status=exc.status, refusal=refusal)
    return redirect("filing:flags")


# --- Conversions ------------------------------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def conversion(request):
    if not policy.can(request.user, "filing.work"):
        raise PermissionDenied(_("转化登记供备案单位和国家标准委使用。"))
    form = ConversionForm(request.POST or None)
    refusal = None
    if request.method == "POST":
        try:
            if not form.is_valid():
                raise form_problems(form)
            sources, unknown = selectors.standards_by_numbers(form.numbers())
            targets, missing = selectors.standards_by_numbers([form.cleaned_data["target"]])
            problems = [{"field": "sources", "message": _("标准目录中没有 %(numbers)s") % {"numbers": "、".join(unknown)}}
                        ] if unknown else []
            if missing:
                problems.append({"field": "target", "message": _("标准目录中没有 %(number)s；请先收录该标准") % {
                    "number": missing[0]}})
            if problems:
                raise ValidationFailed(_("转化关系未能登记，请按提示修改。"), problems)
            record_conversion(actor=request.user, sources=sources, target=targets[0], note=form.cleaned_data["note"])
        except DomainError as exc:
            refusal = {"message": exc.message, "fields": _by_field(exc), "status": exc.status}
        else:
            messages.success(request, _("已登记：%(sources)s 转化为 %(target)s。") % {
                "sources": "、".join(s.identifier for s in sources), "target": targets[0].identifier})
            return redirect(f"{targets[0].get_absolute_url()}#conversions")
    status = refusal["status"] if refusal else 200
    return render(request, "filing/periodic/conversion.html", {**_nav("conversion"), "form": form,
                                                               "refusal": refusal or {}}, status=status)


def _by_field(error: DomainError) -> dict[str, str]:
    """Problems by form field; `sources[2]` is shown under `sources`."""
    fields: dict[str, list[str]] = {}
    for problem in getattr(error, "data", {}).get("errors", ()):
        fields.setdefault(problem.get("field", "").split("[")[0], []).append(problem["message"])
    return {name: "；".join(found) for name, found in fields.items()}


# --- Abolition announcements (public) ---------------------------------------------------------------------------
@require_safe
def announcements(request):
    authority = request.GET.get("authority", "")
    page = Paginator(selectors.announcements(authority_pk=int(authority) if authority.isdigit() else None),
                     PAGE_SIZE).get_page(request.GET.get("page"))
    counts = selectors.announcement_counts(list(page))
    return render(request, "filing/periodic/announcements.html", {
        **_nav("announcements"), "page": page, "rows": [(n, counts.get(n.pk, 0)) for n in page],
        "authorities": selectors.announcement_authorities(), "authority": authority})


@require_safe
def announcement(request, pk: int):
    notice = selectors.announcement(pk=pk)
    if notice is None:
        raise Http404(_("没有这份废止公告。"))
    return render(request, "filing/periodic/announcement.html", {
        **_nav("announcements"), "notice": notice, "reviews": selectors.announced_standards(notice)})


urlpatterns = [
    path("work/reviews/", reviews, name="reviews"),
    path("work/reviews/conclude/", review_conclude, name="review_conclude"),
    path("work/flags/", flags, name="flags"),
    path("work/flags/<int:pk>/decide/", flag_decide, name="flag_decide"),
    path("work/conversions/", conversion, name="conversion"),
    path("announcements/", announcements, name="announcements"),
    path("announcements/<int:pk>/", announcement, name="announcement"),
]
