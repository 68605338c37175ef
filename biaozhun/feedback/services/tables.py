"""The tables administrators edit, each change through here with its event (FeedbackSettingEvent): the time limits
per feedback type, the routing rules, the periodic exports' subscriptions. The admin saves through these
(feedback/admin.py); a refused change shows why and writes nothing. Rows are never deleted: a rule or a
subscription is switched off (`active`), so the history of items routed by it keeps its meaning."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.accounts.codes import normalise_tc_code
from biaozhun.accounts.models import Organisation
from biaozhun.catalog.models import Tier
from biaozhun.core.errors import ValidationFailed
from biaozhun.rules.feedback import Limits
from biaozhun.rules.feedback_routing import Target

from .. import events
from ..handlers import EXPORT_KINDS, HANDLER_KINDS
from ..models import ExportFrequency, ExportSubscription, FeedbackTimeLimit, RoutingRule, SettingEventKind

RULE_FIELDS = ("priority", "tier", "category", "tc_prefix", "target", "organisation", "active", "note")
SUBSCRIPTION_FIELDS = ("organisation", "ics_prefixes", "ccs_prefixes", "tc_codes", "frequency", "active")


def _json(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, date):
        return value.isoformat()
    return value


def _apply(row: models.Model, changes: dict[str, Any], allowed: tuple[str, ...]) -> tuple[dict, dict]:
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValueError(f"{type(row).__name__}: fields not changed here: {sorted(unknown)}")
    before, after = {}, {}
    for name, value in changes.items():
        if getattr(row, name) != value:
            before[name], after[name] = _json(getattr(row, name)), _json(value)
            setattr(row, name, value)
    return before, after


@transaction.atomic
def set_time_limit(*, actor: Any, limit: FeedbackTimeLimit, acknowledge_days: int, answer_days: int,
                   reminder_days: int, close_days: int) -> FeedbackTimeLimit:
    """Change one type's limits (items already received keep the deadlines they were given)."""
    policy.require(actor, "feedback.edit_settings")
    try:
        Limits(acknowledge_days, answer_days, reminder_days, close_days)
    except ValueError:
        raise ValidationFailed(_("时限未能保存。"), [{"field": "acknowledge_days", "message": _(
            "各期限至少 1 个工作日，确认期限不能晚于答复期限")}]) from None
    limit = FeedbackTimeLimit.objects.select_for_update().get(pk=limit.pk)
    before, after = _apply(limit, {"acknowledge_days": acknowledge_days, "answer_days": answer_days,
                                   "reminder_days": reminder_days, "close_days": close_days},
                           ("acknowledge_days", "answer_days", "reminder_days", "close_days"))
    if after:
        limit.save()
        events.setting(SettingEventKind.LIMIT_CHANGED, actor=actor, limit=limit, data={"before": before, "after": after})
    return limit


def _rule_problems(data: dict[str, Any]) -> list[dict[str, str]]:
    problems = []
    if data.get("tier") and data["tier"] not in Tier.values:
        problems.append({"field": "tier", "message": _("层级可选：%(choices)s") % {"choices": ", ".join(Tier.values)}})
    if data.get("target") not in {target.value for target in Target}:
        problems.append({"field": "target", "message": _("请选择转办对象")})
    organisation = data.get("organisation")
    if data.get("target") == Target.ORGANISATION and organisation is None:
        problems.append({"field": "organisation", "message": _("“指定单位”须选择单位")})
    if data.get("target") != Target.ORGANISATION and organisation is not None:
        problems.append({"field": "organisation", "message": _("只有“指定单位”的规则选择单位；其他规则按标准查找承办单位")})
    if organisation is not None and organisation.kind not in HANDLER_KINDS:
        problems.append({"field": "organisation", "message": _("请选择技术委员会秘书处、主管部门、市场监管部门、发布团体或国家标准委")})
    return problems


