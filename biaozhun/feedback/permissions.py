"""Who may do what with implementation feedback (registered with the policy), and which items a person's queue
holds.

Anyone may write (signed in or not) and follow their own item: signed in, or with a code sent to the address they
gave (views check that grant themselves; it is not a role). The handler is the organisation the item is assigned
to; the organisation it was escalated to and the national administration oversee it (they see it and may
reassign it). Nobody but the person who wrote sees who wrote: others see the pseudonym."""

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from biaozhun.accounts.policy import administrator, everyone, is_signed_in_and_active

from .handlers import EXPORT_KINDS, acts_for, handler_organisations, is_national_administration, organisations_of
from .models import Feedback


# fmt: off
def _author(user: Any, item: Any) -> bool:
    return (
        item.author_id is not None
        and item.author_id == user.pk
    )


def _handle(user: Any, item: Any) -> bool:
    """The handler acknowledges, answers, closes, merges, rejects and publishes interpretations."""
    return (
        acts_for(user, item.assigned_to_id)
    )


def _close(user: Any, item: Any) -> bool:
    """An answered item is closed by its handler, or by the person who wrote when the answer satisfies them."""
    return (
        _handle(user, item)
        or _author(user, item)
    )


def _oversees(user: Any, item: Any) -> bool:
    return (
        acts_for(user, item.escalated_to_id)
        or is_national_administration(user)
    )


def _reassign(user: Any, item: Any) -> bool:
    """The handler passes it on (with a reason); those who oversee it send it where it belongs."""
    return (
        _handle(user, item)
        or _oversees(user, item)
    )


def _view(user: Any, item: Any) -> bool:
    """The item's page: the person who wrote (as themself), the handler and those who oversee it."""
    return (
        _author(user, item)
        or _handle(user, item)
        or _oversees(user, item)
    )


def _work(user: Any, obj: Any) -> bool:
    """The work pages (queue, the feedback on one standard): people who act for a handling organisation."""
    return (
        bool(handler_organisations(user))
        or is_national_administration(user)
    )


def _oversee(user: Any, obj: Any) -> bool:
    """The national overview (every handler, overdue and escalated items) and routing by hand."""
    return (
        is_national_administration(user)
    )


def _export(user: Any, subscription: Any) -> bool:
    """A periodic export: its organisation's members (None: "do they receive any?"); administrators."""
    return (
        user.is_administrator
        or (subscription is None and any(o.kind in EXPORT_KINDS for o in organisations_of(user)))
        or (subscription is not None and acts_for(user, subscription.organisation_id))
    )
# fmt: on


def _queue(user: Any) -> QuerySet:
    """Items assigned or escalated to the organisations the user acts for (every item for the national
    administration)."""
    items = Feedback.objects.all()
    if not is_signed_in_and_active(user):
        return items.none()
    if is_national_administration(user):
        return items
    ids = [o.pk for o in organisations_of(user)]
    return items.filter(Q(assigned_to__in=ids) | Q(escalated_to__in=ids))


RULES = {
    "feedback.submit": everyone,  # signed in (as an account) or not (with a name and an address for the answer)
    "feedback.track": everyone,  # ask for a code to follow one's own item
    "feedback.view": _view,
    "feedback.handle": _handle,
    "feedback.close": _close,
    "feedback.reassign": _reassign,
    "feedback.work": _work,
    "feedback.oversee": _oversee,
    "feedback.export": _export,
    "feedback.edit_settings": administrator,
    "feedback.sweep": administrator,
}
PUBLIC_ACTIONS = {"feedback.submit", "feedback.track"}
FILTERS = {"feedback.queue": _queue}
DENIALS = {
    "feedback.handle": _("反馈由承办单位（标准的归口技术委员会秘书处或主管部门）办理；如应由其他单位办理，请改派。"),
    "feedback.reassign": _("只有承办单位、督办单位和国家标准委可以改派反馈。"),
    "feedback.view": _("反馈只向反馈人本人、承办单位、督办单位和国家标准委开放；反馈人可凭查询编号和邮箱验证码查看。"),
    "feedback.work": _("反馈工作台供技术委员会秘书处、主管部门和市场监管部门的工作人员使用。"),
    "feedback.oversee": _("反馈总览供国家标准委使用。"),
    "feedback.export": _("定期导出只发给订阅的监管部门和消费者协会；如需订阅，请联系国家标准委的系统管理员。"),
}
