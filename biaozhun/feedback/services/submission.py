"""Receive implementation feedback: checked, stored with its deadlines in working days, given a tracking number,
and routed at once by the routing table (the platform acts); the person who wrote gets the acknowledgement and the
handler the item, by email queued in the same transaction (core/outbox)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.accounts.models import Language, phone_validator
from biaozhun.catalog.models import Standard
from biaozhun.committees.models import Committee
from biaozhun.core import clock
from biaozhun.core.actors import SYSTEM, user_or_none
from biaozhun.core.errors import ValidationFailed
from biaozhun.rules.feedback import Action, deadlines, new_tracking_number

from .. import events, limits, routing
from ..models import Feedback, FeedbackCategory, FeedbackState
from ..pseudonyms import pseudonym_for
from .attachments import check_files, store
from .states import move

MIN_TEXT = 10
MAX_TEXT = 5000


@dataclass(frozen=True)
class Contact:
    """How to reach a visitor who writes without an account (private: only for their own mail)."""

    name: str
    email: str
    phone: str = ""
    organisation: str = ""


def _contact_problems(contact: Contact | None) -> list[dict[str, str]]:
    if contact is None:
        return [{"field": "name", "message": _("请填写姓名")}, {"field": "email", "message": _("请填写电子邮箱，答复将发送到这里")}]
    problems = []
    if not contact.name.strip() or len(contact.name.strip()) > 100:
        problems.append({"field": "name", "message": _("请填写姓名（不超过 100 字）")})
    try:
        validate_email(contact.email.strip())
    except DjangoValidationError:
        problems.append({"field": "email", "message": _("请填写有效的电子邮箱，例如 name@example.com；答复和查询验证码将发送到这里")})
    if contact.phone.strip():
        try:
            phone_validator(contact.phone.strip())
        except DjangoValidationError as exc:
            problems.append({"field": "phone", "message": str(exc.messages[0])})
    if len(contact.organisation.strip()) > 200:
        problems.append({"field": "organisation", "message": _("工作单位不超过 200 字")})
    return problems


@transaction.atomic
def submit_feedback(*, actor: Any, standard: Standard, category: str, text: str, clause: str = "",
                    contact: Contact | None = None, attachments: list[Any] | tuple = (),
                    language: str = Language.ZH_HANS) -> Feedback:
    """Receive one item from a signed-in person (as their account) or a visitor (with `contact`)."""
    policy.require(actor, "feedback.submit", standard)
    signed_in = user_or_none(actor) is not None
    text, clause = (text or "").strip(), (clause or "").strip()
    problems = []
    if category not in FeedbackCategory.values:
        problems.append({"field": "category", "message": _("请选择反馈类型：%(choices)s") % {
            "choices": "、".join(str(label) for label in FeedbackCategory.labels)}})
    if len(text) < MIN_TEXT:
        problems.append({"field": "text", "message": _("请至少写 %(min)s 个字，说明哪里有问题、在哪一条款") % {
            "min": MIN_TEXT}})
    if len(text) > MAX_TEXT:
        problems.append({"field": "text", "message": _("最多 %(max)s 个字，现有 %(length)s 个；请精简后再提交") % {
            "max": MAX_TEXT, "length": len(text)}})
    if len(clause) > 50:
        problems.append({"field": "clause", "message": _("条款编号不超过 50 字，如 5.2.1")})
    if not signed_in:
        problems += _contact_problems(contact)
    files, file_problems = check_files(list(attachments))
    problems += file_problems
    if problems:
        raise ValidationFailed(_("反馈未能提交，请按提示修改。"), problems)

    today = clock.today()
    due = deadlines(today, limits.limits_for(category), limits.calendar())
    item = Feedback(
        standard=standard, committee=Committee.objects.filter(code=standard.tc_code).first() if standard.tc_code else None,
        author=user_or_none(actor), category=category, clause=clause, text=text, received_at=clock.now(),
        acknowledge_due=due.acknowledge, answer_due=due.answer, deadlines_approximate=due.approximate,
        language=language if language in Language.values else Language.ZH_HANS, updated_at=clock.now())
    if signed_in:
        item.pseudonym = pseudonym_for(user=actor)
    else:
        item.contact_name, item.contact_email = contact.name.strip(), contact.email.strip()
        item.contact_phone, item.contact_organisation = contact.phone.strip(), contact.organisation.strip()
        item.pseudonym = pseudonym_for(email=item.contact_email)
    _save_with_number(item)
    store(item, files)
    events.received(item, actor=actor, attachments=len(files))
    route_by_table(item)
    return item


def _save_with_number(item: Feedback) -> None:
    """Save under a fresh tracking number (drawn again in the unlikely case it is taken)."""
    for _attempt in range(5):
        item.tracking_number = new_tracking_number()
        try:
            with transaction.atomic():
                item.save()
            return
        except IntegrityError:
            if not Feedback.objects.filter(tracking_number=item.tracking_number).exists():
                raise
    raise RuntimeError("could not draw a free tracking number")


def route_by_table(item: Feedback) -> bool:
    """Give a received item to the handler the routing table names (the platform acts); False if there is none
    yet (it stays received; the daily sweep tries again, or the national administration routes it by hand)."""
    if item.state != FeedbackState.RECEIVED:
        return False
    decision = routing.decide(item.standard, item.category)
    if decision is None:
        return False
    item.assigned_to_id = decision.organisation_id
    item.routed_at = clock.now()
    move(item, Action.ROUTE, actor=SYSTEM, organisation=item.assigned_to,
         data={"rule": decision.rule_id, "target": str(decision.target)}, fields=("assigned_to", "routed_at"))
    return True
