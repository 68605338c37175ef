"""The foreign-language versions' pages: the public plan (filters by year, language and state), a project's page
with its history and the moves the viewer may make, the administration's forms (a project, a year's plan from a
file, publishing with the translated PDF) and one's own organisations' projects."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from biaozhun.accounts import policy
from biaozhun.accounts.models import Organisation
from biaozhun.catalog import selectors as catalog_selectors
from biaozhun.core import clock
from biaozhun.core.errors import DomainError, ValidationFailed
from biaozhun.core.upload_limits import upload_limit, upload_refusal
from biaozhun.identifiers import IdentifierError
from biaozhun.rules.translations import TranslationState, allowed_moves, by_undertaker

from ..formats import translations as plan_format
from ..models import TargetLanguage, TranslationStateChoice
from ..selectors import translations as selectors
from ..services.translations import ProjectInput, create_translation, import_plan, move_translation, publish_translation

PAGE_ROWS = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BADGES = {TranslationState.PLANNED: "text-bg-light border", TranslationState.TRANSLATING: "text-bg-info",
          TranslationState.REVIEW: "text-bg-warning", TranslationState.APPROVED: "text-bg-primary",
          TranslationState.PUBLISHED: "text-bg-success", TranslationState.CANCELLED: "text-bg-secondary"}


def _year(value: str | None) -> int | None:
    try:
        year = int(value or "")
    except ValueError:
        return None
    return year if 2000 <= year <= clock.today().year + 1 else None


def _problems(request, error: DomainError) -> dict[str, str]:
    messages.error(request, error.message)
    return {problem["field"]: problem["message"] for problem in getattr(error, "errors", []) if problem.get("field")}


@require_safe
def plan(request):
    query = selectors.PlanQuery(year=_year(request.GET.get("year")), language=request.GET.get("language", ""),
                                state=request.GET.get("state", ""), q=request.GET.get("q", "")).cleaned()
    page = Paginator(selectors.plan(query), PAGE_ROWS).get_page(request.GET.get("page"))
    return render(request, "international/translations/plan.html", {
        "query": query, "page": page, "years": selectors.years(), "languages": TargetLanguage.choices,
        "states": TranslationStateChoice.choices, "counts": selectors.state_counts(query.year), "badges": BADGES,
        "may_manage": policy.can(request.user, "translations.manage"),
    })


def _project(translation_id: int):
    project = selectors.project(translation_id)
    if project is None:
        raise Http404
    return project


def _moves(user, project) -> list[tuple[str, str]]:
    """The moves this viewer may make from the project's state (publishing has its own form)."""
    if not policy.can(user, "translations.work", project):
        return []
    manage = policy.can(user, "translations.manage")
    labels = dict(TranslationStateChoice.choices)
    return [(state.value, labels[state]) for state in allowed_moves(project.state)
            if state != TranslationState.PUBLISHED and (manage or by_undertaker(project.state, state))]


@require_safe
def detail(request, translation_id: int):
    project = _project(translation_id)
    return _detail(request, project)


def _detail(request, project, *, errors: dict | None = None, status: int = 200):
    may_publish = (project.state == TranslationState.APPROVED and policy.can(request.user, "translations.manage"))
    return render(request, "international/translations/detail.html", {
        "project": project, "events": selectors.events_of(project), "moves": _moves(request.user, project),
        "may_publish": may_publish, "badges": BADGES, "errors": errors or {},
        "is_published": project.state == TranslationState.PUBLISHED,
        "text": project.standard.full_texts.filter(language=project.language).first(),
    }, status=status)


@login_required
@require_POST
def move(request, translation_id: int):
    project = _project(translation_id)
    policy.require(request.user, "translations.work", project)
    try:
        project = move_translation(actor=request.user, project=project, to=request.POST.get("to", ""),
                                   reason=request.POST.get("reason", "")[:2000])
    except DomainError as error:
        return _detail(request, project, errors=_problems(request, error), status=error.status)
    messages.success(request, _("项目状态已改为“%(state)s”。") % {"state": project.get_state_display()})
    return redirect(project)


