"""The secretariat's controls on a project (each allowed move with what it still needs), the national
administration's WTO/TBT and publication forms, and the proposal form."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from biaozhun.accounts import policy
from biaozhun.accounts.forms import BootstrapFormMixin, field_messages, form_problems, show_problems
from biaozhun.catalog.models import Degree, Nature, Standard
from biaozhun.committees.models import Committee
from biaozhun.core import clock
from biaozhun.core.errors import DomainError, ValidationFailed
from biaozhun.identifiers import IdentifierError, Tier, parse
from biaozhun.reference.selectors import code_tables
from biaozhun.rules.stages import BY_CODE, OPEN_STAGES, allowed_moves

from .. import limits
from ..models import STAGE_CHOICES, Project, ProjectKind
from ..services import move_project, propose_project
from ..services.guards import missing_for
from ..services.projects import DECISIONS, NEEDS_REASON, OWN_SERVICE, PERIOD_LIMITS, RETURNS, stage_name
from ..services.publication import needs_tbt, publish_project, record_tbt_notification, tbt_earliest

SIDE_EXITS = ("suspended", "terminated")


class MoveForm(forms.Form):
    to = forms.ChoiceField(choices=STAGE_CHOICES)
    expected_version = forms.IntegerField(min_value=1)
    reason = forms.CharField(label=gettext_lazy("理由"), required=False, max_length=2000)
    plan_number = forms.CharField(label=gettext_lazy("计划号"), required=False, max_length=30)
    period_days = forms.IntegerField(label=gettext_lazy("期限（日）"), required=False, min_value=1, max_value=366)


class TbtForm(forms.Form):
    number = forms.CharField(label=gettext_lazy("通报号"), max_length=40)
    notified_on = forms.DateField(label=gettext_lazy("通报日期"))


class PublishForm(forms.Form):
    expected_version = forms.IntegerField(min_value=1)
    identifier = forms.CharField(label=gettext_lazy("标准号"), max_length=120)
    published_on = forms.DateField(label=gettext_lazy("发布日期"))
    implemented_on = forms.DateField(label=gettext_lazy("实施日期"))
    title_en = forms.CharField(label=gettext_lazy("英文名称"), required=False, max_length=300)


# --- The section on the project page -------------------------------------------------------------
def detail_context(request, project: Project) -> dict:
    return _section(request.user, project)


def _section(user, project: Project, *, error: dict | None = None, values: dict | None = None) -> dict:
    """The section's context; after a refusal, `error` and the posted `values` go back on the form refused."""
    may_move = policy.can(user, "development.move", project)
    may_decide = policy.can(user, "development.decide", project)
    if not (may_move or may_decide):
        return {"manage_visible": False}
    error, values = error or {}, values or {}

    def refused(form: str, target: str = "") -> dict:
        if error.get("form") == form and error.get("target", "") == target:
            return {"errors": error["fields"], "values": values}
        return {"errors": {}, "values": {}}

    today = clock.today()
    current = limits.current()
    moves = []
    for target in allowed_moves(project.stage, suspended_from=project.suspended_from or None):
        if target in OWN_SERVICE or not (may_decide if target in DECISIONS else may_move):
            continue
        moves.append({
            "to": target, "label": stage_name(target), "missing": _missing(project, target, today),
            "needs_reason": target in NEEDS_REASON or (target == "drafting" and project.stage in RETURNS),
            "needs_plan": target == "planned",
            "period_days": current[PERIOD_LIMITS[target]] if target in PERIOD_LIMITS else None,
            "side_exit": target in SIDE_EXITS, **refused("move", target),
        })
    return {
        "manage_visible": True, "manage_moves": moves, "manage_version": project.version, "manage_today": today,
        "manage_tbt": may_decide and needs_tbt(project) and project.stage in OPEN_STAGES,
        "manage_tbt_days": current["tbt_days"], "manage_tbt_earliest": tbt_earliest(project, current["tbt_days"]),
        "manage_tbt_form": refused("tbt"),
        "manage_publish": may_decide and project.stage == "approval", "manage_publish_form": refused("publish"),
    }


def _missing(project: Project, target: str, today) -> list[dict]:
    """What `move_project` would refuse this move for, so the secretariat sees it before the click."""
    if target in SIDE_EXITS:
        return []
    missing = []
    if project.frozen:
        missing.append({"requirement": "frozen", "message": _(
            "已超过报批期限（%(deadline)s），项目已冻结：须申请延期并获批准后才能继续。") % {"deadline": project.deadline}})
    if project.stage in PERIOD_LIMITS and project.period_ends_on and today <= project.period_ends_on:
        missing.append({"requirement": "period", "message": _("%(stage)s期至 %(end)s 截止，期满后方可进入下一阶段。") % {
            "stage": stage_name(project.stage), "end": project.period_ends_on}})
    return missing + missing_for(project, target)


def _refused(request, project: Project, exc: DomainError, *, form: str):
    """The project's controls again, with the service's refusal (its status: 403, 409 or 422)."""
    project.refresh_from_db()
    error = {
        "form": form, "target": request.POST.get("to", "") if form == "move" else "", "message": exc.message,
        "fields": field_messages(exc),
        "missing": exc.data.get("missing", []),
        "allowed": [stage_name(code) for code in exc.data.get("allowed", ())],
        "stale": exc.code == "stale_project",
    }
    context = {"project": project, "stage": BY_CODE[project.stage], "error": error,
               **_section(request.user, project, error=error, values=request.POST.dict())}
    return render(request, "development/manage/refused.html", context, status=exc.status)


