"""Application pages: the public notices (公示) and one application with its comments and history; the applicant's
form (draft, submit, withdraw) and their own list; the administration's queue, the notice and the decision.

Each view looks up through a selector (404 for what the viewer may not read), asks the policy, calls a service and
redirects, or shows the form again with the service's problems on the fields they name."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from biaozhun.accounts import policy
from biaozhun.accounts.forms import show_problems
from biaozhun.core import clock
from biaozhun.core.errors import DomainError, ValidationFailed
from biaozhun.rules.committees import application_moves

from .. import selectors as committee_selectors
from ..models import Stakeholder
from ..permissions import applicant_organisations
from . import selectors, services
from .forms import (
    BLANK_ROWS,
    ChangeForm,
    CommentForm,
    DecisionForm,
    EstablishmentForm,
    WithdrawForm,
    seat_formset,
    seats_of,
)
from .models import Application, ApplicationPurpose, ApplicationStatus

PAGE_SIZE = 30
ADD_ROWS = 5


def _application_or_404(request, pk: int) -> Application:
    application = selectors.application_for(viewer=request.user, pk=pk)
    if application is None:
        raise Http404(_("没有这份申请，或它尚未公示。"))
    return application


def _call(form: forms.Form, call: Callable[[], Any], formset=None) -> tuple[Any, int]:
    """Call the service: (result, 200), or (None, status) with the problems on the form (and the seat rows)."""
    try:
        return call(), 200
    except ValidationFailed as exc:
        _show(form, exc, formset)
        return None, exc.status
    except DomainError as exc:
        if exc.code == "permission_denied":
            raise
        form.add_error(None, exc.message)
        return None, exc.status


def _show(form: forms.Form, error: ValidationFailed, formset=None) -> None:
    """Problems on seat rows ("seats.3.name") go to that row's field; "seats" above the list."""
    rows, rest = [], []
    for problem in error.errors:
        parts = str(problem.get("field") or "").split(".")
        if formset is not None and parts[0] == "seats" and len(parts) == 3 and parts[1].isdigit():
            rows.append((int(parts[1]) - 1, parts[2], problem["message"]))
        else:
            rest.append(problem)
    for index, name, message in rows:
        if index < len(formset.forms):
            formset.forms[index].add_error(name, message)
    seat_messages = [p["message"] for p in rest if p.get("field") == "seats"]
    if formset is not None:
        formset.seat_errors = seat_messages
    show_problems(form, ValidationFailed(error.message, [p for p in rest if p.get("field") != "seats"]))
    if seat_messages and formset is None:
        form.add_error(None, " ".join(seat_messages))
    if rows or seat_messages:
        form.add_error(None, error.message)


# --- Public ---------------------------------------------------------------------------------------------
@require_safe
def notices(request):
    page = Paginator(selectors.public_applications(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "committees/applications/notices.html", {
        "open": selectors.in_notice(), "page": page, "today": clock.today(),
        "may_apply": policy.can(request.user, "committees.apply"),
        "may_review": policy.can(request.user, "committees.review")})


def _detail_page(request, application: Application, *, comment_form=None, decision_form=None, status: int = 200):
    today = clock.today()
    moves = application_moves(application.state, application.purpose)
    may_edit = policy.can(request.user, "committees.edit_application", application)
    may_decide = policy.can(request.user, "committees.decide_application", application)
    return render(request, "committees/applications/detail.html", {
        "application": application, "seats": list(application.seats.all()),
        "phase": services.comment_phase(application, today) if application.state == ApplicationStatus.NOTICE else "",
        "comments": selectors.comments_for(application),
        "comment_form": comment_form or CommentForm(),
        "may_identify": policy.can(request.user, "committees.identify_commenters", application),
        "may_edit": may_edit and application.state == ApplicationStatus.DRAFT,
        "may_submit": may_edit and ApplicationStatus.SUBMITTED in moves,
        "may_withdraw": may_edit and ApplicationStatus.WITHDRAWN in moves,
        "may_open_notice": policy.can(request.user, "committees.review", application) and ApplicationStatus.NOTICE in moves,
        "may_decide": may_decide and bool({ApplicationStatus.APPROVED, ApplicationStatus.REJECTED} & moves),
        "notice_running": application.state == ApplicationStatus.NOTICE and today <= application.notice_closes_on,
        "decision_form": decision_form or DecisionForm(),
        "history": application.events.select_related("actor").order_by("at", "id"),
        "balance": _balance(application),
    }, status=status)


def _balance(application: Application) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for seat in application.seats.all():
        if seat.voting and seat.stakeholder in Stakeholder.values:
            counts[seat.stakeholder] = counts.get(seat.stakeholder, 0) + 1
    return [(str(Stakeholder(key).label), n) for key, n in sorted(counts.items(), key=lambda kv: -kv[1])]


@require_safe
def detail(request, application_pk: int):
    return _detail_page(request, _application_or_404(request, application_pk))


@login_required
@require_POST
def comment(request, application_pk: int):
    application = _application_or_404(request, application_pk)
    policy.require(request.user, "committees.comment", application)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, application, comment_form=form, status=422)
    made, status = _call(form, lambda: services.comment_on_application(
        actor=request.user, application=application, **form.cleaned_data))
    if made is None:
        return _detail_page(request, application, comment_form=form, status=status)
    messages.success(request, _("已提交您的意见（第 %(n)d 条）。") % {"n": made.number})
    return redirect(application)