def _clean_rule(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    if data.get("tc_prefix"):
        data["tc_prefix"] = normalise_tc_code(data["tc_prefix"])
    problems = _rule_problems(data)
    if problems:
        raise ValidationFailed(_("转办规则未能保存，请按提示修改。"), problems)
    return data


@transaction.atomic
def add_routing_rule(*, actor: Any, data: dict[str, Any]) -> RoutingRule:
    policy.require(actor, "feedback.edit_settings")
    data = _clean_rule({"tier": "", "category": "", "tc_prefix": "", "organisation": None, "active": True, "note": "",
                        **data})
    rule = RoutingRule.objects.create(**{name: data[name] for name in RULE_FIELDS})
    events.setting(SettingEventKind.RULE_ADDED, actor=actor, rule=rule,
                   data={name: _json(getattr(rule, name)) for name in RULE_FIELDS})
    return rule


@transaction.atomic
def change_routing_rule(*, actor: Any, rule: RoutingRule, changes: dict[str, Any]) -> RoutingRule:
    policy.require(actor, "feedback.edit_settings")
    rule = RoutingRule.objects.select_for_update().get(pk=rule.pk)
    merged = _clean_rule({**{name: getattr(rule, name) for name in RULE_FIELDS}, **changes})
    before, after = _apply(rule, {name: merged[name] for name in changes}, RULE_FIELDS)
    if after:
        rule.save()
        events.setting(SettingEventKind.RULE_CHANGED, actor=actor, rule=rule, data={"before": before, "after": after})
    return rule


def _codes(values: Any, field: str, *, tc: bool = False) -> list[str]:
    if isinstance(values, str):
        values = values.replace("，", ",").replace("、", ",").split(",")
    cleaned = [normalise_tc_code(v) if tc else str(v).strip().upper() for v in values or () if str(v).strip()]
    return list(dict.fromkeys(cleaned))


def _clean_subscription(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    data["ics_prefixes"] = _codes(data.get("ics_prefixes"), "ics_prefixes")
    data["ccs_prefixes"] = _codes(data.get("ccs_prefixes"), "ccs_prefixes")
    data["tc_codes"] = _codes(data.get("tc_codes"), "tc_codes", tc=True)
    problems = []
    organisation: Organisation | None = data.get("organisation")
    if organisation is None or organisation.kind not in EXPORT_KINDS:
        problems.append({"field": "organisation", "message": _("定期导出发给监管部门（主管部门、市场监管部门）或消费者协会")})
    if not (data["ics_prefixes"] or data["ccs_prefixes"] or data["tc_codes"]):
        problems.append({"field": "ics_prefixes", "message": _("请至少填写一个领域：国际标准分类号、中国标准文献分类号或技术委员会，"
                                                               "如 13.120、Y6 或 SAC/TC 46")})
    if data.get("frequency") not in ExportFrequency.values:
        problems.append({"field": "frequency", "message": _("请选择频次")})
    if problems:
        raise ValidationFailed(_("定期导出未能保存，请按提示修改。"), problems)
    return data


@transaction.atomic
def add_subscription(*, actor: Any, data: dict[str, Any]) -> ExportSubscription:
    policy.require(actor, "feedback.edit_settings")
    data = _clean_subscription({"frequency": ExportFrequency.MONTHLY, "active": True, **data})
    subscription = ExportSubscription.objects.create(**{name: data[name] for name in SUBSCRIPTION_FIELDS})
    events.setting(SettingEventKind.SUBSCRIPTION_ADDED, actor=actor, subscription=subscription,
                   data={name: _json(getattr(subscription, name)) for name in SUBSCRIPTION_FIELDS})
    return subscription


@transaction.atomic
def change_subscription(*, actor: Any, subscription: ExportSubscription,
                        changes: dict[str, Any]) -> ExportSubscription:
    policy.require(actor, "feedback.edit_settings")
    subscription = ExportSubscription.objects.select_for_update().get(pk=subscription.pk)
    merged = _clean_subscription({**{name: getattr(subscription, name) for name in SUBSCRIPTION_FIELDS}, **changes})
    before, after = _apply(subscription, {name: merged[name] for name in changes}, SUBSCRIPTION_FIELDS)
    if after:
        subscription.save()
        events.setting(SettingEventKind.SUBSCRIPTION_CHANGED, actor=actor, subscription=subscription,
                       data={"before": before, "after": after})
    return subscription
