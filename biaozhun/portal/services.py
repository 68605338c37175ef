"""Watch-list writes. Watches are a person's own: the policy lets only their owner change them."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.catalog.models import Standard, Status, Tier
from biaozhun.core.errors import ValidationFailed

from .models import Watch

SEARCH_KEYS = ("q", "tier", "status", "ccs")
MAX_WATCHES = 500


def _check_room(user) -> None:
    if user.watches.count() >= MAX_WATCHES:
        message = _("您已关注 %(max)s 项，达到上限；请先在“我的关注”中取消一些，再添加。") % {"max": MAX_WATCHES}
        raise ValidationFailed(message, [{"field": "watch", "message": message}])


@transaction.atomic
def watch_standard(*, actor, standard: Standard, all_editions: bool) -> Watch:
    """Follow this edition, or every edition of its number (new editions included)."""
    policy.require(actor, "portal.watch")
    user = actor
    if all_editions:
        existing = Watch.objects.filter(user=user, kind=Watch.Kind.SERIES, undated=standard.undated).first()
        if existing:
            return existing
        _check_room(user)
        return Watch.objects.create(user=user, kind=Watch.Kind.SERIES, undated=standard.undated, label=standard.undated)
    existing = Watch.objects.filter(user=user, kind=Watch.Kind.EDITION, standard=standard).first()
    if existing:
        return existing
    _check_room(user)
    return Watch.objects.create(user=user, kind=Watch.Kind.EDITION, standard=standard, undated=standard.undated,
                                label=standard.identifier)


def clean_search(params) -> dict[str, str]:
    """The saved-search conditions this app understands, from a query string or dict."""
    query = {key: str(params.get(key, "")).strip() for key in SEARCH_KEYS if str(params.get(key, "")).strip()}
    problems = []
    if query.get("tier") and query["tier"] not in Tier.values:
        problems.append({"field": "tier", "message": _("请选择层级：%(choices)s") % {
            "choices": "、".join(str(label) for label in Tier.labels)}})
    if query.get("status") and query["status"] not in Status.values:
        problems.append({"field": "status", "message": _("请选择状态：%(choices)s") % {
            "choices": "、".join(str(label) for label in Status.labels)}})
    if not query:
        problems.append({"field": "q", "message": _("请输入关键词或标准号，或选择筛选条件")})
    if problems:
        raise ValidationFailed(_("检索条件未能保存，请按提示修改。"), problems)
    return query


@transaction.atomic
def save_search(*, actor, params, label: str = "") -> Watch:
    policy.require(actor, "portal.watch")
    user = actor
    query = clean_search(params)
    _check_room(user)
    label = label.strip() or " · ".join(query.values())
    return Watch.objects.create(user=user, kind=Watch.Kind.SEARCH, query=query, label=label[:200])


@transaction.atomic
def unwatch(*, actor, watch: Watch) -> None:
    policy.require(actor, "portal.manage_watch", watch)
    watch.delete()