@upload_limit("BIAOZHUN_MAX_FULLTEXT_BYTES", signed_in_only=True)
@login_required
@require_POST
def publish(request, translation_id: int):
    project = _project(translation_id)
    policy.require(request.user, "translations.manage")
    refusal = upload_refusal(request)
    upload = request.FILES.get("file")
    if refusal or upload is None:
        messages.error(request, refusal or _("请选择译文 PDF 文件。"))
        return _detail(request, project, errors={"file": refusal or _("请选择译文 PDF 文件。")},
                       status=413 if refusal else 422)
    try:
        published_on = datetime.date.fromisoformat(request.POST["published_on"]) if request.POST.get(
            "published_on") else None
    except ValueError:
        published_on = None
    try:
        project = publish_translation(actor=request.user, project=project, content=upload.read(),
                                      published_on=published_on)
    except DomainError as error:
        return _detail(request, project, errors=_problems(request, error), status=error.status)
    messages.success(request, _("外文版已出版，译文已作为该标准的%(language)s全文发布。") % {
        "language": project.get_language_display()})
    return redirect(project)


def _standard(viewer, number: str):
    try:
        return catalog_selectors.edition_for_number(viewer=viewer, text=number) if number.strip() else None
    except IdentifierError:
        return None


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    policy.require(request.user, "translations.manage")
    values = {"plan_year": str(clock.today().year), "language": "en"}
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        values = {key: request.POST.get(key, "").strip() for key in (
            "standard", "language", "plan_year", "plan_number", "undertaker_name", "due_on", "note")}
        try:
            due_on = datetime.date.fromisoformat(values["due_on"]) if values["due_on"] else None
        except ValueError:
            due_on = None
        name = values["undertaker_name"]
        data = ProjectInput(standard=_standard(request.user, values["standard"]), language=values["language"],
                            plan_year=_year(values["plan_year"]) or 0, plan_number=values["plan_number"],
                            undertaker_name=name, undertaker=Organisation.objects.filter(name=name).first() if name
                            else None, due_on=due_on, note=values["note"][:2000])
        try:
            project = create_translation(actor=request.user, data=data)
        except DomainError as error:
            errors, status = _problems(request, error), error.status
        else:
            messages.success(request, _("已列入计划：%(number)s。") % {"number": project.plan_number})
            return redirect(project)
    return render(request, "international/translations/form.html", {
        "values": values, "errors": errors, "languages": TargetLanguage.choices}, status=status)


@upload_limit(plan_format.UPLOAD_SETTING, signed_in_only=True)
@login_required
@require_http_methods(["GET", "POST"])
def import_view(request):
    policy.require(request.user, "translations.manage")
    year = _year(request.POST.get("year") if request.method == "POST" else request.GET.get("year"))
    year = year or clock.today().year
    problems: list[dict] = []
    status = 200
    if request.method == "POST":
        refusal = upload_refusal(request)
        upload = request.FILES.get("file")
        try:
            if refusal or upload is None:
                raise plan_format.UploadError(refusal or _("请选择计划文件（.xlsx）。"))
            rows, problems = plan_format.read_plan(upload, upload.name, viewer=request.user, year=year)
            if problems:
                raise ValidationFailed(_("计划未导入：%(count)d 处需要修改，请改正后重新上传整个文件。") % {
                    "count": len(problems)}, problems)
            created = import_plan(actor=request.user, rows=rows, source=upload.name, columns=plan_format.headings())
        except plan_format.UploadError as exc:
            messages.error(request, str(exc))
            status = 413 if refusal else 422
        except ValidationFailed as error:
            messages.error(request, error.message)
            problems, status = error.errors, error.status
        else:
            messages.success(request, _("已导入 %(count)d 个项目。") % {"count": len(created)})
            return redirect(f"{reverse('international:translations_plan')}?year={year}")
    return render(request, "international/translations/import.html", {
        "year": year, "problems": problems[:200], "more": max(0, len(problems) - 200),
        "columns": plan_format.headings(), "max_rows": plan_format.MAX_ROWS}, status=status)


@login_required
@require_safe
def template(request):
    policy.require(request.user, "translations.manage")
    response = HttpResponse(plan_format.template_xlsx(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="translation-plan.xlsx"'
    return response


@login_required
@require_safe
def mine(request):
    policy.require(request.user, "translations.own")
    organisation_ids = [m.organisation_id for m in request.user.memberships.all()]
    projects = list(selectors.of_organisations(organisation_ids)[:500])
    return render(request, "international/translations/mine.html", {"projects": projects, "badges": BADGES})
