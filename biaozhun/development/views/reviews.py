"""Periodic review (复审) pages: a committee's due and overdue in-force standards, and the conclusion form per row.

The lists read one committee's standards through the indexed `tc_code`, one page at a time, so they stay fast
with millions of standards in the catalogue.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from biaozhun.accounts import policy
from biaozhun.accounts.forms import field_messages, form_problems
from biaozhun.catalog.models import Nature
from biaozhun.core import clock
from biaozhun.core.errors import DomainError
from biaozhun.feedback.selectors.items import counts_for_standards
from biaozhun.stats import implementation

from .. import selectors
from ..forms import ConclusionForm
from ..models import ReviewConclusion
from ..services.reviews import conclude_review

PAGE_SIZE = 20
TABS = {"due": gettext_lazy("到期"), "overdue": gettext_lazy("逾期")}  # selectors.REVIEW_LISTS


def _render(request, params, *, status: int = 200, refusal: dict | None = None):
    user = request.user
    oversee = policy.can(user, "development.queue")
    own = selectors.own_committees(viewer=user)
    if not own and not oversee:
        raise PermissionDenied(_("复审清单供技术委员会秘书处和国家标准委使用。"))
    committee = selectors.committee_by_code(code=params.get("committee", "") or (own[0].code if own else ""))
    if committee is not None and not (oversee or committee in own):
        raise PermissionDenied(_("您不能查看该技术委员会的复审清单。"))
    others = []
    if oversee:
        own_codes = {c.code for c in own}
        others = [row for row in selectors.committee_codes() if row[0] not in own_codes]
    context = {"own": own, "others": others, "committee": committee, "refusal": refusal or {},
               "tabs": [], "tab": params.get("tab") if params.get("tab") in TABS else "due"}
    if committee is not None:
        today = clock.today()
        counts = selectors.review_counts(committee=committee, today=today)
        paginator = Paginator(selectors.review_list(key=context["tab"], committee=committee, today=today), PAGE_SIZE)
        paginator.count = counts[context["tab"]]  # counted above; not again
        page = paginator.get_page(params.get("page"))
        overdue = selectors.overdue_among(committee=committee, today=today, standards=page)
        context.update({
            "tabs": [(key, label, counts[key]) for key, label in TABS.items()], "page": page,
            "rows": _rows(page, overdue), "today": today,
            "may_conclude": policy.can(user, "development.review_standard", committee),
            "may_see_implementation": policy.can(user, "stats.view_internal"),
            "conclusions": ReviewConclusion.choices,
        })
    return render(request, "development/reviews.html", context, status=status)


def _rows(page, overdue: set[int]) -> list[dict]:
    """Each standard with its overdue flag and the conclusion already given since it fell due (if any)."""
    latest = selectors.latest_conclusions(standards=page)
    ids = [standard.pk for standard in page]
    feedback = counts_for_standards(standard_ids=ids)  # what implementation showed
    mandatory = [standard.pk for standard in page if standard.nature == Nature.MANDATORY]
    strength = implementation.by_standard(mandatory) if mandatory else {}  # how much a mandatory one is used
    rows = []
    for standard in page:
        done = latest.get(standard.pk)
        rows.append({"standard": standard, "overdue": standard.pk in overdue, "feedback": feedback.get(standard.pk),
                     "implementation": strength.get(standard.pk),
                     "done": done if done and done.concluded_on >= standard.review_due_on else None})
    return rows


@login_required
@require_safe
def reviews(request):
    return _render(request, request.GET)


@login_required
@require_POST
def review_conclude(request, standard_pk: int):
    standard = selectors.standard_for_review(pk=standard_pk)
    form = ConclusionForm(request.POST)
    try:
        if not form.is_valid():
            raise form_problems(form)
        review = conclude_review(actor=request.user, standard=standard, **form.cleaned_data)
    except DomainError as exc:
        refusal = {"standard": standard.pk, "message": exc.message, "values": request.POST.dict(),
                   "fields": field_messages(exc)}
        return _render(request, request.POST, status=exc.status, refusal=refusal)
    messages.success(request, _("已记录 %(number)s 的复审结论：%(conclusion)s。") % {
        "number": standard.identifier, "conclusion": review.get_conclusion_display()})
    if review.project is not None:
        return redirect(review.project)
    back = {k: request.POST[k] for k in ("committee", "tab", "page") if request.POST.get(k)}
    return redirect(f"{reverse('development:reviews')}?{urlencode(back)}")


urlpatterns = [
    path("reviews/", reviews, name="reviews"),
    path("reviews/<int:standard_pk>/conclude/", review_conclude, name="review_conclude"),
]