# --- The applicant --------------------------------------------------------------------------------------
def _applicant(request, choices: list) -> Any:
    """The organisation chosen on the form among ``choices`` (the first when there is one)."""
    wanted = request.POST.get("applicant")
    return next((o for o in choices if str(o.pk) == wanted), choices[0] if choices else None)


def _establishment_page(request, *, application: Application | None, applicants: list):
    extra = BLANK_ROWS + (ADD_ROWS if request.GET.get("more") == "1" else 0)
    if request.method == "POST":
        form, formset = EstablishmentForm(request.POST), seat_formset(request.POST, extra=0)
        valid = form.is_valid() & formset.is_valid()
        if valid:
            applicant = application.applicant if application else _applicant(request, applicants)
            data = form.application_input(seats_of(formset))
            saved, status = _call(form, lambda: services.save_draft(
                actor=request.user, applicant=applicant, data=data, application=application), formset)
            if saved is not None and "submit" in request.POST:
                submitted, status = _call(form, lambda: services.submit_application(
                    actor=request.user, application=saved), formset)
                if submitted is not None:
                    messages.success(request, _("申请已提交，等待国家标准化管理部门受理并公示。"))
                    return redirect(saved)
                application = saved
            elif saved is not None:
                messages.success(request, _("草稿已保存。"))
                if "more_rows" in request.POST:
                    return redirect(f"{_edit_url(saved)}?more=1")
                return redirect(_edit_url(saved))
        else:
            status = 422
    else:
        status = 200
        form = EstablishmentForm(initial=EstablishmentForm.initial_of(application) if application else None)
        formset = seat_formset(application=application, extra=extra)
    return render(request, "committees/applications/form.html", {
        "form": form, "formset": formset, "application": application, "applicants": applicants,
        "seat_errors": getattr(formset, "seat_errors", [])}, status=status)


def _edit_url(application: Application) -> str:
    from django.urls import reverse

    return reverse("committees:application_edit", args=[application.pk])


@login_required
def apply(request):
    policy.require(request.user, "committees.apply")
    return _establishment_page(request, application=None, applicants=applicant_organisations(request.user))


@login_required
def edit(request, application_pk: int):
    application = _application_or_404(request, application_pk)
    policy.require(request.user, "committees.edit_application", application)
    if application.state != ApplicationStatus.DRAFT:
        messages.info(request, _("申请已提交，不能再修改。"))
        return redirect(application)
    if application.purpose == ApplicationPurpose.ESTABLISH:
        return _establishment_page(request, application=application, applicants=[application.applicant])
    return _change_page(request, committee=application.committee, application=application)


