"""One item's page and what is done on it. The person who wrote sees its state, the answer and the steps taken
(signed in as themself, or with a code's grant in this browser); the handler, those who oversee it and the national
administration see its whole history under the pseudonym and the actions they may take. A view is access → service
→ respond; a refused action shows the page again with the service's message, with the refusal's status."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from biaozhun.accounts import policy
from biaozhun.accounts.models import Organisation
from biaozhun.core import clock
from biaozhun.core.errors import DomainError
from biaozhun.core.files import serve_file
from biaozhun.rules.feedback import Action, allowed_actions, overdue_deadlines

from .. import access
from ..models import Feedback, FeedbackEventKind, Interpretation, InterpretationKind
from ..pseudonyms import shown
from ..selectors import items as selectors
from ..selectors.public import interpretations_of
from ..services import (
    acknowledge_feedback,
    answer_feedback,
    close_feedback,
    merge_feedback,
    publish_interpretation,
    reassign_feedback,
    reject_feedback,
    route_feedback,
    withdraw_interpretation,
)


def item_or_404(request, number: str) -> Feedback:
    item = selectors.item_for_viewer(viewer=request.user, number=number, granted=access.granted(request, number))
    if item is None:
        raise Http404
    return item


def _may(user, item: Feedback) -> dict[str, bool]:
    allowed = set(allowed_actions(item.state))
    handle = policy.can(user, "feedback.handle", item)
    return {
        "handle": handle,
        "acknowledge": handle and Action.ACKNOWLEDGE in allowed,
        "answer": handle and Action.ANSWER in allowed,
        "merge": handle and Action.MERGE in allowed,
        "reject": handle and Action.REJECT in allowed,
        "reassign": Action.REASSIGN in allowed and policy.can(user, "feedback.reassign", item),
        "route": Action.ROUTE in allowed and policy.can(user, "feedback.oversee", item),
        "close": Action.CLOSE in allowed and policy.can(user, "feedback.close", item),
        "publish": handle and item.state in ("answered", "closed") and bool(item.answer),
    }


def render_item(request, item: Feedback, *, status: int = 200, refused: str = "", errors: dict | None = None,
                values: dict | None = None):
    user = request.user
    works = policy.can(user, "feedback.handle", item) or policy.can(user, "feedback.reassign", item)
    is_author = not works  # the person who wrote (signed in or with a grant) sees the author's view
    today = clock.today()
    events = selectors.history(item) if works else selectors.author_history(item)
    context = {
        "item": item, "standard": item.standard, "works": works, "is_author": is_author, "pseudonym": shown(item.pseudonym),
        "events": events, "may": _may(user, item) if works else {"close": policy.can(user, "feedback.close", item)
                                                                 and Action.CLOSE in allowed_actions(item.state)},
        "overdue": overdue_deadlines(item.state, item.acknowledge_due, item.answer_due, today) if works else (),
        "attachments": list(item.attachments.all()),
        "interpretations": [i for i in interpretations_of(standard=item.standard) if i.feedback_id == item.pk],
        "interpretation_kinds": InterpretationKind.choices, "refused": refused, "errors": errors or {},
        "values": values or {}, "handlers": selectors.handler_choices() if works else [],
        "kinds": FeedbackEventKind, "routed_by": selectors.routed_by_table(item) if works else "",
    }
    return render(request, "feedback/item.html", context, status=status)


@require_safe
def item_page(request, number: str):
    return render_item(request, item_or_404(request, number))


def _refused(request, item: Feedback, form: str, exc: DomainError):
    messages.error(request, exc.message)
    errors = {e["field"]: e["message"] for e in getattr(exc, "errors", []) if e.get("field")}
    item.refresh_from_db()
    return render_item(request, item, status=exc.status, refused=form, errors=errors, values=request.POST.dict())


def _version(request) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


DONE = {"acknowledge": _("已确认办理。"), "answer": _("答复已发送给反馈人。"), "merge": _("已合并为重复反馈。"),
        "reject": _("已不予受理，理由已告知反馈人。"), "reassign": _("已改派。"), "route": _("已转办。"),
        "close": _("已办结。")}


@require_POST
def act(request, number: str):
    """The handler's acts: acknowledge, answer, merge, reject."""
    item = item_or_404(request, number)
    action = request.POST.get("action", "")
    version = _version(request)
    try:
        if action == "acknowledge":
            acknowledge_feedback(actor=request.user, item=item, expected_version=version)
        elif action == "answer":
            answer_feedback(actor=request.user, item=item, answer=request.POST.get("answer", ""),
                            expected_version=version)
        elif action == "merge":
            into = selectors.by_number(_number(request.POST.get("into", "")))
            merge_feedback(actor=request.user, item=item, into=into, reason=request.POST.get("reason", ""),
                           expected_version=version)
        elif action == "reject":
            reject_feedback(actor=request.user, item=item, reason=request.POST.get("reason", ""),
                            expected_version=version)
        else:
            raise Http404
    except DomainError as exc:
        return _refused(request, item, action, exc)
    messages.success(request, DONE[action])
    return redirect(item)


