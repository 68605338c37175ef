"""The national administration's pages: each year's assessments with their grades (filters, the committees below
the pass mark, open and overdue corrections), the yearly run over every committee, and the year's scheme."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.core.errors import DomainError
from biaozhun.rules.assessment import Indicator

from .. import selectors
from ..models import AssessmentState, GradeChoice, IndicatorChoice, MeasureChoice
from ..services import run_assessments, update_scheme
from .common import refusal, year_of

PAGE_ROWS = 50
MAX_FORM_ITEMS = 12  # manual item rows a scheme form sends (the rules allow 10)
SHOW = {"all": gettext_lazy("全部"), "flagged": gettext_lazy("低于合格线"), "corrections": gettext_lazy("整改中"),
        "overdue": gettext_lazy("整改逾期")}


@login_required
@require_safe
def assessment_list(request):
    policy.require(request.user, "assessments.oversee")
    today = clock.today()
    year = year_of(request.GET.get("year"))
    show = request.GET.get("show") if request.GET.get("show") in SHOW else "all"
    query = selectors.ListQuery(year=year, grade=request.GET.get("grade", ""), state=request.GET.get("state", ""),
                                show=show, q=request.GET.get("q", "")[:60])
    ids = selectors.assessment_list(query).values_list("pk", flat=True)
    page = Paginator(ids, PAGE_ROWS).get_page(request.GET.get("page"))
    rows = selectors.page_rows(selectors.assessment_list(query), offset=(page.number - 1) * PAGE_ROWS,
                               limit=PAGE_ROWS) if page.paginator.count else []
    counts = selectors.grade_counts(year=year)
    return render(request, "assessments/list.html", {
        "year": year, "years": selectors.years(), "query": query, "page": page, "rows": list_rows(rows, today),
        "labels": {key: str(label) for key, label in LIST_LABELS.items()}, "today": today,
        "grades": [(value, label, counts.get(value, 0)) for value, label in GradeChoice.choices],
        "states": AssessmentState.choices, "show_choices": list(SHOW.items()), "counts": counts,
        "may_assess": policy.can(request.user, "assessments.assess"),
        "may_configure": policy.can(request.user, "assessments.configure"),
    })


@login_required
@require_POST
def run(request):
    """Compute the year's assessment of every committee (those finalised are left as they are)."""
    policy.require(request.user, "assessments.assess")
    year = year_of(request.POST.get("year"))
    try:
        result = run_assessments(actor=request.user, year=year)
    except DomainError as error:
        refusal(request, error)
        return redirect(f"{reverse('assessments:list')}?year={year}")
    messages.success(request, _("%(year)d 年度：新建 %(created)d 份，计算 %(computed)d 份；已定稿的 %(kept)d 份未变。") % {
        "year": year, "created": result.created, "computed": result.computed, "kept": result.finalised_kept})
    return redirect(f"{reverse('assessments:list')}?year={year}")


# The column names of the list, translated once per page (not once per row: a page of 50 rows would translate
# each 50 times).
LIST_LABELS = {"committee": gettext_lazy("技术委员会"), "state": gettext_lazy("状态"), "total": gettext_lazy("总分"),
               "grade": gettext_lazy("等级"), "measure": gettext_lazy("建议措施"), "decision": gettext_lazy("处理决定")}
GRADE_BADGES = {"fail": "text-bg-danger", "excellent": "text-bg-success", "good": "text-bg-primary",
                "pass": "text-bg-secondary"}


def list_rows(rows: list, today) -> list[dict[str, Any]]:
    """What each row of the list shows, its labels looked up once per page."""
    states, grades, measures = (dict(choices) for choices in (AssessmentState.choices, GradeChoice.choices,
                                                             MeasureChoice.choices))
    states, grades, measures = ({k: str(v) for k, v in d.items()} for d in (states, grades, measures))
    found = []
    for row in rows:
        decision = getattr(row, "decision", None)
        found.append({
            "url": reverse("assessments:detail", args=[row.pk]), "code": row.committee.code,
            "name": row.committee.name_zh, "version": row.version, "state": states[row.state],
            "total": row.total, "grade": row.grade, "grade_label": grades.get(row.grade, ""),
            "badge": GRADE_BADGES.get(row.grade, ""), "final": row.state == AssessmentState.FINALISED,
            "measure": measures.get(row.measure, ""),
            "decision": measures[decision.measure] if decision else "",
            "due": decision.correction_due if decision else None,
            "closed": bool(decision and decision.correction_closed_on),
            "late": bool(decision and decision.correction_overdue(today)),
        })
    return found


# --- The scheme of a year ---------------------------------------------------------------------------------
def _float(value: str | None) -> float | None:
    try:
        return float((value or "").strip())
    except ValueError:
        return None


def config_from_form(post) -> dict[str, Any]:
    """The scheme as the edit form sends it (numbers left None when unreadable, for the rules to name)."""
    indicators = [{"code": code.value, "weight": _float(post.get(f"{code.value}-weight")),
                   "full_at": _float(post.get(f"{code.value}-full_at")),
                   "zero_at": _float(post.get(f"{code.value}-zero_at"))} for code in Indicator]
    items = []
    for index in range(int(min(max(_float(post.get("manual-count")) or 0, 0), MAX_FORM_ITEMS))):
        code = post.get(f"manual-{index}-code", "").strip()
        name_zh = post.get(f"manual-{index}-name_zh", "").strip()
        if not code and not name_zh:
            continue
        items.append({"code": code, "name_zh": name_zh, "name_en": post.get(f"manual-{index}-name_en", "").strip(),
                      "weight": _float(post.get(f"manual-{index}-weight"))})
    config = {name: _float(post.get(name)) for name in (
        "excellent_from", "good_from", "pass_from", "suspend_below", "revoke_below", "correction_days")}
    return {"indicators": indicators, "manual_items": items, **config}


def _rows(config: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    by_code = {row.get("code"): row for row in config.get("indicators", [])}
    indicators = [{"code": value, "label": label, **{k: v for k, v in by_code.get(value, {}).items() if k != "code"}}
                  for value, label in IndicatorChoice.choices]
    manual = list(config.get("manual_items", [])) + [{"code": "", "name_zh": "", "name_en": "", "weight": ""}] * 2
    return indicators, manual


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def scheme(request, year: int):
    """The year's scheme: read by the administration, edited by its administrators (a new version each time)."""
    policy.require(request.user, "assessments.oversee")
    stored = selectors.scheme_of(year=year)
    config = stored.config if stored else selectors.scheme_template(year=year)
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        config = config_from_form(request.POST)
        try:
            update_scheme(actor=request.user, year=year, config=config,
                          expected_version=int(_float(request.POST.get("version")) or 0))
        except DomainError as error:
            errors, status = refusal(request, error), error.status
        else:
            messages.success(request, _("%(year)d 年度考核方案已保存。") % {"year": year})
            return redirect("assessments:scheme", year=year)
    indicators, manual = _rows(config)
    return render(request, "assessments/scheme.html", {
        "year": year, "stored": stored, "config": config, "indicators": indicators, "manual": manual,
        "errors": errors, "may_configure": policy.can(request.user, "assessments.configure"),
        "history": list(selectors.scheme_history(scheme=stored)[:20]) if stored else [],
    }, status=status)