def _change_page(request, *, committee, application: Application | None = None):
    applicants = services.change_applicants(request.user, committee)
    if request.method == "POST":
        form = ChangeForm(request.POST)
        if form.is_valid():
            applicant = application.applicant if application else _applicant(request, applicants)
            saved, status = _call(form, lambda: services.save_draft(
                actor=request.user, applicant=applicant, data=form.application_input(committee),
                application=application))
            if saved is not None and "submit" in request.POST:
                submitted, status = _call(form, lambda: services.submit_application(
                    actor=request.user, application=saved))
                if submitted is not None:
                    messages.success(request, _("申请已提交，等待国家标准化管理部门办理。"))
                    return redirect(saved)
                application = saved
            elif saved is not None:
                messages.success(request, _("草稿已保存。"))
                return redirect(saved)
        else:
            status = 422
    else:
        status = 200
        form = ChangeForm(initial=ChangeForm.initial_of(application) if application else ChangeForm.initial_for(committee))
    return render(request, "committees/applications/change_form.html", {
        "form": form, "committee": committee, "application": application, "applicants": applicants}, status=status)


@login_required
def propose_change(request, code: str):
    committee = committee_selectors.committee_by_code(code)
    if committee is None:
        raise Http404(code)
    policy.require(request.user, "committees.propose_change", committee)
    return _change_page(request, committee=committee)


@login_required
@require_POST
def submit(request, application_pk: int):
    application = _application_or_404(request, application_pk)
    policy.require(request.user, "committees.edit_application", application)
    try:
        services.submit_application(actor=request.user, application=application)
    except ValidationFailed as exc:
        for problem in exc.errors:
            messages.error(request, problem["message"])
        return redirect(_edit_url(application) if application.state == ApplicationStatus.DRAFT else application)
    except DomainError as exc:
        if exc.code == "permission_denied":
            raise
        messages.error(request, exc.message)
        return redirect(application)
    messages.success(request, _("申请已提交。"))
    return redirect(application)


@login_required
@require_POST
def withdraw(request, application_pk: int):
    application = _application_or_404(request, application_pk)
    policy.require(request.user, "committees.edit_application", application)
    form = WithdrawForm(request.POST)
    form.is_valid()
    try:
        services.withdraw_application(actor=request.user, application=application,
                                     reason=form.cleaned_data.get("reason", ""))
    except DomainError as exc:
        if exc.code == "permission_denied":
            raise
        messages.error(request, exc.message)
        return redirect(application)
    messages.success(request, _("申请已撤回。"))
    return redirect(application)


@login_required
@require_safe
def mine(request):
    page = Paginator(selectors.mine(viewer=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "committees/applications/mine.html", {
        "page": page, "may_apply": policy.can(request.user, "committees.apply")})


# --- The administration ---------------------------------------------------------------------------------
@login_required
@require_safe
def queue(request):
    policy.require(request.user, "committees.review")
    return render(request, "committees/applications/queue.html", {"queue": selectors.queue(), "today": clock.today()})


@login_required
@require_POST
def open_notice(request, application_pk: int):
    application = _application_or_404(request, application_pk)
    policy.require(request.user, "committees.review", application)
    try:
        application = services.open_notice(actor=request.user, application=application)
    except DomainError as exc:
        if exc.code == "permission_denied":
            raise
        messages.error(request, exc.message)
        return redirect(application)
    messages.success(request, _("已开始公示，至 %(end)s 止。") % {"end": application.notice_closes_on.isoformat()})
    return redirect(application)


@login_required
@require_POST
def decide(request, application_pk: int):
    application = _application_or_404(request, application_pk)
    policy.require(request.user, "committees.decide_application", application)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, application, decision_form=form, status=422)
    data = form.cleaned_data
    if data["outcome"] == "approve":
        committee, status = _call(form, lambda: services.approve_application(
            actor=request.user, application=application, decision=data["decision"], reason=data["reason"]))
        if committee is not None:
            messages.success(request, _("已批准：%(code)s。") % {"code": committee.code})
            return redirect(committee)
    else:
        rejected, status = _call(form, lambda: services.reject_application(
            actor=request.user, application=application, reason=data["reason"], decision=data["decision"]))
        if rejected is not None:
            messages.success(request, _("已作出不予批准的决定。"))
            return redirect(application)
    return _detail_page(request, application, decision_form=form, status=status)
