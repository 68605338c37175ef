"""Who may do what with change propagation (registered with the policy), and which flags a person may see.

A flag belongs to an organisation (its owner): the people who act for it see and resolve it (a TC secretariat's
secretary or admin, any member of another kind of organisation, as feedback's handlers). The national
administration's people see every flag and every change; administrators also resolve flags nobody else can (an
owner gone from the platform) and run the propagation by hand. The platform itself (SYSTEM) propagates."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from biaozhun.accounts.policy import administrator, is_signed_in_and_active
from biaozhun.feedback.handlers import organisations_of

from .models import Flag


def acting_for(user: Any) -> list[int]:
    """Ids of the organisations the user acts for (any kind)."""
    return [organisation.pk for organisation in organisations_of(user)]


def _oversees(user: Any) -> bool:
    return (
        user.is_administrator
        or user.is_national_administration_member
    )


# fmt: off
def _work(user: Any, obj: Any) -> bool:
    """The page of flags: anyone acting for an organisation (it lists theirs), and the national administration."""
    return (
        _oversees(user)
        or bool(acting_for(user))
    )


def _view(user: Any, flag: Any) -> bool:
    """A flag: its owner's people and the national administration."""
    return (
        _oversees(user)
        or (flag.owner_id is not None and flag.owner_id in acting_for(user))
    )


def _resolve(user: Any, flag: Any) -> bool:
    """The owner's people resolve a flag; administrators too (an owner no longer on the platform)."""
    return (
        user.is_administrator
        or (flag.owner_id is not None and flag.owner_id in acting_for(user))
    )


def _oversee(user: Any, obj: Any) -> bool:
    """Every change and flag, and how many documents cite a standard: the national administration."""
    return (
        _oversees(user)
    )
# fmt: on


def _flags(user: Any) -> QuerySet:
    """The flags a person may see: their organisations'; all for the national administration; none otherwise."""
    if not is_signed_in_and_active(user):
        return Flag.objects.none()
    if _oversees(user):
        return Flag.objects.all()
    return Flag.objects.filter(owner_id__in=acting_for(user))


RULES = {
    "propagation.work": _work,
    "propagation.view": _view,
    "propagation.resolve": _resolve,
    "propagation.oversee": _oversee,
    "propagation.propagate": administrator,
}
FILTERS = {"propagation.flags": _flags}
DENIALS = {
    "propagation.work": _("引用变更提示发给引用该标准的文件的责任单位：请以所属单位（技术委员会秘书处、主管部门、市场监管部门、"
                          "社会团体或企业）的成员身份登录。"),
    "propagation.resolve": _("引用变更提示由收到提示的单位处理；如提示发错了单位，请联系国家标准委的系统管理员。"),
    "propagation.oversee": _("标准变更的传播情况供国家标准委使用。"),
}