@login_required
@require_POST
def move(request, pk: int):
    project = get_object_or_404(Project.objects.select_related("committee"), pk=pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _refused(request, project, form_problems(form), form="move")
    data = form.cleaned_data
    try:
        project = move_project(request.user, project, to=data["to"], expected_version=data["expected_version"],
                               reason=data["reason"], plan_number=data["plan_number"],
                               period_days=data["period_days"])
    except DomainError as exc:
        return _refused(request, project, exc, form="move")
    messages.success(request, _("项目已转入「%(stage)s」。") % {"stage": stage_name(project.stage)})
    return redirect(project)


@login_required
@require_POST
def tbt(request, pk: int):
    project = get_object_or_404(Project.objects.select_related("committee"), pk=pk)
    form = TbtForm(request.POST)
    if not form.is_valid():
        return _refused(request, project, form_problems(form), form="tbt")
    try:
        project = record_tbt_notification(request.user, project, **form.cleaned_data)
    except DomainError as exc:
        return _refused(request, project, exc, form="tbt")
    messages.success(request, _("已登记WTO/TBT通报 %(number)s，%(earliest)s 起可批准发布。") % {
        "number": project.tbt_notification, "earliest": tbt_earliest(project)})
    return redirect(project)


@login_required
@require_POST
def publish(request, pk: int):
    project = get_object_or_404(Project.objects.select_related("committee"), pk=pk)
    form = PublishForm(request.POST)
    if not form.is_valid():
        return _refused(request, project, form_problems(form), form="publish")
    try:
        publish_project(request.user, project, **form.cleaned_data)
    except DomainError as exc:
        return _refused(request, project, exc, form="publish")
    messages.success(request, _("已批准发布 %(identifier)s。") % {"identifier": form.cleaned_data["identifier"]})
    return redirect(project)


# --- Proposing a project ---------------------------------------------------------------------------
class ProposeForm(BootstrapFormMixin, forms.Form):
    committee = forms.ChoiceField(label=gettext_lazy("技术委员会"))
    title_zh = forms.CharField(label=gettext_lazy("项目名称"), max_length=300)
    title_en = forms.CharField(label=gettext_lazy("英文名称"), required=False, max_length=300)
    kind = forms.ChoiceField(label=gettext_lazy("制修订"), choices=ProjectKind.choices)
    nature = forms.ChoiceField(label=gettext_lazy("性质"), choices=Nature.choices)
    revises = forms.CharField(label=gettext_lazy("被修订的标准"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=gettext_lazy("修订或修改单项目填写，每行一个标准号，如 GB/T 19001-2016"))
    adopts = forms.CharField(label=gettext_lazy("采用的国际标准"), required=False, max_length=120,
                             help_text=gettext_lazy("采用国际标准的项目填写，如 ISO 9001:2015"))
    degree = forms.ChoiceField(label=gettext_lazy("一致性程度"), required=False,
                               choices=[("", "—"), *Degree.choices])
    drafters = forms.CharField(label=gettext_lazy("起草单位"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    trade_relevant = forms.BooleanField(label=gettext_lazy("涉及贸易（须WTO/TBT通报）"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        committees = Committee.objects.filter(is_active=True).order_by("code").values_list("code", "name_zh")
        self.fields["committee"].choices = [("", "—"), *((code, f"{code} {name}") for code, name in committees)]

    def clean_committee(self) -> Committee:
        return Committee.objects.get(code=self.cleaned_data["committee"], is_active=True)

    def clean_revises(self) -> list[Standard]:
        found, problems = [], []
        tables = None
        for line, text in enumerate(self.cleaned_data["revises"].splitlines(), start=1):
            if not text.strip():
                continue
            tables = tables or code_tables()
            try:
                ident = parse(text, tables)
            except IdentifierError:
                problems.append(_("第 %(line)d 行：“%(text)s”不是有效的标准号") % {"line": line, "text": text.strip()})
                continue
            standard = _catalogue_edition(ident)
            if standard is None:
                problems.append(_("第 %(line)d 行：标准目录中没有 %(number)s") % {"line": line, "number": ident.canonical})
            else:
                found.append(standard)
        if problems:
            raise forms.ValidationError(problems)
        return found

    def clean_adopts(self) -> str:
        text = self.cleaned_data["adopts"].strip()
        if not text:
            return ""
        try:
            ident = parse(text)
        except IdentifierError:
            ident = None
        if ident is None or ident.tier != Tier.INTERNATIONAL:
            raise forms.ValidationError(_("“%(text)s”不是国际标准编号，应形如 ISO 9001:2015") % {"text": text})
        return ident.canonical

    def clean(self) -> dict:
        data = super().clean()
        if data.get("kind") == ProjectKind.ADOPTION and not data.get("degree"):
            self.add_error("degree", _("采用国际标准的项目须选择一致性程度"))
        return data


def _catalogue_edition(ident) -> Standard | None:
    """The edition a line names; an undated number names its newest edition."""
    if ident.year is None:
        return Standard.objects.filter(undated=ident.canonical).order_by("-year", "-id").first()
    return Standard.objects.filter(identifier=ident.canonical).first() or Standard.objects.filter(
        edition=ident.canonical).first()


@login_required
@require_http_methods(["GET", "POST"])
def propose(request):
    form = ProposeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                project = propose_project(request.user, **form.cleaned_data)
            except DomainError as exc:
                status = exc.status
                if isinstance(exc, ValidationFailed):
                    show_problems(form, exc)
                else:
                    form.add_error(None, exc.message)
            else:
                messages.success(request, _("项目已提出，等待技术委员会秘书处处理。"))
                return redirect(project)
        else:
            status = 422
    return render(request, "development/propose.html", {"form": form}, status=status)


urlpatterns = [
    path("propose/", propose, name="propose"),
    path("<int:pk>/move/", move, name="move"),
    path("<int:pk>/tbt/", tbt, name="tbt"),
    path("<int:pk>/publish/", publish, name="publish"),
]