def _number(text: str) -> str:
    from biaozhun.rules.feedback import normalise_tracking_number

    return normalise_tracking_number(text) or ""


def _organisation(request) -> Organisation | None:
    try:
        return Organisation.objects.filter(pk=int(request.POST.get("organisation", ""))).first()
    except ValueError:
        return None


@require_POST
def reassign(request, number: str):
    item = item_or_404(request, number)
    try:
        moved = reassign_feedback(actor=request.user, item=item, organisation=_organisation(request),
                                  reason=request.POST.get("reason", ""), expected_version=_version(request))
    except DomainError as exc:
        return _refused(request, item, "reassign", exc)
    messages.success(request, DONE["reassign"])
    return redirect(moved) if policy.can(request.user, "feedback.view", moved) else redirect("feedback:queue")


@require_POST
def route(request, number: str):
    item = item_or_404(request, number)
    try:
        route_feedback(actor=request.user, item=item, organisation=_organisation(request),
                       reason=request.POST.get("reason", ""))
    except DomainError as exc:
        return _refused(request, item, "route", exc)
    messages.success(request, DONE["route"])
    return redirect(item)


@require_POST
def close(request, number: str):
    item = item_or_404(request, number)
    try:
        close_feedback(actor=request.user, item=item, reason=request.POST.get("reason", ""))
    except DomainError as exc:
        return _refused(request, item, "close", exc)
    messages.success(request, DONE["close"])
    return redirect(item)


@require_POST
def interpretation_publish(request, number: str):
    item = item_or_404(request, number)
    try:
        published = publish_interpretation(
            actor=request.user, item=item, kind=request.POST.get("kind", ""), question=request.POST.get("question", ""),
            answer=request.POST.get("answer", ""), clause=request.POST.get("clause", ""))
    except DomainError as exc:
        return _refused(request, item, "publish", exc)
    messages.success(request, _("已在 %(number)s 的页面发布。") % {"number": published.standard.identifier})
    return redirect(item)


@require_POST
def interpretation_withdraw(request, interpretation_id: int):
    interpretation = get_object_or_404(Interpretation.objects.select_related("feedback"), pk=interpretation_id)
    item = item_or_404(request, interpretation.feedback.tracking_number)
    try:
        withdraw_interpretation(actor=request.user, interpretation=interpretation,
                                reason=request.POST.get("reason", ""))
    except DomainError as exc:
        return _refused(request, item, "withdraw", exc)
    messages.success(request, _("解读已撤回。"))
    return redirect(item)


@require_safe
def attachment(request, number: str, attachment_id: int):
    """An attachment, to those who may see the item (never cached; always a download, never shown inline)."""
    item = item_or_404(request, number)
    stored = get_object_or_404(item.attachments, pk=attachment_id)
    return serve_file(stored.file, filename=stored.filename, content_type=stored.content_type, restricted=True)
