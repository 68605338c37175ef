"""One filing's work page (state, dates, history, checks with their evidence, the submitted text) and the actions
on it by role: the authority withdraws it, the province approves or returns a city's filing, the reviewer accepts
or returns it with reasons per check. (Revising a returned filing is the form's: work_form.py.)

A view is access → service → respond; a refused action shows the page again with the service's message on its
form, with the refusal's status."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from biaozhun.accounts import policy
from biaozhun.accounts.forms import form_problems, show_problems
from biaozhun.core import clock
from biaozhun.core.errors import DomainError, ValidationFailed
from biaozhun.core.files import safe_filename, serve_file
from biaozhun.rules.filing import MOVES
from biaozhun.rules.filing import FilingState as State

from .. import check_text
from ..checks import CHECK_CODES
from ..forms import NoteForm, ReturnCityForm, ReturnForm, WithdrawForm
from ..models import Filing, FilingEvent, FilingEventKind, FilingState
from ..selectors import work as selectors
from ..services import accept_filing, approve_city_filing, return_city_filing, return_filing, withdraw_filing

# Fields a resubmission names as changed (FilingEvent data "changed"), beyond the model's own.
CHANGED_LABELS = {"record": gettext_lazy("标准信息"), "text": gettext_lazy("标准文本")}


def filing_for_work(request, pk: int) -> Filing:
    """The filing, for those who work on it: 404 if the viewer may not see it, the policy's 403 if they may see it
    (an accepted one is public) but do not work on it."""
    filing = selectors.filing_for_work(viewer=request.user, pk=pk)
    if filing is None:
        raise Http404
    policy.require(request.user, "filing.work_on", filing)
    return filing


def _actor_name(event: FilingEvent) -> str:
    if event.actor_id is None:
        return _("系统")
    return event.actor.real_name or event.actor.get_username()


def _changed(names: list[str]) -> list[str]:
    labels = []
    for name in names:
        if name in CHANGED_LABELS:
            labels.append(str(CHANGED_LABELS[name]))
        else:
            try:
                labels.append(str(Filing._meta.get_field(name).verbose_name))
            except Exception:  # a field renamed since: its stored name
                labels.append(name)
    return labels


def _event(event: FilingEvent) -> dict:
    data = event.data or {}
    return {
        "event": event, "kind": FilingEventKind(event.kind).label if event.kind in FilingEventKind.values
        else event.kind, "actor": _actor_name(event),
        "to_state": FilingState(event.to_state).label if event.to_state in FilingState.values else "",
        "reasons": [(check_text.label(r.get("check", "")), r.get("message", "")) for r in data.get("reasons", ())
                    if event.kind == FilingEventKind.RETURNED],
        "changed": _changed(data.get("changed", ())),
        "late_days": data.get("late_days") or 0, "filing_number": data.get("filing_number", ""),
        "flags": data.get("flags"), "warnings": data.get("warnings"), "due": data.get("due"),
    }


def actions(user, filing: Filing) -> dict[str, bool]:
    """What the person may do to the filing now (the services decide again when they do it)."""
    state = State(filing.state)
    return {
        "revise": state == State.RETURNED and policy.can(user, "filing.revise", filing),
        "withdraw": State.WITHDRAWN in MOVES[state] and policy.can(user, "filing.withdraw", filing),
        "approve_city": state == State.AWAITING_PROVINCE and policy.can(user, "filing.approve_city", filing),
        "decide": state == State.SUBMITTED and policy.can(user, "filing.review", filing),
        "text": bool(filing.fulltext) and policy.can(user, "filing.view_text", filing),
    }


def render_work_page(request, filing: Filing, *, status: int = 200, refused: str = "", error: str = "",
                     **forms) -> object:
    """The page; `refused` names the form a refusal is shown on (with `error` and the bound form in `forms`)."""
    today = clock.today()
    may = actions(request.user, filing)
    checks = check_text.describe(filing.checks)
    by_code = {check["code"]: check for check in checks}
    return_form = forms.get("return_form") or ReturnForm()
    waiting = filing.state in (FilingState.AWAITING_PROVINCE, FilingState.SUBMITTED)
    context = {
        "filing": filing, "record": filing.record, "may": may, "today": today,
        "checks": checks, "flags": check_text.flagged(filing.checks),
        "events": [_event(e) for e in selectors.history(filing=filing)],
        "overdue_days": (today - filing.review_due).days if waiting and filing.review_due
        and filing.review_due < today else 0,
        "waiting": waiting, "states": FilingState,
        "refused": refused, "error": error, "error_on_top": bool(refused) and not (refused == "return" and may["decide"]),
        "withdraw_form": forms.get("withdraw_form") or WithdrawForm(auto_id="withdraw-%s"),
        "approve_form": forms.get("approve_form") or NoteForm(auto_id="approve-%s"),
        "return_city_form": forms.get("return_city_form") or ReturnCityForm(auto_id="return-city-%s"),
        "accept_form": forms.get("accept_form") or NoteForm(auto_id="accept-%s"),
        "return_form": return_form,
        "return_rows": [(field, by_code.get(code)) for code, field in zip(CHECK_CODES, return_form.check_fields(),
                                                                          strict=True)],
    }
    return render(request, "filing/work/detail.html", context, status=status)


@login_required
@require_safe
def work_detail(request, pk: int):
    return render_work_page(request, filing_for_work(request, pk))


@login_required
@require_safe
def work_text(request, pk: int):
    """The submitted PDF, for those the policy lets read it (404 for anyone who may not see the filing)."""
    filing = selectors.filing_for_work(viewer=request.user, pk=pk)
    if filing is None or not filing.fulltext:
        raise Http404
    policy.require(request.user, "filing.view_text", filing)
    return serve_file(filing.fulltext, filename=safe_filename(f"{filing.identifier}.pdf"),
                      content_type="application/pdf", restricted=True)


def _act(request, pk: int, form_class, name: str, call, done: str, **form_kwargs):
    """Check the posted form, call the service; on success a message and back to the page, else the page again
    with the refusal on the form."""
    filing = filing_for_work(request, pk)
    form = form_class(request.POST, **form_kwargs)
    try:
        if not form.is_valid():
            raise form_problems(form)
        call(filing, form)
    except DomainError as exc:
        if isinstance(exc, ValidationFailed) and not form.errors:
            show_problems(form, exc)
        filing.refresh_from_db()
        return render_work_page(request, filing, status=exc.status, refused=name, error=exc.message,
                                **{f"{name}_form": form})
    messages.success(request, done % {"identifier": filing.identifier})
    return redirect("filing:work_detail", pk=filing.pk)


@login_required
@require_POST
def work_withdraw(request, pk: int):
    return _act(request, pk, WithdrawForm, "withdraw",
                lambda filing, form: withdraw_filing(actor=request.user, filing=filing, **form.cleaned_data),
                _("已撤回 %(identifier)s 的备案。"), auto_id="withdraw-%s")


@login_required
@require_POST
def work_approve_city(request, pk: int):
    return _act(request, pk, NoteForm, "approve",
                lambda filing, form: approve_city_filing(actor=request.user, filing=filing, **form.cleaned_data),
                _("已同意 %(identifier)s 报国家标准委备案。"), auto_id="approve-%s")


@login_required
@require_POST
def work_return_city(request, pk: int):
    return _act(request, pk, ReturnCityForm, "return_city",
                lambda filing, form: return_city_filing(actor=request.user, filing=filing, **form.cleaned_data),
                _("已将 %(identifier)s 退回市级部门修改。"), auto_id="return-city-%s")


@login_required
@require_POST
def work_accept(request, pk: int):
    return _act(request, pk, NoteForm, "accept",
                lambda filing, form: accept_filing(actor=request.user, filing=filing, **form.cleaned_data),
                _("%(identifier)s 已予备案，已载入标准目录。"), auto_id="accept-%s")


@login_required
@require_POST
def work_return(request, pk: int):
    return _act(request, pk, ReturnForm, "return",
                lambda filing, form: return_filing(actor=request.user, filing=filing, reasons=form.reasons(),
                                                   note=""),
                _("已将 %(identifier)s 退回备案单位修改。"))


urlpatterns = [
    path("work/<int:pk>/", work_detail, name="work_detail"),
    path("work/<int:pk>/text.pdf", work_text, name="work_text"),
    path("work/<int:pk>/withdraw/", work_withdraw, name="work_withdraw"),
    path("work/<int:pk>/approve-city/", work_approve_city, name="work_approve_city"),
    path("work/<int:pk>/return-city/", work_return_city, name="work_return_city"),
    path("work/<int:pk>/accept/", work_accept, name="work_accept"),
    path("work/<int:pk>/return/", work_return, name="work_return"),
]
