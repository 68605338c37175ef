"""Indicator comparison pages: the list (published comparisons for everyone, drafts for those who write them), one
comparison side by side with its differences marked, the writers' forms (the two standards; the rows, by hand or
from a file) and the XLSX export (the safe writer: no live formulas from what people typed)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from biaozhun.accounts import policy
from biaozhun.catalog import selectors as catalog_selectors
from biaozhun.catalog.models import Tier
from biaozhun.core.errors import DomainError, ValidationFailed
from biaozhun.core.upload_limits import upload_limit, upload_refusal
from biaozhun.identifiers import IdentifierError
from biaozhun.rules.indicators import Why

from ..formats import indicators as sheet
from ..models import IndicatorRow, VerdictChoice
from ..selectors import indicators as selectors
from ..services.indicators import (
    MAX_ROWS,
    ComparisonInput,
    RowInput,
    create_comparison,
    import_rows,
    publish_comparison,
    restore_rows,
    save_rows,
    update_comparison,
)

PAGE_ROWS = 50
BLANK_ROWS = 5  # empty rows the form offers after the filled ones
FIELDS = ("name", "unit", "chinese_value", "foreign_value", "chinese_method", "foreign_method", "remark")
BADGES = {"same": "text-bg-light border", "stricter": "text-bg-success", "looser": "text-bg-danger",
          "different": "text-bg-warning", "not_comparable": "text-bg-secondary"}
WHY = {Why.CHINESE_TEXT.value: gettext_lazy("我国标准要求为文字描述"),
       Why.FOREIGN_TEXT.value: gettext_lazy("国外标准要求为文字描述"), Why.UNITS.value: gettext_lazy("单位不同，无法换算")}


def _history(events) -> list[dict]:
    """The comparison's events as its writers read them: for a save, import or restore, the indicators added,
    removed and changed (each changed field with its old and new value), and whether its earlier rows can come
    back."""
    labels = {name: IndicatorRow._meta.get_field(name).verbose_name for name in FIELDS}
    history = []
    for event in events:
        found = event.data.get("changes") or {}
        changed = [{"name": row["name"], "fields": [(labels.get(key, key), old, new)
                                                    for key, (old, new) in row["fields"].items()]}
                   for row in found.get("changed", [])]
        history.append({"event": event, "added": found.get("added", []), "removed": found.get("removed", []),
                        "changed": changed, "restorable": bool(event.data.get("before"))})
    return history


def _comparison(request, comparison_id: int):
    comparison = selectors.comparison_for_viewer(viewer=request.user, pk=comparison_id)
    if comparison is None:
        raise Http404
    return comparison


def _problems(request, error: DomainError) -> dict[str, str]:
    messages.error(request, error.message)
    return {problem["field"]: problem["message"] for problem in getattr(error, "errors", [])
            if problem.get("field") and "line" not in problem}


@require_safe
def comparison_list(request):
    q = request.GET.get("q", "")[:60]
    page = Paginator(selectors.comparisons(viewer=request.user, q=q), PAGE_ROWS).get_page(request.GET.get("page"))
    return render(request, "international/indicators/list.html", {
        "page": page, "q": q, "may_write": policy.can(request.user, "indicators.write")})


@require_safe
def detail(request, comparison_id: int):
    comparison = _comparison(request, comparison_id)
    rows = selectors.rows_of(comparison)
    why = {key: str(value) for key, value in WHY.items()}
    return render(request, "international/indicators/detail.html", {
        "comparison": comparison, "rows": [(row, BADGES[row.verdict], why.get(row.why, "")) for row in rows],
        "counts": [(value, label, selectors.verdict_counts(rows).get(value, 0), BADGES[value])
                   for value, label in VerdictChoice.choices],
        "may_write": policy.can(request.user, "indicators.write", comparison),
        "history": _history(comparison.events.select_related("actor").order_by("-at", "-id")[:20]),
    })


def _standard(viewer, number: str):
    try:
        return catalog_selectors.edition_for_number(viewer=viewer, text=number) if number.strip() else None
    except IdentifierError:
        return None


def _header(request) -> tuple[dict[str, str], ComparisonInput]:
    values = {key: request.POST.get(key, "").strip() for key in (
        "standard", "foreign_number", "foreign_title", "title", "note")}
    foreign = _standard(request.user, values["foreign_number"])
    data = ComparisonInput(
        standard=_standard(request.user, values["standard"]),
        foreign_standard=foreign if foreign is not None and foreign.tier == Tier.INTERNATIONAL else None,
        foreign_number=values["foreign_number"], foreign_title=values["foreign_title"], title=values["title"],
        note=values["note"][:5000])
    return values, data


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    policy.require(request.user, "indicators.write")
    values = {"standard": request.GET.get("standard", "")[:120]}
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        values, data = _header(request)
        try:
            comparison = create_comparison(actor=request.user, data=data)
        except DomainError as error:
            errors, status = _problems(request, error), error.status
        else:
            messages.success(request, _("已创建对比，请填写或导入指标。"))
            return redirect("international:indicators_edit", comparison_id=comparison.pk)
    return render(request, "international/indicators/create.html", {"values": values, "errors": errors},
                  status=status)


def _posted_rows(request) -> list[RowInput]:
    sent = request.POST.get("rows", "")
    count = min(int(sent) if sent.isdigit() else 0, MAX_ROWS + BLANK_ROWS)
    return [RowInput(**{field: request.POST.get(f"{field}-{index}", "") for field in FIELDS})
            for index in range(1, count + 1)]


def _form_rows(rows: list, blank: int = BLANK_ROWS) -> list[dict]:
    filled = [{field: getattr(row, field) for field in FIELDS} for row in rows]
    return [{"index": index, **values} for index, values in
            enumerate([*filled, *({field: "" for field in FIELDS} for _n in range(blank))], start=1)]


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, comparison_id: int):
    comparison = _comparison(request, comparison_id)
    policy.require(request.user, "indicators.write", comparison)
    values = {"foreign_number": comparison.foreign_number, "foreign_title": comparison.foreign_title,
              "title": comparison.title, "note": comparison.note}
    rows = _form_rows(selectors.rows_of(comparison))
    errors: dict[str, str] = {}
    line_errors: list[dict] = []
    status = 200
    if request.method == "POST":
        values, data = _header(request)
        posted = _posted_rows(request)
        try:
            update_comparison(actor=request.user, comparison=comparison, data=data)
            save_rows(actor=request.user, comparison=comparison, rows=posted)
        except ValidationFailed as error:
            errors, status = _problems(request, error), error.status
            line_errors = [problem for problem in error.errors if "line" in problem]
            rows = _form_rows([row for row in posted if any(getattr(row, f) for f in FIELDS)], blank=2)
        else:
            messages.success(request, _("已保存。"))
            return redirect(comparison)
    return render(request, "international/indicators/edit.html", {
        "comparison": comparison, "values": values, "rows": rows, "errors": errors, "line_errors": line_errors,
        "fields": FIELDS, "max_rows": MAX_ROWS}, status=status)


@upload_limit(sheet.UPLOAD_SETTING, signed_in_only=True)
@login_required
@require_POST
def import_view(request, comparison_id: int):
    comparison = _comparison(request, comparison_id)
    policy.require(request.user, "indicators.write", comparison)
    refusal = upload_refusal(request)
    upload = request.FILES.get("file")
    problems: list[dict] = []
    try:
        if refusal or upload is None:
            raise sheet.UploadError(refusal or _("请选择指标文件（.xlsx）。"))
        import_rows(actor=request.user, comparison=comparison, rows=sheet.read_rows(upload, upload.name),
                    source=upload.name, columns=sheet.headings())
    except sheet.UploadError as exc:
        messages.error(request, str(exc))
        status = 413 if refusal else 422
    except ValidationFailed as error:
        messages.error(request, error.message)
        problems, status = error.errors, error.status
    else:
        messages.success(request, _("已导入指标。"))
        return redirect(comparison)
    return render(request, "international/indicators/import_errors.html", {
        "comparison": comparison, "problems": problems[:200], "more": max(0, len(problems) - 200)}, status=status)


def _xlsx(content: bytes, filename: str, *, public: bool) -> HttpResponse:
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if not public:
        response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def export(request, comparison_id: int):
    comparison = _comparison(request, comparison_id)
    content = sheet.export_xlsx(comparison, selectors.rows_of(comparison))
    return _xlsx(content, f"indicator-comparison-{comparison.pk}.xlsx", public=comparison.public)


@login_required
@require_safe
def template(request, comparison_id: int):
    comparison = _comparison(request, comparison_id)
    policy.require(request.user, "indicators.write", comparison)
    return _xlsx(sheet.template_xlsx(selectors.rows_of(comparison)), f"indicators-{comparison.pk}.xlsx", public=False)


@login_required
@require_POST
def publish(request, comparison_id: int):
    comparison = _comparison(request, comparison_id)
    policy.require(request.user, "indicators.write", comparison)
    try:
        comparison = publish_comparison(actor=request.user, comparison=comparison,
                                        published=request.POST.get("public") == "1")
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("对比已公开。") if comparison.public else _("对比已撤回为草稿。"))
    return redirect(comparison)


@login_required
@require_POST
def restore(request, comparison_id: int, event_id: int):
    """Bring back the rows an earlier save or import replaced."""
    comparison = _comparison(request, comparison_id)
    policy.require(request.user, "indicators.write", comparison)
    event = comparison.events.filter(pk=event_id).first()
    if event is None:
        raise Http404
    try:
        restore_rows(actor=request.user, comparison=comparison, event=event)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已恢复该次修改之前的指标；当前的指标保存在新的修改记录中，可再次恢复。"))
    return redirect(comparison)
